"""Server-side printing: `Table` responses as `kubectl get` asks for them."""

import calendar
import time


def human_duration(seconds):
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    m = s // 60
    if m < 10:
        return f"{m}m" if s % 60 == 0 else f"{m}m{s % 60}s"
    if m < 180:
        return f"{m}m"
    h = s // 3600
    if h < 8:
        return f"{h}h" if m % 60 == 0 else f"{h}h{m % 60}m"
    if h < 48:
        return f"{h}h"
    if h < 24 * 8:
        return f"{h // 24}d" if h % 24 == 0 else f"{h // 24}d{h % 24}h"
    if h < 24 * 365 * 2:
        return f"{h // 24}d"
    if h < 24 * 365 * 8:
        dy = (h // 24) % 365
        return f"{h // 24 // 365}y" if dy == 0 else f"{h // 24 // 365}y{dy}d"
    return f"{h // 24 // 365}y"


def parse_ts(ts):
    try:
        return calendar.timegm(time.strptime(ts, "%Y-%m-%dT%H:%M:%SZ"))
    except (TypeError, ValueError):
        return None


def age(ts):
    t = parse_ts(ts)
    return "<unknown>" if t is None else human_duration(time.time() - t)


def col(name, type_="string", fmt="", priority=0, desc=""):
    return {"name": name, "type": type_, "format": fmt, "description": desc or name, "priority": priority}


NAME = col("Name", fmt="name", desc="Name must be unique within a namespace.")
AGE = col("Age", desc="CreationTimestamp is a timestamp representing the server time when this object was created.")


def _pod_row(o):
    spec, st = o.get("spec") or {}, o.get("status") or {}
    cs = st.get("containerStatuses") or []
    total = len(spec.get("containers") or [])
    ready = sum(1 for c in cs if c.get("ready"))
    restarts = sum(c.get("restartCount", 0) for c in cs)
    reason = st.get("reason") or st.get("phase") or "Unknown"
    for c in cs:
        w = (c.get("state") or {}).get("waiting")
        t = (c.get("state") or {}).get("terminated")
        if w and w.get("reason"):
            reason = w["reason"]
        elif t and t.get("reason"):
            reason = t["reason"]
    if (o.get("metadata") or {}).get("deletionTimestamp"):
        reason = "Terminating"
    return [o["metadata"]["name"], f"{ready}/{total}", reason, restarts, age(o["metadata"].get("creationTimestamp")),
            st.get("podIP") or "<none>", spec.get("nodeName") or "<none>", "<none>", "<none>"]


def _containers(o):
    cs = ((((o.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or [])
    return ",".join(c.get("name", "") for c in cs), ",".join(c.get("image", "") for c in cs)


def _deploy_row(o):
    spec, st = o.get("spec") or {}, o.get("status") or {}
    names, images = _containers(o)
    from .selectors import selector_string

    return [o["metadata"]["name"], f"{st.get('readyReplicas', 0)}/{spec.get('replicas', 1)}", st.get("updatedReplicas", 0),
            st.get("availableReplicas", 0), age(o["metadata"].get("creationTimestamp")), names, images,
            selector_string(spec.get("selector") or {})]


def _rs_row(o):
    spec, st = o.get("spec") or {}, o.get("status") or {}
    return [o["metadata"]["name"], spec.get("replicas", 1), st.get("replicas", 0), st.get("readyReplicas", 0),
            age(o["metadata"].get("creationTimestamp"))]


def _svc_row(o):
    spec = o.get("spec") or {}
    ports = ",".join(f"{p.get('port')}/{p.get('protocol', 'TCP')}" for p in spec.get("ports") or []) or "<none>"
    ext = ",".join(spec.get("externalIPs") or []) or "<none>"
    return [o["metadata"]["name"], spec.get("type", "ClusterIP"), spec.get("clusterIP") or "None", ext, ports,
            age(o["metadata"].get("creationTimestamp"))]


def _node_row(o):
    conds = (o.get("status") or {}).get("conditions") or []
    ready = next((c for c in conds if c.get("type") == "Ready"), None)
    status = "Ready" if ready and ready.get("status") == "True" else "NotReady"
    roles = ",".join(sorted(k.split("/", 1)[1] for k in (o["metadata"].get("labels") or {})
                            if k.startswith("node-role.kubernetes.io/"))) or "<none>"
    ver = ((o.get("status") or {}).get("nodeInfo") or {}).get("kubeletVersion", "")
    return [o["metadata"]["name"], status, roles, age(o["metadata"].get("creationTimestamp")), ver]


def _event_row(o):
    io = o.get("involvedObject") or {}
    last = o.get("lastTimestamp") or o.get("eventTime") or o["metadata"].get("creationTimestamp")
    return [age(last), o.get("type", ""), o.get("reason", ""), f"{(io.get('kind') or '').lower()}/{io.get('name', '')}",
            o.get("message", "")]


def _job_row(o):
    spec, st = o.get("spec") or {}, o.get("status") or {}
    conds = st.get("conditions") or []
    status = "Running"
    for c in conds:
        if c.get("status") == "True" and c.get("type") in ("Complete", "Failed", "Suspended"):
            status = c["type"]
    return [o["metadata"]["name"], status, f"{st.get('succeeded', 0)}/{spec.get('completions', 1)}", "",
            age(o["metadata"].get("creationTimestamp"))]


def _created_at(o):
    return o["metadata"].get("creationTimestamp")


TABLES = {
    "Pod": ([NAME, col("Ready"), col("Status"), col("Restarts", "string"), AGE, col("IP", priority=1),
             col("Node", priority=1), col("Nominated Node", priority=1), col("Readiness Gates", priority=1)], _pod_row),
    "Deployment": ([NAME, col("Ready"), col("Up-to-date", "integer"), col("Available", "integer"), AGE,
                    col("Containers", priority=1), col("Images", priority=1), col("Selector", priority=1)], _deploy_row),
    "ReplicaSet": ([NAME, col("Desired", "integer"), col("Current", "integer"), col("Ready", "integer"), AGE], _rs_row),
    "Namespace": ([NAME, col("Status"), AGE],
                  lambda o: [o["metadata"]["name"], (o.get("status") or {}).get("phase", "Active"), age(o["metadata"].get("creationTimestamp"))]),
    "Service": ([NAME, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), AGE], _svc_row),
    "Node": ([NAME, col("Status"), col("Roles"), AGE, col("Version")], _node_row),
    "ConfigMap": ([NAME, col("Data", "integer"), AGE],
                  lambda o: [o["metadata"]["name"], len(o.get("data") or {}) + len(o.get("binaryData") or {}), age(o["metadata"].get("creationTimestamp"))]),
    "Secret": ([NAME, col("Type"), col("Data", "integer"), AGE],
               lambda o: [o["metadata"]["name"], o.get("type", "Opaque"), len(o.get("data") or {}), age(o["metadata"].get("creationTimestamp"))]),
    "ServiceAccount": ([NAME, col("Secrets", "integer"), AGE],
                       lambda o: [o["metadata"]["name"], len(o.get("secrets") or []), age(o["metadata"].get("creationTimestamp"))]),
    "Event": ([col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Message")], _event_row),
    "Job": ([NAME, col("Status"), col("Completions"), col("Duration"), AGE], _job_row),
    "CustomResourceDefinition": ([NAME, col("Created At", "date")], lambda o: [o["metadata"]["name"], _created_at(o)]),
    "Role": ([NAME, col("Created At", "string")], lambda o: [o["metadata"]["name"], _created_at(o)]),
    "ClusterRole": ([NAME, col("Created At", "string")], lambda o: [o["metadata"]["name"], _created_at(o)]),
    "RoleBinding": ([NAME, col("Role"), AGE],
                    lambda o: [o["metadata"]["name"], f"{(o.get('roleRef') or {}).get('kind')}/{(o.get('roleRef') or {}).get('name')}", age(o["metadata"].get("creationTimestamp"))]),
    "ClusterRoleBinding": ([NAME, col("Role"), AGE],
                           lambda o: [o["metadata"]["name"], f"{(o.get('roleRef') or {}).get('kind')}/{(o.get('roleRef') or {}).get('name')}", age(o["metadata"].get("creationTimestamp"))]),
}


def _jsonpath_simple(obj, path):
    """Enough of JSONPath for additionalPrinterColumns (`.status.phase`, `.spec.x[0].y`)."""
    import re

    cur = obj
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path.strip().lstrip("{").rstrip("}").lstrip(".")):
        if part.startswith("["):
            i = int(part[1:-1])
            cur = cur[i] if isinstance(cur, list) and i < len(cur) else None
        else:
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur is None:
            return None
    return cur


def _crd_table(rt, version):
    cols = None
    for v in (rt.crd or {}).get("spec", {}).get("versions", []):
        if v.get("name") == version:
            cols = v.get("additionalPrinterColumns")
    if cols is None:
        return [NAME, AGE], lambda o: [o["metadata"]["name"], age(o["metadata"].get("creationTimestamp"))]
    defs = [NAME] + [col(c["name"], c.get("type", "string"), c.get("format", ""), c.get("priority", 0), c.get("description", "")) for c in cols]

    def row(o):
        cells = [o["metadata"]["name"]]
        for c in cols:
            v = _jsonpath_simple(o, c.get("jsonPath", ""))
            if c.get("type") == "date" and isinstance(v, str):
                v = age(v)
            cells.append(v)
        return cells

    return defs, row


def table(rt, version, objs, rv, include="Metadata", cont=None):
    if rt.builtin and rt.kind in TABLES:
        defs, rowf = TABLES[rt.kind]
    elif not rt.builtin:
        defs, rowf = _crd_table(rt, version)
    else:
        defs, rowf = [NAME, AGE], lambda o: [o["metadata"]["name"], age(o["metadata"].get("creationTimestamp"))]
    rows = []
    for o in objs:
        cells = rowf(o)
        if include == "Object":
            ob = o
        elif include == "None":
            ob = None
        else:
            ob = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o.get("metadata", {})}
        r = {"cells": cells}
        if ob is not None:
            r["object"] = ob
        rows.append(r)
    md = {"resourceVersion": rv}
    if cont:
        md["continue"] = cont
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": md, "columnDefinitions": defs, "rows": rows}
