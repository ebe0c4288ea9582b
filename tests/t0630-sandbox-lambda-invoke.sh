#!/bin/sh
# t0630-sandbox-lambda-invoke: Lambda invocations that really run, with
# the AWS CLI against hipaa-sandbox: results and errors as Lambda returns
# them (X-Amz-Function-Error, the error payload), LogType Tail, Event and
# DryRun, timeouts that kill, the function's environment and its role's
# credentials (a handler calling the sandbox as the role), and the log in
# CloudWatch Logs (/aws/lambda/NAME, stream YYYY/MM/DD/[$LATEST]ID,
# START/END/REPORT), which a role without logs permissions does not get.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3
require_program node

cd "$TEST_TMP" || exit 99
python3 - <<'PY'
import zipfile
def z(name, files):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as f:
        for n, text in files.items():
            f.writestr(n, text)
z("node.zip", {"index.js": """
exports.handler = async (event, context) => {
  if (event.blob) return { bloblen: event.blob.length };
  console.log('processing', JSON.stringify(event));
  if (event.fail) throw new Error('cannot read ' + event.fail);
  if (event.sleep) await new Promise(r => setTimeout(r, event.sleep));
  return { ok: true, stage: process.env.STAGE,
    fn: process.env.AWS_LAMBDA_FUNCTION_NAME,
    mem: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    stream: context.logStreamName, id: context.awsRequestId,
    arn: context.invokedFunctionArn, key: process.env.AWS_ACCESS_KEY_ID.slice(0, 4) };
};
"""})
z("py.zip", {"app.py": """
import os
import boto3

def handler(event, context):
    print("caller check")
    ident = boto3.client("sts").get_caller_identity()
    s3 = boto3.client("s3")
    try:
        s3.list_buckets()
        listed = "allowed"
    except Exception as e:
        listed = type(e).__name__ + ":" + str(e)
    return {"arn": ident["Arn"], "listed": listed}
"""})
z("java.zip", {"Handler.java": "class Handler {}"})
PY
cat >trust.json <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON

start_sandbox
role=arn:aws:iam::000000000000:role/lambda-phi
export role

b64d() { python3 -c 'import base64,sys; sys.stdout.write(base64.b64decode(sys.stdin.read()).decode())'; }

test_expect_success 'setup: a role with the basic execution policy, one without' '
	sbx_aws iam create-role --role-name lambda-phi \
	    --assume-role-policy-document file://trust.json >/dev/null &&
	sbx_aws iam attach-role-policy --role-name lambda-phi --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole &&
	sbx_aws iam create-role --role-name no-logs \
	    --assume-role-policy-document file://trust.json >/dev/null &&
	sbx_aws lambda create-function --function-name worker --runtime nodejs20.x \
	    --role "$role" --handler index.handler --zip-file fileb://node.zip \
	    --timeout 2 --memory-size 256 --environment "Variables={STAGE=test}" >/dev/null
'

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: invoke answers the handler's result" '
		printf "%s" "{\"key\":\"data/test-001.phi\"}" >event.json &&
		$cli --endpoint-url "$SANDBOX_URL" lambda invoke --function-name worker \
		    --payload fileb://event.json result.json >meta &&
		test_grep "\"StatusCode\": 200" meta &&
		test_grep "\"ExecutedVersion\": \"\$LATEST\"" meta &&
		test_grep_not FunctionError meta &&
		python3 -c "import json; r=json.load(open(\"result.json\")); assert r[\"ok\"] and r[\"stage\"]==\"test\" and r[\"fn\"]==\"worker\" and r[\"mem\"]==\"256\" and r[\"key\"]==\"ASIA\", r; assert r[\"arn\"]==\"arn:aws:lambda:us-east-1:000000000000:function:worker\", r"
	'
done

test_expect_success 'LogType Tail answers the log: START, the handler output, END, REPORT' '
	sbx_aws lambda invoke --function-name worker --payload "{\"n\":1}" \
	    --log-type Tail --query LogResult --output text result.json >tail.b64 &&
	b64d <tail.b64 >tail &&
	test_grep "^START RequestId: [0-9a-f-]\{36\} Version: \$LATEST$" tail &&
	test_grep "	INFO	processing {\"n\":1}$" tail &&
	test_grep "^END RequestId: [0-9a-f-]\{36\}$" tail &&
	test_grep "^REPORT RequestId: [0-9a-f-]\{36\}	Duration: [0-9]*\.[0-9][0-9] ms	Billed Duration: [0-9]* ms	Memory Size: 256 MB	Max Memory Used: [0-9]* MB	Init Duration: [0-9.]* ms	$" tail
'

test_expect_success 'a thrown error: FunctionError Unhandled and the error as Node.js shapes it' '
	sbx_aws lambda invoke --function-name worker --payload "{\"fail\":\"x.phi\"}" \
	    result.json >meta &&
	test_grep "\"FunctionError\": \"Unhandled\"" meta &&
	python3 -c "import json; r=json.load(open(\"result.json\")); assert r[\"errorType\"]==\"Error\" and r[\"errorMessage\"]==\"cannot read x.phi\" and r[\"trace\"][0]==\"Error: cannot read x.phi\", r; assert \"/var/task/index.js\" in r[\"trace\"][1], r"
'

test_expect_success 'a handler past its timeout is killed: Task timed out after 2.00 seconds' '
	sbx_aws lambda invoke --function-name worker --payload "{\"sleep\":60000}" \
	    --log-type Tail result.json >meta &&
	test_grep "\"FunctionError\": \"Unhandled\"" meta &&
	test_grep "\"errorType\":\"Sandbox.Timedout\"" result.json &&
	test_grep "Error: Task timed out after 2.00 seconds" result.json &&
	python3 -c "import json,base64; print(base64.b64decode(json.load(open(\"meta\"))[\"LogResult\"]).decode())" >tail &&
	test_grep "Z [0-9a-f-]\{36\} Task timed out after 2.00 seconds" tail &&
	test_grep "Duration: 2000.00 ms.*Status: timeout" tail
'

test_expect_success 'the log is in /aws/lambda/worker, stream YYYY/MM/DD/[$LATEST]ID' '
	sbx_aws logs describe-log-streams --log-group-name /aws/lambda/worker \
	    --query "logStreams[].logStreamName" --output text | tr "\t" "\n" >streams &&
	test_grep "^20[0-9][0-9]/[01][0-9]/[0-3][0-9]/\[\$LATEST\][0-9a-f]\{32\}$" streams &&
	sbx_aws logs filter-log-events --log-group-name /aws/lambda/worker \
	    --filter-pattern "\"cannot read x.phi\"" --query "events[].message" \
	    --output text >out &&
	test_grep "ERROR	Invoke Error 	{\"errorType\":\"Error\",\"errorMessage\":\"cannot read x.phi\"" out
'

test_expect_success 'Event invocations answer 202 and run in the background' '
	sbx_aws lambda invoke --function-name worker --invocation-type Event \
	    --payload "{\"async\":\"yes-42\"}" result.json >meta &&
	test_grep "\"StatusCode\": 202" meta &&
	i=0 &&
	until sbx_aws logs filter-log-events --log-group-name /aws/lambda/worker \
	    --filter-pattern "\"yes-42\"" --query "events[].message" --output text \
	    >out && test -s out; do
		i=$((i + 1)); test $i -lt 60 || return 1; sleep 0.5
	done &&
	test_grep "processing {\"async\":\"yes-42\"}" out
'

test_expect_success 'DryRun checks the call and runs nothing (204)' '
	sbx_aws lambda invoke --function-name worker --invocation-type DryRun \
	    --payload "{\"dry\":\"run-77\"}" result.json >meta &&
	test_grep "\"StatusCode\": 204" meta &&
	sleep 1 &&
	sbx_aws logs filter-log-events --log-group-name /aws/lambda/worker \
	    --filter-pattern "run-77" --query "length(events)" >out &&
	test "$(cat out)" = 0
'

test_expect_success 'a 2 MB event (a request body past 1 MiB) reaches the handler whole' '
	python3 -c "import json; json.dump({\"blob\": \"x\" * (2 << 20)}, open(\"big.json\", \"w\"))" &&
	sbx_aws lambda invoke --function-name worker --payload fileb://big.json \
	    result.json >meta &&
	test_grep_not FunctionError meta &&
	test "$(cat result.json)" = "{\"bloblen\":2097152}"
'

test_expect_success 'a payload that is not JSON is InvalidRequestContentException' '
	printf "not json" >bad.json &&
	! sbx_aws lambda invoke --function-name worker --payload fileb://bad.json \
	    result.json 2>err &&
	test_grep "(InvalidRequestContentException) when calling the Invoke operation: Could not parse request body into json" err
'

test_expect_success 'the role credentials: the handler calls the sandbox as the role, judged by its policies' '
	sbx_aws lambda create-function --function-name whoami --runtime python3.12 \
	    --role "$role" --handler app.handler --zip-file fileb://py.zip \
	    --timeout 60 >/dev/null &&
	sbx_aws lambda invoke --function-name whoami result.json >meta &&
	test_grep_not FunctionError meta &&
	python3 -c "import json; r=json.load(open(\"result.json\")); assert r[\"arn\"]==\"arn:aws:sts::000000000000:assumed-role/lambda-phi/whoami\", r; assert \"AccessDenied\" in r[\"listed\"], r" &&
	sbx_aws iam attach-role-policy --role-name lambda-phi --policy-arn \
	    arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess &&
	sbx_aws lambda invoke --function-name whoami result.json >meta &&
	test_grep "\"listed\": \"allowed\"" result.json
'

test_expect_success 'a role without logs permissions leaves no log (as in AWS)' '
	sbx_aws lambda create-function --function-name quiet --runtime nodejs20.x \
	    --role arn:aws:iam::000000000000:role/no-logs --handler index.handler \
	    --zip-file fileb://node.zip >/dev/null &&
	sbx_aws lambda invoke --function-name quiet --log-type Tail \
	    --query LogResult --output text result.json >tail.b64 &&
	b64d <tail.b64 | test_grep "^START RequestId" &&
	! sbx_aws logs describe-log-streams --log-group-name /aws/lambda/quiet 2>err &&
	test_grep "(ResourceNotFoundException)" err
'

test_expect_success 'a runtime that is not installed is an invocation error, not a success' '
	sbx_aws lambda create-function --function-name jvm --runtime java21 \
	    --role "$role" --handler Handler::handleRequest --zip-file fileb://java.zip >/dev/null &&
	sbx_aws lambda invoke --function-name jvm result.json >meta &&
	test_grep "\"FunctionError\": \"Unhandled\"" meta &&
	test_grep "the sandbox cannot run java21 functions" result.json
'

test_expect_success 'a missing handler module is Runtime.ImportModuleError' '
	sbx_aws lambda update-function-configuration --function-name worker \
	    --handler missing.handler >/dev/null &&
	sbx_aws lambda invoke --function-name worker result.json >meta &&
	test_grep "\"FunctionError\": \"Unhandled\"" meta &&
	test_grep "\"errorType\":\"Runtime.ImportModuleError\"" result.json &&
	test_grep "Cannot find module .missing." result.json
'

test_expect_success 'a role session may only invoke what its policies allow' '
	sbx_aws iam create-role --role-name caller --assume-role-policy-document \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null &&
	sbx_aws sts assume-role --role-arn arn:aws:iam::000000000000:role/caller \
	    --role-session-name c1 --output json >ar.json &&
	python3 -c "import json; c=json.load(open(\"ar.json\"))[\"Credentials\"]; print(\"export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s\" % (c[\"AccessKeyId\"], c[\"SecretAccessKey\"], c[\"SessionToken\"]))" >s.env &&
	(. ./s.env && ! sbx_aws lambda invoke --function-name quiet r.json 2>err) &&
	test_grep "(AccessDeniedException) when calling the Invoke operation: User: arn:aws:sts::000000000000:assumed-role/caller/c1 is not authorized to perform: lambda:InvokeFunction" err &&
	sbx_aws iam put-role-policy --role-name caller --policy-name invoke \
	    --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:quiet\"}]}" &&
	(. ./s.env && sbx_aws lambda invoke --function-name quiet r.json >/dev/null)
'
stop_sandbox
test_done
