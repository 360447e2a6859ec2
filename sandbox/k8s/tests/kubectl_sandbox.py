"""The whole sandbox the kubectl conformance tests (test_kubectl.py) run against: `python -m
sandbox up` in a temporary directory of its own, with kubectl, boto3 and the control API
pointed at it."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3

from sandbox.cli import parse_env

ROOT = Path(__file__).resolve().parents[3]
# SANDBOX_KUBECTL runs the conformance list with another client (e.g. the newest minor installed).
KUBECTL = os.environ.get("SANDBOX_KUBECTL") or shutil.which("kubectl")


class Sandbox:
    def __init__(self):
        self.binary = KUBECTL
        self.dir = Path(tempfile.mkdtemp(prefix="k8s-conformance-"))
        env = dict(os.environ, SANDBOX_DIR=str(self.dir))
        started = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "sandbox", "up"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
        self.startup = time.monotonic() - started
        assert r.returncode == 0, r.stderr
        self.env = parse_env(r.stdout)
        self.kenv = dict(os.environ)
        self.kenv.update(self.env)
        self.kenv["HOME"] = str(self.dir)  # kubectl's caches and config stay in here
        self.cache = str(self.dir / "kcache")
        self.control = self.env["SANDBOX_CONTROL_URL"]
        self.token = (self.dir / "k8s" / "admin-token").read_text().strip()

    def create_cluster_and_profile(self, namespace):
        """The EKS cluster and a Fargate profile for `namespace`, created as eks-spark would."""
        self.control_put("/latency", {"profile": "instant"})
        eks = self.aws("eks")
        eks.create_cluster(name="spark-eks-cluster", roleArn="arn:aws:iam::123456789012:role/eks-cluster",
                           resourcesVpcConfig={"subnetIds": ["subnet-0a", "subnet-0b"]})
        wait_until(lambda: eks.describe_cluster(name="spark-eks-cluster")["cluster"]["status"] == "ACTIVE")
        eks.create_fargate_profile(clusterName="spark-eks-cluster", fargateProfileName="conformance",
                                   podExecutionRoleArn="arn:aws:iam::123456789012:role/pod-execution",
                                   selectors=[{"namespace": namespace}])
        wait_until(lambda: eks.describe_fargate_profile(clusterName="spark-eks-cluster", fargateProfileName="conformance")
                   ["fargateProfile"]["status"] == "ACTIVE")
        self.control_put("/latency", {"profile": "fast"})

    def down(self):
        subprocess.run([sys.executable, "-m", "sandbox", "down"], cwd=ROOT, env=dict(os.environ, SANDBOX_DIR=str(self.dir)),
                       capture_output=True, timeout=60)

    def kubectl(self, *args, input=None, check=True, env=None, timeout=60, kubectl=None):
        cmd = [kubectl or self.binary, "--cache-dir", self.cache, *args]
        r = subprocess.run(cmd, input=input, capture_output=True, text=True, env=env or self.kenv, timeout=timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r

    def aws(self, service, key=None, secret=None):
        return boto3.client(service, endpoint_url=self.env["AWS_ENDPOINT_URL"], region_name=self.env["AWS_REGION"],
                            aws_access_key_id=key or self.env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=secret or self.env["AWS_SECRET_ACCESS_KEY"])

    def control_put(self, path, body):
        req = urllib.request.Request(self.control + path, data=json.dumps(body).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def k8s_post(self, path, body):
        import ssl

        server = self.env["EKS_SPARK_KUBE_SERVER"]
        ctx = ssl.create_default_context(cafile=self.env["EKS_SPARK_KUBE_CA_FILE"])
        req = urllib.request.Request(server + path, data=body, method="POST",
                                     headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(req, timeout=10, context=ctx) as r:
            return r.read()


def wait_until(fn, timeout=30.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(step)
    raise AssertionError("timed out")
