#!/bin/sh
# t0660-sandbox-lambda-blog: the blog's Lambda scenario end to end, with
# the AWS CLI against hipaa-sandbox: a bucket whose policy denies uploads
# without SSE, the function's role (iam create-role, put-role-policy),
# the function zip copied to src/lambda/ in the bucket, create-function
# refusing Runtime nodejs and accepting nodejs20.x, add-permission, the
# bucket notification for data/*.phi (refused before the permission
# exists, accepted after), and an encrypted upload of data/test-001.phi
# whose one execution shows in CloudWatch Logs (START, the handler's own
# output, END), while uploads outside the filters run nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3
require_program node

cd "$TEST_TMP" || exit 99
bucket=phi-intake-blog
export bucket
cat >bucket-policy.json <<JSON
{
  "Version": "2012-10-17",
  "Id": "PutObjPolicy",
  "Statement": [
    {
      "Sid": "DenyIncorrectEncryptionHeader",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::$bucket/*",
      "Condition": { "StringNotEquals": { "s3:x-amz-server-side-encryption": "AES256" } }
    },
    {
      "Sid": "DenyUnEncryptedObjectUploads",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::$bucket/*",
      "Condition": { "Null": { "s3:x-amz-server-side-encryption": "true" } }
    }
  ]
}
JSON
cat >lambda-trust.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "lambda.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}
JSON
cat >lambda-policy.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "arn:aws:logs:*:*:*"
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::$bucket/data/*"
    }
  ]
}
JSON
mkdir src && cat >src/index.js <<'JS'
exports.handler = async (event) => {
  const r = event.Records[0];
  const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
  console.log(`New PHI object: s3://${r.s3.bucket.name}/${key} (${r.s3.object.size} bytes, ${r.eventName})`);
  return { processed: key };
};
JS
python3 -c 'import zipfile; z = zipfile.ZipFile("function.zip", "w", zipfile.ZIP_DEFLATED); z.write("src/index.js", "index.js"); z.close()'
cat >notification.json <<'JSON'
{
  "LambdaFunctionConfigurations": [
    {
      "Id": "phi-upload",
      "LambdaFunctionArn": "arn:aws:lambda:us-east-1:000000000000:function:phi-processor",
      "Events": ["s3:ObjectCreated:*"],
      "Filter": { "Key": { "FilterRules": [
        { "Name": "prefix", "Value": "data/" },
        { "Name": "suffix", "Value": ".phi" }
      ] } }
    }
  ]
}
JSON
echo "patient: Jane Doe, MRN 0001" >test-001.phi

start_sandbox

# The function's log messages, one per line.
log_messages() {
	sbx_aws logs filter-log-events --log-group-name /aws/lambda/phi-processor \
	    --query "events[].message" --output json |
	    python3 -c 'import json,sys; [print(m.rstrip("\n")) for m in json.load(sys.stdin)]'
}

test_expect_success 'the bucket with the SSE-only policy' '
	sbx_aws s3 mb "s3://$bucket" &&
	sbx_aws s3api put-bucket-policy --bucket "$bucket" --policy file://bucket-policy.json
'

test_expect_success 'iam create-role and put-role-policy for the function' '
	sbx_aws iam create-role --role-name lambda-phi-processor \
	    --assume-role-policy-document file://lambda-trust.json >role.json &&
	test_grep "\"Arn\": \"arn:aws:iam::000000000000:role/lambda-phi-processor\"" role.json &&
	sbx_aws iam put-role-policy --role-name lambda-phi-processor \
	    --policy-name phi-processor-access --policy-document file://lambda-policy.json
'

test_expect_success 'the function zip goes to src/lambda/ in the bucket (encrypted: the policy insists)' '
	! sbx_aws s3 cp function.zip "s3://$bucket/src/lambda/function.zip" 2>err &&
	test_grep "AccessDenied" err &&
	sbx_aws s3 cp function.zip "s3://$bucket/src/lambda/function.zip" --sse AES256
'

test_expect_success 'create-function with Runtime nodejs is refused' '
	! sbx_aws lambda create-function --function-name phi-processor \
	    --runtime nodejs --role arn:aws:iam::000000000000:role/lambda-phi-processor \
	    --handler index.handler \
	    --code "S3Bucket=$bucket,S3Key=src/lambda/function.zip" 2>err &&
	test_grep "An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: The runtime parameter of nodejs is no longer supported for creating or updating AWS Lambda functions." err
'

test_expect_success 'create-function with nodejs20.x is accepted' '
	sbx_aws lambda create-function --function-name phi-processor \
	    --runtime nodejs20.x --role arn:aws:iam::000000000000:role/lambda-phi-processor \
	    --handler index.handler --timeout 30 \
	    --code "S3Bucket=$bucket,S3Key=src/lambda/function.zip" --output json >fn.json &&
	test_grep "\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:phi-processor\"" fn.json &&
	test_grep "\"Runtime\": \"nodejs20.x\"" fn.json
'

test_expect_success 'the notification is refused before the function allows S3 to invoke it' '
	! sbx_aws s3api put-bucket-notification-configuration --bucket "$bucket" \
	    --notification-configuration file://notification.json 2>err &&
	test_grep "An error occurred (InvalidArgument) when calling the PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations" err
'

test_expect_success 'lambda add-permission for s3.amazonaws.com on this bucket' '
	sbx_aws lambda add-permission --function-name phi-processor \
	    --statement-id s3-phi-upload --action lambda:InvokeFunction \
	    --principal s3.amazonaws.com --source-arn "arn:aws:s3:::$bucket" \
	    --source-account 000000000000 --output json >perm.json &&
	test_grep "AWS:SourceArn" perm.json
'

test_expect_success 'the notification for data/*.phi is accepted now' '
	sbx_aws s3api put-bucket-notification-configuration --bucket "$bucket" \
	    --notification-configuration file://notification.json &&
	sbx_aws s3api get-bucket-notification-configuration --bucket "$bucket" \
	    --query "LambdaFunctionConfigurations[0].Id" --output text >out &&
	test "$(cat out)" = phi-upload
'

test_expect_success 'an encrypted upload of data/test-001.phi runs the function once' '
	sbx_aws s3 cp test-001.phi "s3://$bucket/data/test-001.phi" --sse AES256 &&
	i=0 &&
	until log_messages >log && grep -q "^END RequestId" log; do
		i=$((i + 1)); test $i -lt 60 || { cat log; return 1; }; sleep 0.5
	done &&
	test "$(grep -c "^START RequestId: " log)" = 1 &&
	test_grep "^START RequestId: [0-9a-f-]\{36\} Version: \$LATEST$" log &&
	test_grep "INFO	New PHI object: s3://$bucket/data/test-001.phi (28 bytes, ObjectCreated:Put)$" log &&
	test_grep "^END RequestId: [0-9a-f-]\{36\}$" log &&
	test_grep "^REPORT RequestId: " log
'

test_expect_success 'logs filter-log-events finds START, the handler output and END of that execution' '
	sbx_aws logs filter-log-events --log-group-name /aws/lambda/phi-processor \
	    --filter-pattern "\"test-001.phi\"" --query "events[].message" --output text >out &&
	test_grep "New PHI object" out &&
	id=$(sed -n "s/^START RequestId: \([0-9a-f-]*\) .*/\1/p" log) &&
	sbx_aws logs filter-log-events --log-group-name /aws/lambda/phi-processor \
	    --filter-pattern "\"$id\"" --query "events[].message" --output text >out &&
	test_grep "START RequestId: $id" out && test_grep "END RequestId: $id" out &&
	test_grep "New PHI object" out
'

test_expect_success 'uploads outside the filters run nothing' '
	sbx_aws s3 cp test-001.phi "s3://$bucket/data/notes.txt" --sse AES256 &&
	sbx_aws s3 cp test-001.phi "s3://$bucket/archive/test-001.phi" --sse AES256 &&
	sbx_aws s3 cp test-001.phi "s3://$bucket/test-001.phi" --sse AES256 &&
	sbx_aws s3 cp test-001.phi "s3://$bucket/data/test-002.phi" --sse AES256 &&
	i=0 &&
	until log_messages >log && grep -q "test-002.phi" log && \
	    test "$(grep -c "^END RequestId" log)" = 2; do
		i=$((i + 1)); test $i -lt 60 || { cat log; return 1; }; sleep 0.5
	done &&
	test "$(grep -c "^START RequestId: " log)" = 2 &&
	test_grep_not "notes.txt" log && test_grep_not "archive/" log &&
	test_grep_not "s3://$bucket/test-001.phi" log
'

test_expect_success 'an unencrypted upload is still refused and runs nothing' '
	! sbx_aws s3 cp test-001.phi "s3://$bucket/data/test-003.phi" 2>err &&
	test_grep "AccessDenied" err &&
	sleep 1 && log_messages >log &&
	test "$(grep -c "^START RequestId: " log)" = 2
'
stop_sandbox
test_done
