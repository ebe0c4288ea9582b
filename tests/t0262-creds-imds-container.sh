#!/bin/sh
# t0262-creds-imds-container: the instance role through a fake IMDSv2
# and the container endpoint with its authorization token file, checked
# against the AWS CLI v2, with no token or secret in the --debug log.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"
. "$top_srcdir/tests/lib-cli-oracle.sh"

SECRET=InstanceSecretEXAMPLEkey0000000000000000
TOKEN=IQoJInstanceSessionTokenEXAMPLE
IMDS_TOKEN=AQAEAImdsTokenEXAMPLE==
AUTH=ContainerAuthTokenEXAMPLE

cat >"$TEST_TMP/aws.json" <<JSON
{"imds": {"access_key": "ASIAINSTANCE", "secret": "$SECRET",
          "session_token": "$TOKEN", "token": "$IMDS_TOKEN",
          "role": "phi-bastion"},
 "container": {"path": "/v2/credentials/task", "auth": "$AUTH",
               "access_key": "ASIATASK", "secret": "$SECRET",
               "session_token": "$TOKEN"}}
JSON
start_responder fake --aws "$TEST_TMP/aws.json"

no_secrets_in() {
	for s in $SECRET $TOKEN $IMDS_TOKEN $AUTH; do
		test_grep_not "$s" "$1" || return 1
	done
}

test_expect_success 'the instance role, IMDSv2 token first' '
	unset AWS_EC2_METADATA_DISABLED &&
	AWS_EC2_METADATA_SERVICE_ENDPOINT=$fake_url \
	    "$NET_TOOL" --debug creds >out 2>debug &&
	test_grep "^provider: iam-role" out &&
	test_grep "^access_key_id: ASIAINSTANCE" out &&
	head -n 1 "$TEST_TMP/fake.log" >first &&
	test_grep "\"method\": \"PUT\"" first &&
	test_grep "\"x-aws-ec2-metadata-token-ttl-seconds\": \"21600\"" first &&
	test_grep "^> x-aws-ec2-metadata-token: REDACTED" debug &&
	no_secrets_in debug
'

if test -n "$AWS_CLI_V2"; then
	test_expect_success 'the AWS CLI v2 finds the same instance role' '
		unset AWS_EC2_METADATA_DISABLED &&
		AWS_EC2_METADATA_SERVICE_ENDPOINT=$fake_url/ same_as_cli
	'
	# (CLI 2.9 predates AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)
	test_expect_success 'the AWS CLI v2 finds the same container credentials' '
		AWS_CONTAINER_CREDENTIALS_FULL_URI=$fake_url/v2/credentials/task \
		    AWS_CONTAINER_AUTHORIZATION_TOKEN=$AUTH same_as_cli &&
		test_grep "^access_key_id: ASIATASK" ours
	'
else
	test_skip 'the AWS CLI v2 finds the same credentials' 'the AWS CLI v2 is not installed'
fi

test_expect_success 'the container endpoint, with the token file' '
	printf "%s" "$AUTH" >auth &&
	AWS_CONTAINER_CREDENTIALS_FULL_URI=$fake_url/v2/credentials/task \
	    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=$PWD/auth \
	    "$NET_TOOL" --debug creds >out 2>debug &&
	test_grep "^provider: container-role" out &&
	test_grep "^access_key_id: ASIATASK" out &&
	test_grep "^> Authorization: REDACTED" debug &&
	no_secrets_in debug
'

test_expect_success 'a container URL to another host over http is refused' '
	AWS_CONTAINER_CREDENTIALS_FULL_URI=http://198.51.100.7/creds \
	    AWS_CONTAINER_AUTHORIZATION_TOKEN=$AUTH \
	    expect_status 255 "$NET_TOOL" creds >out 2>err &&
	test_grep "unsupported host .198.51.100.7." err
'

test_done
