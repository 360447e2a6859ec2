"""Test set-up for the job commands: installs the Spark Operator chart from the sandbox's
chart repository with real Helm (helm-python-sdk), until eks-spark's own `operator install`
is on this branch. Idempotent: an existing release of the same name is left as it is.

Usage: python tests/jobs/install_operator.py NAMESPACE CHART_VERSION [VALUES_JSON]
(needs the variables of .sandbox/env: KUBECONFIG, SANDBOX_CHART_REPO).
"""

import json
import os
import subprocess
import sys
import time

import helm_python as helm


def main():
    namespace, version = sys.argv[1], sys.argv[2]
    values = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    release = "spark-operator"
    config = helm.Config(kubeconfig_path=os.environ["KUBECONFIG"], namespace=namespace)
    existing = subprocess.run(
        ["kubectl", "get", "secrets", "-n", namespace, "-l", f"owner=helm,name={release}", "-o", "name"],
        capture_output=True, text=True, check=True).stdout.strip()
    if not existing:
        config.install("spark-operator", release, values, chart_repo_url=os.environ["SANDBOX_CHART_REPO"],
                       chart_version=version, create_namespace=True, namespace=namespace, plain_http=True,
                       timeout=120)
    deadline = time.time() + 120
    while time.time() < deadline:
        out = subprocess.run(["kubectl", "get", "deploy", "-n", namespace, "-o", "json"],
                             capture_output=True, text=True, check=True).stdout
        items = json.loads(out)["items"]
        if items and all((d.get("status") or {}).get("availableReplicas", 0) > 0 for d in items):
            print("ready")
            return
        time.sleep(0.5)
    sys.exit(f"the operator's Deployments in {namespace} never became available")


if __name__ == "__main__":
    main()
