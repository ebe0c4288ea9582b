#!/bin/sh
# t0570-sandbox-durability: --data keeps everything across a restart;
# object bodies are encrypted on disk (the plain text appears nowhere in
# the data folder) and stored under IDs, never under their keys; many
# clients in parallel leave a consistent store.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

marker="PHI-MARKER-$(date +%s)-patient-record"
printf '%s\n' "$marker" >"$TEST_TMP/phi.txt"
head -c 3000000 /dev/urandom >"$TEST_TMP/random.bin"
cat >"$TEST_TMP/policy.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Sid":"DenyUnEncryptedObjectUploads",
 "Effect":"Deny","Principal":"*","Action":"s3:PutObject",
 "Resource":"arn:aws:s3:::keep/*",
 "Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]}
JSON

start_sandbox
test_expect_success 'store buckets, objects, a policy and an upload in progress' '
	sbx_aws s3 mb s3://keep >/dev/null &&
	sbx_aws s3 cp "$TEST_TMP/phi.txt" s3://keep/records/patient.txt --sse AES256 >/dev/null &&
	sbx_aws s3 cp "$TEST_TMP/random.bin" s3://keep/random.bin >/dev/null &&
	sbx_aws s3api put-object --bucket keep --key "secret-file-name.txt" \
	    --body "$TEST_TMP/phi.txt" >/dev/null &&
	sbx_aws s3api put-bucket-policy --bucket keep --policy "file://$TEST_TMP/policy.json" &&
	sbx_aws s3api put-bucket-tagging --bucket keep --tagging "TagSet=[{Key=phi,Value=yes}]" &&
	sbx_aws s3api create-multipart-upload --bucket keep --key pending \
	    --server-side-encryption AES256 --query UploadId --output text >upload-id
'

test_expect_success 'the plain text appears nowhere in the data folder' '
	! grep -r -a -l "$marker" "$SANDBOX_DATA" &&
	! grep -r -a -l "PHI-MARKER" "$SANDBOX_DATA"
'

test_expect_success 'object keys never become paths' '
	test -z "$(find "$SANDBOX_DATA" -name "*patient*" -o -name "*secret-file*" -o -name "*records*")" &&
	find "$SANDBOX_DATA/blobs" -type f | grep -E "/blobs/[0-9a-f]{2}/[0-9a-f]{32}$" >blobs &&
	test $(wc -l <blobs) -ge 3
'

test_expect_success 'no temporary file is left behind' '
	test -z "$(ls "$SANDBOX_DATA/tmp")"
'

stop_sandbox
rc=$?
test_expect_success 'the sandbox stopped cleanly' 'test $rc = 0'

test_expect_success 'the metadata store is a consistent SQLite database in WAL mode' '
	if command -v sqlite3 >/dev/null; then
		sqlite3 "$SANDBOX_DATA/sandbox.db" "PRAGMA integrity_check;" >out &&
		test_grep "^ok$" out &&
		sqlite3 "$SANDBOX_DATA/sandbox.db" "PRAGMA journal_mode;" >out &&
		test_grep "^wal$" out
	fi
'

# A body renamed into place whose record was never committed (a crash
# in between) is removed at the next start; the others stay.
mkdir -p "$SANDBOX_DATA/blobs/ff"
echo orphan >"$SANDBOX_DATA/blobs/ff/ff0123456789abcdef0123456789abcd"
nblobs=$(find "$SANDBOX_DATA/blobs" -type f | wc -l)
start_sandbox
test_expect_success 'an orphan body is removed at start, the others kept' '
	test ! -e "$SANDBOX_DATA/blobs/ff/ff0123456789abcdef0123456789abcd" &&
	test $(find "$SANDBOX_DATA/blobs" -type f | wc -l) = $((nblobs - 1))
'

test_expect_success 'after a restart with --data everything is still there' '
	sbx_aws s3 cp s3://keep/records/patient.txt got >/dev/null &&
	test_cmp "$TEST_TMP/phi.txt" got &&
	sbx_aws s3 cp s3://keep/random.bin got.bin >/dev/null &&
	cmp "$TEST_TMP/random.bin" got.bin &&
	sbx_aws s3api get-bucket-tagging --bucket keep --output text >out &&
	test_grep phi out &&
	sbx_aws s3api list-parts --bucket keep --key pending \
	    --upload-id "$(cat "$TEST_TMP/upload-id")" >/dev/null
'

test_expect_success 'and the policy is still enforced' '
	! sbx_aws s3 cp "$TEST_TMP/phi.txt" s3://keep/new.txt 2>err &&
	test_grep AccessDenied err &&
	sbx_aws s3 cp "$TEST_TMP/phi.txt" s3://keep/new.txt --sse AES256 >/dev/null
'

test_expect_success 'many clients in parallel: distinct keys all land' '
	sbx_aws s3 mb s3://par >/dev/null &&
	pids= &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf "client %s\n" $i >"c$i.txt"
		{ sbx_aws s3 cp "c$i.txt" "s3://par/k$i.txt" >/dev/null 2>"e$i" & } 
		pids="$pids $!"
	done &&
	for p in $pids; do wait $p || { cat e*; exit 1; }; done &&
	sbx_aws s3api list-objects-v2 --bucket par --query "length(Contents)" --output text >n &&
	test "$(cat n)" = 12 &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		sbx_aws s3 cp "s3://par/k$i.txt" - >got && test_cmp "c$i.txt" got || exit 1
	done
'

test_expect_success 'many clients in parallel on one key: one whole version wins' '
	pids= &&
	for i in 1 2 3 4 5 6 7 8; do
		head -c 300000 /dev/zero | tr "\\0" "$i" >"same$i.bin"
		{ sbx_aws s3 cp "same$i.bin" s3://par/same.bin >/dev/null 2>"f$i" & }
		pids="$pids $!"
	done &&
	for p in $pids; do wait $p || { cat f*; exit 1; }; done &&
	sbx_aws s3 cp s3://par/same.bin got.bin >/dev/null &&
	ok=no &&
	for i in 1 2 3 4 5 6 7 8; do
		if cmp -s "same$i.bin" got.bin; then ok=yes; fi
	done &&
	test $ok = yes &&
	n=$(sbx_aws s3api list-objects-v2 --bucket par --query "length(Contents)" --output text) &&
	test "$n" = 13
'

stop_sandbox
test_expect_success 'replaced bodies are removed: one blob per object or part' '
	if command -v sqlite3 >/dev/null; then
		objs=$(sqlite3 "$SANDBOX_DATA/sandbox.db" "SELECT COUNT(*) FROM s3_objects") &&
		parts=$(sqlite3 "$SANDBOX_DATA/sandbox.db" "SELECT COUNT(*) FROM s3_parts") &&
		files=$(find "$SANDBOX_DATA/blobs" -type f | wc -l) &&
		test "$files" = $((objs + parts))
	fi
'

test_done
