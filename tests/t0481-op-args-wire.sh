#!/bin/sh
# t0481-op-args-wire: every argument conversion of the AWS CLI reaches the
# wire as the AWS CLI v2 sends it. Each command goes through hipaa-shell
# and through /usr/bin/aws to a recording responder; method, path, query,
# the headers that carry input, and the body (JSON and query bodies
# compared as values) must be the same. Covers integers and longs,
# floats, --flag / --no-flag, timestamps as ISO 8601 and as epoch
# seconds, blobs as base64 text and as fileb://, lists as words and as
# JSON, shorthand with nesting, file:// with ~, --cli-input-json from
# file://.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

aws_v2=/usr/bin/aws
"$aws_v2" --version 2>/dev/null | grep -q '^aws-cli/2' ||
	skip_all "/usr/bin/aws (AWS CLI v2) is not installed: no peer to compare with"

export AWS_ACCESS_KEY_ID=AKIDWIREEXAMPLE AWS_SECRET_ACCESS_KEY=wire-secret
export AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1 AWS_PAGER=
export AWS_CONFIG_FILE="$TEST_TMP/config" HOME="$TEST_TMP/home"
mkdir -p "$HOME"
: >"$AWS_CONFIG_FILE"

cat >"$TEST_TMP/script.json" <<'JSON'
[{"status": 200, "headers": {"Content-Type": "application/json"},
  "body": "{}"}]
JSON
start_responder fake --script "$TEST_TMP/script.json"
log="$TEST_TMP/fake.log"
: >>"$log"

printf '\000\377\001binary' >"$TEST_TMP/secret.bin"
cat >"$HOME/template.json" <<'JSON'
{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}
JSON
cat >"$TEST_TMP/role.json" <<'JSON'
{"RoleName": "from-file", "AssumeRolePolicyDocument": "{}",
 "MaxSessionDuration": 7200, "Tags": [{"Key": "k", "Value": "v"}]}
JSON

# Compare the last two requests of the log (hipaa-shell's, then the CLI's).
cat >"$TEST_TMP/wire.py" <<'PY'
import base64, json, sys, urllib.parse
reqs = [json.loads(l) for l in open(sys.argv[1])][-2:]
assert len(reqs) == 2, "expected two requests, got %d" % len(reqs)
KEEP = ("content-type", "x-amz-target", "expires", "content-encoding",
        "x-amz-server-side-encryption", "x-amz-meta-source")
def view(r):
    h = r["headers"]
    body = r.get("body")
    if body is None and "body_base64" in r:
        body = base64.b64decode(r["body_base64"]).hex()
    ctype = h.get("content-type", "")
    if body and "json" in ctype:
        body = json.loads(body)
    elif body and "x-www-form-urlencoded" in ctype:
        body = sorted(urllib.parse.parse_qsl(body, keep_blank_values=True))
    query = sorted(urllib.parse.parse_qsl(r["query"], keep_blank_values=True))
    return {"method": r["method"], "path": r["path"], "query": query,
            "headers": {k: h[k].split(";")[0] for k in KEEP if k in h},
            "body": body}
hs, cli = view(reqs[0]), view(reqs[1])
if hs != cli:
    print("hipaa-shell:", json.dumps(hs, indent=1, sort_keys=True))
    print("aws (v2):   ", json.dumps(cli, indent=1, sort_keys=True))
    sys.exit(1)
PY

# same_wire DESC CMD: CMD through both; their requests must match.
same_wire() {
	sw_cmd=$2
	test_expect_success "$1" '
		n0=$(wc -l <"$log") &&
		"$HS_SHELL" --endpoint-url "$fake_url" -c "$sw_cmd" >hs.out 2>hs.err;
		n1=$(wc -l <"$log") && test "$n1" = $((n0 + 1)) &&
		eval "\"\$aws_v2\" --endpoint-url \"\$fake_url\" $sw_cmd" >cli.out 2>cli.err;
		n2=$(wc -l <"$log") && test "$n2" = $((n1 + 1)) &&
		"$fake_python" wire.py "$log"
	'
}

same_wire 'integers and longs (json)' \
    'logs filter-log-events --log-group-name g --start-time 1700000000000 --limit 5 --filter-pattern ERROR'
same_wire 'an integer (query)' \
    'sts assume-role --role-arn arn:aws:iam::123456789012:role/r --role-session-name sess --duration-seconds 900'
same_wire 'shorthand lists of structures' \
    'logs put-log-events --log-group-name g --log-stream-name s --log-events timestamp=1700000000000,message=a timestamp=1700000000001,message=b'
same_wire 'a float, in nested shorthand' \
    'autoscaling put-scaling-policy --auto-scaling-group-name g --policy-name p --policy-type TargetTrackingScaling --target-tracking-configuration PredefinedMetricSpecification={PredefinedMetricType=ASGAverageCPUUtilization},TargetValue=50.5'
same_wire '--no-flag (a boolean in the query string)' \
    's3api list-objects-v2 --bucket b --no-fetch-owner --no-paginate'
same_wire '--flag (a boolean in a JSON body)' \
    'ecr create-repository --repository-name phi-repo --image-scanning-configuration scanOnPush=true'
same_wire 'a timestamp as ISO 8601 (header)' \
    's3api put-object --bucket b --key k --expires 2023-11-14T22:13:20Z --metadata source=ehr --server-side-encryption AES256'
same_wire 'a timestamp as epoch seconds (header)' \
    's3api put-object --bucket b --key k --expires 1700000000'
same_wire 'timestamps as ISO 8601 and epoch seconds (query body)' \
    'autoscaling put-scheduled-update-group-action --auto-scaling-group-name g --scheduled-action-name a --start-time 2030-01-02T03:04:05Z --end-time 1900000000 --desired-capacity 2'
same_wire 'timestamps as ISO 8601 and epoch seconds (JSON body)' \
    'cloudtrail lookup-events --start-time 2023-11-14T22:13:20Z --end-time 1700000100 --no-paginate'
same_wire 'a blob as base64 text' \
    'kms encrypt --key-id alias/phi --plaintext aGVsbG8gUEhJ'
same_wire 'a blob from fileb://' \
    'kms encrypt --key-id alias/phi --plaintext fileb://secret.bin'
same_wire 'a list as space-separated words and file:// with ~' \
    'cloudformation create-stack --stack-name s --template-body file://~/template.json --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --parameters ParameterKey=a,ParameterValue=b'
same_wire 'a list as JSON' \
    "cloudformation create-stack --stack-name s --template-body '{}' --capabilities '[\"CAPABILITY_IAM\"]'"
same_wire 'shorthand with nesting' \
    "ecs create-cluster --cluster-name c --settings name=containerInsights,value=enabled --configuration 'executeCommandConfiguration={logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=g,s3BucketName=b}}'"
same_wire 'a map as shorthand' \
    'lambda tag-resource --resource arn:aws:lambda:us-east-1:123456789012:function:f --tags team=phi,env=test'
same_wire '--cli-input-json from file://, a word overriding it' \
    'iam create-role --cli-input-json file://role.json --role-name from-words'
test_done
