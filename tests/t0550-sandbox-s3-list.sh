#!/bin/sh
# t0550-sandbox-s3-list: listings over several pages (ListObjectsV2 with
# continuation tokens, ListObjects with markers), prefixes, delimiters and
# common prefixes, max-keys, start-after, encoding-type=url.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

start_sandbox
sbx_aws s3 mb s3://lst >/dev/null
i=0
while test $i -lt 25; do
	sbx_aws s3api put-object --bucket lst --key "$(printf 'data/f%02d.phi' $i)" >/dev/null
	i=$((i + 1))
done
for k in a/1 a/2 b/x/1 b/y/2 top.txt "sp ace/k"; do
	sbx_aws s3api put-object --bucket lst --key "$k" >/dev/null
done

test_expect_success 'list-objects-v2 over several pages returns every key once' '
	sbx_aws s3api list-objects-v2 --bucket lst --prefix data/ --page-size 7 \
	    --query "Contents[].Key" --output text | tr "\t" "\n" >got &&
	i=0 && : >want &&
	while test $i -lt 25; do printf "data/f%02d.phi\n" $i >>want; i=$((i + 1)); done &&
	test_cmp want got
'

test_expect_success 'a page has MaxKeys keys, IsTruncated and a NextContinuationToken' '
	sbx_aws s3api list-objects-v2 --bucket lst --prefix data/ --max-keys 10 \
	    --no-paginate --output json >p1.json &&
	test_grep "\"KeyCount\": 10" p1.json &&
	test_grep "\"IsTruncated\": true" p1.json &&
	tok=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"NextContinuationToken\"])" p1.json) &&
	sbx_aws s3api list-objects-v2 --bucket lst --prefix data/ --max-keys 10 \
	    --no-paginate --continuation-token "$tok" --output json >p2.json &&
	test_grep "\"Key\": \"data/f10.phi\"" p2.json &&
	test_grep_not "\"Key\": \"data/f09.phi\"" p2.json
'

test_expect_success 'a bad continuation token is InvalidArgument' '
	! sbx_aws s3api list-objects-v2 --bucket lst --continuation-token "!!" \
	    --no-paginate 2>err &&
	test_grep "InvalidArgument" err
'

test_expect_success 'a delimiter rolls keys up into common prefixes' '
	sbx_aws s3api list-objects-v2 --bucket lst --delimiter / --output json >out &&
	test_grep "\"Prefix\": \"a/\"" out &&
	test_grep "\"Prefix\": \"b/\"" out &&
	test_grep "\"Prefix\": \"data/\"" out &&
	test_grep "\"Prefix\": \"sp ace/\"" out &&
	test_grep "\"Key\": \"top.txt\"" out &&
	test_grep_not "\"Key\": \"a/1\"" out
'

test_expect_success 'common prefixes page correctly too' '
	sbx_aws s3api list-objects-v2 --bucket lst --delimiter / --page-size 2 \
	    --query "CommonPrefixes[].Prefix" --output text | tr "\t" "\n" |
	    grep -v "^None$" >got &&
	printf "a/\nb/\ndata/\nsp ace/\n" >want &&
	test_cmp want got
'

test_expect_success 'prefix and delimiter together list one level' '
	sbx_aws s3api list-objects-v2 --bucket lst --prefix b/ --delimiter / \
	    --query "CommonPrefixes[].Prefix" --output text >got &&
	printf "b/x/\tb/y/\n" >want &&
	test_cmp want got
'

test_expect_success 'start-after skips keys up to it' '
	sbx_aws s3api list-objects-v2 --bucket lst --prefix data/ \
	    --start-after data/f22.phi --query "Contents[].Key" --output text >got &&
	printf "data/f23.phi\tdata/f24.phi\n" >want &&
	test_cmp want got
'

test_expect_success 'ListObjects (v1) pages with markers' '
	sbx_aws s3api list-objects --bucket lst --prefix data/ --page-size 6 \
	    --query "Contents[].Key" --output text | tr "\t" "\n" >got &&
	test $(wc -l <got) = 25 &&
	sbx_aws s3api list-objects --bucket lst --prefix data/ --max-keys 3 \
	    --no-paginate --output json >p.json &&
	test_grep "\"IsTruncated\": true" p.json &&
	test_grep "\"Owner\"" p.json
'

test_expect_success 'list-objects-v2 gives each Owner only with --fetch-owner' '
	sbx_aws s3api list-objects-v2 --bucket lst --prefix a/ \
	    --output json >plain.json &&
	test_grep_not "\"Owner\"" plain.json &&
	sbx_aws s3api list-objects-v2 --bucket lst --prefix a/ --fetch-owner \
	    --query "Contents[].Owner.ID" --output text >ids &&
	test $(grep -o "[0-9a-f]\{64\}" ids | wc -l) = 2
'

test_expect_success 's3 ls (encoding-type=url) shows keys with spaces' '
	sbx_aws s3 ls s3://lst/ >out &&
	test_grep "PRE sp ace/" out &&
	sbx_aws s3 ls --recursive s3://lst/ >out &&
	test $(grep -c "data/f" out) = 25
'

test_expect_success 'max-keys that is not a number is InvalidArgument' '
	python3 "$top_srcdir/tests/sandbox-request.py" "$SANDBOX_URL" GET \
	    "/lst?list-type=2&max-keys=abc" s3 >out &&
	test_grep "<Code>InvalidArgument</Code>" out
'

test_expect_success 'ListObjects on a missing bucket is NoSuchBucket' '
	! sbx_aws s3api list-objects-v2 --bucket no-such-lst 2>err &&
	test_grep "NoSuchBucket" err
'
stop_sandbox

test_done
