"""HTTPS front of the emulator: routing, authentication, authorization, response writing."""

import json
import logging
import select
import socket
import ssl
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import discovery, errors, protobuf, warnings
from .messages import Request, Response, parse_query

log = logging.getLogger("sandbox.k8s.http")
PUBLIC = {"/healthz", "/livez", "/readyz"}
ANONYMOUS_OK = {"/version", "/version/", "/healthz", "/livez", "/readyz"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kube-apiserver"
    sys_version = ""
    timeout = 300  # idle keep-alive connections are closed (and their threads end)

    def log_message(self, fmt, *args):
        log.debug("%s " + fmt, self.address_string(), *args)

    # every method goes through one dispatcher
    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _dispatch(self):
        started = time.perf_counter()
        cluster = self.server.cluster
        body = self._read_body()
        parsed = urllib.parse.urlsplit(self.path)
        path = parsed.path
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        headers = {k.lower(): v for k, v in self.headers.items()}
        warnings.begin()
        try:
            if path in PUBLIC:
                return self._send(Response(200, b"ok", "text/plain"))
            user = cluster.auth.authenticate(headers.get("authorization"))
            if user is None:
                if headers.get("authorization") or path not in ANONYMOUS_OK:
                    raise errors.unauthorized()
                user = {"username": "system:anonymous", "groups": ["system:unauthenticated"]}
            req = Request(self.command, path, parse_query(parsed.query), headers, body, user)
            self._send(self.server.router.route(req))
        except errors.APIError as e:
            self._send(Response(e.code, e.status()))
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True
        except Exception as e:  # a bug: answer like the API server's internal error
            log.exception("internal error on %s %s", self.command, self.path)
            self._send(Response(500, errors.APIError(500, "InternalError", f"Internal error occurred: {e}").status()))
        finally:
            log.debug("%s %s %.1fms", self.command, self.path, (time.perf_counter() - started) * 1000)

    def _send(self, resp):
        body = resp.body
        content_type = resp.content_type
        if isinstance(body, dict) and resp.stream is None and protobuf.prefers_protobuf(self.headers.get("Accept")):
            # client-go's typed clients ask for protobuf first (JSON second): built-in kinds get it.
            try:
                encoded = protobuf.encode_envelope(body)
            except (protobuf.ProtobufError, ValueError, TypeError, AttributeError) as error:
                log.warning("answering JSON, not protobuf, for %s: %s", body.get("kind"), error)
                encoded = None
            if encoded is not None:
                body, content_type = encoded, protobuf.CONTENT_TYPE
        if isinstance(body, (dict, list)):
            body = json.dumps(body, separators=(",", ":")).encode()
        elif isinstance(body, str):
            body = body.encode()
        head = [f"HTTP/1.1 {resp.code} {self.responses.get(resp.code, ('',))[0]}",
                f"Content-Type: {content_type}",
                "Cache-Control: no-cache, private",
                "Date: " + self.date_time_string(),
                "Audit-Id: " + str(id(resp))]
        for w in warnings.take():
            head.append('Warning: 299 - "' + w.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if resp.stream is None:
            head.append(f"Content-Length: {len(body or b'')}")
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + (body or b""))
            return
        head.append("Transfer-Encoding: chunked")
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode())
        self.close_connection = True
        try:
            for chunk in resp.stream:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                elif self._peer_gone():
                    return
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            return
        finally:
            close = getattr(resp.stream, "close", None)
            if close:
                close()

    def _peer_gone(self):
        try:
            r, _, _ = select.select([self.connection], [], [], 0)
            return bool(r)
        except (OSError, ValueError):
            return True


class Router:
    def __init__(self, cluster, server_address):
        self.c = cluster
        self.server_address = server_address

    def _authorize_path(self, req):
        attrs = {"verb": req.method.lower() if req.method != "GET" else "get", "path": req.path}
        if "system:masters" in req.user.get("groups", []):
            return
        if req.path in ANONYMOUS_OK and req.method == "GET":
            return
        if not self.c.rbac.allowed(req.user, attrs):
            raise errors.APIError(403, "Forbidden", f"forbidden: {self.c.rbac.denial(req.user, attrs)}", {})

    def route(self, req):
        p = req.path
        parts = [x for x in p.split("/") if x]
        reg = self.c.registry
        if parts and parts[0] == "_sandbox":
            return self._sandbox(req, parts[1:])
        if p == "/version":
            self._authorize_path(req)
            return Response(200, discovery.KUBE_VERSION)
        if parts[:1] == ["openapi"]:
            self._authorize_path(req)
            if parts[1:2] == ["v3"]:
                if len(parts) == 2:
                    return Response(200, discovery.openapi_root(reg))
                gv = parts[2:]
                doc = None
                if gv[:1] == ["api"] and len(gv) == 2:
                    doc = discovery.openapi_gv(reg, "", gv[1])
                elif gv[:1] == ["apis"] and len(gv) == 3:
                    doc = discovery.openapi_gv(reg, gv[1], gv[2])
                if doc is not None:
                    return Response(200, doc)
            return Response(404, b"404 page not found\n", "text/plain")
        if p in ("/api", "/apis"):
            # the core group (/api) or every other group (/apis), aggregated when the client asks
            self._authorize_path(req)
            core = p == "/api"
            agg = discovery.wants_aggregated(req.headers.get("accept"))
            if agg:
                return Response(200, discovery.aggregated(reg, core, agg), agg)
            return Response(200, discovery.api_versions(self.server_address) if core else discovery.api_group_list(reg))
        if parts[:1] == ["api"] and len(parts) >= 2:
            group, version, rest = "", parts[1], parts[2:]
        elif parts[:1] == ["apis"] and len(parts) >= 2:
            if len(parts) == 2:
                self._authorize_path(req)
                g = discovery.api_group(reg, parts[1])
                if g is None:
                    raise errors.path_not_found()
                return Response(200, g)
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            return Response(404, b"404 page not found\n", "text/plain")
        if not rest:
            self._authorize_path(req)
            lst = discovery.resource_list(reg, group, version)
            if lst is None:
                raise errors.path_not_found()
            return Response(200, lst)
        ns = None
        if rest[0] == "namespaces" and len(rest) >= 3 and reg.lookup(group, version, rest[2]) is not None \
                and reg.lookup(group, version, rest[2]).namespaced:
            ns, rest = rest[1], rest[2:]
        if len(rest) > 3:
            raise errors.path_not_found()
        plural = rest[0]
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        rt = reg.lookup(group, version, plural)
        if rt is None:
            raise errors.path_not_found()
        if sub is not None and sub not in rt.subresources:
            raise errors.path_not_found()
        if rt.namespaced and ns is None and req.method != "GET":
            raise errors.path_not_found()
        if not rt.namespaced and ns is not None:
            raise errors.path_not_found()
        self._authorize(req, rt, ns, name, sub)
        return self.c.api.handle(req, rt, version, ns, name, sub)

    def _authorize(self, req, rt, ns, name, sub):
        user = req.user
        if "system:masters" in user.get("groups", []):
            return
        m = req.method
        if m == "GET":
            verb = "get" if name else ("watch" if req.flag("watch") else "list")
        else:
            verb = {"POST": "create", "PUT": "update", "PATCH": "patch",
                    "DELETE": "delete" if name else "deletecollection"}[m]
        if name is None and verb in ("list", "watch"):
            fs = req.q("fieldSelector")
            for part in fs.split(","):
                if part.startswith("metadata.name="):
                    name = part.split("=", 1)[1]
        attrs = {"verb": verb, "group": rt.group, "resource": rt.plural, "subresource": sub or "", "name": name or "",
                 "namespace": ns or ""}
        if rt.plural in ("selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews"):
            attrs["namespace"] = ""
        if not self.c.rbac.allowed(user, attrs):
            raise errors.forbidden(rt.group, rt.plural, name or "", self.c.rbac.denial(user, attrs))

    def _sandbox(self, req, parts):
        if "system:masters" not in req.user.get("groups", []):
            raise errors.APIError(403, "Forbidden", "forbidden: sandbox control needs the admin token", {})
        if parts == ["reset"] and req.method == "POST":
            self.c.reset()
            return Response(200, {"reset": True, "resourceVersion": str(self.c.store.rv)})
        if len(parts) == 4 and parts[0] == "logs" and req.method == "POST":
            _, ns, pod, container = parts
            for line in req.body.decode(errors="replace").splitlines():
                self.c.logs.append(ns, pod, container, line)
            return Response(200, {"appended": True})
        if parts == ["latency"] and req.method == "POST":
            body = json.loads(req.body or b"{}")
            self.c.aws.latency_override = body if body.get("profile") else None
            return Response(200, self.c.aws.latency())
        raise errors.path_not_found()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, cluster, ssl_context):
        super().__init__(addr, Handler)
        self.cluster = cluster
        self.ssl_context = ssl_context
        host, port = self.server_address[:2]
        self.router = Router(cluster, f"{host}:{port}")

    def finish_request(self, request, client_address):
        # The TLS handshake happens on the connection's own thread, not in accept().
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            conn = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self.RequestHandlerClass(conn, client_address, self)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        log.debug("connection error from %s", client_address, exc_info=True)
