#!/bin/sh
# t0595-sandbox-parallel: many clients in parallel against one sandbox.
# Sixteen clients start together and write, read, list, copy and delete
# objects (their own keys, and one key they all write); every answer is
# checked, then the whole bucket: nothing lost, nothing extra, every body
# whole. Requests whose handlers wait for other requests to the same
# sandbox (Lambda functions calling S3 back) must not stop it: with
# handlers on libmicrohttpd's fixed threads, as many such invocations as
# threads hung every client until the functions timed out. The sandbox
# runs with --threads 2 so that four invocations show it. Each run has a
# time limit, so a hang fails instead of blocking the suite.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program timeout
python3 -c "import botocore" 2>/dev/null || skip_all "python3 with botocore is missing"
par="timeout 300 python3 $top_srcdir/tests/sandbox-parallel.py"
cd "$TEST_TMP" || exit 99

start_sandbox --threads 2
test_expect_success '16 parallel clients: every answer right, nothing lost' '
	sbx_aws s3 mb s3://par >/dev/null &&
	$par "$SANDBOX_URL" s3 par 16 >out 2>&1 || { cat out; false; } &&
	test "$(cat out)" = ok
'

test_expect_success 'the AWS CLI sees the same bucket' '
	sbx_aws s3api list-objects-v2 --bucket par --query "length(Contents)" \
	    --output text >n &&
	test "$(cat n)" = 101 &&
	sbx_aws s3 cp s3://par/c3/mp mp >/dev/null &&
	test "$(wc -c <mp)" = $((5 * 1048576 + 99))
'

test_expect_success 'no temporary file is left behind' '
	test -z "$(ls "$SANDBOX_DATA/tmp")"
'

cat >app.py <<'PY'
import time
import botocore.session


def handler(event, context):
    s3 = botocore.session.get_session().create_client("s3")
    prefix = event["prefix"]
    s3.put_object(Bucket="par", Key=prefix + context.aws_request_id,
                  Body=b"here")
    # wait until n calls (of every invocation, and the test's) are in
    while s3.list_objects_v2(Bucket="par", Prefix=prefix)["KeyCount"] \
            < event["n"]:
        time.sleep(0.2)
    return {"ok": True}
PY
cat >trust.json <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
 "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
JSON
cat >role-policy.json <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
 "Action": ["s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
JSON
test_expect_success 'a function that calls S3 back' '
	python3 -c "import zipfile; zipfile.ZipFile(\"fn.zip\", \"w\").write(\"app.py\")" &&
	sbx_aws iam create-role --role-name par-fn \
	    --assume-role-policy-document file://trust.json >/dev/null &&
	sbx_aws iam put-role-policy --role-name par-fn --policy-name s3 \
	    --policy-document file://role-policy.json &&
	sbx_aws lambda create-function --function-name par-fn \
	    --runtime python3.11 --handler app.handler --timeout 120 \
	    --role arn:aws:iam::000000000000:role/par-fn \
	    --zip-file fileb://fn.zip >/dev/null
'

test_expect_success 'more invocations than HTTP threads, each waiting for the others calls' '
	$par "$SANDBOX_URL" lambda par-fn 4 b1/ 4 >out 2>&1 || { cat out; false; } &&
	test "$(cat out)" = ok &&
	sbx_aws s3api list-objects-v2 --bucket par --prefix b1/ \
	    --query "length(Contents)" >n &&
	test "$(cat n)" = 4
'

# Six invocations wait for a seventh object that the script puts only
# after another client was answered.
count_b2() {
	timeout 30 aws --endpoint-url "$SANDBOX_URL" s3api list-objects-v2 \
	    --bucket par --prefix b2/ --query "length(Contents)"
}
test_expect_success 'while six invocations wait, other clients are answered' '
	{ $par "$SANDBOX_URL" lambda par-fn 6 b2/ 7 >out 2>&1 & } &&
	pid=$! &&
	end=$(($(date +%s) + 180)) &&
	until test "$(count_b2 2>/dev/null)" = 6; do
		test "$(date +%s)" -lt $end || break
		sleep 0.5
	done &&
	timeout 60 aws --endpoint-url "$SANDBOX_URL" s3api list-buckets \
	    --query "Buckets[].Name" --output text >names &&
	test_grep par names &&
	echo go | timeout 60 aws --endpoint-url "$SANDBOX_URL" s3 cp - s3://par/b2/go &&
	wait $pid &&
	test "$(cat out)" = ok
'
stop_sandbox
rc=$?
test_expect_success 'the sandbox stopped cleanly' 'test $rc = 0'

test_expect_success 'the store is consistent: one blob per object or part' '
	if command -v sqlite3 >/dev/null; then
		sqlite3 "$SANDBOX_DATA/sandbox.db" "PRAGMA integrity_check;" >out &&
		test_grep "^ok$" out &&
		objs=$(sqlite3 "$SANDBOX_DATA/sandbox.db" "SELECT COUNT(*) FROM s3_objects") &&
		parts=$(sqlite3 "$SANDBOX_DATA/sandbox.db" "SELECT COUNT(*) FROM s3_parts") &&
		files=$(find "$SANDBOX_DATA/blobs" -type f | wc -l) &&
		zips=$(sqlite3 "$SANDBOX_DATA/sandbox.db" "SELECT COUNT(DISTINCT code_blob) FROM lambda_functions") &&
		test "$files" = $((objs + parts + zips))
	fi
'

test_done
