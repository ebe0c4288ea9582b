#!/usr/bin/env python3
"""fake-responder.py: a local HTTP server that misbehaves on demand.

The tests of aws/http (retries, timeouts, keep-alive, streaming, --debug)
and of the credential providers start it on an ephemeral loopback port:

    fake-responder.py [--script FILE] [--aws FILE] [--log FILE]

It prints "listening on http://127.0.0.1:PORT" once ready and serves until
killed. Every request is appended to the log as one JSON line: its
sequence number, the connection it came on (so tests can count
connections), method, path, query, headers (lower-cased names), and the
length and SHA-256 of its body (hashed as it streams in, never held
whole), plus the body itself when it is short: as text, or base64 ("body_base64")
when it is not UTF-8 (a gzipped body).

--script FILE: a JSON list of actions, one per request in order; the last
repeats. An action is an object with any of:
  status, reason, headers {}, body "..."   the answer (default 200, "")
  date "RFC 1123 date" | "none"             the Date header (default: now)
  drop true          close the connection without answering
  drop_mid true      send the headers and half the body, then close
  stall SECONDS      wait before answering (for read timeouts)
  stall_mid SECONDS  send the headers and half the body, then wait
  close true         answer with Connection: close and close
  echo_sha true      answer {"sha256": ..., "length": ...} of the body

--tls CERT KEY: serve HTTPS with that certificate.

--aws FILE: a JSON object that turns on fake AWS endpoints (see the
"persona" functions below): "imds", "container", "sts", "sso".
"""

import argparse
import base64
import hashlib
import hmac
import json
import socket
import socketserver
import sys
import threading
import time
import urllib.parse
from email.utils import formatdate

LOCK = threading.Lock()
STATE = {"requests": 0, "connections": 0}
ARGS = None
SCRIPT = []
AWS = {}


def log_request(entry):
    if not ARGS.log:
        return
    with LOCK:
        with open(ARGS.log, "a") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


class Request:
    pass


class Handler(socketserver.StreamRequestHandler):
    def setup(self):
        super().setup()
        with LOCK:
            STATE["connections"] += 1
            self.conn_id = STATE["connections"]

    def handle(self):
        while True:
            req = self.read_request()
            if req is None:
                return
            if not self.answer(req):
                return

    # --- reading -----------------------------------------------------------

    def read_request(self):
        line = self.rfile.readline(65537)
        if not line:
            return None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3:
            return None
        req = Request()
        req.method, target, req.version = parts
        url = urllib.parse.urlsplit(target)
        req.path = url.path
        req.query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        req.raw_query = url.query
        req.headers = {}
        req.header_list = []
        while True:
            h = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
            if not h:
                break
            name, _, value = h.partition(":")
            req.headers[name.strip().lower()] = value.strip()
            req.header_list.append((name.strip(), value.strip()))
        self.read_body(req)
        with LOCK:
            STATE["requests"] += 1
            req.n = STATE["requests"]
        entry = {"n": req.n, "conn": self.conn_id, "method": req.method,
                 "path": req.path, "query": req.raw_query,
                 "headers": req.headers, "body_len": req.body_len,
                 "body_sha256": req.body_sha256}
        if req.body is not None:
            entry["body"] = req.body
        elif req.body_len <= 8192:
            entry["body_base64"] = base64.b64encode(req.body_bytes).decode()
        log_request(entry)
        return req

    def read_body(self, req):
        n = int(req.headers.get("content-length", "0"))
        h = hashlib.sha256()
        keep = bytearray()
        left = n
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            h.update(chunk)
            if len(keep) < 8192:
                keep += chunk[:8192 - len(keep)]
            left -= len(chunk)
        req.body_len = n - left
        req.body_sha256 = h.hexdigest()
        req.body = None
        req.body_bytes = bytes(keep)
        if n <= 8192:
            try:
                req.body = bytes(keep).decode("utf-8")
            except UnicodeDecodeError:
                pass

    # --- answering ---------------------------------------------------------

    def send(self, status, body=b"", headers=None, date=None, close=False,
             reason=None, cut=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        lines = ["HTTP/1.1 %d %s" % (status, reason or "Answer")]
        hdrs = dict(headers or {})
        if date != "none":
            hdrs.setdefault("Date", date or formatdate(usegmt=True))
        hdrs["Content-Length"] = str(len(body))
        if close:
            hdrs["Connection"] = "close"
        for k, v in hdrs.items():
            lines.append("%s: %s" % (k, v))
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if cut is not None:
            self.wfile.write(head + body[:cut])
            self.wfile.flush()
            return
        self.wfile.write(head + body)
        self.wfile.flush()

    def answer(self, req):
        if AWS:
            return self.answer_aws(req)
        return self.answer_script(req)

    def answer_script(self, req):
        a = SCRIPT[min(req.n - 1, len(SCRIPT) - 1)] if SCRIPT else {}
        if a.get("stall"):
            time.sleep(a["stall"])
        if a.get("drop"):
            return False
        body = a.get("body", "")
        if a.get("echo_sha"):
            body = json.dumps({"sha256": req.body_sha256,
                               "length": req.body_len})
        status = a.get("status", 200)
        if a.get("drop_mid") or a.get("stall_mid"):
            body = body or "x" * 4096
            self.send(status, body, a.get("headers"), a.get("date"),
                      cut=len(body) // 2)
            if a.get("stall_mid"):
                time.sleep(a["stall_mid"])
            return False
        self.send(status, body, a.get("headers"), a.get("date"),
                  a.get("close", False), a.get("reason"))
        return not a.get("close", False)

    def answer_aws(self, req):
        for persona in (imds, container, sts, sso):
            handled = persona(self, req)
            if handled is not None:
                return handled
        self.send(404, "no fake for %s %s" % (req.method, req.path))
        return True


# --- personas: each returns None when the request is not for it -----------

def expiry(cfg):
    return iso(time.time() + cfg.get("expires_in", 3600))


def imds(h, req):
    cfg = AWS.get("imds")
    if cfg is None or not req.path.startswith("/latest/"):
        return None
    if req.path == "/latest/api/token":
        if req.method != "PUT":
            h.send(405, "")
            return True
        if cfg.get("token_status", 200) != 200:
            h.send(cfg["token_status"], "")
            return True
        if "x-aws-ec2-metadata-token-ttl-seconds" not in req.headers:
            h.send(400, "missing the TTL header")
            return True
        h.send(200, cfg.get("token", "imds-token-AQAEAF"), {
            "x-aws-ec2-metadata-token-ttl-seconds":
                req.headers["x-aws-ec2-metadata-token-ttl-seconds"]})
        return True
    token = req.headers.get("x-aws-ec2-metadata-token")
    if token is None and cfg.get("token_status", 200) == 200:
        h.send(401, "")
        return True
    if token is not None and token != cfg.get("token", "imds-token-AQAEAF"):
        h.send(401, "")
        return True
    if cfg.get("stall"):
        time.sleep(cfg["stall"])
    base = "/latest/meta-data/iam/security-credentials/"
    role = cfg.get("role", "phi-bastion")
    if req.path == base:
        if cfg.get("no_role"):
            h.send(404, "")
        else:
            h.send(200, role)
        return True
    if req.path == base + role:
        h.send(200, json.dumps({
            "Code": "Success", "LastUpdated": iso(time.time()),
            "Type": "AWS-HMAC", "AccessKeyId": cfg["access_key"],
            "SecretAccessKey": cfg["secret"], "Token": cfg["session_token"],
            "Expiration": expiry(cfg)}))
        return True
    h.send(404, "")
    return True


def container(h, req):
    cfg = AWS.get("container")
    if cfg is None or req.path != cfg.get("path", "/v2/credentials/uuid"):
        return None
    want = cfg.get("auth")
    if want is not None and req.headers.get("authorization") != want:
        h.send(401, json.dumps({"message": "bad authorization token"}))
        return True
    h.send(200, json.dumps({
        "AccessKeyId": cfg["access_key"], "SecretAccessKey": cfg["secret"],
        "Token": cfg["session_token"], "Expiration": expiry(cfg),
        "RoleArn": "arn:aws:iam::123456789012:role/phi-task"}))
    return True


def sigv4_check(req, secrets):
    """Verify the request's SigV4 signature: the error, or None."""
    auth = req.headers.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "the request is not signed"
    fields = dict(p.strip().split("=", 1) for p in
                  auth[len("AWS4-HMAC-SHA256 "):].split(","))
    akid, date, region, service, _ = fields["Credential"].split("/")
    if akid not in secrets:
        return "unknown access key %s" % akid
    signed = fields["SignedHeaders"].split(";")
    canon_headers = "".join(
        "%s:%s\n" % (n, " ".join(req.headers.get(n, "").split()))
        for n in signed)
    q = sorted((urllib.parse.quote(k, safe="-_.~"),
                urllib.parse.quote(v, safe="-_.~"))
               for k, vs in req.query.items() for v in vs)
    creq = "\n".join([req.method, req.path or "/",
                      "&".join("%s=%s" % kv for kv in q), canon_headers,
                      fields["SignedHeaders"],
                      hashlib.sha256(req.body_bytes).hexdigest()])
    scope = "/".join([date, region, service, "aws4_request"])
    sts_ = "\n".join(["AWS4-HMAC-SHA256", req.headers.get("x-amz-date", ""),
                      scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + secrets[akid]).encode()
    for part in (date, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    want = hmac.new(k, sts_.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, fields["Signature"]):
        return "signature mismatch"
    return None


def sts_error(h, status, code, message):
    h.send(status, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/"
           "2011-06-15/\"><Error><Type>Sender</Type><Code>%s</Code>"
           "<Message>%s</Message></Error><RequestId>fake-1</RequestId>"
           "</ErrorResponse>" % (code, message),
           {"Content-Type": "text/xml"})
    return True


def sts(h, req):
    cfg = AWS.get("sts")
    if cfg is None or req.method != "POST" or req.path != "/":
        return None
    params = {k: v[0] for k, v in urllib.parse.parse_qs(
        (req.body or ""), keep_blank_values=True).items()}
    action = params.get("Action")
    role = cfg.get("roles", {}).get(params.get("RoleArn", ""))
    if action == "AssumeRole":
        err = sigv4_check(req, cfg.get("secrets", {}))
        if err:
            return sts_error(h, 403, "SignatureDoesNotMatch", err)
    elif action == "AssumeRoleWithWebIdentity":
        if "authorization" in req.headers:
            return sts_error(h, 400, "InvalidRequest",
                             "AssumeRoleWithWebIdentity must be unsigned")
        if params.get("WebIdentityToken") != cfg.get("web_identity_token"):
            return sts_error(h, 400, "InvalidIdentityToken", "bad token")
    else:
        return sts_error(h, 400, "InvalidAction", "unknown action")
    if role is None:
        return sts_error(h, 403, "AccessDenied", "not authorized")
    for want in ("ExternalId", "SerialNumber", "TokenCode"):
        if want in role and params.get(want) != role[want]:
            return sts_error(h, 403, "AccessDenied", "wrong " + want)
    session = params.get("RoleSessionName", "")
    arn = "arn:aws:sts::123456789012:assumed-role/%s/%s" % (
        params["RoleArn"].split("/")[-1], session)
    h.send(200, "<%sResponse xmlns=\"https://sts.amazonaws.com/doc/"
           "2011-06-15/\"><%sResult><Credentials><AccessKeyId>%s"
           "</AccessKeyId><SecretAccessKey>%s</SecretAccessKey>"
           "<SessionToken>%s</SessionToken><Expiration>%s</Expiration>"
           "</Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:%s"
           "</AssumedRoleId><Arn>%s</Arn></AssumedRoleUser></%sResult>"
           "<ResponseMetadata><RequestId>fake-2</RequestId>"
           "</ResponseMetadata></%sResponse>" % (
               action, action, role["access_key"], role["secret"],
               role["session_token"], expiry(role), session, arn, action,
               action), {"Content-Type": "text/xml"})
    return True


def sso(h, req):
    cfg = AWS.get("sso")
    if cfg is None or req.path != "/federation/credentials":
        return None
    if req.headers.get("x-amz-sso_bearer_token") != cfg["access_token"]:
        h.send(401, json.dumps({"message": "Session token not found or "
                                "invalid"}),
               {"x-amzn-ErrorType": "UnauthorizedException"})
        return True
    key = "%s/%s" % (req.query.get("account_id", [""])[0],
                     req.query.get("role_name", [""])[0])
    role = cfg.get("roles", {}).get(key)
    if role is None:
        h.send(403, json.dumps({"message": "No access"}),
               {"x-amzn-ErrorType": "ForbiddenException"})
        return True
    h.send(200, json.dumps({"roleCredentials": {
        "accessKeyId": role["access_key"], "secretAccessKey": role["secret"],
        "sessionToken": role["session_token"],
        "expiration": int((time.time() + role.get("expires_in", 3600))
                          * 1000)}}))
    return True


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global ARGS, SCRIPT, AWS
    p = argparse.ArgumentParser()
    p.add_argument("--script")
    p.add_argument("--aws")
    p.add_argument("--log")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ARGS = p.parse_args()
    if ARGS.script:
        with open(ARGS.script) as f:
            SCRIPT = json.load(f)
    if ARGS.aws:
        with open(ARGS.aws) as f:
            AWS = json.load(f)
    srv = Server(("127.0.0.1", 0), Handler)
    scheme = "http"
    if ARGS.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*ARGS.tls)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        scheme = "https"
    print("listening on %s://127.0.0.1:%d" % (scheme, srv.server_address[1]),
          flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
