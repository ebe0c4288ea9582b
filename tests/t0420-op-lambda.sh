#!/bin/sh
# t0420-op-lambda.sh: Lambda (the rest-json protocol, --zip-file
# fileb://) through hipaa-shell and through the AWS CLI, each against its
# own moto_server, output compared as JSON.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

moto_start hs
moto_start cli

"$moto_python" - "$TEST_TMP/fn.zip" <<'PY' || exit 99
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w')
info = zipfile.ZipInfo('index.py', date_time=(2024, 1, 1, 0, 0, 0))
z.writestr(info, 'def handler(event, context):\n    return {"ok": True}\n')
z.close()
PY
echo 'not a zip' >"$TEST_TMP/notzip.txt"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role=arn:aws:iam::123456789012:role/fn-role

both 'iam create-role for the function' \
    "iam create-role --role-name fn-role --assume-role-policy-document '$trust'"
both 'lambda create-function --zip-file fileb://' \
    "lambda create-function --function-name phi-fn --runtime python3.12 --role $role --handler index.handler --zip-file fileb://fn.zip --environment 'Variables={STAGE=test,LEVEL=2}' --timeout 10 --tags team=phi"
both 'lambda get-function' 'lambda get-function --function-name phi-fn'
both 'lambda add-permission' \
    'lambda add-permission --function-name phi-fn --statement-id s3-invoke --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::phi-bucket'
both 'lambda get-policy' 'lambda get-policy --function-name phi-fn'
both 'lambda list-functions (paginated)' 'lambda list-functions'
both 'lambda get-function of a missing one: exit 254' \
    'lambda get-function --function-name nope'
test_expect_success 'lambda create-function without a zip: exit 252, the CLI words' '
	bad="lambda create-function --function-name bad --runtime python3.12 --role $role --handler index.handler --zip-file fileb://notzip.txt" &&
	hs_run "$bad" && cli_run "$bad" &&
	echo 252 >want && test_cmp want hs.rc &&
	grep -v "^\$" cli.err >want.err && test_cmp want.err hs.err
'
test_expect_success 'and nothing was created' '
	hs_run "lambda get-function --function-name bad" &&
	echo 254 >want && test_cmp want hs.rc
'

test_done
