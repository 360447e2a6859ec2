"""Deployments: one ReplicaSet per pod template, scaled to the desired count; rollout status."""

import copy

from ..selectors import label_selector_from_match, match_labels
from ..store import now_rfc3339
from ..validation import template_hash
from .owned import OwnerController, owned_by, owner_ref

DEP = ("apps", "deployments")
RS = ("apps", "replicasets")
REVISION = "deployment.kubernetes.io/revision"


def _resolve(value, total, round_up):
    if isinstance(value, str) and value.endswith("%"):
        import math

        frac = total * int(value[:-1]) / 100
        return math.ceil(frac) if round_up else math.floor(frac)
    return int(value or 0)


def _rolling_limits(ru, desired):
    surge = _resolve(ru.get("maxSurge", "25%"), desired, True)
    unavailable = _resolve(ru.get("maxUnavailable", "25%"), desired, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


class DeploymentController(OwnerController):
    name = "deployment"
    watches = (DEP, RS)
    owner_kind = "Deployment"

    def setup(self, cluster):
        super().setup(cluster)
        self._progressing = {}  # (ns, name, new ReplicaSet uid) -> monotonic time its rollout started
        self._last_check = 0.0

    def tick(self, now):
        if now - self._last_check >= 1.0:
            # rollouts still in progress are looked at again (progress deadlines)
            self._last_check = now
            self._dirty |= {k[:2] for k in self._progressing}
        super().tick(now)

    def reconcile(self, ns, name):
        c = self.cluster
        store = c.store
        dep_rt, rs_rt = c.rt(*DEP), c.rt(*RS)
        dep = store.get(dep_rt, ns, name)
        if dep is None or dep["metadata"].get("deletionTimestamp"):
            for k in [k for k in self._progressing if k[:2] == (ns, name)]:
                del self._progressing[k]
            return
        spec = dep.get("spec") or {}
        desired = spec.get("replicas", 1)
        template = copy.deepcopy(spec.get("template") or {})
        h = template_hash(template)
        sets, _ = store.list(rs_rt, ns, lambda o: owned_by(o, dep))
        new = next((s for s in sets if (s["metadata"].get("labels") or {}).get("pod-template-hash") == h), None)
        revisions = [int((s["metadata"].get("annotations") or {}).get(REVISION, "0") or 0) for s in sets]
        olds = sorted([s for s in sets if new is None or s["metadata"]["uid"] != new["metadata"]["uid"]],
                      key=lambda s: s["metadata"].get("creationTimestamp", ""))
        old_total = sum(s["spec"].get("replicas", 0) for s in olds)
        strategy = spec.get("strategy") or {}
        recreate = strategy.get("type") == "Recreate"
        surge, unavailable = _rolling_limits(strategy.get("rollingUpdate") or {}, desired)
        if recreate:
            # old pods go first; the new ReplicaSet starts once none are left
            for s in olds:
                self._scale_event(dep, s, 0)
            old_pods = sum((s.get("status") or {}).get("replicas", 0) for s in olds)
            target = desired if old_pods == 0 else 0
        elif new is None or new["spec"].get("replicas", 0) < desired:
            current = 0 if new is None else new["spec"].get("replicas", 0)
            target = current + min(max(0, desired + surge - (old_total + current)), desired - current)
        else:
            target = desired
        if new is None:
            rev = max(revisions, default=0) + 1
            template.setdefault("metadata", {}).setdefault("labels", {})["pod-template-hash"] = h
            selector = copy.deepcopy(spec.get("selector") or {})
            selector.setdefault("matchLabels", {})["pod-template-hash"] = h
            labels = dict((template.get("metadata") or {}).get("labels") or {})
            rs = {"metadata": {"name": f"{name}-{h}", "namespace": ns, "labels": labels,
                               "annotations": {REVISION: str(rev), "deployment.kubernetes.io/desired-replicas": str(desired),
                                               "deployment.kubernetes.io/max-replicas": str(desired + surge)},
                               "ownerReferences": [owner_ref(dep, "apps/v1", "Deployment")]},
                  "spec": {"replicas": target, "selector": selector, "template": template}}
            new = c.api.create_object(rs_rt, rs, "kube-controller-manager")
            c.record_event(dep, "Normal", "ScalingReplicaSet", f"Scaled up replica set {new['metadata']['name']} to {target}",
                           "deployment-controller")
            sets.append(new)
        elif new["spec"].get("replicas") != target:
            self._scale_event(dep, new, target)
            new["spec"]["replicas"] = target
        if olds and not recreate:
            # as the controller does: unhealthy old pods go first, then old pods while enough stay available
            all_pods = sum((s.get("status") or {}).get("replicas", 0) for s in sets)
            min_available = desired - unavailable
            new_unavailable = max(0, new["spec"].get("replicas", 0) - (new.get("status") or {}).get("availableReplicas", 0))
            budget = all_pods - min_available - new_unavailable
            if budget > 0:
                for s in olds:
                    reps = s["spec"].get("replicas", 0)
                    unhealthy = max(0, reps - (s.get("status") or {}).get("availableReplicas", 0))
                    cut = min(budget, unhealthy)
                    if cut > 0:
                        budget -= cut
                        s["spec"]["replicas"] = reps - cut
                        self._scale_event(dep, s, reps - cut, reps)
                available = sum((s.get("status") or {}).get("availableReplicas", 0) for s in sets)
                down = available - min_available
                for s in olds:
                    reps = s["spec"].get("replicas", 0)
                    if down <= 0 or reps == 0:
                        continue
                    cut = min(down, reps)
                    down -= cut
                    self._scale_event(dep, s, reps - cut, reps)
        self._status(dep, sets, new, desired)

    def _scale_event(self, dep, rs, n, old_n=None):
        old_n = rs["spec"].get("replicas", 0) if old_n is None else old_n
        cur = self.cluster.store.get(self.cluster.rt(*RS), rs["metadata"]["namespace"], rs["metadata"]["name"], copy_=False)
        if cur is None or cur["spec"].get("replicas") == n:
            return
        self._scale(rs, n)
        word = "up" if n > old_n else "down"
        self.cluster.record_event(dep, "Normal", "ScalingReplicaSet",
                                  f"Scaled {word} replica set {rs['metadata']['name']} to {n} from {old_n}", "deployment-controller")

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
            key = (cur["metadata"]["namespace"], cur["metadata"]["name"])
            import time as _time

            started = self._progressing.setdefault(key + (new["metadata"]["uid"],), _time.monotonic()) if not complete else None
            if complete:
                for k in [k for k in self._progressing if k[:2] == key]:
                    del self._progressing[k]
            deadline = cur["spec"].get("progressDeadlineSeconds", 600)
            timed_out = started is not None and _time.monotonic() - started > deadline
            status = {"observedGeneration": cur["metadata"].get("generation", 1), "replicas": replicas,
                      "updatedReplicas": updated, "readyReplicas": ready, "availableReplicas": available,
                      "unavailableReplicas": max(0, replicas - available)}
            status = {k: v for k, v in status.items() if v or k == "observedGeneration"}
            status["conditions"] = [
                cond("Available", "True" if avail else "False", "MinimumReplicasAvailable" if avail else "MinimumReplicasUnavailable",
                     "Deployment has minimum availability." if avail else "Deployment does not have minimum availability."),
                cond("Progressing", "False", "ProgressDeadlineExceeded", f'ReplicaSet "{rsname}" has timed out progressing.')
                if timed_out else
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
