#!/bin/sh
# t0650-sandbox-s3-notify: S3 event notifications to Lambda against
# hipaa-sandbox with the AWS CLI: S3's validations of the configuration
# (filters, overlaps, events, destinations that must let S3 invoke them),
# the event records in S3's format for Put, Copy, CompleteMultipartUpload
# and Delete, filters that keep other keys out, and deliveries that stop
# when the function's policy no longer allows them.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3
require_program node

cd "$TEST_TMP" || exit 99
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("fn.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("index.js", """
exports.handler = async (event) => {
  for (const r of event.Records)
    console.log('RECORD ' + JSON.stringify(r));
  return 'ok';
};
""")
PY
cat >trust.json <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
fn=arn:aws:lambda:us-east-1:000000000000:function:on-upload
export fn
config() {
	cat <<-JSON
	{"LambdaFunctionConfigurations":[{"Id":"phi-intake","LambdaFunctionArn":"$fn",
	 "Events":["s3:ObjectCreated:*","s3:ObjectRemoved:*"],
	 "Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"data/"},{"Name":"suffix","Value":".phi"}]}}}]}
	JSON
}
config >config.json

start_sandbox

# Wait until the function's log holds a RECORD line matching $1; the
# matching lines go to records.
wait_record() {
	i=0
	while :; do
		sbx_aws logs filter-log-events --log-group-name /aws/lambda/on-upload \
		    --filter-pattern RECORD --query "events[].message" --output text \
		    2>/dev/null | tr '\t' '\n' | grep "$1" >records && return 0
		i=$((i + 1))
		test $i -lt 60 || return 1
		sleep 0.5
	done
}

test_expect_success 'setup: bucket, role, function' '
	sbx_aws s3 mb s3://intake >/dev/null &&
	sbx_aws iam create-role --role-name on-upload \
	    --assume-role-policy-document file://trust.json >/dev/null &&
	sbx_aws iam attach-role-policy --role-name on-upload --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole &&
	sbx_aws lambda create-function --function-name on-upload --runtime nodejs20.x \
	    --role arn:aws:iam::000000000000:role/on-upload --handler index.handler \
	    --zip-file fileb://fn.zip >/dev/null
'

test_expect_success 'a destination that does not let S3 invoke it is refused' '
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration file://config.json 2>err &&
	test_grep "An error occurred (InvalidArgument) when calling the PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations" err &&
	sbx_aws lambda add-permission --function-name on-upload --statement-id other \
	    --action lambda:InvokeFunction --principal s3.amazonaws.com \
	    --source-arn arn:aws:s3:::another-bucket >/dev/null &&
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration file://config.json 2>err &&
	test_grep "Unable to validate the following destination configurations" err &&
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{\"LambdaFunctionConfigurations\":[{\"LambdaFunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:none\",\"Events\":[\"s3:ObjectCreated:*\"]}]}" 2>err &&
	test_grep "Unable to validate the following destination configurations" err
'

test_expect_success 'the permission for this bucket makes it valid; get answers it' '
	sbx_aws lambda add-permission --function-name on-upload --statement-id s3 \
	    --action lambda:InvokeFunction --principal s3.amazonaws.com \
	    --source-arn arn:aws:s3:::intake --source-account 000000000000 >/dev/null &&
	sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration file://config.json &&
	sbx_aws s3api get-bucket-notification-configuration --bucket intake \
	    --output json >out &&
	test_grep "\"Id\": \"phi-intake\"" out &&
	test_grep "\"LambdaFunctionArn\": \"$fn\"" out &&
	test_grep "\"Name\": \"Prefix\"" out && test_grep "\"Value\": \"data/\"" out &&
	test_grep "\"Name\": \"Suffix\"" out && test_grep "\"Value\": \".phi\"" out
'

test_expect_success 'S3 validations: two prefixes, unknown events, overlaps, other destinations' '
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{\"LambdaFunctionConfigurations\":[{\"LambdaFunctionArn\":\"$fn\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"a/\"},{\"Name\":\"prefix\",\"Value\":\"b/\"}]}}}]}" 2>err &&
	test_grep "(InvalidArgument) when calling the PutBucketNotificationConfiguration operation: Cannot specify more than one prefix rule in a filter." err &&
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{\"LambdaFunctionConfigurations\":[{\"LambdaFunctionArn\":\"$fn\",\"Events\":[\"s3:ObjectCreated:Touch\"]}]}" 2>err &&
	test_grep "The event is not supported for notifications" err &&
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{\"LambdaFunctionConfigurations\":[{\"LambdaFunctionArn\":\"$fn\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"data/\"}]}}},{\"LambdaFunctionArn\":\"$fn\",\"Events\":[\"s3:ObjectCreated:Put\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"data/phi/\"}]}}}]}" 2>err &&
	test_grep "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type." err &&
	! sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{\"QueueConfigurations\":[{\"QueueArn\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"Events\":[\"s3:ObjectCreated:*\"]}]}" 2>err &&
	test_grep "Unable to validate the following destination configurations" err &&
	sbx_aws s3api get-bucket-notification-configuration --bucket intake \
	    --query "LambdaFunctionConfigurations[0].Id" --output text >out &&
	test "$(cat out)" = phi-intake
'

test_expect_success 'a Put under the filters sends S3 event record 2.1' '
	echo "PHI" >rec.phi &&
	sbx_aws s3 cp rec.phi "s3://intake/data/my report.phi" --sse AES256 >/dev/null &&
	wait_record "my+report.phi" &&
	sed -n "s/.*RECORD //p" records | head -n1 >rec.json &&
	python3 - <<-\PY
	import json, re
	r = json.load(open("rec.json"))
	assert r["eventVersion"] == "2.1" and r["eventSource"] == "aws:s3", r
	assert r["awsRegion"] == "us-east-1" and r["eventName"] == "ObjectCreated:Put", r
	assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r["eventTime"]), r
	assert r["userIdentity"]["principalId"] == "000000000000", r
	assert r["requestParameters"]["sourceIPAddress"] == "127.0.0.1", r
	assert re.match(r"[0-9A-F]{16}$", r["responseElements"]["x-amz-request-id"]), r
	s3 = r["s3"]
	assert s3["s3SchemaVersion"] == "1.0" and s3["configurationId"] == "phi-intake", s3
	assert s3["bucket"] == {"name": "intake", "ownerIdentity": {"principalId": "000000000000"}, "arn": "arn:aws:s3:::intake"}, s3
	o = s3["object"]
	assert o["key"] == "data/my+report.phi" and o["size"] == 4, o
	import hashlib
	assert o["eTag"] == hashlib.md5(b"PHI\n").hexdigest(), o
	assert re.match(r"[0-9A-F]{16,}$", o["sequencer"]), o
	PY
'

test_expect_success 'Copy, CompleteMultipartUpload and Delete send their events' '
	sbx_aws s3 cp "s3://intake/data/my report.phi" s3://intake/data/copy.phi \
	    --sse AES256 >/dev/null &&
	wait_record "ObjectCreated:Copy" && test_grep "data/copy.phi" records &&
	dd if=/dev/zero of=big.phi bs=1048576 count=9 2>/dev/null &&
	sbx_aws s3 cp big.phi s3://intake/data/big.phi --sse AES256 >/dev/null &&
	wait_record "ObjectCreated:CompleteMultipartUpload" &&
	test_grep "\"key\":\"data/big.phi\",\"size\":9437184,\"eTag\":\"[0-9a-f]*-2\"" records &&
	sbx_aws s3 rm s3://intake/data/copy.phi >/dev/null &&
	wait_record "ObjectRemoved:Delete" &&
	test_grep "\"object\":{\"key\":\"data/copy.phi\",\"sequencer\"" records
'

test_expect_success 'keys outside the filters send nothing' '
	sbx_aws s3 cp rec.phi s3://intake/data/readme.txt --sse AES256 >/dev/null &&
	sbx_aws s3 cp rec.phi s3://intake/other/x.phi --sse AES256 >/dev/null &&
	sbx_aws s3 cp rec.phi s3://intake/data/sentinel.phi --sse AES256 >/dev/null &&
	wait_record sentinel.phi &&
	wait_record "\"key\":\"" && test_grep_not "readme.txt" records &&
	test_grep_not "other/x.phi" records
'

test_expect_success 'without the permission, deliveries stop (Lambda checks each one)' '
	sbx_aws lambda remove-permission --function-name on-upload --statement-id s3 &&
	sbx_aws s3 cp rec.phi s3://intake/data/after.phi --sse AES256 >/dev/null &&
	sbx_aws lambda add-permission --function-name on-upload --statement-id s3b \
	    --action lambda:InvokeFunction --principal s3.amazonaws.com \
	    --source-arn arn:aws:s3:::intake --source-account 000000000000 >/dev/null &&
	sbx_aws s3 cp rec.phi s3://intake/data/again.phi --sse AES256 >/dev/null &&
	wait_record again.phi &&
	wait_record "\"key\":\"" && test_grep_not "after.phi" records
'

test_expect_success 'an empty configuration removes it; a new bucket of the same name starts empty' '
	sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration "{}" &&
	sbx_aws s3api get-bucket-notification-configuration --bucket intake \
	    --output json >out &&
	test_grep_not LambdaFunctionConfigurations out &&
	sbx_aws s3api put-bucket-notification-configuration --bucket intake \
	    --notification-configuration file://config.json &&
	sbx_aws s3 rb s3://intake --force >/dev/null &&
	sbx_aws s3 mb s3://intake >/dev/null &&
	sbx_aws s3api get-bucket-notification-configuration --bucket intake \
	    --output json >out &&
	test_grep_not LambdaFunctionConfigurations out
'
stop_sandbox
test_done
