#!/bin/sh
# t0000-driver: the test driver and the summary count what they must.
# Every later test relies on them: a crash after passing results must be an
# ERROR, exit 77 a loud SKIP, and the summary must fail on any failure.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

driver="$top_srcdir/tests/driver"
summary="$top_srcdir/tests/summary"

run_driver() {
	sh "$driver" --test-name t --log-file "$TEST_TMP/t.log" \
	    --trs-file "$TEST_TMP/t.trs" --color-tests no -- "$@"
}

test_expect_success 'each TAP line is one result' '
	printf "#!/bin/sh\necho ok 1 - a\necho not ok 2 - b\necho \"ok 3 - c # SKIP no peer\"\necho 1..3\nexit 1\n" >t1 &&
	run_driver sh t1 >out &&
	test $(grep -c "^:test-result: PASS" t.trs) = 1 &&
	test $(grep -c "^:test-result: FAIL" t.trs) = 1 &&
	test $(grep -c "^:test-result: SKIP" t.trs) = 1 &&
	test_grep "^:global-test-result: FAIL" t.trs
'

test_expect_success 'a crash after passing results is an ERROR' '
	printf "#!/bin/sh\necho ok 1 - a\nkill -SEGV \$\$\n" >t2 &&
	run_driver sh t2 >out &&
	test_grep "^:test-result: ERROR" t.trs
'

test_expect_success 'exit 77 without results is a loud skip' '
	printf "#!/bin/sh\necho \"SKIP: moto_server is not installed\" >&2\nexit 77\n" >t3 &&
	run_driver sh t3 >out &&
	test_grep "^:test-result: SKIP" t.trs &&
	test_grep "moto_server is not installed" out
'

test_expect_success 'a plan that does not match is an ERROR' '
	printf "#!/bin/sh\necho 1..2\necho ok 1 - a\n" >t4 &&
	run_driver sh t4 >out &&
	test_grep "^:test-result: ERROR" t.trs
'

test_expect_success 'summary counts and fails on a failure' '
	printf ":test-result: PASS a\n:test-result: PASS b\n:test-result: FAIL c\n:test-result: SKIP d\n" >a.trs &&
	printf ":test-result: ERROR e\n:test-result: XFAIL f\n" >b.trs &&
	! sh "$summary" a.trs b.trs >sum &&
	test "$(tail -n 1 sum)" = "3 passed, 2 failed" &&
	printf ":test-result: PASS a\n" >c.trs &&
	sh "$summary" c.trs >sum &&
	test "$(tail -n 1 sum)" = "1 passed, 0 failed"
'

test_done
