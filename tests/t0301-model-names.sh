#!/bin/sh
# t0301-model-names: the CLI names the models give, against the real
# thing. Python's botocore.xform_name() names every operation and every
# input member of every service in $BOTOCORE_DATA (loaded by botocore's
# Loader, sdk-extras merged); tests/model-dump must print the same. The
# AWS CLI's own command table names the services (s3 -> s3api and the
# other renames; its extra aliases, like runtime.sagemaker, are not
# service names and are not required). Skips loudly without python3 and
# botocore (or without the AWS CLI for the service names).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dump="$top_builddir/tests/model-dump"
test -x "$dump" || skip_all "tests/model-dump is not built"
test -n "${BOTOCORE_DATA-}" && test -d "$BOTOCORE_DATA" ||
	skip_all "BOTOCORE_DATA is not set (run through make check)"
require_program python3
python3 -c 'import botocore' 2>/dev/null ||
	skip_all "python3 cannot import botocore"

# The expected names, from the same data folder, named by botocore.
cat >"$TEST_TMP/names.py" <<\EOF
import os, sys
import botocore
from botocore.loaders import Loader

data = sys.argv[1]
wanted = sys.argv[2:]
# botocore's own loader on that folder only: newest api version, with
# the sdk-extras merged as botocore merges them
loader = Loader(extra_search_paths=[data], include_default_search_paths=False)
for svc in sorted(loader.list_available_services('service-2')):
    if wanted and svc not in wanted:
        continue
    model = loader.load_service_model(svc, 'service-2')
    for op, spec in model['operations'].items():
        print('%s\t%s\t%s' % (svc, op, botocore.xform_name(op, '-')))
        shape = spec.get('input', {}).get('shape')
        for m in model['shapes'].get(shape, {}).get('members', {}) if shape else []:
            print('%s\t%s\t%s\t%s' % (svc, op, m, botocore.xform_name(m, '-')))
EOF

test_expect_success 'the issue examples are named as the AWS CLI names them' '
	"$dump" names s3 iam >names &&
	test_grep "^s3	PutBucketNotificationConfiguration	put-bucket-notification-configuration$" names &&
	test_grep "^iam	ListMFADevices	list-mfa-devices$" names &&
	test_grep "^s3	PutObject	SSECustomerKeyMD5	sse-customer-key-md5$" names &&
	test_grep "^iam	CreateRole	AssumeRolePolicyDocument	assume-role-policy-document$" names
'

test_expect_success 'operations and parameters of the services the shell needs match botocore' '
	python3 "$TEST_TMP/names.py" "$BOTOCORE_DATA" s3 iam lambda ecr sts \
	    logs kms cloudformation ecs ec2 >expected &&
	"$dump" names s3 iam lambda ecr sts logs kms cloudformation ecs ec2 \
	    >actual &&
	sort expected >expected.sorted && sort actual >actual.sorted &&
	test_cmp expected.sorted actual.sorted &&
	test $(wc -l <actual) -gt 5000
'

test_expect_success 'every installed service: every operation and parameter matches botocore' '
	python3 "$TEST_TMP/names.py" "$BOTOCORE_DATA" >expected &&
	HIPAA_SHELL_MODEL_PATH= HS_MODEL_DIR=/nonexistent "$dump" names all \
	    >actual &&
	sort expected >expected.sorted && sort actual >actual.sorted &&
	test_cmp expected.sorted actual.sorted &&
	test $(cut -f1 actual | sort -u | wc -l) -gt 300
'

if python3 -c 'import awscli.clidriver' 2>/dev/null; then
	test_expect_success 'service commands are named as in the AWS CLI (s3api, configservice, deploy)' '
		python3 -c "
import awscli.clidriver as c
d = c.create_clidriver()
for name, cmd in d._get_command_table().items():
    if isinstance(cmd, c.ServiceCommand):
        print(\"%s\t%s\" % (cmd._service_name, name))
" | LC_ALL=C sort >expected &&
		HS_MODEL_DIR=/nonexistent "$dump" services | LC_ALL=C sort >actual &&
		test_grep "^s3	s3api$" actual &&
		test_grep "^config	configservice$" actual &&
		test_grep "^codedeploy	deploy$" actual &&
		cut -f1 expected | LC_ALL=C sort -u >expected.services &&
		cut -f1 actual >actual.services &&
		test_cmp expected.services actual.services &&
		awk -F "	" "NR == FNR { ok[\$0] = 1; next }
		    !(\$0 in ok) { print \"not an AWS CLI command: \" \$0; bad = 1 }
		    END { exit bad }" expected actual &&
		test $(wc -l <actual) -gt 300
	'
else
	test_skip 'service commands are named as in the AWS CLI' "python3 cannot import awscli"
fi

test_done
