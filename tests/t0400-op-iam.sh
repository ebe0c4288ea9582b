#!/bin/sh
# t0400-op-iam.sh: STS and IAM through hipaa-shell and through the AWS
# CLI, each against its own moto_server, output compared as JSON.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

moto_start hs
moto_start cli

cat >"$TEST_TMP/trust.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]
}
JSON
cat >"$TEST_TMP/policy.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::phi-bucket/*"}]}
JSON

both 'sts get-caller-identity' 'sts get-caller-identity'
both 'iam create-role (file://, shorthand tags)' \
    'iam create-role --role-name app-role --assume-role-policy-document file://trust.json --description "the app role" --tags Key=env,Value=test Key=team,Value=phi'
both 'iam create-role (inline JSON policy)' \
    "iam create-role --role-name other-role --path /svc/ --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'"
both 'iam put-role-policy' \
    'iam put-role-policy --role-name app-role --policy-name s3read --policy-document file://policy.json'
both 'iam get-role (policy document as JSON)' 'iam get-role --role-name app-role'
both_sorted 'iam list-roles (paginated)' 'iam list-roles'
both_sorted 'iam list-roles --page-size 1 (two pages merged)' \
    'iam list-roles --page-size 1'
test_expect_success 'hipaa-shell asked for one page per role' '
	"$HS_SHELL" --debug --endpoint-url "$hs_url" -c "iam list-roles --page-size 1" >out 2>err &&
	test "$(grep -c "^> Action=ListRoles&" err)" = 2 &&
	test_grep "^> Action=ListRoles&Version=2010-05-08&Marker=1&MaxItems=1\$" err
'
both 'iam list-roles --path-prefix' 'iam list-roles --path-prefix /svc/'
both 'iam get-role-policy' 'iam get-role-policy --role-name app-role --policy-name s3read'
both 'iam list-role-policies' 'iam list-role-policies --role-name app-role'
both 'iam delete-role-policy (no output)' \
    'iam delete-role-policy --role-name app-role --policy-name s3read'
both 'iam delete-role' 'iam delete-role --role-name app-role'
both 'iam get-role of a deleted role: NoSuchEntity, exit 254' \
    'iam get-role --role-name app-role'
test_expect_success 'the service error is reported as the CLI words it' '
	grep "^An error occurred (NoSuchEntity) when calling the GetRole operation: " cli.err >want &&
	grep "^An error occurred" hs.err >got &&
	test_cmp want got
'
test_done
