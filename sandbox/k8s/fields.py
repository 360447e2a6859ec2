"""Managed fields: field sets in the FieldsV1 format, update tracking, server-side apply."""

import copy
import json

from . import errors
from .patch import SET_LISTS, merge_key
from .store import now_rfc3339

# metadata fields that identify the object; never owned by a field manager.
IDENTITY_META = {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                 "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName"}


def _ssa_key(field, items):
    keys = merge_key(field, items)
    if keys and field == "ports":
        keys = keys[:1]
    return keys


def _kenc(item, keys):
    return "k:" + json.dumps({k: item.get(k) for k in keys if k in item}, sort_keys=True, separators=(",", ":"))


def _venc(v):
    return "v:" + json.dumps(v, separators=(",", ":"))


def paths_of(obj, builtin=True, prefix=(), top=True):
    """The set of field paths (tuples of FieldsV1 elements) an object sets."""
    out = set()
    if not isinstance(obj, dict):
        return out
    for k, v in obj.items():
        if top and k in ("apiVersion", "kind"):
            continue
        if top and k == "metadata" and isinstance(v, dict):
            for mk, mv in v.items():
                if mk in IDENTITY_META:
                    continue
                p = prefix + ("f:metadata", "f:" + mk)
                out |= _value_paths(mk, mv, builtin, p)
            continue
        out |= _value_paths(k, v, builtin, prefix + ("f:" + k,))
    return out


def _value_paths(field, v, builtin, p):
    if isinstance(v, dict):
        if not v:
            return {p}
        return paths_of(v, builtin, p, top=False)
    if isinstance(v, list):
        if builtin and field in SET_LISTS and all(not isinstance(x, (dict, list)) for x in v):
            return {p + (_venc(x),) for x in v} or {p}
        keys = _ssa_key(field, v) if builtin else None
        if keys and v and all(isinstance(x, dict) for x in v):
            out = set()
            for item in v:
                ip = p + (_kenc(item, keys),)
                out.add(ip)
                out |= paths_of(item, builtin, ip, top=False)
            return out
        return {p}
    return {p}


def to_fields_v1(paths):
    root = {}
    members = set(paths)
    for p in sorted(paths):
        node = root
        for el in p:
            node = node.setdefault(el, {})
    # item elements that have children also carry "." (the item itself is owned)
    def mark(node, prefix):
        for k, child in node.items():
            if k == ".":
                continue
            cp = prefix + (k,)
            if child and cp in members and k[:2] in ("k:", "v:", "i:"):
                child["."] = {}
            mark(child, cp)

    mark(root, ())
    return root


def from_fields_v1(fv1, prefix=()):
    out = set()
    if not isinstance(fv1, dict):
        return out
    for k, child in fv1.items():
        if k == ".":
            out.add(prefix)
            continue
        cp = prefix + (k,)
        if not child:
            out.add(cp)
        else:
            out |= from_fields_v1(child, cp)
    return out


def _find_item(lst, enc):
    if not isinstance(lst, list):
        return None
    if enc.startswith("k:"):
        want = json.loads(enc[2:])
        for i, it in enumerate(lst):
            if isinstance(it, dict) and all(it.get(k) == v for k, v in want.items()):
                return i
    elif enc.startswith("v:"):
        want = json.loads(enc[2:])
        for i, it in enumerate(lst):
            if it == want:
                return i
    elif enc.startswith("i:"):
        i = int(enc[2:])
        if 0 <= i < len(lst):
            return i
    return None


_MISSING = object()


def value_at(obj, path):
    cur = obj
    for el in path:
        if el.startswith("f:"):
            if not isinstance(cur, dict) or el[2:] not in cur:
                return _MISSING
            cur = cur[el[2:]]
        else:
            i = _find_item(cur, el)
            if i is None:
                return _MISSING
            cur = cur[i]
    return cur


def remove_at(obj, path):
    if not path:
        return
    parent = value_at(obj, path[:-1])
    el = path[-1]
    if parent is _MISSING:
        return
    if el.startswith("f:"):
        if isinstance(parent, dict):
            parent.pop(el[2:], None)
    else:
        i = _find_item(parent, el)
        if i is not None:
            parent.pop(i)


def path_string(path):
    s = ""
    for el in path:
        if el.startswith("f:"):
            s += "." + el[2:]
        elif el.startswith("k:"):
            d = json.loads(el[2:])
            s += "[" + ",".join(f"{k}={json.dumps(v)}" for k, v in d.items()) + "]"
        elif el.startswith("v:"):
            s += "[=" + el[2:] + "]"
        elif el.startswith("i:"):
            s += "[" + el[2:] + "]"
    return s


def _leaf_paths(paths):
    """Paths that carry values (item markers excluded)."""
    return {p for p in paths if p and not (p[-1][:2] in ("k:", "i:") and any(q[: len(p)] == p and q != p for q in paths))}


def _changed_paths(old, new, builtin):
    """Paths of `new` whose values differ from `old` (set or changed)."""
    out = set()
    for p in paths_of(new, builtin):
        if p and p[-1][:2] in ("k:", "v:", "i:"):
            if value_at(old, p) is _MISSING:
                out.add(p)
            continue
        if value_at(old, p) != value_at(new, p):
            out.add(p)
    return out


def _scope(paths, rt, subresource):
    """Restrict to the part of the object a subresource (or the main resource) writes."""
    if "status" not in rt.subresources:
        return paths
    if subresource == "status":
        return {p for p in paths if p and p[0] == "f:status"}
    return {p for p in paths if not p or p[0] != "f:status"}


def _entries(obj):
    return [e for e in (obj.get("metadata", {}).get("managedFields") or []) if e]


def _entry_key(e):
    if e.get("operation") == "Apply":
        return (e.get("manager"), "Apply", e.get("subresource", ""))
    return (e.get("manager"), "Update", e.get("subresource", ""), e.get("apiVersion"))


def _set_entries(obj, entries):
    live = [e for e in entries if e.get("fieldsV1")]
    if live:
        obj["metadata"]["managedFields"] = live
    else:
        obj["metadata"].pop("managedFields", None)


def track_update(rt, old, new, manager, api_version, subresource=""):
    """Record a non-apply write by `manager` in new.metadata.managedFields."""
    new_md = new.setdefault("metadata", {})
    old_mf = (old or {}).get("metadata", {}).get("managedFields")
    if old is not None and "managedFields" in new_md and new_md.get("managedFields") != old_mf:
        # The client rewrote managedFields itself (csaupgrade, or clearing with [{}]): honour it.
        _set_entries(new, [e for e in new_md.get("managedFields") or [] if e])
        return
    entries = [copy.deepcopy(e) for e in (_entries(old) if old is not None else [])]
    builtin = rt.builtin
    changed = _scope(_changed_paths(old or {}, new, builtin), rt, subresource)
    if old is not None:
        # fields removed by this write leave their owners too
        removed = {p for p in paths_of(old, builtin) if value_at(new, p) is _MISSING}
    else:
        removed = set()
    key = (manager, "Update", subresource, api_version)
    mine = None
    for e in entries:
        s = from_fields_v1(e.get("fieldsV1", {}))
        if _entry_key(e) == key:
            mine = e
            continue
        s2 = s - changed - removed
        if s2 != s:
            e["fieldsV1"] = to_fields_v1(s2)
            e["time"] = e.get("time") or now_rfc3339()
    if mine is None:
        if not changed:
            _set_entries(new, entries)
            return
        mine = {"manager": manager, "operation": "Update", "apiVersion": api_version, "time": now_rfc3339(),
                "fieldsType": "FieldsV1", "fieldsV1": {}}
        if subresource:
            mine["subresource"] = subresource
        entries.append(mine)
    s = (from_fields_v1(mine.get("fieldsV1", {})) - removed) | changed
    if changed:
        mine["time"] = now_rfc3339()
    mine["fieldsV1"] = to_fields_v1(s)
    _set_entries(new, entries)


def _ssa_merge(live, applied, field, builtin):
    if isinstance(applied, dict):
        out = copy.deepcopy(live) if isinstance(live, dict) else {}
        for k, v in applied.items():
            out[k] = _ssa_merge(out.get(k), v, k, builtin)
        return out
    if isinstance(applied, list):
        if builtin and field in SET_LISTS and all(not isinstance(x, (dict, list)) for x in applied):
            out = list(live or []) if isinstance(live, list) else []
            for x in applied:
                if x not in out:
                    out.append(x)
            return out
        keys = _ssa_key(field, applied) if builtin else None
        if keys and isinstance(live, list) and all(isinstance(x, dict) for x in applied):
            out = copy.deepcopy(live)
            for item in applied:
                i = _find_item(out, _kenc(item, keys))
                if i is None:
                    out.append(copy.deepcopy(item))
                else:
                    out[i] = _ssa_merge(out[i], item, None, builtin)
            return out
        return copy.deepcopy(applied)
    return copy.deepcopy(applied)


def _manager_string(e):
    s = json.dumps(e.get("manager", ""))
    if e.get("subresource"):
        s += f" with subresource {json.dumps(e['subresource'])}"
    if e.get("operation") == "Update":
        s += f" using {e.get('apiVersion')}"
    return s


def apply(rt, live, applied, manager, force, api_version, subresource=""):
    """Server-side apply of `applied` onto `live` (None when creating). Returns the new object."""
    builtin = rt.builtin
    applied_paths = _scope(paths_of(applied, builtin), rt, subresource)
    base = copy.deepcopy(live) if live is not None else {"metadata": {}}
    entries = [copy.deepcopy(e) for e in _entries(base)]
    key = (manager, "Apply", subresource)
    conflicts = []
    owners = {}
    mine_old = set()
    for e in entries:
        s = from_fields_v1(e.get("fieldsV1", {}))
        if _entry_key(e) == key:
            mine_old = s
            continue
        owners[id(e)] = s
        for p in s & applied_paths:
            if p and p[-1][:2] in ("k:", "v:", "i:"):
                continue
            lv = value_at(base, p)
            av = value_at(applied, p)
            if lv is not _MISSING and lv != av:
                conflicts.append((e, p))
    if conflicts and not force:
        raise _conflict_error(conflicts)
    conflict_paths = {}
    for e, p in conflicts:
        conflict_paths.setdefault(id(e), set()).add(p)
    # fields this manager no longer applies, and nobody else owns, are removed
    others = set()
    for e in entries:
        if _entry_key(e) != key:
            others |= owners[id(e)] - conflict_paths.get(id(e), set())
    result = copy.deepcopy(base)
    for p in sorted(mine_old - applied_paths - others, key=len, reverse=True):
        if p and p[-1][:2] in ("k:", "v:", "i:") and any(q[: len(p)] == p and q != p for q in others):
            continue
        remove_at(result, p)
    body = {k: v for k, v in applied.items() if k not in ("apiVersion", "kind")}
    md = body.pop("metadata", {}) or {}
    result = _ssa_merge(result, body, None, builtin)
    rmd = result.setdefault("metadata", {})
    for k, v in md.items():
        if k in IDENTITY_META and k not in ("name", "namespace", "generateName"):
            continue
        rmd[k] = _ssa_merge(rmd.get(k), v, k, builtin)
    result["apiVersion"] = applied.get("apiVersion", base.get("apiVersion"))
    result["kind"] = applied.get("kind", base.get("kind"))
    # new ownership
    new_entries = []
    placed = False
    def bare(o):
        return {**o, "metadata": {k: v for k, v in (o.get("metadata") or {}).items() if k != "managedFields"}}

    unchanged = live is not None and not conflicts and applied_paths == mine_old and bare(result) == bare(base)
    for e in entries:
        if _entry_key(e) == key:
            e["fieldsV1"] = to_fields_v1(applied_paths)
            if not unchanged:  # a no-op apply leaves the object (and its resourceVersion) alone
                e["time"] = now_rfc3339()
            e["apiVersion"] = api_version
            placed = True
        elif id(e) in conflict_paths:
            e["fieldsV1"] = to_fields_v1(owners[id(e)] - conflict_paths[id(e)])
        new_entries.append(e)
    if not placed:
        e = {"manager": manager, "operation": "Apply", "apiVersion": api_version, "time": now_rfc3339(),
             "fieldsType": "FieldsV1", "fieldsV1": to_fields_v1(applied_paths)}
        if subresource:
            e["subresource"] = subresource
        new_entries.insert(0, e) if live is None else new_entries.append(e)
    _set_entries(result, new_entries)
    return result


def _conflict_error(conflicts):
    causes = [{"reason": "FieldManagerConflict", "message": f"conflict with {_manager_string(e)}", "field": path_string(p)}
              for e, p in conflicts]
    if len(conflicts) == 1:
        e, p = conflicts[0]
        msg = f"Apply failed with 1 conflict: conflict with {_manager_string(e)}: {path_string(p)}"
    else:
        by = {}
        for e, p in conflicts:
            by.setdefault(_manager_string(e), []).append(path_string(p))
        lines = []
        for m in sorted(by):
            lines.append(f"conflicts with {m}:")
            lines.extend(f"- {p}" for p in by[m])
        msg = f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
    return errors.APIError(409, "Conflict", msg, {"causes": causes})
