"""Discovery documents (legacy and aggregated) and the OpenAPI v3 index kubectl reads."""

import hashlib
import json

KUBE_VERSION = {"major": "1", "minor": "30+", "gitVersion": "v1.30.6-eks-7f9249a",
                "gitCommit": "eb2bcd7a6fc2f1d3f1b0a1e1e5c5b3b7b1d6c0a2", "gitTreeState": "clean",
                "buildDate": "2024-10-22T17:10:07Z", "goVersion": "go1.22.8", "compiler": "gc",
                "platform": "linux/amd64"}
AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
AGGREGATED_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"


def wants_aggregated(accept):
    """The aggregated form the client asked for first, or None for the legacy form."""
    for part in (accept or "").split(","):
        p = part.replace(" ", "")
        if "as=APIGroupDiscoveryList" in p:
            if "v=v2beta1" in p:
                return AGGREGATED_V2BETA1
            if "v=v2" in p:
                return AGGREGATED_V2
        elif p.startswith("application/json") or p.startswith("*/*"):
            return None
    return None


def _api_resources(rt, version):
    out = [{
        "name": rt.plural,
        "singularName": rt.singular,
        "namespaced": rt.namespaced,
        "kind": rt.kind,
        "verbs": rt.verbs,
        **({"shortNames": rt.short_names} if rt.short_names else {}),
        **({"categories": rt.categories} if rt.categories else {}),
        "storageVersionHash": hashlib.sha256(f"{rt.group}/{rt.storage_version}/{rt.kind}".encode()).digest()[:8].hex(),
    }]
    for sub, (g, v, kind, verbs) in sorted(rt.subresources.items()):
        entry = {"name": f"{rt.plural}/{sub}", "singularName": "", "namespaced": rt.namespaced, "kind": kind,
                 "verbs": list(verbs)}
        if g != rt.group:
            entry["group"] = g
            entry["version"] = v
        out.append(entry)
    return out


def resource_list(registry, group, version):
    res = []
    for rt in sorted(registry.all(), key=lambda r: r.plural):
        if rt.group == group and version in rt.versions:
            res.extend(_api_resources(rt, version))
    if not res:
        return None
    gv = version if not group else f"{group}/{version}"
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": res}


def api_versions(server_address):
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]}


def api_group_list(registry):
    groups = []
    for g, versions in registry.groups().items():
        groups.append({"name": g,
                       "versions": [{"groupVersion": f"{g}/{v}", "version": v} for v in versions],
                       "preferredVersion": {"groupVersion": f"{g}/{versions[0]}", "version": versions[0]}})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_group(registry, group):
    versions = registry.groups().get(group)
    if not versions:
        return None
    return {"kind": "APIGroup", "apiVersion": "v1", "name": group,
            "versions": [{"groupVersion": f"{group}/{v}", "version": v} for v in versions],
            "preferredVersion": {"groupVersion": f"{group}/{versions[0]}", "version": versions[0]}}


def _aggregated_resource(rt, version):
    r = {"resource": rt.plural,
         "responseKind": {"group": rt.group, "version": version, "kind": rt.kind},
         "scope": "Namespaced" if rt.namespaced else "Cluster",
         "singularResource": rt.singular,
         "verbs": rt.verbs}
    if rt.short_names:
        r["shortNames"] = rt.short_names
    if rt.categories:
        r["categories"] = rt.categories
    subs = []
    for sub, (g, v, kind, verbs) in sorted(rt.subresources.items()):
        subs.append({"subresource": sub, "responseKind": {"group": g, "version": v, "kind": kind}, "verbs": list(verbs)})
    if subs:
        r["subresources"] = subs
    return r


def aggregated(registry, legacy, content_type):
    api_version = "apidiscovery.k8s.io/v2" if content_type == AGGREGATED_V2 else "apidiscovery.k8s.io/v2beta1"
    items = []
    if legacy:
        groups = {"": ["v1"]}
    else:
        groups = registry.groups()
    types = registry.all()
    for g, versions in groups.items():
        vs = []
        for v in versions:
            res = [_aggregated_resource(rt, v) for rt in sorted(types, key=lambda r: r.plural)
                   if rt.group == g and v in rt.versions]
            vs.append({"version": v, "resources": res, "freshness": "Current"})
        md = {"creationTimestamp": None}
        if g:
            md["name"] = g
        items.append({"metadata": md, "versions": vs})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": api_version, "metadata": {}, "items": items}


# -- OpenAPI v3 --------------------------------------------------------------------------
# kubectl reads /openapi/v3 to learn whether PATCH accepts `fieldValidation` (so that it
# leaves schema validation to the server) and which patch types each kind takes. We list
# every served kind's operations with those facts; schemas are left open.

PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]


def openapi_root(registry):
    paths = {}
    gvs = {("", "v1")}
    for rt in registry.all():
        for v in rt.versions:
            gvs.add((rt.group, v))
    for g, v in sorted(gvs):
        key = f"api/{v}" if not g else f"apis/{g}/{v}"
        doc = openapi_gv(registry, g, v)
        h = hashlib.sha512(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:64].upper()
        paths[key] = {"serverRelativeURL": f"/openapi/v3/{key}?hash={h}"}
    return {"paths": paths}


def _op(rt, version, action, kind=None):
    op = {"operationId": f"{action}{rt.kind}",
          "x-kubernetes-action": action,
          "x-kubernetes-group-version-kind": {"group": rt.group, "version": version, "kind": kind or rt.kind},
          "parameters": [{"name": "dryRun", "in": "query", "schema": {"type": "string"}, "uniqueItems": True},
                         {"name": "fieldManager", "in": "query", "schema": {"type": "string"}, "uniqueItems": True}],
          "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}}
    if action in ("patch", "put", "post"):
        op["parameters"].append({"name": "fieldValidation", "in": "query", "schema": {"type": "string"}, "uniqueItems": True})
    if action == "patch":
        op["parameters"].append({"name": "force", "in": "query", "schema": {"type": "boolean"}, "uniqueItems": True})
        op["requestBody"] = {"content": {t: {"schema": {"type": "object"}} for t in PATCH_TYPES}, "required": True}
    elif action in ("put", "post"):
        op["requestBody"] = {"content": {"*/*": {"schema": {"type": "object"}}}, "required": True}
    return op


def openapi_gv(registry, group, version):
    paths = {}
    prefix = f"/api/{version}" if not group else f"/apis/{group}/{version}"
    for rt in sorted(registry.all(), key=lambda r: r.plural):
        if rt.group != group or version not in rt.versions:
            continue
        base = f"{prefix}/namespaces/{{namespace}}/{rt.plural}" if rt.namespaced else f"{prefix}/{rt.plural}"
        if "create" in rt.verbs or "list" in rt.verbs:
            coll = {}
            if "list" in rt.verbs:
                coll["get"] = _op(rt, version, "list")
            if "create" in rt.verbs:
                coll["post"] = _op(rt, version, "post")
            paths[base] = coll
        if "get" in rt.verbs:
            paths[base + "/{name}"] = {"get": _op(rt, version, "get"), "put": _op(rt, version, "put"),
                                       "patch": _op(rt, version, "patch"), "delete": _op(rt, version, "delete")}
        for sub, (g, v, kind, verbs) in rt.subresources.items():
            if "patch" in verbs:
                paths[f"{base}/{{name}}/{sub}"] = {"get": _op(rt, version, "get", kind if g == rt.group else None),
                                                   "patch": _op(rt, version, "patch", kind if g == rt.group else None)}
    if not paths:
        return None
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": KUBE_VERSION["gitVersion"]},
            "paths": paths, "components": {"schemas": _crd_schemas(registry, group, version)}}


def _crd_schemas(registry, group, version):
    """Custom resources' schemas (what `kubectl explain` reads); built-in kinds stay open."""
    out = {}
    for rt in registry.all():
        if rt.builtin or rt.group != group or version not in rt.versions:
            continue
        for v in (rt.crd or {}).get("spec", {}).get("versions", []):
            if v.get("name") != version:
                continue
            schema = dict(((v.get("schema") or {}).get("openAPIV3Schema")) or {"type": "object"})
            props = dict(schema.get("properties") or {})
            props.setdefault("apiVersion", {"type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."})
            props.setdefault("kind", {"type": "string", "description": "Kind is a string value representing the REST resource this object represents."})
            props.setdefault("metadata", {"type": "object", "description": "Standard object's metadata."})
            schema["properties"] = props
            schema["x-kubernetes-group-version-kind"] = [{"group": rt.group, "version": version, "kind": rt.kind}]
            rev = ".".join(reversed(rt.group.split(".")))
            out[f"{rev}.{version}.{rt.kind}"] = schema
    return out
