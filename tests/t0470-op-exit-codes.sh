#!/bin/sh
# t0470-op-exit-codes.sh: the AWS CLI v2's exit statuses for model
# operations - 252 bad input, 253 no credentials or no region (saying
# where it looked), 254 a service error (its code usable by a runbook's
# "# expect-error:"), 255 no answer - each compared with the CLI.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

moto_start hs
moto_start cli

status_of() {
	"$@" >out 2>err
	echo $? >rc
}

test_expect_success '252: bad input' '
	status_of "$HS_SHELL" -c "iam get-role" && echo 252 >want && test_cmp want rc
'
test_expect_success '253: no credentials, and where the chain looked' '
	(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY &&
	 status_of "$HS_SHELL" --endpoint-url "$hs_url" -c "iam list-roles") &&
	echo 253 >want && test_cmp want rc &&
	test_grep "^Unable to locate credentials. You can configure credentials by running \"aws configure\".\$" err &&
	test_grep "credentials" err
'
if test -n "$AWS_CLI_V2"; then
	test_expect_success '253: the AWS CLI v2 agrees' '
		(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY &&
		 status_of "$AWS_CLI_V2" --endpoint-url "$cli_url" iam list-roles) &&
		echo 253 >want && test_cmp want rc
	'
else
	test_skip '253: the AWS CLI v2 agrees' '/usr/bin/aws (AWS CLI v2) is not installed'
fi
test_expect_success '253: no region for a regional service' '
	(unset AWS_DEFAULT_REGION AWS_REGION &&
	 status_of "$HS_SHELL" -c "logs describe-log-groups") &&
	echo 253 >want && test_cmp want rc && test_grep -i "region" err
'
test_expect_success '253: a profile that does not exist' '
	status_of "$HS_SHELL" --profile nope -c "iam list-roles" &&
	echo 253 >want && test_cmp want rc && test_grep "nope" err
'
test_expect_success '254: a service error, as the CLI words it' '
	status_of "$HS_SHELL" --endpoint-url "$hs_url" -c "iam get-role --role-name missing" &&
	echo 254 >want && test_cmp want rc &&
	test_grep "^An error occurred (NoSuchEntity) when calling the GetRole operation: " err &&
	mv err hs.err &&
	status_of "$moto_python" -m awscli --endpoint-url "$cli_url" iam get-role --role-name missing &&
	grep "^An error occurred" err >want.msg && test_cmp want.msg hs.err
'
if test -n "$AWS_CLI_V2"; then
	test_expect_success '254: the AWS CLI v2 agrees' '
		status_of "$AWS_CLI_V2" --endpoint-url "$cli_url" iam get-role --role-name missing &&
		echo 254 >want && test_cmp want rc
	'
else
	test_skip '254: the AWS CLI v2 agrees' '/usr/bin/aws (AWS CLI v2) is not installed'
fi
test_expect_success '254: a runbook expects the error by its code' '
	cat >book.hsh <<-EOF &&
	# expect-error: NoSuchEntity
	iam get-role --role-name missing
	EOF
	"$HS_SHELL" --endpoint-url "$hs_url" --batch book.hsh
'
test_expect_success '255: nothing answers' '
	status_of "$HS_SHELL" --endpoint-url http://127.0.0.1:9 -c "iam list-roles" &&
	echo 255 >want && test_cmp want rc &&
	test_grep "^Could not connect to the endpoint URL: \"http://127.0.0.1:9/\"\$" err
'
test_expect_success '--debug shows the request ID of the last call' '
	AWS_SECRET_ACCESS_KEY=debug-secret-zq9 "$HS_SHELL" --debug \
	    --endpoint-url "$hs_url" -c "sts get-caller-identity" >out 2>err &&
	test_grep "request ID: " err &&
	test_grep_not "debug-secret-zq9" err
'
test_done
