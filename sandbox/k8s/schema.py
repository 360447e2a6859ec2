"""Structural schemas of CRDs: pruning of unknown fields, defaulting, and validation, as the
apiextensions server applies them to custom resources."""

import re

from . import errors

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def version_schema(rt, version):
    for v in ((rt.crd or {}).get("spec") or {}).get("versions") or []:
        if v.get("name") == version:
            return ((v.get("schema") or {}).get("openAPIV3Schema")) or None
    return None


def _type_ok(value, s):
    if value is None:
        return bool(s.get("nullable"))
    if s.get("x-kubernetes-int-or-string"):
        return isinstance(value, (int, str)) and not isinstance(value, bool)
    t = s.get("type")
    if not t:
        return True
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES.get(t, object))


def _show(v):
    import json

    return json.dumps(v) if isinstance(v, str) else ("null" if v is None else str(v).lower() if isinstance(v, bool) else
                                                     json.dumps(v) if isinstance(v, (int, float)) else f'"{type(v).__name__}"')


def _go_type(v):
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def walk(value, s, path, unknown, causes):
    """Prune unknown fields (collected), default missing ones, validate; returns the value."""
    if not isinstance(s, dict):
        return value
    if not _type_ok(value, s):
        causes.append((path, f'Invalid value: "{_go_type(value)}": {path} in body must be of type {s.get("type")}: "{_go_type(value)}"',
                       "FieldValueTypeInvalid"))
        return value
    if isinstance(value, dict):
        props = s.get("properties")
        addl = s.get("additionalProperties")
        preserve = s.get("x-kubernetes-preserve-unknown-fields")
        for name, ps in (props or {}).items():
            if name not in value and isinstance(ps, dict) and "default" in ps:
                import copy

                value[name] = copy.deepcopy(ps["default"])
        for k in list(value):
            sub = f"{path}.{k}" if path else k
            if props is not None and k in props:
                value[k] = walk(value[k], props[k], sub, unknown, causes)
            elif isinstance(addl, dict):
                value[k] = walk(value[k], addl, sub, unknown, causes)
            elif addl is True or preserve:
                continue
            elif s.get("type") == "object" or props is not None:
                unknown.append(sub)
                del value[k]
        for r in s.get("required") or []:
            if r not in value:
                causes.append((f"{path}.{r}" if path else r, "Required value", "FieldValueRequired"))
        if isinstance(s.get("maxProperties"), int) and len(value) > s["maxProperties"]:
            causes.append((path, f"Too many: {len(value)}: must have at most {s['maxProperties']} items", "FieldValueTooMany"))
    elif isinstance(value, list):
        items = s.get("items")
        if isinstance(items, dict):
            for i, it in enumerate(value):
                value[i] = walk(it, items, f"{path}[{i}]", unknown, causes)
        if isinstance(s.get("maxItems"), int) and len(value) > s["maxItems"]:
            causes.append((path, f"Too many: {len(value)}: must have at most {s['maxItems']} items", "FieldValueTooMany"))
        if isinstance(s.get("minItems"), int) and len(value) < s["minItems"]:
            causes.append((path, f"Invalid value: {len(value)}: {path} in body should have at least {s['minItems']} items", "FieldValueInvalid"))
    else:
        if "enum" in s and value not in s["enum"]:
            causes.append((path, f"Unsupported value: {_show(value)}: supported values: " + ", ".join(_show(e) for e in s["enum"]),
                           "FieldValueNotSupported"))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in s and value < s["minimum"]:
                causes.append((path, f"Invalid value: {value}: {path} in body should be greater than or equal to {s['minimum']}", "FieldValueInvalid"))
            if "maximum" in s and value > s["maximum"]:
                causes.append((path, f"Invalid value: {value}: {path} in body should be less than or equal to {s['maximum']}", "FieldValueInvalid"))
        if isinstance(value, str):
            if isinstance(s.get("maxLength"), int) and len(value) > s["maxLength"]:
                causes.append((path, f"Too long: may not be longer than {s['maxLength']}", "FieldValueTooLong"))
            if isinstance(s.get("minLength"), int) and len(value) < s["minLength"]:
                causes.append((path, f"Invalid value: {_show(value)}: {path} in body should be at least {s['minLength']} chars long", "FieldValueInvalid"))
            if s.get("pattern"):
                try:
                    if not re.search(s["pattern"], value):
                        causes.append((path, f"Invalid value: {_show(value)}: {path} in body should match '{s['pattern']}'", "FieldValueInvalid"))
                except re.error:
                    pass
    return value


def process(rt, version, obj, strict=False):
    """Apply the CRD version's schema to a custom resource in place (status included)."""
    s = version_schema(rt, version)
    if not s:
        return
    unknown, causes = [], []
    props = s.get("properties") or {}
    if s.get("x-kubernetes-preserve-unknown-fields") and not props:
        return
    for k in list(obj):
        if k in ("apiVersion", "kind", "metadata"):
            continue
        if k in props:
            obj[k] = walk(obj[k], props[k], k, unknown, causes)
        elif not s.get("x-kubernetes-preserve-unknown-fields"):
            unknown.append(k)
            del obj[k]
    for name, ps in props.items():
        if name not in obj and name not in ("apiVersion", "kind", "metadata") and isinstance(ps, dict) and "default" in ps:
            obj[name] = ps["default"]
    for r in s.get("required") or []:
        if r not in obj and r not in ("apiVersion", "kind", "metadata"):
            causes.append((r, "Required value", "FieldValueRequired"))
    if unknown and strict:
        raise errors.bad_request(f'{rt.kind} in version "{version}" cannot be handled as a {rt.kind}: strict decoding error: '
                                 + ", ".join(f'unknown field "{u}"' for u in unknown))
    if causes:
        name = (obj.get("metadata") or {}).get("name", "")
        raise errors.invalid(rt, f"{rt.kind}.{rt.group}", name, causes)
