#!/bin/sh
# t0590-sandbox-s3-chunked: aws-chunked uploads (S3 "streaming" bodies).
# The AWS CLI sends STREAMING-UNSIGNED-PAYLOAD-TRAILER over HTTPS, for
# single uploads and for each part of a multipart one; SDKs that sign
# each chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, and -TRAILER) are
# played by tests/sandbox-request.py, which chains the chunk signatures
# itself from botocore's seed signature. A tampered chunk, a bad trailer
# signature, a bad trailing checksum and a small chunk are refused with
# S3's errors, and nothing is stored.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
python3 -c "import botocore" 2>/dev/null || skip_all "python3 with botocore is missing"
req="python3 $top_srcdir/tests/sandbox-request.py"

start_sandbox --tls
CA=$SANDBOX_DATA/tls/cert.pem
tls() { aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$CA" "$@"; }
put() { key=$1; shift; $req "$SANDBOX_URL" PUT "/chunky/$key" s3 --cacert "$CA" "$@"; }
tls s3 mb s3://chunky >/dev/null
head -c 30000 /dev/urandom | base64 -w0 >"$TEST_TMP/data.txt"
data=$(cat "$TEST_TMP/data.txt")

for mode in signed signed-trailer unsigned-trailer; do
	export mode
	test_expect_success "$mode chunks: stored byte for byte" '
		put "$mode.txt" --data "$data" --chunked $mode >out &&
		test "$(head -n1 out)" = 200 &&
		tls s3 cp "s3://chunky/$mode.txt" back.txt &&
		printf %s "$data" >want.txt &&
		test_cmp want.txt back.txt &&
		tls s3api head-object --bucket chunky --key "$mode.txt" >head &&
		test_grep "\"ContentLength\": 40000" head
	'
done

test_expect_success 'a tampered chunk is SignatureDoesNotMatch; nothing is stored' '
	put tampered.txt --data "$data" --chunked signed --tamper-chunk 3 >out &&
	test "$(head -n1 out)" = 403 &&
	test_grep "<Code>SignatureDoesNotMatch</Code>" out &&
	test_grep "<StringToSign>AWS4-HMAC-SHA256-PAYLOAD" out &&
	! tls s3api head-object --bucket chunky --key tampered.txt 2>err &&
	test_grep "404" err
'

test_expect_success 'the last chunk tampered with too' '
	put tampered.txt --data "$data" --chunked signed-trailer --tamper-chunk 5 >out &&
	test "$(head -n1 out)" = 403 &&
	test_grep "SignatureDoesNotMatch" out
'

test_expect_success 'a bad trailer signature is SignatureDoesNotMatch' '
	put badsig.txt --data "$data" --chunked signed-trailer \
	    --bad-trailer-signature >out &&
	test "$(head -n1 out)" = 403 &&
	test_grep "<StringToSign>AWS4-HMAC-SHA256-TRAILER" out &&
	! tls s3api head-object --bucket chunky --key badsig.txt 2>/dev/null
'

for mode in signed-trailer unsigned-trailer; do
	export mode
	test_expect_success "$mode: a bad trailing checksum is BadDigest; nothing is stored" '
		put "bad-$mode.txt" --data "$data" --chunked $mode --bad-checksum >out &&
		test "$(head -n1 out)" = 400 &&
		test_grep "<Code>BadDigest</Code>" out &&
		test_grep "The CRC32 you specified did not match" out &&
		! tls s3api head-object --bucket chunky --key "bad-$mode.txt" 2>/dev/null
	'
done

test_expect_success 'a signed chunk under 8 KiB that is not the last is InvalidChunkSizeError' '
	put small.txt --data "$data" --chunked signed --chunk-size 4096 >out &&
	test "$(head -n1 out)" = 400 &&
	test_grep "<Code>InvalidChunkSizeError</Code>" out &&
	test_grep "<Chunk>2</Chunk><BadChunkSize>4096</BadChunkSize>" out &&
	put small.txt --data "$data" --chunked unsigned-trailer --chunk-size 4096 >out &&
	test "$(head -n1 out)" = 200
'

test_expect_success 'aws-chunked leaves Content-Encoding, other codings stay' '
	put gz.txt --data "$data" --chunked signed \
	    --header "Content-Encoding:gzip,aws-chunked" >out &&
	test "$(head -n1 out)" = 200 &&
	tls s3api head-object --bucket chunky --key gz.txt >head &&
	test_grep "\"ContentEncoding\": \"gzip\"" head &&
	tls s3api head-object --bucket chunky --key signed.txt >head &&
	test_grep_not "ContentEncoding" head
'

test_expect_success 'a 20 MiB multipart upload over TLS: every part aws-chunked' '
	head -c 20971520 /dev/urandom >big.bin &&
	tls s3 cp big.bin s3://chunky/big.bin --debug 2>err >/dev/null &&
	test "$(grep -c "x-amz-content-sha256:STREAMING-UNSIGNED-PAYLOAD-TRAILER" err)" -ge 3 &&
	test_grep "UploadPart" err &&
	tls s3 cp s3://chunky/big.bin back.bin &&
	test_cmp big.bin back.bin
'

if test -x /usr/bin/aws && test "$(command -v aws)" != /usr/bin/aws; then
	test_expect_success '/usr/bin/aws: upload-part with a checksum algorithm over TLS' '
		v2() { /usr/bin/aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$CA" \
		    s3api "$@"; } &&
		head -c 5242880 /dev/urandom >p1 && echo tail >p2 &&
		id=$(v2 create-multipart-upload --bucket chunky --key mp \
		    --query UploadId --output text) &&
		e1=$(v2 upload-part --bucket chunky --key mp --upload-id "$id" \
		    --part-number 1 --body p1 --checksum-algorithm CRC32 \
		    --query ETag --output text) &&
		e2=$(v2 upload-part --bucket chunky --key mp --upload-id "$id" \
		    --part-number 2 --body p2 --checksum-algorithm CRC32 \
		    --query ETag --output text) &&
		v2 complete-multipart-upload --bucket chunky --key mp \
		    --upload-id "$id" --multipart-upload \
		    "Parts=[{PartNumber=1,ETag=$e1},{PartNumber=2,ETag=$e2}]" &&
		tls s3 cp s3://chunky/mp back.bin &&
		cat p1 p2 >want.bin &&
		test_cmp want.bin back.bin
	'
fi
stop_sandbox

test_done
