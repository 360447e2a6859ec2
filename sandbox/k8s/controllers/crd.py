"""CustomResourceDefinitions: accept names, serve the resource, report Established."""

import copy

from ..store import now_rfc3339
from .base import Controller

CRD_KEY = ("apiextensions.k8s.io", "customresourcedefinitions")


class CRDController(Controller):
    name = "crd"
    watches = (CRD_KEY,)

    def _rt(self):
        return self.cluster.rt(*CRD_KEY)

    def resync(self):
        items, _ = self.cluster.store.list(self._rt())
        for crd in items:
            self._reconcile(crd)

    def on_event(self, ev):
        if ev.type == "DELETED":
            spec = ev.obj.get("spec", {})
            rt = self.cluster.rt(spec.get("group"), spec.get("names", {}).get("plural"))
            if rt is not None and not rt.builtin and rt.crd["metadata"]["uid"] == ev.obj["metadata"]["uid"]:
                self.cluster.registry.unregister_crd(ev.obj)
                self.cluster.store.drop_type(rt)
            return
        crd = self.cluster.store.get(self._rt(), "", ev.obj["metadata"]["name"])
        if crd is not None:
            self._reconcile(crd)

    def _reconcile(self, crd):
        store = self.cluster.store
        spec = crd.get("spec", {})
        names = spec.get("names", {})
        existing = self.cluster.rt(spec.get("group"), names.get("plural"))
        if existing is not None and existing.builtin:
            self._set_status(crd, False, "NameConflict", f'"{names.get("plural")}" is already in use')
            return
        if crd["metadata"].get("deletionTimestamp"):
            return
        self.cluster.registry.register_crd(copy.deepcopy(crd))
        self._set_status(crd, True, None, None)

    def _set_status(self, crd, ok, reason, message):
        spec = crd.get("spec", {})
        names = spec.get("names", {})
        status = copy.deepcopy(crd.get("status") or {})
        old_conds = {c["type"]: c for c in status.get("conditions") or []}
        now = now_rfc3339()

        def cond(type_, st, reason_, msg):
            prev = old_conds.get(type_)
            t = prev["lastTransitionTime"] if prev and prev.get("status") == st else now
            return {"type": type_, "status": st, "lastTransitionTime": t, "reason": reason_, "message": msg}

        if ok:
            conds = [cond("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
                     cond("Established", "True", "InitialNamesAccepted", "the initial names have been accepted")]
            status["acceptedNames"] = {k: v for k, v in names.items()}
        else:
            conds = [cond("NamesAccepted", "False", reason, message),
                     cond("Established", "False", "NotAccepted", "not all names are accepted")]
            status["acceptedNames"] = {"plural": "", "kind": ""}
        status["conditions"] = conds
        stored = list(status.get("storedVersions") or [])
        for v in spec.get("versions", []):
            if v.get("storage") and v["name"] not in stored:
                stored.append(v["name"])
        status["storedVersions"] = stored
        if status != crd.get("status"):
            crd["status"] = status
            crd["metadata"].pop("resourceVersion", None)
            self.cluster.store.update(self._rt(), crd)
