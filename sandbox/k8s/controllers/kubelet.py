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


def terminate_pod(cluster, ns, name, exit_code=0, reason=None, message=None):
    """Let a running pod's containers exit (what a finished driver or Job pod does).

    Exit code 0 makes the pod Succeeded (reason Completed), anything else Failed (reason
    Error), unless the restart policy is Always, where the containers are left running.
    Returns the updated pod, or None if it does not exist. For controllers such as the
    Spark Operator stand-in; the emulator never ends containers by itself.
    """
    rt = cluster.rt(*POD)
    with cluster.store.lock:
        pod = cluster.store.get(rt, ns, name)
        if pod is None:
            return None
        if (pod.get("spec") or {}).get("restartPolicy", "Always") == "Always":
            return pod
        now = now_rfc3339()
        st = pod.setdefault("status", {})
        why = reason or ("Completed" if exit_code == 0 else "Error")
        for cs in st.get("containerStatuses") or []:
            started = ((cs.get("state") or {}).get("running") or {}).get("startedAt", now)
            term = {"exitCode": exit_code, "reason": why, "startedAt": started, "finishedAt": now,
                    "containerID": cs.get("containerID", "")}
            if message:
                term["message"] = message
            cs["state"] = {"terminated": term}
            cs["ready"] = False
            cs["started"] = False
        st["phase"] = "Succeeded" if exit_code == 0 else "Failed"
        for t in ("Ready", "ContainersReady"):
            _cond(pod, t, "False", "PodCompleted")
        pod["metadata"].pop("resourceVersion", None)
        return cluster.store.update(rt, pod)
