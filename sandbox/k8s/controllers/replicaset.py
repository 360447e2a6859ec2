"""ReplicaSets: create and delete pods to match the desired count; report readiness."""

import copy

from ..selectors import label_selector_from_match, match_labels
from ..validation import random_suffix
from .owned import OwnerController, owned_by, owner_ref, pod_ready

RS = ("apps", "replicasets")
POD = ("", "pods")


class ReplicaSetController(OwnerController):
    name = "replicaset"
    watches = (RS, POD)
    owner_kind = "ReplicaSet"

    def reconcile(self, ns, name):
        c = self.cluster
        store = c.store
        rs_rt, pod_rt = c.rt(*RS), c.rt(*POD)
        rs = store.get(rs_rt, ns, name)
        if rs is None or rs["metadata"].get("deletionTimestamp"):
            return
        sel = label_selector_from_match(rs["spec"].get("selector") or {}) or []
        pods, _ = store.list(pod_rt, ns, lambda p: owned_by(p, rs) and match_labels(sel, p["metadata"].get("labels")))
        pods = [p for p in pods if not p["metadata"].get("deletionTimestamp")]
        desired = rs["spec"].get("replicas", 1)
        if len(pods) < desired:
            for _ in range(desired - len(pods)):
                tmpl = copy.deepcopy(rs["spec"].get("template") or {})
                md = tmpl.get("metadata") or {}
                pod = {"metadata": {"name": f"{name}-{random_suffix()}", "namespace": ns,
                                    "labels": dict(md.get("labels") or {}), "annotations": dict(md.get("annotations") or {}),
                                    "ownerReferences": [owner_ref(rs, "apps/v1", "ReplicaSet")]},
                       "spec": tmpl.get("spec") or {}}
                if not pod["metadata"]["annotations"]:
                    del pod["metadata"]["annotations"]
                created = c.api.create_object(pod_rt, pod, "kube-controller-manager")
                pods.append(created)
                c.record_event(rs, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}",
                               "replicaset-controller")
        elif len(pods) > desired:
            # not-ready pods go first, then the newest
            victims = sorted(pods, key=lambda p: (pod_ready(p), p["metadata"].get("creationTimestamp", "")), reverse=False)
            victims = sorted(victims, key=lambda p: (pod_ready(p), -_rv(p)))[: len(pods) - desired]
            for p in victims:
                store.delete_pod(pod_rt, ns, p["metadata"]["name"])
                c.record_event(rs, "Normal", "SuccessfulDelete", f"Deleted pod: {p['metadata']['name']}", "replicaset-controller")
            uids = {p["metadata"]["uid"] for p in victims}
            pods = [p for p in pods if p["metadata"]["uid"] not in uids]
        ready = sum(1 for p in pods if pod_ready(p))
        status = {"replicas": len(pods), "fullyLabeledReplicas": len(pods), "readyReplicas": ready,
                  "availableReplicas": ready, "observedGeneration": rs["metadata"].get("generation", 1)}
        status = {k: v for k, v in status.items() if v or k in ("replicas", "observedGeneration")}
        with store.lock:
            cur = store.get(rs_rt, ns, name)
            if cur is not None and cur.get("status") != status:
                cur["status"] = status
                cur["metadata"].pop("resourceVersion", None)
                store.update(rs_rt, cur)


def _rv(p):
    try:
        return int(p["metadata"].get("resourceVersion", "0"))
    except ValueError:
        return 0
