"""The controllers: garbage collection, namespaces, Fargate scheduling, Deployments, Jobs,
Endpoints and admission (IRSA), against an in-process emulator with a fixed Fargate profile."""

import time

import pytest

from .test_semantics import CM, cm, wait_for


def test_owner_deletion_collects_dependents(api):
    _, owner = api.post(CM, cm("owner"))
    ref = {"apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": owner["metadata"]["uid"]}
    api.post(CM, {**cm("child"), "metadata": {"name": "child", "ownerReferences": [ref]}})
    api.post(CM, {**cm("orphan"), "metadata": {"name": "orphan", "ownerReferences": [ref]}})
    api.delete(f"{CM}/owner")
    wait_for(lambda: api.get(f"{CM}/child")[0] == 404)
    assert api.get(f"{CM}/orphan")[0] == 404


def test_orphan_propagation_keeps_dependents(api):
    _, owner = api.post(CM, cm("owner2"))
    ref = {"apiVersion": "v1", "kind": "ConfigMap", "name": "owner2", "uid": owner["metadata"]["uid"]}
    api.post(CM, {**cm("kept"), "metadata": {"name": "kept", "ownerReferences": [ref]}})
    api.request("DELETE", f"{CM}/owner2", {"propagationPolicy": "Orphan"})
    time.sleep(0.3)
    s, kept = api.get(f"{CM}/kept")
    assert s == 200 and "ownerReferences" not in kept["metadata"]


def test_namespace_deletion_terminates_then_removes_contents(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "doomed"}})
    api.post("/api/v1/namespaces/doomed/configmaps", cm("x"))
    s, ns = api.delete("/api/v1/namespaces/doomed")
    assert s == 200 and ns["status"]["phase"] == "Terminating"
    s, st = api.post("/api/v1/namespaces/doomed/configmaps", cm("late"))
    assert s == 403 and "because it is being terminated" in st["message"]
    wait_for(lambda: api.get("/api/v1/namespaces/doomed")[0] == 404)
    assert api.get("/api/v1/namespaces/doomed/configmaps/x")[0] == 404


def pod_obj(name, labels=None, annotations=None, cpu=None, mem=None):
    c = {"name": "main", "image": "busybox"}
    if cpu or mem:
        c["resources"] = {"requests": {k: v for k, v in (("cpu", cpu), ("memory", mem)) if v}}
    return {"metadata": {"name": name, **({"labels": labels} if labels else {}), **({"annotations": annotations} if annotations else {})},
            "spec": {"containers": [c]}}


def test_pods_selected_by_a_fargate_profile_run_on_fargate_nodes(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    api.post("/api/v1/namespaces/spark/pods", pod_obj("driver", cpu="1", mem="2Gi"))
    pod = wait_for(lambda: (lambda p: p if p["status"].get("phase") == "Running" else None)(
        api.get("/api/v1/namespaces/spark/pods/driver")[1]))
    assert pod["spec"]["schedulerName"] == "fargate-scheduler"
    assert pod["spec"]["nodeName"].startswith("fargate-ip-")
    assert pod["metadata"]["annotations"]["CapacityProvisioned"] == "1vCPU 3GB"
    assert pod["metadata"]["labels"]["eks.amazonaws.com/fargate-profile"] == "spark"
    s, node = api.get(f"/api/v1/nodes/{pod['spec']['nodeName']}")
    assert s == 200 and node["metadata"]["labels"]["eks.amazonaws.com/compute-type"] == "fargate"


def test_pods_no_profile_selects_stay_pending_with_the_scheduler_event(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "labelled"}})
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("nolabel"))
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("ec2", labels={"compute": "fargate"},
                                                          annotations={"eks.amazonaws.com/compute-type": "ec2"}))
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("yes", labels={"compute": "fargate"}))
    wait_for(lambda: api.get("/api/v1/namespaces/labelled/pods/yes")[1]["status"].get("phase") == "Running")
    for name in ("nolabel", "ec2"):
        evs = wait_for(lambda: api.get(f"/api/v1/namespaces/labelled/events?fieldSelector=involvedObject.name%3D{name}")[1]["items"])
        assert evs[0]["reason"] == "FailedScheduling" and evs[0]["type"] == "Warning"
        assert "1 node(s) had untolerated taint {eks.amazonaws.com/compute-type: fargate}" in evs[0]["message"] \
            or evs[0]["message"] == "no nodes available to schedule pods"
        p = api.get(f"/api/v1/namespaces/labelled/pods/{name}")[1]
        assert p["status"]["phase"] == "Pending" and not p["spec"].get("nodeName")


def test_coredns_stays_pending_on_a_fargate_only_cluster(api):
    d = wait_for(lambda: (lambda d: d if d.get("status", {}).get("replicas") == 2 else None)(
        api.get("/apis/apps/v1/namespaces/kube-system/deployments/coredns")[1]))
    assert d["status"].get("readyReplicas", 0) == 0
    pods = api.get("/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns")[1]["items"]
    assert len(pods) == 2 and all(p["status"]["phase"] == "Pending" for p in pods)


@pytest.mark.parametrize("cpu,mem,expected", [
    (None, None, "0.25vCPU 0.5GB"),
    ("250m", "256Mi", "0.25vCPU 0.5GB"),
    ("250m", "300Mi", "0.25vCPU 1GB"),
    ("500m", "1Gi", "0.5vCPU 2GB"),
    ("2", "15Gi", "2vCPU 16GB"),
    ("4", "30Gi", "8vCPU 32GB"),
    ("16", "100Gi", "16vCPU 104GB"),
])
def test_fargate_capacity(cpu, mem, expected):
    from sandbox.k8s.fargate import capacity_annotation

    assert capacity_annotation(pod_obj("x", cpu=cpu, mem=mem)["spec"]) == expected


def test_deployment_rolls_out_and_scales(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    dep = {"metadata": {"name": "web"}, "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                                                   "template": {"metadata": {"labels": {"app": "web"}},
                                                                "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
    api.post("/apis/apps/v1/namespaces/spark/deployments", dep)
    path = "/apis/apps/v1/namespaces/spark/deployments/web"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 2)
    s, sc = api.patch(path + "/scale", {"spec": {"replicas": 3}})
    assert s == 200 and sc["kind"] == "Scale" and sc["spec"]["replicas"] == 3
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 3)
    d = api.get(path)[1]
    assert d["status"]["observedGeneration"] == d["metadata"]["generation"]
    assert {c["type"]: c["reason"] for c in d["status"]["conditions"]}["Progressing"] == "NewReplicaSetAvailable"


def test_job_starts_its_pods_and_completes_when_they_succeed(api, emu):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    # a server image (it runs until stopped), so the test ends its pod itself
    job = {"metadata": {"name": "once"}, "spec": {"template": {"spec": {"containers": [
        {"name": "c", "image": "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.8-3.1.1"}]}}}}
    s, st = api.post("/apis/batch/v1/namespaces/spark/jobs", job)
    assert s == 422 and st["message"] == ('Job.batch "once" is invalid: spec.template.spec.restartPolicy: '
                                          'Required value: valid values: "OnFailure", "Never"')
    job["spec"]["template"]["spec"]["restartPolicy"] = "Never"
    s, j = api.post("/apis/batch/v1/namespaces/spark/jobs", job)
    assert s == 201 and j["spec"]["backoffLimit"] == 6
    path = "/apis/batch/v1/namespaces/spark/jobs/once"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("ready") == 1)
    pod = api.get("/api/v1/namespaces/spark/pods?labelSelector=job-name%3Donce")[1]["items"][0]
    from sandbox.k8s.controllers.kubelet import terminate_pod

    done = terminate_pod(emu.cluster, "spark", pod["metadata"]["name"], 0)
    assert done["status"]["containerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    j = wait_for(lambda: (lambda j: j if j.get("status", {}).get("succeeded") == 1 else None)(api.get(path)[1]))
    assert [c["type"] for c in j["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]


def test_irsa_service_accounts_inject_the_web_identity_token(api):
    role = "arn:aws:iam::123456789012:role/spark-s3"
    api.post("/api/v1/namespaces/default/serviceaccounts",
             {"metadata": {"name": "spark", "annotations": {"eks.amazonaws.com/role-arn": role}}})
    s, p = api.post("/api/v1/namespaces/default/pods",
                    {"metadata": {"name": "irsa"}, "spec": {"serviceAccountName": "spark", "containers": [{"name": "c", "image": "x"}]}})
    env = {e["name"]: e["value"] for e in p["spec"]["containers"][0]["env"]}
    assert env["AWS_ROLE_ARN"] == role
    assert env["AWS_WEB_IDENTITY_TOKEN_FILE"] == "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
    vol = [v for v in p["spec"]["volumes"] if v["name"] == "aws-iam-token"][0]
    assert vol["projected"]["sources"][0]["serviceAccountToken"]["audience"] == "sts.amazonaws.com"
    s, plain = api.post("/api/v1/namespaces/default/pods", {"metadata": {"name": "plain"}, "spec": {"containers": [{"name": "c", "image": "x"}]}})
    assert "env" not in plain["spec"]["containers"][0]


def test_rollout_that_cannot_schedule_exceeds_its_progress_deadline(api):
    dep = {"metadata": {"name": "stuck"}, "spec": {"replicas": 1, "progressDeadlineSeconds": 1, "selector": {"matchLabels": {"app": "s"}},
                                                     "template": {"metadata": {"labels": {"app": "s"}},
                                                                  "spec": {"containers": [{"name": "c", "image": "x"}]}}}}
    api.post("/apis/apps/v1/namespaces/default/deployments", dep)
    cond = wait_for(lambda: next((c for c in api.get("/apis/apps/v1/namespaces/default/deployments/stuck")[1]
                                  .get("status", {}).get("conditions", []) if c["type"] == "Progressing" and c["status"] == "False"), None))
    assert cond["reason"] == "ProgressDeadlineExceeded" and cond["message"].endswith("has timed out progressing.")


def test_services_list_their_ready_pods_as_endpoints(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    api.post("/api/v1/namespaces/spark/services", {"metadata": {"name": "driver-svc"},
                                                   "spec": {"selector": {"role": "driver"}, "clusterIP": "None",
                                                            "ports": [{"name": "rpc", "port": 7078}]}})
    api.post("/api/v1/namespaces/spark/pods", pod_obj("drv", labels={"role": "driver"}))
    ep = wait_for(lambda: (lambda e: e if (e.get("subsets") or [{}])[0].get("addresses") else None)(
        api.get("/api/v1/namespaces/spark/endpoints/driver-svc")[1]))
    pod = api.get("/api/v1/namespaces/spark/pods/drv")[1]
    assert ep["subsets"][0]["addresses"][0]["ip"] == pod["status"]["podIP"]
    assert ep["subsets"][0]["ports"] == [{"name": "rpc", "port": 7078, "protocol": "TCP"}]


def test_foreground_deletion_waits_for_dependents(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    dep = {"metadata": {"name": "fg"}, "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "fg"}},
                                                  "template": {"metadata": {"labels": {"app": "fg"}},
                                                               "spec": {"containers": [{"name": "c", "image": "x"}]}}}}
    api.post("/apis/apps/v1/namespaces/spark/deployments", dep)
    path = "/apis/apps/v1/namespaces/spark/deployments/fg"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 2)
    s, o = api.request("DELETE", path, {"propagationPolicy": "Foreground"})
    assert s == 200 and o["metadata"]["deletionTimestamp"] and "foregroundDeletion" in o["metadata"]["finalizers"]
    wait_for(lambda: api.get(path)[0] == 404)
    assert api.get("/api/v1/namespaces/spark/pods?labelSelector=app%3Dfg")[1]["items"] == []
    assert api.get("/apis/apps/v1/namespaces/spark/replicasets")[1]["items"] == []


def test_running_pods_terminate_gracefully_and_release_their_fargate_node(api, emu):
    emu.aws.latency_override = {"profile": "fast", "factor": 1}
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    api.post("/api/v1/namespaces/spark/pods", pod_obj("grace"))
    pod = wait_for(lambda: (lambda p: p if p["status"].get("phase") == "Running" else None)(
        api.get("/api/v1/namespaces/spark/pods/grace")[1]))
    node = pod["spec"]["nodeName"]
    s, deleting = api.delete("/api/v1/namespaces/spark/pods/grace")
    assert s == 200 and deleting["metadata"]["deletionGracePeriodSeconds"] == 30
    s, still = api.get("/api/v1/namespaces/spark/pods/grace")
    assert s == 200 and still["metadata"]["deletionTimestamp"]
    wait_for(lambda: api.get("/api/v1/namespaces/spark/pods/grace")[0] == 404)
    wait_for(lambda: api.get(f"/api/v1/nodes/{node}")[0] == 404)
    api.post("/api/v1/namespaces/spark/pods", pod_obj("forced"))
    wait_for(lambda: api.get("/api/v1/namespaces/spark/pods/forced")[1]["status"].get("phase") == "Running")
    s, _ = api.delete("/api/v1/namespaces/spark/pods/forced?gracePeriodSeconds=0")
    assert api.get("/api/v1/namespaces/spark/pods/forced")[0] == 404
