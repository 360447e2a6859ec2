"""Deployments: one ReplicaSet per pod template, scaled to the desired count; rollout status."""

import copy

from ..selectors import label_selector_from_match, match_labels
from ..store import now_rfc3339
from ..validation import template_hash
from .base import Controller

DEP = ("apps", "deployments")
RS = ("apps", "replicasets")
REVISION = "deployment.kubernetes.io/revision"


def owner_ref(obj, api_version, kind):
    return {"apiVersion": api_version, "kind": kind, "name": obj["metadata"]["name"], "uid": obj["metadata"]["uid"],
            "controller": True, "blockOwnerDeletion": True}


def owned_by(o, owner):
    return any(r.get("uid") == owner["metadata"]["uid"] and r.get("controller") for r in o["metadata"].get("ownerReferences") or [])


class DeploymentController(Controller):
    name = "deployment"
    watches = (DEP, RS)

    def setup(self, cluster):
        super().setup(cluster)
        self._dirty = set()

    def resync(self):
        items, _ = self.cluster.store.list(self.cluster.rt(*DEP))
        self._dirty = {(d["metadata"]["namespace"], d["metadata"]["name"]) for d in items}

    def on_event(self, ev):
        md = ev.obj["metadata"]
        if ev.rt.key == DEP:
            if ev.type != "DELETED":
                self._dirty.add((md["namespace"], md["name"]))
        else:
            for r in md.get("ownerReferences") or []:
                if r.get("kind") == "Deployment" and r.get("controller"):
                    self._dirty.add((md["namespace"], r["name"]))

    def tick(self, now):
        dirty, self._dirty = self._dirty, set()
        for ns, name in sorted(dirty):
            self.reconcile(ns, name)

    def reconcile(self, ns, name):
        c = self.cluster
        store = c.store
        dep_rt, rs_rt = c.rt(*DEP), c.rt(*RS)
        dep = store.get(dep_rt, ns, name)
        if dep is None or dep["metadata"].get("deletionTimestamp"):
            return
        spec = dep.get("spec") or {}
        desired = spec.get("replicas", 1)
        template = copy.deepcopy(spec.get("template") or {})
        h = template_hash(template)
        sets, _ = store.list(rs_rt, ns, lambda o: owned_by(o, dep))
        new = next((s for s in sets if (s["metadata"].get("labels") or {}).get("pod-template-hash") == h), None)
        revisions = [int((s["metadata"].get("annotations") or {}).get(REVISION, "0") or 0) for s in sets]
        if new is None:
            rev = max(revisions, default=0) + 1
            template.setdefault("metadata", {}).setdefault("labels", {})["pod-template-hash"] = h
            selector = copy.deepcopy(spec.get("selector") or {})
            selector.setdefault("matchLabels", {})["pod-template-hash"] = h
            labels = dict((template.get("metadata") or {}).get("labels") or {})
            rs = {"metadata": {"name": f"{name}-{h}", "namespace": ns, "labels": labels,
                               "annotations": {REVISION: str(rev), "deployment.kubernetes.io/desired-replicas": str(desired),
                                               "deployment.kubernetes.io/max-replicas": str(desired + 1)},
                               "ownerReferences": [owner_ref(dep, "apps/v1", "Deployment")]},
                  "spec": {"replicas": desired, "selector": selector, "template": template}}
            new = c.api.create_object(rs_rt, rs, "kube-controller-manager")
            c.record_event(dep, "Normal", "ScalingReplicaSet", f"Scaled up replica set {new['metadata']['name']} to {desired}",
                           "deployment-controller")
            sets.append(new)
        elif new["spec"].get("replicas") != desired:
            old_n = new["spec"].get("replicas", 0)
            self._scale(new, desired)
            word = "up" if desired > old_n else "down"
            c.record_event(dep, "Normal", "ScalingReplicaSet",
                           f"Scaled {word} replica set {new['metadata']['name']} to {desired} from {old_n}", "deployment-controller")
        new_ready = (new.get("status") or {}).get("availableReplicas", 0) >= desired and new["spec"].get("replicas") == desired
        for s in sets:
            if s is new or s["metadata"]["uid"] == new["metadata"]["uid"]:
                continue
            if new_ready and s["spec"].get("replicas", 0) != 0:
                old_n = s["spec"].get("replicas", 0)
                self._scale(s, 0)
                c.record_event(dep, "Normal", "ScalingReplicaSet",
                               f"Scaled down replica set {s['metadata']['name']} to 0 from {old_n}", "deployment-controller")
        self._status(dep, sets, new, desired)

    def _scale(self, rs, n):
        store = self.cluster.store
        with store.lock:
            cur = store.get(self.cluster.rt(*RS), rs["metadata"]["namespace"], rs["metadata"]["name"])
            if cur is None:
                return
            cur["spec"]["replicas"] = n
            cur["metadata"].setdefault("annotations", {})["deployment.kubernetes.io/desired-replicas"] = str(n)
            cur["metadata"].pop("resourceVersion", None)
            store.update(self.cluster.rt(*RS), cur)

    def _status(self, dep, sets, new, desired):
        store = self.cluster.store
        live_sets, _ = store.list(self.cluster.rt(*RS), dep["metadata"]["namespace"], lambda o: owned_by(o, dep))
        new = next((s for s in live_sets if s["metadata"]["uid"] == new["metadata"]["uid"]), new)
        tot = lambda k: sum((s.get("status") or {}).get(k, 0) for s in live_sets)
        replicas, ready, available = tot("replicas"), tot("readyReplicas"), tot("availableReplicas")
        updated = (new.get("status") or {}).get("replicas", 0)
        complete = updated == desired and replicas == desired and available == desired
        with store.lock:
            cur = store.get(self.cluster.rt(*DEP), dep["metadata"]["namespace"], dep["metadata"]["name"])
            if cur is None:
                return
            old = copy.deepcopy(cur.get("status") or {})
            conds = {x["type"]: x for x in old.get("conditions") or []}
            now = now_rfc3339()

            def cond(t, st, reason, msg):
                prev = conds.get(t)
                ltt = prev["lastTransitionTime"] if prev and prev.get("status") == st else now
                lut = prev["lastUpdateTime"] if prev and prev.get("status") == st and prev.get("reason") == reason else now
                return {"type": t, "status": st, "lastUpdateTime": lut, "lastTransitionTime": ltt, "reason": reason, "message": msg}

            avail = available >= desired - max(0, desired // 4)
            rsname = new["metadata"]["name"]
            status = {"observedGeneration": cur["metadata"].get("generation", 1), "replicas": replicas,
                      "updatedReplicas": updated, "readyReplicas": ready, "availableReplicas": available,
                      "unavailableReplicas": max(0, replicas - available)}
            status = {k: v for k, v in status.items() if v or k == "observedGeneration"}
            status["conditions"] = [
                cond("Available", "True" if avail else "False", "MinimumReplicasAvailable" if avail else "MinimumReplicasUnavailable",
                     "Deployment has minimum availability." if avail else "Deployment does not have minimum availability."),
                cond("Progressing", "True", "NewReplicaSetAvailable" if complete else "ReplicaSetUpdated",
                     f'ReplicaSet "{rsname}" has successfully progressed.' if complete else f'ReplicaSet "{rsname}" is progressing.'),
            ]
            ann = cur["metadata"].setdefault("annotations", {})
            rev = (new["metadata"].get("annotations") or {}).get(REVISION)
            changed_ann = rev and ann.get(REVISION) != rev
            if changed_ann:
                ann[REVISION] = rev
            if status != old or changed_ann:
                cur["status"] = status
                cur["metadata"].pop("resourceVersion", None)
                store.update(self.cluster.rt(*DEP), cur)
