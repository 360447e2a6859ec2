"""Garbage collection: dependents whose owners are gone are deleted (background propagation)."""

from .. import errors
from .base import Controller


class GarbageCollector(Controller):
    name = "garbagecollector"
    watches = "*"

    def setup(self, cluster):
        super().setup(cluster)
        self._foreground = {}  # uid -> (rt, ns, name) of owners waiting for their dependents

    def tick(self, now):
        for uid, (rt, ns, name) in list(self._foreground.items()):
            if self._dependents(uid, ns):
                continue
            del self._foreground[uid]
            store = self.cluster.store
            with store.lock:
                o = store.get(rt, ns, name)
                if o is None or o["metadata"].get("uid") != uid:
                    continue
                o["metadata"]["finalizers"] = [f for f in o["metadata"].get("finalizers") or [] if f != "foregroundDeletion"]
                if not o["metadata"]["finalizers"]:
                    del o["metadata"]["finalizers"]
                o["metadata"].pop("resourceVersion", None)
                store.update(rt, o)

    def _dependents(self, uid, ns):
        out = []
        for rt in self.cluster.registry.all():
            if ns and not rt.namespaced:
                continue
            items, _ = self.cluster.store.list(rt, ns or None,
                                               lambda o: any(r.get("uid") == uid for r in o["metadata"].get("ownerReferences") or []))
            out.extend((rt, o) for o in items)
        return out

    def on_event(self, ev):
        md = ev.obj["metadata"]
        if ev.type == "MODIFIED" and md.get("deletionTimestamp") and "foregroundDeletion" in (md.get("finalizers") or []):
            if md["uid"] not in self._foreground:
                self._foreground[md["uid"]] = (ev.rt, md.get("namespace", ""), md["name"])
                self._collect(md["uid"], md.get("namespace"))
            return
        if ev.type != "DELETED":
            return
        self._collect(md.get("uid"), md.get("namespace"))

    def _collect(self, uid, owner_ns):
        self._delete_dependents(uid, owner_ns)

    def _delete_dependents(self, uid, owner_ns):
        store = self.cluster.store
        for rt in self.cluster.registry.all():
            if owner_ns and not rt.namespaced:
                continue
            items, _ = store.list(rt, owner_ns or None,
                                  lambda o: any(r.get("uid") == uid for r in o["metadata"].get("ownerReferences") or []))
            for o in items:
                refs = o["metadata"].get("ownerReferences") or []
                remaining = [r for r in refs if r.get("uid") != uid and self._owner_exists(r, o)]
                try:
                    if remaining:
                        continue  # another owner still holds it
                    store.delete(rt, o["metadata"].get("namespace"), o["metadata"]["name"])
                    if rt.kind == "Pod":
                        self.cluster.logs.drop_pod(o["metadata"].get("namespace"), o["metadata"]["name"])
                except errors.APIError:
                    pass

    def _owner_exists(self, ref, dependent):
        rt = self.cluster.registry.by_kind(ref.get("apiVersion", ""), ref.get("kind", ""))
        if rt is None:
            return False
        o = self.cluster.store.get(rt, dependent["metadata"].get("namespace") if rt.namespaced else "", ref.get("name"), copy_=False)
        return o is not None and o["metadata"].get("uid") == ref.get("uid")
