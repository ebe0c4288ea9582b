#!/bin/sh
# t0440-op-cli-syntax.sh: the AWS CLI's argument syntax and refusals,
# compared with the AWS CLI itself: --generate-cli-skeleton (with the v1
# CLI, which reads the same models), required and unknown arguments,
# botocore's parameter validation, bad JSON, missing files - each refused
# with exit 252 and the words of the AWS CLI v2 (v1 exits 2 or 255),
# before anything is sent. Nothing listens on the endpoint: a request
# would fail (255).
. "$top_srcdir/tests/lib.sh"

cli_python=$(python3 -c 'import awscli, sys; print(sys.executable)' \
    2>/dev/null) ||
	skip_all "the AWS CLI (python package awscli) is not installed: no peer to compare with"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
dead=http://127.0.0.1:9

# hs CMD / cli CMD: run through each; out, err and rc in hs.* / cli.*.
hs() {
	"$HS_SHELL" --endpoint-url "$dead" -c "$1" >hs.out 2>hs.err
	echo $? >hs.rc
}
cli() {
	eval "\"\$cli_python\" -m awscli --endpoint-url \"\$dead\" $1" \
	    >cli.out 2>cli.err
	echo $? >cli.rc
}
cli2() {
	eval "/usr/bin/aws --endpoint-url \"\$dead\" $1" >cli.out 2>cli.err
	echo $? >cli.rc
}
# The last non-empty line of the CLI's error ("aws: error: " dropped).
cli_error() {
	grep -v '^$' cli.err | tail -n 1 | sed 's/^aws: error: //'
}

same_skeleton() {
	sk_cmd=$1
	test_expect_success "$2" '
		hs "$sk_cmd" && cli "$sk_cmd" &&
		test_cmp cli.rc hs.rc && test_cmp cli.out hs.out
	'
}

same_refusal() {
	rf_cmd=$1
	if ! /usr/bin/aws --version 2>/dev/null | grep -q "^aws-cli/2"; then
		test_skip "$2" "/usr/bin/aws (AWS CLI v2) is not installed"
		return
	fi
	test_expect_success "$2" '
		hs "$rf_cmd"; cli2 "$rf_cmd";
		echo 252 >want.rc && test_cmp want.rc hs.rc &&
		test_cmp want.rc cli.rc &&
		cli_error >want && tail -n 1 hs.err >got && test_cmp want got
	'
}

cat >"$TEST_TMP/input.json" <<'JSON'
{"RoleName": "from-file", "Tags": [{"Key": "k", "Value": "v"}]}
JSON

same_skeleton 'iam create-role --generate-cli-skeleton' \
    'input skeleton as the CLI prints it'
same_skeleton 'sts assume-role --generate-cli-skeleton input' \
    'input skeleton with nested lists'
same_skeleton 'sts get-caller-identity --generate-cli-skeleton' \
    'input skeleton of an operation without input'
test_expect_success 'output skeleton: member names as values' '
	hs "sts get-caller-identity --generate-cli-skeleton output" &&
	test_grep "^    \"UserId\": \"UserId\",\$" hs.out &&
	test_grep "^    \"Account\": \"Account\",\$" hs.out
'
same_refusal 's3api put-object' \
    'missing required arguments: 252, the CLI words'
same_refusal 's3api put-object --bucket' 'an option without its value'
same_refusal 'iam list-roles --max-items abc' 'a bad integer'
same_refusal "iam create-role --role-name x --assume-role-policy-document x --tags Key=a,Valu=b" \
    "botocore's validation: missing and unknown keys"
same_refusal "iam create-role --role-name x --assume-role-policy-document x --cli-input-json file://input.json --max-session-duration 10" \
    "validation after --cli-input-json: below the minimum"
same_refusal 'iam get-role --role-name x --no-such-option' 'an unknown option'
test_expect_success 'an unknown option gets a suggestion' '
	hs "iam get-role --role-nam x"; echo 252 >want.rc &&
	test_cmp want.rc hs.rc &&
	test_grep "^Unknown options: --role-nam, x (did you mean --role-name?)\$" hs.err
'
test_expect_success 'bad JSON: 252 and what was received' '
	hs "iam create-role --role-name x --assume-role-policy-document x --tags \"{bad\"";
	echo 252 >want.rc && test_cmp want.rc hs.rc &&
	test_grep "^Error parsing parameter '"'"'--tags'"'"': Invalid JSON: " hs.err &&
	test_grep "^JSON received: {bad\$" hs.err
'
test_expect_success 'a missing file:// file: 252, the CLI words' '
	hs "iam create-role --role-name x --assume-role-policy-document file://nope.json";
	cli "iam create-role --role-name x --assume-role-policy-document file://nope.json";
	echo 252 >want.rc && test_cmp want.rc hs.rc &&
	cli_error >want && tail -n 1 hs.err >got && test_cmp want got
'
test_expect_success 'an enum value the model does not list: 252, valid values' '
	hs "s3api create-bucket --bucket b --acl everyone"; echo 252 >want.rc &&
	test_cmp want.rc hs.rc &&
	test_grep "^Invalid value for parameter ACL, value: everyone, valid values: private, public-read, public-read-write, authenticated-read\$" hs.err
'
test_expect_success 'an integer out of range: 252' '
	hs "s3api list-objects-v2 --bucket b --max-keys 99999999999 --no-paginate";
	echo 252 >want.rc && test_cmp want.rc hs.rc &&
	test_grep "valid range: -2147483648 to 2147483647" hs.err
'
test_expect_success 'unknown services and operations: 252 with a guess' '
	hs "iamm list-roles"; echo 252 >want.rc && test_cmp want.rc hs.rc &&
	test_grep "unknown command '"'"'iamm'"'"'; did you mean '"'"'iam'"'"'?" hs.err &&
	hs "iam list-role"; test_cmp want.rc hs.rc &&
	test_grep "unknown operation '"'"'list-role'"'"' of '"'"'iam'"'"'; did you mean" hs.err
'
test_expect_success 'a refused command sends nothing (no connection error)' '
	hs "s3api put-object --bucket b"; test_grep_not "Could not connect" hs.err
'
test_done
