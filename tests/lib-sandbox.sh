# tests/lib-sandbox.sh: start and stop hipaa-sandbox for integration
# scripts (after git's t/lib-httpd.sh). Source it after tests/lib.sh.
#
#   start_sandbox [OPTIONS...]  (at the top level of the script, not inside
#                               test_expect_success, whose subshell would
#                               lose the variables) start one on an ephemeral loopback port
#                               (--port 0) with its data in
#                               $TEST_TMP/sandbox-data unless --data is
#                               given; waits (up to 30 s) for "listening on URL" and
#                               sets SANDBOX_URL, SANDBOX_PID, SANDBOX_LOG
#                               (its stdout and stderr) and SANDBOX_DATA
#   stop_sandbox                SIGTERM, then wait for a clean exit (status 0),
#                               counted as a test of the script
#   sbx_aws ARGS...             the AWS CLI v1 against the sandbox
#   sbx_aws2 ARGS...            the AWS CLI v2 (/usr/bin/aws), when installed
#   for_each_cli CMD            run CMD with $AWS set to each installed CLI
#   wait_listening FILE PID     wait (up to 30 s) for a sandbox started by
#                               the script itself to print "listening on";
#                               1 when it exited or never did
#
# The AWS CLI gets test/test credentials, us-east-1 and no pager; the
# sandbox is stopped when the script exits.

: "${HS_SANDBOX:=$top_builddir/hipaa-sandbox}"
SANDBOX_PID=
SANDBOX_URL=

export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER=
export AWS_CLI_AUTO_PROMPT=off

# Skip the whole script when the sandbox was not built.
test -x "$HS_SANDBOX" || skip_all "hipaa-sandbox is not built ($HS_SANDBOX)"

start_sandbox() {
	SANDBOX_DATA=$TEST_TMP/sandbox-data
	prev=
	for a in "$@"; do
		case $prev in --data) SANDBOX_DATA=$a ;; esac
		prev=$a
	done
	prev=
	case " $* " in *" --data "*) set -- --port 0 "$@" ;;
	*) set -- --port 0 --data "$SANDBOX_DATA" "$@" ;; esac
	SANDBOX_LOG=$TEST_TMP/sandbox.out
	: >"$SANDBOX_LOG"
	"$HS_SANDBOX" "$@" >"$SANDBOX_LOG" 2>&1 &
	SANDBOX_PID=$!
	test_at_exit 'stop_sandbox >/dev/null 2>&1'
	i=0
	while ! grep -q '^listening on ' "$SANDBOX_LOG"; do
		if ! kill -0 "$SANDBOX_PID" 2>/dev/null || test $i -ge 300; then
			echo "hipaa-sandbox did not start:" >&2
			cat "$SANDBOX_LOG" >&2
			SANDBOX_PID=
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	SANDBOX_URL=$(sed -n 's/^listening on //p' "$SANDBOX_LOG" | head -n1)
	export SANDBOX_URL SANDBOX_DATA
}

stop_sandbox() {
	test -n "$SANDBOX_PID" || return 0
	if ! kill -TERM "$SANDBOX_PID" 2>/dev/null; then
		echo "hipaa-sandbox exited before it was stopped:" >&2
		cat "$SANDBOX_LOG" >&2
	fi
	wait "$SANDBOX_PID"
	rc=$?
	SANDBOX_PID=
	# a test of its own: an unclean exit (a crash, or what a sanitizer
	# build reports at exit, such as a leak) fails the script
	test_count=$((test_count + 1))
	if test $rc = 0; then
		echo "ok $test_count - hipaa-sandbox stopped cleanly"
	else
		echo "not ok $test_count - hipaa-sandbox stopped cleanly (exit status $rc)"
		test_failures=$((test_failures + 1))
		echo "hipaa-sandbox exit status $rc:" >&2
		cat "$SANDBOX_LOG" >&2
	fi
	return $rc
}

wait_listening() {
	i=0
	until grep -q '^listening on ' "$1"; do
		kill -0 "$2" 2>/dev/null && test $i -lt 300 || {
			cat "$1" >&2; return 1; }
		sleep 0.1
		i=$((i + 1))
	done
}

sbx_aws() {
	aws --endpoint-url "$SANDBOX_URL" "$@"
}

sbx_aws2() {
	/usr/bin/aws --endpoint-url "$SANDBOX_URL" "$@"
}

# The AWS CLIs installed here: "aws" (v1) and /usr/bin/aws (v2).
sandbox_clis() {
	if command -v aws >/dev/null 2>&1; then echo aws; fi
	if test -x /usr/bin/aws && test "$(command -v aws)" != /usr/bin/aws; then
		echo /usr/bin/aws
	fi
}
