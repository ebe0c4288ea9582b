#!/bin/sh
# t0303-protocol-botocore: the protocols against botocore itself, over
# every operation of the real models of s3, iam, lambda, ecr, sts, logs,
# kms, cloudformation, ecs (and ec2 for the query variant).
#
# Requests: tests/model-dump serializes a generated input (every member
# set); botocore's serializer serializes the same input; method, path
# and query, headers and body must match (JSON bodies as values, XML
# after C14N, form bodies byte for byte). Checksum headers are left out:
# botocore adds them in handlers, not in the serializer.
#
# Responses: the sandbox side encodes a generated output; botocore's
# parser and ours parse it; the JSON texts must be identical, key order
# included (that order is what the AWS CLI prints). Timestamps compare in
# isoformat() with TZ=UTC, blobs as base64, as protocol.h says.
#
# Skips loudly without python3 and botocore.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dump="$top_builddir/tests/model-dump"
test -x "$dump" || skip_all "tests/model-dump is not built"
require_program python3
python3 -c 'import botocore' 2>/dev/null ||
	skip_all "python3 cannot import botocore"
test -n "${BOTOCORE_DATA-}" && test -d "$BOTOCORE_DATA" ||
	skip_all "BOTOCORE_DATA is not set (run through make check)"
export TZ=UTC

cat >"$TEST_TMP/compare.py" <<\EOF
import base64, datetime, json, sys
from xml.etree import ElementTree
import os
from botocore.awsrequest import HeadersDict
from botocore.loaders import Loader
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence

direction, service, path = sys.argv[1], sys.argv[2], sys.argv[3]
# the same data folder the build copied its models from
loader = Loader(extra_search_paths=[os.environ['BOTOCORE_DATA']],
                include_default_search_paths=False)
model = ServiceModel(loader.load_service_model(service, 'service-2'),
                     service_name=service)
protocol = model.resolved_protocol
bad = 0

def to_params(shape, v):
    """protocol.h values to botocore params (blobs as bytes)."""
    if shape is None or v is None:
        return v
    t = shape.type_name
    if t == 'structure' and not shape.is_document_type and isinstance(v, dict):
        return {k: to_params(shape.members.get(k), x) for k, x in v.items()}
    if t == 'list':
        return [to_params(shape.member, x) for x in v]
    if t == 'map':
        return {k: to_params(shape.value, x) for k, x in v.items()}
    if t == 'blob' and isinstance(v, str):
        return base64.b64decode(v)
    return v

def to_output(shape, v):
    """botocore's parsed values to protocol.h's."""
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if shape is None:
        return v
    t = shape.type_name
    if t == 'structure' and isinstance(v, dict) and not shape.is_document_type:
        return {k: to_output(shape.members.get(k), x) for k, x in v.items()}
    if t == 'list' and isinstance(v, list):
        return [to_output(shape.member, x) for x in v]
    if t == 'map' and isinstance(v, dict):
        return {k: to_output(shape.value, x) for k, x in v.items()}
    if t == 'blob':
        if isinstance(v, str):
            v = v.encode('utf-8')
        return base64.b64encode(v).decode('ascii')
    return v

def canonical_xml(data):
    try:
        return ElementTree.canonicalize(data.decode('utf-8'), strip_text=True)
    except Exception:
        return data

def fail(op, what, want, got):
    global bad
    bad += 1
    print('%s %s: %s differs\n  botocore: %r\n  ours:     %r'
          % (service, op, what, want, got))

def compare_body(op, want, got):
    if protocol in ('json', 'rest-json') and want and got and \
            want[:1] in (b'{', b'[') and got[:1] in (b'{', b'['):
        if json.loads(want) != json.loads(got):
            fail(op, 'body', want, got)
    elif protocol == 'rest-xml' and want.lstrip()[:1] == b'<':
        if canonical_xml(want) != canonical_xml(got):
            fail(op, 'body', canonical_xml(want), canonical_xml(got))
    elif want != got:
        fail(op, 'body', want, got)

SKIP_HEADERS = ('x-amz-checksum-', 'x-amz-sdk-checksum-algorithm',
                'content-md5')

def compare_request(line):
    op = model.operation_model(line['op'])
    ser = create_serializer(protocol, include_validation=False)
    req = ser.serialize_to_request(to_params(op.input_shape, line['input']), op)
    body = req['body']
    if isinstance(body, dict):
        body = percent_encode_sequence(body).encode('utf-8')
    if not isinstance(body, bytes):
        body = body.read() if hasattr(body, 'read') else bytes(body or b'')
    uri = req['url_path']
    qs = req.get('query_string')
    if isinstance(qs, dict) and qs:
        uri += ('&' if '?' in uri else '?') + percent_encode_sequence(qs)
    if line['method'] != req['method']:
        fail(line['op'], 'method', req['method'], line['method'])
    if line['uri'] != uri:
        fail(line['op'], 'uri', uri, line['uri'])
    ours = {k.lower(): v for k, v in line['headers']}
    theirs = {k.lower(): v for k, v in req['headers'].items()}
    for k, v in theirs.items():
        if ours.get(k) != str(v):
            fail(line['op'], 'header ' + k, v, ours.get(k))
    for k in ours:
        if k not in theirs and not k.startswith(SKIP_HEADERS):
            fail(line['op'], 'extra header ' + k, None, ours[k])
    host = req.get('host_prefix', '') + 'h.example.com'
    if line['host'] != host:
        fail(line['op'], 'host', host, line['host'])
    compare_body(line['op'], body, base64.b64decode(line['body_b64']))

def compare_response(line):
    op = model.operation_model(line['op'])
    response = {'status_code': line['status'],
                'headers': HeadersDict(line['headers']),
                'body': base64.b64decode(line['body_b64']),
                'context': {'operation_name': line['op']}}
    parsed = create_parser(protocol).parse(response, op.output_shape)
    parsed.pop('ResponseMetadata', None)
    want = json.dumps(to_output(op.output_shape, parsed),
                      ensure_ascii=False, separators=(',', ':'))
    got = json.dumps(line['ours'], ensure_ascii=False, separators=(',', ':'))
    if want != got:
        fail(line['op'], 'parsed output', want, got)

SKIP_OPS = {
    # a botocore handler, not its parser, reads this bare document
    ('s3', 'GetBucketLocation'),
    # deprecated: its TopicConfiguration has two members (Event, Events)
    # on one element name, and botocore's parser returns a raw Element
    ('s3', 'GetBucketNotification'),
}
count = 0
for text in open(path):
    line = json.loads(text)
    if (service, line['op']) in SKIP_OPS:
        continue
    if 'error' in line:
        fail(line['op'], 'hipaa-shell', 'success', line['error'])
        continue
    count += 1
    try:
        (compare_request if direction == 'requests' else compare_response)(line)
    except Exception as e:
        fail(line['op'], 'botocore', 'success', repr(e))
print('%s %s: %d operations, %d differences' % (service, direction, count, bad))
sys.exit(1 if bad or count == 0 else 0)
EOF

for svc in s3 iam lambda ecr sts logs kms cloudformation ecs ec2; do
	for dir in requests responses; do
		test_expect_success "$svc $dir match botocore's" "
			\"\$dump\" $dir $svc >$svc-$dir.jsonl &&
			python3 \"\$TEST_TMP/compare.py\" $dir $svc $svc-$dir.jsonl
		"
	done
done

test_done
