"""The kubelet stand-in: scheduled pods go ContainerCreating -> Running after the profile's delay."""

import time

from ..store import now_rfc3339
from .base import Controller
from .scheduler import _cond
from .timing import pod_delays

POD = ("", "pods")
STOP_SECONDS = 1.0  # how long containers take to stop after SIGTERM, at most


class Kubelet(Controller):
    name = "kubelet"
    watches = (POD,)

    def setup(self, cluster):
        super().setup(cluster)
        self._creating = {}  # (ns, name) -> (uid, scheduled at)
        self._stopping = {}  # (ns, name) -> (uid, deletion seen at, grace seconds)

    def resync(self):
        self._creating = {}
        items, _ = self.cluster.store.list(self.cluster.rt(*POD))
        self._stopping = {}
        for p in items:
            md = p["metadata"]
            if md.get("deletionTimestamp"):
                self._stopping[(md["namespace"], md["name"])] = (md["uid"], 0, md.get("deletionGracePeriodSeconds", 30))
            else:
                self._track(p, 0)

    def _track(self, p, now):
        md = p["metadata"]
        if (p.get("spec") or {}).get("nodeName") and (p.get("status") or {}).get("phase") == "Pending":
            self._creating.setdefault((md["namespace"], md["name"]), (md["uid"], now))

    def on_event(self, ev):
        md = ev.obj["metadata"]
        key = (md["namespace"], md["name"])
        if ev.type == "DELETED":
            self._creating.pop(key, None)
            self._stopping.pop(key, None)
            self.cluster.logs.drop_pod(*key)
            return
        if md.get("deletionTimestamp"):
            self._creating.pop(key, None)
            self._stopping.setdefault(key, (md["uid"], time.monotonic(), md.get("deletionGracePeriodSeconds", 30)))
            return
        self._track(ev.obj, time.monotonic())

    def tick(self, now):
        if self._stopping:
            self._stop(now)
        if not self._creating:
            return
        _, delay = pod_delays(self.cluster)
        for key, (uid, since) in list(self._creating.items()):
            if now - since >= delay:
                self._creating.pop(key, None)
                self._start(key, uid)

    def _stop(self, now):
        """Terminating pods go once their containers have stopped (a short delay, at most the grace period)."""
        stop = min(STOP_SECONDS, pod_delays(self.cluster)[1])
        rt = self.cluster.rt(*POD)
        for key, (uid, since, grace) in list(self._stopping.items()):
            if now - since < min(stop, grace):
                continue
            with self.cluster.store.lock:
                pod = self.cluster.store.get(rt, *key, copy_=False)
                if pod is None or pod["metadata"]["uid"] != uid:
                    self._stopping.pop(key, None)
                    continue
                if pod["metadata"].get("finalizers"):
                    continue  # someone else's finalizer holds it
                self._stopping.pop(key, None)
                self.cluster.store.remove(rt, *key)

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
