"""The kubelet stand-in: pulls, starts, restarts and ends the containers of scheduled pods.

A scheduled pod waits the profile's creation delay, then its images are pulled (a failed
pull leaves the container waiting in ErrImagePull, then ImagePullBackOff, retried with the
kubelet's doubling back-off), then each container runs what its image does
(`sandbox.k8s.images`): serves until stopped, runs a task and exits, or runs Spark's
entrypoint as a local process. An exit follows the pod's restart policy: restarted after a
CrashLoopBackOff back-off, or terminated; when every container has terminated the pod is
Succeeded or Failed. Deleted pods show Terminating until their containers stop.
"""

import time

from .. import images
from ..store import now_rfc3339
from . import containers as cst
from .base import Controller
from .runs import start_run
from .scheduler import _cond
from .timing import pod_delays, time_scale

POD = ("", "pods")
STOP_SECONDS = 1.0  # how long containers take to stop after SIGTERM, at most


class PodRun:
    def __init__(self, uid, since):
        self.uid = uid
        self.since = since  # when it was seen scheduled
        self.stage = "creating"  # creating -> pulling -> running -> done
        self.due = 0.0  # next pull attempt
        self.pull_backoff = 0.0
        self.runs = {}  # container name -> run (or None while in back-off)
        self.restart_due = {}  # container name -> (time, back-off seconds)


class Kubelet(Controller):
    name = "kubelet"
    watches = (POD,)

    def setup(self, cluster):
        super().setup(cluster)
        self._pods = {}  # (ns, name) -> PodRun
        self._stopping = {}  # (ns, name) -> (uid, deletion seen at, grace seconds, PodRun or None)

    def resync(self):
        for run in self._pods.values():
            self._stop_runs(run)
        self._pods = {}
        self._stopping = {}
        items, _ = self.cluster.store.list(self.cluster.rt(*POD))
        for p in items:
            md = p["metadata"]
            if md.get("deletionTimestamp"):
                self._stopping[(md["namespace"], md["name"])] = (md["uid"], 0, md.get("deletionGracePeriodSeconds", 30), None)
            else:
                self._track(p, 0)

    def shutdown(self):
        """The emulator is stopping: end every container process it started."""
        for run in self._pods.values():
            self._stop_runs(run)
        for _, _, _, run in self._stopping.values():
            if run is not None:
                self._stop_runs(run)
        self._pods, self._stopping = {}, {}

    def _track(self, p, now):
        md = p["metadata"]
        if (p.get("spec") or {}).get("nodeName") and (p.get("status") or {}).get("phase") == "Pending":
            key = (md["namespace"], md["name"])
            cur = self._pods.get(key)
            if cur is None or cur.uid != md["uid"]:
                self._pods[key] = PodRun(md["uid"], now)

    def on_event(self, ev):
        md = ev.obj["metadata"]
        key = (md["namespace"], md["name"])
        if ev.type == "DELETED":
            run = self._pods.pop(key, None)
            if run:
                self._stop_runs(run)
            self._stopping.pop(key, None)
            self.cluster.logs.drop_pod(*key)
            return
        if md.get("deletionTimestamp"):
            run = self._pods.pop(key, None)
            if run:
                for r in run.runs.values():
                    if r is not None:
                        r.stop()  # SIGTERM; the exit is reported while the pod terminates
            self._stopping.setdefault(key, (md["uid"], time.monotonic(), md.get("deletionGracePeriodSeconds", 30), run))
            return
        if (ev.obj.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
            run = self._pods.pop(key, None)
            if run:
                self._stop_runs(run)
            return
        self._track(ev.obj, time.monotonic())

    def tick(self, now):
        if self._stopping:
            self._stop(now)
        if not self._pods:
            return
        _, delay = pod_delays(self.cluster)
        for key, run in list(self._pods.items()):
            if run.stage == "creating" and now - run.since >= delay:
                run.stage = "pulling"
            if run.stage == "pulling" and now >= run.due:
                self._pull(key, run, now)
            if run.stage == "running":
                self._watch(key, run, now)
            if run.stage == "done":
                self._pods.pop(key, None)

    # -- pulls ---------------------------------------------------------------------------

    def _pull(self, key, run, now):
        pod = self._get(key, run.uid)
        if pod is None:
            self._pods.pop(key, None)
            return
        c = self.cluster
        node = pod["spec"].get("nodeName")
        missing = self._missing_volume(pod)
        if missing:
            # the kubelet waits for config maps and secrets to exist before creating containers
            if not getattr(run, "mount_warned", False):
                run.mount_warned = True
                c.record_event(pod, "Warning", "FailedMount", f"MountVolume.SetUp failed for volume \"{missing[0]}\" : "
                               f"{missing[1]} \"{missing[2]}\" not found", "kubelet", node)
            run.due = now + 0.05
            return
        failures = {}
        for ct in pod["spec"].get("containers") or []:
            img = ct.get("image", "")
            c.record_event(pod, "Normal", "Pulling", f'Pulling image "{img}"', "kubelet", node)
            err = images.pull_error(c.registry_url, img, upstream_url=c.registry_upstream)
            if err:
                failures[ct["name"]] = (img, err)
                c.record_event(pod, "Warning", "Failed", f'Failed to pull image "{img}": {err}', "kubelet", node)
                c.record_event(pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet", node)
            else:
                c.record_event(pod, "Normal", "Pulled", f'Successfully pulled image "{img}" in 1.2s (1.2s including waiting). Image size: 0 bytes.',
                               "kubelet", node)
        if failures:
            run.pull_backoff = cst.next_backoff(run.pull_backoff)
            run.due = now + run.pull_backoff * time_scale(c)

            def fail(p):
                for cs in p["status"].get("containerStatuses") or []:
                    if cs["name"] in failures:
                        cst.waiting(cs, "ErrImagePull", failures[cs["name"]][1])

            self._write(key, run.uid, fail)
            # the next sync shows the back-off until the retry
            run.backoff_shown = False
            run.stage = "pulling"
            self._show_pull_backoff(key, run, failures, node, pod)
            return
        self._start(key, run, pod)

    def _missing_volume(self, pod):
        ns = pod["metadata"]["namespace"]
        for v in (pod.get("spec") or {}).get("volumes") or []:
            for kind, plural, key in (("configMap", "configmaps", "name"), ("secret", "secrets", "secretName")):
                src = v.get(kind)
                if src and not src.get("optional") and self.cluster.store.get(
                        self.cluster.rt("", plural), ns, src.get(key), copy_=False) is None:
                    return v["name"], kind.lower(), src.get(key)
        return None

    def _show_pull_backoff(self, key, run, failures, node, pod):
        def backoff(p):
            for cs in p["status"].get("containerStatuses") or []:
                if cs["name"] in failures:
                    cst.waiting(cs, "ImagePullBackOff", f'Back-off pulling image "{failures[cs["name"]][0]}"')

        for name, (img, _) in failures.items():
            self.cluster.record_event(pod, "Normal", "BackOff", f'Back-off pulling image "{img}"', "kubelet", node)
            self.cluster.record_event(pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", node)
        self._write(key, run.uid, backoff)

    # -- running -------------------------------------------------------------------------

    def _start(self, key, run, pod):
        c = self.cluster
        ip = c.allocate_pod_ip(run.uid)

        def mutate(p):
            st = p["status"]
            st["phase"] = "Running"
            st["podIP"] = ip
            st["podIPs"] = [{"ip": ip}]
            st["startTime"] = now_rfc3339()
            for cs in st.get("containerStatuses") or []:
                cst.running(cs, run.uid, cs.get("image", ""))
            for t in ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"):
                _cond(p, t, "True")

        started = self._write(key, run.uid, mutate)
        if started is None:
            self._pods.pop(key, None)
            return
        run.stage = "running"
        node = started["spec"].get("nodeName")
        for ct in started["spec"].get("containers") or []:
            c.record_event(started, "Normal", "Created", f"Created container {ct['name']}", "kubelet", node)
            c.record_event(started, "Normal", "Started", f"Started container {ct['name']}", "kubelet", node)
            run.runs[ct["name"]] = start_run(c, started, ct)

    def _watch(self, key, run, now):
        exits = {}
        for name, r in list(run.runs.items()):
            if r is None:
                due, backoff = run.restart_due[name]
                if now >= due:
                    self._restart(key, run, name)
                continue
            code = r.poll(now)
            if code is not None:
                exits[name] = code
        if exits:
            self._exited(key, run, exits, now)

    def _exited(self, key, run, exits, now):
        c = self.cluster
        restarted = {}

        def mutate(p):
            policy = p["spec"].get("restartPolicy", "Always")
            for cs in p["status"].get("containerStatuses") or []:
                code = exits.get(cs["name"])
                if code is None:
                    continue
                term = cst.terminated(cs, code)
                if cst.restarts(policy, code):
                    _, prev = run.restart_due.get(cs["name"], (0, 0))
                    backoff = cst.next_backoff(prev)
                    restarted[cs["name"]] = backoff
                    cs["lastState"] = {"terminated": term}
                    cs["restartCount"] = cs.get("restartCount", 0) + 1
                    cst.waiting(cs, "CrashLoopBackOff", cst.crashloop_message(backoff, cs["name"], p))
            statuses = p["status"].get("containerStatuses") or []
            ended = [s for s in statuses if "terminated" in (s.get("state") or {})]
            if len(ended) == len(statuses):
                ok = all(s["state"]["terminated"]["exitCode"] == 0 for s in ended)
                p["status"]["phase"] = "Succeeded" if ok else "Failed"
                for t in ("Ready", "ContainersReady"):
                    _cond(p, t, "False", "PodCompleted" if ok else "PodFailed")
            else:
                for t in ("Ready", "ContainersReady"):
                    _cond(p, t, "False" if restarted or ended else "True", "ContainersNotReady" if restarted or ended else None,
                          f"containers with unready status: [{' '.join(sorted(set(restarted) | {s['name'] for s in ended}))}]"
                          if restarted or ended else None)

        pod = self._write(key, run.uid, mutate)
        for name in exits:
            run.runs.pop(name, None)
        if pod is None:
            self._pods.pop(key, None)
            return
        node = pod["spec"].get("nodeName")
        for name, backoff in restarted.items():
            run.runs[name] = None
            run.restart_due[name] = (now + backoff * time_scale(c), backoff)
            c.record_event(pod, "Warning", "BackOff", f"Back-off restarting failed container {name} in pod "
                           f"{pod['metadata']['name']}_{pod['metadata']['namespace']}({run.uid})", "kubelet", node)
        if pod["status"].get("phase") in ("Succeeded", "Failed"):
            run.stage = "done"

    def _restart(self, key, run, name):
        c = self.cluster

        def mutate(p):
            for cs in p["status"].get("containerStatuses") or []:
                if cs["name"] == name:
                    cst.running(cs, run.uid, cs.get("image", ""))
            statuses = p["status"].get("containerStatuses") or []
            if all("running" in (s.get("state") or {}) for s in statuses):
                for t in ("Ready", "ContainersReady"):
                    _cond(p, t, "True")

        pod = self._write(key, run.uid, mutate)
        if pod is None:
            self._pods.pop(key, None)
            return
        ct = next(x for x in pod["spec"]["containers"] if x["name"] == name)
        node = pod["spec"].get("nodeName")
        c.record_event(pod, "Normal", "Pulled", f'Container image "{ct.get("image", "")}" already present on machine', "kubelet", node)
        c.record_event(pod, "Normal", "Created", f"Created container {name}", "kubelet", node)
        c.record_event(pod, "Normal", "Started", f"Started container {name}", "kubelet", node)
        run.runs[name] = start_run(c, pod, ct)

    # -- stopping ------------------------------------------------------------------------

    def _stop_runs(self, run):
        for r in run.runs.values():
            if r is not None:
                r.stop()
        run.runs = {}
        self.cluster.release_pod_ip(run.uid)

    def _stop(self, now):
        """Terminating pods: containers get SIGTERM, their exits are reported as the kubelet
        reports them, and the pod goes once they stopped (a short delay, at most the grace period)."""
        stop = min(STOP_SECONDS, pod_delays(self.cluster)[1])
        rt = self.cluster.rt(*POD)
        for key, (uid, since, grace, run) in list(self._stopping.items()):
            if run is not None and run.runs:
                exits = {name: r.poll(now) for name, r in run.runs.items() if r is not None}
                if any(code is None for code in exits.values()) and now - since < grace + 5:
                    continue
                run.runs = {}
                self._report_exits(key, uid, {k: v if v is not None else 137 for k, v in exits.items()})
                self.cluster.release_pod_ip(uid)
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

    def _report_exits(self, key, uid, exits):
        store = self.cluster.store
        rt = self.cluster.rt(*POD)
        with store.lock:
            pod = store.get(rt, *key)
            if pod is None or pod["metadata"]["uid"] != uid or pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
                return
            statuses = pod["status"].get("containerStatuses") or []
            for cs in statuses:
                if cs["name"] in exits and "terminated" not in (cs.get("state") or {}):
                    cst.terminated(cs, exits[cs["name"]])
            if statuses and all("terminated" in (s.get("state") or {}) for s in statuses):
                ok = all(s["state"]["terminated"]["exitCode"] == 0 for s in statuses)
                pod["status"]["phase"] = "Succeeded" if ok else "Failed"
            for t in ("Ready", "ContainersReady"):
                _cond(pod, t, "False", "PodCompleted")
            pod["metadata"].pop("resourceVersion", None)
            store.update(rt, pod)

    # -- store ---------------------------------------------------------------------------

    def _get(self, key, uid):
        pod = self.cluster.store.get(self.cluster.rt(*POD), *key)
        if pod is None or pod["metadata"]["uid"] != uid or pod["metadata"].get("deletionTimestamp"):
            return None
        return pod

    def _write(self, key, uid, mutate):
        store = self.cluster.store
        rt = self.cluster.rt(*POD)
        with store.lock:
            pod = store.get(rt, *key)
            if pod is None or pod["metadata"]["uid"] != uid or pod["metadata"].get("deletionTimestamp"):
                return None
            pod.setdefault("status", {})
            mutate(pod)
            pod["metadata"].pop("resourceVersion", None)
            return store.update(rt, pod)


def terminate_pod(cluster, ns, name, exit_code=0, reason=None, message=None):
    """End a running pod's containers from outside (a test, or a controller finishing a pod).

    Exit code 0 makes the pod Succeeded (reason Completed), anything else Failed (reason
    Error), unless the restart policy is Always, where the containers are left running.
    Returns the updated pod, or None if it does not exist.
    """
    rt = cluster.rt(*POD)
    with cluster.store.lock:
        pod = cluster.store.get(rt, ns, name)
        if pod is None:
            return None
        if (pod.get("spec") or {}).get("restartPolicy", "Always") == "Always":
            return pod
        st = pod.setdefault("status", {})
        for cs in st.get("containerStatuses") or []:
            if "terminated" not in (cs.get("state") or {}):
                cst.terminated(cs, exit_code, reason, message)
        st["phase"] = "Succeeded" if exit_code == 0 else "Failed"
        for t in ("Ready", "ContainersReady"):
            _cond(pod, t, "False", "PodCompleted")
        pod["metadata"].pop("resourceVersion", None)
        return cluster.store.update(rt, pod)
