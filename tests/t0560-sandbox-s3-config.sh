#!/bin/sh
# t0560-sandbox-s3-config: bucket configuration through the AWS CLI:
# default encryption applied to uploads without the header (and restored
# to SSE-S3 when deleted), Block Public Access, tagging, and bucket
# policies refused as S3 refuses them (MalformedPolicy).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

start_sandbox
s3api() { sbx_aws s3api "$@"; }
s3api create-bucket --bucket cfg >/dev/null

test_expect_success 'a new bucket has SSE-S3 default encryption, as S3 gives it' '
	s3api get-bucket-encryption --bucket cfg --output json >out &&
	test_grep "\"SSEAlgorithm\": \"AES256\"" out &&
	s3api put-object --bucket cfg --key plain --output json >put.json &&
	test_grep "\"ServerSideEncryption\": \"AES256\"" put.json
'

test_expect_success 'an aws:kms default applies to uploads without the header' '
	s3api put-bucket-encryption --bucket cfg --server-side-encryption-configuration \
	    "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"arn:aws:kms:us-east-1:000000000000:key/k1\"},\"BucketKeyEnabled\":true}]}" &&
	s3api get-bucket-encryption --bucket cfg --output json >out &&
	test_grep "\"KMSMasterKeyID\": \"arn:aws:kms:us-east-1:000000000000:key/k1\"" out &&
	test_grep "\"BucketKeyEnabled\": true" out &&
	s3api put-object --bucket cfg --key k --output json >put.json &&
	test_grep "\"ServerSideEncryption\": \"aws:kms\"" put.json &&
	test_grep "\"SSEKMSKeyId\": \"arn:aws:kms:us-east-1:000000000000:key/k1\"" put.json &&
	s3api put-object --bucket cfg --key a --server-side-encryption AES256 \
	    --output json >put.json &&
	test_grep "\"ServerSideEncryption\": \"AES256\"" put.json
'

test_expect_success 'delete-bucket-encryption brings back SSE-S3' '
	s3api delete-bucket-encryption --bucket cfg &&
	s3api get-bucket-encryption --bucket cfg --output json >out &&
	test_grep "\"SSEAlgorithm\": \"AES256\"" out &&
	test_grep_not KMSMasterKeyID out
'

test_expect_success 'a KMS key with AES256 is InvalidArgument; an unknown algorithm MalformedXML' '
	! s3api put-bucket-encryption --bucket cfg --server-side-encryption-configuration \
	    "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\",\"KMSMasterKeyID\":\"k\"}}]}" 2>err &&
	test_grep "InvalidArgument" err &&
	! s3api put-bucket-encryption --bucket cfg --server-side-encryption-configuration \
	    "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"DES\"}}]}" 2>err &&
	test_grep "MalformedXML" err
'

test_expect_success 'Block Public Access: on for new buckets, put, get, delete' '
	s3api get-public-access-block --bucket cfg --output json >out &&
	test_grep "\"BlockPublicPolicy\": true" out &&
	s3api put-public-access-block --bucket cfg --public-access-block-configuration \
	    BlockPublicAcls=true,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=true &&
	s3api get-public-access-block --bucket cfg --output json >out &&
	test_grep "\"IgnorePublicAcls\": false" out &&
	test_grep "\"RestrictPublicBuckets\": true" out &&
	s3api delete-public-access-block --bucket cfg &&
	! s3api get-public-access-block --bucket cfg 2>err &&
	test_grep "NoSuchPublicAccessBlockConfiguration" err
'

test_expect_success 'bucket tagging: NoSuchTagSet, put, get, duplicate keys refused' '
	! s3api get-bucket-tagging --bucket cfg 2>err &&
	test_grep "NoSuchTagSet" err &&
	s3api put-bucket-tagging --bucket cfg \
	    --tagging "TagSet=[{Key=phi,Value=true},{Key=owner,Value=team}]" &&
	s3api get-bucket-tagging --bucket cfg --output json >out &&
	test_grep "\"Key\": \"phi\"" out &&
	test_grep "\"Value\": \"team\"" out &&
	! s3api put-bucket-tagging --bucket cfg \
	    --tagging "TagSet=[{Key=a,Value=1},{Key=a,Value=2}]" 2>err &&
	test_grep "InvalidTag" err &&
	! s3api put-bucket-tagging --bucket cfg \
	    --tagging "TagSet=[{Key=aws:x,Value=1}]" 2>err &&
	test_grep "InvalidTag" err &&
	s3api delete-bucket-tagging --bucket cfg &&
	! s3api get-bucket-tagging --bucket cfg 2>/dev/null
'

test_expect_success 'versioning: MalformedXML for a bad status' '
	! s3api put-bucket-versioning --bucket cfg \
	    --versioning-configuration Status=Sometimes 2>err &&
	test_grep "MalformedXML" err &&
	s3api put-bucket-versioning --bucket cfg --versioning-configuration Status=Suspended &&
	s3api get-bucket-versioning --bucket cfg --output text >out &&
	test_grep Suspended out
'

test_expect_success 'NoSuchBucketPolicy before a policy is set' '
	! s3api get-bucket-policy --bucket cfg 2>err &&
	test_grep "NoSuchBucketPolicy" err
'

test_expect_success 'MalformedPolicy for invalid JSON and for invalid documents' '
	! s3api put-bucket-policy --bucket cfg --policy "not json" 2>err &&
	test_grep "MalformedPolicy" err &&
	! s3api put-bucket-policy --bucket cfg --policy "{\"Version\":\"2012-10-17\"" 2>err &&
	test_grep "MalformedPolicy" err &&
	! s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cfg/*\"}]}" 2>err &&
	test_grep "MalformedPolicy" err &&
	test_grep "Effect" err
'

test_expect_success 'MalformedPolicy for a resource outside the bucket' '
	! s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::other/*\"}]}" 2>err &&
	test_grep "MalformedPolicy" err &&
	test_grep "Policy has invalid resource" err &&
	! s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cfg-other/*\"}]}" 2>err &&
	test_grep "Policy has invalid resource" err
'

test_expect_success 'a policy is kept as given and removed by delete-bucket-policy' '
	s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::cfg/*\"}]}" &&
	s3api get-bucket-policy --bucket cfg --output text >out &&
	test_grep "\"Sid\":\"D\"" out &&
	! s3api delete-object --bucket cfg --key plain 2>err &&
	test_grep "AccessDenied" err &&
	s3api delete-bucket-policy --bucket cfg &&
	s3api delete-object --bucket cfg --key plain
'

test_expect_success 'the bucket owner can always change a policy that denies everything' '
	s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::cfg\",\"arn:aws:s3:::cfg/*\"]}]}" &&
	! s3api list-objects-v2 --bucket cfg 2>err &&
	test_grep "AccessDenied" err &&
	s3api get-bucket-policy --bucket cfg >/dev/null &&
	s3api delete-bucket-policy --bucket cfg &&
	s3api list-objects-v2 --bucket cfg >/dev/null
'

test_expect_success 'condition keys: s3:prefix, aws:SecureTransport, aws:SourceIp' '
	s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::cfg\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"secret/*\"}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cfg/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::cfg/ip/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}}]}" &&
	s3api list-objects-v2 --bucket cfg --prefix public/ >/dev/null &&
	! s3api list-objects-v2 --bucket cfg --prefix secret/ 2>err &&
	test_grep "AccessDenied" err &&
	! s3api get-object --bucket cfg --key a out 2>err &&
	test_grep "AccessDenied" err &&
	! s3api put-object --bucket cfg --key ip/x 2>err &&
	test_grep "AccessDenied" err &&
	s3api put-object --bucket cfg --key other/x >/dev/null &&
	s3api delete-bucket-policy --bucket cfg
'
test_expect_success 'condition keys: aws:CurrentTime and the KMS key ID of an upload' '
	s3api put-bucket-policy --bucket cfg --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cfg/old/*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2001-01-01T00:00:00Z\"}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cfg/new/*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2999-01-01T00:00:00Z\"}}},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::cfg/kms/*\",\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":\"arn:aws:kms:us-east-1:000000000000:key/good\"}}}]}" &&
	s3api put-object --bucket cfg --key old/x >/dev/null &&
	s3api put-object --bucket cfg --key new/x >/dev/null &&
	! s3api get-object --bucket cfg --key old/x out 2>err &&
	test_grep "AccessDenied" err &&
	s3api get-object --bucket cfg --key new/x out >/dev/null &&
	! s3api put-object --bucket cfg --key kms/x --server-side-encryption aws:kms \
	    --ssekms-key-id arn:aws:kms:us-east-1:000000000000:key/bad 2>err &&
	test_grep "AccessDenied" err &&
	s3api put-object --bucket cfg --key kms/x --server-side-encryption aws:kms \
	    --ssekms-key-id arn:aws:kms:us-east-1:000000000000:key/good >/dev/null &&
	s3api delete-bucket-policy --bucket cfg
'
stop_sandbox

test_done
