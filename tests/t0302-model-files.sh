#!/bin/sh
# t0302-model-files: the build copies the models the shell needs into the
# build tree's models/ (newest api version of each, paginators and
# extras included, plus endpoints.json, partitions.json, _retry.json),
# make install puts them under $(pkgdatadir)/models, and the search path
# finds them there, in HIPAA_SHELL_MODEL_PATH first, and in botocore's
# data folder for any other service.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dump="$top_builddir/tests/model-dump"
models="$top_builddir/models"
test -x "$dump" || skip_all "tests/model-dump is not built"
test -d "$models" || skip_all "models/ is not built (run make first)"

test_expect_success 'the build tree has the models the shell needs' '
	for svc in s3 iam lambda ecr sts logs kms cloudformation ecs ec2; do
		ls "$models/$svc"/*/service-2.json* >/dev/null &&
		ls "$models/$svc"/*/paginators-1.json >/dev/null || return 1
	done &&
	test -f "$models/endpoints.json" &&
	test -f "$models/partitions.json" &&
	test -f "$models/_retry.json" &&
	test -f "$models/s3/2006-03-01/service-2.sdk-extras.json"
'

test_expect_success 'the copied version is the newest botocore has' '
	test -n "${BOTOCORE_DATA-}" || return 0
	for svc in s3 iam ec2; do
		want=$(ls "$BOTOCORE_DATA/$svc" | LC_ALL=C sort | tail -n 1) &&
		test -d "$models/$svc/$want" || return 1
	done
'

test_expect_success 'the copied models load without botocore, others do not' '
	HIPAA_SHELL_MODEL_PATH= HS_MODEL_DIR="$models" \
	    BOTOCORE_DATA=/nonexistent "$dump" names iam >names &&
	test_grep "^iam	CreateRole	create-role$" names &&
	! HIPAA_SHELL_MODEL_PATH= HS_MODEL_DIR="$models" \
	    BOTOCORE_DATA=/nonexistent "$dump" names sqs 2>err &&
	test_grep "unknown service .sqs.: no botocore model for it in" err
'

test_expect_success 'any installed botocore service is found in BOTOCORE_DATA' '
	test -n "${BOTOCORE_DATA-}" || return 0
	HIPAA_SHELL_MODEL_PATH= HS_MODEL_DIR="$models" "$dump" names sqs \
	    >names &&
	test_grep "^sqs	SendMessage	send-message$" names
'

test_expect_success 'HIPAA_SHELL_MODEL_PATH comes first (same version: first folder wins)' '
	mkdir -p extra/iam/2010-05-08 &&
	cat >extra/iam/2010-05-08/service-2.json <<-\EOF &&
	{"metadata": {"protocol": "query", "apiVersion": "2010-05-08"},
	 "operations": {"ListThings": {"name": "ListThings",
	   "http": {"method": "POST", "requestUri": "/"}}},
	 "shapes": {}}
	EOF
	HIPAA_SHELL_MODEL_PATH="$PWD/nowhere:$PWD/extra" HS_MODEL_DIR="$models" \
	    "$dump" names iam >names &&
	test_grep "^iam	ListThings	list-things$" names &&
	test_grep_not CreateRole names
'

test_expect_success 'make install puts the models under pkgdatadir/models' '
	${MAKE:-make} -s -C "$top_builddir" install-data-local \
	    DESTDIR="$TEST_TMP/inst" >out 2>&1 &&
	dir=$(find "$TEST_TMP/inst" -type d -name models | head -n 1) &&
	test -n "$dir" &&
	case $dir in */share/hipaa-shell/models) ;; *) false;; esac &&
	HIPAA_SHELL_MODEL_PATH= HS_MODEL_DIR="$dir" BOTOCORE_DATA=/nonexistent \
	    "$dump" names s3 >names &&
	test_grep "^s3	PutObject	put-object$" names
'

test_done
