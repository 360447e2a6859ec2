"""ScheduledSparkApplications: a SparkApplication from the template at each cron activation.

Cluster time runs at the latency profile's scale (in `fast` a cron minute passes in 1.2 s).
`concurrencyPolicy`: Allow runs regardless, Forbid skips an activation while the last run
has not finished, Replace deletes the unfinished run first. `suspend` skips activations.
Finished runs beyond `successfulRunHistoryLimit` / `failedRunHistoryLimit` (default 1 each)
are deleted, newest kept; their names are listed in `pastSuccessfulRunNames` /
`pastFailedRunNames`. A bad schedule sets `scheduleState: FailedValidation` with the reason.
"""

import copy
import datetime as dt
import time

from .. import errors
from ..controllers.base import Controller
from ..controllers.owned import owned_by, owner_ref
from ..controllers.timing import time_scale
from . import cron, detect

LABEL = "sparkoperator.k8s.io/scheduled-app-name"
DONE = ("COMPLETED", "FAILED")


def _fmt(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ScheduledApplications(Controller):
    name = "spark-operator-scheduled"
    watches = (detect.SCHEDULED, detect.APPS)

    def setup(self, cluster):
        super().setup(cluster)
        self._anchor = (time.time(), time.monotonic())
        self._next = {}  # (ns, name, uid) -> (cron text, tz, next activation in cluster time)

    def resync(self):
        self._anchor = (time.time(), time.monotonic())
        self._next = {}

    def cluster_now(self):
        wall, mono = self._anchor
        scale = time_scale(self.cluster) or 1.0
        return dt.datetime.fromtimestamp(wall + (time.monotonic() - mono) / scale, dt.timezone.utc)

    def tick(self, now):
        c = self.cluster
        if c.registry.get(*detect.SCHEDULED) is None or c.registry.get(*detect.APPS) is None:
            return
        if not detect.crd_established(c, "scheduledsparkapplications") or detect.find(c) is None:
            return
        items, _ = c.store.list(c.rt(*detect.SCHEDULED))
        vnow = self.cluster_now()
        live = set()
        for sched in items:
            md = sched["metadata"]
            key = (md["namespace"], md["name"], md["uid"])
            live.add(key)
            if not md.get("deletionTimestamp"):
                self._one(key, sched, vnow)
        for key in set(self._next) - live:
            self._next.pop(key, None)

    def _one(self, key, sched, vnow):
        spec = sched.get("spec") or {}
        text, tz = spec.get("schedule") or "", spec.get("timeZone")
        known = self._next.get(key)
        if known is None or known[0] != text or known[1] != tz:
            try:
                nxt = cron.Schedule(text, tz).next(vnow)
            except cron.CronError as e:
                self._status(sched, {"scheduleState": "FailedValidation", "reason": f"failed to parse schedule {text}: {e}"})
                return
            self._next[key] = (text, tz, nxt)
            self._status(sched, {"scheduleState": "Scheduled", "nextRun": _fmt(nxt)})
            self._history(sched)
            return
        self._history(sched)
        nxt = known[2]
        if vnow < nxt:
            return
        following = cron.Schedule(text, tz).next(vnow)
        self._next[key] = (text, tz, following)
        update = {"scheduleState": "Scheduled", "nextRun": _fmt(following)}
        if not spec.get("suspend") and self._may_run(sched):
            name = self._run(sched, nxt)
            if name:
                update.update({"lastRun": _fmt(nxt), "lastRunName": name})
        self._status(sched, update)

    def _runs(self, sched):
        c = self.cluster
        items, _ = c.store.list(c.rt(*detect.APPS), sched["metadata"]["namespace"], lambda a: owned_by(a, sched))
        return items

    def _may_run(self, sched):
        policy = (sched.get("spec") or {}).get("concurrencyPolicy", "Allow")
        running = [a for a in self._runs(sched) if _app_state(a) not in DONE]
        if not running or policy == "Allow":
            return True
        if policy == "Forbid":
            return False
        c = self.cluster
        for a in running:  # Replace
            try:
                c.store.delete(c.rt(*detect.APPS), a["metadata"]["namespace"], a["metadata"]["name"])
            except errors.APIError:
                pass
        return True

    def _run(self, sched, at):
        c = self.cluster
        md = sched["metadata"]
        name = f"{md['name']}-{int(at.timestamp() * 1e9)}"
        tmpl = copy.deepcopy((sched.get("spec") or {}).get("template") or {})
        app = {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",
               "metadata": {"name": name, "namespace": md["namespace"], "labels": {**(md.get("labels") or {}), LABEL: md["name"]},
                            "ownerReferences": [owner_ref(sched, sched["apiVersion"], sched["kind"])]},
               "spec": tmpl}
        try:
            c.api.create_object(c.rt(*detect.APPS), app, "spark-operator")
        except errors.APIError as e:
            self._status(sched, {"reason": e.message})
            return None
        return name

    def _history(self, sched):
        spec = sched.get("spec") or {}
        runs = sorted(self._runs(sched), key=lambda a: a["metadata"].get("creationTimestamp", ""), reverse=True)
        keep = {"COMPLETED": int(spec.get("successfulRunHistoryLimit", 1)), "FAILED": int(spec.get("failedRunHistoryLimit", 1))}
        past = {"COMPLETED": [], "FAILED": []}
        c = self.cluster
        for a in runs:
            st = _app_state(a)
            if st not in DONE:
                continue
            if len(past[st]) < keep[st]:
                past[st].append(a["metadata"]["name"])
            else:
                try:
                    c.store.delete(c.rt(*detect.APPS), a["metadata"]["namespace"], a["metadata"]["name"])
                except errors.APIError:
                    pass
        self._status(sched, {"pastSuccessfulRunNames": past["COMPLETED"], "pastFailedRunNames": past["FAILED"]})

    def _status(self, sched, fields):
        c = self.cluster
        rt = c.rt(*detect.SCHEDULED)
        with c.store.lock:
            cur = c.store.get(rt, sched["metadata"]["namespace"], sched["metadata"]["name"])
            if cur is None or cur["metadata"]["uid"] != sched["metadata"]["uid"]:
                return
            st = dict(cur.get("status") or {})
            for k, v in fields.items():
                if v in ([], None):
                    st.pop(k, None)
                else:
                    st[k] = v
            if st == (cur.get("status") or {}):
                return
            cur["status"] = st
            cur["metadata"].pop("resourceVersion", None)
            c.store.update(rt, cur)


def _app_state(app):
    return (((app.get("status") or {}).get("applicationState")) or {}).get("state", "")
