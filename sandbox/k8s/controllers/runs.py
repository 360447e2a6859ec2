"""One run of one container: scripted from the image's behaviour, or a local process."""

import time

from .. import images
from .timing import time_scale

SPARK_DRIVER_LOGS = ("Starting the Spark driver (scripted by the sandbox: no local Spark run for this pod)",
                     "SparkContext: Running Spark version {version}", "SparkContext: Submitted application: {app}")


class ScriptedRun:
    """Writes the behaviour's log lines at start and exits after its (scaled) run time."""

    def __init__(self, cluster, pod, container, behaviour, lines=None):
        self.exit_code = behaviour.exit_code if behaviour.kind != "serve" else None
        self.due = time.monotonic() + behaviour.seconds * time_scale(cluster) if self.exit_code is not None else None
        md = pod["metadata"]
        for line in lines if lines is not None else behaviour.logs:
            cluster.container_output(md["namespace"], md["name"], container["name"], line)

    def poll(self, now):
        if self.due is not None and now >= self.due:
            return self.exit_code
        return None

    def stop(self):
        """SIGTERM: a server stops cleanly (0), a task without a handler dies of it (143)."""
        if self.exit_code is None:
            self.exit_code = 0
        elif self.due is not None:
            self.exit_code = 143
        self.due = 0.0


def _spark_lines(pod, container, behaviour):
    labels = pod["metadata"].get("labels") or {}
    role = labels.get("spark-role")
    args = container.get("args") or []
    if role == "executor" or (args[:1] == ["executor"]):
        return images.Behaviour("serve"), ["Starting the Spark executor (scripted by the sandbox)"]
    version = (pod["metadata"].get("labels") or {}).get("spark-version") or "3.5.3"
    app = labels.get("spark-app-name") or labels.get("sparkoperator.k8s.io/app-name") or pod["metadata"]["name"]
    lines = [t.format(version=version, app=app) for t in SPARK_DRIVER_LOGS]
    if behaviour.exit_code == 0:
        lines.append("SparkContext: Successfully stopped SparkContext")
    return behaviour, lines + list(behaviour.logs)


def start_run(cluster, pod, container):
    b = images.behaviour(pod, container)
    if b.kind == "spark":
        if cluster.spark_runner is not None:
            proc = cluster.spark_runner.start(pod, container, b)
            if proc is not None:
                return proc
        b, lines = _spark_lines(pod, container, b)
        return ScriptedRun(cluster, pod, container, b, lines)
    return ScriptedRun(cluster, pod, container, b)
