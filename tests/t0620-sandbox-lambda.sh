#!/bin/sh
# t0620-sandbox-lambda: Lambda's management operations against
# hipaa-sandbox with the AWS CLI: CreateFunction's validations (runtimes,
# the execution role, timeout, memory, environment, code from ZipFile or
# S3), CodeSha256 and CodeSize, Get/List/Update/Delete, versions, and the
# resource policy (AddPermission, GetPolicy, RemovePermission).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3

cd "$TEST_TMP" || exit 99
mkdir fn && cat >fn/index.js <<'JS'
exports.handler = async (event) => ({ ok: true, event });
JS
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("fn.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("fn/index.js", "index.js")
with zipfile.ZipFile("fn2.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("index.js", "exports.handler = async () => 2;\n")
# a zip the AWS CLI accepts but whose bzip2 entries Lambda cannot unpack
with zipfile.ZipFile("bz2.zip", "w", zipfile.ZIP_BZIP2) as z:
    z.writestr("index.js", "exports.handler = async () => 3;\n")
PY
echo "not a zip" >bad.zip
sha=$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(open("fn.zip","rb").read()).digest()).decode())')
size=$(wc -c <fn.zip | tr -d ' ')
export sha size
cat >trust.json <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
cat >ec2-trust.json <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
role=arn:aws:iam::000000000000:role/lambda-phi
export role

start_sandbox

create() {
	sbx_aws lambda create-function --role "$role" --handler index.handler \
	    --zip-file fileb://fn.zip "$@"
}

test_expect_success 'setup: the execution role' '
	sbx_aws iam create-role --role-name lambda-phi \
	    --assume-role-policy-document file://trust.json >/dev/null &&
	sbx_aws iam create-role --role-name ec2-only \
	    --assume-role-policy-document file://ec2-trust.json >/dev/null
'

for rt in nodejs nodejs4.3 python2.7 nodejs16.x; do
	export rt
	test_expect_success "runtime $rt is refused as Lambda refuses it" '
		! create --function-name old --runtime "$rt" 2>err &&
		test_grep "An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: The runtime parameter of $rt is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions." err
	'
done

test_expect_success 'an unknown runtime is a ValidationException' '
	! create --function-name old --runtime cobol1.0 2>err &&
	test_grep "(ValidationException)" err &&
	test_grep "Value .cobol1.0. at .runtime. failed to satisfy constraint" err
'

test_expect_success 'the role must exist and trust lambda.amazonaws.com' '
	! create --function-name f --runtime nodejs20.x \
	    --role arn:aws:iam::000000000000:role/none 2>err &&
	test_grep "(InvalidParameterValueException) when calling the CreateFunction operation: The role defined for the function cannot be assumed by Lambda." err &&
	! create --function-name f --runtime nodejs20.x \
	    --role arn:aws:iam::000000000000:role/ec2-only 2>err &&
	test_grep "The role defined for the function cannot be assumed by Lambda." err &&
	! create --function-name f --runtime nodejs20.x --role not-an-arn 2>err &&
	test_grep "(ValidationException)" err
'

test_expect_success 'timeout 1-900 and memory 128-10240' '
	! create --function-name f --runtime nodejs20.x --timeout 901 2>err &&
	test_grep "Value .901. at .timeout. failed to satisfy constraint: Member must have value less than or equal to 900" err &&
	! create --function-name f --runtime nodejs20.x --memory-size 10241 2>err &&
	test_grep "Value .10241. at .memorySize. failed to satisfy constraint: Member must have value less than or equal to 10240" err
'

test_expect_success 'reserved environment variables are refused' '
	! create --function-name f --runtime nodejs20.x \
	    --environment "Variables={AWS_REGION=eu-west-1}" 2>err &&
	test_grep "Reserved keys used in this request: AWS_REGION" err
'

test_expect_success 'code that is not a zip is refused' '
	python3 "$top_srcdir/tests/sandbox-request.py" "$SANDBOX_URL" POST \
	    /2015-03-31/functions lambda --header Content-Type:application/json \
	    --data "{\"FunctionName\":\"f\",\"Runtime\":\"nodejs20.x\",\"Role\":\"$role\",\"Handler\":\"index.handler\",\"Code\":{\"ZipFile\":\"bm90IGEgemlw\"}}" >out &&
	test "$(head -n1 out)" = 400 &&
	test_grep "Could not unzip uploaded file. Please check your file, then try to upload again." out &&
	! sbx_aws lambda create-function --function-name f --runtime nodejs20.x \
	    --role "$role" --handler index.handler --zip-file fileb://bz2.zip 2>err &&
	test_grep "(InvalidParameterValueException) when calling the CreateFunction operation: Could not unzip uploaded file. Please check your file, then try to upload again." err
'

test_expect_success 'create-function nodejs20.x: CodeSha256, CodeSize, ARN, State Pending' '
	create --function-name phi-processor --runtime nodejs20.x --timeout 10 \
	    --memory-size 256 --description "PHI intake" \
	    --environment "Variables={STAGE=test}" --tags team=ops --output json >out &&
	test_grep "\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:phi-processor\"" out &&
	test_grep "\"CodeSha256\": \"$sha\"" out &&
	test_grep "\"CodeSize\": $size," out &&
	test_grep "\"Version\": \"\$LATEST\"" out &&
	test_grep "\"State\": \"Pending\"" out &&
	test_grep "\"LastModified\": \"20[0-9-]*T[0-9:]*\.[0-9]\{3\}+0000\"" out &&
	test_grep "\"STAGE\": \"test\"" out
'

test_expect_success 'the same name again is ResourceConflictException' '
	! create --function-name phi-processor --runtime nodejs20.x 2>err &&
	test_grep "(ResourceConflictException) when calling the CreateFunction operation: Function already exist: phi-processor" err
'

test_expect_success 'get-function and get-function-configuration read it Active' '
	sbx_aws lambda get-function --function-name phi-processor --output json >out &&
	test_grep "\"State\": \"Active\"" out &&
	test_grep "\"LastUpdateStatus\": \"Successful\"" out &&
	test_grep "\"RepositoryType\": \"S3\"" out &&
	test_grep "\"team\": \"ops\"" out &&
	sbx_aws lambda get-function-configuration --function-name \
	    arn:aws:lambda:us-east-1:000000000000:function:phi-processor \
	    --query "[Timeout,MemorySize,Description]" --output text >out &&
	test "$(cat out)" = "10	256	PHI intake" &&
	! sbx_aws lambda get-function --function-name nope 2>err &&
	test_grep "(ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope" err
'

test_expect_success 'code from S3: the object must exist, and be a zip' '
	sbx_aws s3 mb s3://code-bucket >/dev/null &&
	! sbx_aws lambda create-function --function-name from-s3 --runtime nodejs20.x \
	    --role "$role" --handler index.handler \
	    --code S3Bucket=code-bucket,S3Key=src/lambda/fn.zip 2>err &&
	test_grep "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist." err &&
	! sbx_aws lambda create-function --function-name from-s3 --runtime nodejs20.x \
	    --role "$role" --handler index.handler \
	    --code S3Bucket=no-such-bucket,S3Key=fn.zip 2>err &&
	test_grep "S3 Error Code: NoSuchBucket" err &&
	sbx_aws s3 cp bad.zip s3://code-bucket/src/lambda/bad.zip >/dev/null &&
	! sbx_aws lambda create-function --function-name from-s3 --runtime nodejs20.x \
	    --role "$role" --handler index.handler \
	    --code S3Bucket=code-bucket,S3Key=src/lambda/bad.zip 2>err &&
	test_grep "Could not unzip uploaded file" err &&
	sbx_aws s3 cp fn.zip s3://code-bucket/src/lambda/fn.zip --sse AES256 >/dev/null &&
	sbx_aws lambda create-function --function-name from-s3 --runtime nodejs20.x \
	    --role "$role" --handler index.handler \
	    --code S3Bucket=code-bucket,S3Key=src/lambda/fn.zip --output json >out &&
	test_grep "\"CodeSha256\": \"$sha\"" out
'

test_expect_success 'a zip of several MB (a request body past 1 MiB) is taken whole' '
	python3 -c "import os,zipfile; z=zipfile.ZipFile(\"big.zip\",\"w\",zipfile.ZIP_STORED); z.writestr(\"index.js\",\"exports.handler = async () => 7;\"); z.writestr(\"blob.bin\", os.urandom(3 << 20)); z.close()" &&
	bigsha=$(python3 -c "import base64,hashlib; print(base64.b64encode(hashlib.sha256(open(\"big.zip\",\"rb\").read()).digest()).decode())") &&
	sbx_aws lambda create-function --function-name big --runtime nodejs20.x \
	    --role "$role" --handler index.handler --zip-file fileb://big.zip \
	    --output json >out &&
	test_grep "\"CodeSha256\": \"$bigsha\"" out &&
	test_grep "\"CodeSize\": $(wc -c <big.zip | tr -d " ")," out &&
	sbx_aws lambda invoke --function-name big out.json >/dev/null &&
	test "$(cat out.json)" = 7
'

test_expect_success 'list-functions lists them (and pages with --max-items)' '
	sbx_aws lambda list-functions --query "Functions[].FunctionName" --output text >out &&
	test_grep "from-s3" out && test_grep "phi-processor" out &&
	sbx_aws lambda list-functions --max-items 1 --output json >page &&
	test_grep "\"NextToken\"" page &&
	sbx_aws lambda list-functions --output json >out &&
	test_grep_not "\"State\"" out
'

test_expect_success 'update-function-configuration and update-function-code' '
	sbx_aws lambda update-function-configuration --function-name phi-processor \
	    --timeout 30 --environment "Variables={STAGE=prod}" --output json >out &&
	test_grep "\"Timeout\": 30" out && test_grep "\"STAGE\": \"prod\"" out &&
	test_grep "\"LastUpdateStatus\": \"InProgress\"" out &&
	sbx_aws lambda update-function-code --function-name phi-processor \
	    --zip-file fileb://fn2.zip --output json >out &&
	test_grep_not "\"CodeSha256\": \"$sha\"" out &&
	! sbx_aws lambda update-function-code --function-name phi-processor \
	    --zip-file fileb://bz2.zip 2>err &&
	test_grep "Could not unzip uploaded file" err &&
	! sbx_aws lambda update-function-configuration --function-name phi-processor \
	    --runtime nodejs12.x 2>err &&
	test_grep "The runtime parameter of nodejs12.x is no longer supported" err &&
	! sbx_aws lambda update-function-configuration --function-name phi-processor \
	    --revision-id 00000000-0000-4000-8000-000000000000 --timeout 5 2>err &&
	test_grep "(PreconditionFailedException)" err
'

test_expect_success 'publish-version, republishing unchanged keeps the version, list-versions' '
	sbx_aws lambda publish-version --function-name phi-processor --output json >out &&
	test_grep "\"Version\": \"1\"" out &&
	test_grep "\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:phi-processor:1\"" out &&
	sbx_aws lambda publish-version --function-name phi-processor \
	    --query Version --output text >out && test "$(cat out)" = 1 &&
	sbx_aws lambda update-function-code --function-name phi-processor \
	    --zip-file fileb://fn.zip >/dev/null &&
	sbx_aws lambda publish-version --function-name phi-processor \
	    --query Version --output text >out && test "$(cat out)" = 2 &&
	sbx_aws lambda list-versions-by-function --function-name phi-processor \
	    --query "Versions[].Version" --output text >out &&
	test "$(cat out)" = "\$LATEST	1	2" &&
	sbx_aws lambda get-function --function-name phi-processor --qualifier 1 \
	    --query Configuration.CodeSha256 --output text >out &&
	test_grep_not "$sha" out &&
	sbx_aws lambda delete-function --function-name phi-processor --qualifier 1 &&
	! sbx_aws lambda get-function --function-name phi-processor:1 2>err &&
	test_grep "Function not found: arn:aws:lambda:us-east-1:000000000000:function:phi-processor:1" err
'

test_expect_success 'add-permission: SourceArn and SourceAccount become conditions' '
	sbx_aws lambda add-permission --function-name phi-processor \
	    --statement-id s3invoke --action lambda:InvokeFunction \
	    --principal s3.amazonaws.com --source-arn arn:aws:s3:::phi-demo \
	    --source-account 000000000000 --query Statement --output text >st &&
	python3 - <<-\PY
	import json
	st = json.load(open("st"))
	assert st == {"Sid": "s3invoke", "Effect": "Allow",
	    "Principal": {"Service": "s3.amazonaws.com"},
	    "Action": "lambda:InvokeFunction",
	    "Resource": "arn:aws:lambda:us-east-1:000000000000:function:phi-processor",
	    "Condition": {"StringEquals": {"AWS:SourceAccount": "000000000000"},
	                  "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::phi-demo"}}}, st
	PY
'

test_expect_success 'a repeated statement ID is ResourceConflictException' '
	! sbx_aws lambda add-permission --function-name phi-processor \
	    --statement-id s3invoke --action lambda:InvokeFunction \
	    --principal s3.amazonaws.com 2>err &&
	test_grep "(ResourceConflictException) when calling the AddPermission operation: The statement id (s3invoke) provided already exists. Please provide a new statement id, or remove the existing statement." err
'

test_expect_success 'get-policy, remove-permission' '
	sbx_aws lambda add-permission --function-name phi-processor \
	    --statement-id acct --action lambda:InvokeFunction \
	    --principal 111122223333 >/dev/null &&
	sbx_aws lambda get-policy --function-name phi-processor --query Policy \
	    --output text >pol &&
	python3 -c "import json; p=json.load(open(\"pol\")); assert p[\"Version\"]==\"2012-10-17\" and p[\"Id\"]==\"default\"; assert [s[\"Sid\"] for s in p[\"Statement\"]]==[\"s3invoke\",\"acct\"]; assert p[\"Statement\"][1][\"Principal\"]=={\"AWS\":\"arn:aws:iam::111122223333:root\"}" &&
	sbx_aws lambda remove-permission --function-name phi-processor --statement-id acct &&
	! sbx_aws lambda remove-permission --function-name phi-processor --statement-id acct 2>err &&
	test_grep "(ResourceNotFoundException)" err &&
	sbx_aws lambda remove-permission --function-name phi-processor --statement-id s3invoke &&
	! sbx_aws lambda get-policy --function-name phi-processor 2>err &&
	test_grep "(ResourceNotFoundException) when calling the GetPolicy operation: The resource you requested does not exist." err
'

test_expect_success 'delete-function removes it with its versions' '
	sbx_aws lambda delete-function --function-name phi-processor &&
	! sbx_aws lambda get-function --function-name phi-processor:2 2>/dev/null &&
	! sbx_aws lambda delete-function --function-name phi-processor 2>err &&
	test_grep "(ResourceNotFoundException)" err
'

test_expect_success 'functions survive a restart' '
	sbx_aws lambda get-function --function-name from-s3 \
	    --query Configuration.CodeSha256 --output text >before
'
stop_sandbox
start_sandbox
test_expect_success 'functions survive a restart (code blobs kept)' '
	sbx_aws lambda get-function --function-name from-s3 \
	    --query Configuration.CodeSha256 --output text >after &&
	test_cmp before after &&
	sbx_aws lambda invoke --function-name from-s3 --payload "{}" \
	    out.json >meta && test_grep "\"ok\":true" out.json
'
stop_sandbox
test_done
