"""What the controllers that own objects (Deployment, ReplicaSet, Job) share: owner
references, the readiness of a pod, and the queue of owners to reconcile."""

from .base import Controller


def owner_ref(obj, api_version, kind):
    return {"apiVersion": api_version, "kind": kind, "name": obj["metadata"]["name"], "uid": obj["metadata"]["uid"],
            "controller": True, "blockOwnerDeletion": True}


def owned_by(o, owner):
    return any(r.get("uid") == owner["metadata"]["uid"] and r.get("controller") for r in o["metadata"].get("ownerReferences") or [])


def pod_ready(p):
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in (p.get("status") or {}).get("conditions") or [])


class OwnerController(Controller):
    """Reconciles each owner (`watches[0]`, of kind `owner_kind`) whose own object changed
    or whose owned objects (`watches[1]`) changed, once per tick, in name order.

    Subclasses set `name`, `watches` and `owner_kind` and write `reconcile(ns, name)`.
    """

    owner_kind = ""

    def setup(self, cluster):
        super().setup(cluster)
        self._dirty = set()

    def resync(self):
        items, _ = self.cluster.store.list(self.cluster.rt(*self.watches[0]))
        self._dirty = {(o["metadata"]["namespace"], o["metadata"]["name"]) for o in items}

    def on_event(self, ev):
        md = ev.obj["metadata"]
        if ev.rt.key == self.watches[0]:
            if ev.type != "DELETED":
                self._dirty.add((md["namespace"], md["name"]))
        else:
            for r in md.get("ownerReferences") or []:
                if r.get("kind") == self.owner_kind and r.get("controller"):
                    self._dirty.add((md["namespace"], r["name"]))

    def tick(self, now):
        dirty, self._dirty = self._dirty, set()
        for ns, name in sorted(dirty):
            self.reconcile(ns, name)

    def reconcile(self, ns, name):
        raise NotImplementedError
