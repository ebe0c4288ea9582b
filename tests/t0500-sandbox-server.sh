#!/bin/sh
# t0500-sandbox-server: the hipaa-sandbox program itself: options, the
# loopback default, --host warning, request IDs and S3's headers, the
# request log, TLS with its self-signed certificate, a clean shutdown, the
# temporary data folder removed at exit, one sandbox per data folder.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program curl

test_expect_success '--help prints the usage' '
	"$HS_SANDBOX" --help >out &&
	test_grep "usage: hipaa-sandbox" out
'

test_expect_success 'bad options are refused with exit 2' '
	expect_status 2 "$HS_SANDBOX" --port 70000 2>err &&
	test_grep "invalid --port" err &&
	expect_status 2 "$HS_SANDBOX" --nope 2>err &&
	expect_status 2 "$HS_SANDBOX" stray 2>err &&
	test_grep "unexpected argument" err
'

test_expect_success 'a bad account ID is refused' '
	expect_status 1 "$HS_SANDBOX" --port 0 --account-id 12 2>err &&
	test_grep "must be 12 digits" err
'

start_sandbox --log "$TEST_TMP/req.log"
test_expect_success 'it listens on 127.0.0.1 by default' '
	echo "$SANDBOX_URL" | grep "^http://127\.0\.0\.1:[0-9]*$"
'

test_expect_success 'answers carry x-amz-request-id, x-amz-id-2 and Date' '
	curl -s -D hdr -o body "$SANDBOX_URL/" &&
	test_grep "^HTTP/1.1 403" hdr &&
	test_grep -i "^x-amz-request-id: [0-9A-F]\{16\}" hdr &&
	test_grep -i "^x-amz-id-2: " hdr &&
	test_grep -i "^Date: " hdr &&
	test_grep "<Code>AccessDenied</Code>" body &&
	id=$(sed -n "s/^x-amz-request-id: \([0-9A-F]*\).*/\1/ip" hdr) &&
	test_grep "<RequestId>$id</RequestId>" body
'

test_expect_success 'a service the sandbox does not serve answers NotImplemented' '
	sbx_aws sqs list-queues 2>err; test $? -ne 0 &&
	test_grep "NotImplemented" err
'

test_expect_success 'an S3 feature it does not serve answers NotImplemented (501)' '
	sbx_aws s3 mb s3://feat >/dev/null &&
	! sbx_aws s3api get-bucket-acl --bucket feat 2>err &&
	test_grep "NotImplemented" err &&
	! sbx_aws s3api get-bucket-lifecycle-configuration --bucket feat 2>err &&
	test_grep "NotImplemented" err
'

test_expect_success 'the log has time, service, operation, status, request ID' '
	sbx_aws s3api list-buckets >/dev/null &&
	test_grep "\"service\":\"s3\",\"operation\":\"ListBuckets\"" "$TEST_TMP/req.log" &&
	python3 -c "
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    for k in (\"time\", \"service\", \"operation\", \"status\", \"request_id\"):
        assert k in o, (k, o)
" "$TEST_TMP/req.log"
'

test_expect_success 'the log holds no secret, signature or key name' '
	sbx_aws s3api put-object --bucket feat --key secret-key-name.phi >/dev/null &&
	test_grep_not "secret-key-name" "$TEST_TMP/req.log" &&
	test_grep_not "Signature" "$TEST_TMP/req.log" &&
	test_grep_not "\"test\"" "$TEST_TMP/req.log"
'

test_expect_success 'a second sandbox cannot open the same data folder' '
	expect_status 1 "$HS_SANDBOX" --port 0 --data "$SANDBOX_DATA" 2>err &&
	test_grep "in use by another sandbox" err
'

test_expect_success 'the SSE key is kept with mode 0600' '
	test "$(stat -c %a "$SANDBOX_DATA/sse.key")" = 600 &&
	test "$(stat -c %s "$SANDBOX_DATA/sse.key")" = 32
'
stop_sandbox
rc=$?
test_expect_success 'SIGTERM stops it cleanly' 'test $rc = 0'

if curl -s -o /dev/null --max-time 2 http://127.0.0.1:4566/ 2>/dev/null; then
	test_skip 'without --port it listens on 4566' 'port 4566 is in use here'
else
	test_expect_success 'without --port it listens on 4566' '
		"$HS_SANDBOX" >out 2>&1 &
		pid=$! &&
		{ wait_listening out $pid || { kill $pid; false; }; } &&
		kill $pid && wait $pid &&
		test_grep "^listening on http://127.0.0.1:4566$" out
	'
fi

test_expect_success 'SIGINT stops it cleanly too' '
	"$HS_SANDBOX" --port 0 >out 2>&1 &
	pid=$! &&
	{ wait_listening out $pid || { kill $pid; false; }; } &&
	kill -INT $pid && wait $pid
'

test_expect_success 'without --data a temporary folder is used and removed at exit' '
	mkdir -p "$TEST_TMP/tmpd" &&
	{ TMPDIR=$TEST_TMP/tmpd "$HS_SANDBOX" --port 0 >out 2>&1 & } &&
	pid=$! &&
	{ wait_listening out $pid || { kill $pid; false; }; } &&
	ls "$TEST_TMP/tmpd" | grep "^hipaa-sandbox\." &&
	kill $pid && wait $pid &&
	test -z "$(ls "$TEST_TMP/tmpd")"
'

test_expect_success '--host on a non-loopback address warns' '
	"$HS_SANDBOX" --port 0 --host 0.0.0.0 >out 2>&1 &
	pid=$! &&
	{ wait_listening out $pid || { kill $pid; false; }; } &&
	kill $pid && wait $pid &&
	test_grep "warning: --host: the sandbox is reachable from the network" out
'

test_expect_success '--host 127.0.0.1 does not warn' '
	"$HS_SANDBOX" --port 0 --host 127.0.0.1 >out 2>&1 &
	pid=$! &&
	{ wait_listening out $pid || { kill $pid; false; }; } &&
	kill $pid && wait $pid &&
	test_grep_not warning out
'

start_sandbox --tls
test_expect_success '--tls serves HTTPS with a self-signed certificate in the data folder' '
	echo "$SANDBOX_URL" | grep "^https://127\.0\.0\.1:" &&
	test -f "$SANDBOX_DATA/tls/cert.pem" &&
	test "$(stat -c %a "$SANDBOX_DATA/tls/key.pem")" = 600 &&
	openssl x509 -in "$SANDBOX_DATA/tls/cert.pem" -noout -text >cert.txt &&
	test_grep "IP Address:127.0.0.1" cert.txt &&
	curl -s --cacert "$SANDBOX_DATA/tls/cert.pem" -o /dev/null \
	    -w "%{http_code}" "$SANDBOX_URL/" >code &&
	test "$(cat code)" = 403
'

# botocore 1.36+ (AWS CLI v1 here) sends every upload over HTTPS as an
# aws-chunked body with a trailing checksum
# (STREAMING-UNSIGNED-PAYLOAD-TRAILER); the CLI v2 installed here is
# older and does so when a checksum algorithm is asked for. Both run with
# their default settings.
test_expect_success 'the AWS CLI works over TLS with --ca-bundle' '
	aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$SANDBOX_DATA/tls/cert.pem" \
	    s3 mb s3://tls-bucket &&
	echo over-tls >f.txt &&
	aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$SANDBOX_DATA/tls/cert.pem" \
	    s3 cp f.txt s3://tls-bucket/f.txt &&
	aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$SANDBOX_DATA/tls/cert.pem" \
	    s3 cp s3://tls-bucket/f.txt back.txt &&
	test_cmp f.txt back.txt
'

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: aws-chunked uploads with a trailing checksum over TLS" '
		tls() { $cli --endpoint-url "$SANDBOX_URL" \
		    --ca-bundle "$SANDBOX_DATA/tls/cert.pem" "$@"; } &&
		head -c 3000000 /dev/urandom >c.bin &&
		tls s3api put-object --bucket tls-bucket --key c.bin --body c.bin \
		    --checksum-algorithm CRC32 --debug >out 2>err &&
		test_grep "STREAMING-UNSIGNED-PAYLOAD-TRAILER" err &&
		test_grep "\"ChecksumCRC32\"" out &&
		tls s3 cp s3://tls-bucket/c.bin back.bin &&
		test_cmp c.bin back.bin &&
		tls s3api head-object --bucket tls-bucket --key c.bin >head &&
		test_grep "\"ContentLength\": 3000000" head &&
		test_grep_not "aws-chunked" head
	'
done

test_expect_success 'aws s3 cp sends aws-chunked by default (AWS CLI v1)' '
	echo chunked >c.txt &&
	aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$SANDBOX_DATA/tls/cert.pem" \
	    s3 cp c.txt s3://tls-bucket/c.txt --debug 2>err &&
	test_grep "x-amz-content-sha256:STREAMING-UNSIGNED-PAYLOAD-TRAILER" err &&
	aws --endpoint-url "$SANDBOX_URL" --ca-bundle "$SANDBOX_DATA/tls/cert.pem" \
	    s3 cp s3://tls-bucket/c.txt back.txt &&
	test_cmp c.txt back.txt
'
stop_sandbox

test_done
