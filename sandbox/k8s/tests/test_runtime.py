"""Containers that run and exit (Jobs, restart policies, back-off, image pulls) and admission
webhooks, against an in-process emulator with a fixed Fargate profile."""

import http.server
import threading
import time

import pytest

from sandbox.k8s import images

from .test_semantics import wait_for

NS = "/api/v1/namespaces/spark"
JOBS = "/apis/batch/v1/namespaces/spark/jobs"


@pytest.fixture
def spark_ns(api, emu):
    # no start-up delay, one cluster second = 20 ms
    emu.aws.latency_override = {"profile": "fast", "factor": 1, "delays": {"pod_pending": 0, "pod_creating": 0}}
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    return api


def job(name, image="busybox", annotations=None, backoff=None):
    tmpl = {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": image}]}}
    if annotations:
        tmpl["metadata"] = {"annotations": annotations}
    spec = {"template": tmpl}
    if backoff is not None:
        spec["backoffLimit"] = backoff
    return {"metadata": {"name": name}, "spec": spec}


def pods_of(api, job_name):
    return api.get(f"{NS}/pods?labelSelector=job-name%3D{job_name}")[1]["items"]


def test_a_job_whose_container_exits_0_completes(spark_ns):
    api = spark_ns
    assert api.post(JOBS, job("ok"))[0] == 201
    j = wait_for(lambda: (lambda j: j if j.get("status", {}).get("succeeded") == 1 else None)(api.get(f"{JOBS}/ok")[1]))
    assert [c["type"] for c in j["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]
    pod = pods_of(api, "ok")[0]
    assert pod["status"]["phase"] == "Succeeded"
    term = pod["status"]["containerStatuses"][0]["state"]["terminated"]
    assert term["exitCode"] == 0 and term["reason"] == "Completed"
    assert pod["status"]["podIP"].startswith("127.")
    assert api.get(f"{NS}/pods/{pod['metadata']['name']}/log")[1] == "done\n"


def test_a_job_whose_pods_fail_retries_with_growing_back_off_then_fails(spark_ns):
    api = spark_ns
    api.post(JOBS, job("bad", annotations={"sandbox.eks-spark.io/outcome": "fail"}, backoff=2))
    seen = {}
    deadline = time.monotonic() + 20
    j = None
    while time.monotonic() < deadline:
        for p in pods_of(api, "bad"):
            seen.setdefault(p["metadata"]["name"], time.monotonic())
        j = api.get(f"{JOBS}/bad")[1]
        if any(c["type"] == "Failed" for c in j.get("status", {}).get("conditions", [])):
            break
        time.sleep(0.01)
    failed = next(c for c in j["status"]["conditions"] if c["type"] == "Failed")
    assert failed["reason"] == "BackoffLimitExceeded" and failed["message"] == "Job has reached the specified backoff limit"
    assert j["status"]["failed"] == 3 and len(seen) == 3
    starts = sorted(seen.values())
    # 10 s then 20 s of cluster time between retries (0.2 s, 0.4 s here)
    assert starts[1] - starts[0] >= 0.15 and starts[2] - starts[1] >= 0.3
    for p in pods_of(api, "bad"):
        term = p["status"]["containerStatuses"][0]["state"]["terminated"]
        assert p["status"]["phase"] == "Failed" and term["exitCode"] == 1 and term["reason"] == "Error"
    evs = api.get(f"{NS}/events?fieldSelector=involvedObject.name%3Dbad")[1]["items"]
    assert any(e["reason"] == "BackoffLimitExceeded" and e["type"] == "Warning" for e in evs)


def test_on_failure_restarts_the_container_with_crash_loop_back_off(spark_ns):
    api = spark_ns
    pod = {"metadata": {"name": "crashy", "annotations": {"sandbox.eks-spark.io/outcome": "fail"}},
           "spec": {"restartPolicy": "OnFailure", "containers": [{"name": "c", "image": "busybox"}]}}
    api.post(f"{NS}/pods", pod)
    p = wait_for(lambda: (lambda p: p if p["status"].get("containerStatuses", [{}])[0].get("restartCount", 0) >= 2 else None)(
        api.get(f"{NS}/pods/crashy")[1]), timeout=10)
    cs = p["status"]["containerStatuses"][0]
    assert cs["lastState"]["terminated"]["exitCode"] == 1
    assert p["status"]["phase"] in ("Running", "Pending")
    waits = wait_for(lambda: (lambda s: s if "waiting" in s["state"] else None)(
        api.get(f"{NS}/pods/crashy")[1]["status"]["containerStatuses"][0]), timeout=10)
    assert waits["state"]["waiting"]["reason"] == "CrashLoopBackOff"
    assert waits["state"]["waiting"]["message"].startswith("back-off ") and f"pod=crashy_spark({p['metadata']['uid']})" in \
        waits["state"]["waiting"]["message"]


def test_a_server_image_keeps_running(spark_ns):
    api = spark_ns
    api.post(f"{NS}/pods", {"metadata": {"name": "op"}, "spec": {"containers": [
        {"name": "c", "image": "ghcr.io/kubeflow/spark-operator/controller:2.4.0"}]}})
    wait_for(lambda: api.get(f"{NS}/pods/op")[1]["status"].get("phase") == "Running")
    time.sleep(0.3)
    assert "running" in api.get(f"{NS}/pods/op")[1]["status"]["containerStatuses"][0]["state"]


class _Registry(http.server.BaseHTTPRequestHandler):
    present = {"/v2/pi/manifests/v1"}

    def do_HEAD(self):
        self.send_response(200 if self.path in self.present else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *a):
        pass


@pytest.fixture
def registry(emu):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Registry)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    emu.cluster.registry_url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield f"127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_an_image_not_in_the_registry_fails_to_pull_then_backs_off(spark_ns, registry):
    api = spark_ns
    image = f"{registry}/pi:missing"
    api.post(f"{NS}/pods", {"metadata": {"name": "nopull"}, "spec": {"containers": [{"name": "c", "image": image}]}})
    api.post(f"{NS}/pods", {"metadata": {"name": "pulls"}, "spec": {"containers": [{"name": "c", "image": f"{registry}/pi:v1"}]}})
    api.post(f"{NS}/pods", {"metadata": {"name": "public"}, "spec": {"containers": [{"name": "c", "image": "apache/spark:3.5.3"}]}})
    ev = wait_for(lambda: next((e for e in api.get(f"{NS}/events?fieldSelector=involvedObject.name%3Dnopull")[1]["items"]
                                if e["reason"] == "Failed" and e["message"].startswith("Failed to pull")), None))
    assert ev["message"] == (f'Failed to pull image "{image}": rpc error: code = NotFound desc = failed to pull and unpack image '
                             f'"{image}": failed to resolve reference "{image}": {image}: not found')
    reasons = {e["message"] for e in api.get(f"{NS}/events?fieldSelector=involvedObject.name%3Dnopull")[1]["items"]}
    assert {"Error: ErrImagePull", "Error: ImagePullBackOff", f'Back-off pulling image "{image}"'} <= reasons
    p = api.get(f"{NS}/pods/nopull")[1]
    waiting = p["status"]["containerStatuses"][0]["state"]["waiting"]
    assert p["status"]["phase"] == "Pending"
    assert (waiting["reason"], waiting["message"]) in (("ImagePullBackOff", f'Back-off pulling image "{image}"'),
                                                        ("ErrImagePull", ev["message"].split(": ", 1)[1]))
    wait_for(lambda: api.get(f"{NS}/pods/pulls")[1]["status"].get("phase") == "Running")
    wait_for(lambda: api.get(f"{NS}/pods/public")[1]["status"].get("phase") == "Running")


WEBHOOK = {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "MutatingWebhookConfiguration",
           "metadata": {"name": "spark-operator-webhook"},
           "webhooks": [{"name": "mutate-pod.sparkoperator.k8s.io", "admissionReviewVersions": ["v1"], "sideEffects": "None",
                         "failurePolicy": "Fail", "timeoutSeconds": 10,
                         "clientConfig": {"service": {"name": "spark-operator-webhook-svc", "namespace": "spark",
                                                      "path": "/mutate--v1-pod", "port": 9443}},
                         "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}],
                         "objectSelector": {"matchLabels": {"sparkoperator.k8s.io/launched-by-spark-operator": "true"}}}]}
MWC = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations"


def test_a_fail_webhook_whose_service_has_no_endpoint_refuses_the_create(spark_ns):
    api = spark_ns
    api.post(f"{NS}/services", {"metadata": {"name": "spark-operator-webhook-svc"},
                                "spec": {"selector": {"app": "nobody"}, "ports": [{"port": 9443, "targetPort": 9443}]}})
    assert api.post(MWC, WEBHOOK)[0] == 201
    labels = {"sparkoperator.k8s.io/launched-by-spark-operator": "true"}
    s, st = api.post(f"{NS}/pods", {"metadata": {"name": "drv", "labels": labels},
                                    "spec": {"containers": [{"name": "c", "image": "apache/spark:3.5.3"}]}})
    assert s == 500 and st["reason"] == "InternalError"
    assert st["message"] == ('Internal error occurred: failed calling webhook "mutate-pod.sparkoperator.k8s.io": failed to call '
                             'webhook: Post "https://spark-operator-webhook-svc.spark.svc:9443/mutate--v1-pod?timeout=10s": '
                             'no endpoints available for service "spark-operator-webhook-svc"')
    assert api.get(f"{NS}/pods/drv")[0] == 404
    # the object selector does not pick pods without the label
    assert api.post(f"{NS}/pods", {"metadata": {"name": "other"}, "spec": {"containers": [{"name": "c", "image": "x"}]}})[0] == 201
    # Ignore lets the request through
    hook = {**WEBHOOK, "webhooks": [{**WEBHOOK["webhooks"][0], "failurePolicy": "Ignore"}]}
    cur = api.get(f"{MWC}/spark-operator-webhook")[1]
    hook["metadata"] = {"name": "spark-operator-webhook", "resourceVersion": cur["metadata"]["resourceVersion"]}
    assert api.put(f"{MWC}/spark-operator-webhook", hook)[0] == 200
    assert api.post(f"{NS}/pods", {"metadata": {"name": "drv", "labels": labels},
                                   "spec": {"containers": [{"name": "c", "image": "x"}]}})[0] == 201


def test_a_webhook_outside_its_namespace_selector_is_not_called(spark_ns):
    api = spark_ns
    hook = {**WEBHOOK, "webhooks": [{**WEBHOOK["webhooks"][0], "objectSelector": {},
                                     "namespaceSelector": {"matchLabels": {"spark-jobs": "true"}}}]}
    api.post(MWC, hook)
    assert api.post(f"{NS}/pods", {"metadata": {"name": "free"}, "spec": {"containers": [{"name": "c", "image": "x"}]}})[0] == 201
    api.patch("/api/v1/namespaces/spark", {"metadata": {"labels": {"spark-jobs": "true"}}})
    assert api.post(f"{NS}/pods", {"metadata": {"name": "caught"}, "spec": {"containers": [{"name": "c", "image": "x"}]}})[0] == 500


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_fargate_log_router_sends_container_output_to_cloudwatch_logs(spark_ns, emu):
    import boto3
    from moto.server import ThreadedMotoServer

    port = _free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    try:
        emu.aws.endpoint, emu.aws.access_key, emu.aws.secret_key = f"http://127.0.0.1:{port}", "testing", "testing"
        api = spark_ns
        api.post("/api/v1/namespaces", {"metadata": {"name": "aws-observability", "labels": {"aws-observability": "enabled"}}})
        conf = ("[OUTPUT]\n    Name cloudwatch_logs\n    Match   *\n    region eu-west-1\n    log_group_name fargate-jobs\n"
                "    log_stream_prefix from-fluent-bit-\n    auto_create_group true\n")
        api.post("/api/v1/namespaces/aws-observability/configmaps", {"metadata": {"name": "aws-logging"}, "data": {"output.conf": conf}})
        api.post(JOBS, job("logged"))
        wait_for(lambda: api.get(f"{JOBS}/logged")[1].get("status", {}).get("succeeded") == 1)
        pod = pods_of(api, "logged")[0]
        emu.cluster.observability.flush()
        logs = boto3.client("logs", endpoint_url=f"http://127.0.0.1:{port}", region_name="eu-west-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")
        streams = logs.describe_log_streams(logGroupName="fargate-jobs")["logStreams"]
        cid = pod["status"]["containerStatuses"][0]["containerID"].split("://")[1]
        name = f"from-fluent-bit-kube.var.log.containers.{pod['metadata']['name']}_spark_c-{cid}.log"
        assert [s["logStreamName"] for s in streams] == [name]
        events = logs.get_log_events(logGroupName="fargate-jobs", logStreamName=name)["events"]
        assert [e["message"] for e in events] == ["done"]
    finally:
        emu.aws.endpoint = None
        moto.stop()


def test_the_operator_image_run_as_a_jobs_command_does_its_task_and_exits():
    pod = {"metadata": {"name": "init", "labels": {}}, "spec": {"restartPolicy": "OnFailure"}}
    webhook_init = {"image": "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.8-3.1.1", "command": ["/usr/bin/gencerts.sh"]}
    assert images.behaviour(pod, webhook_init).kind == "task"
    served = {"metadata": {"name": "op", "labels": {}}, "spec": {"restartPolicy": "Always"}}
    assert images.behaviour(served, {"image": "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.8-3.1.1",
                                     "args": ["-v=2"]}).kind == "serve"
