"""The ECR registry endpoint: ECR's door in front of the real CNCF Distribution registry.

Served by the proxy process on its own loopback port (the host:port in `repositoryUri` and
`proxyEndpoint`). Every request needs `Authorization: Basic base64(AWS:<password>)` with a
password GetAuthorizationToken issued and that has not expired; the repository named in the
path must exist in ECR (moto), in the token's region and account. What passes goes to the
registry unchanged (same Host, so its upload `Location`s point back here); what does not is
answered as ECR answers:

    no or unknown credentials   401 Not Authorized, `Www-Authenticate: Basic realm=...,service="ecr.amazonaws.com"`
    not an ECR token            400 Bad Request
    expired token               403 DENIED "Your authorization token has expired. Reauthenticate and try again."
    repository not in ECR       404 NAME_UNKNOWN "The repository with name 'x' does not exist in the registry with id 'n'"
    tag of an IMMUTABLE repo    400 TAG_INVALID "The image tag 't' already exists in the 'x' repository and cannot be
                                overwritten because the repository is immutable."
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .httpbody import read_body

from .ecr_tokens import TokenCheck

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate", "expect", "authorization"}
REPOSITORY_PATH = re.compile(r"^/v2/(?P<name>.+?)/(?P<kind>manifests|blobs|tags|referrers)(?:/(?P<rest>.*))?$")
EXPIRED = "Your authorization token has expired. Reauthenticate and try again."
CHUNK = 1 << 16


class RegistryFront:
    """State shared by the handler threads: the upstream registry and the ECR rules."""

    def __init__(self, upstream_url: str, rules, log=None):
        parts = urlsplit(upstream_url)
        self.upstream_host, self.upstream_port = parts.hostname, parts.port
        self.rules = rules  # ECRRules: tokens, repository lookups, the registry store
        self.log = log  # the proxy's request log: registry calls show up as service "ecr-registry"


class FrontHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 300
    server_version = "registry"
    sys_version = ""
    front: RegistryFront

    def log_message(self, format, *args):
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        started, self.status, self.token = time.time(), 0, None
        try:
            self.handle_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            try:
                self._errors(500, "UNKNOWN", "internal error")
            except OSError:
                pass
            self.close_connection = True
        finally:
            self._record(started)

    def _record(self, started: float) -> None:
        if self.front.log is None:
            return
        path = self.path.partition("?")[0]
        match = REPOSITORY_PATH.match(path)
        self.front.log.add({"time": round(started, 3), "service": "ecr-registry",
                            "operation": f"{self.command} {match.group('kind') if match else 'base'}",
                            "method": self.command, "path": path, "status": self.status,
                            "duration_ms": round((time.time() - started) * 1000, 1),
                            "access_key_id": self.token.access_key_id if self.token else None,
                            "caller_arn": self.token.arn if self.token else None,
                            "user_agent": self.headers.get("User-Agent", "")})

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    # ---- replies --------------------------------------------------------------------------
    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        self.send_header("Docker-Distribution-Api-Version", "registry/2.0")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _errors(self, status: int, code: str, message: str, detail=None) -> None:
        error = {"code": code, "message": message}
        if detail is not None:
            error["detail"] = detail
        body = json.dumps({"errors": [error]}).encode()
        self._send(status, [("Content-Type", "application/json; charset=utf-8")], body)

    def _not_authorized(self) -> None:
        host = self.headers.get("Host", "")
        challenge = f'Basic realm="http://{host}/",service="ecr.amazonaws.com"'
        self._send(401, [("Www-Authenticate", challenge), ("Content-Type", "text/plain; charset=utf-8")],
                   b"Not Authorized\n")

    # ---- the request ----------------------------------------------------------------------
    def handle_request(self) -> None:
        body = read_body(self.headers, self.rfile)
        path = self.path.partition("?")[0]
        if not (path == "/v2" or path.startswith("/v2/")):
            return self._send(404, [("Content-Type", "text/plain; charset=utf-8")], b"404 page not found\n")
        rules = self.front.rules
        rules.wait_ready()
        verdict, token = rules.tokens.check(self.headers.get("Authorization"))
        self.token = token
        if verdict == TokenCheck.MALFORMED:
            return self._send(400, [("Content-Type", "text/plain; charset=utf-8")], b"Bad Request\n")
        if verdict in (TokenCheck.MISSING, TokenCheck.UNKNOWN):
            return self._not_authorized()
        if verdict == TokenCheck.EXPIRED:
            return self._errors(403, "DENIED", EXPIRED)
        match = REPOSITORY_PATH.match(path)
        if match:
            name = match.group("name")
            repository, _ = rules.find_repository(token.region, token.access_key_id, name, token.account)
            if repository is None:
                return self._errors(404, "NAME_UNKNOWN", f"The repository with name '{name}' does not exist in the "
                                                         f"registry with id '{token.account}'")
            refused = self._immutable(repository, match)
            if refused:
                return refused
        self._forward(body)

    def _immutable(self, repository: dict, match):
        if self.command != "PUT" or match.group("kind") != "manifests":
            return None
        reference = match.group("rest") or ""
        if repository.get("imageTagMutability") != "IMMUTABLE" or reference.startswith("sha256:"):
            return None
        store = self.front.rules.store
        if any(reference in image.tags for image in store.images(repository["repositoryName"])):
            self._errors(400, "TAG_INVALID", f"The image tag '{reference}' already exists in the "
                                             f"'{repository['repositoryName']}' repository and cannot be overwritten "
                                             "because the repository is immutable.")
            return True
        return None

    def _forward(self, body: bytes) -> None:
        upstream = http.client.HTTPConnection(self.front.upstream_host, self.front.upstream_port, timeout=300)
        try:
            # Header by header: clients send several `Accept` lines and the registry reads them all.
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    upstream.putheader(name, value)
            upstream.putheader("Content-Length", str(len(body)))
            upstream.endheaders(body if body else None)
            response = upstream.getresponse()
            self.status = response.status
            self.send_response_only(response.status, response.reason)
            length = None
            for name, value in response.getheaders():
                lower = name.lower()
                if lower in HOP_BY_HOP:
                    continue
                if lower == "content-length":
                    length = value
                self.send_header(name, value)
            if length is None and self.command != "HEAD":
                payload = response.read()
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            self.end_headers()
            if self.command == "HEAD":
                return
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                self.wfile.write(chunk)
        finally:
            upstream.close()


class FrontServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True


def serve(host: str, port: int, front: RegistryFront) -> FrontServer:
    handler = type("BoundFrontHandler", (FrontHandler,), {"front": front})
    return FrontServer((host, port), handler)


def start(host: str, port: int, upstream_url: str, rules, log=None) -> FrontServer:
    """Serves the front on its own daemon thread (inside the proxy process)."""
    import threading

    server = serve(host, port, RegistryFront(upstream_url, rules, log))
    threading.Thread(target=server.serve_forever, name="registry-front", daemon=True).start()
    return server


def add_arguments(parser) -> None:
    """The proxy's options for the registry behind ECR."""
    parser.add_argument("--region", default="eu-west-1", help="where the registry's seed repository is created")
    parser.add_argument("--registry-port", type=int, default=None,
                        help="serve ECR's registry endpoint (this front) on this port")
    parser.add_argument("--registry-upstream", default=None, help="the CNCF Distribution registry behind it")
    parser.add_argument("--registry-storage", default=None, help="that registry's storage root directory")
    parser.add_argument("--registry-cache", default=None, help="where the seed image's layer is kept between starts")
