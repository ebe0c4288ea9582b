#!/bin/sh
# t0530-sandbox-s3-objects: S3 buckets and objects through the AWS CLI,
# each of S3's errors the issue lists, with S3's codes: bucket names and
# location constraints, ranges, conditional requests, Content-MD5, copies,
# multi-object deletes, user metadata, encryption headers, path and
# virtual-hosted style.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
python3 -c "import botocore" 2>/dev/null || skip_all "python3 with botocore is missing"
req="python3 $top_srcdir/tests/sandbox-request.py"

start_sandbox
s3api() { sbx_aws s3api "$@"; }
printf 'hello, world\n' >"$TEST_TMP/hello.txt"

test_expect_success 'InvalidBucketName for names S3 refuses' '
	for name in Bad_Name ab "$(printf "%064d" 0)" -start end- a..b 192.168.1.1 xn--abc; do
		! s3api create-bucket --bucket="$name" 2>err || return 1
		grep -q "InvalidBucketName" err || { cat err; return 1; }
	done
'

test_expect_success 'create-bucket, head-bucket, list-buckets' '
	s3api create-bucket --bucket objs --output json >out &&
	test_grep "\"Location\": \"/objs\"" out &&
	s3api head-bucket --bucket objs &&
	s3api list-buckets --query "Buckets[].Name" --output text >out &&
	test_grep objs out
'

test_expect_success 're-creating your bucket in us-east-1 answers 200 (S3 legacy)' '
	s3api create-bucket --bucket objs
'

test_expect_success 'IllegalLocationConstraintException without a constraint outside us-east-1' '
	! s3api create-bucket --bucket eu-objs --region eu-west-1 2>err &&
	test_grep "IllegalLocationConstraintException" err &&
	test_grep "The unspecified location constraint is incompatible" err
'

test_expect_success 'IllegalLocationConstraintException for a constraint of another region' '
	! s3api create-bucket --bucket eu-objs --region eu-west-1 \
	    --create-bucket-configuration LocationConstraint=eu-central-1 2>err &&
	test_grep "IllegalLocationConstraintException" err
'

test_expect_success 'InvalidLocationConstraint for us-east-1 as a constraint' '
	! s3api create-bucket --bucket use1 \
	    --create-bucket-configuration LocationConstraint=us-east-1 2>err &&
	test_grep "InvalidLocationConstraint" err
'

test_expect_success 'a bucket in eu-west-1: location, and BucketAlreadyOwnedByYou' '
	s3api create-bucket --bucket eu-objs --region eu-west-1 \
	    --create-bucket-configuration LocationConstraint=eu-west-1 &&
	s3api get-bucket-location --bucket eu-objs --output text >out &&
	test_grep eu-west-1 out &&
	s3api get-bucket-location --bucket objs --output json >out &&
	test_grep "\"LocationConstraint\": null" out &&
	! s3api create-bucket --bucket eu-objs --region eu-west-1 \
	    --create-bucket-configuration LocationConstraint=eu-west-1 2>err &&
	test_grep "BucketAlreadyOwnedByYou" err
'

test_expect_success 'NoSuchBucket for a bucket that does not exist' '
	! s3api get-object --bucket nope-bucket --key k out 2>err &&
	test_grep "NoSuchBucket" err &&
	! s3api head-bucket --bucket nope-bucket 2>err &&
	test_grep "404" err
'

test_expect_success 'put-object with metadata; head-object returns it' '
	s3api put-object --bucket objs --key dir/hello.txt --body "$TEST_TMP/hello.txt" \
	    --content-type text/plain --metadata patient=p-1,Kind=Lab \
	    --cache-control no-cache >/dev/null &&
	s3api head-object --bucket objs --key dir/hello.txt --output json >h.json &&
	test_grep "\"ContentType\": \"text/plain\"" h.json &&
	test_grep "\"CacheControl\": \"no-cache\"" h.json &&
	test_grep "\"patient\": \"p-1\"" h.json &&
	test_grep "\"kind\": \"Lab\"" h.json &&
	test_grep "\"ContentLength\": 13" h.json &&
	test_grep "\"ServerSideEncryption\": \"AES256\"" h.json
'

test_expect_success 'NoSuchKey for a key that does not exist (404 Not Found on HEAD)' '
	! s3api get-object --bucket objs --key missing out 2>err &&
	test_grep "NoSuchKey" err &&
	! s3api head-object --bucket objs --key missing 2>err &&
	test_grep "(404)" err
'

test_expect_success 'a byte range answers 206 with Content-Range' '
	s3api get-object --bucket objs --key dir/hello.txt --range bytes=0-4 \
	    part --output json >out &&
	test_grep "\"ContentRange\": \"bytes 0-4/13\"" out &&
	printf hello >want && test_cmp want part &&
	s3api get-object --bucket objs --key dir/hello.txt --range bytes=-6 \
	    part >/dev/null &&
	printf "world\n" >want && test_cmp want part
'

test_expect_success 'InvalidRange for a range past the end' '
	! s3api get-object --bucket objs --key dir/hello.txt --range bytes=100- \
	    part 2>err &&
	test_grep "InvalidRange" err
'

test_expect_success 'If-Match with another ETag is PreconditionFailed' '
	! s3api get-object --bucket objs --key dir/hello.txt --if-match "\"abc\"" \
	    out 2>err &&
	test_grep "PreconditionFailed" err
'

test_expect_success 'If-None-Match with the ETag is 304 Not Modified' '
	etag=$(s3api head-object --bucket objs --key dir/hello.txt --query ETag --output text) &&
	! s3api get-object --bucket objs --key dir/hello.txt --if-none-match "$etag" \
	    out 2>err &&
	test_grep "304" err &&
	s3api get-object --bucket objs --key dir/hello.txt --if-match "$etag" out >/dev/null
'

test_expect_success 'If-Modified-Since in the future is 304; If-Unmodified-Since in the past is 412' '
	! s3api head-object --bucket objs --key dir/hello.txt \
	    --if-modified-since 2099-01-01T00:00:00Z 2>err &&
	test_grep "304" err &&
	! s3api get-object --bucket objs --key dir/hello.txt \
	    --if-unmodified-since 2001-01-01T00:00:00Z out 2>err &&
	test_grep "PreconditionFailed" err
'

test_expect_success 'a conditional date that is not a date is ignored, as S3 and RFC 7232 do' '
	$req "$SANDBOX_URL" GET /objs/dir/hello.txt s3 \
	    --header "If-Modified-Since: not a date" >out &&
	test_grep "^200" out &&
	$req "$SANDBOX_URL" GET /objs/dir/hello.txt s3 \
	    --header "If-Unmodified-Since: Sun, 99 Foo 2001" >out &&
	test_grep "^200" out
'

test_expect_success 'a wrong Content-MD5 is BadDigest; a malformed one InvalidDigest' '
	! s3api put-object --bucket objs --key md5 --body "$TEST_TMP/hello.txt" \
	    --content-md5 1B2M2Y8AsgTpgAmY7PhCfg== 2>err &&
	test_grep "BadDigest" err &&
	! s3api put-object --bucket objs --key md5 --body "$TEST_TMP/hello.txt" \
	    --content-md5 nope 2>err &&
	test_grep "InvalidDigest" err &&
	! s3api head-object --bucket objs --key md5 2>/dev/null &&
	md5=$(openssl md5 -binary "$TEST_TMP/hello.txt" | base64) &&
	s3api put-object --bucket objs --key md5 --body "$TEST_TMP/hello.txt" \
	    --content-md5 "$md5" >/dev/null
'

test_expect_success 'the ETag is the quoted MD5 of the body' '
	want="\"$(openssl md5 -r "$TEST_TMP/hello.txt" | cut -d" " -f1)\"" &&
	got=$(s3api head-object --bucket objs --key md5 --query ETag --output text) &&
	test "$want" = "$got"
'

test_expect_success 'copy-object copies the body and the metadata' '
	s3api copy-object --bucket objs --key copy.txt \
	    --copy-source objs/dir/hello.txt --output json >out &&
	test_grep "\"ETag\"" out &&
	s3api head-object --bucket objs --key copy.txt --output json >h.json &&
	test_grep "\"patient\": \"p-1\"" h.json &&
	s3api get-object --bucket objs --key copy.txt got >/dev/null &&
	test_cmp "$TEST_TMP/hello.txt" got
'

test_expect_success 'copy-object with REPLACE takes the new metadata' '
	s3api copy-object --bucket objs --key copy.txt \
	    --copy-source objs/dir/hello.txt --metadata-directive REPLACE \
	    --metadata new=1 >/dev/null &&
	s3api head-object --bucket objs --key copy.txt --output json >h.json &&
	test_grep "\"new\": \"1\"" h.json &&
	test_grep_not "patient" h.json
'

test_expect_success 'copying an object onto itself unchanged is InvalidRequest' '
	! s3api copy-object --bucket objs --key copy.txt \
	    --copy-source objs/copy.txt 2>err &&
	test_grep "InvalidRequest" err
'

test_expect_success 'copy-object from a missing key is NoSuchKey' '
	! s3api copy-object --bucket objs --key c2 --copy-source objs/none 2>err &&
	test_grep "NoSuchKey" err
'

test_expect_success 'delete-objects deletes several keys and reports each' '
	for k in d1 d2 d3; do s3api put-object --bucket objs --key $k >/dev/null || return 1; done &&
	s3api delete-objects --bucket objs --delete \
	    "{\"Objects\":[{\"Key\":\"d1\"},{\"Key\":\"d2\"},{\"Key\":\"never\"}]}" \
	    --output json >out &&
	test_grep "\"Key\": \"d1\"" out &&
	test_grep "\"Key\": \"never\"" out &&
	! s3api head-object --bucket objs --key d1 2>/dev/null &&
	s3api head-object --bucket objs --key d3 >/dev/null
'

test_expect_success 'delete-object answers success for a missing key, as S3 does' '
	s3api delete-object --bucket objs --key d3 &&
	s3api delete-object --bucket objs --key d3
'

test_expect_success 'delete-objects in Quiet mode reports only the errors' '
	for k in q1 q2; do s3api put-object --bucket objs --key $k >/dev/null || return 1; done &&
	s3api delete-objects --bucket objs --delete \
	    "{\"Objects\":[{\"Key\":\"q1\"},{\"Key\":\"q2\",\"VersionId\":\"v1\"}],\"Quiet\":true}" \
	    --output json >out &&
	test_grep_not "\"Deleted\"" out &&
	test_grep "\"Code\": \"NotImplemented\"" out &&
	test_grep "\"VersionId\": \"v1\"" out &&
	! s3api head-object --bucket objs --key q1 2>/dev/null
'

test_expect_success 'deleting a version (objects are not versioned) keeps the object' '
	! s3api delete-object --bucket objs --key q2 --version-id v1 2>err &&
	test_grep "NotImplemented" err &&
	s3api head-object --bucket objs --key q2 >/dev/null &&
	s3api delete-object --bucket objs --key q2 --version-id null &&
	! s3api head-object --bucket objs --key q2 2>/dev/null
'

test_expect_success 'get-object takes the response-* overrides' '
	s3api get-object --bucket objs --key dir/hello.txt \
	    --response-content-type application/x-phi \
	    --response-cache-control max-age=60 \
	    --response-expires 2044-12-01T16:00:00Z got --output json >out &&
	test_grep "\"ContentType\": \"application/x-phi\"" out &&
	test_grep "\"CacheControl\": \"max-age=60\"" out &&
	test_grep "Thu, 01 Dec 2044 16:00:00 GMT" out &&
	test_cmp "$TEST_TMP/hello.txt" got
'

test_expect_success 'DeleteBucket of a bucket with objects is BucketNotEmpty' '
	! s3api delete-bucket --bucket objs 2>err &&
	test_grep "BucketNotEmpty" err
'

test_expect_success 'delete-bucket removes an empty bucket' '
	s3api create-bucket --bucket gone >/dev/null &&
	s3api delete-bucket --bucket gone &&
	! s3api head-bucket --bucket gone 2>/dev/null
'

test_expect_success 'MetadataTooLarge over 2 KB of user metadata' '
	big=$(head -c 2100 /dev/zero | tr "\\0" x) &&
	! s3api put-object --bucket objs --key meta --metadata "m=$big" 2>err &&
	test_grep "MetadataTooLarge" err
'

test_expect_success 'KeyTooLongError over 1024 bytes' '
	key=$(head -c 1025 /dev/zero | tr "\\0" k) &&
	! s3api put-object --bucket objs --key "$key" 2>err &&
	test_grep "KeyTooLongError" err
'

test_expect_success 'a public ACL is AccessControlListNotSupported (ACLs disabled)' '
	! s3api put-object --bucket objs --key acl --acl public-read 2>err &&
	test_grep "AccessControlListNotSupported" err
'

test_expect_success 'aws:kms with a key ID is stored and returned as an ARN' '
	s3api put-object --bucket objs --key kms --server-side-encryption aws:kms \
	    --ssekms-key-id my-key-id --output json >out &&
	test_grep "\"ServerSideEncryption\": \"aws:kms\"" out &&
	s3api head-object --bucket objs --key kms --output json >h.json &&
	test_grep "\"SSEKMSKeyId\": \"arn:aws:kms:us-east-1:000000000000:key/my-key-id\"" h.json
'

test_expect_success 'an unknown encryption method is InvalidArgument' '
	! s3api put-object --bucket objs --key bad --server-side-encryption bogus 2>err &&
	test_grep "InvalidArgument" err
'

test_expect_success 'customer-provided keys (SSE-C) answer NotImplemented' '
	! s3api put-object --bucket objs --key ssec --sse-customer-algorithm AES256 \
	    --sse-customer-key 01234567890123456789012345678901 2>err &&
	test_grep "NotImplemented" err
'

test_expect_success 'keys with spaces, plus signs and unicode round-trip' '
	for k in "a b+c.txt" "dossier/é ü.txt" "x%y&z=1"; do
		s3api put-object --bucket objs --key "$k" --body "$TEST_TMP/hello.txt" >/dev/null &&
		s3api get-object --bucket objs --key "$k" got >/dev/null &&
		test_cmp "$TEST_TMP/hello.txt" got || return 1
	done &&
	sbx_aws s3 ls "s3://objs/dossier/" >out &&
	test_grep "é ü.txt" out
'

test_expect_success 'virtual-hosted style (BUCKET.localhost:PORT) reaches the bucket' '
	port=${SANDBOX_URL##*:} &&
	$req "$SANDBOX_URL" GET /dir/hello.txt s3 --header "Host:objs.localhost:$port" >out &&
	test_grep "^200" out &&
	test_grep "hello, world" out &&
	$req "$SANDBOX_URL" GET "/?list-type=2" s3 --header "Host:objs.localhost:$port" >out &&
	test_grep "<Name>objs</Name>" out
'

test_expect_success 'answers use S3 namespace and formats' '
	$req "$SANDBOX_URL" GET "/objs?list-type=2&prefix=dir%2F" s3 >out &&
	test_grep "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" out &&
	test_grep "<LastModified>[0-9-]*T[0-9:]*\(\.[0-9]*\)\{0,1\}Z</LastModified>" out &&
	test_grep "<ETag>\(&quot;\|\"\)[0-9a-f]*\(&quot;\|\"\)</ETag>" out
'

test_expect_success 'Put/GetBucketVersioning keep the status (objects are not versioned)' '
	s3api get-bucket-versioning --bucket objs --output json >out &&
	test_grep_not Status out &&
	s3api put-bucket-versioning --bucket objs --versioning-configuration Status=Enabled &&
	s3api get-bucket-versioning --bucket objs --output text >out &&
	test_grep Enabled out &&
	! s3api list-object-versions --bucket objs 2>err &&
	test_grep NotImplemented err
'
stop_sandbox

test_done
