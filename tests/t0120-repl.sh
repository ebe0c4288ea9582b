#!/bin/sh
# t0120-repl: the interactive shell on a real pseudo-terminal (expect):
# the prompt, continuation lines, Ctrl-C at the prompt and during a
# command, Ctrl-D, exit/quit/.exit/.quit and the exit status.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

require_program expect
export TERM=dumb

# run_repl SCRIPT: run the expect SCRIPT (the body after spawning the
# shell with the prompt matched), print the shell's exit status last.
run_repl() {
	cat >repl.exp <<-EOF
	set timeout 15
	log_user 1
	proc fail {why} { puts "\nFAILED: \$why"; exit 1 }
	proc prompt {} {
		expect {
			-re {hipaa-shell \[[^]]*\]> $} {}
			timeout { fail "no prompt" }
			eof { fail "eof before the prompt" }
		}
	}
	proc see {what} {
		expect {
			-exact \$what {}
			timeout { fail "did not see: \$what" }
			eof { fail "eof before: \$what" }
		}
	}
	proc finish {} {
		expect {
			eof {}
			timeout { fail "the shell did not exit" }
		}
		set st [wait]
		puts "\nSTATUS=[lindex \$st 3]"
	}
	spawn -noecho \$env(HS_SHELL) {*}\$argv
	prompt
	$1
	EOF
	shift
	expect -f repl.exp -- "$@"
}

test_expect_success 'the prompt shows profile and region' '
	run_repl "send \"exit\\r\"; finish" >log &&
	test_grep -q "hipaa-shell \\[default@-\\]> " log &&
	AWS_PROFILE=dev AWS_REGION=eu-west-1 run_repl "
		send \".region us-west-2\\r\"
		see {hipaa-shell [dev@us-west-2]> }
		send \"exit\\r\"; finish" >log &&
	test_grep -q "hipaa-shell \\[dev@eu-west-1\\]> " log &&
	run_repl "send \"exit\\r\"; finish" --profile prod >log &&
	test_grep -q "hipaa-shell \\[prod@-\\]> " log
'

test_expect_success 'a command runs and the shell goes on' '
	run_repl "
		send \".words a '\''b c'\''\\r\"
		see {[\"a\",\"b c\"]}
		prompt
		send \".words d\\r\"
		see {[\"d\"]}
		prompt
		send \".exit\\r\"; finish" >log &&
	test_grep -q "STATUS=0" log
'

test_expect_success 'an open quote asks for a continuation line' '
	run_repl "
		send \".words '\''a\\r\"
		see {...}
		send \"b'\'' c\\r\"
		see {[\"a\\nb\",\"c\"]}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=0" log
'

test_expect_success 'an option that needs a value waits for it' '
	run_repl "
		send \"s3 ls --region\\r\"
		expect {
			-re {\.\.\. +> $} {}
			timeout { fail \"no continuation prompt\" }
		}
		send \"us-east-1\\r\"
		see {unknown command '\''s3'\''}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=252" log
'

test_expect_success 'Ctrl-C at the prompt clears the line' '
	run_repl "
		send \"partial words\"
		see {partial words}
		send \"\\003\"
		prompt
		send \".words x\\r\"
		see {[\"x\"]}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=0" log &&
	test_grep_not -q "partial\",\"words" log
'

test_expect_success 'Ctrl-C drops an unfinished multi-line command' '
	run_repl "
		send \".words '\''open\\r\"
		see {...}
		send \"\\003\"
		prompt
		send \".words z\\r\"
		see {[\"z\"]}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=0" log
'

# sleeper.pl says "sleeping" once it runs, with SIGINT's default action:
# a Ctrl-C sent after that ends it for certain. (Sent as soon as /bin/sh
# prints something before starting a program, it may land while dash
# starts that program, and dash swallows it there: cmd-host.c.)
write_sleeper() {
	cat >sleeper.pl <<-\EOF
	$| = 1;
	print "sleeping\n";
	sleep 30;
	EOF
}

# Each round: a command whose program runs as /bin/sh's child; Ctrl-C
# ends the program and /bin/sh does not go on to "echo never"; the next
# command runs (a host command too). Ctrl-D then leaves with 130, the
# status of the interrupted command.
command -v perl >/dev/null 2>&1 ||
	test_skip 'Ctrl-C during a command cancels it (130), the shell goes on' \
	    'no perl'
command -v perl >/dev/null 2>&1 &&
test_expect_success 'Ctrl-C during a command cancels it (130), the shell goes on' '
	write_sleeper &&
	run_repl "
		for {set i 0} {\$i < 3} {incr i} {
			send \"!perl sleeper.pl; echo nev\\\\er\\r\"
			see sleeping
			send \"\\003\"
			see interrupted
			prompt
			send \"!echo aft\\\\er\$i\\r\"
			see after\$i
			prompt
		}
		send \"!perl sleeper.pl\\r\"
		see sleeping
		send \"\\003\"
		see interrupted
		prompt
		send \"\\004\"; finish" >log &&
	test $(grep -c "^interrupted" log) = 4 &&
	test_grep_not -q "^never" log &&
	test_grep -q "STATUS=130" log
'

# A SIGINT sent to hipaa-shell alone (kill -INT, not the terminal) is
# passed on to the whole command, /bin/sh's children included.
command -v perl >/dev/null 2>&1 ||
	test_skip 'kill -INT of the shell cancels the command and not the shell' \
	    'no perl'
command -v perl >/dev/null 2>&1 &&
test_expect_success 'kill -INT of the shell cancels the command and not the shell' '
	write_sleeper &&
	run_repl "
		send \"!perl sleeper.pl; echo nev\\\\er\\r\"
		see sleeping
		exec kill -INT [exp_pid]
		see interrupted
		prompt
		send \".words still-here\\r\"
		see {[\"still-here\"]}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep_not -q "^never" log &&
	test_grep -q "STATUS=0" log
'

test_expect_success 'Ctrl-D at the prompt leaves with the last status' '
	run_repl "
		send \"!exit 3\\r\"
		prompt
		send \"\\004\"; finish" >log &&
	test_grep -q "STATUS=3" log &&
	run_repl "send \"\\004\"; finish" >log &&
	test_grep -q "STATUS=0" log
'

test_expect_success 'Ctrl-D in a continuation line reports the open quote' '
	run_repl "
		send \".words '\''abc\\r\"
		see {...}
		send \"\\004\"
		see {line 1, column 8: unterminated single quote}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=252" log
'

test_expect_success 'exit, quit, .exit, .quit and .exit N leave' '
	for cmd in exit quit .exit .quit .ex .q; do
		run_repl "send \"$cmd\\r\"; finish" >log &&
		test_grep -q "STATUS=0" log || return 1
	done &&
	run_repl "send \".exit 7\\r\"; finish" >log &&
	test_grep -q "STATUS=7" log
'

test_expect_success 'errors are reported without stopping the shell' '
	run_repl "
		send \"hlep\\r\"
		see {unknown command '\''hlep'\''; did you mean '\''.help'\''?}
		prompt
		send \".words \\\$NOPE\\r\"
		see {line 1, column 8: undefined variable '\''NOPE'\''}
		prompt
		send \"exit\\r\"; finish" >log &&
	test_grep -q "STATUS=252" log
'

test_done
