#!/bin/sh
# t0520-sandbox-s3-blog: the blog's S3 steps against hipaa-sandbox with
# the real AWS CLI (v1, and v2 when installed): a bucket whose policy
# denies uploads without SSE really refuses them, and accepts encrypted
# ones.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

start_sandbox
test_expect_success 'the sandbox is listening on a loopback URL' '
	echo "$SANDBOX_URL" | grep "^http://127.0.0.1:[0-9][0-9]*$"
'

cat >"$TEST_TMP/policy.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Id": "PutObjPolicy",
  "Statement": [
    {
      "Sid": "DenyIncorrectEncryptionHeader",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::BUCKET/*",
      "Condition": {
        "StringNotEquals": { "s3:x-amz-server-side-encryption": "AES256" }
      }
    },
    {
      "Sid": "DenyUnEncryptedObjectUploads",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::BUCKET/*",
      "Condition": {
        "Null": { "s3:x-amz-server-side-encryption": "true" }
      }
    }
  ]
}
JSON
echo "PHI test record" >"$TEST_TMP/test-001.phi"

n=0
for cli in $(sandbox_clis); do
	n=$((n + 1))
	b=phi-demo-$n
	export cli b
	sed "s/BUCKET/$b/g" "$TEST_TMP/policy.json" >"$TEST_TMP/policy-$b.json"

	test_expect_success "$cli: s3 mb" '
		$cli --endpoint-url "$SANDBOX_URL" s3 mb "s3://$b" >out &&
		test_grep "make_bucket: $b" out
	'

	test_expect_success "$cli: put-bucket-policy with the SSE statements" '
		$cli --endpoint-url "$SANDBOX_URL" s3api put-bucket-policy \
		    --bucket "$b" --policy "file://$TEST_TMP/policy-$b.json" &&
		$cli --endpoint-url "$SANDBOX_URL" s3api get-bucket-policy \
		    --bucket "$b" >got &&
		test_grep DenyUnEncryptedObjectUploads got
	'

	test_expect_success "$cli: s3 cp without --sse is refused (AccessDenied)" '
		! $cli --endpoint-url "$SANDBOX_URL" s3 cp "$TEST_TMP/test-001.phi" \
		    "s3://$b/data/test-001.phi" >out 2>err &&
		test_grep "AccessDenied" err &&
		! $cli --endpoint-url "$SANDBOX_URL" s3api head-object \
		    --bucket "$b" --key data/test-001.phi 2>/dev/null
	'

	test_expect_success "$cli: s3 cp --sse aws:kms is refused by DenyIncorrectEncryptionHeader" '
		! $cli --endpoint-url "$SANDBOX_URL" s3 cp "$TEST_TMP/test-001.phi" \
		    "s3://$b/data/test-001.phi" --sse aws:kms >out 2>err &&
		test_grep "AccessDenied" err
	'

	test_expect_success "$cli: s3 cp --sse AES256 succeeds" '
		$cli --endpoint-url "$SANDBOX_URL" s3 cp "$TEST_TMP/test-001.phi" \
		    "s3://$b/data/test-001.phi" --sse AES256 >out &&
		test_grep "upload:" out
	'

	test_expect_success "$cli: head-object shows ServerSideEncryption AES256" '
		$cli --endpoint-url "$SANDBOX_URL" s3api head-object --bucket "$b" \
		    --key data/test-001.phi --output json >head.json &&
		test_grep "\"ServerSideEncryption\": \"AES256\"" head.json &&
		test_grep "\"ContentLength\": 16" head.json
	'

	test_expect_success "$cli: put-object --key data/ makes the folder object" '
		$cli --endpoint-url "$SANDBOX_URL" s3api put-object --bucket "$b" \
		    --key data/ --server-side-encryption AES256 --output json >put.json &&
		test_grep "\"ETag\": \"\\\\\"d41d8cd98f00b204e9800998ecf8427e\\\\\"\"" put.json &&
		$cli --endpoint-url "$SANDBOX_URL" s3api list-objects-v2 --bucket "$b" \
		    --output json >list.json &&
		test_grep "\"Key\": \"data/\"" list.json &&
		test_grep "\"Key\": \"data/test-001.phi\"" list.json
	'

	test_expect_success "$cli: put-object --key data/ without SSE is refused" '
		! $cli --endpoint-url "$SANDBOX_URL" s3api put-object --bucket "$b" \
		    --key data/other/ 2>err &&
		test_grep "An error occurred (AccessDenied) when calling the PutObject operation: Access Denied" err
	'

	test_expect_success "$cli: the object reads back" '
		$cli --endpoint-url "$SANDBOX_URL" s3 cp "s3://$b/data/test-001.phi" got &&
		test_cmp "$TEST_TMP/test-001.phi" got
	'
done

stop_sandbox
start_sandbox --log "$TEST_TMP/requests.log"
test_expect_success 'the log has one JSON line per request, the denied ones as 403' '
	! sbx_aws s3 cp "$TEST_TMP/test-001.phi" s3://phi-demo-1/x.phi 2>/dev/null &&
	test_grep "\"operation\":\"PutObject\",\"method\":\"PUT\",\"status\":403,\"error\":\"AccessDenied\"" \
	    "$TEST_TMP/requests.log"
'

stop_sandbox
rc=$?
test_expect_success 'SIGTERM stops the sandbox cleanly (exit status 0)' '
	test $rc = 0
'

test_done
