#!/bin/sh
# t0271-request-compression-peer: what goes on the wire for a compressed
# request (CloudWatch PutMetricData, requestcompression trait) is what the
# AWS CLI sends: hipaa-shell and the AWS CLI each send the same 300
# metrics to a recording responder; both bodies are gzipped, marked
# Content-Encoding: gzip, and inflate to the same JSON. (moto_server
# cannot be the peer here: it gunzips such bodies twice and answers 500,
# to the AWS CLI as well.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

aws_cli=$(command -v aws) || skip_all "the AWS CLI (aws) is not installed: no peer to compare with"

export AWS_ACCESS_KEY_ID=AKIDCOMPRESSPEER AWS_SECRET_ACCESS_KEY=peer-secret
export AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1 AWS_PAGER=
export AWS_CONFIG_FILE="$TEST_TMP/config"
: >"$AWS_CONFIG_FILE"

cat >"$TEST_TMP/script.json" <<'JSON'
[{"status": 200, "headers": {"Content-Type": "application/x-amz-json-1.0",
   "x-amzn-RequestId": "req-1"}, "body": "{}"}]
JSON
start_responder fake --script "$TEST_TMP/script.json"

i=0 sep=
{
	printf '['
	while test $i -lt 300; do
		printf '%s{"MetricName": "phi-requests-%04d", "Value": %d, "Unit": "Count"}' "$sep" $i $i
		sep=,
		i=$((i + 1))
	done
	printf ']\n'
} >"$TEST_TMP/big.json"

test_expect_success 'hipaa-shell sends PutMetricData' '
	"$HS_SHELL" --endpoint-url "$fake_url" -c "cloudwatch put-metric-data --namespace PHI --metric-data file://big.json" >out 2>err
'
test_expect_success 'the AWS CLI sends the same call' '
	"$aws_cli" --endpoint-url "$fake_url" cloudwatch put-metric-data --namespace PHI --metric-data file://big.json >out 2>err
'
test_expect_success 'both bodies are gzipped and inflate to the same JSON' '
	"$fake_python" - "$TEST_TMP/fake.log" <<-\PY
	import base64, gzip, json, sys
	reqs = [json.loads(l) for l in open(sys.argv[1])]
	assert len(reqs) == 2, len(reqs)
	bodies = []
	for r in reqs:
	    h = r["headers"]
	    assert h.get("content-encoding") == "gzip", h
	    raw = base64.b64decode(r["body_base64"])
	    assert len(raw) == r["body_len"] and len(raw) < 10240, r["body_len"]
	    bodies.append(json.loads(gzip.decompress(raw)))
	a, b = reqs[0]["headers"], reqs[1]["headers"]
	assert a["x-amz-target"] == b["x-amz-target"], (a, b)
	assert "content-encoding" in a["authorization"], a["authorization"]
	assert bodies[0] == bodies[1], "the inflated bodies differ"
	assert len(bodies[0]["MetricData"]) == 300
	PY
'
test_done
