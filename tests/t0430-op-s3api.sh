#!/bin/sh
# t0430-op-s3api.sh: S3 (the rest-xml protocol, streaming bodies, paged
# listings) through hipaa-shell and through the AWS CLI, each against its
# own moto_server, output compared as JSON.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

moto_start hs
moto_start cli

printf 'patient-id,visit\n1,2024-01-01\n' >"$TEST_TMP/visits.csv"
policy='{"Version":"2012-10-17","Statement":[{"Sid":"TLSOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::phi-bucket","arn:aws:s3:::phi-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'
notify='{"LambdaFunctionConfigurations":[{"Id":"on-upload","LambdaFunctionArn":"arn:aws:lambda:eu-west-1:123456789012:function:scan","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"in/"}]}}}]}'

both 's3api create-bucket with a location constraint' \
    's3api create-bucket --bucket phi-bucket --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1'
both 's3api put-object --body --server-side-encryption AES256' \
    's3api put-object --bucket phi-bucket --key in/visits.csv --body visits.csv --server-side-encryption AES256 --region eu-west-1 --metadata source=ehr'
both 's3api head-object' \
    's3api head-object --bucket phi-bucket --key in/visits.csv --region eu-west-1'
for i in 1 2 3 4; do
	both "s3api put-object (object $i)" \
	    "s3api put-object --bucket phi-bucket --key in/part-$i --body visits.csv --region eu-west-1"
done
both 's3api list-objects-v2 over three pages' \
    's3api list-objects-v2 --bucket phi-bucket --page-size 2 --region eu-west-1'
test_expect_success 'hipaa-shell asked for three pages' '
	test "$(grep -c "GET /phi-bucket?list-type=2" "$TEST_TMP/moto-hs.log")" = 3
'
both 's3api list-objects-v2 --max-items (NextToken)' \
    's3api list-objects-v2 --bucket phi-bucket --page-size 2 --max-items 3 --region eu-west-1'
test_expect_success 'the NextToken resumes where it stopped' '
	token=$("$moto_python" -c "import json,sys; print(json.load(open(\"hs.out\"))[\"NextToken\"])") &&
	both_cmd="s3api list-objects-v2 --bucket phi-bucket --page-size 2 --starting-token $token --region eu-west-1" &&
	hs_run "$both_cmd" && cli_run "$both_cmd" && same_result
'
both 's3api list-objects-v2 --no-paginate --max-keys' \
    's3api list-objects-v2 --bucket phi-bucket --max-keys 2 --no-paginate --region eu-west-1'
test_expect_success 's3api get-object OUTFILE' '
	hs_run "s3api get-object --bucket phi-bucket --key in/visits.csv hs-got.csv --region eu-west-1" &&
	cli_run "s3api get-object --bucket phi-bucket --key in/visits.csv cli-got.csv --region eu-west-1" &&
	same_result
'
test_expect_success 'the object is in OUTFILE' '
	test_cmp visits.csv cli-got.csv && test_cmp visits.csv hs-got.csv
'
both 's3api put-bucket-policy' \
    "s3api put-bucket-policy --bucket phi-bucket --policy '$policy' --region eu-west-1"
both 's3api get-bucket-policy' 's3api get-bucket-policy --bucket phi-bucket --region eu-west-1'
both 's3api put-bucket-notification-configuration' \
    "s3api put-bucket-notification-configuration --bucket phi-bucket --notification-configuration '$notify' --region eu-west-1"
both 's3api get-bucket-notification-configuration' \
    's3api get-bucket-notification-configuration --bucket phi-bucket --region eu-west-1'
both 's3api delete-bucket of a full bucket: BucketNotEmpty, exit 254' \
    's3api delete-bucket --bucket phi-bucket --region eu-west-1'
for k in in/visits.csv in/part-1 in/part-2 in/part-3 in/part-4; do
	both "s3api delete-object $k" \
	    "s3api delete-object --bucket phi-bucket --key $k --region eu-west-1"
done
both 's3api head-object of a deleted key: exit 254' \
    's3api head-object --bucket phi-bucket --key in/visits.csv --region eu-west-1'
both 's3api delete-bucket' 's3api delete-bucket --bucket phi-bucket --region eu-west-1'
both 's3api list-objects-v2 of a deleted bucket: NoSuchBucket' \
    's3api list-objects-v2 --bucket phi-bucket --region eu-west-1'
test_done
