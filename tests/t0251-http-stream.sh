#!/bin/sh
# t0251-http-stream: a file body is streamed (hashed by the responder as
# it arrives, identical on every attempt), a response body is written to
# a file through a temporary name, and an error answer never clobbers it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"

cat >"$TEST_TMP/echo.json" <<'JSON'
[{"drop": true}, {"echo_sha": true}]
JSON
start_responder echo --script "$TEST_TMP/echo.json"

test_expect_success 'a 20 MiB file body arrives whole, after a dropped attempt' '
	head -c 20971520 /dev/urandom >big &&
	want=$(sha256sum big | cut -d" " -f1) &&
	"$NET_TOOL" --body-file big request PUT "$echo_url/bucket/big" >out &&
	test_grep "^attempts 2" out &&
	test_grep "\"sha256\": \"$want\", \"length\": 20971520" out &&
	test $(grep -c "\"body_sha256\": \"$want\"" "$TEST_TMP/echo.log") = 2
'

cat >"$TEST_TMP/get.json" <<'JSON'
[{"status": 200, "body": "line 1\nline 2\n"},
 {"status": 404, "body": "<Error><Code>NoSuchKey</Code></Error>"}]
JSON
start_responder get --script "$TEST_TMP/get.json"

test_expect_success 'a response body lands in the file, nothing else beside it' '
	"$NET_TOOL" --out got.txt request GET "$get_url/bucket/key" >out &&
	printf "line 1\nline 2\n" >want.txt &&
	test_cmp want.txt got.txt &&
	test "$(ls | grep -c hs-tmp)" = 0
'

test_expect_success 'an error answer is reported and leaves the file alone' '
	"$NET_TOOL" --out got.txt request GET "$get_url/bucket/key" >out &&
	test_grep "^status 404" out &&
	test_grep NoSuchKey out &&
	test_cmp want.txt got.txt
'

test_expect_success 'no answer at all is an error with the reason' '
	! "$NET_TOOL" --max-attempts 2 request GET "http://127.0.0.1:1/" >out 2>err &&
	test_grep "cannot talk to .127.0.0.1.*(2 attempts)" err
'

test_done
