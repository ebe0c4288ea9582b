#!/bin/sh
# t0230-sigv4-botocore: tests/sigv4-vector against botocore's own signer
# (SigV4Auth, S3SigV4Auth) on generated requests: odd paths (encoded
# bytes, dot segments, doubled slashes, UTF-8), query parameters with
# reserved characters, repeated and padded headers, hop-by-hop headers,
# bodies, session tokens, S3 and other services. The official vectors
# leave some of these untouched (no "%" in a non-S3 path). Seeded, so a
# failure reproduces. Needs a python3 that imports botocore.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

vector="$top_builddir/tests/sigv4-vector"
test -x "$vector" || skip_all "tests/sigv4-vector is not built (run make check)"
py=
for p in python3 ${BOTOCORE_DATA:+"$BOTOCORE_DATA/../../../../bin/python3"}; do
	if "$p" -c 'import botocore.auth' 2>/dev/null; then
		py=$p
		break
	fi
done
test -n "$py" || skip_all "no python3 that can import botocore"

cat >"$TEST_TMP/gen.py" <<'PY'
import datetime, json, os, random, sys
from urllib.parse import quote
import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

NOW = datetime.datetime(2015, 8, 30, 12, 36, 0)
auth.get_current_datetime = lambda *a, **k: NOW
folder = sys.argv[1]

segs = ['a', 'B9', 'x-y_z.~', '..', '.', '', '%20', '%2F', '%3A', 'a%25b',
        'caf\u00e9', '\u1234', '!$&\'()*,;=:@', 'sp ace', '+plus']
qchars = ['a', 'Z', '0', ' ', '/', '+', '=', '&', '~', '%', '\u00e9', '*', ':']
hnames = ['My-Header', 'my-header', 'X-Amz-Meta-Note', 'Content-Type',
          'User-Agent', 'Expect', 'X-Amzn-Trace-Id', 'Accept']
hvals = ['v', '  padded  ', 'a   b\tc', '"quoted   words"', '', 'x,y']

def path(r, s3):
    parts = [r.choice(segs) for _ in range(r.randint(0, 4))]
    p = '/' + '/'.join(parts)
    if s3:		# S3 paths are sent encoded once, as botocore does
        return '/bucket/' + quote(p.lstrip('/'), safe='/~')
    return p

def query(r):
    q = []
    for _ in range(r.randint(0, 4)):
        k = ''.join(r.choice(qchars) for _ in range(r.randint(1, 4)))
        v = ''.join(r.choice(qchars) for _ in range(r.randint(0, 4)))
        q.append((k, v))
    return q

def enc(s):
    return quote(s, safe='-_.~')

for i in range(300):
    r = random.Random(i)
    svc = r.choice(['service', 'iam', 's3', 's3', 'execute-api'])
    s3 = svc == 's3'
    p, q = path(r, s3), query(r)
    headers = [(r.choice(hnames), r.choice(hvals))
               for _ in range(r.randint(0, 4))]
    body = r.choice([b'', b'Param1=value1', 'caf\u00e9'.encode()])
    method = r.choice(['GET', 'POST', 'PUT', 'DELETE'])
    token = r.choice([None, None, 'tok/+en=='])
    req = AWSRequest(method=method, url='https://example.amazonaws.com' + p,
                     data=body, params=q)
    req.headers['Host'] = 'example.amazonaws.com'
    for k, v in headers:
        req.headers[k] = v
    cls = auth.S3SigV4Auth if s3 else auth.SigV4Auth
    a = cls(Credentials('AKIDEXAMPLE', 'secret/+key', token), svc, 'us-east-1')
    req.context['timestamp'] = NOW.strftime('%Y%m%dT%H%M%SZ')
    a._modify_request_before_signing(req)
    cr = a.canonical_request(req)
    sts = a.string_to_sign(req, cr)
    a._inject_signature_to_request(req, a.signature(sts, req))
    d = os.path.join(folder, '%03d' % i)
    os.mkdir(d)
    target = p + ('?' + '&'.join('%s=%s' % (enc(k), enc(v)) for k, v in q)
                  if q else '')
    lines = ['%s %s HTTP/1.1' % (method, target),
             'Host:example.amazonaws.com']
    lines += ['%s:%s' % (k, v) for k, v in headers]
    with open(os.path.join(d, 'request.txt'), 'wb') as f:
        f.write(('\n'.join(lines) + '\n\n').encode() + body)
    ctx = {'access_key_id': 'AKIDEXAMPLE', 'secret_access_key': 'secret/+key',
           'region': 'us-east-1', 'service': svc,
           'timestamp': NOW.strftime('%Y%m%dT%H%M%SZ')}
    if token:
        ctx['session_token'] = token
    json.dump(ctx, open(os.path.join(d, 'context.json'), 'w'))
    for name, text in (('canonical-request.txt', cr),
                       ('string-to-sign.txt', sts),
                       ('authorization.txt', req.headers['Authorization'])):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(text.encode('utf-8'))
PY

mkdir "$TEST_TMP/cases" && "$py" "$TEST_TMP/gen.py" "$TEST_TMP/cases" ||
	skip_all "botocore could not sign the generated requests"

# check CASE: sign with sigv4-vector and diff the three files.
check() {
	mkdir -p "out/$1" &&
	"$vector" "cases/$1" "out/$1" &&
	for f in canonical-request.txt string-to-sign.txt authorization.txt; do
		test_cmp "cases/$1/$f" "out/$1/$f" || return 1
	done
}

test_expect_success 'every generated request is signed as botocore signs it' '
	bad=0 &&
	for c in $(ls cases); do
		check "$c" >"log-$c" 2>&1 || { bad=$((bad + 1)); cat "log-$c"; }
	done &&
	test "$bad" -eq 0
'

test_expect_success 'the requests covered the rules' '
	test "$(ls cases | wc -l)" -eq 300 &&
	grep -l "%25" cases/*/canonical-request.txt >double &&
	test -s double &&
	grep -l "x-amz-content-sha256" cases/*/canonical-request.txt >s3 &&
	test -s s3 &&
	grep -l "x-amz-security-token" cases/*/canonical-request.txt >tok &&
	test -s tok
'

test_done
