# tests/lib-peer.sh: compare hipaa-shell with the AWS CLI against two
# servers of the same kind (moto_server: lib-moto.sh; hipaa-sandbox), one
# for each, so both see the same state. Sourced after tests/lib.sh; the
# script sets $hs_url and $cli_url (and $v2_url for both_v2).
#
#   both DESC CMD         run CMD (AWS CLI syntax, without "aws") through
#                         hipaa-shell -c against $hs_url and through the
#                         AWS CLI (v1, the same botocore models) against
#                         $cli_url - two servers, so both see the same
#                         state - and assert the same exit status and the
#                         same JSON output, generated IDs and times
#                         ignored (tests/op-compare.py).
#   both_sorted DESC CMD  both, lists compared as sets (moto sorts some
#                         by random IDs)
#   both_v2 DESC CMD      the same with the AWS CLI v2 (/usr/bin/aws),
#                         whose output format hipaa-shell follows.
#
# Both sides get the same credentials and region; the AWS CLI v1 is told
# to print timestamps in ISO 8601 (cli_timestamp_format), as v2 does.

# python3's real executable: a pyenv shim costs a second a start.
peer_python=$(python3 -c 'import awscli, sys; print(sys.executable)' \
    2>/dev/null) ||
	skip_all "the AWS CLI (python package awscli) is not installed: no peer to compare with"

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
cat >"$HOME/.aws/config" <<'EOF'
[default]
cli_timestamp_format = iso8601
EOF

AWS_CLI_V2=
if test -x /usr/bin/aws && /usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2'; then
	AWS_CLI_V2=/usr/bin/aws
fi

# Run CMD through hipaa-shell; output in hs.out, hs.err, status hs.rc.
hs_run() {
	"$HS_SHELL" --endpoint-url "$hs_url" -c "$1" >hs.out 2>hs.err
	echo $? >hs.rc
}

# Run CMD through the AWS CLI v1; output in cli.out, cli.err, cli.rc.
cli_run() {
	eval "\"\$peer_python\" -m awscli --endpoint-url \"\$cli_url\" $1" \
	    >cli.out 2>cli.err
	echo $? >cli.rc
}

# The same with the AWS CLI v2 against the v2 server.
cli2_run() {
	eval "\"\$AWS_CLI_V2\" --endpoint-url \"\$v2_url\" $1" >cli.out 2>cli.err
	echo $? >cli.rc
}

# Compare what both printed: status, then normalized JSON (options go to
# op-compare.py). The AWS CLI v1 exits 255 on a service error, where v2
# (and hipaa-shell) exit 254: that difference alone is not a mismatch.
same_result() {
	if test "$(cat cli.rc)" = 255 && grep -q "^An error occurred (" cli.err; then
		echo 254 >cli.rc
	fi
	if ! cmp -s hs.rc cli.rc; then
		echo "exit status: hipaa-shell $(cat hs.rc), aws $(cat cli.rc)"
		echo "--- hipaa-shell stderr:"; cat hs.err
		echo "--- aws stderr:"; cat cli.err
		return 1
	fi
	"$peer_python" "$top_srcdir/tests/op-compare.py" "$@" cli.out hs.out || {
		echo "--- hipaa-shell stderr:"; cat hs.err
		return 1
	}
}

both() {
	both_cmd=$2
	test_expect_success "$1" \
	    'hs_run "$both_cmd" && cli_run "$both_cmd" && same_result'
}

# both, with lists compared as sets.
both_sorted() {
	both_cmd=$2
	test_expect_success "$1" \
	    'hs_run "$both_cmd" && cli_run "$both_cmd" && same_result --sort'
}

both_v2() {
	if test -z "$AWS_CLI_V2"; then
		test_skip "$1 (AWS CLI v2)" "/usr/bin/aws (AWS CLI v2) is not installed"
		return
	fi
	both_cmd=$2
	test_expect_success "$1 (AWS CLI v2)" \
	    'hs_run "$both_cmd" && cli2_run "$both_cmd" && same_result'
}
