#!/bin/sh
# t0110-batch: runbooks with --batch FILE and --batch - : the check before
# running, FILE:LINE errors, --keep-going, --echo, # expect-error, .source,
# and the lexer rules that documentation relies on (multi-line JSON,
# wrapped commands, pasted prompts).
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

# sleeper.pl FILE makes FILE once it runs, with SIGINT's default action,
# then sleeps: a SIGINT sent after FILE appears ends it for certain (not
# so one sent while /bin/sh is still starting it: cmd-host.c).
write_sleeper() {
	cat >sleeper.pl <<-\EOF
	open(my $f, ">", $ARGV[0]) or die "$ARGV[0]: $!\n";
	close($f);
	sleep 30;
	EOF
}

test_expect_success 'a runbook runs its commands in order' '
	cat >ok.hsh <<-\EOF &&
	# a comment
	.set BUCKET=phi-data

	.words s3://$BUCKET/a   # trailing comment
	!echo host
	EOF
	"$HS_SHELL" --batch ok.hsh >out &&
	printf "[\"s3://phi-data/a\"]\nhost\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the first failure stops the runbook with FILE:LINE' '
	cat >fail.hsh <<-\EOF &&
	!touch before
	.words a

	!exit 4
	!touch after
	EOF
	expect_status 4 "$HS_SHELL" --batch fail.hsh >out 2>err &&
	echo "fail.hsh:4: host command exited with status 4" >expect &&
	test_cmp expect err &&
	test -f before && ! test -f after
'

test_expect_success '--keep-going runs on and exits with the first failure' '
	cat >kg.hsh <<-\EOF &&
	!exit 5
	!touch kg-ran
	!exit 6
	EOF
	expect_status 5 "$HS_SHELL" --keep-going --batch kg.hsh 2>err &&
	test -f kg-ran &&
	printf "kg.hsh:1: host command exited with status 5\nkg.hsh:3: host command exited with status 6\n" >expect &&
	test_cmp expect err
'

test_expect_success 'a mistake anywhere: every error reported, nothing run' '
	cat >typo.hsh <<-\EOF &&
	!touch typo-ran
	.set A=1
	.words $A $B
	.hepl
	.words '\''open
	EOF
	expect_status 252 "$HS_SHELL" --keep-going --batch typo.hsh 2>err &&
	! test -f typo-ran &&
	cat >expect <<-\EOF &&
	typo.hsh:3:11: undefined variable '\''B'\'': set it with .set B=VALUE or --var B=VALUE
	typo.hsh:4: unknown command '\''.hepl'\''; did you mean '\''.help'\''?
	typo.hsh:5:8: unterminated single quote: close it with '\''
	EOF
	test_cmp expect err
'

test_expect_success '--echo prints each command, secrets redacted' '
	cat >echo.hsh <<-\EOF &&
	.set DB_PASSWORD=hunter2
	.words x \
	  y
	EOF
	"$HS_SHELL" --echo --batch echo.hsh >out &&
	printf "\$ .set DB_PASSWORD=***\n\$ .words x \\\\\n  y\n[\"x\",\"y\"]\n" >expect &&
	test_cmp expect out &&
	! grep -q hunter2 out
'

test_expect_success '--batch - reads standard input and names it <stdin>' '
	printf ".words in\n!exit 3\n" >stdin.hsh &&
	expect_status 3 "$HS_SHELL" --batch - <stdin.hsh >out 2>err &&
	echo "[\"in\"]" >expect && test_cmp expect out &&
	echo "<stdin>:2: host command exited with status 3" >expect &&
	test_cmp expect err
'

test_expect_success '# expect-error: the next command must fail with that code' '
	cat >expect.hsh <<-\EOF &&
	# expect-error: HostCommandFailed
	!exit 9
	# expect-error: UnknownCommand
	.nope
	.words reached
	EOF
	"$HS_SHELL" --batch expect.hsh >out 2>err &&
	echo "[\"reached\"]" >expect && test_cmp expect out &&
	! test -s err &&
	cat >wrong.hsh <<-\EOF &&
	# expect-error: AccessDenied
	!exit 2
	EOF
	expect_status 2 "$HS_SHELL" --batch wrong.hsh 2>err &&
	echo "wrong.hsh:2: expected error '\''AccessDenied'\'', got '\''HostCommandFailed'\'': host command exited with status 2" >expect &&
	test_cmp expect err &&
	printf "# expect-error: AccessDenied\n.words fine\n" >succ.hsh &&
	expect_status 255 "$HS_SHELL" --batch succ.hsh >/dev/null 2>err &&
	test_grep -q "succ.hsh:2: expected error .AccessDenied., but the command succeeded" err
'

test_expect_success 'a multi-line JSON policy in single quotes is one word' '
	cat >json.hsh <<-\EOF &&
	.words --policy-document '\''{
	  "Version": "2012-10-17",
	  "Statement": [{"Effect": "Deny", "Action": "s3:*"}]
	}'\''
	EOF
	"$HS_SHELL" --batch json.hsh >out &&
	cat >expect <<-\EOF &&
	["--policy-document","{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:*\"}]\n}"]
	EOF
	test_cmp expect out
'

test_expect_success 'documentation wraps: -- lines and quoted JSON continue' '
	cat >wrap.hsh <<-\EOF &&
	.words create-role --role-name r
	    --assume-role-policy-document
	    '\''{"Version": "2012-10-17"}'\''
	.words next
	EOF
	"$HS_SHELL" --batch wrap.hsh >out &&
	cat >expect <<-\EOF &&
	["create-role","--role-name","r","--assume-role-policy-document","{\"Version\": \"2012-10-17\"}"]
	["next"]
	EOF
	test_cmp expect out
'

test_expect_success 'pasted prompts and a leading aws are dropped' '
	printf "\$ aws .words a\naws> .words b\naws .words c\n" >paste.hsh &&
	"$HS_SHELL" --batch paste.hsh >out &&
	printf "[\"a\"]\n[\"b\"]\n[\"c\"]\n" >expect && test_cmp expect out
'

test_expect_success 'CRLF runbooks work' '
	printf ".words a\r\n.words b \\\\\r\n c\r\n" >crlf.hsh &&
	"$HS_SHELL" --batch crlf.hsh >out &&
	printf "[\"a\"]\n[\"b\",\"c\"]\n" >expect && test_cmp expect out
'

test_expect_success '.source runs a runbook; its errors name its own lines' '
	printf ".words inner\n\n!exit 8\n" >inner.hsh &&
	printf ".words outer\n.source inner.hsh\n.words never\n" >outer.hsh &&
	expect_status 8 "$HS_SHELL" --batch outer.hsh >out 2>err &&
	printf "[\"outer\"]\n[\"inner\"]\n" >expect && test_cmp expect out &&
	echo "inner.hsh:3: host command exited with status 8" >expect &&
	test_cmp expect err
'

test_expect_success '.exit stops a runbook; .exit N sets the status' '
	printf ".words a\n.exit\n.words b\n" >exit.hsh &&
	"$HS_SHELL" --batch exit.hsh >out &&
	echo "[\"a\"]" >expect && test_cmp expect out &&
	printf ".exit 6\n.words b\n" >exit6.hsh &&
	expect_status 6 "$HS_SHELL" --batch exit6.hsh >out &&
	! test -s out
'

command -v perl >/dev/null 2>&1 ||
	test_skip 'SIGINT stops a runbook, even with --keep-going (130)' 'no perl'
command -v perl >/dev/null 2>&1 &&
test_expect_success 'SIGINT stops a runbook, even with --keep-going (130)' '
	write_sleeper &&
	printf "!perl sleeper.pl started; touch never\n!touch after-int\n" \
	    >int.hsh &&
	start=$(date +%s) &&
	{ "$HS_SHELL" --keep-going --batch int.hsh 2>err & } &&
	pid=$! &&
	wait_for_file started &&
	kill -INT $pid &&
	{ wait $pid; rc=$?; } &&
	test $rc = 130 &&
	test $(( $(date +%s) - start )) -lt 15 &&
	! test -e after-int && ! test -e never &&
	echo "int.hsh:1: interrupted" >expect && test_cmp expect err
'

test_expect_success 'a missing runbook is an error (255)' '
	expect_status 255 "$HS_SHELL" --batch nope.hsh 2>err &&
	echo "cannot read runbook '\''nope.hsh'\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'a binary file is not run' '
	printf ".words a\n\000\n" >bin.hsh &&
	expect_status 252 "$HS_SHELL" --batch bin.hsh >out 2>err &&
	! test -s out &&
	test_grep -q "bin.hsh: NUL byte at line 2" err
'

test_done
