#!/bin/sh
# t0450-op-dry-run.sh: --dry-run prints each request fully signed and
# sends nothing: "METHOD URL", the headers, a blank line, the body (a file
# body as "<N bytes from PATH>"), with the signature and the session
# token REDACTED and the access key ID shown (DESIGN.md). Nothing listens
# on the endpoint, so a request sent would fail.
. "$top_srcdir/tests/lib.sh"

export AWS_ACCESS_KEY_ID=AKIDDRYRUNEXAMPLE
export AWS_SECRET_ACCESS_KEY=dry-run-secret-key-do-not-print
export AWS_SESSION_TOKEN=dry-run-session-token-do-not-print
export AWS_DEFAULT_REGION=eu-west-1
printf 'hello\n' >"$TEST_TMP/body.txt"

test_expect_success 'a query request (IAM): signed, redacted, not sent' '
	"$HS_SHELL" --dry-run -c "iam get-role --role-name app-role" >out 2>err &&
	head -n 1 out >line1 && echo "POST https://iam.amazonaws.com/" >want &&
	test_cmp want line1 &&
	test_grep "^Host: iam.amazonaws.com\$" out &&
	test_grep "^Authorization: AWS4-HMAC-SHA256 Credential=AKIDDRYRUNEXAMPLE/[0-9]*/us-east-1/iam/aws4_request, SignedHeaders=[a-z;-]*, Signature=REDACTED\$" out &&
	test_grep "^X-Amz-Security-Token: REDACTED\$" out &&
	test_grep "^X-Amz-Date: [0-9]*T[0-9]*Z\$" out &&
	test_grep "^Action=GetRole&Version=2010-05-08&RoleName=app-role\$" out &&
	test_grep_not "do-not-print" out err
'
test_expect_success 'the body follows one blank line after the headers' '
	sed -n "/^\$/{n;p;}" out >body && test_grep "^Action=GetRole" body
'
test_expect_success 'a streamed file body is named, not read' '
	"$HS_SHELL" --dry-run -c "s3api put-object --bucket phi-bucket --key k --body body.txt --server-side-encryption AES256" >out 2>err &&
	test_grep "^PUT https://phi-bucket.s3.eu-west-1.amazonaws.com/k\$" out &&
	test_grep "^x-amz-server-side-encryption: AES256\$" out &&
	test_grep "^<6 bytes from body.txt>\$" out &&
	test_grep_not "hello" out &&
	test_grep_not "do-not-print" out err
'
test_expect_success 'nothing is sent: an unreachable endpoint is not an error' '
	"$HS_SHELL" --dry-run --endpoint-url http://127.0.0.1:9 -c "lambda list-functions" >out 2>err &&
	test_grep "^GET http://127.0.0.1:9/2015-03-31/functions\$" out &&
	test_grep_not "Could not connect" err
'
test_expect_success 'a paginated operation prints its first request only' '
	"$HS_SHELL" --dry-run -c "iam list-roles --page-size 5" >out 2>err &&
	test "$(grep -c "^POST " out)" = 1 &&
	test_grep "^Action=ListRoles&Version=2010-05-08&MaxItems=5\$" out
'
test_expect_success 'a json request (Logs) shows its body' '
	"$HS_SHELL" --dry-run -c "logs create-log-group --log-group-name /phi/app" >out 2>err &&
	test_grep "^X-Amz-Target: Logs_20140328.CreateLogGroup\$" out &&
	test_grep "^{\"logGroupName\":\"/phi/app\"}\$" out
'
test_expect_success 'a dry run still needs credentials (exit 253)' '
	(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN &&
	 "$HS_SHELL" --dry-run -c "iam list-roles" >out 2>err
	 echo $? >rc) && echo 253 >want && test_cmp want rc &&
	test_grep "Unable to locate credentials" err
'
test_expect_success 'a dry run still refuses bad input (exit 252)' '
	"$HS_SHELL" --dry-run -c "iam get-role" >out 2>err; echo $? >rc &&
	echo 252 >want && test_cmp want rc && ! test -s out
'
test_done
