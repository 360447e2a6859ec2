"""Defaults and validation of the built-in kinds (the part clients notice)."""

import hashlib
import random
import re
import string

from . import errors
from .selectors import label_selector_from_match, match_labels

DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
             "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
                 "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
                 "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_NAME_KINDS = {"Namespace", "Service"}
PATH_SEGMENT_KINDS = {"Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"}
ALNUM = "bcdfghjklmnpqrstvwxz2456789"


def random_suffix(n=5):
    return "".join(random.choice(ALNUM) for _ in range(n))


def qualified_kind(rt):
    return rt.kind if not rt.group else f"{rt.kind}.{rt.group}"


def _quote(v):
    return '"' + str(v) + '"'


def validate(rt, obj, old=None):
    causes = []
    md = obj.get("metadata", {})
    name = md.get("name", "")
    if rt.kind in PATH_SEGMENT_KINDS:
        if name in (".", "..") or "/" in name or "%" in name:
            causes.append(("metadata.name", f'Invalid value: {_quote(name)}: may not contain \'/\' or \'%\'', "FieldValueInvalid"))
    elif rt.kind in LABEL_NAME_KINDS:
        if not DNS1123_LABEL.match(name) or len(name) > 63:
            causes.append(("metadata.name", f"Invalid value: {_quote(name)}: {LABEL_MSG}", "FieldValueInvalid"))
    elif not DNS1123_SUBDOMAIN.match(name) or len(name) > 253:
        causes.append(("metadata.name", f"Invalid value: {_quote(name)}: {SUBDOMAIN_MSG}", "FieldValueInvalid"))
    for k, v in (md.get("labels") or {}).items():
        if not isinstance(v, str):
            causes.append((f"metadata.labels", f"Invalid value: {v!r}: label values must be strings", "FieldValueInvalid"))
    kind = rt.kind if rt.builtin else None
    if kind == "Pod":
        _pod_spec(obj.get("spec") or {}, "spec", causes)
    elif kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"):
        spec = obj.get("spec") or {}
        sel = spec.get("selector")
        tmpl_labels = ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}
        if not sel:
            causes.append(("spec.selector", "Required value", "FieldValueRequired"))
        else:
            reqs = label_selector_from_match(sel)
            if not reqs:
                causes.append(("spec.selector", "Invalid value: \"null\": empty selector is invalid for deployment", "FieldValueInvalid"))
            elif not match_labels(reqs, tmpl_labels):
                causes.append(("spec.template.metadata.labels",
                               "Invalid value: map[string]string{" + ", ".join(f'"{k}":"{v}"' for k, v in sorted(tmpl_labels.items()))
                               + "}: `selector` does not match template `labels`", "FieldValueInvalid"))
            if old is not None and (old.get("spec") or {}).get("selector") != sel and rt.group == "apps":
                causes.append(("spec.selector", "Invalid value: " + _go_selector(sel) + ": field is immutable", "FieldValueInvalid"))
        _pod_spec(((spec.get("template") or {}).get("spec") or {}), "spec.template.spec", causes)
        if isinstance(spec.get("replicas"), int) and spec["replicas"] < 0:
            causes.append(("spec.replicas", f"Invalid value: {spec['replicas']}: must be greater than or equal to 0", "FieldValueInvalid"))
    elif kind == "Job":
        spec = obj.get("spec") or {}
        _pod_spec(((spec.get("template") or {}).get("spec") or {}), "spec.template.spec", causes)
    elif kind == "ConfigMap":
        for k in list((obj.get("data") or {})) + list((obj.get("binaryData") or {})):
            if not re.fullmatch(r"[-._a-zA-Z0-9]+", k):
                causes.append((f"data[{k}]", f"Invalid value: {_quote(k)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", "FieldValueInvalid"))
    elif kind == "CustomResourceDefinition":
        spec = obj.get("spec") or {}
        names = spec.get("names") or {}
        expected = f"{names.get('plural')}.{spec.get('group')}"
        if name != expected:
            causes.append(("metadata.name", f"Invalid value: {_quote(name)}: must be spec.names.plural+\".\"+spec.group", "FieldValueInvalid"))
        vs = spec.get("versions") or []
        if not vs:
            causes.append(("spec.versions", "Required value: must have exactly one version marked as storage version", "FieldValueRequired"))
        elif sum(1 for v in vs if v.get("storage")) != 1:
            causes.append(("spec.versions", f"Invalid value: {_go_list(vs)}: must have exactly one version marked as storage version", "FieldValueInvalid"))
        if not names.get("kind"):
            causes.append(("spec.names.kind", "Required value", "FieldValueRequired"))
        if spec.get("scope") not in ("Namespaced", "Cluster"):
            causes.append(("spec.scope", f"Unsupported value: {_quote(spec.get('scope', ''))}: supported values: \"Cluster\", \"Namespaced\"", "FieldValueNotSupported"))
    if causes:
        raise errors.invalid(rt, qualified_kind(rt), name, causes)


def _go_selector(sel):
    return "v1.LabelSelector{MatchLabels:map[string]string{" + ", ".join(
        f'"{k}":"{v}"' for k, v in sorted((sel.get("matchLabels") or {}).items())) + "}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"


def _go_list(vs):
    return "[]apiextensions.CustomResourceDefinitionVersion{...}"


def _pod_spec(spec, path, causes):
    containers = spec.get("containers")
    if not containers:
        causes.append((f"{path}.containers", "Required value", "FieldValueRequired"))
        return
    seen = set()
    for i, c in enumerate(containers):
        p = f"{path}.containers[{i}]"
        if not c.get("name"):
            causes.append((f"{p}.name", "Required value", "FieldValueRequired"))
        elif c["name"] in seen:
            causes.append((f"{p}.name", f"Duplicate value: {_quote(c['name'])}", "FieldValueDuplicate"))
        elif not DNS1123_LABEL.match(c["name"]):
            causes.append((f"{p}.name", f"Invalid value: {_quote(c['name'])}: {LABEL_MSG}", "FieldValueInvalid"))
        seen.add(c.get("name"))
        if not c.get("image"):
            causes.append((f"{p}.image", "Required value", "FieldValueRequired"))


# -- defaults ----------------------------------------------------------------------------


def default_pod_spec(spec):
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("securityContext", {})
    spec.setdefault("schedulerName", "default-scheduler")
    for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        image = c.get("image", "")
        tag = image.rsplit("/", 1)[-1]
        c.setdefault("imagePullPolicy", "Always" if (":" not in tag or tag.endswith(":latest")) and "@" not in tag else "IfNotPresent")
        c.setdefault("resources", {})
        c.setdefault("terminationMessagePath", "/dev/termination-log")
        c.setdefault("terminationMessagePolicy", "File")
        for p in c.get("ports") or []:
            p.setdefault("protocol", "TCP")
    return spec


def template_hash(template):
    import json

    h = hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()
    # the controller's hash is a short string of safe characters
    return "".join(ALNUM[int(h[i:i + 2], 16) % len(ALNUM)] for i in range(0, 20, 2))


def apply_defaults(rt, obj, cluster_ip_alloc=None):
    kind = rt.kind if rt.builtin else None
    md = obj["metadata"]
    if kind == "Namespace":
        obj.setdefault("spec", {}).setdefault("finalizers", ["kubernetes"])
        obj.setdefault("status", {})["phase"] = obj.get("status", {}).get("phase", "Active")
        md.setdefault("labels", {})["kubernetes.io/metadata.name"] = md["name"]
    elif kind == "Pod":
        spec = obj.setdefault("spec", {})
        spec.setdefault("serviceAccountName", spec.get("serviceAccount", "default"))
        spec.setdefault("serviceAccount", spec["serviceAccountName"])
        default_pod_spec(spec)
        spec.setdefault("enableServiceLinks", True)
        spec.setdefault("preemptionPolicy", "PreemptLowerPriority")
        spec.setdefault("priority", 0)
        tol = spec.setdefault("tolerations", [])
        for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
            if not any(t.get("key") == key for t in tol):
                tol.append({"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300})
        status = obj.setdefault("status", {})
        status.setdefault("phase", "Pending")
        status.setdefault("qosClass", _qos(spec))
    elif kind in ("Deployment", "ReplicaSet", "StatefulSet"):
        spec = obj.setdefault("spec", {})
        spec.setdefault("replicas", 1)
        spec.setdefault("revisionHistoryLimit", 10)
        if kind == "Deployment":
            spec.setdefault("strategy", {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}})
            spec.setdefault("progressDeadlineSeconds", 600)
        default_pod_spec((spec.setdefault("template", {})).setdefault("spec", {}))
    elif kind == "Job":
        spec = obj.setdefault("spec", {})
        spec.setdefault("backoffLimit", 6)
        spec.setdefault("completions", 1)
        spec.setdefault("parallelism", 1)
        spec.setdefault("completionMode", "NonIndexed")
        spec.setdefault("suspend", False)
        tmpl = spec.setdefault("template", {})
        tspec = default_pod_spec(tmpl.setdefault("spec", {}))
        tspec.setdefault("restartPolicy", "Never")
    elif kind == "Service":
        spec = obj.setdefault("spec", {})
        spec.setdefault("type", "ClusterIP")
        spec.setdefault("sessionAffinity", "None")
        if "clusterIP" not in spec and cluster_ip_alloc and spec.get("type") != "ExternalName":
            spec["clusterIP"] = cluster_ip_alloc()
        if spec.get("clusterIP"):
            spec.setdefault("clusterIPs", [spec["clusterIP"]])
        spec.setdefault("ipFamilies", ["IPv4"])
        spec.setdefault("ipFamilyPolicy", "SingleStack")
        spec.setdefault("internalTrafficPolicy", "Cluster")
        for p in spec.get("ports") or []:
            p.setdefault("protocol", "TCP")
            p.setdefault("targetPort", p.get("port"))
        obj.setdefault("status", {"loadBalancer": {}})
    elif kind == "Secret":
        obj.setdefault("type", "Opaque")
    elif kind == "CustomResourceDefinition":
        spec = obj.setdefault("spec", {})
        spec.setdefault("conversion", {"strategy": "None"})
        names = spec.setdefault("names", {})
        if names.get("kind"):
            names.setdefault("singular", names["kind"].lower())
            names.setdefault("listKind", names["kind"] + "List")


def _qos(spec):
    containers = spec.get("containers") or []
    reqs = [c.get("resources") or {} for c in containers]
    if not any(r.get("requests") or r.get("limits") for r in reqs):
        return "BestEffort"
    for r in reqs:
        lim = r.get("limits") or {}
        req = r.get("requests") or lim
        if not lim.get("cpu") or not lim.get("memory") or req.get("cpu") != lim.get("cpu") or req.get("memory") != lim.get("memory"):
            return "Burstable"
    return "Guaranteed"
