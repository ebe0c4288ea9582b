# tests/lib-fake-responder.sh: start tests/fake-responder.py from an
# integration script, on an ephemeral loopback port; it is stopped when
# the script exits. Sourced after tests/lib.sh.
#
#   start_responder NAME [--script FILE | --aws FILE] ...
#       sets $NAME_url (http://127.0.0.1:PORT); requests are logged, one
#       JSON line each, to $TEST_TMP/NAME.log.

NET_TOOL="$top_builddir/tests/net-tool"

# python3's real executable: a pyenv shim costs seconds a start.
fake_python=$(python3 -c 'import json, ssl, sys; print(sys.executable)' \
    2>/dev/null) || skip_all "python3 is not installed: no fake responder"

start_responder() {
	fr_name=$1
	shift
	"$fake_python" "$top_srcdir/tests/fake-responder.py" \
	    --log "$TEST_TMP/$fr_name.log" "$@" >"$TEST_TMP/$fr_name.out" \
	    2>"$TEST_TMP/$fr_name.err" &
	fr_pid=$!
	test_at_exit "kill $fr_pid 2>/dev/null; wait $fr_pid 2>/dev/null"
	fr_i=0
	while test $fr_i -lt 200 && ! grep -q '^listening on' "$TEST_TMP/$fr_name.out"; do
		sleep 0.05
		fr_i=$((fr_i + 1))
	done
	fr_url=$(sed -n 's/^listening on //p' "$TEST_TMP/$fr_name.out")
	if test -z "$fr_url"; then
		echo "the fake responder '$fr_name' did not start" >&2
		cat "$TEST_TMP/$fr_name.err" >&2
		exit 99
	fi
	eval "${fr_name}_url=\$fr_url"
}

# Count the requests a responder has logged.
responder_count() {
	if test -f "$TEST_TMP/$1.log"; then
		wc -l <"$TEST_TMP/$1.log" | tr -d ' '
	else
		echo 0
	fi
}
