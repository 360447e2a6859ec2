"""The Spark Operator stand-in (scripted Spark): it acts only when installed, moves
applications through each generation's states, fails them with the operator's texts,
retries, and runs schedules. The CRDs come from the chart repository's own charts."""

import io
import tarfile
import time

import pytest
import yaml

from sandbox.cli import charts_dir

from .conftest import Emulator
from .test_semantics import wait_for

APPS = "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/sparkapplications"
SCHED = "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/scheduledsparkapplications"
CHARTS = {1: "spark-operator-1.1.6.tgz", 2: "spark-operator-2.4.0.tgz"}


def chart_crds(generation):
    path = charts_dir() / CHARTS[generation]
    if not path.exists():
        pytest.skip(f"the chart {path} is not on this machine (SANDBOX_CHARTS_DIR)")
    out = []
    with tarfile.open(path) as tf:
        for m in tf.getmembers():
            if "/crds/" in m.name and m.name.endswith(".yaml"):
                out += [d for d in yaml.safe_load_all(io.TextIOWrapper(tf.extractfile(m))) if d]
    return out


@pytest.fixture
def emu():
    e = Emulator(profiles=[{"fargateProfileName": "p", "status": "ACTIVE",
                            "selectors": [{"namespace": "spark"}, {"namespace": "spark-operator"}]}])
    e.aws.latency_override = {"profile": "fast", "factor": 1, "delays": {"pod_pending": 0, "pod_creating": 0}}
    api = e.client
    for ns in ("spark", "spark-operator", "elsewhere"):
        api.post("/api/v1/namespaces", {"metadata": {"name": ns}})
    api.post("/api/v1/namespaces/spark/serviceaccounts", {"metadata": {"name": "spark"}})
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/spark/roles", {
        "metadata": {"name": "spark-role"},
        "rules": [{"apiGroups": [""], "resources": ["pods", "services", "configmaps"], "verbs": ["*"]}]})
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/spark/rolebindings", {
        "metadata": {"name": "spark"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "spark-role"},
        "subjects": [{"kind": "ServiceAccount", "name": "spark", "namespace": "spark"}]})
    yield e
    e.close()


def install(api, generation, webhook=False):
    for crd in chart_crds(generation):
        assert api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)[0] == 201
    for crd in chart_crds(generation):
        wait_for(lambda: any(c["type"] == "Established" and c["status"] == "True" for c in
                             api.get(f"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{crd['metadata']['name']}")[1]
                             .get("status", {}).get("conditions", [])))
    chart = CHARTS[generation].removesuffix(".tgz")
    image = "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.8-3.1.1" if generation == 1 else "ghcr.io/kubeflow/spark-operator/controller:2.4.0"
    name = "spark-operator" if generation == 1 else "spark-operator-controller"
    deployment(api, name, chart, "controller", image)
    if webhook:
        deployment(api, "spark-operator-webhook", chart, "webhook", image)
        api.post("/api/v1/namespaces/spark-operator/services", {"metadata": {"name": "spark-operator-webhook-svc"}, "spec": {
            "selector": {"app.kubernetes.io/name": "spark-operator", "app.kubernetes.io/component": "webhook"},
            "ports": [{"port": 9443, "targetPort": 9443}]}})
    wait_for(lambda: api.get(f"/apis/apps/v1/namespaces/spark-operator/deployments/{name}")[1]
             .get("status", {}).get("availableReplicas") == 1)


def deployment(api, name, chart, component, image):
    labels = {"app.kubernetes.io/name": "spark-operator", "app.kubernetes.io/instance": "spark-operator",
              "app.kubernetes.io/component": component}
    api.post("/apis/apps/v1/namespaces/spark-operator/deployments", {
        "metadata": {"name": name, "labels": {**labels, "helm.sh/chart": chart}},
        "spec": {"replicas": 1, "selector": {"matchLabels": labels},
                 "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "op", "image": image}]}}}})


def app(name, **spec):
    base = {"type": "Python", "mode": "cluster", "image": "apache/spark:3.5.3", "sparkVersion": "3.5.3",
            "mainApplicationFile": "local:///opt/spark/examples/src/main/python/pi.py", "restartPolicy": {"type": "Never"},
            "driver": {"cores": 1, "memory": "512m", "serviceAccount": "spark"},
            "executor": {"cores": 1, "memory": "512m", "instances": 2}}
    base.update(spec)
    return {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication", "metadata": {"name": name}, "spec": base}


def states_of(emu, name, until, timeout=15):
    """Every applicationState.state the application went through, from the store's events."""
    store = emu.cluster.store
    rv, seen, end = 0, [], time.time() + timeout
    while time.time() < end:
        for ev in store.events_after(rv):
            rv = ev.rv
            if ev.rt.plural == "sparkapplications" and ev.obj["metadata"]["name"] == name:
                st = ((ev.obj.get("status") or {}).get("applicationState") or {}).get("state")
                if st and (not seen or seen[-1] != st):
                    seen.append(st)
        if seen and seen[-1] in until:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"states so far: {seen}")


def test_without_an_operator_an_application_stays_without_status(emu):
    api = emu.client
    for crd in chart_crds(2):
        api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    wait_for(lambda: api.get(APPS)[0] == 200)
    assert api.post(APPS, app("lonely"))[0] == 201
    time.sleep(1.0)
    a = api.get(f"{APPS}/lonely")[1]
    assert "status" not in a and api.get("/api/v1/namespaces/spark/pods")[1]["items"] == []
    # an operator whose Deployment cannot become available (no Fargate profile selects its namespace) does nothing either
    labels = {"app.kubernetes.io/name": "spark-operator"}
    api.post("/apis/apps/v1/namespaces/elsewhere/deployments", {
        "metadata": {"name": "spark-operator", "labels": {**labels, "helm.sh/chart": "spark-operator-2.4.0"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": labels},
                 "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "op", "image": "spark-operator"}]}}}})
    time.sleep(1.0)
    assert "status" not in api.get(f"{APPS}/lonely")[1]


@pytest.mark.parametrize("generation", [1, 2])
def test_a_successful_application_goes_through_the_operators_states(emu, generation):
    api = emu.client
    install(api, generation)
    assert api.post(APPS, app("pi"))[0] == 201
    assert states_of(emu, "pi", ("COMPLETED", "FAILED")) == ["SUBMITTED", "RUNNING", "SUCCEEDING", "COMPLETED"]
    st = api.get(f"{APPS}/pi")[1]["status"]
    assert st["driverInfo"]["podName"] == "pi-driver" and st["driverInfo"]["webUIServiceName"] == "pi-ui-svc"
    assert st["submissionAttempts"] == 1 and st["executionAttempts"] == 1
    assert st["sparkApplicationId"].startswith("spark-") and st["terminationTime"] and st["lastSubmissionAttemptTime"]
    # the driver deletes its executors as it stops; once they are gone the operator counts them completed
    st = wait_for(lambda: (lambda s: s if set(s["executorState"].values()) == {"COMPLETED"} else None)(api.get(f"{APPS}/pi")[1]["status"]))
    assert len(st["executorState"]) == 2
    driver = api.get("/api/v1/namespaces/spark/pods/pi-driver")[1]
    assert driver["metadata"]["labels"]["sparkoperator.k8s.io/app-name"] == "pi"
    assert driver["metadata"]["labels"]["sparkoperator.k8s.io/launched-by-spark-operator"] == "true"
    assert driver["metadata"]["labels"]["spark-role"] == "driver" and driver["status"]["phase"] == "Succeeded"


@pytest.mark.parametrize("generation", [1, 2])
def test_a_failing_driver_fails_the_application_with_the_operators_text(emu, generation):
    api = emu.client
    install(api, generation)
    failing = app("bad", driver={"cores": 1, "memory": "512m", "serviceAccount": "spark",
                                 "annotations": {"sandbox.eks-spark.io/outcome": "fail"}},
                  restartPolicy={"type": "OnFailure", "onFailureRetries": 1, "onFailureRetryInterval": 10})
    api.post(APPS, failing)
    assert states_of(emu, "bad", ("FAILED",), timeout=20) == ["SUBMITTED", "RUNNING", "FAILING", "PENDING_RERUN", "SUBMITTED",
                                                               "RUNNING", "FAILING", "FAILED"]
    st = api.get(f"{APPS}/bad")[1]["status"]
    assert st["applicationState"]["errorMessage"] == "driver container failed with ExitCode: 1, Reason: Error"
    assert st["executionAttempts"] == 2 and st["submissionAttempts"] == 2


def test_validation_1x_fails_the_application_and_2x_webhook_refuses_it(emu):
    api = emu.client
    install(api, 1)
    both = app("both", nodeSelector={"a": "b"}, driver={"cores": 1, "nodeSelector": {"c": "d"}})
    api.post(APPS, both)
    assert states_of(emu, "both", ("FAILED",)) == ["FAILED"]
    assert api.get(f"{APPS}/both")[1]["status"]["applicationState"]["errorMessage"] == \
        "NodeSelector property can be defined at SparkApplication or at any of Driver,Executor"


def test_the_2x_webhook_refuses_an_invalid_application(emu):
    api = emu.client
    install(api, 2, webhook=True)
    api.post("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", {
        "metadata": {"name": "spark-operator-webhook"},
        "webhooks": [{"name": "validate-sparkoperator-k8s-io-v1beta2-sparkapplication.sparkoperator.k8s.io",
                      "admissionReviewVersions": ["v1"], "sideEffects": "None", "failurePolicy": "Fail",
                      "clientConfig": {"service": {"name": "spark-operator-webhook-svc", "namespace": "spark-operator",
                                                   "path": "/validate-sparkoperator-k8s-io-v1beta2-sparkapplication", "port": 9443}},
                      "rules": [{"operations": ["CREATE", "UPDATE"], "apiGroups": ["sparkoperator.k8s.io"], "apiVersions": ["v1beta2"],
                                 "resources": ["sparkapplications"]}]}]})
    wait_for(lambda: api.get("/api/v1/namespaces/spark-operator/endpoints/spark-operator-webhook-svc")[1]
             .get("subsets", [{}])[0].get("addresses"))
    s, st = api.post(APPS, app("both", nodeSelector={"a": "b"}, driver={"cores": 1, "nodeSelector": {"c": "d"}}))
    assert s == 403 and st["message"] == (
        'admission webhook "validate-sparkoperator-k8s-io-v1beta2-sparkapplication.sparkoperator.k8s.io" denied the request: '
        "node selector cannot be defined at both SparkApplication and Driver/Executor")
    assert api.post(APPS, app("fine"))[0] == 201
    assert states_of(emu, "fine", ("COMPLETED",))[-1] == "COMPLETED"


def test_a_2x_pod_webhook_without_endpoints_fails_the_submission(emu):
    api = emu.client
    install(api, 2)
    api.post("/api/v1/namespaces/spark-operator/services", {"metadata": {"name": "spark-operator-webhook-svc"}, "spec": {
        "selector": {"app.kubernetes.io/component": "webhook"}, "ports": [{"port": 9443, "targetPort": 9443}]}})
    api.post("/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", {
        "metadata": {"name": "spark-operator-webhook"},
        "webhooks": [{"name": "mutate--v1-pod.sparkoperator.k8s.io", "admissionReviewVersions": ["v1"], "sideEffects": "None",
                      "failurePolicy": "Fail",
                      "clientConfig": {"service": {"name": "spark-operator-webhook-svc", "namespace": "spark-operator",
                                                   "path": "/mutate--v1-pod", "port": 9443}},
                      "objectSelector": {"matchLabels": {"sparkoperator.k8s.io/launched-by-spark-operator": "true"}},
                      "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}]}]})
    api.post(APPS, app("early"))
    assert states_of(emu, "early", ("FAILED",)) == ["SUBMISSION_FAILED", "FAILED"]
    msg = api.get(f"{APPS}/early")[1]["status"]["applicationState"]["errorMessage"]
    assert msg.startswith("failed to submit spark application: failed to run spark-submit: ")
    assert msg.endswith('failed calling webhook "mutate--v1-pod.sparkoperator.k8s.io": failed to call webhook: Post '
                        '"https://spark-operator-webhook-svc.spark-operator.svc:9443/mutate--v1-pod?timeout=10s": '
                        'no endpoints available for service "spark-operator-webhook-svc".')


def test_a_driver_without_rbac_for_pods_fails_the_way_spark_does(emu):
    api = emu.client
    install(api, 2)
    api.delete("/apis/rbac.authorization.k8s.io/v1/namespaces/spark/roles/spark-role")
    api.post(APPS, app("norole"))
    assert states_of(emu, "norole", ("FAILED",))[-1] == "FAILED"
    log = api.get("/api/v1/namespaces/spark/pods/norole-driver/log")[1]
    assert 'pods is forbidden: User "system:serviceaccount:spark:spark" cannot create resource "pods" in API group "" ' \
           'in the namespace "spark"' in log


def test_time_to_live_deletes_a_finished_application(emu):
    api = emu.client
    install(api, 2)
    api.post(APPS, app("short", timeToLiveSeconds=20))
    states_of(emu, "short", ("COMPLETED",))
    wait_for(lambda: api.get(f"{APPS}/short")[0] == 404, timeout=5)
    wait_for(lambda: api.get("/api/v1/namespaces/spark/pods/short-driver")[0] == 404, timeout=5)


def scheduled(name, ns_app, **spec):
    tmpl = app("x")["spec"]
    body = {"schedule": "* * * * *", "template": tmpl, **spec}
    return {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "ScheduledSparkApplication",
            "metadata": {"name": name}, "spec": body}


def test_a_schedule_fires_on_cron_time_with_forbid_and_history_limits(emu):
    api = emu.client
    install(api, 2)
    # a run that cannot finish: the driver's Fargate profile does not select it (no such profile for this label)
    stuck = scheduled("stuck", "spark", concurrencyPolicy="Forbid")
    stuck["spec"]["template"]["driver"]["annotations"] = {"eks.amazonaws.com/compute-type": "ec2"}
    api.post(SCHED, stuck)
    api.post(SCHED, scheduled("often", "spark", concurrencyPolicy="Allow", successfulRunHistoryLimit=2))
    wait_for(lambda: len(api.get(SCHED + "/often")[1].get("status", {}).get("pastSuccessfulRunNames", [])) == 2, timeout=15)
    time.sleep(2.5)  # two more activations of cluster time
    often = api.get(SCHED + "/often")[1]["status"]
    runs = [a for a in api.get(APPS)[1]["items"] if a["metadata"]["labels"].get("sparkoperator.k8s.io/scheduled-app-name") == "often"]
    done = [a for a in runs if a["status"]["applicationState"]["state"] == "COMPLETED"]
    assert len(done) == 2 and sorted(a["metadata"]["name"] for a in done) == sorted(often["pastSuccessfulRunNames"])
    assert often["scheduleState"] == "Scheduled" and often["lastRunName"].startswith("often-") and often["nextRun"] > often["lastRun"]
    stuck_runs = [a for a in api.get(APPS)[1]["items"] if a["metadata"]["labels"].get("sparkoperator.k8s.io/scheduled-app-name") == "stuck"]
    assert len(stuck_runs) == 1 and stuck_runs[0]["status"]["applicationState"]["state"] == "SUBMITTED"
    st = api.get(SCHED + "/stuck")[1]["status"]
    assert st["lastRunName"] == stuck_runs[0]["metadata"]["name"] and st["nextRun"] > st["lastRun"]


def test_a_bad_schedule_fails_validation(emu):
    api = emu.client
    install(api, 2)
    api.post(SCHED, scheduled("typo", "spark", schedule="61 * * * *"))
    st = wait_for(lambda: api.get(SCHED + "/typo")[1].get("status"))
    assert st["scheduleState"] == "FailedValidation" and "61" in st["reason"]
