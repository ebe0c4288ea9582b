#!/bin/sh
# t0600-sandbox-iam: IAM against hipaa-sandbox with the AWS CLI: roles
# (trust policies checked by the policy engine, ARNs, AROA IDs, dates),
# inline and managed policies (the AWS managed catalogue), DeleteConflict,
# tags; roles made through IAM are the ones STS AssumeRole assumes, and a
# role session gets what the role's policies allow.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

cat >"$TEST_TMP/trust.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "lambda.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}
JSON
cat >"$TEST_TMP/s3-read.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::phi-demo/*" }
  ]
}
JSON

start_sandbox

n=0
for cli in $(sandbox_clis); do
	n=$((n + 1))
	r=role-v$n
	export cli r
	test_expect_success "$cli: create-role answers the Role with an AROA ID, its ARN and date" '
		$cli --endpoint-url "$SANDBOX_URL" iam create-role --role-name "$r" \
		    --path /service-role/ --description "for tests" \
		    --assume-role-policy-document "file://$TEST_TMP/trust.json" \
		    --output json >out &&
		test_grep "\"RoleName\": \"$r\"" out &&
		test_grep "\"Arn\": \"arn:aws:iam::000000000000:role/service-role/$r\"" out &&
		test_grep "\"RoleId\": \"AROA[A-Z2-7]\{17\}\"" out &&
		test_grep "\"CreateDate\": \"20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]\{8\}\(Z\|+00:00\)\"" out &&
		test_grep "\"Service\": \"lambda.amazonaws.com\"" out &&
		test_grep_not MaxSessionDuration out
	'
	test_expect_success "$cli: get-role ignores the case of the name and adds MaxSessionDuration" '
		$cli --endpoint-url "$SANDBOX_URL" iam get-role \
		    --role-name "$(echo $r | tr a-z A-Z)" --output json >out &&
		test_grep "\"RoleName\": \"$r\"" out &&
		test_grep "\"MaxSessionDuration\": 3600" out &&
		test_grep "\"Description\": \"for tests\"" out &&
		test_grep "\"RoleLastUsed\": {}" out
	'
done

test_expect_success 'a second role with the same name in another case is EntityAlreadyExists' '
	! sbx_aws iam create-role --role-name ROLE-V1 \
	    --assume-role-policy-document "file://$TEST_TMP/trust.json" 2>err &&
	test_grep "An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name ROLE-V1 already exists." err
'

test_expect_success 'a malformed trust policy is MalformedPolicyDocument' '
	! sbx_aws iam create-role --role-name bad \
	    --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}" 2>err &&
	test_grep "(MalformedPolicyDocument)" err &&
	test_grep "Effect" err &&
	! sbx_aws iam create-role --role-name bad \
	    --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}" 2>err &&
	test_grep "(MalformedPolicyDocument)" err &&
	test_grep "Has prohibited field Resource" err &&
	! sbx_aws iam create-role --role-name bad \
	    --assume-role-policy-document "{not json" 2>err &&
	test_grep "(MalformedPolicyDocument)" err &&
	! sbx_aws iam get-role --role-name bad 2>err &&
	test_grep "(NoSuchEntity) when calling the GetRole operation: The role with name bad cannot be found." err
'

test_expect_success 'names, paths and MaxSessionDuration are validated as IAM does' '
	! sbx_aws iam create-role --role-name "a b" \
	    --assume-role-policy-document "file://$TEST_TMP/trust.json" 2>err &&
	test_grep "(ValidationError)" err &&
	test_grep "at .roleName. failed to satisfy constraint" err &&
	! sbx_aws iam create-role --role-name ok --path nopath \
	    --assume-role-policy-document "file://$TEST_TMP/trust.json" 2>err &&
	test_grep "The specified value for path is invalid" err &&
	! sbx_aws iam create-role --role-name ok --max-session-duration 100000 \
	    --assume-role-policy-document "file://$TEST_TMP/trust.json" 2>err &&
	test_grep "maxSessionDuration" err
'

test_expect_success 'list-roles lists them by name, and paginates with Marker' '
	for i in 1 2 3; do
		sbx_aws iam create-role --role-name "page-$i" \
		    --assume-role-policy-document "file://$TEST_TMP/trust.json" >/dev/null || return 1
	done &&
	sbx_aws iam list-roles --query "Roles[].RoleName" --output text >out &&
	test_grep "page-1.*page-2.*page-3" out &&
	sbx_aws iam list-roles --max-items 2 --output json >page &&
	test_grep "\"NextToken\"" page &&
	sbx_aws iam list-roles --path-prefix /service-role/ \
	    --query "Roles[].RoleName" --output text >out &&
	test_grep role- out && test_grep_not page- out
'

test_expect_success 'put-role-policy / get / list / delete an inline policy' '
	sbx_aws iam put-role-policy --role-name page-1 --policy-name read \
	    --policy-document "file://$TEST_TMP/s3-read.json" &&
	sbx_aws iam get-role-policy --role-name page-1 --policy-name read \
	    --output json >out &&
	test_grep "\"PolicyName\": \"read\"" out &&
	test_grep "\"s3:GetObject\"" out &&
	sbx_aws iam list-role-policies --role-name page-1 --output text >out &&
	test_grep "POLICYNAMES.*read" out
'

test_expect_success 'an inline policy with a Principal is MalformedPolicyDocument' '
	! sbx_aws iam put-role-policy --role-name page-1 --policy-name bad \
	    --policy-document "file://$TEST_TMP/trust.json" 2>err &&
	test_grep "(MalformedPolicyDocument)" err
'

test_expect_success 'delete-role with an inline policy is DeleteConflict' '
	! sbx_aws iam delete-role --role-name page-1 2>err &&
	test_grep "(DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must delete policies first." err &&
	sbx_aws iam delete-role-policy --role-name page-1 --policy-name read &&
	! sbx_aws iam delete-role-policy --role-name page-1 --policy-name read 2>err &&
	test_grep "The role policy with name read cannot be found." err
'

test_expect_success 'AWS managed policies: get-policy, get-policy-version with the real document' '
	sbx_aws iam get-policy --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole \
	    --output json >out &&
	test_grep "\"PolicyId\": \"ANPA" out &&
	test_grep "\"DefaultVersionId\": \"v1\"" out &&
	test_grep "\"AttachmentCount\": 0" out &&
	sbx_aws iam get-policy-version --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole \
	    --version-id v1 --output json >out &&
	test_grep "\"logs:CreateLogStream\"" out &&
	test_grep "\"IsDefaultVersion\": true" out &&
	! sbx_aws iam get-policy --policy-arn arn:aws:iam::aws:policy/NoSuchPolicy 2>err &&
	test_grep "(NoSuchEntity)" err
'

test_expect_success 'attach, list and detach managed policies; DeleteConflict while attached' '
	sbx_aws iam attach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole &&
	sbx_aws iam attach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess &&
	sbx_aws iam list-attached-role-policies --role-name page-1 --output json >out &&
	test_grep "\"PolicyName\": \"AWSLambdaBasicExecutionRole\"" out &&
	test_grep "\"PolicyArn\": \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"" out &&
	sbx_aws iam get-policy --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess \
	    --query Policy.AttachmentCount >out && test_grep "^1$" out &&
	! sbx_aws iam delete-role --role-name page-1 2>err &&
	test_grep "must detach all policies first" err &&
	! sbx_aws iam attach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/NotReal 2>err &&
	test_grep "Policy arn:aws:iam::aws:policy/NotReal does not exist or is not attachable." err &&
	sbx_aws iam detach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole &&
	sbx_aws iam detach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess &&
	! sbx_aws iam detach-role-policy --role-name page-1 --policy-arn \
	    arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess 2>err &&
	test_grep "(NoSuchEntity)" err &&
	sbx_aws iam delete-role --role-name page-1 &&
	! sbx_aws iam get-role --role-name page-1 2>/dev/null
'

test_expect_success 'customer managed policies: create, get, attach, DeleteConflict, delete' '
	sbx_aws iam create-policy --policy-name phi-read --description "read PHI" \
	    --policy-document "file://$TEST_TMP/s3-read.json" --output json >out &&
	test_grep "\"Arn\": \"arn:aws:iam::000000000000:policy/phi-read\"" out &&
	test_grep_not "\"Description\"" out &&
	! sbx_aws iam create-policy --policy-name PHI-read \
	    --policy-document "file://$TEST_TMP/s3-read.json" 2>err &&
	test_grep "(EntityAlreadyExists)" err &&
	sbx_aws iam get-policy --policy-arn arn:aws:iam::000000000000:policy/phi-read \
	    --output json >out &&
	test_grep "\"Description\": \"read PHI\"" out &&
	sbx_aws iam attach-role-policy --role-name page-2 \
	    --policy-arn arn:aws:iam::000000000000:policy/phi-read &&
	! sbx_aws iam delete-policy --policy-arn arn:aws:iam::000000000000:policy/phi-read 2>err &&
	test_grep "(DeleteConflict)" err &&
	sbx_aws iam detach-role-policy --role-name page-2 \
	    --policy-arn arn:aws:iam::000000000000:policy/phi-read &&
	sbx_aws iam delete-policy --policy-arn arn:aws:iam::000000000000:policy/phi-read &&
	! sbx_aws iam get-policy --policy-arn arn:aws:iam::000000000000:policy/phi-read 2>err &&
	test_grep "Policy arn:aws:iam::000000000000:policy/phi-read was not found." err
'

test_expect_success 'tag-role, list-role-tags, untag-role' '
	sbx_aws iam tag-role --role-name page-2 --tags Key=phi,Value=yes Key=team,Value=ops &&
	sbx_aws iam list-role-tags --role-name page-2 --output json >out &&
	test_grep "\"Key\": \"phi\"" out && test_grep "\"Value\": \"ops\"" out &&
	sbx_aws iam untag-role --role-name page-2 --tag-keys phi &&
	sbx_aws iam list-role-tags --role-name page-2 --output json >out &&
	test_grep_not "\"phi\"" out && test_grep "\"team\"" out &&
	! sbx_aws iam tag-role --role-name page-2 --tags Key=a,Value=1 Key=A,Value=2 2>err &&
	test_grep "Duplicate tag keys found" err
'

test_expect_success 'update-assume-role-policy checks and replaces the trust policy' '
	! sbx_aws iam update-assume-role-policy --role-name page-2 \
	    --policy-document "{\"Version\":\"2012-10-17\"}" 2>err &&
	test_grep "(MalformedPolicyDocument)" err &&
	sbx_aws iam update-assume-role-policy --role-name page-2 --policy-document \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}" &&
	sbx_aws iam get-role --role-name page-2 --output json >out &&
	test_grep "arn:aws:iam::000000000000:root" out
'

test_expect_success 'STS assume-role uses the role IAM created, and the session gets its policies' '
	sbx_aws sts assume-role --role-arn arn:aws:iam::000000000000:role/page-2 \
	    --role-session-name s1 --output json >ar.json &&
	test_grep "\"AssumedRoleId\": \"AROA" ar.json &&
	python3 -c "import json,sys; c=json.load(open(\"ar.json\"))[\"Credentials\"]; print(\"export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s\" % (c[\"AccessKeyId\"], c[\"SecretAccessKey\"], c[\"SessionToken\"]))" >session.env &&
	(. ./session.env && ! sbx_aws iam get-role --role-name page-3 2>err) &&
	test_grep "(AccessDenied) when calling the GetRole operation: User: arn:aws:sts::000000000000:assumed-role/page-2/s1 is not authorized to perform: iam:GetRole on resource: arn:aws:iam::000000000000:role/page-3 because no identity-based policy allows the iam:GetRole action" err &&
	sbx_aws iam put-role-policy --role-name page-2 --policy-name iam-read \
	    --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"arn:aws:iam::000000000000:role/page-*\"}]}" &&
	(. ./session.env && sbx_aws iam get-role --role-name page-3 >/dev/null &&
	 ! sbx_aws iam delete-role --role-name page-3 2>err) &&
	test_grep "(AccessDenied)" err
'

test_expect_success 'a role session reads S3 objects its role policy allows, and nothing else' '
	sbx_aws s3 mb s3://role-data >/dev/null &&
	echo record >rec.txt && sbx_aws s3 cp rec.txt s3://role-data/a/rec.txt >/dev/null &&
	sbx_aws s3 cp rec.txt s3://role-data/b/rec.txt >/dev/null &&
	(. ./session.env && ! sbx_aws s3 cp s3://role-data/a/rec.txt got 2>err) &&
	test_grep "403\|AccessDenied" err &&
	sbx_aws iam put-role-policy --role-name page-2 --policy-name s3-read-a \
	    --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::role-data/a/*\"}]}" &&
	(. ./session.env && sbx_aws s3 cp s3://role-data/a/rec.txt got >/dev/null) &&
	test_cmp rec.txt got &&
	(. ./session.env && ! sbx_aws s3 cp s3://role-data/b/rec.txt got2 2>/dev/null)
'

test_expect_success 'roles survive a restart' '
	sbx_aws iam get-role --role-name page-3 --query Role.RoleId --output text >before
'
stop_sandbox
start_sandbox
test_expect_success 'roles survive a restart (same ID after)' '
	sbx_aws iam get-role --role-name page-3 --query Role.RoleId --output text >after &&
	test_cmp before after
'
stop_sandbox
test_done
