# tests/lib.sh: sourced by every integration script (tests/tNNNN-*.sh).
#
# After git's t/test-lib.sh: test_expect_success 'what' 'commands' runs
# the commands in a subshell and prints one TAP line; test_done prints
# the plan and exits non-zero if anything failed. skip_all 'why' skips
# the whole script loudly (exit 77). Each script gets a fresh
# $TEST_TMP, removed at exit, and a HOME inside it, so no test reads the
# developer's own ~/.aws or history.
#
# Paths come from make check (AM_TESTS_ENVIRONMENT): HS_SHELL,
# HS_SANDBOX, HS_TESTDATA, top_srcdir, top_builddir.

set -u
test_count=0
test_failures=0
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${HS_SHELL:=$top_builddir/hipaa-shell}"
: "${HS_SANDBOX:=$top_builddir/hipaa-sandbox}"
export top_srcdir top_builddir HS_SHELL HS_SANDBOX

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/hs-test.XXXXXX") || exit 99
export HOME="$TEST_TMP/home"
export XDG_STATE_HOME="$HOME/.local/state"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export AWS_CONFIG_FILE="$HOME/.aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$HOME/.aws/credentials"
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
    AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL \
    AWS_DEFAULT_OUTPUT 2>/dev/null
mkdir -p "$HOME/.aws"
trap 'test_cleanup' EXIT
test_cleanup_hooks=

# Register a command to run when the script exits (stop a server...).
test_at_exit() {
	test_cleanup_hooks="$1
$test_cleanup_hooks"
}

test_cleanup() {
	eval "$test_cleanup_hooks"
	rm -rf "$TEST_TMP"
}

# Skip the whole script, loudly, with the reason.
skip_all() {
	echo "1..0 # SKIP $*"
	echo "SKIP: $*" >&2
	exit 77
}

# test_expect_success 'description' 'shell commands'
test_expect_success() {
	test_count=$((test_count + 1))
	if (cd "$TEST_TMP" && eval "$2") >"$TEST_TMP/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TEST_TMP/.out"
	fi
}

# test_expect_failure is for a known bug: TAP TODO.
test_expect_failure() {
	test_count=$((test_count + 1))
	if (cd "$TEST_TMP" && eval "$2") >"$TEST_TMP/.out" 2>&1; then
		echo "ok $test_count - $1 # TODO known breakage vanished"
	else
		echo "not ok $test_count - $1 # TODO known breakage"
	fi
}

# test_skip 'description' 'why': one skipped assertion.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
	echo "SKIP: $1: $2" >&2
}

test_done() {
	echo "1..$test_count"
	test "$test_failures" -eq 0
	exit $?
}

# --- helpers for assertions -------------------------------------------------

# Run a command and check its exit status: expect_status N cmd args...
expect_status() {
	want=$1; shift
	"$@"
	got=$?
	if test "$got" -ne "$want"; then
		echo "expected exit status $want, got $got: $*"
		return 1
	fi
	return 0
}

# Compare two files and show the difference.
test_cmp() {
	diff -u "$1" "$2"
}

# grep that shows the file when the pattern is missing.
test_grep() {
	if ! grep "$@"; then
		eval "last=\${$#}"
		echo "pattern not found: $*"
		echo "--- in $last:"
		cat "$last" 2>/dev/null
		return 1
	fi
}

# Fail when a pattern is present.
test_grep_not() {
	if grep "$@"; then
		echo "pattern unexpectedly found: $*"
		return 1
	fi
	return 0
}

# Require a program, or skip the whole script loudly.
require_program() {
	command -v "$1" >/dev/null 2>&1 || skip_all "'$1' is not installed (run ./bootstrap as root)"
}
