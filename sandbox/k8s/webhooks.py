"""Admission webhooks, called as the API server calls them.

Mutating webhooks first (in name order of their configurations, then of the webhooks),
then validating ones. A webhook applies when one of its rules names the operation, group,
version, resource and scope, and its `namespaceSelector` (the namespace's labels) and
`objectSelector` (the object's labels) match. It is reached through its Service: when the
Service has no ready endpoint, or the call fails or times out, `failurePolicy: Fail`
(the default) refuses the request with the API server's InternalError text and `Ignore`
goes on. In-cluster handlers (the Spark Operator stand-in's webhook server) register with
`cluster.webhook_servers[(namespace, service)] = callable(review) -> response`; any other
ready endpoint is called over HTTPS at the pod's IP.
"""

import base64
import copy
import json
import ssl
import urllib.error
import urllib.request
import uuid

from . import errors, patch, selectors

MUTATING = ("admissionregistration.k8s.io", "mutatingwebhookconfigurations")
VALIDATING = ("admissionregistration.k8s.io", "validatingwebhookconfigurations")


class CallFailed(Exception):
    pass


def _matches_rule(rule, op, rt, version, sub):
    ops = rule.get("operations") or []
    if "*" not in ops and op not in ops:
        return False
    if not any(g in ("*", rt.group) for g in rule.get("apiGroups") or []):
        return False
    if not any(v in ("*", version) for v in rule.get("apiVersions") or []):
        return False
    res = rt.plural + (f"/{sub}" if sub else "")
    if not any(r in ("*", res, "*/*") or (r == f"{rt.plural}/*" and sub) or (r == f"*/{sub}" and sub)
               for r in rule.get("resources") or []):
        return False
    scope = rule.get("scope", "*")
    return scope == "*" or (scope == "Namespaced") == rt.namespaced


def _selected(cluster, hook, rt, obj):
    md = obj.get("metadata") or {}
    ns_sel = selectors.label_selector_from_match(hook.get("namespaceSelector"))
    if ns_sel and rt.namespaced:
        ns = cluster.store.get(cluster.rt("", "namespaces"), "", md.get("namespace"), copy_=False)
        if not selectors.match_labels(ns_sel, ((ns or {}).get("metadata") or {}).get("labels")):
            return False
    obj_sel = selectors.label_selector_from_match(hook.get("objectSelector"))
    return not obj_sel or selectors.match_labels(obj_sel, md.get("labels"))


def _hooks(cluster, key):
    rt = cluster.registry.get(*key)
    items, _ = cluster.store.list(rt)
    for cfg in sorted(items, key=lambda c: c["metadata"]["name"]):
        for hook in cfg.get("webhooks") or []:
            yield hook


def _url(cc, timeout):
    if cc.get("url"):
        return cc["url"], None
    svc = cc.get("service") or {}
    port = svc.get("port", 443)
    return (f"https://{svc.get('name')}.{svc.get('namespace')}.svc:{port}{svc.get('path') or ''}?timeout={timeout}s",
            (svc.get("namespace"), svc.get("name"), port))


def _endpoint(cluster, ns, name, port):
    if cluster.store.get(cluster.rt("", "services"), ns, name, copy_=False) is None:
        raise CallFailed(f'service "{name}" not found')
    svc = cluster.store.get(cluster.rt("", "services"), ns, name, copy_=False)
    ep = cluster.store.get(cluster.rt("", "endpoints"), ns, name, copy_=False)
    target = port
    for p in (svc.get("spec") or {}).get("ports") or []:
        if p.get("port") == port and isinstance(p.get("targetPort"), int):
            target = p["targetPort"]
    for subset in (ep or {}).get("subsets") or []:
        for addr in subset.get("addresses") or []:
            return addr.get("ip"), target
    raise CallFailed(f'no endpoints available for service "{name}"')


def _post(url, ip_port, hook, review, timeout):
    cc = hook.get("clientConfig") or {}
    ctx = ssl.create_default_context()
    if cc.get("caBundle"):
        ctx = ssl.create_default_context(cadata=base64.b64decode(cc["caBundle"]).decode())
    target = url
    host = None
    if ip_port:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        host = parts.hostname
        target = f"https://{ip_port[0]}:{ip_port[1]}{parts.path}?{parts.query}"
    req = urllib.request.Request(target, data=json.dumps(review).encode(), method="POST",
                                 headers={"Content-Type": "application/json", **({"Host": host} if host else {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=ctx) as r:
            return json.loads(r.read())
    except TimeoutError:
        raise CallFailed(f'Post "{url}": context deadline exceeded') from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, ConnectionRefusedError) and ip_port:
            raise CallFailed(f'Post "{url}": dial tcp {ip_port[0]}:{ip_port[1]}: connect: connection refused') from None
        raise CallFailed(f'Post "{url}": {reason}') from None
    except (OSError, ValueError) as e:
        raise CallFailed(f'Post "{url}": {e}') from None


def _call(cluster, hook, review):
    timeout = int(hook.get("timeoutSeconds") or 10)
    url, svc = _url(hook.get("clientConfig") or {}, timeout)
    if svc is None:
        return _post(url, None, hook, review, timeout)
    try:
        ip, port = _endpoint(cluster, *svc)
    except CallFailed as e:
        raise CallFailed(f'Post "{url}": {e}') from None
    handler = cluster.webhook_servers.get((svc[0], svc[1]))
    if handler is not None:
        return {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "response": handler(review)}
    return _post(url, (ip, port), hook, review, timeout)


def _review(rt, version, op, obj, old, sub):
    md = obj.get("metadata") or {}
    return {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
        "uid": str(uuid.uuid4()), "kind": {"group": rt.group, "version": version, "kind": rt.kind},
        "resource": {"group": rt.group, "version": version, "resource": rt.plural}, **({"subResource": sub} if sub else {}),
        "name": md.get("name", ""), "namespace": md.get("namespace", ""), "operation": op,
        "object": obj, "oldObject": old, "dryRun": False,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions" if op == "CREATE" else "UpdateOptions"}}}


def _denied(name, response):
    result = response.get("status") or {}
    code = max(int(result.get("code") or 400), 400)
    msg = f'admission webhook "{name}" denied the request'
    msg += f": {result['message']}" if result.get("message") else " without explanation"
    return errors.APIError(code, result.get("reason", ""), msg)


def call_webhooks(cluster, rt, obj, old, sub=""):
    """Run the cluster's webhooks on a write; mutates `obj` in place or raises the refusal."""
    if rt.key in (MUTATING, VALIDATING) or not _any(cluster):
        return
    op = "CREATE" if old is None else "UPDATE"
    version = (obj.get("apiVersion") or "").rsplit("/", 1)[-1] or rt.storage_version
    for key, mutating in ((MUTATING, True), (VALIDATING, False)):
        for hook in _hooks(cluster, key):
            if not any(_matches_rule(r, op, rt, version, sub) for r in hook.get("rules") or []):
                continue
            if not _selected(cluster, hook, rt, obj):
                continue
            try:
                answer = _call(cluster, hook, _review(rt, version, op, copy.deepcopy(obj), old, sub))
            except CallFailed as e:
                if hook.get("failurePolicy", "Fail") == "Ignore":
                    continue
                message = f'failed calling webhook "{hook.get("name")}": failed to call webhook: {e}'
                raise errors.APIError(500, "InternalError", f"Internal error occurred: {message}",
                                      {"causes": [{"message": message}]}) from None
            response = (answer or {}).get("response") or {}
            if not response.get("allowed"):
                raise _denied(hook.get("name"), response)
            if mutating and response.get("patch"):
                ops = json.loads(base64.b64decode(response["patch"]))
                patched = patch.json_patch(copy.deepcopy(obj), ops)
                obj.clear()
                obj.update(patched)


def _any(cluster):
    for key in (MUTATING, VALIDATING):
        items, _ = cluster.store.list(cluster.registry.get(*key))
        if items:
            return True
    return False
