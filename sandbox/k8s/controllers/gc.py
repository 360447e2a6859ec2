"""Garbage collection: dependents whose owners are gone are deleted (background propagation)."""

from .. import errors
from .base import Controller


class GarbageCollector(Controller):
    name = "garbagecollector"
    watches = "*"

    def on_event(self, ev):
        if ev.type != "DELETED":
            return
        uid = ev.obj["metadata"].get("uid")
        owner_ns = ev.obj["metadata"].get("namespace")
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
