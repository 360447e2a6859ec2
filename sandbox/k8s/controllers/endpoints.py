"""Endpoints: each Service with a selector lists the IPs of its ready pods."""

from ..store import now_rfc3339
from .base import Controller
from .owned import pod_ready

SVC = ("", "services")
EP = ("", "endpoints")
POD = ("", "pods")


class EndpointsController(Controller):
    name = "endpoints"
    watches = (SVC, POD)

    def setup(self, cluster):
        super().setup(cluster)
        self._dirty_ns = set()

    def resync(self):
        items, _ = self.cluster.store.list(self.cluster.rt(*SVC))
        self._dirty_ns = {s["metadata"]["namespace"] for s in items}

    def on_event(self, ev):
        self._dirty_ns.add(ev.obj["metadata"].get("namespace"))

    def tick(self, now):
        dirty, self._dirty_ns = self._dirty_ns, set()
        for ns in sorted(n for n in dirty if n):
            self._sync(ns)

    def _sync(self, ns):
        c = self.cluster
        store = c.store
        services, _ = store.list(c.rt(*SVC), ns)
        if not services:
            return
        pods, _ = store.list(c.rt(*POD), ns)
        for svc in services:
            sel = (svc.get("spec") or {}).get("selector")
            if not sel or svc["metadata"]["name"] == "kubernetes":
                continue
            matching = [p for p in pods if all((p["metadata"].get("labels") or {}).get(k) == v for k, v in sel.items())
                        and (p.get("status") or {}).get("podIP")]
            ready = [self._address(p) for p in matching if pod_ready(p)]
            not_ready = [self._address(p) for p in matching if not pod_ready(p)]
            ports = [{k: v for k, v in (("name", pt.get("name")), ("port", pt.get("targetPort") if isinstance(pt.get("targetPort"), int) else pt.get("port")),
                                        ("protocol", pt.get("protocol", "TCP"))) if v is not None}
                     for pt in (svc["spec"].get("ports") or [])]
            subsets = []
            if ready or not_ready:
                sub = {"ports": ports}
                if ready:
                    sub["addresses"] = ready
                if not_ready:
                    sub["notReadyAddresses"] = not_ready
                subsets.append(sub)
            self._write(svc, subsets)

    @staticmethod
    def _address(p):
        return {"ip": p["status"]["podIP"], "nodeName": p["spec"].get("nodeName"),
                "targetRef": {"kind": "Pod", "namespace": p["metadata"]["namespace"], "name": p["metadata"]["name"],
                              "uid": p["metadata"]["uid"]}}

    def _write(self, svc, subsets):
        c = self.cluster
        ep_rt = c.rt(*EP)
        md = svc["metadata"]
        with c.store.lock:
            cur = c.store.get(ep_rt, md["namespace"], md["name"])
            if cur is None:
                obj = {"metadata": {"name": md["name"], "namespace": md["namespace"], "labels": dict(md.get("labels") or {}),
                                    "annotations": {"endpoints.kubernetes.io/last-change-trigger-time": now_rfc3339()}}}
                if subsets:
                    obj["subsets"] = subsets
                c.api.create_object(ep_rt, obj, "endpoint-controller")
            elif (cur.get("subsets") or []) != subsets:
                if subsets:
                    cur["subsets"] = subsets
                else:
                    cur.pop("subsets", None)
                cur["metadata"].pop("resourceVersion", None)
                c.store.update(ep_rt, cur)
