#!/bin/sh
# t0140-policy-cmd: `policy simulate` and `policy check` as run by
# hipaa-shell, offline: the blog's question (may an upload without SSE go
# into phi-demo?), the IAM simulator JSON, multi-valued context keys,
# the findings and exit statuses of check, and the errors for bad input.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

data="$top_srcdir/tests/data/policy"
cp "$data/blog-bucket-policy.json" "$TEST_TMP/bucket-policy.json" &&
cp "$data/blog-role-policy.json" "$TEST_TMP/role-policy.json" ||
	skip_all "cannot copy the policy fixtures from $data"

# The role policy as it should have been: objects under phi-demo/*.
cat >"$TEST_TMP/role-fixed.json" <<'EOF'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PhiObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::phi-demo/*"
    }
  ]
}
EOF

# The blog's statement as the issue describes it: one Deny, by
# StringNotEquals, named DenyUnEncryptedObjectUploads.
cat >"$TEST_TMP/one-statement.json" <<'EOF'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyUnEncryptedObjectUploads",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::phi-demo/*",
      "Condition": {
        "StringNotEquals": { "s3:x-amz-server-side-encryption": "AES256" }
      }
    }
  ]
}
EOF

ROLE=arn:aws:sts::123456789012:assumed-role/phi-app/i-0123
OBJ=arn:aws:s3:::phi-demo/data/x.phi
SIM="policy simulate --resource-policy file://bucket-policy.json --action s3:PutObject --resource $OBJ --principal $ROLE"
export ROLE OBJ SIM

test_expect_success 'simulate: an upload without SSE is an explicit deny by DenyUnEncryptedObjectUploads' '
	"$HS_SHELL" -c "$SIM --policy file://role-fixed.json" >out &&
	cat >expect <<-\EOF &&
	explicitDeny: s3:PutObject on arn:aws:s3:::phi-demo/data/x.phi
	  denied by DenyIncorrectEncryptionHeader (resource policy '\''bucket-policy.json'\'', Statement[0], line 5)
	  denied by DenyUnEncryptedObjectUploads (resource policy '\''bucket-policy.json'\'', Statement[1], line 17)
	  an explicit deny overrides any allow
	  missing context values: s3:x-amz-server-side-encryption
	EOF
	test_cmp expect out
'

test_expect_success 'simulate --output json: IAM simulator fields, Sids added' '
	"$HS_SHELL" -c "$SIM --policy file://role-fixed.json --output json" >out &&
	cat >expect <<-\EOF &&
	{
	    "EvaluationResults": [
	        {
	            "EvalActionName": "s3:PutObject",
	            "EvalResourceName": "arn:aws:s3:::phi-demo/data/x.phi",
	            "EvalDecision": "explicitDeny",
	            "MatchedStatements": [
	                {
	                    "SourcePolicyId": "bucket-policy.json",
	                    "SourcePolicyType": "resource",
	                    "StartPosition": {
	                        "Line": 5,
	                        "Column": 5
	                    },
	                    "EndPosition": {
	                        "Line": 16,
	                        "Column": 6
	                    },
	                    "Sid": "DenyIncorrectEncryptionHeader"
	                },
	                {
	                    "SourcePolicyId": "bucket-policy.json",
	                    "SourcePolicyType": "resource",
	                    "StartPosition": {
	                        "Line": 17,
	                        "Column": 5
	                    },
	                    "EndPosition": {
	                        "Line": 28,
	                        "Column": 6
	                    },
	                    "Sid": "DenyUnEncryptedObjectUploads"
	                }
	            ],
	            "MissingContextValues": [
	                "s3:x-amz-server-side-encryption"
	            ]
	        }
	    ]
	}
	EOF
	test_cmp expect out
'

test_expect_success 'simulate: the issue'\''s one-statement policy names the same Sid' '
	"$HS_SHELL" -c "policy simulate --resource-policy file://one-statement.json --action s3:PutObject --resource $OBJ --output json" >out &&
	test_grep -q "\"EvalDecision\": \"explicitDeny\"" out &&
	test_grep -q "\"Sid\": \"DenyUnEncryptedObjectUploads\"" out &&
	"$HS_SHELL" -c "policy simulate --resource-policy file://one-statement.json --action s3:PutObject --resource $OBJ --context s3:x-amz-server-side-encryption=AES256 --output json" >out &&
	test_grep -q "\"EvalDecision\": \"implicitDeny\"" out &&
	test_grep -q "\"MatchedStatements\": \[\]" out
'

test_expect_success 'simulate with the SSE header: the identity policy decides' '
	C=--context=s3:x-amz-server-side-encryption=AES256 &&
	"$HS_SHELL" -c "$SIM $C --policy file://role-fixed.json" >out &&
	cat >expect <<-\EOF &&
	allowed: s3:PutObject on arn:aws:s3:::phi-demo/data/x.phi
	  allowed by PhiObjects (identity policy '\''role-fixed.json'\'', Statement[0], line 4)
	  allowed by an identity policy
	EOF
	test_cmp expect out &&
	"$HS_SHELL" -c "$SIM $C --policy file://role-policy.json" >out &&
	cat >expect <<-\EOF &&
	implicitDeny: s3:PutObject on arn:aws:s3:::phi-demo/data/x.phi
	  no statement allows the request
	EOF
	test_cmp expect out
'

test_expect_success 'simulate: SSE with KMS is denied by DenyIncorrectEncryptionHeader only' '
	"$HS_SHELL" -c "$SIM --context s3:x-amz-server-side-encryption=aws:kms --policy file://role-fixed.json" >out &&
	test_grep -q "^explicitDeny: " out &&
	test_grep -q "denied by DenyIncorrectEncryptionHeader" out &&
	test_grep_not -q DenyUnEncryptedObjectUploads out
'

cat >"$TEST_TMP/tags.json" <<'EOF'
{"Version": "2012-10-17", "Statement": [{"Sid": "PhiTagOnly",
  "Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "*",
  "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["phi", "team"]},
                "Null": {"aws:TagKeys": "false"}}}]}
EOF

test_expect_success 'simulate: a key given twice is multi-valued; commas stay in the value' '
	T="policy simulate --policy file://tags.json --action s3:PutObjectTagging" &&
	"$HS_SHELL" -c "$T --context aws:TagKeys=phi --context aws:TagKeys=team" >out &&
	test_grep -q "^allowed: " out &&
	"$HS_SHELL" -c "$T --context aws:TagKeys=phi --context aws:TagKeys=owner" >out &&
	test_grep -q "^implicitDeny: " out &&
	"$HS_SHELL" -c "$T --context aws:TagKeys=phi,team" >out &&
	test_grep -q "^implicitDeny: " out &&
	"$HS_SHELL" -c "$T" >out &&
	test_grep -q "^implicitDeny: " out &&
	test_grep -q "missing context values: aws:TagKeys" out
'

test_expect_success 'simulate: cross-account needs both sides; the owner comes from --resource-owner' '
	cat >grant.json <<-\EOF &&
	{"Version": "2012-10-17", "Statement": [{"Sid": "Partner",
	  "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
	  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::phi-demo/*"}]}
	EOF
	X="policy simulate --action s3:GetObject --resource $OBJ --principal arn:aws:iam::111122223333:user/alice" &&
	"$HS_SHELL" -c "$X --policy file://role-fixed.json --resource-owner 444455556666" >out &&
	test_grep -q "^implicitDeny: " out &&
	"$HS_SHELL" -c "$X --policy file://role-fixed.json --resource-policy file://grant.json --resource-owner 444455556666" >out &&
	test_grep -q "^allowed: " out &&
	test_grep -q "allowed by Partner" out &&
	test_grep -q "allowed by PhiObjects" out
'

test_expect_success 'simulate: a multi-line JSON policy in quotes, in a runbook' '
	cat >sim.hsh <<-\EOF &&
	policy simulate --action s3:GetObject --resource arn:aws:s3:::phi-demo/a
	  --policy '\''{
	    "Version": "2012-10-17",
	    "Statement": {"Sid": "Inline", "Effect": "Allow",
	                  "Action": "s3:GetObject", "Resource": "*"}
	  }'\''
	EOF
	"$HS_SHELL" --batch sim.hsh >out &&
	cat >expect <<-\EOF &&
	allowed: s3:GetObject on arn:aws:s3:::phi-demo/a
	  allowed by Inline (identity policy '\''PolicyInputList.1'\'', Statement, line 3)
	  allowed by an identity policy
	EOF
	test_cmp expect out
'

test_expect_success 'check: the blog bucket policy has a warning only (exit 0)' '
	"$HS_SHELL" -c "policy check file://bucket-policy.json" >out &&
	test_grep -q "^warning: no statement denies requests without TLS" out &&
	test_grep -q "^  fix: add {\"Sid\": \"DenyInsecureTransport\"" out &&
	tail -n 1 out >last &&
	echo "bucket-policy.json: 0 errors, 1 warning" >expect &&
	test_cmp expect last
'

test_expect_success 'check --phi-bucket: TLS is then required (exit 1, PolicyCheckFailed)' '
	expect_status 1 "$HS_SHELL" -c "policy check file://bucket-policy.json --phi-bucket phi-demo" >out 2>err &&
	test_grep -q "^error: no statement denies requests without TLS" out &&
	echo "policy '\''bucket-policy.json'\'' has 1 error" >expect &&
	test_cmp expect err &&
	cat >tls-only.json <<-\EOF &&
	{"Version": "2012-10-17", "Statement": [{"Sid": "Tls", "Effect": "Deny",
	  "Principal": "*", "Action": "s3:*",
	  "Resource": ["arn:aws:s3:::phi-demo", "arn:aws:s3:::phi-demo/*"],
	  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
	EOF
	expect_status 1 "$HS_SHELL" -c "policy check file://tls-only.json --phi-bucket phi-demo" >out 2>err &&
	test_grep -q "^error: nothing denies uploads without server-side encryption to PHI bucket .phi-demo." out &&
	expect_status 0 "$HS_SHELL" -c "policy check file://tls-only.json" >out
'

test_expect_success 'check: the blog role policy grants object actions on the bucket ARN' '
	expect_status 1 "$HS_SHELL" -c "policy check file://role-policy.json" >out 2>err &&
	cat >expect <<-\EOF &&
	error: Statement[0]: object actions (s3:GetObject, s3:PutObject, s3:DeleteObject) are granted only on bucket ARNs (arn:aws:s3:::phi-demo), which match no object: the statement allows nothing
	  fix: add the object ARN "arn:aws:s3:::phi-demo/*" to Resource (keep the bucket ARN for bucket actions such as s3:ListBucket)
	role-policy.json: 1 error, 0 warnings
	EOF
	test_cmp expect out &&
	"$HS_SHELL" -c "policy check file://role-fixed.json" >out &&
	echo "role-fixed.json: no findings" >expect &&
	test_cmp expect out
'

test_expect_success 'check --output json: the findings as objects' '
	expect_status 1 "$HS_SHELL" -c "policy check file://role-policy.json --output json" >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	{
	    "Findings": [
	        {
	            "Severity": "error",
	            "Code": "object-action-on-bucket-arn",
	            "Statement": 0,
	            "Sid": null,
	            "Line": 4,
	            "Message": "object actions (s3:GetObject, s3:PutObject, s3:DeleteObject) are granted only on bucket ARNs (arn:aws:s3:::phi-demo), which match no object: the statement allows nothing",
	            "Fix": "add the object ARN \"arn:aws:s3:::phi-demo/*\" to Resource (keep the bucket ARN for bucket actions such as s3:ListBucket)"
	        }
	    ]
	}
	EOF
	test_cmp expect out
'

models=${HS_MODEL_DIR:-$top_builddir/models}
if test -d "$models/s3"; then
test_expect_success 'check: actions are checked against the installed models' '
	cat >typo.json <<-\EOF &&
	{"Version": "2012-10-17", "Statement": [
	  {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObjekt",
	   "Resource": "arn:aws:s3:::phi-demo/*"},
	  {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s33:GetObject"],
	   "Resource": "arn:aws:s3:::phi-demo/*"}]}
	EOF
	expect_status 1 "$HS_SHELL" -c "policy check file://typo.json" >out 2>err &&
	test_grep -q "^error: Statement\[0\] (Sid \"NoDelete\"): no action of service .s3. is named .DeleteObjekt.$" out &&
	test_grep -q "^warning: Statement\[1\] (Sid \"Read\"): no service has the IAM prefix .s33. (.s33:GetObject.)$" out &&
	test_grep_not -q "s3:GetObject.$" out &&
	test_grep -q "^typo.json: 1 error, 1 warning$" out
'
else
	test_skip 'check: actions are checked against the installed models' \
	    "no service models in $models"
fi

test_expect_success 'bad input: a clear message and 255 or 252' '
	expect_status 255 "$HS_SHELL" -c "policy check file://nope.json" 2>err &&
	echo "cannot read policy '\''nope.json'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	printf "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Action\": \"s3:GetObject\"}\n  ]\n}\n" >bad.json &&
	expect_status 252 "$HS_SHELL" -c "policy check file://bad.json" 2>err &&
	echo "malformed policy '\''bad.json'\'': line 4, column 24: invalid JSON: expected '\'','\'' or '\''}'\'' after an object member" >expect &&
	test_cmp expect err &&
	sed "19s/\"Deny\"/\"Refuse\"/" bucket-policy.json >mal.json &&
	expect_status 252 "$HS_SHELL" -c "policy simulate --resource-policy file://mal.json --action s3:PutObject" 2>err &&
	echo "malformed policy '\''mal.json'\'': line 19, column 7: Statement[1].Effect: must be \"Allow\" or \"Deny\"" >expect &&
	test_cmp expect err &&
	expect_status 252 "$HS_SHELL" -c "policy check bucket-policy.json" 2>err &&
	echo "'\''bucket-policy.json'\'' is no policy document; to read the file, write file://bucket-policy.json" >expect &&
	test_cmp expect err
'

test_expect_success 'bad options: what is wrong and how to write it (252)' '
	expect_status 252 "$HS_SHELL" -c "policy simulate --policy file://role-fixed.json" 2>err &&
	echo "missing --action SERVICE:ACTION, e.g. --action s3:PutObject" >expect &&
	test_cmp expect err &&
	expect_status 252 "$HS_SHELL" -c "policy simulate --policy file://role-fixed.json --action PutObject" 2>err &&
	echo "invalid --action '\''PutObject'\'': expected SERVICE:ACTION, e.g. s3:PutObject" >expect &&
	test_cmp expect err &&
	expect_status 252 "$HS_SHELL" -c "policy simulate --policy file://role-fixed.json --action s3:PutObject --context s3:x-amz-server-side-encryption" 2>err &&
	echo "invalid context entry '\''s3:x-amz-server-side-encryption'\'': expected KEY=VALUE, e.g. s3:x-amz-server-side-encryption=AES256" >expect &&
	test_cmp expect err &&
	expect_status 252 "$HS_SHELL" -c "policy simulate --action s3:PutObject" 2>err &&
	test_grep -q "^nothing to simulate: give --policy DOC, --resource-policy DOC or both$" err &&
	expect_status 252 "$HS_SHELL" -c "policy check file://bucket-policy.json --phi-bucket arn:aws:s3:::phi-demo" 2>err &&
	test_grep -q "^invalid bucket name .arn:aws:s3:::phi-demo. for --phi-bucket" err &&
	expect_status 252 "$HS_SHELL" -c "policy simulate --policy file://role-fixed.json --action s3:PutObject --resource-owner 12345" 2>err &&
	test_grep -q "^invalid --resource-owner .12345.: expected a 12-digit account ID$" err
'

test_expect_success 'runbooks: expect-error codes, and options checked before anything runs' '
	cat >codes.hsh <<-\EOF &&
	# expect-error: MalformedPolicyDocument
	policy check file://bad.json
	# expect-error: PolicyCheckFailed
	policy check file://role-policy.json
	# expect-error: FileError
	policy check file://nope.json
	EOF
	"$HS_SHELL" --batch codes.hsh >/dev/null &&
	cat >pre.hsh <<-\EOF &&
	!touch ran
	policy simulate --policy file://role-fixed.json --action s3:PutObject --context nokey
	EOF
	expect_status 252 "$HS_SHELL" --batch pre.hsh 2>err &&
	! test -e ran &&
	test_grep -q "^pre.hsh:2: invalid context entry .nokey." err &&
	printf "!touch ran\npolicy check bucket-policy.json\n" >pre2.hsh &&
	expect_status 252 "$HS_SHELL" --batch pre2.hsh 2>err &&
	! test -e ran &&
	test_grep -q "^pre2.hsh:2: .bucket-policy.json. is no policy document" err
'

test_expect_success '.help policy and .help policy simulate describe them' '
	"$HS_SHELL" -c ".help policy" >out &&
	test_grep -q "^  policy check  lint a policy document" out &&
	test_grep -q "^  policy simulate  decide a request" out &&
	"$HS_SHELL" -c ".help policy simulate" >out &&
	test_grep -q "^usage: policy simulate --policy file://P.json" out &&
	test_grep -q "^  --context KEY=VALUE  " out &&
	"$HS_SHELL" -c ".help" >out &&
	test_grep -q "^  policy check|simulate" out
'

test_done
