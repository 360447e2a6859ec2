"""Start-up: certificates, state files, the cluster, and the HTTPS server."""

import argparse
import logging
import os
import secrets
import signal
import ssl
import sys
import threading

from . import certs
from .awsside import AWSSide
from .cluster import Cluster
from .server import Server


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m sandbox.k8s", description="Kubernetes API server emulator (EKS flavour)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port (written to <state-dir>/port)")
    p.add_argument("--state-dir", required=True)
    p.add_argument("--cluster-name", default="spark-eks-cluster")
    p.add_argument("--aws-endpoint", default=None)
    p.add_argument("--region", default="eu-west-1")
    p.add_argument("--aws-access-key-id", default=os.environ.get("AWS_ACCESS_KEY_ID"))
    p.add_argument("--aws-secret-access-key", default=os.environ.get("AWS_SECRET_ACCESS_KEY"))
    p.add_argument("--control-url", default=None)
    p.add_argument("--registry-url", default=None,
                   help="the container registry (http://127.0.0.1:PORT): pod images of its host:port are checked there")
    p.add_argument("--registry-upstream", default=None,
                   help="where those checks go when --registry-url is an auth front (the registry behind it)")
    p.add_argument("--spark", choices=("scripted", "real"), default=os.environ.get("SANDBOX_SPARK", "scripted"),
                   help="how the Spark Operator stand-in runs applications: real spark-submit and local driver/executor "
                        "processes, or scripted pods (default: $SANDBOX_SPARK or scripted)")
    p.add_argument("--verbose", action="store_true")
    return p.parse_args(argv)


def _write(path, data, mode=0o644):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def kubeconfig(server, ca_path, token, name):
    return f"""apiVersion: v1
kind: Config
clusters:
- name: {name}
  cluster:
    server: {server}
    certificate-authority: {ca_path}
users:
- name: sandbox-admin
  user:
    token: {token}
contexts:
- name: {name}
  context:
    cluster: {name}
    user: sandbox-admin
current-context: {name}
"""


def build(args):
    state = os.path.abspath(args.state_dir)
    os.makedirs(state, exist_ok=True)
    ca_pem, cert_pem, key_pem = certs.generate(hosts=sorted({args.host, "127.0.0.1", "localhost"}))
    _write(os.path.join(state, "ca.crt"), ca_pem)
    _write(os.path.join(state, "apiserver.crt"), cert_pem)
    _write(os.path.join(state, "apiserver.key"), key_pem, 0o600)
    token = secrets.token_urlsafe(32)
    aws = AWSSide(endpoint=args.aws_endpoint, region=args.region, access_key=args.aws_access_key_id,
                  secret_key=args.aws_secret_access_key, control_url=args.control_url, cluster_name=args.cluster_name)
    cluster = Cluster(args.cluster_name, aws, token, ca_pem, args.aws_endpoint)
    cluster.registry_url = args.registry_url
    cluster.registry_upstream = args.registry_upstream
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(state, "apiserver.crt"), os.path.join(state, "apiserver.key"))
    server = Server((args.host, args.port), cluster, ctx)
    port = server.server_address[1]
    url = f"https://{args.host}:{port}"
    _write(os.path.join(state, "admin-token"), token + "\n", 0o600)
    _write(os.path.join(state, "port"), f"{port}\n")
    if args.spark == "real":
        from .spark.runner import enable

        if enable(cluster, url, os.path.join(state, "kubelet")) is None:
            logging.getLogger("sandbox.k8s").warning("--spark real: no pyspark or no java here; Spark runs scripted")
    _write(os.path.join(state, "kubeconfig"), kubeconfig(url, os.path.join(state, "ca.crt"), token, args.cluster_name), 0o600)
    return cluster, server, url


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    cluster, server, url = build(args)
    cluster.start()
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    logging.getLogger("sandbox.k8s").info("serving %s (cluster %s)", url, args.cluster_name)
    print(f"k8s sandbox serving {url}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        cluster.stop()
        server.server_close()
    return 0
