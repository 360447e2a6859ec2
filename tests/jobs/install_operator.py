"""Test set-up for the job commands: installs the Spark Operator chart from the sandbox's
chart repository with real Helm (helm-python-sdk), until eks-spark's own `operator install`
is on this branch. Idempotent: when an operator Deployment already runs anywhere in the
cluster (its CRDs belong to that release), nothing is installed. Prints the namespace of
the operator that runs.

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
    found = json.loads(subprocess.run(
        ["kubectl", "get", "deploy", "-A", "-l", "app.kubernetes.io/name=spark-operator", "-o", "json"],
        capture_output=True, text=True, check=True).stdout)["items"]
    if found:
        namespace = found[0]["metadata"]["namespace"]
    config = helm.Config(kubeconfig_path=os.environ["KUBECONFIG"], namespace=namespace)
    existing = subprocess.run(
        ["kubectl", "get", "secrets", "-n", namespace, "-l", f"owner=helm,name={release}", "-o", "name"],
        capture_output=True, text=True, check=True).stdout.strip()
    if not existing and not found:
        config.install("spark-operator", release, values, chart_repo_url=os.environ["SANDBOX_CHART_REPO"],
                       chart_version=version, create_namespace=True, namespace=namespace, plain_http=True,
                       timeout=120)
    deadline = time.time() + 120
    while time.time() < deadline:
        out = subprocess.run(["kubectl", "get", "deploy", "-n", namespace, "-o", "json"],
                             capture_output=True, text=True, check=True).stdout
        items = json.loads(out)["items"]
        if items and all((d.get("status") or {}).get("availableReplicas", 0) > 0 for d in items):
            print(namespace)
            return
        time.sleep(0.5)
    sys.exit(f"the operator's Deployments in {namespace} never became available")


if __name__ == "__main__":
    main()
