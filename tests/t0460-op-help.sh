#!/bin/sh
# t0460-op-help.sh: help at every level, from the models - plain text when
# the output is not a terminal, through the pager ($PAGER, AWS_PAGER,
# cli_pager, else "less -R") when it is.
. "$top_srcdir/tests/lib.sh"

test_expect_success 'SERVICE help lists the operations' '
	"$HS_SHELL" -c "iam help" >out 2>err &&
	test_grep "^NAME\$" out && test_grep "^       iam -\$" out &&
	test_grep "^AVAILABLE COMMANDS\$" out &&
	test_grep "^       o create-role\$" out && test_grep "^       o list-roles\$" out
'
test_expect_success 'SERVICE OPERATION help: synopsis, types, required marks' '
	"$HS_SHELL" -c "iam create-role help" >out 2>err &&
	test_grep "^SYNOPSIS\$" out &&
	test_grep "^          --role-name <value>\$" out &&
	test_grep "^          \[--path <value>\]\$" out &&
	test_grep "^       --role-name (string) \[required\]\$" out &&
	test_grep "^       --max-session-duration (integer)\$" out &&
	test_grep "^          The name of the role to create.\$" out
'
test_expect_success 'a list of structures: members, shorthand and JSON syntax' '
	test_grep "^       --tags (list)\$" out &&
	test_grep "^             Key -> (string) \[required\]\$" out &&
	test_grep "^       Shorthand Syntax:\$" out &&
	test_grep "^          Key=string,Value=string ...\$" out &&
	test_grep "^       JSON Syntax:\$" out
'
test_expect_success 'valid values and the output are documented' '
	"$HS_SHELL" -c "s3api create-bucket help" >out 2>err &&
	test_grep "^          Possible values:\$" out &&
	test_grep "^            o authenticated-read\$" out &&
	test_grep "^OUTPUT\$" out && test_grep "^       Location -> (string)\$" out
'
test_expect_success 'help needs no credentials and sends nothing' '
	(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY &&
	 "$HS_SHELL" --endpoint-url http://127.0.0.1:9 -c "lambda create-function help" >out 2>err) &&
	test_grep "^       --zip-file (blob)\$" out && ! test -s err
'
test_expect_success 'not a terminal: no pager' '
	PAGER="sed s/^/PAGED:/" "$HS_SHELL" -c "sts help" >out 2>err &&
	test_grep_not "^PAGED:" out
'
test_expect_success 'a terminal: through $PAGER' '
	PAGER="sed s/^/PAGED:/" script -qec "\"$HS_SHELL\" -c \"sts help\"" /dev/null >out 2>err &&
	test_grep "^PAGED:NAME" out
'
test_expect_success 'a terminal: AWS_PAGER wins, and an empty one means none' '
	AWS_PAGER="sed s/^/AWSPAGER:/" PAGER="sed s/^/PAGED:/" script -qec "\"$HS_SHELL\" -c \"sts help\"" /dev/null >out 2>err &&
	test_grep "^AWSPAGER:NAME" out &&
	AWS_PAGER= PAGER="sed s/^/PAGED:/" script -qec "\"$HS_SHELL\" -c \"sts help\"" /dev/null >out 2>err &&
	test_grep "^NAME" out && test_grep_not "PAGED:" out
'
test_done
