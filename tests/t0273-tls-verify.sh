#!/bin/sh
# t0273-tls-verify: hipaa-shell verifies TLS peers end to end: a
# self-signed endpoint is refused (exit 255, no request reaches it), trusted
# with --ca-bundle, AWS_CA_BUNDLE or ca_bundle in the profile, and
# reached with --no-verify-ssl only with a warning on stderr.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

command -v openssl >/dev/null || skip_all "openssl(1) is missing: no test certificate"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$TEST_TMP/key.pem" \
    -out "$TEST_TMP/cert.pem" >/dev/null 2>&1 ||
	skip_all "openssl(1) cannot make a test certificate"

export AWS_ACCESS_KEY_ID=AKIDTLSEXAMPLE AWS_SECRET_ACCESS_KEY=tls-secret
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
export AWS_CONFIG_FILE="$TEST_TMP/config"
unset AWS_CA_BUNDLE
: >"$AWS_CONFIG_FILE"

cat >"$TEST_TMP/script.json" <<'JSON'
[{"status": 200, "headers": {"Content-Type": "text/xml"},
  "body": "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/tls</Arn><UserId>AIDATLS</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"}]
JSON
start_responder fake --script "$TEST_TMP/script.json" \
    --tls "$TEST_TMP/cert.pem" "$TEST_TMP/key.pem"
case $fake_url in https://*) ;; *) skip_all "the responder did not start TLS" ;; esac

test_expect_success 'a self-signed endpoint is refused before any request' '
	"$HS_SHELL" --endpoint-url "$fake_url" -c "sts get-caller-identity" >out 2>err
	echo $? >rc && echo 255 >want && test_cmp want rc &&
	test_grep -i "ssl\|certificate" err &&
	test "$(grep -c "\"path\"" "$TEST_TMP/fake.log" 2>/dev/null || echo 0)" = 0 &&
	! test -s out
'
test_expect_success '--ca-bundle trusts it' '
	"$HS_SHELL" --ca-bundle "$TEST_TMP/cert.pem" --endpoint-url "$fake_url" -c "sts get-caller-identity" >out 2>err &&
	test_grep "\"Account\": \"123456789012\"" out &&
	test_grep_not "not verified" err
'
test_expect_success 'AWS_CA_BUNDLE trusts it' '
	AWS_CA_BUNDLE="$TEST_TMP/cert.pem" "$HS_SHELL" --endpoint-url "$fake_url" -c "sts get-caller-identity" >out 2>err &&
	test_grep "\"Account\": \"123456789012\"" out
'
test_expect_success 'ca_bundle in the profile trusts it' '
	printf "[default]\nca_bundle = %s\n" "$TEST_TMP/cert.pem" >"$AWS_CONFIG_FILE" &&
	"$HS_SHELL" --endpoint-url "$fake_url" -c "sts get-caller-identity" >out 2>err &&
	test_grep "\"Account\": \"123456789012\"" out &&
	: >"$AWS_CONFIG_FILE"
'
test_expect_success '--no-verify-ssl reaches it, with a warning' '
	"$HS_SHELL" --no-verify-ssl --endpoint-url "$fake_url" -c "sts get-caller-identity" >out 2>err &&
	test_grep "\"Account\": \"123456789012\"" out &&
	test_grep "TLS certificates are not verified (--no-verify-ssl)" err
'
test_done
