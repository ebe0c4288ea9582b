#!/bin/sh
# t0272-debug-no-secrets: hipaa-shell --debug, end to end (credentials
# from the environment and from an assumed role, a retried request, an
# STS answer carrying credentials, a presigned-style query), logs every
# request and response but never the secret key, the session tokens, a
# signature or the secrets an answer carries. The values are unique
# strings, grepped for in the whole --debug output. (The role credential
# cache, ~/.aws/cli/cache, holds them as the AWS CLI's does: 0600.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

export AWS_ACCESS_KEY_ID=AKIDDEBUGEXAMPLE
export AWS_SECRET_ACCESS_KEY=EnvSecretKeyDoNotLog0123456789
export AWS_SESSION_TOKEN=EnvSessionTokenDoNotLog0123456789
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
export AWS_CONFIG_FILE="$TEST_TMP/config" HOME="$TEST_TMP/home"
mkdir -p "$HOME"
: >"$AWS_CONFIG_FILE"

cat >"$TEST_TMP/script.json" <<'JSON'
[{"status": 503, "body": "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>"},
 {"status": 200, "headers": {"Content-Type": "text/xml", "x-amzn-RequestId": "req-debug-1"},
  "body": "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLEDEBUG</AccessKeyId><SecretAccessKey>RoleSecretKeyDoNotLog0123456789</SecretAccessKey><SessionToken>RoleSessionTokenDoNotLog0123456789</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>req-debug-1</RequestId></ResponseMetadata></AssumeRoleResponse>"}]
JSON
start_responder fake --script "$TEST_TMP/script.json"

# Fail when any secret shows up in the named files.
no_secret_in() {
	for s in EnvSecretKeyDoNotLog EnvSessionTokenDoNotLog \
	    RoleSecretKeyDoNotLog RoleSessionTokenDoNotLog; do
		if grep -n "$s" "$@"; then
			echo "secret '$s' leaked into $*"
			return 1
		fi
	done
	# a signature is 64 hex digits after Signature=
	! grep -n "Signature=[0-9a-f]\{64\}" "$@"
}

test_expect_success 'a retried AssumeRole with --debug' '
	"$HS_SHELL" --debug --endpoint-url "$fake_url" -c "sts assume-role --role-arn arn:aws:iam::123456789012:role/r --role-session-name sess" >out 2>debug &&
	test_grep "^\\* retrying" debug &&
	test_grep "Signature=REDACTED" debug &&
	test_grep "X-Amz-Security-Token: REDACTED" debug &&
	test_grep "req-debug-1" debug
'
test_expect_success 'the debug log holds no secret' '
	no_secret_in debug
'
test_expect_success 'the answer itself is whole on stdout, as the CLI prints it' '
	test_grep "\"SecretAccessKey\": \"RoleSecretKeyDoNotLog0123456789\"" out
'
test_expect_success 'with credentials from an assumed role too' '
	cat >"$AWS_CONFIG_FILE" <<-EOF &&
	[profile base]
	aws_access_key_id = AKIDBASEDEBUG
	aws_secret_access_key = EnvSecretKeyDoNotLogFromFile
	[profile role]
	role_arn = arn:aws:iam::123456789012:role/r
	source_profile = base
	sts_regional_endpoints = regional
	EOF
	printf "[services fake]\nsts =\n  endpoint_url = %s\n" "$fake_url" >>"$AWS_CONFIG_FILE" &&
	(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN &&
	 AWS_ENDPOINT_URL_STS="$fake_url" "$HS_SHELL" --debug --profile role --endpoint-url "$fake_url" -c "sts get-caller-identity" >out2 2>debug2);
	test_grep "Action=AssumeRole" debug2 &&
	no_secret_in debug2
'
test_expect_success 'the role credentials are cached as the CLI does, 0600' '
	for f in "$HOME"/.aws/cli/cache/*.json; do
		test "$(stat -c %a "$f")" = 600 || return 1
	done
'
test_done
