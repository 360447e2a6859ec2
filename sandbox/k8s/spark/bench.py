"""One real-Spark Pi run against an in-process emulator: wall time from the SparkApplication's
create to COMPLETED, and the peak memory of everything it ran (spark-submit, the driver's
JVM and Python, the executor's JVM and Python workers: the RSS of this process's children,
summed, sampled every 100 ms).

    python -m sandbox.k8s.spark.bench
"""

import os
import shutil
import sys
import tempfile
import threading
import time

from ..tests import test_operator as ops
from ..tests.conftest import Emulator
from ..tests.example_images import example_image_root
from .runner import SparkRunner


def _children_rss(pid):
    """Sum of VmRSS (KiB) of every descendant of pid."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, list(kids.get(pid, []))
    while todo:
        p = todo.pop()
        todo += kids.get(p, [])
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def main():
    e = Emulator(profiles=[{"fargateProfileName": "p", "status": "ACTIVE",
                            "selectors": [{"namespace": "spark"}, {"namespace": "spark-operator"}]}])
    e.aws.latency_override = {"profile": "fast", "factor": 1, "delays": {"pod_pending": 0, "pod_creating": 0}}
    work = tempfile.mkdtemp(prefix="kubelet-bench-")
    runner = SparkRunner(e.cluster, f"https://127.0.0.1:{e.port}", work, image_root=example_image_root(work))
    if not runner.available():
        print("bench-spark: needs pyspark (requirements/spark.txt) and a JDK", file=sys.stderr)
        return 1
    e.cluster.spark_runner = runner
    api = e.client
    try:
        _setup(api)  # the namespaces, the spark account and its Role, as the tests set them up
        ops.install(api, 2)
        api.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
            "metadata": {"name": "operator-admin"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
            "subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": "spark-operator"}]})
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], _children_rss(os.getpid()))
                time.sleep(0.1)

        threading.Thread(target=sample, daemon=True).start()
        body = ops.app("pi", image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-eks/pi:latest",
                       mainApplicationFile="local:///opt/spark/work-dir/pi.py", arguments=["2"],
                       sparkConf={"spark.ui.enabled": "false"}, executor={"cores": 1, "memory": "512m", "instances": 1})
        t0 = time.monotonic()
        api.post(ops.APPS, body)
        states = ops.states_of(e, "pi", ("COMPLETED", "FAILED"), timeout=300)
        wall = time.monotonic() - t0
        done.set()
        log = api.get("/api/v1/namespaces/spark/pods/pi-driver/log")[1]
        estimate = next((line for line in log.splitlines() if line.startswith("Pi is roughly")), "(no estimate)")
        print(f"real-Spark Pi run: {states[-1]} in {wall:.1f} s, peak memory {peak[0] / 1024:.0f} MiB "
              f"(spark-submit, driver, 1 executor); {estimate}")
        return 0 if states[-1] == "COMPLETED" else 1
    finally:
        e.cluster.spark_runner = None
        e.close()
        shutil.rmtree(work, ignore_errors=True)


def _setup(api):
    for ns in ("spark", "spark-operator"):
        api.post("/api/v1/namespaces", {"metadata": {"name": ns}})
    api.post("/api/v1/namespaces/spark/serviceaccounts", {"metadata": {"name": "spark"}})
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/spark/roles", {
        "metadata": {"name": "spark-role"}, "rules": [{"apiGroups": [""], "resources": ["pods", "services", "configmaps"], "verbs": ["*"]}]})
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/spark/rolebindings", {
        "metadata": {"name": "spark"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "spark-role"},
        "subjects": [{"kind": "ServiceAccount", "name": "spark", "namespace": "spark"}]})


if __name__ == "__main__":
    sys.exit(main())
