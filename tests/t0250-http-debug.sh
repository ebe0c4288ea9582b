#!/bin/sh
# t0250-http-debug: the --debug log of aws/http shows each request and
# response, their retries and connection reuse, but never a signature, a
# token, a secret key in a body, or a secret query parameter.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

cat >"$TEST_TMP/script.json" <<'JSON'
[{"status": 503, "body": "<Error><Code>ServiceUnavailable</Code></Error>"},
 {"status": 200, "headers": {"x-amzn-RequestId": "req-42",
   "Set-Cookie": "AWSALB=COOKIEVAL"},
  "body": "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIARESULT</AccessKeyId><SecretAccessKey>SECRETVAL/abc+def</SecretAccessKey><SessionToken>TOKENVAL==</SessionToken></Credentials></AssumeRoleResult></AssumeRoleResponse>"}]
JSON
start_responder fake --script "$TEST_TMP/script.json"

test_expect_success 'a request retried after a 503 succeeds' '
	"$NET_TOOL" --debug \
	    --header "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=SIGVALUE0123" \
	    --header "X-Amz-Security-Token: HEADERTOKEN" \
	    --header "X-Amz-Date: 20240101T000000Z" \
	    --body "Action=AssumeRoleWithWebIdentity&WebIdentityToken=WEBTOKVAL&RoleArn=arn" \
	    request POST "$fake_url/?X-Amz-Signature=QUERYSIG&X-Amz-Credential=AKIDEXAMPLE" \
	    >out 2>debug &&
	test_grep "^status 200" out &&
	test_grep "^attempts 2" out
'

test_expect_success 'the log shows lines, headers, retries and reuse' '
	test_grep "^> POST /?X-Amz-Signature=REDACTED&X-Amz-Credential=AKIDEXAMPLE HTTP/1.1" debug &&
	test_grep "^< HTTP/1.1 503" debug &&
	test_grep "^\* retrying in .* after HTTP 503" debug &&
	test_grep "^> X-Amz-Date: 20240101T000000Z" debug &&
	test_grep "Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=REDACTED" debug &&
	test_grep "^> X-Amz-Security-Token: REDACTED" debug &&
	test_grep "^< x-amzn-RequestId: req-42" debug &&
	test_grep "<AccessKeyId>ASIARESULT</AccessKeyId>" debug &&
	test_grep "Re-using existing connection" debug
'

test_expect_success 'no secret value reaches the log' '
	for s in SIGVALUE0123 HEADERTOKEN WEBTOKVAL QUERYSIG SECRETVAL TOKENVAL COOKIEVAL; do
		test_grep_not "$s" debug || return 1
	done
'

test_expect_success 'the response itself is whole' '
	test_grep "<SecretAccessKey>SECRETVAL/abc+def</SecretAccessKey>" out
'

test_expect_success 'without --debug nothing is logged' '
	"$NET_TOOL" request GET "$fake_url/" >out2 2>err2 &&
	test ! -s err2
'

test_done
