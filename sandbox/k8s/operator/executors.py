"""What happens on the driver's side of an application: the operator's UI Service, the
executor states it reports, and, on the scripted path, the executors a driver asks for
(meeting RBAC as Spark's own request would) and deletes when it stops."""

from .. import errors
from ..controllers.kubelet import terminate_pod
from . import submit

POD = ("", "pods")


def ui_service(cluster, app, driver):
    """The operator's `<app>-ui-svc` (enable-ui-service), made once the driver exists."""
    ns, name = app["metadata"]["namespace"], f"{app['metadata']['name']}-ui-svc"
    svc = cluster.store.get(cluster.rt("", "services"), ns, name)
    if svc is None:
        from ..controllers.owned import owner_ref

        sel = {"spark-app-selector": (driver["metadata"].get("labels") or {}).get("spark-app-selector", ""), "spark-role": "driver"}
        try:
            svc = cluster.api.create_object(cluster.rt("", "services"), {
                "metadata": {"name": name, "namespace": ns, "labels": {submit.L_APP: app["metadata"]["name"]},
                             "ownerReferences": [owner_ref(app, app["apiVersion"], app["kind"])]},
                "spec": {"selector": sel, "ports": [{"name": "spark-driver-ui-port", "port": 4040, "targetPort": 4040}]}},
                "spark-operator")
        except errors.APIError:
            return None
    return (svc.get("spec") or {}).get("clusterIP")


def executor_states(cluster, app, app_state):
    pods, _ = cluster.store.list(cluster.rt(*POD), app["metadata"]["namespace"],
                                 lambda p: (p["metadata"].get("labels") or {}).get(submit.L_APP) == app["metadata"]["name"]
                                 and (p["metadata"].get("labels") or {}).get("spark-role") == "executor")
    names = {"Pending": "PENDING", "Running": "RUNNING", "Succeeded": "COMPLETED", "Failed": "FAILED"}
    out = dict((app.get("status") or {}).get("executorState") or {})
    seen = set()
    for p in pods:
        out[p["metadata"]["name"]] = names.get((p.get("status") or {}).get("phase"), "UNKNOWN")
        seen.add(p["metadata"]["name"])
    for name in set(out) - seen:
        # a missing executor: unknown while the driver runs, then as the operator assumes
        if out[name] not in ("COMPLETED", "FAILED"):
            if app_state in ("SUBMITTED", "RUNNING"):
                out[name] = "UNKNOWN"
            else:
                out[name] = "COMPLETED" if app_state == "COMPLETED" else "FAILED"
    return out


def scripted_executors(cluster, app, driver):
    ns = driver["metadata"]["namespace"]
    sa = driver["spec"].get("serviceAccountName") or "default"
    user = {"username": f"system:serviceaccount:{ns}:{sa}",
            "groups": ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"]}
    attrs = {"verb": "create", "group": "", "resource": "pods", "namespace": ns}
    if not cluster.rbac.allowed(user, attrs):
        msg = (f"io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: POST at: "
               f"https://kubernetes.default.svc/api/v1/namespaces/{ns}/pods. Message: Forbidden! User "
               f"system:serviceaccount:{ns}:{sa} doesn't have permission. pods is forbidden: User "
               f"\"system:serviceaccount:{ns}:{sa}\" cannot create resource \"pods\" in API group \"\" in the namespace \"{ns}\".")
        cluster.container_output(ns, driver["metadata"]["name"], "spark-kubernetes-driver", msg)
        terminate_pod(cluster, ns, driver["metadata"]["name"], 1)
        return
    for pod in submit.scripted_executors(cluster, app, driver):
        try:
            cluster.api.create_object(cluster.rt(*POD), pod, "spark-driver")
        except errors.APIError as e:
            cluster.container_output(ns, driver["metadata"]["name"], "spark-kubernetes-driver", e.message)


def end_executors(cluster, driver):
    """Spark's driver deletes its executors when it stops (scripted drivers here)."""
    if not (driver["metadata"].get("annotations") or {}).get(submit.SCRIPTED):
        return
    selector = driver["metadata"]["labels"].get("spark-app-selector")
    pods, _ = cluster.store.list(cluster.rt(*POD), driver["metadata"]["namespace"],
                                 lambda p: (p["metadata"].get("labels") or {}).get("spark-app-selector") == selector
                                 and (p["metadata"].get("labels") or {}).get("spark-role") == "executor")
    for p in pods:
        cluster.store.delete_pod(cluster.rt(*POD), p["metadata"]["namespace"], p["metadata"]["name"])
