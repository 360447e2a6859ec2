"""Namespaces: the per-namespace root CA ConfigMap, and deletion (Terminating, then contents removed)."""

from .base import Controller

NS_KEY = ("", "namespaces")
# How long a namespace shows Terminating before its contents go (the real controller
# needs a few seconds to enumerate and delete; clients must cope with the window).
TERMINATING_SECONDS = 0.5


class NamespaceController(Controller):
    name = "namespace"
    watches = (NS_KEY,)

    def setup(self, cluster):
        super().setup(cluster)
        self._terminating = {}

    def resync(self):
        items, _ = self.cluster.store.list(self.cluster.rt(*NS_KEY))
        self._terminating = {}
        for ns in items:
            self._seen(ns)

    def on_event(self, ev):
        if ev.type != "DELETED":
            self._seen(ev.obj)
        else:
            self._terminating.pop(ev.obj["metadata"]["name"], None)

    def _seen(self, ns):
        name = ns["metadata"]["name"]
        if ns["metadata"].get("deletionTimestamp"):
            self._terminating.setdefault(name, None)
            return
        cm_rt = self.cluster.rt("", "configmaps")
        if self.cluster.store.get(cm_rt, name, "kube-root-ca.crt", copy_=False) is None:
            self.cluster.api.create_object(cm_rt, {
                "metadata": {"name": "kube-root-ca.crt", "namespace": name,
                             "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                "data": {"ca.crt": self.cluster.ca_pem.decode()}}, "kube-controller-manager")

    def tick(self, now):
        if not self._terminating:
            return
        for name in list(self._terminating):
            first = self._terminating[name]
            if first is None:
                self._terminating[name] = now  # observed Terminating; clean up on a later tick
                continue
            if now - first < TERMINATING_SECONDS:
                continue
            self._finish(name)
            self._terminating.pop(name, None)

    def _finish(self, name):
        store = self.cluster.store
        for rt in self.cluster.registry.all():
            if not rt.namespaced:
                continue
            items, _ = store.list(rt, name)
            for o in items:
                store.remove(rt, name, o["metadata"]["name"])
                if rt.kind == "Pod":
                    self.cluster.logs.drop_pod(name, o["metadata"]["name"])
        store.remove(self.cluster.rt(*NS_KEY), "", name)
