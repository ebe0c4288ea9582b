#!/bin/sh
# t0505-sandbox-manual: hipaa-sandbox(1) documents every option of
# `hipaa-sandbox --help`, every service it serves, the limits it admits
# to (versioning status only, no KMS), and the exit statuses it gives.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
MAN=$top_srcdir/man/hipaa-sandbox.1

test_expect_success 'every option of --help is in the manual' '
	"$HS_SANDBOX" --help >help &&
	grep -o -- "--[a-z-]*" help | sort -u >opts &&
	test -s opts &&
	while read -r o; do
		m=$(printf %s "$o" | sed "s/-/\\\\\\\\-/g") &&
		grep -q -- "$m" "$MAN" || { echo "not in the manual: $o"; exit 1; }
	done <opts
'

test_expect_success 'the services of --help are the manual'"'"'s' '
	for s in S3 STS IAM Lambda ECR "CloudWatch Logs"; do
		grep -q "$s" help && grep -q "$s" "$MAN" ||
			{ echo "missing: $s"; exit 1; }
	done
'

test_expect_success 'the manual says what the sandbox does not do' '
	grep -q "versioning keeps its status only" "$MAN" &&
	grep -q "There is no KMS service" "$MAN" &&
	grep -q NotImplemented "$MAN"
'

test_expect_success 'exit statuses as documented: 0 --help, 2 bad option, 1 cannot start' '
	expect_status 0 "$HS_SANDBOX" --help >/dev/null &&
	expect_status 2 "$HS_SANDBOX" --no-such-option 2>err &&
	test_grep "usage: hipaa-sandbox" err &&
	: >not-a-folder &&
	expect_status 1 "$HS_SANDBOX" --port 0 --data not-a-folder/x 2>err &&
	test_grep "hipaa-sandbox: " err
'

test_done
