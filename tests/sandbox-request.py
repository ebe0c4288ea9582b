#!/usr/bin/env python3
"""sandbox-request.py: send one request to the sandbox, signed with
botocore's own SigV4 signer at a chosen clock skew (or unsigned), and
print the HTTP status and body. For tests that the AWS CLI cannot
express: clock skew, a missing signature, aws-chunked bodies.

usage: sandbox-request.py URL METHOD PATH SERVICE [--skew SECONDS]
       [--unsigned] [--key K] [--secret S] [--data BODY] [--header N:V]
       [--cacert PEM]
       [--chunked signed|signed-trailer|unsigned-trailer]
       [--chunk-size N] [--tamper-chunk N] [--bad-checksum]
       [--bad-trailer-signature]

--chunked sends --data as an aws-chunked body (S3 streaming upload): the
seed signature comes from botocore's S3 signer with the STREAMING-*
payload line, each chunk's signature is chained from it here (the
string to sign of the S3 API reference, "Signature Calculations for the
Authorization Header: Transferring Payload in Multiple Chunks"), and the
trailer modes end with x-amz-checksum-crc32. --tamper-chunk N changes a
byte of chunk N (1-based) after it was signed; --bad-checksum sends a
wrong CRC32; --bad-trailer-signature a wrong trailer signature.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import ssl
import sys
import urllib.error
import urllib.request
import zlib

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

STREAMING = {
    "signed": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "signed-trailer": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    "unsigned-trailer": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
}
EMPTY = hashlib.sha256(b"").hexdigest()


def streaming_auth(payload_line):
    """botocore's S3 signer, signing payload_line as the payload."""
    class Auth(botocore.auth.S3SigV4Auth):
        def payload(self, request):
            return payload_line
    return Auth


def hmac256(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def signing_key(secret, date, region, service):
    k = hmac256(("AWS4" + secret).encode(), date)
    for part in (region, service, "aws4_request"):
        k = hmac256(k, part)
    return k


class ChunkSigner:
    """The chain of chunk (and trailer) signatures after the seed."""

    def __init__(self, req, secret, region, service):
        auth = req.headers["Authorization"]
        self.prev = auth.split("Signature=")[1].strip()
        self.amz_date = req.headers["X-Amz-Date"]
        self.scope = "%s/%s/%s/aws4_request" % (self.amz_date[:8], region,
                                                service)
        self.key = signing_key(secret, self.amz_date[:8], region, service)

    def sign(self, algorithm, rest):
        sts = "\n".join([algorithm, self.amz_date, self.scope, self.prev,
                         rest])
        self.prev = hmac.new(self.key, sts.encode(),
                             hashlib.sha256).hexdigest()
        return self.prev

    def chunk(self, data):
        return self.sign("AWS4-HMAC-SHA256-PAYLOAD",
                         EMPTY + "\n" + hashlib.sha256(data).hexdigest())

    def trailer(self, canonical):
        return self.sign("AWS4-HMAC-SHA256-TRAILER",
                         hashlib.sha256(canonical.encode()).hexdigest())


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def chunked_body(a, data, signer):
    """The aws-chunked encoding of data for mode a.chunked."""
    signed = a.chunked != "unsigned-trailer"
    pieces = [data[i:i + a.chunk_size]
              for i in range(0, len(data), a.chunk_size)] + [b""]
    out = []
    for n, piece in enumerate(pieces, 1):
        head = b"%x" % len(piece)
        if signed:
            head += b";chunk-signature=" + signer.chunk(piece).encode()
        if n == a.tamper_chunk and piece:
            piece = bytes([piece[0] ^ 1]) + piece[1:]
        out.append(head + b"\r\n" + piece + (b"\r\n" if piece else b""))
    if a.chunked == "signed":
        return b"".join(out) + b"\r\n"
    crc = crc32_b64(b"x" + data if a.bad_checksum else data)
    canonical = "x-amz-checksum-crc32:%s\n" % crc
    out.append(canonical.replace("\n", "\r\n").encode())
    if signed:
        sig = signer.trailer(canonical)
        if a.bad_trailer_signature:
            sig = "0" * 64
        out.append(b"x-amz-trailer-signature:" + sig.encode() + b"\r\n")
    return b"".join(out) + b"\r\n"


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
    ap.add_argument("--header", action="append", default=[],
                    help="N:V; with --chunked, Content-Encoding gets "
                    "aws-chunked appended")
    ap.add_argument("--cacert", default=None)
    ap.add_argument("--chunked", choices=sorted(STREAMING), default=None)
    ap.add_argument("--chunk-size", type=int, default=8192)
    ap.add_argument("--tamper-chunk", type=int, default=0)
    ap.add_argument("--bad-checksum", action="store_true")
    ap.add_argument("--bad-trailer-signature", action="store_true")
    a = ap.parse_args()

    headers = dict(h.split(":", 1) for h in a.header)
    body = a.data.encode() if a.data is not None else None
    if a.chunked:
        coding = headers.get("Content-Encoding")
        headers["Content-Encoding"] = coding + ",aws-chunked" if coding \
            else "aws-chunked"
        headers["X-Amz-Decoded-Content-Length"] = str(len(body or b""))
        if a.chunked != "signed":
            headers["X-Amz-Trailer"] = "x-amz-checksum-crc32"
    req = AWSRequest(method=a.method, url=a.url + a.path,
                     data=None if a.chunked else body, headers=headers)
    if not a.unsigned:
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None) + datetime.timedelta(seconds=a.skew)
        botocore.auth.get_current_datetime = lambda: now
        if a.chunked:
            cls = streaming_auth(STREAMING[a.chunked])
        elif a.service == "s3":
            cls = botocore.auth.S3SigV4Auth
        else:
            cls = botocore.auth.SigV4Auth
        cls(Credentials(a.key, a.secret), a.service, "us-east-1").add_auth(req)
    if a.chunked:
        body = chunked_body(a, body or b"", ChunkSigner(
            req, a.secret, "us-east-1", a.service))
    prepared = req.prepare()
    sent = dict(prepared.headers.items())
    if body is not None:
        sent["Content-Length"] = str(len(body))
    r = urllib.request.Request(prepared.url, data=body, method=a.method,
                               headers=sent)
    ctx = ssl.create_default_context(cafile=a.cacert) if a.cacert else None
    try:
        with urllib.request.urlopen(r, context=ctx) as resp:
            status, out = resp.status, resp.read()
    except urllib.error.HTTPError as e:
        status, out = e.code, e.read()
    print(status)
    sys.stdout.write(out.decode(errors="replace"))
    print()


main()
