#!/bin/sh
# t0130-history: the REPL's history file on a real pseudo-terminal: where
# it lives, its modes (folders 0700, file 0600), secret-looking values
# replaced by *** before they are stored, and recall in the next session.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

require_program expect
export TERM=dumb

# repl COMMANDS...: type each command at the prompt, then Ctrl-D.
repl() {
	{
		echo 'set timeout 15'
		echo 'spawn -noecho $env(HS_SHELL)'
		echo 'proc prompt {} { expect { -re {\]> $} {} timeout { puts "\nFAILED: no prompt"; exit 1 } } }'
		echo 'prompt'
		for c in "$@"; do
			c=$(printf '%s' "$c" | sed 's/[][\\"$\{\}]/\\&/g')
			printf 'send -- "%s\\r"\nprompt\n' "$c"
		done
		echo 'send "\004"'
		echo 'expect eof'
		echo 'puts "\nSTATUS=[lindex [wait] 3]"'
	} >history.exp &&
	expect -f history.exp
}

hist="$XDG_STATE_HOME/hipaa-shell/history"

test_expect_success 'commands are kept in the history file, mode 0600' '
	repl ".words one" "!true two" >log &&
	test -f "$hist" &&
	test "$(stat -c %a "$hist")" = 600 &&
	test "$(stat -c %a "$XDG_STATE_HOME/hipaa-shell")" = 700 &&
	test_grep -q "^\.words one$" "$hist" &&
	test_grep -q "^!true two$" "$hist"
'

test_expect_success 'secret-looking values are replaced by *** before storing' '
	repl ".set DB_PASSWORD=hunter2 REGION=eu" \
	    ".words --secret-access-key wJalrXUtnFEMI --session-token FwoGZX" \
	    "!export AWS_SECRET_ACCESS_KEY=abc123" \
	    ".words --password=pw1 --next-token keep" >log &&
	test_grep -q "^\.set DB_PASSWORD=\*\*\* REGION=eu$" "$hist" &&
	test_grep -q "^\.words --secret-access-key \*\*\* --session-token \*\*\*$" "$hist" &&
	test_grep -q "^!export AWS_SECRET_ACCESS_KEY=\*\*\*$" "$hist" &&
	test_grep -q "^\.words --password=\*\*\* --next-token keep$" "$hist" &&
	test_grep_not -q -e hunter2 -e wJalrXUtnFEMI -e FwoGZX -e abc123 -e pw1 "$hist"
'

test_expect_success '.history lists earlier sessions, redacted' '
	repl ".history 5" >log &&
	test_grep -q "  \.set DB_PASSWORD=\*\*\* REGION=eu" log &&
	test_grep_not -q hunter2 log
'

test_expect_success 'Ctrl-P recalls the last command of the previous session' '
	repl ".words recall-me" >log &&
	{
		echo "set timeout 15"
		echo "spawn -noecho \$env(HS_SHELL)"
		echo "expect -re {\\]> \$}"
		echo "send \"\\020\\r\""
		echo "expect {"
		echo "  -exact {[\"recall-me\"]} { puts \"\\nRECALLED\" }"
		echo "  timeout { puts \"\\nFAILED\" }"
		echo "}"
		echo "send \"\\004\""
		echo "expect eof"
	} >recall.exp &&
	expect -f recall.exp >log &&
	test_grep -q "^RECALLED" log
'

test_expect_success 'a multi-line command stays one entry' '
	repl ".words '\''{" "  \"a\": 1" "}'\''" >log &&
	test_grep -q "{\\\\n  \\\\\"a\\\\\": 1\\\\n}" log &&
	repl ".history 2" >log &&
	test_grep -q "^ *[0-9]*  \.words .{" log &&
	test_grep -q "^  \"a\": 1" log
'

test_expect_success 'a looser history file is made private again' '
	chmod 644 "$hist" &&
	repl ".words x" >log &&
	test "$(stat -c %a "$hist")" = 600
'

test_expect_success 'without XDG_STATE_HOME the history is under ~/.local/state' '
	(
		unset XDG_STATE_HOME &&
		repl ".words home" >log &&
		test "$(stat -c %a "$HOME/.local/state/hipaa-shell/history")" = 600 &&
		test_grep -q "^\.words home$" "$HOME/.local/state/hipaa-shell/history"
	)
'

test_expect_success 'a history file that cannot be written is a warning only' '
	mkdir -p ro/hipaa-shell && ln -s /nonexistent ro/hipaa-shell/history &&
	XDG_STATE_HOME="$TEST_TMP/ro" repl ".words still-works" >log &&
	test_grep -q "still-works" log &&
	test_grep -q "warning: .*history is not saved" log &&
	test_grep -q "STATUS=0" log
'

test_done
