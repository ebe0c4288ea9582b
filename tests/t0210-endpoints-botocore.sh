#!/bin/sh
# t0210-endpoints-botocore: our construct_endpoint() against botocore's own
# EndpointResolver over every service of endpoints.json, in sample and
# pattern-only regions of every partition, with and without FIPS and
# dual-stack. Needs $BOTOCORE_DATA and a python3 that imports botocore.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dump="$top_builddir/tests/endpoint-dump"
test -x "$dump" || skip_all "tests/endpoint-dump is not built (run make check)"
json="${BOTOCORE_DATA-}/endpoints.json"
test -f "$json" || skip_all "BOTOCORE_DATA has no endpoints.json"
py=
for p in python3 "$(dirname "$(dirname "$json")")/../../../bin/python3"; do
	if "$p" -c 'import botocore.regions' 2>/dev/null; then
		py=$p
		break
	fi
done
test -n "$py" || skip_all "no python3 that can import botocore"

# Write the queries and botocore's answers.
"$py" - "$json" "$TEST_TMP/queries" "$TEST_TMP/botocore" <<'PY'
import json, sys
from botocore.regions import EndpointResolver
data = json.load(open(sys.argv[1]))
r = EndpointResolver(data)
fake = {'aws': 'us-west-9', 'aws-cn': 'cn-south-7', 'aws-us-gov': 'us-gov-north-5'}
queries = []
for part in data['partitions']:
    regions = sorted(part['regions'])
    sample = regions[:2] + regions[-1:] + [fake.get(part['partition'], regions[0])]
    for svc, sdata in sorted(part['services'].items()):
        names = list(sample) + [e for e in sdata.get('endpoints', {}) if 'global' in e]
        for reg in names + ['-']:
            for fips in (0, 1):
                for dual in (0, 1):
                    queries.append((svc, reg, fips, dual))
queries.append(('no-such-service', 'eu-west-1', 0, 0))
queries.append(('lambda', 'xx-nowhere-1', 0, 0))
with open(sys.argv[2], 'w') as q, open(sys.argv[3], 'w') as out:
    for svc, reg, fips, dual in queries:
        q.write('%s %s %d %d\n' % (svc, reg, fips, dual))
        try:
            e = r.construct_endpoint(svc, None if reg == '-' else reg,
                                     use_fips_endpoint=bool(fips),
                                     use_dualstack_endpoint=bool(dual))
        except Exception:
            out.write('ERROR\n')
            continue
        if e is None:
            out.write('NONE\n')
        else:
            scope = e.get('credentialScope', {}).get('region', e['endpointName'])
            out.write('%s %s %s\n' % (e['hostname'], scope, e['partition']))
PY
test $? -eq 0 || skip_all "botocore could not run the reference resolver"

test_expect_success 'every query answers as botocore does' '
	"$dump" "$json" <queries >ours &&
	test_cmp botocore ours
'

test_expect_success 'the comparison covered thousands of queries' '
	test "$(wc -l <queries)" -gt 5000 &&
	test "$(grep -c "^ERROR" botocore)" -gt 0 &&
	test "$(grep -c "fips" botocore)" -gt 100
'

test_expect_success 'usage errors' '
	expect_status 2 "$dump" 2>err &&
	test_grep "usage: endpoint-dump" err &&
	expect_status 1 "$dump" /nonexistent.json </dev/null 2>err &&
	test_grep "cannot open" err
'

test_done
