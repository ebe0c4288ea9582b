#!/bin/sh
# t0510-sandbox-auth: every request is authenticated with SigV4 (header
# and presigned forms) and refused with the error AWS gives: a wrong
# secret, an unknown key, a missing signature, a clock skew over 15
# minutes, an expired or tampered presigned URL; anonymous S3 requests
# get only what the bucket policy grants to everyone.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program curl
python3 -c "import botocore" 2>/dev/null || skip_all "python3 with botocore is missing"
req="python3 $top_srcdir/tests/sandbox-request.py"

start_sandbox
sbx_aws s3 mb s3://auth >/dev/null
echo hello >"$TEST_TMP/hello.txt"
sbx_aws s3 cp "$TEST_TMP/hello.txt" s3://auth/hello.txt >/dev/null

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: a wrong secret key is refused (SignatureDoesNotMatch)" '
		! AWS_SECRET_ACCESS_KEY=wrong $cli --endpoint-url "$SANDBOX_URL" \
		    s3 ls s3://auth 2>err &&
		test_grep "SignatureDoesNotMatch" err &&
		! AWS_SECRET_ACCESS_KEY=wrong $cli --endpoint-url "$SANDBOX_URL" \
		    sts get-caller-identity 2>err &&
		test_grep "SignatureDoesNotMatch" err
	'

	test_expect_success "$cli: an unknown access key is InvalidAccessKeyId (S3), InvalidClientTokenId (STS)" '
		! AWS_ACCESS_KEY_ID=AKIAUNKNOWN $cli --endpoint-url "$SANDBOX_URL" \
		    s3 ls s3://auth 2>err &&
		test_grep "InvalidAccessKeyId" err &&
		! AWS_ACCESS_KEY_ID=AKIAUNKNOWN $cli --endpoint-url "$SANDBOX_URL" \
		    sts get-caller-identity 2>err &&
		test_grep "InvalidClientTokenId" err
	'
done

test_expect_success 'S3 lists AWSAccessKeyId and StringToSign in SignatureDoesNotMatch' '
	$req "$SANDBOX_URL" GET /auth s3 --secret wrong >out &&
	test_grep "^403" out &&
	test_grep "<Code>SignatureDoesNotMatch</Code>" out &&
	test_grep "<AWSAccessKeyId>test</AWSAccessKeyId>" out &&
	test_grep "<StringToSign>AWS4-HMAC-SHA256" out
'

test_expect_success 'a clock skew over 15 minutes is RequestTimeTooSkewed' '
	$req "$SANDBOX_URL" GET /auth s3 --skew 1200 >out &&
	test_grep "^403" out &&
	test_grep "<Code>RequestTimeTooSkewed</Code>" out &&
	test_grep "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>" out &&
	$req "$SANDBOX_URL" GET /auth s3 --skew -1200 >out &&
	test_grep "RequestTimeTooSkewed" out
'

test_expect_success 'a clock skew under 15 minutes is accepted' '
	$req "$SANDBOX_URL" GET /auth s3 --skew 600 >out &&
	test_grep "^200" out
'

test_expect_success 'STS without a signature is MissingAuthenticationToken' '
	$req "$SANDBOX_URL" POST / sts --unsigned \
	    --header "Content-Type:application/x-www-form-urlencoded" \
	    --data "Action=GetCallerIdentity&Version=2011-06-15" >out &&
	test_grep "^403" out &&
	test_grep "<Code>MissingAuthenticationToken</Code>" out &&
	test_grep "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">" out
'

test_expect_success 'a Signature Version 2 presigned URL is refused as S3 does' '
	url=$(sbx_aws s3 presign s3://auth/hello.txt) &&
	case "$url" in *AWSAccessKeyId=*) ;; *) echo "not SigV2: $url"; false ;; esac &&
	curl -s "$url" >out &&
	test_grep "<Code>InvalidRequest</Code>" out &&
	test_grep "Please use AWS4-HMAC-SHA256" out
'

# From here on the CLI presigns with SigV4, as S3 requires.
printf "[default]\ns3 =\n    signature_version = s3v4\n" >"$AWS_CONFIG_FILE"

test_expect_success 'an unsigned S3 request is anonymous: AccessDenied' '
	curl -s "$SANDBOX_URL/auth/hello.txt" >out &&
	test_grep "<Code>AccessDenied</Code>" out
'

test_expect_success 'a presigned URL (aws s3 presign) reads the object with curl' '
	url=$(sbx_aws s3 presign s3://auth/hello.txt) &&
	curl -s -f "$url" >got &&
	test_cmp "$TEST_TMP/hello.txt" got
'

test_expect_success 'a tampered presigned URL is SignatureDoesNotMatch' '
	url=$(sbx_aws s3 presign s3://auth/hello.txt) &&
	bad=$(echo "$url" | sed "s/X-Amz-Signature=\(.\)/X-Amz-Signature=0\1/") &&
	curl -s "$(echo "$bad" | sed "s/hello.txt/other.txt/")" >out &&
	test_grep "SignatureDoesNotMatch" out
'

test_expect_success 'an expired presigned URL is refused (AccessDenied)' '
	url=$(sbx_aws s3 presign s3://auth/hello.txt --expires-in 1) &&
	sleep 2 &&
	curl -s "$url" >out &&
	test_grep "<Code>AccessDenied</Code>" out &&
	test_grep "Request has expired" out
'

cat >"$TEST_TMP/public.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow",
 "Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::auth/*"}]}
JSON

test_expect_success 'a public policy is refused while BlockPublicPolicy is on' '
	! sbx_aws s3api put-bucket-policy --bucket auth \
	    --policy "file://$TEST_TMP/public.json" 2>err &&
	test_grep "AccessDenied" err &&
	test_grep "BlockPublicPolicy" err
'

test_expect_success 'with Block Public Access off, the policy grants anonymous reads only' '
	sbx_aws s3api delete-public-access-block --bucket auth &&
	sbx_aws s3api put-bucket-policy --bucket auth \
	    --policy "file://$TEST_TMP/public.json" &&
	curl -s -f "$SANDBOX_URL/auth/hello.txt" >got &&
	test_cmp "$TEST_TMP/hello.txt" got &&
	curl -s "$SANDBOX_URL/auth/missing.txt" >out &&
	test_grep "<Code>AccessDenied</Code>" out &&
	curl -s -X PUT --data x "$SANDBOX_URL/auth/anon.txt" >out &&
	test_grep "<Code>AccessDenied</Code>" out &&
	curl -s "$SANDBOX_URL/auth" >out &&
	test_grep "<Code>AccessDenied</Code>" out
'

test_expect_success 'RestrictPublicBuckets shuts anonymous callers out of a public policy' '
	sbx_aws s3api put-public-access-block --bucket auth \
	    --public-access-block-configuration \
	    BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=true &&
	curl -s "$SANDBOX_URL/auth/hello.txt" >out &&
	test_grep "<Code>AccessDenied</Code>" out &&
	sbx_aws s3 cp s3://auth/hello.txt got >/dev/null &&
	test_cmp "$TEST_TMP/hello.txt" got
'
stop_sandbox

test_done
