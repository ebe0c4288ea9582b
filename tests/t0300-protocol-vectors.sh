#!/bin/sh
# t0300-protocol-vectors: every case of botocore's protocol test suites
# ($HS_TESTDATA/protocols, input and output, current and legacy) for the
# protocols hipaa-shell speaks: query, ec2, json (1.1), json_1_0 (with its
# query-compatible variant), rest-json and rest-xml. One TAP line per case;
# the cases left out say why (# SKIP): botocore's own ignore list, where
# our result differs, and tests/protocol-vector.c's left_out[] table.
# The smithy-rpc-v2-cbor files are skipped: hipaa-shell does not speak
# CBOR (botocore picks json or query for every service that offers it).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

vector="$top_builddir/tests/protocol-vector"
data="${HS_TESTDATA-}/protocols"
test -n "${HS_TESTDATA-}" && test -d "$data" ||
	skip_all "the protocol test data is missing (HS_TESTDATA/protocols)"
test -x "$vector" || skip_all "tests/protocol-vector is not built"

# Run one file and renumber its TAP lines into this script's count.
run_vectors() {
	out="$TEST_TMP/vector.tap"
	"$vector" "$1" "$2" >"$out" 2>"$TEST_TMP/vector.err"
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*)
			test_count=$((test_count + 1))
			echo "ok $test_count - ${line#* - }";;
		"not ok "*)
			test_count=$((test_count + 1))
			test_failures=$((test_failures + 1))
			echo "not ok $test_count - ${line#* - }";;
		"#"*)
			echo "$line";;
		esac
	done <"$out"
	if test $rc -ne 0 && ! grep -q '^not ok' "$out"; then
		test_count=$((test_count + 1))
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - $1 $2: protocol-vector exited $rc"
		sed 's/^/#   /' "$TEST_TMP/vector.err"
	fi
	if ! grep -q '^ok\|^not ok' "$out"; then
		test_count=$((test_count + 1))
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - $1 $2: no case ran"
	fi
}

for dir in input output; do
	for proto in query ec2 json json_1_0 json_1_0-query-compatible \
	    rest-json rest-xml; do
		run_vectors "$dir" "$data/$dir/$proto.json"
	done
	for proto in query ec2 json rest-json rest-xml; do
		run_vectors "$dir" "$data/legacy/$dir/$proto.json"
	done
	for f in "$data/$dir"/smithy-rpc-v2-cbor*.json; do
		test -f "$f" || continue
		test_skip "$dir ${f##*/}" "hipaa-shell does not speak smithy-rpc-v2-cbor"
	done
done

test_expect_success 'a failing case fails the run (the runner can fail)' '
	cat >bad.json <<-\EOF &&
	[{"description": "broken on purpose",
	  "metadata": {"protocol": "json", "jsonVersion": "1.1",
	               "targetPrefix": "T", "apiVersion": "2020-01-01"},
	  "shapes": {"In": {"type": "structure",
	                    "members": {"A": {"shape": "S"}}},
	             "S": {"type": "string"}},
	  "cases": [{"id": "WrongBody",
	             "given": {"name": "Op", "http": {"method": "POST",
	                       "requestUri": "/"}, "input": {"shape": "In"}},
	             "params": {"A": "x"},
	             "serialized": {"uri": "/", "body": "{\"A\": \"y\"}",
	                            "headers": {}}}]}]
	EOF
	! "$vector" input bad.json >out 2>err &&
	test_grep "^not ok 1 - bad input: broken on purpose / WrongBody" out &&
	test_grep "expected: {\"A\": \"y\"}" out
'

test_done
