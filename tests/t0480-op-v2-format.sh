#!/bin/sh
# t0480-op-v2-format.sh: output compared with the AWS CLI v2
# (/usr/bin/aws), whose format hipaa-shell follows - timestamps in ISO
# 8601 with their offset, nothing printed for an empty response - against
# moto_server. (The v2 build here carries older botocore models than
# hipaa-shell reads, so the calls are ones whose output both models
# describe the same way.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

test -n "$AWS_CLI_V2" || skip_all "/usr/bin/aws (AWS CLI v2) is not installed"
moto_start hs
moto_start v2
printf 'x\n' >"$TEST_TMP/x.txt"

both_v2 'sts get-caller-identity' 'sts get-caller-identity'
both_v2 'iam create-role' \
    "iam create-role --role-name r --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[]}'"
both_v2 'iam get-role (timestamps)' 'iam get-role --role-name r'
both_v2 's3api create-bucket' 's3api create-bucket --bucket v2-bucket'
both_v2 's3api put-bucket-policy (empty response)' \
    "s3api put-bucket-policy --bucket v2-bucket --policy '{\"Version\":\"2012-10-17\",\"Statement\":[]}'"
test_expect_success 'an empty response prints nothing' '! test -s hs.out && ! test -s cli.out'
both_v2 'logs create-log-group (empty response)' 'logs create-log-group --log-group-name g'
both_v2 'ecr create-repository (epoch timestamps)' \
    'ecr create-repository --repository-name r'
both_v2 'ecr describe-repositories (epoch timestamps)' 'ecr describe-repositories'
both_v2 'iam delete-role' 'iam delete-role --role-name r'
test_done
