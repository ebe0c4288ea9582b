# tests/lib-moto.sh: moto_server, an independent implementation of the
# AWS APIs, as the server for lib-peer.sh's comparisons. Sourced after
# tests/lib.sh.
#
#   moto_start NAME       start moto_server on an ephemeral loopback port
#                         (skip the script loudly when moto is missing);
#                         sets $NAME_url. Stopped when the script exits.

. "$top_srcdir/tests/lib-peer.sh"

# python3's real executable: a pyenv shim costs a second a start.
moto_python=$(python3 -c 'import moto, sys; print(sys.executable)' \
    2>/dev/null) ||
	skip_all "moto is not installed (pip install 'moto[server]'): no peer to compare with"

moto_start() {
	mt_name=$1
	rm -f "$TEST_TMP/moto-$mt_name.log"
	"$moto_python" -m moto.server -H 127.0.0.1 -p 0 \
	    >"$TEST_TMP/moto-$mt_name.log" 2>&1 &
	mt_pid=$!
	test_at_exit "kill $mt_pid 2>/dev/null; wait $mt_pid 2>/dev/null"
	mt_i=0
	while test $mt_i -lt 600 &&
	    ! grep -q 'Running on http' "$TEST_TMP/moto-$mt_name.log" 2>/dev/null; do
		sleep 0.05
		mt_i=$((mt_i + 1))
	done
	mt_url=$(sed -n 's/.*Running on \(http[^ ]*\).*/\1/p' \
	    "$TEST_TMP/moto-$mt_name.log" | head -n 1)
	if test -z "$mt_url"; then
		echo "moto_server '$mt_name' did not start:" >&2
		cat "$TEST_TMP/moto-$mt_name.log" >&2
		exit 99
	fi
	eval "${mt_name}_url=\$mt_url"
}

