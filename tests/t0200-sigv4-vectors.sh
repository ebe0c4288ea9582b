#!/bin/sh
# t0200-sigv4-vectors: tests/sigv4-vector over every case of the AWS SigV4
# test suite ($HS_TESTDATA/sigv4): the canonical request, the string to
# sign and the Authorization value must equal the expected files byte for
# byte; the official-crt cases are also presigned and compared with their
# query-* files.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

vector="$top_builddir/tests/sigv4-vector"
test -x "$vector" || skip_all "tests/sigv4-vector is not built (run make check)"
test -n "${HS_TESTDATA-}" && test -d "$HS_TESTDATA/sigv4/official" ||
	skip_all "HS_TESTDATA is not set or has no sigv4/official: no vectors to run"
suite="$HS_TESTDATA/sigv4"

# check_header SET CASE: sign in the header form and diff the three files.
check_header() {
	out="$TEST_TMP/out-$1-$2" &&
	mkdir -p "$out" &&
	"$vector" "$suite/$1/$2" "$out" &&
	for f in canonical-request.txt string-to-sign.txt authorization.txt; do
		test_cmp "$suite/$1/$2/$f" "$out/$f" || return 1
	done
}

# check_query CASE: presign an official-crt case and diff its query files.
check_query() {
	out="$TEST_TMP/query-$1" &&
	mkdir -p "$out" &&
	"$vector" --presign "$suite/official-crt/$1" "$out" &&
	for f in query-canonical-request.txt query-string-to-sign.txt; do
		test_cmp "$suite/official-crt/$1/$f" "$out/$f" || return 1
	done &&
	sed -n 's/.*X-Amz-Signature=\([0-9a-f]*\).*/\1/p' \
	    "$suite/official-crt/$1/query-signed-request.txt" >"$out/want-sig" &&
	printf '%s\n' "$(cat "$out/query-signature.txt")" >"$out/got-sig" &&
	test_cmp "$out/want-sig" "$out/got-sig"
}

n=0
for dir in "$suite"/official/*/; do
	name=$(basename "$dir")
	n=$((n + 1))
	test_expect_success "official/$name" "check_header official '$name'"
done
test_expect_success 'the official suite has its 34 cases' "test $n -eq 34"

for dir in "$suite"/official-crt/*/; do
	name=$(basename "$dir")
	test_expect_success "official-crt/$name (header)" \
		"check_header official-crt '$name'"
	if test -f "$dir/query-canonical-request.txt"; then
		test_expect_success "official-crt/$name (presigned)" \
			"check_query '$name'"
	fi
done

test_expect_success 'usage errors exit 2' '
	expect_status 2 "$vector" 2>err &&
	test_grep "usage: sigv4-vector" err
'

test_expect_success 'a missing case folder fails with its name' '
	expect_status 1 "$vector" "$TEST_TMP/no-such-case" "$TEST_TMP" 2>err &&
	test_grep "no-such-case/request.txt" err
'

test_done
