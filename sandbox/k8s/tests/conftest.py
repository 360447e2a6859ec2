"""Fixtures: an in-process emulator on a free loopback port, and a small HTTPS client."""

import http.client
import json
import os
import ssl
import tempfile
import threading

import pytest

from sandbox.k8s import certs
from sandbox.k8s.awsside import AWSSide
from sandbox.k8s.cluster import Cluster
from sandbox.k8s.server import Server


class StaticAWS(AWSSide):
    """The AWS side as this module's unit tests need it: fixed Fargate profiles, no network."""

    def __init__(self, profiles=None):
        super().__init__(cluster_name="spark-eks-cluster")
        self.profiles = profiles or []
        self.latency_override = {"profile": "instant", "factor": 1}

    def fargate_profiles(self):
        return [p for p in self.profiles if p.get("status", "ACTIVE") == "ACTIVE"]

    def cached_fargate_profiles(self):
        return self.fargate_profiles()


class Client:
    def __init__(self, port, ca_file, token):
        self.port = port
        self.ctx = ssl.create_default_context(cafile=ca_file)
        self.token = token
        self._local = threading.local()

    def _conn(self):
        c = getattr(self._local, "conn", None)
        if c is None:
            c = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=10)
            self._local.conn = c
        return c

    def request(self, method, path, body=None, ctype="application/json", token=None, accept="application/json"):
        headers = {"Accept": accept}
        tok = self.token if token is None else token
        if tok:
            headers["Authorization"] = f"Bearer {tok}"
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            headers["Content-Type"] = ctype
        for attempt in range(2):
            conn = self._conn()
            try:
                conn.request(method, path, body=data, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, raw.decode()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body, **kw):
        return self.request("PUT", path, body, **kw)

    def patch(self, path, body, ctype="application/merge-patch+json", **kw):
        return self.request("PATCH", path, body, ctype=ctype, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Emulator:
    def __init__(self, profiles=None, aws=None):
        self.dir = tempfile.mkdtemp(prefix="k8s-test-")
        ca, cert, key = certs.generate()
        self.ca_file = os.path.join(self.dir, "ca.crt")
        with open(self.ca_file, "wb") as f:
            f.write(ca)
        with open(os.path.join(self.dir, "tls.crt"), "wb") as f:
            f.write(cert)
        with open(os.path.join(self.dir, "tls.key"), "wb") as f:
            f.write(key)
        self.aws = aws or StaticAWS(profiles)
        self.cluster = Cluster("spark-eks-cluster", self.aws, None, ca)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(self.dir, "tls.crt"), os.path.join(self.dir, "tls.key"))
        self.server = Server(("127.0.0.1", 0), self.cluster, ctx)
        self.port = self.server.server_address[1]
        self.cluster.start()
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        self.client = Client(self.port, self.ca_file, self.cluster.admin_token)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.cluster.stop()


@pytest.fixture
def emu():
    e = Emulator(profiles=[{"fargateProfileName": "spark", "status": "ACTIVE",
                            "selectors": [{"namespace": "spark"}, {"namespace": "labelled", "labels": {"compute": "fargate"}}]}])
    yield e
    e.close()


@pytest.fixture
def api(emu):
    return emu.client
