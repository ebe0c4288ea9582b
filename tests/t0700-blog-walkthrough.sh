#!/bin/sh
# t0700-blog-walkthrough: the README's main job, run exactly as the
# README writes it (its first command, after "./bootstrap && make &&",
# from the top of the source tree, with the hipaa-shell just built): the
# blog walkthrough on a sandbox of its own exits 0, shows the SSE-only
# policy refusing an unencrypted upload (AccessDenied), the object stored
# with ServerSideEncryption AES256, Runtime nodejs refused, one execution
# of the function for data/test-001.phi in CloudWatch Logs (START, the
# handler's line, END), the ECR repository with scanning and immutable
# tags; a second run passes too, and so do two runs over one data folder
# (the runbook deletes what it made). Without --sandbox it runs nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
require_program node
require_program zip

cd "$TEST_TMP" || exit 99

# The README's first command, from "./hipaa-shell" on.
readme_cmd=$(sed -n 's/^    \.\/bootstrap && make && \(\.\/hipaa-shell .*blog-walkthrough\.hsh\)$/\1/p' \
    "$top_srcdir/README.md" | head -n 1)
test -n "$readme_cmd" || {
	echo "README.md has no './bootstrap && make && ./hipaa-shell ... blog-walkthrough.hsh' command" >&2
	exit 99
}
# mktemp -d (in the README's command) makes its folder under $TMPDIR.
mkdir -p "$TEST_TMP/tmp"

# run_readme OUT: run the README's command as written, hipaa-shell being
# the one just built; its output in OUT, its status in OUT.status.
run_readme() {
	(cd "$top_srcdir" && TMPDIR=$TEST_TMP/tmp &&
	 export TMPDIR && eval "\"\$HS_SHELL\"${readme_cmd#./hipaa-shell}") \
	    >"$1" 2>"$1.err"
	echo $? >"$1.status"
}

# section OUT CMD: the output of the runbook's command that starts with
# "$ CMD", up to the next echoed command.
section() {
	awk -v c="\$ $2" 'index($0, c) == 1 { on = 1; next }
	    on && /^\$ / { exit } on { print }' "$1"
}

# check_run OUT: the key outputs of one run.
check_run() {
	test "$(cat "$1.status")" = 0 || { cat "$1.err"; return 1; }
	test_grep -q "^# failed as expected (AccessDenied)$" "$1" &&
	section "$1" "s3api head-object" >"$1.head" &&
	test_grep -q "\"ServerSideEncryption\": \"AES256\"" "$1.head" &&
	test_grep -q "^# failed as expected (InvalidParameterValueException)$" "$1" &&
	test_grep -q "^# failed as expected (InvalidArgument)$" "$1" &&
	section "$1" "logs filter-log-events" >"$1.logs" &&
	test "$(grep -c "\"message\": \"START RequestId: " "$1.logs")" = 1 &&
	test "$(grep -c "\"message\": \"END RequestId: " "$1.logs")" = 1 &&
	test_grep -q "\"message\": \".*INFO\\\\tNew PHI object: s3://phi-intake-000000000000/data/test-001.phi (68 bytes, ObjectCreated:Put)" "$1.logs" &&
	section "$1" "ecr describe-repositories" >"$1.ecr" &&
	test_grep -q "\"imageTagMutability\": \"IMMUTABLE\"" "$1.ecr" &&
	test_grep -q "\"scanOnPush\": true" "$1.ecr" &&
	test_grep -q "^\$ s3api delete-bucket --bucket " "$1"
}

run_readme run1.out
test_expect_success 'the README walkthrough runs and shows each safeguard' '
	check_run run1.out
'

test_expect_success 'the README command echoes each command and narrates nothing on stderr' '
	test_grep -q "^\$ s3api put-bucket-policy --bucket \${BUCKET} --policy " run1.out &&
	test_grep -q "\"Sid\": \"DenyIncorrectEncryptionHeader\"" run1.out &&
	test_grep -q "\"Sid\": \"DenyUnEncryptedObjectUploads\"" run1.out &&
	test ! -s run1.out.err
'

run_readme run2.out
test_expect_success 'a second run of the README command passes too' '
	check_run run2.out
'

test_expect_success 'two runs over the same data folder: the runbook cleans up' '
	(cd "$top_srcdir" &&
	 "$HS_SHELL" --sandbox --sandbox-data "$TEST_TMP/same" \
	    --batch scripts/blog-walkthrough.hsh >"$TEST_TMP/same1.out" 2>&1 &&
	 "$HS_SHELL" --sandbox --sandbox-data "$TEST_TMP/same" \
	    --batch scripts/blog-walkthrough.hsh >"$TEST_TMP/same2.out" 2>&1) &&
	test "$(grep -c "\"message\": \"START RequestId: " same2.out)" = 1 &&
	"$HS_SHELL" --sandbox --sandbox-data same -c "s3api list-buckets
iam list-roles
lambda list-functions
ecr describe-repositories" >left.out &&
	test_grep_not -q "phi-" left.out &&
	test ! -e same/walkthrough
'

test_expect_success 'without --sandbox the runbook runs nothing (252)' '
	(cd "$top_srcdir" &&
	 expect_status 252 "$HS_SHELL" --batch scripts/blog-walkthrough.hsh) \
	    >out 2>err &&
	test_grep -q "HIPAA_SANDBOX_DATA" err &&
	test ! -s out
'
test_done
