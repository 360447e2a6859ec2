"""A loopback stand-in for the EC2 instance metadata service (IMDSv2) and the container
credentials endpoint. Prints its port, serves until stdin closes."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "imds-session-token"
DOC = {
    "Code": "Success",
    "Type": "AWS-HMAC",
    "AccessKeyId": "ASIAIMDSEXAMPLE",
    "SecretAccessKey": "imds-secret",
    "Token": "imds-token",
    "Expiration": "2099-01-01T00:00:00Z",
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            self.reply(200, TOKEN)
        else:
            self.reply(400, "bad token request")

    def do_GET(self):
        if self.path == "/container-creds":
            if self.headers.get("Authorization") != "container-auth":
                self.reply(401, "unauthorized")
                return
            doc = dict(DOC, AccessKeyId="ASIACONTAINEREXAMPLE")
            self.reply(200, json.dumps(doc), "application/json")
            return
        if self.headers.get("X-aws-ec2-metadata-token") != TOKEN:
            self.reply(401, "")
            return
        if self.path == "/latest/meta-data/iam/security-credentials/":
            self.reply(200, "eks-spark-node-role")
        elif self.path == "/latest/meta-data/iam/security-credentials/eks-spark-node-role":
            self.reply(200, json.dumps(DOC), "application/json")
        else:
            self.reply(404, "")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
