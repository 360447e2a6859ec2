"""Jobs: start `parallelism` pods (up to `completions`) and report them active.

Containers do not exit in this emulator yet, so Jobs stay active; a later controller (or a
test) may finish pods by setting their phase, which is then counted as succeeded/failed.
"""

import copy

from ..store import now_rfc3339
from ..validation import random_suffix
from .owned import OwnerController, owned_by, owner_ref

JOB = ("batch", "jobs")
POD = ("", "pods")


class JobController(OwnerController):
    name = "job"
    watches = (JOB, POD)
    owner_kind = "Job"

    def reconcile(self, ns, name):
        c = self.cluster
        store = c.store
        job_rt, pod_rt = c.rt(*JOB), c.rt(*POD)
        job = store.get(job_rt, ns, name)
        if job is None or job["metadata"].get("deletionTimestamp") or (job.get("spec") or {}).get("suspend"):
            return
        spec = job["spec"]
        pods, _ = store.list(pod_rt, ns, lambda p: owned_by(p, job))
        succeeded = sum(1 for p in pods if (p.get("status") or {}).get("phase") == "Succeeded")
        failed = sum(1 for p in pods if (p.get("status") or {}).get("phase") == "Failed")
        active = [p for p in pods if (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
        completions = spec.get("completions", 1)
        want = max(0, min(spec.get("parallelism", 1), completions - succeeded) - len(active))
        if failed > spec.get("backoffLimit", 6):
            want = 0
        for _ in range(want):
            tmpl = copy.deepcopy(spec.get("template") or {})
            md = tmpl.get("metadata") or {}
            labels = dict(md.get("labels") or {})
            labels.update({"batch.kubernetes.io/controller-uid": job["metadata"]["uid"], "batch.kubernetes.io/job-name": name,
                           "controller-uid": job["metadata"]["uid"], "job-name": name})
            pod = {"metadata": {"name": f"{name}-{random_suffix()}", "namespace": ns, "labels": labels,
                                "ownerReferences": [owner_ref(job, "batch/v1", "Job")]},
                   "spec": tmpl.get("spec") or {}}
            if md.get("annotations"):
                pod["metadata"]["annotations"] = dict(md["annotations"])
            created = c.api.create_object(pod_rt, pod, "kube-controller-manager")
            active.append(created)
            c.record_event(job, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}", "job-controller")
        with store.lock:
            cur = store.get(job_rt, ns, name)
            if cur is None:
                return
            st = copy.deepcopy(cur.get("status") or {})
            st.setdefault("startTime", now_rfc3339())
            st["active"] = len(active)
            ready = sum(1 for p in active if any(x.get("type") == "Ready" and x.get("status") == "True"
                                                 for x in (p.get("status") or {}).get("conditions") or []))
            st["ready"] = ready
            st["uncountedTerminatedPods"] = {}
            if succeeded:
                st["succeeded"] = succeeded
            if failed:
                st["failed"] = failed
            if succeeded >= completions and not any(x.get("type") == "Complete" for x in st.get("conditions") or []):
                t = now_rfc3339()
                st["completionTime"] = t
                st["conditions"] = (st.get("conditions") or []) + [
                    {"type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": t, "lastTransitionTime": t},
                    {"type": "Complete", "status": "True", "lastProbeTime": t, "lastTransitionTime": t}]
                c.record_event(cur, "Normal", "Completed", "Job completed", "job-controller")
            if st != cur.get("status"):
                cur["status"] = st
                cur["metadata"].pop("resourceVersion", None)
                store.update(job_rt, cur)
