#!/usr/bin/env python3
"""sandbox-stress.py: hammer one running hipaa-sandbox with many parallel
clients, check every answer, measure, and catch a hang.

usage: sandbox-stress.py URL [--threads N] [--seconds S] [--lambda N]
       [--cli N] [--raw N] [--pid PID] [--stall S] [--cacert PEM]
       [--report FILE] [--json FILE]

--threads botocore S3 clients (keep-alive connection pools, as the AWS
CLI uses) run a random mix of PutObject (0 B to 3 MiB, with
Content-MD5), GetObject (whole and ranged), HeadObject, ListObjectsV2
(prefix, delimiter, max-keys, continuation), DeleteObject,
DeleteObjects, CopyObject and multipart uploads (completed or aborted)
on a few keys in three buckets, so that requests race on the same keys
all the time. Every body read back must be one whole version that some
client wrote (its first line names the key, a generation and the size;
the rest derives from them), and every answer must be a success or the
error S3 gives for the race (NoSuchKey, NoSuchUpload).

--lambda threads invoke a Python function (RequestResponse) whose code
calls S3 back through the same sandbox (PutObject, then GetObject of
what it wrote): a server whose handlers hold its threads while they
wait for such a call deadlocks here. --cli processes run the AWS CLI
itself (s3 cp/ls/rm in a loop). --raw threads open raw connections that
send half a body and go away, or read an answer very slowly.

A probe sends one ListBuckets on a fresh connection every second and
records how long the answer takes: the server's responsiveness under
the load. A watchdog prints progress every 10 s; when no request has
finished for --stall seconds (default 60), or the probe has waited that
long, it declares a hang, runs
`gdb -p PID -batch -ex "thread apply all bt"` on --pid, writes the
backtraces to --report, and the run fails.

At the end it checks the final state: every bucket's listing equals
what HeadObject and GetObject answer key by key. It prints a JSON
summary (requests/s, latencies, errors by operation, the probe's worst
wait) and writes it to --json when asked. Exit status 0 when every
check passed and nothing hung.
"""
import argparse
import base64
import hashlib
import io
import json
import os
import random
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import zipfile

import botocore.config
import botocore.exceptions
import botocore.session

BUCKETS = ["stress-a", "stress-b", "stress-c"]
KEYS = ["k%02d" % i for i in range(12)] + ["dir/x%d" % i for i in range(6)]
MiB = 1 << 20
# The errors S3 gives when another client got there first.
RACE_CODES = {"NoSuchKey", "404", "NoSuchUpload"}
FUNCTION = '''
import botocore.session

def handler(event, context):
    s3 = botocore.session.get_session().create_client("s3")
    key = "lambda/%s" % context.aws_request_id
    s3.put_object(Bucket="stress-a", Key=key, Body=event["body"].encode())
    got = s3.get_object(Bucket="stress-a", Key=key)["Body"].read().decode()
    s3.delete_object(Bucket="stress-a", Key=key)
    return {"ok": got == event["body"], "key": key}
'''


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = {}
        self.err = {}
        self.bad = []
        self.last = time.monotonic()
        self.lat = []
        self.slow = {}
        self.probe = []
        self.probing = None     # when the pending probe was sent

    def done(self, op, seconds, error=None):
        with self.lock:
            self.last = time.monotonic()
            d = self.err if error else self.ok
            d[op] = d.get(op, 0) + 1
            self.lat.append(seconds)
            self.slow[op] = max(self.slow.get(op, 0), round(seconds, 3))

    def wrong(self, what):
        with self.lock:
            self.bad.append(what)
        print("CHECK FAILED:", what, flush=True)


def payload(key, gen, size):
    """A body that names its key and generation and can be re-derived."""
    head = ("%s:%d:%d\n" % (key, gen, size)).encode()
    if size <= len(head):
        return head
    return head + hashlib.shake_256(head).digest(size - len(head))


def check_body(key, body):
    """Tell whether body is a whole version written for key."""
    try:
        head = body.split(b"\n", 1)[0].decode()
        k, gen, size = head.rsplit(":", 2)
        return k == key and payload(k, int(gen), int(size)) == body
    except (ValueError, UnicodeDecodeError):
        return False


def client(a, service="s3", pool=4):
    cfg = botocore.config.Config(
        retries={"max_attempts": 0}, connect_timeout=30,
        read_timeout=a.stall * 2, max_pool_connections=pool,
        s3={"addressing_style": "path"})
    return botocore.session.get_session().create_client(
        service, endpoint_url=a.url, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
        verify=a.cacert if a.cacert else True, config=cfg)


def error_code(e):
    if isinstance(e, botocore.exceptions.ClientError):
        return e.response["Error"]["Code"]
    return None


class Worker(threading.Thread):
    def __init__(self, n, a, stats, stop):
        super().__init__(daemon=True)
        self.rnd = random.Random(n)
        self.s3 = client(a)
        self.stats, self.stop, self.n = stats, stop, n
        self.gen = n * 1000000

    def pick(self):
        return self.rnd.choice(BUCKETS), self.rnd.choice(KEYS)

    def op_put(self):
        b, k = self.pick()
        self.gen += 1
        size = self.rnd.choice([0, 10, 5000, 70000, MiB + 7, 3 * MiB])
        body = payload(k, self.gen, size)
        md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
        self.s3.put_object(Bucket=b, Key=k, Body=body, ContentMD5=md5)

    def op_get(self):
        b, k = self.pick()
        if self.rnd.random() < 0.3:
            r = self.s3.get_object(Bucket=b, Key=k, Range="bytes=0-99")
            part = r["Body"].read()
            try:
                _, gen, size = part.split(b"\n", 1)[0].decode().rsplit(":", 2)
                whole = payload(k, int(gen), int(size))
            except ValueError:
                whole = b""
            if part != whole[:100]:
                self.stats.wrong("GET %s/%s bytes=0-99: not the start of "
                                 "a version" % (b, k))
            return
        body = self.s3.get_object(Bucket=b, Key=k)["Body"].read()
        if not check_body(k, body):
            self.stats.wrong("GET %s/%s: %d bytes, not a whole version"
                             % (b, k, len(body)))

    def op_head(self):
        b, k = self.pick()
        self.s3.head_object(Bucket=b, Key=k)

    def op_list(self):
        b = self.rnd.choice(BUCKETS)
        kw = {"Bucket": b, "MaxKeys": self.rnd.choice([2, 5, 1000])}
        if self.rnd.random() < 0.5:
            kw["Delimiter"] = "/"
        if self.rnd.random() < 0.3:
            kw["Prefix"] = "dir/"
        seen = []
        for _ in range(50):
            r = self.s3.list_objects_v2(**kw)
            # a page's keys and common prefixes interleave in key order
            seen += sorted([o["Key"] for o in r.get("Contents", [])] +
                           [p["Prefix"] for p in r.get("CommonPrefixes", [])])
            if not r.get("IsTruncated"):
                break
            kw["ContinuationToken"] = r["NextContinuationToken"]
        if seen != sorted(set(seen)):
            self.stats.wrong("LIST %s: keys out of order or repeated: %s"
                             % (b, seen))

    def op_delete(self):
        b, k = self.pick()
        self.s3.delete_object(Bucket=b, Key=k)

    def op_delete_many(self):
        b = self.rnd.choice(BUCKETS)
        keys = self.rnd.sample(KEYS, 3)
        r = self.s3.delete_objects(Bucket=b, Delete={
            "Objects": [{"Key": k} for k in keys]})
        if r.get("Errors") or len(r.get("Deleted", [])) != 3:
            self.stats.wrong("DeleteObjects %s: %s" % (b, r.get("Errors")))

    def op_copy(self):
        b, k = self.pick()
        b2 = self.rnd.choice([x for x in BUCKETS if x != b])
        self.s3.copy_object(Bucket=b2, Key=k, CopySource={
            "Bucket": b, "Key": k})

    def op_multipart(self):
        b, k = self.pick()
        self.gen += 1
        body = payload(k, self.gen, 5 * MiB + 1000)
        up = self.s3.create_multipart_upload(Bucket=b, Key=k)["UploadId"]
        parts = []
        for i, off in enumerate((0, 5 * MiB), 1):
            r = self.s3.upload_part(Bucket=b, Key=k, UploadId=up,
                                    PartNumber=i, Body=body[off:off + 5 * MiB])
            parts.append({"PartNumber": i, "ETag": r["ETag"]})
        if self.rnd.random() < 0.2:
            self.s3.abort_multipart_upload(Bucket=b, Key=k, UploadId=up)
            return
        self.s3.complete_multipart_upload(Bucket=b, Key=k, UploadId=up,
                                          MultipartUpload={"Parts": parts})

    OPS = [("put", op_put, 25), ("get", op_get, 25), ("head", op_head, 10),
           ("list", op_list, 12), ("delete", op_delete, 8),
           ("delete_many", op_delete_many, 4), ("copy", op_copy, 8),
           ("multipart", op_multipart, 3)]

    def run(self):
        names = [o for o in self.OPS for _ in range(o[2])]
        while not self.stop.is_set():
            name, fn, _ = self.rnd.choice(names)
            t = time.monotonic()
            try:
                fn(self)
                self.stats.done(name, time.monotonic() - t)
            except Exception as e:  # noqa: BLE001 - every failure counts
                if error_code(e) in RACE_CODES:
                    self.stats.done(name, time.monotonic() - t)
                    continue
                self.stats.done(name, time.monotonic() - t, e)
                print("worker %d %s: %s" % (self.n, name, e), flush=True)


def lambda_setup(a):
    """The function of --lambda: a role that may use S3, and the code."""
    iam, lam = client(a, "iam"), client(a, "lambda")
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole"}]}
    allow = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["s3:*", "logs:*"], "Resource": "*"}]}
    try:
        iam.create_role(RoleName="stress", AssumeRolePolicyDocument=json.dumps(
            trust))
    except iam.exceptions.EntityAlreadyExistsException:
        pass
    iam.put_role_policy(RoleName="stress", PolicyName="s3",
                        PolicyDocument=json.dumps(allow))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", FUNCTION)
    try:
        lam.delete_function(FunctionName="stress")
    except lam.exceptions.ResourceNotFoundException:
        pass
    lam.create_function(
        FunctionName="stress", Runtime="python3.11", Handler="app.handler",
        Role="arn:aws:iam::000000000000:role/stress", Timeout=120,
        Code={"ZipFile": buf.getvalue()})


def lambda_loop(n, a, stats, stop):
    lam = client(a, "lambda")
    i = 0
    while not stop.is_set():
        i += 1
        body = "invocation %d of client %d" % (i, n)
        t = time.monotonic()
        try:
            r = lam.invoke(FunctionName="stress",
                           Payload=json.dumps({"body": body}))
            out = json.loads(r["Payload"].read())
            if r.get("FunctionError") or not out.get("ok"):
                stats.done("lambda-invoke", time.monotonic() - t, True)
                print("lambda %d: %s" % (n, out), flush=True)
                continue
            stats.done("lambda-invoke", time.monotonic() - t)
        except Exception as e:  # noqa: BLE001
            stats.done("lambda-invoke", time.monotonic() - t, e)
            print("lambda %d: %s" % (n, e), flush=True)


def cli_loop(n, a, stats, stop):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")
    base = ["aws", "--endpoint-url", a.url] + (
        ["--ca-bundle", a.cacert] if a.cacert else [])
    path = "/tmp/stress-cli-%d-%d.bin" % (os.getpid(), n)
    with open(path, "wb") as f:
        f.write(payload("cli%d" % n, n, 9 * MiB))
    i = 0
    while not stop.is_set():
        i += 1
        cmds = [["s3", "cp", path, "s3://stress-a/cli%d" % n],
                ["s3", "ls", "s3://stress-b/", "--recursive"],
                ["s3", "cp", "s3://stress-a/cli%d" % n, path + ".back"],
                ["s3", "rm", "s3://stress-c/cli%d-%d" % (n, i)]]
        for c in cmds:
            t = time.monotonic()
            r = subprocess.run(base + c, env=env, capture_output=True,
                               timeout=a.stall * 5)
            stats.done("cli-" + c[1], time.monotonic() - t,
                       r.returncode != 0 or None)
        try:
            with open(path + ".back", "rb") as f:
                if not check_body("cli%d" % n, f.read()):
                    stats.wrong("cli %d: the copy read back differs" % n)
        except FileNotFoundError:
            pass
    for p in (path, path + ".back"):
        if os.path.exists(p):
            os.unlink(p)


def raw_connect(a):
    u = urllib.parse.urlsplit(a.url)
    s = socket.create_connection((u.hostname, u.port), timeout=30)
    if u.scheme == "https":
        ctx = ssl.create_default_context(cafile=a.cacert)
        s = ctx.wrap_socket(s, server_hostname=u.hostname)
    return s, u.netloc


def raw_loop(n, a, stats, stop):
    """Half-sent bodies and very slow readers, on raw connections."""
    rnd = random.Random(1000 + n)
    big = client(a).generate_presigned_url("get_object", Params={
        "Bucket": "stress-a", "Key": "slow/big"}, ExpiresIn=86400)
    path = big[len(a.url):]
    while not stop.is_set():
        kind = rnd.choice(["abandon", "slow"])
        t = time.monotonic()
        try:
            s, host = raw_connect(a)
            if kind == "abandon":
                s.sendall(("PUT /stress-a/half HTTP/1.1\r\nHost: %s\r\n"
                           "Content-Length: 10000000\r\n\r\n" % host).encode()
                          + b"x" * 65536)
            else:
                s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n"
                           "Connection: close\r\n\r\n" % (path, host))
                          .encode())
                for _ in range(20):
                    if not s.recv(1024):
                        break
                    time.sleep(0.1)
            s.close()
            stats.done("raw-" + kind, time.monotonic() - t)
        except OSError as e:
            stats.done("raw-" + kind, time.monotonic() - t, e)


def probe_loop(a, stats, stop):
    """One ListBuckets on a fresh connection every second."""
    while not stop.is_set():
        s3 = client(a, pool=1)
        t = stats.probing = time.monotonic()
        try:
            s3.list_buckets()
        except Exception as e:  # noqa: BLE001
            print("probe: %s" % e, flush=True)
        stats.probing = None
        stats.probe.append(time.monotonic() - t)
        stop.wait(1)


def backtraces(pid):
    try:
        r = subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex",
                            "thread apply all bt"], capture_output=True,
                           text=True, timeout=120)
        return r.stdout + r.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return "gdb failed: %s" % e


def check_final(a, stats):
    """Each bucket's listing agrees with HeadObject and GetObject."""
    s3 = client(a)
    for b in BUCKETS:
        listed = {}
        kw = {"Bucket": b}
        while True:
            r = s3.list_objects_v2(**kw)
            for o in r.get("Contents", []):
                listed[o["Key"]] = o
            if not r.get("IsTruncated"):
                break
            kw["ContinuationToken"] = r["NextContinuationToken"]
        for k in KEYS:
            try:
                body = s3.get_object(Bucket=b, Key=k)["Body"].read()
            except s3.exceptions.NoSuchKey:
                if k in listed:
                    stats.wrong("%s/%s is listed but GET finds none" % (b, k))
                continue
            if k not in listed:
                stats.wrong("%s/%s is readable but not listed" % (b, k))
            elif listed[k]["Size"] != len(body) or not check_body(k, body):
                stats.wrong("%s/%s: the final body is not a whole version"
                            % (b, k))
        for k in listed:
            if k not in KEYS and not k.startswith(("cli", "lambda/", "slow/")):
                stats.wrong("%s/%s: a key nobody wrote" % (b, k))


def start_threads(a, stats, stop):
    threads = [Worker(i, a, stats, stop) for i in range(a.threads)]
    for target, n in ((lambda_loop, getattr(a, "lambda")), (cli_loop, a.cli),
                      (raw_loop, a.raw)):
        threads += [threading.Thread(target=target, args=(i, a, stats, stop),
                                     daemon=True) for i in range(n)]
    threads.append(threading.Thread(target=probe_loop, args=(a, stats, stop),
                                    daemon=True))
    for t in threads:
        t.start()
    return threads


def watch(a, stats, start):
    """Print progress; True when nothing finished for --stall seconds,
    or the probe waited that long."""
    while time.monotonic() - start < a.seconds:
        time.sleep(10)
        with stats.lock:
            now = time.monotonic()
            idle = now - stats.last
            probing = stats.probing
            wait = now - probing if probing is not None else 0
            print("%4ds ok %s err %s idle %.0fs probe %.0fs" % (
                now - start, sum(stats.ok.values()),
                sum(stats.err.values()), idle, wait), flush=True)
        if max(idle, wait) > a.stall:
            print("HANG: no request finished for %.0f s, the probe waited "
                  "%.0f s" % (idle, wait), flush=True)
            with open(a.report, "w") as f:
                f.write(backtraces(a.pid) if a.pid else "no --pid\n")
            return True
    return False


def summary(a, stats, start, hung):
    lat = sorted(stats.lat) or [0]
    probe = sorted(stats.probe) or [0]
    elapsed = time.monotonic() - start
    return {
        "seconds": round(elapsed), "threads": a.threads,
        "lambda": getattr(a, "lambda"), "cli": a.cli, "raw": a.raw,
        "ok": stats.ok, "errors": stats.err, "bad": stats.bad,
        "requests_per_s": round(sum(stats.ok.values()) / max(1, elapsed), 1),
        "latency_p50_s": round(lat[len(lat) // 2], 3),
        "latency_p99_s": round(lat[int(len(lat) * 0.99)], 3),
        "latency_max_s": round(lat[-1], 3),
        "latency_max_by_op_s": stats.slow,
        "probe_max_s": round(probe[-1], 3),
        "probe_p50_s": round(probe[len(probe) // 2], 3), "hung": hung,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--threads", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--lambda", type=int, default=0)
    ap.add_argument("--cli", type=int, default=0)
    ap.add_argument("--raw", type=int, default=2)
    ap.add_argument("--pid", type=int, default=0)
    ap.add_argument("--stall", type=int, default=60)
    ap.add_argument("--cacert", default=None)
    ap.add_argument("--report", default="stress-report.txt")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()

    s3 = client(a)
    for b in BUCKETS:
        try:
            s3.create_bucket(Bucket=b)
        except s3.exceptions.BucketAlreadyOwnedByYou:
            pass
    s3.put_object(Bucket="stress-a", Key="slow/big",
                  Body=payload("slow/big", 0, 3 * MiB))
    if getattr(a, "lambda"):
        lambda_setup(a)
    stats, stop = Stats(), threading.Event()
    start = time.monotonic()
    threads = start_threads(a, stats, stop)
    hung = watch(a, stats, start)
    stop.set()
    for t in threads:
        t.join(timeout=a.stall * 5)
    if not hung:
        check_final(a, stats)
    out = summary(a, stats, start, hung)
    print(json.dumps(out, indent=1, sort_keys=True))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
    sys.exit(1 if hung or stats.bad or stats.err else 0)


main()
