#!/bin/sh
# t0270-request-compression: operations with the requestcompression trait
# (CloudWatch PutMetricData) gzip a body of request_min_compression_size_bytes
# (10240 by default) or more and say so in Content-Encoding, as
# botocore's compress.py does; disable_request_compression and the size
# come from the environment or the profile, and a bad size is refused.
# Shown through --dry-run (nothing is sent).
. "$top_srcdir/tests/lib.sh"

export AWS_ACCESS_KEY_ID=AKIDCOMPRESSEXAMPLE
export AWS_SECRET_ACCESS_KEY=compress-secret-key-do-not-print
export AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE="$TEST_TMP/config"
unset AWS_DISABLE_REQUEST_COMPRESSION AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES
: >"$AWS_CONFIG_FILE"

# N metric data entries as JSON, for --metric-data file://.
metrics() {
	i=0 sep=
	printf '['
	while test $i -lt "$1"; do
		printf '%s{"MetricName": "phi-requests-%04d", "Value": 1, "Unit": "Count"}' "$sep" $i
		sep=,
		i=$((i + 1))
	done
	printf ']\n'
}
metrics 300 >"$TEST_TMP/big.json"
metrics 2 >"$TEST_TMP/small.json"
# The same size of Logs events: PutLogEvents has no such trait.
i=0 sep=
{
	printf '['
	while test $i -lt 300; do
		printf '%s{"timestamp": %d, "message": "phi access event number %04d"}' "$sep" $((1700000000000 + i)) $i
		sep=,
		i=$((i + 1))
	done
	printf ']\n'
} >"$TEST_TMP/events.json"

test_expect_success 'a body of 10240 bytes or more is gzipped' '
	"$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://big.json" >out 2>err &&
	test_grep "^Content-Encoding: gzip\$" out &&
	test_grep "^<[0-9]* bytes>\$" out &&
	test_grep_not "phi-requests-0299" out
'
test_expect_success 'a small body is sent as is' '
	"$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://small.json" >out 2>err &&
	test_grep_not "^Content-Encoding" out &&
	test_grep "phi-requests-0001" out
'
test_expect_success 'AWS_DISABLE_REQUEST_COMPRESSION=true turns it off' '
	AWS_DISABLE_REQUEST_COMPRESSION=true "$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://big.json" >out 2>err &&
	test_grep_not "^Content-Encoding" out &&
	test_grep "phi-requests-0299" out
'
test_expect_success 'disable_request_compression in the profile too' '
	printf "[default]\ndisable_request_compression = true\n" >"$AWS_CONFIG_FILE" &&
	"$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://big.json" >out 2>err &&
	test_grep_not "^Content-Encoding" out &&
	: >"$AWS_CONFIG_FILE"
'
test_expect_success 'request_min_compression_size_bytes lowers the threshold' '
	printf "[default]\nrequest_min_compression_size_bytes = 16\n" >"$AWS_CONFIG_FILE" &&
	"$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://small.json" >out 2>err &&
	test_grep "^Content-Encoding: gzip\$" out &&
	AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES=1048576 "$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://big.json" >out 2>err &&
	test_grep_not "^Content-Encoding" out &&
	: >"$AWS_CONFIG_FILE"
'
test_expect_success 'a size out of range is refused before anything is sent' '
	AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES=0 "$HS_SHELL" --dry-run -c "cloudwatch put-metric-data --namespace PHI --metric-data file://small.json" >out 2>err
	test $? -ne 0 &&
	test_grep "request_min_compression_size_bytes" err &&
	test_grep "1 to 1048576" err &&
	! test -s out
'
test_expect_success 'operations without the trait are never compressed' '
	"$HS_SHELL" --dry-run -c "logs put-log-events --log-group-name g --log-stream-name s --log-events file://events.json" >out 2>err &&
	test_grep_not "^Content-Encoding" out
'

test_done
