#!/bin/sh
# t0490-op-sandbox.sh: the same comparisons as t0400-t0430, against
# hipaa-sandbox instead of moto_server (the services it serves so far:
# STS and S3): hipaa-shell and the AWS CLI, each against its own sandbox,
# must print the same JSON and exit the same way.
. "$top_srcdir/tests/lib.sh"
: "${HS_SANDBOX:=$top_builddir/hipaa-sandbox}"
test -x "$HS_SANDBOX" || skip_all "hipaa-sandbox is not built ($HS_SANDBOX)"
. "$top_srcdir/tests/lib-peer.sh"

# The sandbox's own default credentials (it checks signatures).
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test

# sandbox_start NAME: a sandbox on an ephemeral port; sets $NAME_url.
sandbox_start() {
	sb_log=$TEST_TMP/sandbox-$1.out
	"$HS_SANDBOX" --port 0 --data "$TEST_TMP/sandbox-$1" >"$sb_log" 2>&1 &
	sb_pid=$!
	test_at_exit "kill $sb_pid 2>/dev/null; wait $sb_pid 2>/dev/null"
	sb_i=0
	while ! grep -q '^listening on ' "$sb_log" && test $sb_i -lt 100; do
		sleep 0.1
		sb_i=$((sb_i + 1))
	done
	sb_url=$(sed -n 's/^listening on //p' "$sb_log" | head -n 1)
	test -n "$sb_url" || { cat "$sb_log" >&2; exit 99; }
	eval "${1}_url=\$sb_url"
}

sandbox_start hs
sandbox_start cli
printf 'patient-id,visit\n1,2024-01-01\n' >"$TEST_TMP/visits.csv"
policy='{"Version":"2012-10-17","Statement":[{"Sid":"TLSOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::phi-bucket","arn:aws:s3:::phi-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'

both 'sts get-caller-identity' 'sts get-caller-identity'
both 's3api create-bucket' 's3api create-bucket --bucket phi-bucket'
both 's3api put-object --body --server-side-encryption AES256' \
    's3api put-object --bucket phi-bucket --key in/visits.csv --body visits.csv --server-side-encryption AES256'
both 's3api head-object' 's3api head-object --bucket phi-bucket --key in/visits.csv'
for i in 1 2 3; do
	both "s3api put-object (object $i)" \
	    "s3api put-object --bucket phi-bucket --key in/part-$i --body visits.csv"
done
both 's3api list-objects-v2 over two pages' \
    's3api list-objects-v2 --bucket phi-bucket --page-size 2'
both 's3api list-objects-v2 --max-items' \
    's3api list-objects-v2 --bucket phi-bucket --max-items 3'
both 's3api put-bucket-policy' \
    "s3api put-bucket-policy --bucket phi-bucket --policy '$policy'"
both 's3api get-bucket-policy' 's3api get-bucket-policy --bucket phi-bucket'
for k in in/visits.csv in/part-1 in/part-2 in/part-3; do
	both "s3api delete-object $k" "s3api delete-object --bucket phi-bucket --key $k"
done
both 's3api delete-bucket' 's3api delete-bucket --bucket phi-bucket'
both 's3api head-bucket of a deleted bucket: exit 254' \
    's3api head-bucket --bucket phi-bucket'
test_done
