"""JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch."""

import copy

from . import errors

# Strategic merge patch keys of the built-in kinds, by field name. Lists named here merge
# item by item on the key; other lists are replaced. `ports` is keyed on containerPort in
# containers and on port in Services (chosen by what the items carry).
MERGE_KEYS = {
    "containers": ("name",),
    "initContainers": ("name",),
    "ephemeralContainers": ("name",),
    "env": ("name",),
    "volumes": ("name",),
    "volumeMounts": ("mountPath",),
    "volumeDevices": ("devicePath",),
    "imagePullSecrets": ("name",),
    "conditions": ("type",),
    "ownerReferences": ("uid",),
    "hostAliases": ("ip",),
    "topologySpreadConstraints": ("topologyKey", "whenUnsatisfiable"),
    "resourceClaims": ("name",),
}
# Lists of scalars that merge as sets.
SET_LISTS = {"finalizers"}


def merge_key(field, items):
    if field == "ports":
        for it in items or []:
            if isinstance(it, dict):
                if "containerPort" in it:
                    return ("containerPort", "protocol")
                if "port" in it:
                    return ("port", "protocol")
        return ("containerPort", "protocol")
    return MERGE_KEYS.get(field)


def _item_key(item, keys):
    if not isinstance(item, dict):
        return None
    k = []
    for name in keys:
        v = item.get(name)
        if name == "protocol" and v is None:
            v = "TCP"
        k.append(v)
    return tuple(k)


# -- JSON merge patch --------------------------------------------------------------------


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


# -- JSON patch --------------------------------------------------------------------------


def _unescape(tok):
    return tok.replace("~1", "/").replace("~0", "~")


def _parse_pointer(ptr):
    if ptr == "":
        return []
    if not ptr.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {ptr!r}")
    return [_unescape(t) for t in ptr[1:].split("/")]


def _resolve_parent(doc, tokens, op):
    cur = doc
    for t in tokens[:-1]:
        if isinstance(cur, dict):
            if t not in cur:
                raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")
            cur = cur[t]
        elif isinstance(cur, list):
            try:
                cur = cur[int(t)]
            except (ValueError, IndexError):
                raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")
        else:
            raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")
    return cur


def _get(doc, tokens, op):
    if not tokens:
        return doc
    parent = _resolve_parent(doc, tokens, op)
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list):
        try:
            return parent[int(last)]
        except (ValueError, IndexError):
            pass
    raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")


def _add(doc, tokens, value, op="add"):
    if not tokens:
        return value
    parent = _resolve_parent(doc, tokens, op)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        if last == "-":
            parent.append(value)
        else:
            try:
                i = int(last)
            except ValueError:
                raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")
            if i < 0 or i > len(parent):
                raise ValueError(f"add operation does not apply: doc is missing path: /{'/'.join(tokens)}")
            parent.insert(i, value)
    else:
        raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")
    return doc


def _remove(doc, tokens, op="remove"):
    parent = _resolve_parent(doc, tokens, op)
    last = tokens[-1]
    try:
        if isinstance(parent, dict):
            return parent.pop(last)
        if isinstance(parent, list):
            return parent.pop(int(last))
    except (KeyError, ValueError, IndexError):
        pass
    raise ValueError(f"{op} operation does not apply: doc is missing path: /{'/'.join(tokens)}")


def json_patch(doc, ops):
    if not isinstance(ops, list):
        raise errors.bad_request("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
    doc = copy.deepcopy(doc)
    try:
        for o in ops:
            op = o.get("op")
            path = _parse_pointer(o.get("path", ""))
            if op == "add":
                doc = _add(doc, path, copy.deepcopy(o.get("value")))
            elif op == "remove":
                _remove(doc, path)
            elif op == "replace":
                _get(doc, path, "replace")
                if not path:
                    doc = copy.deepcopy(o.get("value"))
                else:
                    _remove(doc, path, "replace")
                    doc = _add(doc, path, copy.deepcopy(o.get("value")), "replace")
            elif op == "move":
                frm = _parse_pointer(o.get("from", ""))
                val = _remove(doc, frm, "move")
                doc = _add(doc, path, val, "move")
            elif op == "copy":
                frm = _parse_pointer(o.get("from", ""))
                doc = _add(doc, path, copy.deepcopy(_get(doc, frm, "copy")), "copy")
            elif op == "test":
                if _get(doc, path, "test") != o.get("value"):
                    raise ValueError("testing value /" + "/".join(path) + " failed: test failed")
            else:
                raise errors.bad_request(f"Unexpected kind: {op}")
    except ValueError as e:
        raise errors.APIError(422, "Invalid", "the server rejected our request due to an error in our request",
                              {"causes": [{"reason": "UnexpectedServerResponse", "message": str(e)}]})
    return doc


# -- strategic merge patch ---------------------------------------------------------------


def strategic_merge(orig, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    if patch.get("$patch") == "replace":
        return {k: copy.deepcopy(v) for k, v in patch.items() if k != "$patch"}
    result = copy.deepcopy(orig) if isinstance(orig, dict) else {}
    orders = {}
    for k, v in patch.items():
        if k.startswith("$setElementOrder/"):
            orders[k.split("/", 1)[1]] = v
            continue
        if k.startswith("$deleteFromPrimitiveList/"):
            field = k.split("/", 1)[1]
            if isinstance(result.get(field), list):
                result[field] = [x for x in result[field] if x not in (v or [])]
            continue
        if k in ("$retainKeys", "$patch"):
            continue
        if v is None:
            result.pop(k, None)
        elif isinstance(v, dict):
            if v.get("$patch") == "delete":
                result.pop(k, None)
            else:
                result[k] = strategic_merge(result.get(k), v)
        elif isinstance(v, list):
            result[k] = _merge_list(k, result.get(k), v)
        else:
            result[k] = copy.deepcopy(v)
    for field, order in orders.items():
        if isinstance(result.get(field), list):
            result[field] = _reorder(field, result[field], order)
    retain = patch.get("$retainKeys")
    if isinstance(retain, list):
        result = {k: v for k, v in result.items() if k in retain}
    return result


def _merge_list(field, orig, patch):
    if field in SET_LISTS and all(not isinstance(x, dict) for x in patch):
        out = list(orig or [])
        for x in patch:
            if x not in out:
                out.append(x)
        return out
    keys = merge_key(field, list(orig or []) + patch)
    if keys is None or not all(isinstance(x, dict) for x in patch):
        return [x for x in copy.deepcopy(patch) if not (isinstance(x, dict) and "$patch" in x and len(x) == 1)]
    if any(isinstance(x, dict) and x.get("$patch") == "replace" for x in patch):
        return [copy.deepcopy(x) for x in patch if x.get("$patch") != "replace"]
    out = copy.deepcopy(orig) if isinstance(orig, list) else []
    for item in patch:
        k = _item_key(item, keys)
        idx = next((i for i, o in enumerate(out) if _item_key(o, keys) == k), None)
        if item.get("$patch") == "delete":
            if idx is not None:
                out.pop(idx)
            continue
        if idx is None:
            out.append(strategic_merge({}, item))
        else:
            out[idx] = strategic_merge(out[idx], item)
    return out


def _reorder(field, items, order):
    keys = merge_key(field, items)
    if keys is None:
        return items
    pos = {}
    for i, o in enumerate(order):
        pos[_item_key(o, keys) if isinstance(o, dict) else o] = i
    return sorted(items, key=lambda it: pos.get(_item_key(it, keys) if isinstance(it, dict) else it, len(pos)))
