"""Service accounts: a `default` account per namespace, with an EKS-style token Secret."""

from ..validation import random_suffix
from .base import Controller

NS_KEY = ("", "namespaces")
SA_KEY = ("", "serviceaccounts")


class ServiceAccountController(Controller):
    name = "serviceaccount"
    watches = (NS_KEY, SA_KEY)

    def resync(self):
        items, _ = self.cluster.store.list(self.cluster.rt(*NS_KEY))
        for ns in items:
            self._ensure_default(ns)

    def on_event(self, ev):
        if ev.rt.key == NS_KEY and ev.type != "DELETED":
            self._ensure_default(ev.obj)
        elif ev.rt.key == SA_KEY:
            ns = self.cluster.store.get(self.cluster.rt(*NS_KEY), "", ev.obj["metadata"]["namespace"])
            if ev.type == "DELETED":
                if ns is not None:
                    self._ensure_default(ns)
                self._drop_secrets(ev.obj)
            elif ev.type == "ADDED":
                self._ensure_token(ev.obj)

    def _ensure_default(self, ns):
        if ns["metadata"].get("deletionTimestamp"):
            return
        name = ns["metadata"]["name"]
        rt = self.cluster.rt(*SA_KEY)
        if self.cluster.store.get(rt, name, "default", copy_=False) is None:
            self.cluster.api.create_object(rt, {"metadata": {"name": "default", "namespace": name}}, "kube-controller-manager")

    def _ensure_token(self, sa):
        """EKS-style token Secret `<sa>-token-xxxxx`, referenced from the account."""
        store = self.cluster.store
        md = sa["metadata"]
        if md.get("name") != "default" or sa.get("secrets"):
            return
        sec_rt = self.cluster.rt("", "secrets")
        name = f"{md['name']}-token-{random_suffix()}"
        self.cluster.api.create_object(sec_rt, {
            "metadata": {"name": name, "namespace": md["namespace"],
                         "annotations": {"kubernetes.io/service-account.name": md["name"],
                                         "kubernetes.io/service-account.uid": md["uid"]}},
            "type": "kubernetes.io/service-account-token"}, "kube-controller-manager")
        with store.lock:
            cur = store.get(self.cluster.rt(*SA_KEY), md["namespace"], md["name"])
            if cur is not None and cur["metadata"]["uid"] == md["uid"]:
                cur["secrets"] = [{"name": name}]
                cur["metadata"].pop("resourceVersion", None)
                store.update(self.cluster.rt(*SA_KEY), cur)

    def _drop_secrets(self, sa):
        sec_rt = self.cluster.rt("", "secrets")
        items, _ = self.cluster.store.list(sec_rt, sa["metadata"]["namespace"])
        for s in items:
            ann = s["metadata"].get("annotations") or {}
            if s.get("type") == "kubernetes.io/service-account-token" and ann.get("kubernetes.io/service-account.uid") == sa["metadata"].get("uid"):
                self.cluster.store.remove(sec_rt, s["metadata"]["namespace"], s["metadata"]["name"])
