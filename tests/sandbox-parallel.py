#!/usr/bin/env python3
"""sandbox-parallel.py: many clients at once against one sandbox, for
tests/t0595-sandbox-parallel.sh. Each client has a connection pool of
its own (botocore, as the AWS CLI), and all of them start together.

usage: sandbox-parallel.py URL s3 BUCKET CLIENTS
       sandbox-parallel.py URL lambda FUNCTION CLIENTS PREFIX N

s3: client i writes ten objects under c<i>/ (0 B to 1.5 MiB, with
Content-MD5), reads each back, lists its prefix three keys a page,
copies one, deletes the odd ones (DeleteObject and DeleteObjects), and
writes the shared key "shared" that every client writes; clients 0-3
also upload c<i>/mp in two parts. Then the whole bucket is checked: the
keys are exactly those that should be left, each body is the one its
client wrote, and "shared" is one whole body of one client.

lambda: CLIENTS invocations of FUNCTION at once (RequestResponse), with
{"prefix": PREFIX, "n": N} as the event; each must succeed (no
FunctionError).

Prints what went wrong and exits 1, or prints "ok" and exits 0.
"""
import base64
import hashlib
import json
import sys
import threading

import botocore.config
import botocore.session

MiB = 1 << 20
SIZES = [0, 1, 100, 1000, 8191, 65536, 70000, 300000, MiB + 5, MiB + MiB // 2]


def client(url, service):
    cfg = botocore.config.Config(
        retries={"max_attempts": 0}, read_timeout=240, connect_timeout=60,
        max_pool_connections=2, s3={"addressing_style": "path"})
    return botocore.session.get_session().create_client(
        service, endpoint_url=url, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test", config=cfg)


def body(name, size):
    """The size bytes of object name: its name, then bytes derived from it."""
    head = ("%s:%d\n" % (name, size)).encode()
    return (head + hashlib.shake_256(head).digest(size))[:size]


def put(s3, bucket, key, data):
    md5 = base64.b64encode(hashlib.md5(data).digest()).decode()
    s3.put_object(Bucket=bucket, Key=key, Body=data, ContentMD5=md5)


def list_keys(s3, bucket, prefix="", page=1000):
    keys, kw = [], {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page}
    while True:
        r = s3.list_objects_v2(**kw)
        keys += [o["Key"] for o in r.get("Contents", [])]
        if not r.get("IsTruncated"):
            return keys
        kw["ContinuationToken"] = r["NextContinuationToken"]


def multipart(s3, bucket, key, data):
    up = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    parts = []
    for n, chunk in enumerate((data[:5 * MiB], data[5 * MiB:]), 1):
        r = s3.upload_part(Bucket=bucket, Key=key, UploadId=up,
                           PartNumber=n, Body=chunk)
        parts.append({"PartNumber": n, "ETag": r["ETag"]})
    s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=up,
                                 MultipartUpload={"Parts": parts})


def s3_client_work(s3, bucket, i, errors):
    mine = {"c%d/obj%d" % (i, j): body("c%d/obj%d" % (i, j), size)
            for j, size in enumerate(SIZES)}
    for key, data in mine.items():
        put(s3, bucket, key, data)
    for key, data in mine.items():
        if s3.get_object(Bucket=bucket, Key=key)["Body"].read() != data:
            errors.append("client %d: %s read back differs" % (i, key))
    put(s3, bucket, "shared", body("shared-by-%d" % i, 300000))
    listed = list_keys(s3, bucket, "c%d/" % i, page=3)
    if listed != sorted(mine):
        errors.append("client %d: listed %s" % (i, listed))
    s3.copy_object(Bucket=bucket, Key="c%d/copy" % i,
                   CopySource={"Bucket": bucket, "Key": "c%d/obj0" % i})
    for j in (1, 3):
        s3.delete_object(Bucket=bucket, Key="c%d/obj%d" % (i, j))
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [
        {"Key": "c%d/obj%d" % (i, j)} for j in (5, 7, 9)]})
    if i < 4:
        multipart(s3, bucket, "c%d/mp" % i, body("c%d/mp" % i, 5 * MiB + 99))


def expected(clients):
    want = {}
    for i in range(clients):
        for j in (0, 2, 4, 6, 8):
            key = "c%d/obj%d" % (i, j)
            want[key] = body(key, SIZES[j])
        want["c%d/copy" % i] = want["c%d/obj0" % i]
        if i < 4:
            want["c%d/mp" % i] = body("c%d/mp" % i, 5 * MiB + 99)
    return want


def check_bucket(s3, bucket, clients, errors):
    want = expected(clients)
    keys = list_keys(s3, bucket)
    if sorted(set(want) | {"shared"}) != keys:
        errors.append("the bucket holds %d keys, %d expected: missing %s, "
                      "extra %s" % (len(keys), len(want) + 1,
                                    sorted(set(want) - set(keys)),
                                    sorted(set(keys) - set(want) - {"shared"})))
    for key, data in want.items():
        got = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        if got != data:
            errors.append("%s: %d bytes, not what its client wrote"
                          % (key, len(got)))
    shared = s3.get_object(Bucket=bucket, Key="shared")["Body"].read()
    if shared not in [body("shared-by-%d" % i, 300000)
                      for i in range(clients)]:
        errors.append("shared: not one whole body of one client")


def run_parallel(n, work):
    """Run work(i, errors) for i < n on threads started together."""
    errors, go = [], threading.Barrier(n)

    def one(i):
        try:
            go.wait()
            work(i, errors)
        except Exception as e:  # noqa: BLE001 - report every failure
            errors.append("client %d: %s" % (i, e))
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def main():
    url, mode, name, n = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    if mode == "s3":
        clients = [client(url, "s3") for _ in range(n)]
        errors = run_parallel(n, lambda i, errs: s3_client_work(
            clients[i], name, i, errs))
        if not errors:
            check_bucket(clients[0], name, n, errors)
    else:
        clients = [client(url, "lambda") for _ in range(n)]

        def invoke(i, errs):
            r = clients[i].invoke(FunctionName=name, Payload=json.dumps(
                {"prefix": sys.argv[5], "n": int(sys.argv[6])}))
            out = r["Payload"].read().decode()
            if r.get("FunctionError"):
                errs.append("invocation %d: %s" % (i, out))
        errors = run_parallel(n, invoke)
    for e in errors:
        print(e)
    if errors:
        sys.exit(1)
    print("ok")


main()
