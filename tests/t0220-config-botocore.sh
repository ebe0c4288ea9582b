#!/bin/sh
# t0220-config-botocore: our config-file parser against botocore's own
# (configloader.load_config) on generated files full of the format's
# corner cases - header spellings, comments, indentation, continuation
# lines, sub-sections, [DEFAULT], ':' and '=', CRLF, duplicates and
# malformed lines. The generator is seeded, so a failure reproduces.
# Needs a python3 that imports botocore.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dump="$top_builddir/tests/config-dump"
test -x "$dump" || skip_all "tests/config-dump is not built (run make check)"
py=
for p in python3 ${BOTOCORE_DATA:+"$BOTOCORE_DATA/../../../../bin/python3"}; do
	if "$p" -c 'import botocore.configloader' 2>/dev/null; then
		py=$p
		break
	fi
done
test -n "$py" || skip_all "no python3 that can import botocore"

cat >"$TEST_TMP/gen.py" <<'PY'
import json, os, random, sys
import botocore.configloader as cl

mode, folder = sys.argv[1], sys.argv[2]
names = ['dev', 'prod', 'Dev', 'a b', 'x']
keys = ['region', 'output', 'Region', 's3', 'foo', 'endpoint_url', 'services']
vals = ['us-east-1', 'json', '', 'a=b', 'a:b', 'v # not a comment', 'x;y',
        'http://127.0.0.1:4566/p?q=1', '  spaced  ']

def header(r):
    n = r.choice(names)
    return r.choice([
        '[default]', '[default]  # c', '[ default ]', '[DEFAULT]',
        '[profile %s]' % n, '[profile  %s]' % n, '[profile "%s"]' % n,
        "[profile '%s]" % n, '[profile%s]' % n, '[profiles %s]' % n,
        '[%s]' % n, '[%s]]' % n, '[services %s]' % n,
        '[sso-session %s]' % n, '[profile %s] trailing' % n, '[]',
        '[unterminated'])

def line(r):
    k, v = r.choice(keys), r.choice(vals)
    ind = r.choice(['', '', '', ' ', '  ', '\t', '    '])
    return r.choice([
        ind + '%s = %s' % (k, v), ind + '%s=%s' % (k, v),
        ind + '%s : %s' % (k, v), ind + '%s =' % k,
        ind + '# comment', ind + '; comment', '', '   ', ind + 'junk',
        ind + '= novalue', ind + 'addressing_style = path',
        ind + 'bad nested'])

def make(r):
    out = []
    if r.random() < 0.1:
        out.append(line(r))
    for _ in range(r.randint(1, 4)):
        out.append(header(r))
        for _ in range(r.randint(0, 6)):
            out.append(line(r))
            if r.random() < 0.25:
                out.append('s3 =')
                for _ in range(r.randint(0, 3)):
                    out.append(r.choice(['  addressing_style = path',
                        '    max_concurrent_requests=20', '', '  # c',
                        '  Use_Dualstack = true', '  bad']))
    eol = '\r\n' if r.random() < 0.1 else '\n'
    return eol.join(out) + (eol if r.random() < 0.8 else '')

if mode == 'gen':
    for i in range(600):
        r = random.Random(i)
        with open(os.path.join(folder, '%03d' % i), 'w', newline='') as f:
            f.write(make(r))
    sys.exit(0)

# compare: our lines on stdin, one per file in order.
bad = 0
files = sorted(os.listdir(folder))
ours = sys.stdin.read().split('\n')
for i, name in enumerate(files):
    path = os.path.join(folder, name)
    try:
        want = cl.load_config(path)
    except Exception as e:
        want = 'ERROR'
    got = ours[i]
    got = 'ERROR' if got.startswith('ERROR') else json.loads(got)
    if want != got:
        bad += 1
        if bad <= 5:
            print('--- %s differs' % name)
            print(repr(open(path, newline='').read()))
            print('botocore:', want)
            print('ours:    ', got)
print('%d files, %d differ' % (len(files), bad))
sys.exit(1 if bad else 0)
PY

mkdir "$TEST_TMP/cfg" && "$py" "$TEST_TMP/gen.py" gen "$TEST_TMP/cfg" ||
	skip_all "cannot generate the config files"

test_expect_success 'every generated file parses as botocore parses it' '
	"$dump" cfg/* >ours &&
	"$py" gen.py compare cfg <ours
'

test_expect_success 'the files exercised both outcomes' '
	test "$(grep -c "^ERROR" ours)" -gt 50 &&
	test "$(grep -c "^{" ours)" -gt 50
'

test_expect_success 'errors name the file and the line' '
	grep "^ERROR" ours >errors &&
	test_grep_not -v "^ERROR cfg/[0-9]*:[0-9]*: [^ ]" errors
'

test_done
