"""Jobs: start `parallelism` pods (up to `completions`), count what they end as, retry
failed pods after the job controller's back-off (10 s doubling, at most 6 min, scaled by
the latency profile), and finish the Job as Complete, or as Failed once more pods failed
than `backoffLimit` allows (BackoffLimitExceeded) or `activeDeadlineSeconds` passed."""

import copy
import time

from ..store import now_rfc3339
from ..validation import random_suffix
from .owned import OwnerController, owned_by, owner_ref, pod_ready
from .timing import time_scale

JOB = ("batch", "jobs")
POD = ("", "pods")
BACKOFF_START = 10.0
BACKOFF_MAX = 360.0


def _has(st, type_):
    return any(x.get("type") == type_ and x.get("status") == "True" for x in st.get("conditions") or [])


class JobController(OwnerController):
    name = "job"
    watches = (JOB, POD)
    owner_kind = "Job"

    def setup(self, cluster):
        super().setup(cluster)
        self._retry_at = {}  # (ns, name) -> monotonic time the next pod may start
        self._failed_seen = {}  # (ns, name) -> failed pods counted so far

    def tick(self, now):
        for key, at in list(self._retry_at.items()):
            if now >= at:
                self._retry_at.pop(key, None)
                self._dirty.add(key)
        super().tick(now)

    def reconcile(self, ns, name):
        c = self.cluster
        store = c.store
        job_rt, pod_rt = c.rt(*JOB), c.rt(*POD)
        job = store.get(job_rt, ns, name)
        if job is None or job["metadata"].get("deletionTimestamp") or (job.get("spec") or {}).get("suspend"):
            return
        st0 = job.get("status") or {}
        if _has(st0, "Complete") or _has(st0, "Failed"):
            return
        spec = job["spec"]
        pods, _ = store.list(pod_rt, ns, lambda p: owned_by(p, job))
        succeeded = sum(1 for p in pods if (p.get("status") or {}).get("phase") == "Succeeded")
        failed = sum(1 for p in pods if (p.get("status") or {}).get("phase") == "Failed")
        active = [p for p in pods if (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
                  and not p["metadata"].get("deletionTimestamp")]
        completions = spec.get("completions", 1)
        limit = spec.get("backoffLimit", 6)
        failure = None
        if failed > limit:
            failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
        deadline = spec.get("activeDeadlineSeconds")
        if deadline and st0.get("startTime") and _age(st0["startTime"]) > deadline:
            failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
        want = 0 if failure else max(0, min(spec.get("parallelism", 1), completions - succeeded) - len(active))
        key = (ns, name)
        if failed > self._failed_seen.get(key, 0):
            self._failed_seen[key] = failed
            if want:
                delay = min(BACKOFF_START * 2 ** (failed - 1), BACKOFF_MAX) * time_scale(c)
                self._retry_at[key] = time.monotonic() + delay
        if key in self._retry_at:
            want = 0
        for _ in range(want):
            created = c.api.create_object(pod_rt, self._pod(job, ns, name), "kube-controller-manager")
            active.append(created)
            c.record_event(job, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}", "job-controller")
        if failure:
            for p in active:
                store.delete_pod(pod_rt, ns, p["metadata"]["name"])
                c.record_event(job, "Normal", "SuccessfulDelete", f"Deleted pod: {p['metadata']['name']}", "job-controller")
            active = []
        self._write_status(ns, name, active, succeeded, failed, completions, failure)

    def _pod(self, job, ns, name):
        tmpl = copy.deepcopy(job["spec"].get("template") or {})
        md = tmpl.get("metadata") or {}
        labels = dict(md.get("labels") or {})
        labels.update({"batch.kubernetes.io/controller-uid": job["metadata"]["uid"], "batch.kubernetes.io/job-name": name,
                       "controller-uid": job["metadata"]["uid"], "job-name": name})
        pod = {"metadata": {"name": f"{name}-{random_suffix()}", "namespace": ns, "labels": labels,
                            "ownerReferences": [owner_ref(job, "batch/v1", "Job")]},
               "spec": tmpl.get("spec") or {}}
        if md.get("annotations"):
            pod["metadata"]["annotations"] = dict(md["annotations"])
        return pod

    def _write_status(self, ns, name, active, succeeded, failed, completions, failure):
        c = self.cluster
        store, job_rt = c.store, c.rt(*JOB)
        with store.lock:
            cur = store.get(job_rt, ns, name)
            if cur is None:
                return
            st = copy.deepcopy(cur.get("status") or {})
            st.setdefault("startTime", now_rfc3339())
            st["active"] = len(active)
            st["ready"] = sum(1 for p in active if pod_ready(p))
            st["uncountedTerminatedPods"] = {}
            if succeeded:
                st["succeeded"] = succeeded
            if failed:
                st["failed"] = failed
            t = now_rfc3339()
            if failure and not _has(st, "Failed"):
                reason, message = failure
                st["active"] = 0
                st["conditions"] = (st.get("conditions") or []) + [
                    {"type": "FailureTarget", "status": "True", "reason": reason, "message": message,
                     "lastProbeTime": t, "lastTransitionTime": t},
                    {"type": "Failed", "status": "True", "reason": reason, "message": message,
                     "lastProbeTime": t, "lastTransitionTime": t}]
                c.record_event(cur, "Warning", reason, message, "job-controller")
            elif succeeded >= completions and not _has(st, "Complete"):
                st["completionTime"] = t
                st["conditions"] = (st.get("conditions") or []) + [
                    {"type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": t, "lastTransitionTime": t},
                    {"type": "Complete", "status": "True", "lastProbeTime": t, "lastTransitionTime": t}]
                c.record_event(cur, "Normal", "Completed", "Job completed", "job-controller")
            if st != cur.get("status"):
                cur["status"] = st
                cur["metadata"].pop("resourceVersion", None)
                store.update(job_rt, cur)


def _age(ts):
    import calendar

    return time.time() - calendar.timegm(time.strptime(ts[:19], "%Y-%m-%dT%H:%M:%S"))
