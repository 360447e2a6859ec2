"""The front proxy: moto behind a door that checks signatures and keeps AWS's rules and time.

Run as `python -m sandbox.aws.proxy --port P --moto-url http://127.0.0.1:M --identities FILE`.
Every request is SigV4-verified (header or presigned) with botocore against the secret the
sandbox knows for its access key, then faults are injected if configured, then EKS and EC2
rules apply around the call to moto. `/_sandbox/` is the unsigned control API (control.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import socket
import sys
import threading
import time
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from . import protocols, sigv4
from .ec2 import NatGateways
from .eks import EKSRules
from .eks_state import EKSState, Request
from .faults import Faults
from .iam import RolePropagation
from .keys import KeyStore
from .latency import Latency
from .requestlog import RequestLog
from .scheduler import Scheduler

UNSIGNED_STS = {"AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"}
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate", "expect"}


class Proxy:
    """State shared by all handler threads."""

    def __init__(self, moto_url: str, identities: list[dict], latency: Latency, faults: Faults):
        self.moto_url = moto_url.rstrip("/")
        parts = urlsplit(self.moto_url)
        self.moto_host, self.moto_port = parts.hostname, parts.port
        self.identities = identities
        self.keys = KeyStore(self.moto_url, identities)
        self.latency = latency
        self.faults = faults
        self.log = RequestLog()
        self.conditional_writes = threading.Lock()
        self.local = threading.local()
        self.scheduler = Scheduler(self)
        self.eks_state = EKSState()
        self.eks = EKSRules(self.eks_state, latency, self.forward, self.scheduler.add)
        self.nat = NatGateways(latency)
        self.roles = RolePropagation(latency)
        self.k8s: dict = {}
        self.skew_seconds = 0.0  # the control API can move the clock signatures are checked against

    def clock(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=self.skew_seconds)

    # ---- moto -----------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.moto_host, self.moto_port, timeout=60)
            conn.connect()
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.local.conn = conn
        return conn

    def forward(self, req: Request) -> tuple[int, list, bytes]:
        """Sends `req` to moto on this thread's keep-alive connection; (status, headers, body)."""
        target = req.path + (("?" + req.raw_query) if req.raw_query else "")
        headers = {k: v for k, v in req.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "content-length"}
        headers["Content-Length"] = str(len(req.body))
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(req.method, target, body=req.body, headers=headers)
                response = conn.getresponse()
                body = response.read()
                return response.status, response.getheaders(), body
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def moto_call(self, method: str, path: str, payload: dict | None = None) -> dict:
        data = json.dumps(payload).encode() if payload is not None else b""
        status, _, body = self.forward(Request(method, path, "", {"Content-Type": "application/json"}, data))
        if status != 200:
            raise RuntimeError(f"moto {method} {path}: {status} {body[:200]!r}")
        return json.loads(body or b"{}")

    def bootstrap(self) -> None:
        """Creates the sandbox IAM users with their fixed keys (at start and after reset)."""
        users = [{k: identity[k] for k in ("name", "access_key_id", "secret_access_key", "policies") if k in identity}
                 for identity in self.identities]
        created = self.moto_call("POST", "/_sandbox_moto/users", {"users": users})
        arns = {u["access_key_id"]: u["arn"] for u in created["users"]}
        for identity in self.identities:
            identity["arn"] = arns.get(identity["access_key_id"])

    def wait_for_moto(self, timeout: float = 30.0) -> None:
        deadline = time.time() + timeout
        while True:
            try:
                self.moto_call("GET", "/_sandbox_moto/ping")
                return
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)

    def reset(self) -> dict:
        started = time.time()
        self.scheduler.clear()
        self.moto_call("POST", "/moto-api/reset")
        self.eks_state.reset()
        self.nat.reset()
        self.roles.reset()
        self.faults.reset()
        self.latency.reset()
        self.keys.reset()
        self.skew_seconds = 0.0
        self.bootstrap()
        self.log.clear()
        k8s = None
        if self.k8s.get("endpoint"):
            k8s = self._reset_k8s()
        return {"ok": True, "seconds": round(time.time() - started, 3), "k8s": k8s}

    def _reset_k8s(self) -> dict:
        import ssl

        context = ssl.create_default_context(cafile=self.k8s["ca_file"])
        token = open(self.k8s["admin_token_file"]).read().strip() if self.k8s.get("admin_token_file") else ""
        request = urllib.request.Request(self.k8s["endpoint"] + "/_sandbox/reset", data=b"{}", method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as reply:
                return {"status": reply.status}
        except Exception as error:
            return {"error": repr(error)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 300  # an idle keep-alive connection holds a thread; let it go after 5 minutes
    server_version = "AmazonS3"  # any; clients do not read it
    sys_version = ""
    proxy: Proxy  # set on the class by serve()

    def log_message(self, format, *args):  # the request log is the record; keep stderr quiet
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle and delayed ACKs add 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        try:
            self.handle_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # a proxy bug must not look like a hung AWS: answer 500 and log why
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            error = protocols.server_error("rest-json", "", 500)
            try:
                self.send(error.status, error.headers, error.body)
            except OSError:
                pass
            self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, headers: list, body: bytes, head_length: str | None = None) -> None:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        self.send_response_only(status, phrase)
        self.send_header("Date", self.date_time_string())
        for name, value in headers:
            if name.lower() in HOP_BY_HOP or name.lower() in ("content-length", "date", "server"):
                continue
            self.send_header(name, value)
        if self.command == "HEAD" and head_length is not None:
            self.send_header("Content-Length", head_length)
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def send_json(self, status: int, payload) -> None:
        body = json.dumps(payload, indent=1, default=str).encode()
        self.send(status, [("Content-Type", "application/json")], body)

    def handle_request(self) -> None:
        started = time.time()
        proxy = self.proxy
        # Set by a `lose-response` fault: the request is executed, the answer never sent.
        self.lose_response = False
        body = self._read_body()
        path, _, raw_query = self.path.partition("?")
        if path.startswith("/_sandbox/") or path == "/_sandbox":
            from .control import handle_control

            return handle_control(self, proxy, self.command, path, raw_query, body)
        scope = sigv4.credential_scope(self.headers, raw_query)
        service = scope[2] if scope else ""
        region = scope[1] if scope else "us-east-1"
        call = protocols.identify(service, self.command, path, raw_query, self.headers, body)
        entry = {"time": round(started, 3), "service": service, "operation": call.operation,
                 "method": self.command, "path": path, "access_key_id": scope[0] if scope else None,
                 "user_agent": self.headers.get("User-Agent", "")}
        if path.startswith("/moto-api/"):
            return self._pass_through(proxy, path, raw_query, body, region, entry, started)
        if not scope and call.family == "query" and call.operation in UNSIGNED_STS:
            # AWS takes these unsigned: the web identity token or SAML assertion is the credential.
            entry["service"] = "sts"
            return self._pass_through(proxy, path, raw_query, body, region, entry, started)
        identity, reply = self._authenticate(proxy, call, path, raw_query, body)
        if reply is not None:
            entry["fault"] = "auth"
            return self._finish(entry, started, reply.status, reply.headers, reply.body)
        entry["caller_arn"] = identity.get("arn")
        for fault in proxy.faults.pick(service, call.operation, entry["user_agent"], entry["access_key_id"]):
            if fault["kind"] == "delay":
                time.sleep(fault["seconds"])
                entry["delayed"] = fault["seconds"]
                continue
            entry["fault"] = fault["kind"]
            if fault["kind"] == "lose-response":
                self.lose_response = True
                continue
            if fault["kind"] == "drop":
                entry["status"] = 0
                entry["duration_ms"] = round((time.time() - started) * 1000, 1)
                proxy.log.add(entry)
                self._close_without_answer()
                return
            error = (protocols.throttle_error(call.family, service) if fault["kind"] == "throttle"
                     else protocols.server_error(call.family, service, fault["status"]))
            return self._finish(entry, started, error.status, error.headers, error.body)
        headers = {k: v for k, v in self.headers.items()}
        if "Authorization" not in self.headers and service and service != "s3":
            # moto picks the service (and the caller) from the Authorization header; a presigned
            # request has none, so hand moto the credential scope it would have carried.
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d")
            headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={scope[0]}/{stamp}/{region}/{service}/"
                                        "aws4_request, SignedHeaders=host, Signature=presigned")
        req = Request(self.command, path, raw_query, headers, body, region)
        arn = identity.get("arn")
        settling = None
        if service == "eks" and call.operation in ("CreateCluster", "CreateFargateProfile"):
            try:
                settling = proxy.roles.check_eks(call.operation, json.loads(body or b"{}"))
            except ValueError:
                settling = None
        elif service == "sts":
            settling = proxy.roles.check_sts(call.operation, call.params, arn)
        if settling is not None:
            return self._finish(entry, started, settling.status, settling.headers, settling.body)
        if service == "eks":
            early = proxy.eks.before(req, call.operation, call.params, arn)
            if early is not None:
                return self._finish(entry, started, early.status, early.headers, early.body)
        try:
            if service == "s3" and any(k.lower() in ("if-none-match", "if-match") for k in headers):
                # S3 decides a conditional write atomically; moto checks, then writes, so two
                # racing `If-None-Match: *` puts could both win. One at a time, as in AWS.
                with proxy.conditional_writes:
                    status, response_headers, response_body = proxy.forward(req)
            else:
                status, response_headers, response_body = proxy.forward(req)
        except Exception as error:
            failure = protocols.server_error(call.family, service, 500)
            entry["error"] = repr(error)
            return self._finish(entry, started, failure.status, failure.headers, failure.body)
        rewritten = None
        if service == "eks":
            rewritten = proxy.eks.after(req, call.operation, call.params, arn, status, response_body)
        elif service == "ec2":
            rewritten = proxy.nat.after(call.operation, call.params, status, response_body)
        elif service == "iam":
            proxy.roles.record(call.operation, status, response_body)
        head_length = dict((k.lower(), v) for k, v in response_headers).get("content-length")
        if rewritten is not None:
            response_body, head_length = rewritten, None
        return self._finish(entry, started, status, response_headers, response_body, head_length)

    def _pass_through(self, proxy, path, raw_query, body, region, entry, started):
        headers = {k: v for k, v in self.headers.items()}
        status, response_headers, response_body = proxy.forward(Request(self.command, path, raw_query, headers, body,
                                                                        region))
        return self._finish(entry, started, status, response_headers, response_body)

    def _authenticate(self, proxy: Proxy, call, path: str, raw_query: str, body: bytes):
        parsed = None
        try:
            parsed = sigv4.parse(self.headers, raw_query)
            key = proxy.keys.lookup(parsed.access_key_id)
            if not key or key.get("status") != "Active":
                raise sigv4.AuthError("unknown_key", parsed.access_key_id)
            if key.get("session_token") and parsed.security_token != key["session_token"]:
                raise sigv4.AuthError("unknown_key", parsed.access_key_id)
            if key.get("expiration"):
                expires = dt.datetime.fromisoformat(key["expiration"].replace("Z", "+00:00"))
                if expires.tzinfo is None:
                    expires = expires.replace(tzinfo=dt.timezone.utc)
                if proxy.clock() > expires:
                    raise sigv4.AuthError("token_expired")
            sigv4.check_time(parsed, proxy.clock())
            host = self.headers.get("Host", "")
            sigv4.verify(parsed, key["secret_access_key"], self.command, f"http://{host}", path, raw_query,
                         self.headers, body)
            return key, None
        except sigv4.AuthError as error:
            error.extra.setdefault("access_key", parsed.access_key_id if parsed else "")
            return None, protocols.auth_error(call.family, call.service, error)

    def _finish(self, entry, started, status, headers, body, head_length=None):
        entry["status"] = status
        entry["duration_ms"] = round((time.time() - started) * 1000, 1)
        self.proxy.log.add(entry)
        if getattr(self, "lose_response", False):
            # The status moto answered is in the log; the client gets a closed connection.
            self._close_without_answer()
            return
        self.send(status, headers, body, head_length)

    def _close_without_answer(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True


def serve(host: str, port: int, proxy: Proxy) -> Server:
    handler = type("BoundHandler", (Handler,), {"proxy": proxy})
    return Server((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.aws.proxy")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--moto-url", required=True)
    parser.add_argument("--identities", required=True, help="JSON file: {\"users\": [{name, access_key_id, ...}]}")
    parser.add_argument("--latency", default="fast")
    parser.add_argument("--latency-factor", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    with open(args.identities) as handle:
        identities = json.load(handle)["users"]
    proxy = Proxy(args.moto_url, identities, Latency(args.latency, args.latency_factor), Faults(args.seed))
    server = serve(args.host, args.port, proxy)
    proxy.wait_for_moto()
    proxy.bootstrap()
    proxy.scheduler.start()
    print(f"proxy listening on http://{args.host}:{args.port} in front of {args.moto_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
