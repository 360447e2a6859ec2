"""Scheduling as on a Fargate-only EKS cluster.

Pods that EKS's admission sent to the `fargate-scheduler` get a `fargate-ip-...` node of
their own (a Node object is created) with the `CapacityProvisioned` annotation; pods left
to the `default-scheduler` find no node they tolerate and stay Pending with the
scheduler's FailedScheduling event.
"""

import random

from ..fargate import COMPUTE_TYPE, SCHEDULER, capacity, capacity_annotation
from ..store import now_rfc3339
from .base import Controller
from .timing import pod_delays

POD = ("", "pods")
NODE = ("", "nodes")
KUBELET_VERSION = "v1.30.6-eks-94953ac"
BLOCKED_RETRY = 1.0  # seconds between launch attempts of a pod whose Fargate profile is blocked


def _cond(pod, type_, status, reason=None, message=None):
    st = pod.setdefault("status", {})
    prev = next((c for c in st.get("conditions") or [] if c.get("type") == type_), None)
    conds = [c for c in st.get("conditions") or [] if c.get("type") != type_]
    since = prev["lastTransitionTime"] if prev and prev.get("status") == status else now_rfc3339()
    c = {"type": type_, "status": status, "lastProbeTime": None, "lastTransitionTime": since}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    conds.append(c)
    st["conditions"] = conds


class Scheduler(Controller):
    name = "scheduler"
    watches = (POD,)

    def setup(self, cluster):
        super().setup(cluster)
        self._pending = {}  # (ns, name) -> (uid, first seen)

    def resync(self):
        self._pending = {}
        items, _ = self.cluster.store.list(self.cluster.rt(*POD))
        for p in items:
            self._track(p, 0)

    def _track(self, p, now):
        md = p["metadata"]
        if not (p.get("spec") or {}).get("nodeName") and not md.get("deletionTimestamp"):
            self._pending.setdefault((md["namespace"], md["name"]), (md["uid"], now))

    def on_event(self, ev):
        md = ev.obj["metadata"]
        if ev.type == "DELETED":
            self._pending.pop((md["namespace"], md["name"]), None)
            node = (ev.obj.get("spec") or {}).get("nodeName")
            if node and node.startswith("fargate-"):
                self.cluster.store.remove(self.cluster.rt(*NODE), "", node)
            return
        import time

        self._track(ev.obj, time.monotonic())

    def tick(self, now):
        if not self._pending:
            return
        pending_delay, _ = pod_delays(self.cluster)
        store = self.cluster.store
        for key, (uid, seen) in list(self._pending.items()):
            pod = store.get(self.cluster.rt(*POD), *key)
            if pod is None or pod["metadata"]["uid"] != uid or pod["spec"].get("nodeName"):
                self._pending.pop(key, None)
                continue
            if pod["spec"].get("schedulerName") == SCHEDULER:
                if now - seen >= pending_delay:
                    blocked = self.cluster.fargate_auth.blocked(pod)
                    if blocked:  # the profile's role is unmapped: try again later, as EKS's scheduler does
                        self._pending[key] = (uid, now - pending_delay + BLOCKED_RETRY)
                        if not any(c.get("message") == blocked for c in pod.get("status", {}).get("conditions") or []):
                            self._write(pod, lambda p: _cond(p, "PodScheduled", "False", "Unschedulable", blocked))
                        self.cluster.record_event(pod, "Warning", "FailedScheduling", blocked, SCHEDULER)
                        continue
                    self._pending.pop(key, None)
                    self._fargate(pod)
            else:
                self._pending.pop(key, None)
                self._unschedulable(pod)

    def _unschedulable(self, pod):
        if any(c.get("type") == "PodScheduled" and c.get("reason") == "Unschedulable"
               for c in (pod.get("status") or {}).get("conditions") or []):
            return  # already reported; the scheduler retries only when the cluster changes
        n = self.cluster.store.count(self.cluster.rt(*NODE))
        if n == 0:
            msg = "no nodes available to schedule pods"
        else:
            msg = (f"0/{n} nodes are available: {n} node(s) had untolerated taint {{{COMPUTE_TYPE}: fargate}}. "
                   f"preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling.")
        self._write(pod, lambda p: _cond(p, "PodScheduled", "False", "Unschedulable", msg))
        self.cluster.record_event(pod, "Warning", "FailedScheduling", msg, pod["spec"].get("schedulerName", "default-scheduler"))

    def _fargate(self, pod):
        c = self.cluster
        cap = capacity(pod["spec"])
        if cap is None:
            msg = "Pod not supported on Fargate: invalid resource requests: exceeds the largest Fargate size (16 vCPU, 120 GB)"
            self._write(pod, lambda p: _cond(p, "PodScheduled", "False", "Unschedulable", msg))
            c.record_event(pod, "Warning", "FailedScheduling", msg, SCHEDULER)
            return
        ip = f"10.0.{random.randint(0, 255)}.{random.randint(1, 254)}"
        zone = c.aws.region + random.choice("abc")
        node_name = f"fargate-ip-{ip.replace('.', '-')}.{c.aws.region}.compute.internal"
        node = {"metadata": {"name": node_name,
                             "labels": {COMPUTE_TYPE: "fargate", "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                                        "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": f"ip-{ip.replace('.', '-')}.{c.aws.region}.compute.internal",
                                        "kubernetes.io/os": "linux", "topology.kubernetes.io/region": c.aws.region,
                                        "topology.kubernetes.io/zone": zone, "failure-domain.beta.kubernetes.io/region": c.aws.region,
                                        "failure-domain.beta.kubernetes.io/zone": zone},
                             "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
                "spec": {"providerID": f"aws:///{zone}/{random.randbytes(8).hex()}/fargate-ip-{ip.replace('.', '-')}.{c.aws.region}.compute.internal",
                         "taints": [{"key": COMPUTE_TYPE, "value": "fargate", "effect": "NoSchedule"}]},
                "status": {"capacity": {"cpu": str(int(max(cap[0], 2))), "memory": f"{int(cap[1] * 1024 * 1024 + 1024 * 1024)}Ki",
                                        "pods": "1", "ephemeral-storage": "30787492Ki"},
                           "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                                           "message": "kubelet is posting ready status", "lastHeartbeatTime": now_rfc3339(),
                                           "lastTransitionTime": now_rfc3339()}],
                           "addresses": [{"type": "InternalIP", "address": ip},
                                         {"type": "Hostname", "address": f"ip-{ip.replace('.', '-')}.{c.aws.region}.compute.internal"}],
                           "nodeInfo": {"kubeletVersion": KUBELET_VERSION, "kubeProxyVersion": KUBELET_VERSION,
                                        "operatingSystem": "linux", "architecture": "amd64",
                                        "containerRuntimeVersion": "containerd://1.7.22",
                                        "osImage": "Amazon Linux 2", "kernelVersion": "5.10.226-214.880.amzn2.x86_64"}}}
        c.api.create_object(c.rt(*NODE), node, "eks-fargate-scheduler")
        ann = capacity_annotation(pod["spec"])

        def bind(p):
            p["spec"]["nodeName"] = node_name
            p["metadata"].setdefault("annotations", {})["CapacityProvisioned"] = ann
            p["metadata"]["annotations"].setdefault("Logging", "LoggingDisabled: LOGGING_CONFIGMAP_NOT_FOUND")
            _cond(p, "PodScheduled", "True")
            st = p["status"]
            st["hostIP"] = ip
            st["hostIPs"] = [{"ip": ip}]
            st["containerStatuses"] = [
                {"name": ct["name"], "image": ct.get("image", ""), "imageID": "", "ready": False, "restartCount": 0,
                 "started": False, "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {}}
                for ct in p["spec"].get("containers") or []]

        if self._write(pod, bind):
            c.record_event(pod, "Normal", "Scheduled", f"Successfully assigned {pod['metadata']['namespace']}/{pod['metadata']['name']} to {node_name}",
                           SCHEDULER)
            c.record_event(pod, "Normal", "LoggingEnabled", "Disabled logging because aws-logging configmap was not found. configmap \"aws-logging\" not found",
                           SCHEDULER)

    def _write(self, pod, mutate):
        store = self.cluster.store
        rt = self.cluster.rt(*POD)
        with store.lock:
            cur = store.get(rt, pod["metadata"]["namespace"], pod["metadata"]["name"])
            if cur is None or cur["metadata"]["uid"] != pod["metadata"]["uid"]:
                return False
            mutate(cur)
            cur["metadata"].pop("resourceVersion", None)
            store.update(rt, cur)
            return True
