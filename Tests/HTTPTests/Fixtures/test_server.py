"""A loopback HTTP(S) server for the HTTP module's tests.

Prints "<http port> <https port>" on its first line, then serves until stdin closes.
  /echo            JSON of method, path, headers, body, client port, TLS client cert subject
  /status/<n>      answers with status n
  /slow/<ms>       answers after a delay
  /stream/<n>      n chunks, 50 ms apart (chunked encoding)
Requests whose path is an absolute URL (a proxy request) are echoed the same way.
"""
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, payload, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Request-Id", "req-1")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def handle_any(self):
        body = self._body()
        path = self.path
        tail = path.split("/")
        if "/status/" in path:
            self._send(int(tail[-1]), b'{"status": %s}' % tail[-1].encode())
            return
        if "/slow/" in path:
            time.sleep(int(tail[-1]) / 1000)
        if "/stream/" in path:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(int(tail[-1])):
                chunk = ("line %d\n" % i).encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(b"0\r\n\r\n")
            return
        cert = None
        if hasattr(self.connection, "getpeercert"):
            peer = self.connection.getpeercert()
            if peer:
                cert = dict(x[0] for x in peer["subject"]).get("commonName")
        echo = {
            "method": self.command,
            "path": path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body": body.decode("utf-8", "replace"),
            "clientPort": self.client_address[1],
            "clientCert": cert,
            "version": self.request_version,
        }
        self._send(200, json.dumps(echo).encode())

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any


def main():
    plain = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    servers = [plain]
    https_port = 0
    if len(sys.argv) == 4:
        cert, key, ca = sys.argv[1:]
        secure = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.load_verify_locations(ca)
        context.verify_mode = ssl.CERT_OPTIONAL
        secure.socket = context.wrap_socket(secure.socket, server_side=True)
        servers.append(secure)
        https_port = secure.server_address[1]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(plain.server_address[1], https_port, flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
