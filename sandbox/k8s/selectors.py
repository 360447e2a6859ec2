"""Label and field selectors, parsed like the API server parses them."""

import re

from . import errors

_SET_RE = re.compile(r"^\s*([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)\s*$")


def _split_top(s):
    """Split on commas that are not inside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return parts


def parse_label_selector(s):
    """Returns a list of requirements (key, op, values)."""
    reqs = []
    if not s:
        return reqs
    for part in _split_top(s):
        part = part.strip()
        m = _SET_RE.match(part)
        if m:
            vals = [v.strip() for v in m.group(3).split(",") if v.strip()]
            reqs.append((m.group(1), m.group(2), vals))
        elif "!=" in part:
            k, v = part.split("!=", 1)
            reqs.append((k.strip(), "!=", [v.strip()]))
        elif "==" in part:
            k, v = part.split("==", 1)
            reqs.append((k.strip(), "=", [v.strip()]))
        elif "=" in part:
            k, v = part.split("=", 1)
            reqs.append((k.strip(), "=", [v.strip()]))
        elif part.startswith("!"):
            reqs.append((part[1:].strip(), "!", []))
        elif re.fullmatch(r"[A-Za-z0-9_./-]+", part):
            reqs.append((part, "exists", []))
        else:
            raise errors.bad_request(f"unable to parse requirement: found '{part}', expected: identifier")
    return reqs


def label_selector_from_match(sel):
    """A metav1.LabelSelector (matchLabels/matchExpressions) as requirements."""
    reqs = []
    if sel is None:
        return None
    for k, v in (sel.get("matchLabels") or {}).items():
        reqs.append((k, "=", [v]))
    for e in sel.get("matchExpressions") or []:
        op = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}[e["operator"]]
        reqs.append((e["key"], op, list(e.get("values") or [])))
    return reqs


def match_labels(reqs, labels):
    labels = labels or {}
    for key, op, vals in reqs:
        has = key in labels
        v = labels.get(key)
        if op == "=" and (not has or v != vals[0]):
            return False
        if op == "!=" and has and v == vals[0]:
            return False
        if op == "in" and (not has or v not in vals):
            return False
        if op == "notin" and has and v in vals:
            return False
        if op == "exists" and not has:
            return False
        if op == "!" and has:
            return False
    return True


def selector_string(match):
    """matchLabels as the `a=b,c=d` string a Scale status carries."""
    parts = [f"{k}={v}" for k, v in sorted((match.get("matchLabels") or {}).items())]
    for e in match.get("matchExpressions") or []:
        op = e["operator"]
        if op in ("In", "NotIn"):
            parts.append(f"{e['key']} {op.lower()} ({','.join(e.get('values') or [])})")
        elif op == "Exists":
            parts.append(e["key"])
        else:
            parts.append("!" + e["key"])
    return ",".join(parts)


def parse_field_selector(s):
    reqs = []
    if not s:
        return reqs
    for part in s.split(","):
        part = part.strip()
        if not part:
            continue
        if "!=" in part:
            k, v = part.split("!=", 1)
            reqs.append((k.strip(), "!=", v.strip()))
        elif "==" in part:
            k, v = part.split("==", 1)
            reqs.append((k.strip(), "=", v.strip()))
        elif "=" in part:
            k, v = part.split("=", 1)
            reqs.append((k.strip(), "=", v.strip()))
        else:
            raise errors.bad_request(f"invalid selector: '{s}'; can't understand '{part}'")
    return reqs


# Fields each kind lets you select on, besides metadata.name and metadata.namespace.
SELECTABLE = {
    "Pod": {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
            "status.podIP", "status.nominatedNodeName", "spec.hostNetwork"},
    "Event": {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
              "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
              "reportingComponent", "source", "type"},
    "Secret": {"type"},
    "Namespace": {"status.phase"},
    "Node": {"spec.unschedulable"},
    "ReplicaSet": {"status.replicas"},
    "Job": {"status.successful"},
}


def _field_value(obj, path):
    cur = obj
    for p in path.split("."):
        if not isinstance(cur, dict):
            return ""
        cur = cur.get(p)
    if cur is None:
        return ""
    if isinstance(cur, bool):
        return "true" if cur else "false"
    return str(cur)


def check_field_selector(reqs, kind, custom=False):
    allowed = {"metadata.name", "metadata.namespace"} | SELECTABLE.get(kind, set())
    for k, _, _ in reqs:
        if k not in allowed:
            raise errors.bad_request(f'"{k}" is not a known field selector: only "metadata.name", "metadata.namespace"'
                                     if custom else f"field label not supported: {k}")


def match_fields(reqs, obj):
    for k, op, v in reqs:
        actual = _field_value(obj, k)
        if op == "=" and actual != v:
            return False
        if op == "!=" and actual == v:
            return False
    return True
