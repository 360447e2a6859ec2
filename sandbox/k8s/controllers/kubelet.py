"""The kubelet stand-in: scheduled pods go ContainerCreating -> Running after the profile's delay."""

import time

from ..store import now_rfc3339
from .base import Controller
from .scheduler import _cond
from .timing import pod_delays

POD = ("", "pods")


class Kubelet(Controller):
    name = "kubelet"
    watches = (POD,)

    def setup(self, cluster):
        super().setup(cluster)
        self._creating = {}  # (ns, name) -> (uid, scheduled at)

    def resync(self):
        self._creating = {}
        items, _ = self.cluster.store.list(self.cluster.rt(*POD))
        for p in items:
            self._track(p, 0)

    def _track(self, p, now):
        md = p["metadata"]
        if (p.get("spec") or {}).get("nodeName") and (p.get("status") or {}).get("phase") == "Pending":
            self._creating.setdefault((md["namespace"], md["name"]), (md["uid"], now))

    def on_event(self, ev):
        if ev.type == "DELETED":
            md = ev.obj["metadata"]
            self._creating.pop((md["namespace"], md["name"]), None)
            return
        self._track(ev.obj, time.monotonic())

    def tick(self, now):
        if not self._creating:
            return
        _, delay = pod_delays(self.cluster)
        for key, (uid, since) in list(self._creating.items()):
            if now - since >= delay:
                self._creating.pop(key, None)
                self._start(key, uid)

    def _start(self, key, uid):
        c = self.cluster
        rt = c.rt(*POD)
        with c.store.lock:
            pod = c.store.get(rt, *key)
            if pod is None or pod["metadata"]["uid"] != uid or pod["status"].get("phase") != "Pending":
                return
            now = now_rfc3339()
            st = pod["status"]
            st["phase"] = "Running"
            st["podIP"] = st.get("hostIP")
            st["podIPs"] = [{"ip": st.get("hostIP")}]
            st["startTime"] = now
            st["containerStatuses"] = [
                {"name": ct["name"], "image": ct.get("image", ""), "imageID": f"{ct.get('image', '')}@sha256:" + "0" * 64,
                 "containerID": "containerd://" + uid.replace("-", "")[:32] + ct["name"][:32].encode().hex()[:32],
                 "ready": True, "started": True, "restartCount": 0, "state": {"running": {"startedAt": now}}, "lastState": {}}
                for ct in pod["spec"].get("containers") or []]
            for t in ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"):
                _cond(pod, t, "True")
            pod["metadata"].pop("resourceVersion", None)
            c.store.update(rt, pod)
        node = pod["spec"].get("nodeName")
        for ct in pod["spec"].get("containers") or []:
            img = ct.get("image", "")
            c.record_event(pod, "Normal", "Pulling", f'Pulling image "{img}"', "kubelet", node)
            c.record_event(pod, "Normal", "Pulled", f'Successfully pulled image "{img}"', "kubelet", node)
            c.record_event(pod, "Normal", "Created", f"Created container {ct['name']}", "kubelet", node)
            c.record_event(pod, "Normal", "Started", f"Started container {ct['name']}", "kubelet", node)
