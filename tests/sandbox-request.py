#!/usr/bin/env python3
"""sandbox-request.py: send one request to the sandbox, signed with
botocore's own SigV4 signer at a chosen clock skew (or unsigned), and
print the HTTP status and body. For tests that the AWS CLI cannot
express: clock skew, a missing signature.

usage: sandbox-request.py URL METHOD PATH SERVICE [--skew SECONDS]
       [--unsigned] [--key K] [--secret S] [--data BODY] [--header N:V]
"""
import argparse
import datetime
import sys
import urllib.error
import urllib.request

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("method")
    ap.add_argument("path")
    ap.add_argument("service")
    ap.add_argument("--skew", type=int, default=0)
    ap.add_argument("--unsigned", action="store_true")
    ap.add_argument("--key", default="test")
    ap.add_argument("--secret", default="test")
    ap.add_argument("--data", default=None)
    ap.add_argument("--header", action="append", default=[])
    a = ap.parse_args()

    headers = dict(h.split(":", 1) for h in a.header)
    body = a.data.encode() if a.data is not None else None
    req = AWSRequest(method=a.method, url=a.url + a.path, data=body,
                     headers=headers)
    if not a.unsigned:
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None) + datetime.timedelta(seconds=a.skew)
        botocore.auth.get_current_datetime = lambda: now
        cls = botocore.auth.S3SigV4Auth if a.service == "s3" else \
            botocore.auth.SigV4Auth
        cls(Credentials(a.key, a.secret), a.service, "us-east-1").add_auth(req)
    prepared = req.prepare()
    r = urllib.request.Request(prepared.url, data=body, method=a.method,
                               headers=dict(prepared.headers.items()))
    try:
        with urllib.request.urlopen(r) as resp:
            status, out = resp.status, resp.read()
    except urllib.error.HTTPError as e:
        status, out = e.code, e.read()
    print(status)
    sys.stdout.write(out.decode(errors="replace"))
    print()


main()
