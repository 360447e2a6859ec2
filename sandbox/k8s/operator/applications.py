"""The Spark Operator stand-in's SparkApplication controller.

States as the operator's v1beta2 types name them: "" (new) → SUBMITTED → RUNNING →
SUCCEEDING → COMPLETED, or → FAILING → FAILED; SUBMISSION_FAILED when spark-submit (or
the scripted submission) fails; PENDING_RERUN before a retry (restartPolicy OnFailure with
onFailureRetries / onSubmissionFailureRetries and their intervals, or Always). Status is
filled as the operator fills it (submissionID, sparkApplicationId, driverInfo,
executorState, submissionAttempts, executionAttempts, lastSubmissionAttemptTime,
terminationTime, applicationState.errorMessage); `timeToLiveSeconds` deletes a finished
application. Intervals and TTLs run on cluster time (scaled by the latency profile).
"""

import copy
import logging
import queue
import threading
import time
import uuid

from .. import errors
from ..controllers.base import Controller
from ..controllers.timing import time_scale
from ..store import now_rfc3339
from . import detect, submit, validate
from . import executors as executors_mod

log = logging.getLogger("sandbox.k8s.operator")
POD = ("", "pods")
DRIVER_GRACE = 10.0  # --driver-pod-creation-grace-period


def _state(app):
    return (((app.get("status") or {}).get("applicationState")) or {}).get("state", "")


class SparkApplications(Controller):
    name = "spark-operator"
    watches = (detect.APPS, POD, detect.DEPLOY, ("", "services"), ("apiextensions.k8s.io", "customresourcedefinitions"))

    def setup(self, cluster):
        super().setup(cluster)
        self._dirty = set()
        self._due = {}  # (ns, name) -> monotonic time to look again
        self._inflight = {}  # (ns, name) -> submission id of a running spark-submit
        self._results = queue.Queue()
        self._executors_made = set()  # driver pod uids whose scripted executors exist
        self.operator = None

    def resync(self):
        self._dirty = set()
        self._due = {}
        self._executors_made = set()
        self._scan()

    def _scan(self):
        if self.cluster.registry.get(*detect.APPS) is None:
            return
        items, _ = self.cluster.store.list(self.cluster.rt(*detect.APPS))
        self._dirty |= {(a["metadata"]["namespace"], a["metadata"]["name"]) for a in items}

    def on_event(self, ev):
        md = ev.obj["metadata"]
        if ev.rt.key == detect.APPS:
            if ev.type != "DELETED":
                self._dirty.add((md["namespace"], md["name"]))
        elif ev.rt.key == POD:
            app = (md.get("labels") or {}).get(submit.L_APP)
            if app:
                self._dirty.add((md["namespace"], app))
        else:
            self._refresh()
            self._scan()

    def _refresh(self):
        self.operator = detect.find(self.cluster) if self.cluster.registry.get(*detect.APPS) is not None else None
        for k in [k for k, v in self.cluster.webhook_servers.items() if getattr(v, "stand_in", False)]:
            del self.cluster.webhook_servers[k]
        if self.operator is not None:
            self._serve_webhook()

    def tick(self, now):
        while not self._results.empty():
            key, sid, ok, err = self._results.get()
            self._inflight.pop(key, None)
            self._submitted(key, sid, ok, err)
        for key, at in list(self._due.items()):
            if now >= at:
                self._due.pop(key, None)
                self._dirty.add(key)
        if not self._dirty or self.cluster.registry.get(*detect.APPS) is None:
            return
        self._refresh()
        if self.operator is None:
            self._dirty.clear()  # the operator's own start rescans
            return
        dirty, self._dirty = self._dirty, set()
        for key in sorted(dirty):
            if key not in self._inflight:
                self._reconcile(key, now)

    def _serve_webhook(self):
        from .webhook import handler

        op = self.operator
        labels = dict(op.webhook_labels)
        items, _ = self.cluster.store.list(self.cluster.rt("", "services"), op.namespace)
        for svc in items:
            sel = (svc.get("spec") or {}).get("selector") or {}
            if sel and labels and all(labels.get(k) == v for k, v in sel.items()) and "webhook" in svc["metadata"]["name"]:
                serve = handler(op.generation)
                serve.stand_in = True
                self.cluster.webhook_servers[(op.namespace, svc["metadata"]["name"])] = serve

    # -- the state machine ---------------------------------------------------------------

    def _reconcile(self, key, now):
        c = self.cluster
        app = c.store.get(c.rt(*detect.APPS), *key)
        if app is None or app["metadata"].get("deletionTimestamp"):
            return
        state = _state(app)
        handler = {"": self._new, "SUBMITTED": self._running, "RUNNING": self._running, "SUCCEEDING": self._succeeding,
                   "FAILING": self._failing, "SUBMISSION_FAILED": self._submission_failed, "PENDING_RERUN": self._rerun,
                   "COMPLETED": self._terminated, "FAILED": self._terminated}.get(state)
        if handler:
            handler(key, app, now)

    def _new(self, key, app, now):
        if self.operator.generation == 1:
            err = validate.errors_v1(app)
            if err:
                self._set(key, lambda st: st.update({"applicationState": {"state": "FAILED", "errorMessage": err}}),
                          ("Warning", "SparkApplicationFailed", f"SparkApplication {key[1]} failed: {err}"))
                return
        self._submit(key, app)

    def _submit(self, key, app):
        sid = str(uuid.uuid4())
        runner = self.cluster.spark_runner
        if runner is not None and runner.can_run(app):
            self._inflight[key] = sid
            threading.Thread(target=self._spark_submit, args=(key, copy.deepcopy(app), sid, self.operator),
                             name=f"spark-submit-{key[1]}", daemon=True).start()
            return
        try:
            submit.scripted_submit(self.cluster, app, sid)
            self._submitted(key, sid, True, "")
        except errors.APIError as e:
            ns = app["metadata"]["namespace"]
            self._submitted(key, sid, False, 'Exception in thread "main" io.fabric8.kubernetes.client.KubernetesClientException: '
                            f"Failure executing: POST at: https://kubernetes.default.svc/api/v1/namespaces/{ns}/pods. "
                            f"Message: {e.message}.")

    def _spark_submit(self, key, app, sid, operator):
        runner = self.cluster.spark_runner
        d = None
        try:
            d, token, ca = submit.submission_credentials(self.cluster, operator)
            args = submit.command_args(app, f"k8s://{runner.api_url}", sid, token, ca)
            ok, err = submit.run_spark_submit(runner.spark_home, args, runner.submit_env())
        except Exception as e:  # reported as the operator reports a failed spark-submit
            ok, err = False, str(e)
        finally:
            if d:
                submit.cleanup(d)
        self._results.put((key, sid, ok, err))
        self.cluster.manager.kick()

    def _submitted(self, key, sid, ok, err):
        app = self.cluster.store.get(self.cluster.rt(*detect.APPS), *key)
        if app is None:
            return
        st0 = app.get("status") or {}
        t = now_rfc3339()
        if ok:
            new = {"submissionID": sid, "applicationState": {"state": "SUBMITTED"},
                   "driverInfo": {"podName": submit.driver_pod_name(app)},
                   "submissionAttempts": st0.get("submissionAttempts", 0) + 1,
                   "executionAttempts": st0.get("executionAttempts", 0) + 1, "lastSubmissionAttemptTime": t}
            self._replace(key, new, ("Normal", "SparkApplicationSubmitted",
                                     f"SparkApplication {key[1]} was submitted successfully"))
            self._due[key] = time.monotonic() + DRIVER_GRACE * time_scale(self.cluster)
            return
        if self.operator and self.operator.generation == 1:
            msg = f"failed to run spark-submit for SparkApplication {key[0]}/{key[1]}: {err}"
        else:
            msg = f"failed to submit spark application: failed to run spark-submit: {err}"
        new = {"applicationState": {"state": "SUBMISSION_FAILED", "errorMessage": msg},
               "submissionAttempts": st0.get("submissionAttempts", 0) + 1, "lastSubmissionAttemptTime": t,
               "executionAttempts": st0.get("executionAttempts", 0)}
        self._replace(key, new, ("Warning", "SparkApplicationSubmissionFailed",
                                 f"failed to submit SparkApplication {key[1]}: {msg}"))
        self._dirty.add(key)

    def _driver(self, app):
        name = ((app.get("status") or {}).get("driverInfo") or {}).get("podName") or submit.driver_pod_name(app)
        return self.cluster.store.get(self.cluster.rt(*POD), app["metadata"]["namespace"], name)

    def _running(self, key, app, now):
        driver = self._driver(app)
        state = _state(app)
        if driver is None:
            if state == "SUBMITTED" and key in self._due:
                return  # within the driver pod creation grace period
            self._set(key, lambda st: st.update({"applicationState": {"state": "FAILING", "errorMessage": "driver pod not found"},
                                                 "terminationTime": now_rfc3339()}))
            self._dirty.add(key)
            return
        phase = (driver.get("status") or {}).get("phase")
        labels = driver["metadata"].get("labels") or {}
        if phase == "Running" and (driver["metadata"].get("annotations") or {}).get(submit.SCRIPTED):
            if driver["metadata"]["uid"] not in self._executors_made:
                self._executors_made.add(driver["metadata"]["uid"])
                executors_mod.scripted_executors(self.cluster, app, driver)
        new_state, err = state, None
        if phase == "Running":
            new_state = "RUNNING"
        elif phase == "Succeeded":
            new_state = "SUCCEEDING"
        elif phase == "Failed":
            new_state = "FAILING"
            term = next((cs["state"]["terminated"] for cs in driver["status"].get("containerStatuses") or []
                         if cs.get("name") == "spark-kubernetes-driver" and "terminated" in (cs.get("state") or {})), None)
            err = (f"driver container failed with ExitCode: {term['exitCode']}, Reason: {term['reason']}" if term
                   else "driver container status missing")
        executors = executors_mod.executor_states(self.cluster, app, new_state)
        ui_ip = executors_mod.ui_service(self.cluster, app, driver)

        def mutate(st):
            st["sparkApplicationId"] = labels.get("spark-app-selector", st.get("sparkApplicationId", ""))
            info = st.setdefault("driverInfo", {})
            info["podName"] = driver["metadata"]["name"]
            info["webUIServiceName"] = f"{key[1]}-ui-svc"
            info["webUIPort"] = 4040
            if ui_ip:
                info["webUIAddress"] = f"{ui_ip}:4040"
            st["executorState"] = executors
            if new_state != state:
                st["applicationState"] = {"state": new_state, **({"errorMessage": err} if err else {})}
                if new_state in ("SUCCEEDING", "FAILING"):
                    st["terminationTime"] = now_rfc3339()

        events = {"RUNNING": ("Normal", "SparkDriverRunning", f"Driver {driver['metadata']['name']} is running"),
                  "SUCCEEDING": ("Normal", "SparkDriverCompleted", f"Driver {driver['metadata']['name']} completed"),
                  "FAILING": ("Warning", "SparkDriverFailed", f"Driver {driver['metadata']['name']} failed")}
        self._set(key, mutate, events.get(new_state) if new_state != state else None)
        if new_state in ("SUCCEEDING", "FAILING"):
            executors_mod.end_executors(self.cluster, driver)
            self._dirty.add(key)

    def _succeeding(self, key, app, now):
        if ((app["spec"].get("restartPolicy") or {}).get("type")) == "Always":
            self._to_rerun(key, app)
            return
        self._set(key, lambda st: st["applicationState"].update({"state": "COMPLETED"}),
                  ("Normal", "SparkApplicationCompleted", f"SparkApplication {key[1]} completed"))
        self._dirty.add(key)

    def _retry(self, app, attempts_key, retries_key, interval_key):
        policy = app["spec"].get("restartPolicy") or {}
        kind = policy.get("type", "Never")
        if kind == "Always":
            return 0.0
        if kind != "OnFailure":
            return None
        limit = policy.get(retries_key)
        if limit is None or (app.get("status") or {}).get(attempts_key, 0) > int(limit):
            return None
        return float(policy.get(interval_key) or 5)

    def _failing(self, key, app, now):
        interval = self._retry(app, "executionAttempts", "onFailureRetries", "onFailureRetryInterval")
        if interval is None:
            msg = ((app.get("status") or {}).get("applicationState") or {}).get("errorMessage", "")
            self._set(key, lambda st: st["applicationState"].update({"state": "FAILED"}),
                      ("Warning", "SparkApplicationFailed", f"SparkApplication {key[1]} failed: {msg}"))
            self._dirty.add(key)
            return
        self._after(key, "retry", interval, lambda: self._to_rerun(key, app))

    def _submission_failed(self, key, app, now):
        interval = self._retry(app, "submissionAttempts", "onSubmissionFailureRetries", "onSubmissionFailureRetryInterval")
        if interval is None:
            self._set(key, lambda st: st["applicationState"].update({"state": "FAILED"}),
                      ("Warning", "SparkApplicationFailed", f"SparkApplication {key[1]} failed"))
            self._dirty.add(key)
            return
        self._after(key, "retry", interval, lambda: self._to_rerun(key, app))

    def _after(self, key, what, seconds, action):
        """Run `action` once `seconds` of cluster time passed since this was first asked."""
        timers = self.__dict__.setdefault("_timers", {})
        tkey = (key, what, _state(self.cluster.store.get(self.cluster.rt(*detect.APPS), *key) or {}))
        due = timers.setdefault(tkey, time.monotonic() + seconds * time_scale(self.cluster))
        if time.monotonic() >= due:
            timers.pop(tkey, None)
            action()
        else:
            self._due[key] = due

    def _to_rerun(self, key, app):
        self._delete_resources(app)
        self._set(key, lambda st: (st.update({"applicationState": {"state": "PENDING_RERUN"}, "executorState": {}}),
                                   st.pop("terminationTime", None), st.pop("sparkApplicationId", None)))
        self._dirty.add(key)

    def _rerun(self, key, app, now):
        if self._driver(app) is not None:
            self._due[key] = time.monotonic() + 0.1
            return
        self._submit(key, app)

    def _delete_resources(self, app):
        c = self.cluster
        driver = self._driver(app)
        if driver is not None:
            c.store.delete_pod(c.rt(*POD), driver["metadata"]["namespace"], driver["metadata"]["name"])

    def _terminated(self, key, app, now):
        executors = executors_mod.executor_states(self.cluster, app, _state(app))
        self._set(key, lambda st: st.update({"executorState": executors}) if executors else None)
        ttl = app["spec"].get("timeToLiveSeconds")
        if ttl is None:
            return

        def expire():
            c = self.cluster
            try:
                c.store.delete(c.rt(*detect.APPS), *key)
            except errors.APIError:
                pass

        self._after(key, "ttl", float(ttl), expire)

    # -- status writes -------------------------------------------------------------------

    def _replace(self, key, status, event=None):
        self._set(key, lambda st: (st.clear(), st.update(status)), event)

    def _set(self, key, mutate, event=None):
        c = self.cluster
        rt = c.rt(*detect.APPS)
        with c.store.lock:
            app = c.store.get(rt, *key)
            if app is None:
                return
            st = copy.deepcopy(app.get("status") or {})
            st.setdefault("applicationState", {"state": ""})
            mutate(st)
            if st == app.get("status"):
                return
            app["status"] = st
            app["metadata"].pop("resourceVersion", None)
            c.store.update(rt, app)
        if event:
            c.record_event(app, event[0], event[1], event[2], "spark-operator")
