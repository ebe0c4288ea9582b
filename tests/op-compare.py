#!/usr/bin/env python3
# tests/op-compare.py [--sort] EXPECTED ACTUAL: tell whether two outputs of an AWS
# CLI command are the same JSON, key order included, once the values a
# server generates anew for each run are set aside:
#   - timestamps (ISO 8601 text): any value, but the same kind of offset
#     ("+00:00", "Z" or none) - the format must match;
#   - generated IDs and times by key name (IGNORED below);
#   - a server's random request IDs.
# Empty output matches only empty output. Prints a diff when they differ.
# --sort: lists are compared as sets (moto returns some lists, such as
# IAM roles, sorted by a random ID).
import difflib
import json
import re
import sys
from collections import OrderedDict

IGNORED = {
    'RoleId', 'UserId', 'PolicyId', 'GroupId', 'RevisionId', 'RequestId',
    'eventId', 'ingestionTime', 'creationTime', 'lastIngestionTime',
    'lastEventTimestamp', 'firstEventTimestamp', 'uploadSequenceToken',
    'imagePushedAt', 'Location', 'CodeSize', 'VersionId',
}
TIME = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$')
OFFSET = re.compile(r'(Z|[+-]\d\d:?\d\d)$')


SORT = False


def normalize(v, key=None):
    if key in IGNORED:
        return '<ignored>'
    if isinstance(v, dict):
        return OrderedDict((k, normalize(x, k)) for k, x in v.items())
    if isinstance(v, list):
        items = [normalize(x) for x in v]
        if SORT:
            items.sort(key=lambda x: json.dumps(x))
        return items
    if isinstance(v, str) and TIME.match(v):
        m = OFFSET.search(v)
        return '<time%s>' % (m.group(1) if m else '')
    return v


def load(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if text.strip() == '':
        return None, text
    return json.loads(text, object_pairs_hook=OrderedDict), text


def main():
    global SORT
    args = sys.argv[1:]
    if args and args[0] == '--sort':
        SORT = True
        args = args[1:]
    (want, want_text), (got, got_text) = load(args[0]), load(args[1])
    if (want is None) != (got is None):
        print('one output is empty:\n--- aws:\n%s--- hipaa-shell:\n%s'
              % (want_text, got_text))
        return 1
    a = json.dumps(normalize(want), indent=4, ensure_ascii=False)
    b = json.dumps(normalize(got), indent=4, ensure_ascii=False)
    if a != b:
        sys.stdout.writelines(difflib.unified_diff(
            a.splitlines(True), b.splitlines(True), 'aws', 'hipaa-shell'))
        print()
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
