"""One emulated cluster: state, API semantics, auth, controllers, and the hooks between them."""

import base64
import copy
import ipaddress
import json
import logging
import threading
import time

from . import errors, fargate, irsa
from .api import API, Response, new_token
from .auth import Authenticator
from .awsside import AWSSide
from .fargate_auth import FargateAuth, FargateAuthSync
from .logstore import LogStore
from .rbac import RBAC
from .registry import Registry
from .observability import Observability
from .podips import PodIPs
from .store import Store, now_rfc3339
from .webhooks import call_webhooks

log = logging.getLogger("sandbox.k8s")


class Cluster:
    def __init__(self, name="spark-eks-cluster", aws_side=None, admin_token=None, ca_pem=b"", aws_endpoint=None,
                 controllers=True):
        self.name = name
        self.store = Store()
        self.registry = Registry()
        self.logs = LogStore()
        self.aws = aws_side or AWSSide(cluster_name=name)
        self.admin_token = admin_token or new_token()
        self.ca_pem = ca_pem
        self.api = API(self)
        self.rbac = RBAC(self.store, self.registry)
        self._sa_tokens = {}  # token -> (ns, sa name, secret name or None, expiry or None)
        self._tok_lock = threading.Lock()
        self._next_ip = 100
        self.registry_url = None  # --registry-url: the kubelet checks images of that host:port
        self.registry_upstream = None  # --registry-upstream: the registry behind that host's auth front
        self.spark_runner = None  # a SparkRunner when Spark runs for real (sandbox.k8s.spark)
        self.pod_ips = PodIPs()
        self.webhook_servers = {}  # (namespace, service) -> in-process webhook server (review -> response)
        self.observability = Observability(self)
        self.auth = Authenticator(name, aws_endpoint, self.admin_token, self.aws, self._aws_auth_data, self._sa_user)
        self.fargate_auth = FargateAuth(self)
        from .controllers import default_controllers
        from .controllers.base import Manager

        self.manager = Manager(self, default_controllers() + [FargateAuthSync()] if controllers else [])
        from .bootstrap import bootstrap

        bootstrap(self)

    def rt(self, group, plural):
        return self.registry.get(group, plural)

    def start(self):
        self.manager.start()

    def stop(self):
        self.manager.stop()

    def reset(self):
        """A fresh cluster: everything but the CA and tokens of this instance goes."""
        with self.store.lock:
            for rt in self.registry.all():
                if not rt.builtin:
                    self.registry.unregister_crd(rt.crd)
            self.store.reset()
            self.logs.reset()
            with self._tok_lock:
                self._sa_tokens.clear()
            self._next_ip = 100
            self.pod_ips = PodIPs()
            self.aws.invalidate()
            self.fargate_auth.reset()
            from .bootstrap import bootstrap

            bootstrap(self)
        self.manager.resync()

    # -- hooks used by the API layer ------------------------------------------------------

    def allocate_cluster_ip(self):
        with self.store.lock:
            self._next_ip += 1
            return str(ipaddress.ip_address("10.100.0.0") + self._next_ip)

    def allocate_pod_ip(self, uid):
        return self.pod_ips.allocate(uid)

    def release_pod_ip(self, uid):
        self.pod_ips.release(uid)

    def container_output(self, ns, pod, container, line):
        """A line a container wrote: its log, and CloudWatch Logs when Fargate's log router is configured."""
        self.logs.append(ns, pod, container, line)
        self.observability.forward(ns, pod, container, line)

    def admit(self, rt, obj, old, sub=""):
        """Admission: the built-in steps (EKS's Fargate and pod identity webhooks, token
        Secrets), then the cluster's own mutating and validating webhooks."""
        self._admit_builtin(rt, obj, old)
        call_webhooks(self, rt, obj, old, sub)

    def _admit_builtin(self, rt, obj, old):
        if not rt.builtin:
            return
        if rt.kind == "Pod" and old is None:
            fargate.admit_pod(self, obj)
            irsa.admit_pod(self, obj)
        if rt.kind == "Secret" and obj.get("type") == "kubernetes.io/service-account-token":
            self._fill_token_secret(obj)

    def _fill_token_secret(self, secret):
        md = secret["metadata"]
        sa = (md.get("annotations") or {}).get("kubernetes.io/service-account.name")
        if not sa:
            return
        data = secret.setdefault("data", {})
        if not data.get("token"):
            token = new_token()
            data["token"] = base64.b64encode(token.encode()).decode()
            data["namespace"] = base64.b64encode(md["namespace"].encode()).decode()
            data["ca.crt"] = base64.b64encode(self.ca_pem).decode()
        token = base64.b64decode(data["token"]).decode()
        with self._tok_lock:
            self._sa_tokens[token] = (md["namespace"], sa, md["name"], None)

    def issue_sa_token(self, ns, name, body):
        exp = int(((body or {}).get("spec") or {}).get("expirationSeconds") or 3600)
        token = new_token()
        expiry = time.time() + exp
        with self._tok_lock:
            self._sa_tokens[token] = (ns, name, None, expiry)
        return {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
                "metadata": {"name": name, "namespace": ns, "creationTimestamp": None},
                "spec": {"audiences": ["https://kubernetes.default.svc"], "expirationSeconds": exp, "boundObjectRef": None},
                "status": {"token": token,
                           "expirationTimestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expiry))}}

    def _sa_user(self, token):
        with self._tok_lock:
            hit = self._sa_tokens.get(token)
        if not hit:
            return None
        ns, sa, secret, expiry = hit
        if expiry and expiry < time.time():
            return None
        if self.store.get(self.rt("", "serviceaccounts"), ns, sa, copy_=False) is None:
            return None
        if secret and self.store.get(self.rt("", "secrets"), ns, secret, copy_=False) is None:
            return None
        return {"username": f"system:serviceaccount:{ns}:{sa}",
                "groups": ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"],
                "uid": "", "extra": {}}

    def _aws_auth_data(self):
        cm = self.store.get(self.rt("", "configmaps"), "kube-system", "aws-auth", copy_=False)
        return dict((cm or {}).get("data") or {})

    def namespace_finalized(self, ns_obj):
        self.manager.kick()

    def orphan_dependents(self, owner):
        uid = owner["metadata"].get("uid")
        for rt in self.registry.all():
            if not rt.namespaced and owner["metadata"].get("namespace"):
                continue
            items, _ = self.store.list(rt, owner["metadata"].get("namespace") or None)
            for o in items:
                refs = o["metadata"].get("ownerReferences") or []
                if any(r.get("uid") == uid for r in refs):
                    o["metadata"]["ownerReferences"] = [r for r in refs if r.get("uid") != uid]
                    if not o["metadata"]["ownerReferences"]:
                        del o["metadata"]["ownerReferences"]
                    self.store.update(rt, o)

    # -- reviews -------------------------------------------------------------------------

    def review(self, req, rt, obj):
        user = req.user
        spec = obj.get("spec") or {}
        out = copy.deepcopy(obj)
        out["apiVersion"], out["kind"] = rt.api_version(), rt.kind
        out.setdefault("metadata", {})["creationTimestamp"] = None
        if rt.plural in ("selfsubjectaccessreviews", "subjectaccessreviews"):
            if rt.plural == "subjectaccessreviews":
                if not self.rbac.allowed(user, {"verb": "create", "group": rt.group, "resource": rt.plural, "namespace": ""}):
                    raise errors.forbidden(rt.group, rt.plural, "", self.rbac.denial(user, {"verb": "create", "group": rt.group, "resource": rt.plural}))
                subject = {"username": spec.get("user", ""), "groups": list(spec.get("groups") or []) + ["system:authenticated"]}
            else:
                subject = user
            ra = spec.get("resourceAttributes")
            na = spec.get("nonResourceAttributes")
            if ra:
                attrs = {"verb": ra.get("verb", ""), "group": ra.get("group", ""), "resource": ra.get("resource", ""),
                         "subresource": ra.get("subresource", ""), "name": ra.get("name", ""), "namespace": ra.get("namespace", "")}
            else:
                attrs = {"verb": (na or {}).get("verb", ""), "path": (na or {}).get("path", "")}
            allowed = self.rbac.allowed(subject, attrs)
            status = {"allowed": allowed}
            if allowed and "system:masters" not in subject.get("groups", []):
                status["reason"] = "RBAC: allowed by a binding"
            out["status"] = status
            return out
        if rt.plural == "selfsubjectrulesreviews":
            ns = spec.get("namespace", "")
            rules = self.rbac.rules_for(user, ns)
            if "system:masters" in user.get("groups", []):
                rules = [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}, {"verbs": ["*"], "nonResourceURLs": ["*"]}]
            rr = [{"verbs": r.get("verbs", []), "apiGroups": r.get("apiGroups", []), "resources": r.get("resources", []),
                   **({"resourceNames": r["resourceNames"]} if r.get("resourceNames") else {})}
                  for r in rules if r.get("resources")]
            nr = [{"verbs": r.get("verbs", []), "nonResourceURLs": r["nonResourceURLs"]} for r in rules if r.get("nonResourceURLs")]
            out["status"] = {"resourceRules": rr, "nonResourceRules": nr, "incomplete": False}
            return out
        if rt.plural == "selfsubjectreviews":
            out["status"] = {"userInfo": {"username": user["username"], "groups": user.get("groups", []),
                                          **({"extra": user["extra"]} if user.get("extra") else {})}}
            return out
        if rt.plural == "tokenreviews":
            who = self.auth.authenticate("Bearer " + (spec.get("token") or ""))
            out["status"] = {"authenticated": bool(who), **({"user": who} if who else {})}
            return out
        raise errors.path_not_found()

    # -- pod logs ------------------------------------------------------------------------

    def pod_log(self, req, rt, ns, name):
        pod = self.store.get(rt, ns, name)
        if pod is None:
            raise errors.not_found(rt, name)
        containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
        inits = [c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []]
        container = req.q("container")
        if not container:
            if len(containers) != 1:
                raise errors.bad_request(
                    f"a container name must be specified for pod {name}, choose one of: [{' '.join(containers)}]"
                    + (f" or one of the init containers: [{' '.join(inits)}]" if inits else ""))
            container = containers[0]
        elif container not in containers + inits:
            raise errors.bad_request(f"container {container} is not valid for pod {name}")
        statuses = ((pod.get("status") or {}).get("containerStatuses") or []) + ((pod.get("status") or {}).get("initContainerStatuses") or [])
        st = next((s for s in statuses if s.get("name") == container), None)
        started = st is not None and ("running" in (st.get("state") or {}) or "terminated" in (st.get("state") or {}))
        if not started:
            reason = "ContainerCreating"
            if st and (st.get("state") or {}).get("waiting"):
                reason = st["state"]["waiting"].get("reason", reason)
            elif not (pod.get("spec") or {}).get("nodeName"):
                raise errors.bad_request(f'container "{container}" in pod "{name}" is waiting to start: ContainerCreating')
            raise errors.bad_request(f'container "{container}" in pod "{name}" is waiting to start: {reason}')
        lines = self.logs.lines(ns, name, container)
        tail = req.q("tailLines")
        if tail:
            n = int(tail)
            lines = lines[-n:] if n > 0 else []
        stamps = req.flag("timestamps")

        def fmt(ts, line):
            if stamps:
                return (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts % 1 * 1e9):09d}Z {line}\n").encode()
            return (line + "\n").encode()

        text = b"".join(fmt(ts, l) for ts, l in lines)
        if not req.flag("follow"):
            return Response(200, text, "text/plain")
        seen = len(self.logs.lines(ns, name, container))
        store, logs, uid = self.store, self.logs, pod["metadata"]["uid"]

        def stream():
            nonlocal seen
            if text:
                yield text
            while True:
                new = logs.wait(ns, name, container, seen, 1.0)
                seen += len(new)
                if new:
                    yield b"".join(fmt(ts, l) for ts, l in new)
                else:
                    yield b""
                p = store.get(rt, ns, name, copy_=False)
                if p is None or p["metadata"].get("uid") != uid:
                    return
                cs = next((s for s in ((p.get("status") or {}).get("containerStatuses") or []) if s.get("name") == container), None)
                if cs and "terminated" in (cs.get("state") or {}):
                    rest = logs.wait(ns, name, container, seen, 0)
                    if rest:
                        yield b"".join(fmt(ts, l) for ts, l in rest)
                    return

        return Response(200, None, "text/plain", stream=stream())

    # -- events --------------------------------------------------------------------------

    def record_event(self, involved, type_, reason, message, component="default-scheduler", host=None):
        """An Event as the reporting component writes it; repeats bump the count."""
        ev_rt = self.rt("", "events")
        md = involved["metadata"]
        ns = md.get("namespace") or "default"
        with self.store.lock:
            items, _ = self.store.list(ev_rt, ns, lambda e: (e.get("involvedObject") or {}).get("uid") == md.get("uid")
                                       and e.get("reason") == reason and e.get("message") == message)
            now = now_rfc3339()
            if items:
                ev = items[0]
                ev["count"] = ev.get("count", 1) + 1
                ev["lastTimestamp"] = now
                self.store.update(ev_rt, ev)
                return
            ev = {"apiVersion": "v1", "kind": "Event",
                  "metadata": {"name": f"{md['name']}.{time.time_ns():x}", "namespace": ns},
                  "involvedObject": {"kind": involved.get("kind"), "namespace": md.get("namespace"), "name": md["name"],
                                     "uid": md.get("uid"), "apiVersion": involved.get("apiVersion"),
                                     "resourceVersion": md.get("resourceVersion")},
                  "reason": reason, "message": message, "source": {"component": component, **({"host": host} if host else {})},
                  "firstTimestamp": now, "lastTimestamp": now, "count": 1, "type": type_,
                  "eventTime": None, "reportingComponent": component, "reportingInstance": host or ""}
            try:
                self.store.create(ev_rt, ev)
            except errors.APIError:
                pass
