#!/bin/sh
# t0580-sandbox-sts: STS against hipaa-sandbox with the AWS CLI:
# GetCallerIdentity per the credentials file, AssumeRole judged by the
# role's trust policy (principal, sts:ExternalId), temporary credentials
# that the sandbox then accepts on S3 (and that bucket policies see as
# the assumed role), cross-account buckets.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

cat >"$TEST_TMP/creds.json" <<'JSON'
{
  "Users": [
    { "AccessKeyId": "AKIAALICE", "SecretAccessKey": "alice-secret",
      "Arn": "arn:aws:iam::111111111111:user/alice" },
    { "AccessKeyId": "AKIABOB", "SecretAccessKey": "bob-secret",
      "Arn": "arn:aws:iam::111111111111:user/bob" },
    { "AccessKeyId": "AKIAROOT2", "SecretAccessKey": "root2-secret",
      "Arn": "arn:aws:iam::222222222222:root" }
  ],
  "Roles": [
    { "RoleName": "auditor",
      "AssumeRolePolicyDocument": {
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" },
          "Action": "sts:AssumeRole",
          "Condition": { "StringEquals": { "sts:ExternalId": "ext-42" } } }]
      } }
  ]
}
JSON

test_expect_success 'a malformed credentials file is refused with its name' '
	echo "[{\"AccessKeyId\":\"a\"}]" >bad.json &&
	expect_status 1 "$HS_SANDBOX" --port 0 --credentials bad.json 2>err &&
	test_grep "bad.json: entry 0" err
'

start_sandbox --credentials "$TEST_TMP/creds.json" --account-id 111111111111
alice() { AWS_ACCESS_KEY_ID=AKIAALICE AWS_SECRET_ACCESS_KEY=alice-secret sbx_aws "$@"; }
bob() { AWS_ACCESS_KEY_ID=AKIABOB AWS_SECRET_ACCESS_KEY=bob-secret sbx_aws "$@"; }
root2() { AWS_ACCESS_KEY_ID=AKIAROOT2 AWS_SECRET_ACCESS_KEY=root2-secret sbx_aws "$@"; }

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: get-caller-identity names the principal of the key" '
		AWS_ACCESS_KEY_ID=AKIAALICE AWS_SECRET_ACCESS_KEY=alice-secret \
		    $cli --endpoint-url "$SANDBOX_URL" sts get-caller-identity \
		    --output json >out &&
		test_grep "\"Arn\": \"arn:aws:iam::111111111111:user/alice\"" out &&
		test_grep "\"Account\": \"111111111111\"" out &&
		test_grep "\"UserId\": \"AIDA[A-Z2-7]\{17\}\"" out
	'
done

test_expect_success 'test/test is not a key once a credentials file is given' '
	! sbx_aws sts get-caller-identity 2>err &&
	test_grep "InvalidClientTokenId" err
'

test_expect_success 'assume-role without the external ID is AccessDenied' '
	! alice sts assume-role --role-arn arn:aws:iam::111111111111:role/auditor \
	    --role-session-name s1 2>err &&
	test_grep "AccessDenied" err &&
	test_grep "is not authorized to perform: sts:AssumeRole" err
'

test_expect_success 'assume-role by a principal the trust policy does not name is AccessDenied' '
	! bob sts assume-role --role-arn arn:aws:iam::111111111111:role/auditor \
	    --role-session-name s1 --external-id ext-42 2>err &&
	test_grep "AccessDenied" err
'

test_expect_success 'assume-role of a role that does not exist is AccessDenied too' '
	! alice sts assume-role --role-arn arn:aws:iam::111111111111:role/none \
	    --role-session-name s1 --external-id ext-42 2>err &&
	test_grep "AccessDenied" err
'

test_expect_success 'DurationSeconds over the role maximum is a ValidationError' '
	! alice sts assume-role --role-arn arn:aws:iam::111111111111:role/auditor \
	    --role-session-name s1 --external-id ext-42 --duration-seconds 7200 2>err &&
	test_grep "ValidationError" err &&
	test_grep "MaxSessionDuration" err
'

test_expect_success 'session policies answer NotImplemented rather than being ignored' '
	! alice sts assume-role --role-arn arn:aws:iam::111111111111:role/auditor \
	    --role-session-name s1 --external-id ext-42 \
	    --policy "{\"Version\":\"2012-10-17\",\"Statement\":[]}" 2>err &&
	test_grep "NotImplemented" err
'

test_expect_success 'assume-role with the external ID issues temporary credentials' '
	alice sts assume-role --role-arn arn:aws:iam::111111111111:role/auditor \
	    --role-session-name audit-1 --external-id ext-42 --output json >ar.json &&
	test_grep "\"AccessKeyId\": \"ASIA[A-Z2-7]\{16\}\"" ar.json &&
	test_grep "\"Arn\": \"arn:aws:sts::111111111111:assumed-role/auditor/audit-1\"" ar.json &&
	test_grep "\"AssumedRoleId\": \"AROA[A-Z2-7]\{17\}:audit-1\"" ar.json &&
	test_grep "\"Expiration\": \"20" ar.json
'

python3 - "$TEST_TMP/ar.json" >"$TEST_TMP/session.env" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["Credentials"]
print("export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s"
      % (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"]))
PY

test_expect_success 'the sandbox accepts the temporary credentials' '
	. "$TEST_TMP/session.env" &&
	sbx_aws sts get-caller-identity --output json >out &&
	test_grep "\"Arn\": \"arn:aws:sts::111111111111:assumed-role/auditor/audit-1\"" out
'

test_expect_success 'without the session token they are refused' '
	. "$TEST_TMP/session.env" && unset AWS_SESSION_TOKEN &&
	! sbx_aws sts get-caller-identity 2>err &&
	test_grep "InvalidClientTokenId\|SignatureDoesNotMatch" err
'

test_expect_success 'a role session has no identity policy: only what a bucket policy grants' '
	alice s3 mb s3://audit-logs >/dev/null &&
	echo log >log.txt && alice s3 cp log.txt s3://audit-logs/log.txt >/dev/null &&
	. "$TEST_TMP/session.env" &&
	! sbx_aws s3 cp s3://audit-logs/log.txt got 2>err &&
	test_grep "AccessDenied\|403" err
'

test_expect_success 'naming only the account does not grant the role session (same account)' '
	alice s3api put-bucket-policy --bucket audit-logs --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::audit-logs/*\"}]}" &&
	. "$TEST_TMP/session.env" &&
	! sbx_aws s3 cp s3://audit-logs/log.txt got 2>err
'

test_expect_success 'a bucket policy naming the role lets its sessions read (aws:PrincipalArn)' '
	alice s3api put-bucket-policy --bucket audit-logs --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:role/auditor\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::audit-logs/*\",\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111111111111:role/auditor\"}}}]}" &&
	. "$TEST_TMP/session.env" &&
	sbx_aws s3 cp s3://audit-logs/log.txt got >/dev/null &&
	test_cmp log.txt got &&
	! sbx_aws s3 cp log.txt s3://audit-logs/other.txt 2>err
'

test_expect_success 'a bucket name owned by another account is BucketAlreadyExists' '
	! root2 s3api create-bucket --bucket audit-logs 2>err &&
	test_grep "BucketAlreadyExists" err
'

test_expect_success 'another account needs the bucket policy to allow it' '
	! root2 s3 cp s3://audit-logs/log.txt got 2>err &&
	alice s3api put-bucket-policy --bucket audit-logs --policy \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::audit-logs/*\"}]}" &&
	root2 s3 cp s3://audit-logs/log.txt got >/dev/null &&
	test_cmp log.txt got &&
	! root2 s3api list-objects-v2 --bucket audit-logs 2>err &&
	test_grep "AccessDenied" err
'

test_expect_success 'list-buckets shows only the caller account buckets' '
	root2 s3 mb s3://root2-bucket >/dev/null &&
	root2 s3api list-buckets --query "Buckets[].Name" --output text >out &&
	test_grep root2-bucket out &&
	test_grep_not audit-logs out
'
stop_sandbox

start_sandbox --credentials "$TEST_TMP/creds.json" --account-id 111111111111
test_expect_success 'temporary credentials are accepted after a restart' '
	. "$TEST_TMP/session.env" &&
	sbx_aws sts get-caller-identity >/dev/null
'
stop_sandbox

if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$SANDBOX_DATA/sandbox.db" \
	    "UPDATE sts_sessions SET expiration = strftime('%s','now') - 60;"
	start_sandbox --credentials "$TEST_TMP/creds.json" --account-id 111111111111
	test_expect_success 'expired temporary credentials are ExpiredToken' '
		. "$TEST_TMP/session.env" &&
		! sbx_aws sts get-caller-identity 2>err &&
		test_grep "ExpiredToken" err &&
		! sbx_aws s3 ls 2>err &&
		test_grep "ExpiredToken" err
	'
	stop_sandbox
else
	test_skip 'expired temporary credentials are ExpiredToken' 'sqlite3 is not installed'
fi

test_done
