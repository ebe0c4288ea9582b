#!/bin/sh
# t0100-cmdline: hipaa-shell's own command line: --version, --help, -c,
# a command given as words, start-up option errors and exit statuses.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# Wait up to 10 seconds for a file to appear.
wait_for_file() {
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		test -e "$1" && return 0
		sleep 0.5
	done
	echo "'$1' did not appear"
	return 1
}

test_expect_success '--version prints the version' '
	"$HS_SHELL" --version >out &&
	grep -q "^hipaa-shell [0-9][0-9.]*$" out
'

test_expect_success '--help lists every option and the exit statuses' '
	"$HS_SHELL" --help >out &&
	for o in --batch --ca-bundle --cli-connect-timeout --cli-read-timeout \
	    "-c, --command CMD" --debug --dry-run --echo --endpoint-url \
	    "-h, --help" --keep-going --no-paginate --no-verify-ssl --output \
	    --profile --query --region "--var NAME=VALUE" --version; do
		test_grep -q -e "  $o" out || return 1
	done &&
	test_grep -q "252 invalid command" out &&
	"$HS_SHELL" -h >out2 && test_cmp out out2
'

test_expect_success 'an unknown option is refused with 252' '
	expect_status 252 "$HS_SHELL" --bogus 2>err &&
	test_grep -q "^hipaa-shell: unknown option .--bogus.$" err &&
	test_grep -q "^Try .hipaa-shell --help.\.$" err
'

test_expect_success 'an option without its value is refused with 252' '
	expect_status 252 "$HS_SHELL" --region 2>err &&
	test_grep -q "option .--region. needs a value: --region REGION" err &&
	expect_status 252 "$HS_SHELL" --profile --debug 2>err &&
	test_grep -q "option .--profile. needs a value" err
'

test_expect_success 'bad option values are refused with 252' '
	expect_status 252 "$HS_SHELL" --output yaml2 -c ".words" 2>err &&
	test_grep -q "invalid value .yaml2. for --output: valid choices are json, text, table, yaml, yaml-stream" err &&
	expect_status 252 "$HS_SHELL" --cli-read-timeout -5 -c ".words" 2>err &&
	expect_status 252 "$HS_SHELL" --endpoint-url foo -c ".words" 2>err &&
	test_grep -q "use http://HOST" err &&
	expect_status 252 "$HS_SHELL" --region "bad region" -c ".words" 2>err &&
	expect_status 252 "$HS_SHELL" --var 1X=2 -c ".words" 2>err &&
	test_grep -q "invalid value for --var: invalid variable name .1X." err
'

test_expect_success '-c runs one command line with the shell quoting' '
	"$HS_SHELL" -c ".words a '\''b c'\'' \"d\\\"e\"" >out &&
	echo "[\"a\",\"b c\",\"d\\\"e\"]" >expect &&
	test_cmp expect out
'

test_expect_success '-c runs several lines and stops at the first failure' '
	expect_status 7 "$HS_SHELL" -c ".words 1
!exit 7
.words 2" >out 2>err &&
	echo "[\"1\"]" >expect && test_cmp expect out &&
	echo "host command exited with status 7" >expect && test_cmp expect err
'

test_expect_success '--var and the environment feed $NAME' '
	HS_T_ENV=from-env "$HS_SHELL" --var ACCT=123456789012 \
	    -c ".words \$ACCT \${HS_T_ENV} \${NOPE:-d}" >out &&
	echo "[\"123456789012\",\"from-env\",\"d\"]" >expect &&
	test_cmp expect out
'

test_expect_success 'an undefined variable is an error with line and column' '
	expect_status 252 "$HS_SHELL" -c ".words ok \$ACCOUNT_ID" >out 2>err &&
	test_must_be_empty() { ! test -s "$1"; } &&
	test_must_be_empty out &&
	test_grep -q "^line 1, column 11: undefined variable .ACCOUNT_ID.: set it with .set ACCOUNT_ID=VALUE or --var ACCOUNT_ID=VALUE$" err
'

test_expect_success 'unknown commands get a suggestion and 252' '
	expect_status 252 "$HS_SHELL" -c "hlep" 2>err &&
	test_grep -q "^unknown command .hlep.; did you mean .\.help.?$" err &&
	expect_status 252 "$HS_SHELL" -c "frobnicate describe-instances" 2>err &&
	test_grep -q "^unknown command .frobnicate.; .help lists the commands$" err &&
	expect_status 252 "$HS_SHELL" -c ".e" 2>err &&
	test_grep -q "ambiguous command .\.e.: could be .edit, .exit" err
'

test_expect_success 'a command given as words runs as split by the OS shell' '
	"$HS_SHELL" .words "a b" "\$NOT_EXPANDED" >out &&
	echo "[\"a b\",\"\$NOT_EXPANDED\"]" >expect && test_cmp expect out &&
	"$HS_SHELL" sts get-caller-identity --generate-cli-skeleton >out &&
	echo "{}" >expect && test_cmp expect out
'

test_expect_success 'the modes exclude each other' '
	expect_status 252 "$HS_SHELL" -c ".words" --batch x 2>err &&
	test_grep -q "give only one of --batch, -c and a command" err &&
	expect_status 252 "$HS_SHELL" -c ".words" .words 2>err &&
	expect_status 252 "$HS_SHELL" --echo .words 2>err &&
	test_grep -q "apply to --batch and -c only" err
'

test_expect_success 'start-up options set the session: profile and region' '
	"$HS_SHELL" --profile dev --region eu-west-1 -c ".profile
.region" >out &&
	printf "dev\neu-west-1\n" >expect && test_cmp expect out &&
	AWS_PROFILE=envp AWS_DEFAULT_REGION=us-west-2 "$HS_SHELL" -c ".profile
.region" >out &&
	printf "envp\nus-west-2\n" >expect && test_cmp expect out &&
	AWS_REGION=eu-central-1 AWS_DEFAULT_REGION=us-west-2 \
	    "$HS_SHELL" -c ".region" >out &&
	echo eu-central-1 >expect && test_cmp expect out
'

test_expect_success 'inside the shell leading global options are checked' '
	expect_status 252 "$HS_SHELL" -c "--var A=1 s3 ls" 2>err &&
	test_grep -q "only valid on hipaa-shell.s command line; use .set NAME=VALUE" err &&
	expect_status 252 "$HS_SHELL" -c "--region eu-west-1" 2>err &&
	test_grep -q "^missing command after the options$" err &&
	expect_status 252 "$HS_SHELL" -c "--region eu-west-1 .help" 2>err &&
	test_grep -q "option .--region. is not valid for .\.help." err
'

test_expect_success 'exit statuses: .exit N, host commands, file errors' '
	expect_status 0 "$HS_SHELL" -c ".words" >/dev/null &&
	expect_status 3 "$HS_SHELL" -c ".exit 3" &&
	expect_status 4 "$HS_SHELL" -c "!exit 4" 2>/dev/null &&
	expect_status 255 "$HS_SHELL" -c ".cd /no/such/folder" 2>err &&
	test_grep -q "cannot change to folder ./no/such/folder." err &&
	expect_status 252 "$HS_SHELL" -c ".exit 300" 2>/dev/null
'

test_expect_success 'SIGINT cancels the running command: status 130' '
	start=$(date +%s) &&
	{ "$HS_SHELL" -c "!touch started; sleep 30
.words not-reached" >out 2>err & } &&
	pid=$! &&
	wait_for_file started &&
	kill -INT $pid &&
	{ wait $pid; rc=$?; } &&
	test $rc = 130 &&
	test $(( $(date +%s) - start )) -lt 15 &&
	! test -s out &&
	test_grep -q "^interrupted$" err
'

test_expect_success 'standard input that is not a terminal is a runbook' '
	printf ".set X=1\n.words \$X\n" | "$HS_SHELL" >out &&
	echo "[\"1\"]" >expect && test_cmp expect out
'

test_done
