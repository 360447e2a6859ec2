"""Real Spark against the emulator: the operator stand-in runs PyPI pyspark's spark-submit in
cluster mode, Spark's client creates the driver pod with the operator's service account,
the kubelet runs the driver, the driver creates its executors through the API with the
application's service account (RBAC enforced), and the Pi example computes Pi.

Slow (JVMs on a shared machine): two Spark runs, about a minute each."""

import shutil
import tempfile
import time

import pytest

from sandbox.k8s.spark.runner import SparkRunner

from .example_images import example_image_root

from .test_operator import APPS, app, install, states_of
from .test_semantics import wait_for
from .test_operator import emu  # noqa: F401  (the fixture: an emulator with Fargate profiles and the spark account)

PI_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-eks/pi:latest"
RBAC = "/apis/rbac.authorization.k8s.io/v1"


@pytest.fixture
def spark(emu):  # noqa: F811
    work = tempfile.mkdtemp(prefix="kubelet-")
    runner = SparkRunner(emu.cluster, f"https://127.0.0.1:{emu.port}", work, image_root=example_image_root(work))
    if not runner.available():
        pytest.skip("real Spark needs PyPI pyspark (requirements/sandbox.txt) and a JDK on PATH")
    emu.cluster.spark_runner = runner
    api = emu.client
    install(api, 2)
    # what the chart gives the operator: its account and the rights spark-submit needs
    api.post("/api/v1/namespaces/spark-operator/serviceaccounts", {"metadata": {"name": "spark-operator"}})
    api.post(f"{RBAC}/clusterroles", {"metadata": {"name": "spark-operator-controller"}, "rules": [
        {"apiGroups": [""], "resources": ["pods", "services", "configmaps", "persistentvolumeclaims"], "verbs": ["*"]}]})
    api.post(f"{RBAC}/clusterrolebindings", {
        "metadata": {"name": "spark-operator-controller"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "spark-operator-controller"},
        "subjects": [{"kind": "ServiceAccount", "name": "spark-operator", "namespace": "spark-operator"}]})
    api.patch("/apis/apps/v1/namespaces/spark-operator/deployments/spark-operator-controller",
              {"spec": {"template": {"spec": {"serviceAccountName": "spark-operator"}}}})
    time.sleep(0.5)
    yield emu
    emu.cluster.spark_runner = None
    shutil.rmtree(runner.work_root, ignore_errors=True)


def pi_app(name):
    return app(name, image=PI_IMAGE, mainApplicationFile="local:///opt/spark/work-dir/pi.py", arguments=["2"],
               sparkConf={"spark.ui.enabled": "false"},
               driver={"cores": 1, "memory": "512m", "serviceAccount": "spark"},
               executor={"cores": 1, "memory": "512m", "instances": 1})


def executor_creations(emu):
    out = []
    for ev in emu.cluster.store.events_after(0):
        if ev.type == "ADDED" and ev.rt.plural == "pods" and (ev.obj["metadata"].get("labels") or {}).get("spark-role") == "executor":
            out.append(ev.obj)
    return out


def test_spark_submit_of_the_pi_example_completes_with_the_estimate(spark):
    api = spark.client
    assert spark.cluster.spark_runner.can_run(pi_app("pi"))
    api.post(APPS, pi_app("pi"))
    states = states_of(spark, "pi", ("COMPLETED", "FAILED"), timeout=240)
    log = api.get("/api/v1/namespaces/spark/pods/pi-driver/log")[1]
    assert states[-1] == "COMPLETED", log[-3000:]
    assert "Pi is roughly 3.1" in log
    executors = executor_creations(spark)
    assert executors, "the driver created no executor pod"
    ex = executors[0]
    assert ex["metadata"]["ownerReferences"][0]["name"] == "pi-driver"  # Spark's own owner reference
    assert ex["metadata"]["managedFields"][0]["manager"] == "fabric8-kubernetes-client"
    # Executors exit after the driver; on a loaded machine their JVMs take a while to stop.
    wait_for(lambda: set(api.get(f"{APPS}/pi")[1]["status"]["executorState"].values()) == {"COMPLETED"},
             timeout=60)


def test_without_the_role_the_driver_fails_on_sparks_own_forbidden_error(spark):
    api = spark.client
    api.delete(f"{RBAC}/namespaces/spark/roles/spark-role")
    api.post(APPS, pi_app("norole"))
    states = states_of(spark, "norole", ("COMPLETED", "FAILED"), timeout=240)
    log = api.get("/api/v1/namespaces/spark/pods/norole-driver/log")[1]
    assert states[-1] == "FAILED", log[-3000:]
    assert 'is forbidden: User "system:serviceaccount:spark:spark" cannot get resource "pods" in API group "" in the namespace "spark"' in log
    assert executor_creations(spark) == []


def test_the_weather_job_takes_the_scripted_path_and_pi_the_real_one(tmp_path):
    runner = SparkRunner(None, "https://127.0.0.1:6443", tmp_path, image_root=example_image_root(tmp_path))
    if not runner.available():
        pytest.skip("real Spark needs PyPI pyspark (requirements/spark.txt) and a JDK on PATH")
    assert runner.can_run(pi_app("pi"))
    with_s3a_settings = pi_app("pi")
    with_s3a_settings["spec"]["sparkConf"] = {"spark.hadoop.fs.s3a.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem"}
    assert runner.can_run(with_s3a_settings)  # settings every stack job carries, but no s3a:// path
    weather = app("weather", image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-eks/weather:latest",
                  mainApplicationFile="local:///opt/spark/work-dir/weather.py",
                  arguments=["s3a://bucket/raw/weather/", "s3a://bucket/results/weather-monthly/"])
    assert not runner.can_run(weather)  # S3A: hadoop-aws is not in PyPI's pyspark
    assert not runner.can_run(app("elsewhere", image=PI_IMAGE, mainApplicationFile="local:///opt/spark/work-dir/missing.py"))
