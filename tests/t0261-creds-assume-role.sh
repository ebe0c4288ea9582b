#!/bin/sh
# t0261-creds-assume-role: assume role through the fake STS (which checks
# every SigV4 signature), MFA, the CLI's JSON cache shared both ways with
# the AWS CLI, web identity, and no secret in the --debug log.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"
. "$top_srcdir/tests/lib-cli-oracle.sh"

SRC_SECRET=SourceSecretEXAMPLEkey0000000000000000000
ROLE_SECRET=RoleSecretEXAMPLEkey00000000000000000000
ROLE_TOKEN=FwoGZXIvYXdzEroleTokenEXAMPLE
WEB_TOKEN=eyJhbGciOiJSUzI1NiJ9.webEXAMPLE.sig
ARN=arn:aws:iam::123456789012:role

role() {	# role NAME KEY [extra JSON members]
	printf '"%s/%s": {"access_key": "%s", "secret": "%s", "session_token": "%s"%s}' \
	    "$ARN" "$1" "$2" "$ROLE_SECRET" "$ROLE_TOKEN" "${3-}"
}

cat >"$TEST_TMP/aws.json" <<JSON
{"sts": {"secrets": {"AKIDSOURCE": "$SRC_SECRET"},
         "web_identity_token": "$WEB_TOKEN",
         "roles": {$(role phi-admin ASIAADMIN),
                   $(role phi-mfa ASIAMFA ', "SerialNumber": "arn:aws:iam::123456789012:mfa/ops", "TokenCode": "246810"'),
                   $(role phi-auditor ASIAAUDIT ', "ExternalId": "ext-9"'),
                   $(role ci-web ASIAWEB)}}}
JSON
start_responder sts --aws "$TEST_TMP/aws.json"
export AWS_ENDPOINT_URL_STS="$sts_url" AWS_REGION=us-east-1 \
    AWS_DEFAULT_REGION=us-east-1

cat >"$HOME/.aws/config" <<INI
[profile admin]
role_arn = $ARN/phi-admin
source_profile = base
[profile mfa]
role_arn = $ARN/phi-mfa
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/ops
[profile auditor]
role_arn = $ARN/phi-auditor
source_profile = base
external_id = ext-9
INI
cat >"$HOME/.aws/credentials" <<INI
[base]
aws_access_key_id = AKIDSOURCE
aws_secret_access_key = $SRC_SECRET
INI

no_secrets_in() {
	for s in $SRC_SECRET $ROLE_SECRET $ROLE_TOKEN $WEB_TOKEN 246810; do
		test_grep_not "$s" "$1" || return 1
	done
}

test_expect_success 'a role assumed with the source profile keys' '
	"$NET_TOOL" --debug --profile admin creds >out 2>debug &&
	test_grep "^provider: assume-role" out &&
	test_grep "^access_key_id: ASIAADMIN" out &&
	test_grep "^account_id: 123456789012" out &&
	test_grep "Action=AssumeRole&Version=2011-06-15&RoleArn=" debug &&
	test_grep "Credential=AKIDSOURCE/" debug &&
	no_secrets_in debug
'

test_expect_success 'the answer is cached as the CLI caches it, 0600' '
	ls "$HOME/.aws/cli/cache" >files &&
	test $(wc -l <files) = 1 &&
	test "$(stat -c %a "$HOME/.aws/cli/cache/$(cat files)")" = 600 &&
	test_grep "\"AccessKeyId\":\"ASIAADMIN\"" "$HOME/.aws/cli/cache/$(cat files)" &&
	before=$(responder_count sts) &&
	"$NET_TOOL" --profile admin creds >out &&
	test_grep "^access_key_id: ASIAADMIN" out &&
	test "$(responder_count sts)" = "$before"
'

if test -n "$AWS_CLI_V2"; then
	test_expect_success 'the AWS CLI v2 uses the cache we wrote' '
		cli_export --profile admin &&
		test "$cli_key" = ASIAADMIN
	'
else
	test_skip 'the AWS CLI v2 uses the cache we wrote' 'the AWS CLI v2 is not installed'
fi

if command -v aws >/dev/null 2>&1 && aws --version 2>&1 | grep -q '^aws-cli/1.*botocore/1\.\(3[5-9]\|[4-9][0-9]\)'; then
	test_expect_success 'we use the cache the AWS CLI v1 wrote' '
		aws configure list --profile auditor >cli1.out 2>cli1.err ||
		{ cat cli1.err; false; } &&
		test_grep "UDIT *assume-role" cli1.out &&
		before=$(responder_count sts) &&
		AWS_ENDPOINT_URL_STS=http://127.0.0.1:9 "$NET_TOOL" --profile auditor creds >out &&
		test_grep "^access_key_id: ASIAAUDIT" out &&
		test "$(responder_count sts)" = "$before"
	'
else
	test_skip 'we use the cache the AWS CLI v1 wrote' 'no AWS CLI v1 with AWS_ENDPOINT_URL_STS support'
fi

test_expect_success 'an MFA profile without a code fails before calling STS' '
	before=$(responder_count sts) &&
	expect_status 255 "$NET_TOOL" --profile mfa creds >out 2>err &&
	test_grep "Enter MFA code for arn:aws:iam::123456789012:mfa/ops: " err &&
	test_grep "no MFA code given" err &&
	test "$(responder_count sts)" = "$before"
'

test_expect_success 'with the code it assumes the role, and the code stays out of the log' '
	"$NET_TOOL" --debug --mfa-code 246810 --profile mfa creds >out 2>debug &&
	test_grep "^access_key_id: ASIAMFA" out &&
	test_grep "TokenCode=REDACTED" debug &&
	no_secrets_in debug
'

test_expect_success 'web identity: unsigned, with the token from its file' '
	printf "%s\n" "$WEB_TOKEN" >token &&
	AWS_WEB_IDENTITY_TOKEN_FILE=$PWD/token AWS_ROLE_ARN=$ARN/ci-web \
	    "$NET_TOOL" --debug creds >out 2>debug &&
	test_grep "^provider: assume-role-with-web-identity" out &&
	test_grep "^access_key_id: ASIAWEB" out &&
	test_grep "WebIdentityToken=REDACTED" debug &&
	test_grep_not "^> Authorization" debug &&
	no_secrets_in debug
'

test_expect_success 'STS refusing is an error with its code' '
	sed -i "s/ext-9/ext-wrong/" "$HOME/.aws/config" &&
	expect_status 255 "$NET_TOOL" --profile auditor creds >out 2>err &&
	test_grep "AccessDenied" err
'

test_done
