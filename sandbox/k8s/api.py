"""The REST semantics of the API server, independent of HTTP: one `Request` in, one `Response` out."""

import base64
import copy
import json
import secrets
import struct

import yaml

from . import errors, fields, patch, protobuf, schema, selectors, tables, validation
from .deletion import DeleteMixin
from .messages import CT_JSON, Request, Response  # noqa: F401 (re-exported)
from .watch import WatchMixin

PATCH_JSON = "application/json-patch+json"
PATCH_MERGE = "application/merge-patch+json"
PATCH_STRATEGIC = "application/strategic-merge-patch+json"
PATCH_APPLY = "application/apply-patch+yaml"


def parse_body(req, yaml_ok=False):
    if not req.body:
        raise errors.bad_request("the body of the request was empty")
    ctype = req.headers.get("content-type", "").split(";")[0].strip()
    if ctype == protobuf.CONTENT_TYPE and not yaml_ok:
        try:
            return protobuf.decode_envelope(req.body)[2]
        except (protobuf.ProtobufError, UnicodeDecodeError, struct.error) as e:
            raise errors.bad_request(f"the object provided is unrecognized (must be of type protobuf): {e}")
    if ctype in (protobuf.CONTENT_TYPE, "application/cbor"):
        raise errors.APIError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                              "accepted media types include: application/json, application/yaml"
                              + (", application/vnd.kubernetes.protobuf" if ctype != protobuf.CONTENT_TYPE else ""))
    try:
        return json.loads(req.body)
    except ValueError:
        if yaml_ok:
            try:
                return yaml.safe_load(req.body)
            except yaml.YAMLError as e:
                raise errors.bad_request(f"error decoding YAML: {e}")
        raise errors.bad_request("the object provided is unrecognized (must be of type JSON)")


def user_agent_manager(req):
    ua = req.headers.get("user-agent", "")
    return (ua.split("/", 1)[0] or "unknown")[:128]


class API(WatchMixin, DeleteMixin):
    """Resource handlers. `cluster` gives access to store, registry, rbac, logs and hooks."""

    def __init__(self, cluster):
        self.c = cluster
        self.store = cluster.store
        self.registry = cluster.registry

    # -- helpers -----------------------------------------------------------------------

    def out(self, rt, obj, version):
        if obj is None:
            return None
        # the API server's key order: kind, apiVersion, metadata, then the rest
        ordered = {"kind": rt.kind, "apiVersion": rt.api_version(version)}
        if "metadata" in obj:
            ordered["metadata"] = obj["metadata"]
        for k, v in obj.items():
            if k not in ordered:
                ordered[k] = v
        return ordered

    def _ns_rt(self):
        return self.registry.get("", "namespaces")

    def check_namespace(self, rt, ns, creating=True):
        if not rt.namespaced:
            return
        nso = self.store.get(self._ns_rt(), "", ns, copy_=False)
        if nso is None:
            raise errors.not_found(self._ns_rt(), ns)
        if creating and nso["metadata"].get("deletionTimestamp"):
            raise errors.APIError(
                403, "Forbidden",
                f"{errors.qualified(rt)} \"\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                {"kind": rt.plural, **({"group": rt.group} if rt.group else {}),
                 "causes": [{"reason": "NamespaceTerminating", "message": f"namespace {ns} is being terminated",
                             "field": "metadata.namespace"}]})

    # -- create (also used by controllers) -----------------------------------------------

    def create_object(self, rt, obj, manager, version=None, dry_run=False, ns=None, strict=False, warn=False):
        md = obj.setdefault("metadata", {})
        if rt.namespaced:
            if ns is not None:
                if md.get("namespace") and md["namespace"] != ns:
                    raise errors.bad_request("the namespace of the provided object does not match the namespace sent on the request")
                md["namespace"] = ns
            md.setdefault("namespace", "default")
        else:
            md.pop("namespace", None)
        if not md.get("name"):
            if md.get("generateName"):
                md["name"] = md["generateName"] + validation.random_suffix()
            else:
                raise errors.invalid(rt, validation.qualified_kind(rt), "",
                                     [("metadata.name", "Required value: name or generateName is required", "FieldValueRequired")])
        obj["apiVersion"] = rt.api_version(version)
        obj["kind"] = rt.kind
        for k in ("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "selfLink"):
            md.pop(k, None)
        if "status" in rt.subresources and rt.kind not in ("Pod", "Namespace", "Node"):
            obj.pop("status", None)
        if rt.kind == "Pod":  # warm the cache outside the lock
            self.c.aws.fargate_profiles_for_pod(md.get("namespace") or ns or "", md.get("labels") or {})
        with self.store.lock:
            self.check_namespace(rt, md.get("namespace"))
            validation.apply_defaults(rt, obj, self.c.allocate_cluster_ip)
            if rt.builtin and rt.kind == "Job" and not (obj.get("spec") or {}).get("manualSelector"):
                validation.job_selector(obj)
            if not rt.builtin:
                schema.process(rt, version or rt.storage_version, obj, strict, warn)
            validation.validate(rt, obj)
            self.c.admit(rt, obj, None)
            fields.track_update(rt, None, obj, manager, rt.api_version(version))
            # storage form
            obj["apiVersion"] = rt.api_version()
            created = self.store.create(rt, obj, dry_run=dry_run)
        return created

    # -- dispatch ------------------------------------------------------------------------

    def handle(self, req, rt, version, ns, name, sub):
        m = req.method
        if m == "GET":
            if name is None:
                if req.flag("watch"):
                    return self.watch(req, rt, version, ns)
                return self.list(req, rt, version, ns)
            if sub == "log":
                return self.c.pod_log(req, rt, ns, name)
            return self.get(req, rt, version, ns, name, sub)
        if m == "POST":
            if name is None:
                return self.create(req, rt, version, ns)
            return self.post_sub(req, rt, version, ns, name, sub)
        if m == "PUT":
            if name is None:
                raise errors.method_not_allowed(m, rt)
            return self.update(req, rt, version, ns, name, sub)
        if m == "PATCH":
            if name is None:
                raise errors.method_not_allowed(m, rt)
            return self.patch(req, rt, version, ns, name, sub)
        if m == "DELETE":
            if name is None:
                return self.delete_collection(req, rt, version, ns)
            return self.delete(req, rt, version, ns, name)
        raise errors.method_not_allowed(m, rt)

    # -- reads ---------------------------------------------------------------------------

    def _wants_table(self, req):
        return "as=Table" in req.headers.get("accept", "")

    def _predicate(self, req, rt):
        lsel = selectors.parse_label_selector(req.q("labelSelector"))
        fsel = selectors.parse_field_selector(req.q("fieldSelector"))
        selectors.check_field_selector(fsel, rt.kind, custom=not rt.builtin)

        def pred(o):
            return selectors.match_labels(lsel, o.get("metadata", {}).get("labels")) and selectors.match_fields(fsel, o)

        return pred

    def get(self, req, rt, version, ns, name, sub):
        obj = self.store.get(rt, ns, name)
        if obj is None:
            raise errors.not_found(rt, name)
        if sub == "scale":
            return Response(200, self.scale_of(rt, obj))
        if sub and sub not in ("status",):
            raise errors.path_not_found()
        obj = self.out(rt, obj, version)
        if self._wants_table(req):
            return Response(200, tables.table(rt, version, [obj], obj["metadata"]["resourceVersion"],
                                              req.q("includeObject", "Metadata")))
        return Response(200, obj)

    def list(self, req, rt, version, ns):
        pred = self._predicate(req, rt)
        items, rv = self.store.list(rt, ns, pred)
        cont = None
        limit = int(req.q("limit") or 0)
        start = 0
        if req.q("continue"):
            try:
                tok = json.loads(base64.b64decode(req.q("continue")))
                start, rv = tok["start"], tok["rv"]
            except Exception:
                raise errors.bad_request("continue key is not valid")
        if limit and len(items) - start > limit:
            cont = base64.b64encode(json.dumps({"start": start + limit, "rv": rv}).encode()).decode()
            items = items[start:start + limit]
        else:
            items = items[start:]
        items = [self.out(rt, o, version) for o in items]
        if self._wants_table(req):
            return Response(200, tables.table(rt, version, items, rv, req.q("includeObject", "Metadata"), cont))
        md = {"resourceVersion": rv}
        if cont:
            md["continue"] = cont
        return Response(200, {"kind": rt.list_kind, "apiVersion": rt.api_version(version), "metadata": md, "items": items})

    # -- create --------------------------------------------------------------------------

    def create(self, req, rt, version, ns):
        from .registry import VIRTUAL

        obj = parse_body(req)
        if not isinstance(obj, dict):
            raise errors.bad_request("the object provided is unrecognized (must be of type object)")
        if obj.get("apiVersion") and obj.get("kind") and (obj["apiVersion"] != rt.api_version(version) or obj["kind"] != rt.kind):
            raise errors.bad_request(
                f"the API version in the data ({obj['apiVersion']}) does not match the expected API version ({rt.api_version(version)})"
                if obj["apiVersion"] != rt.api_version(version) else
                f"the kind in the data ({obj['kind']}) does not match the expected kind ({rt.kind})")
        if rt.key in VIRTUAL:
            return Response(201, self.c.review(req, rt, obj))
        manager = req.q("fieldManager") or user_agent_manager(req)
        created = self.create_object(rt, obj, manager, version, dry_run=req.q("dryRun") == "All", ns=ns,
                                     strict=req.q("fieldValidation") == "Strict", warn=req.q("fieldValidation") != "Ignore")
        return Response(201, self.out(rt, created, version))

    def post_sub(self, req, rt, version, ns, name, sub):
        if rt.kind == "Pod" and sub == "eviction":
            self.store.delete_pod(rt, ns, name)
            return Response(201, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201})
        if rt.kind == "Pod" and sub == "binding":
            body = parse_body(req)
            with self.store.lock:
                pod = self.store.get(rt, ns, name)
                if pod is None:
                    raise errors.not_found(rt, name)
                pod["spec"]["nodeName"] = (body.get("target") or {}).get("name")
                self.store.update(rt, pod)
            return Response(201, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201})
        if rt.kind == "ServiceAccount" and sub == "token":
            if self.store.get(rt, ns, name, copy_=False) is None:
                raise errors.not_found(rt, name)
            body = parse_body(req) if req.body else {}
            return Response(201, self.c.issue_sa_token(ns, name, body))
        raise errors.path_not_found()

    # -- update / patch ------------------------------------------------------------------

    def _finish_write(self, req, rt, version, old, new, sub, manager, apply_done=False):
        """Shared tail of PUT and PATCH: subresource scoping, validation, managed fields, store."""
        md = new.setdefault("metadata", {})
        omd = old["metadata"]
        if md.get("name") != omd["name"]:
            raise errors.bad_request(f"the name of the object ({md.get('name')}) does not match the name on the URL ({omd['name']})")
        if rt.namespaced:
            if md.get("namespace") and md["namespace"] != omd.get("namespace"):
                raise errors.bad_request("the namespace of the provided object does not match the namespace sent on the request")
            md["namespace"] = omd.get("namespace")
        expect_rv = md.get("resourceVersion") or None
        new["apiVersion"] = rt.api_version()
        new["kind"] = rt.kind
        if sub == "status":
            status = new.get("status")
            new = {**copy.deepcopy(old), "status": status} if status is not None else {
                k: v for k, v in copy.deepcopy(old).items() if k != "status"}
            new["metadata"]["managedFields"] = md.get("managedFields", omd.get("managedFields"))
            if new["metadata"].get("managedFields") is None:
                new["metadata"].pop("managedFields", None)
        elif "status" in rt.subresources:
            if "status" in old:
                new["status"] = copy.deepcopy(old["status"])
            else:
                new.pop("status", None)
        if rt.kind == "Namespace" and sub != "finalize":
            new["spec"] = copy.deepcopy(old.get("spec", {}))
        if sub == "finalize":
            fin = (new.get("spec") or {}).get("finalizers")
            new = copy.deepcopy(old)
            new["spec"]["finalizers"] = fin or []
        validation.apply_defaults(rt, new, self.c.allocate_cluster_ip)
        if not rt.builtin:
            schema.process(rt, version, new, req.q("fieldValidation") == "Strict", req.q("fieldValidation") != "Ignore")
        if sub != "status":
            validation.validate(rt, new, old)
        self.c.admit(rt, new, old, sub if sub in ("status", "scale") else "")
        if not apply_done:
            fields.track_update(rt, old, new, manager, rt.api_version(version), sub if sub in ("status", "scale") else "")
        updated = self.store.update(rt, new, expect_rv=expect_rv, dry_run=req.q("dryRun") == "All")
        return updated

    def update(self, req, rt, version, ns, name, sub):
        body = parse_body(req)
        manager = req.q("fieldManager") or user_agent_manager(req)
        with self.store.lock:
            old = self.store.get(rt, ns, name)
            if old is None:
                raise errors.not_found(rt, name)
            if sub == "scale":
                return Response(200, self._write_scale(req, rt, version, old, body, manager))
            if body.get("metadata", {}).get("name") is None:
                body.setdefault("metadata", {})["name"] = name
            updated = self._finish_write(req, rt, version, old, body, sub, manager)
            if rt.kind == "Namespace" and sub == "finalize":
                self.c.namespace_finalized(updated)
        return Response(200, self.out(rt, updated, version))

    def scale_of(self, rt, obj):
        md = obj["metadata"]
        return {"kind": "Scale", "apiVersion": "autoscaling/v1",
                "metadata": {"name": md["name"], "namespace": md.get("namespace"), "uid": md.get("uid"),
                             "resourceVersion": md.get("resourceVersion"), "creationTimestamp": md.get("creationTimestamp")},
                "spec": {"replicas": (obj.get("spec") or {}).get("replicas", 0)},
                "status": {"replicas": (obj.get("status") or {}).get("replicas", 0),
                           "selector": selectors.selector_string((obj.get("spec") or {}).get("selector") or {})}}

    def _write_scale(self, req, rt, version, old, scale, manager):
        rv = (scale.get("metadata") or {}).get("resourceVersion")
        if rv and rv != old["metadata"]["resourceVersion"]:
            raise errors.conflict(rt, old["metadata"]["name"])
        new = copy.deepcopy(old)
        replicas = (scale.get("spec") or {}).get("replicas")
        if not isinstance(replicas, int) or replicas < 0:
            raise errors.invalid(None, "Scale", old["metadata"]["name"],
                                 [("spec.replicas", f"Invalid value: {replicas}: must be greater than or equal to 0", "FieldValueInvalid")])
        new.setdefault("spec", {})["replicas"] = replicas
        new["metadata"].pop("resourceVersion", None)
        updated = self._finish_write(req, rt, version, old, new, "scale", manager)
        return self.scale_of(rt, updated)

    def patch(self, req, rt, version, ns, name, sub):
        ctype = req.headers.get("content-type", "").split(";")[0].strip()
        manager = req.q("fieldManager") or user_agent_manager(req)
        if rt.kind == "Pod":
            self.c.aws.fargate_profiles()  # warm the cache outside the lock
        if ctype == PATCH_APPLY:
            if not req.q("fieldManager"):
                raise errors.bad_request("PATCH, application/apply-patch+yaml requests must include fieldManager as a query parameter")
            body = parse_body(req, yaml_ok=True)
        elif ctype in (PATCH_JSON, PATCH_MERGE, PATCH_STRATEGIC):
            body = parse_body(req)
        else:
            raise errors.unsupported_media(ctype)
        if ctype == PATCH_STRATEGIC and not rt.builtin:
            raise errors.unsupported_media(ctype)
        with self.store.lock:
            old = self.store.get(rt, ns, name)
            if old is None:
                if ctype == PATCH_APPLY and sub is None:
                    return self._apply_create(req, rt, version, ns, name, body, manager)
                raise errors.not_found(rt, name)
            view = self.scale_of(rt, old) if sub == "scale" else self.out(rt, copy.deepcopy(old), version)
            if ctype == PATCH_JSON:
                new = patch.json_patch(view, body)
            elif ctype == PATCH_MERGE:
                new = patch.merge_patch(view, body)
            elif ctype == PATCH_STRATEGIC:
                new = patch.strategic_merge(view, body)
            else:
                self._check_apply_body(rt, version, name, body, sub)
                if sub == "scale":
                    new = patch.merge_patch(view, {k: v for k, v in body.items() if k in ("spec",)})
                else:
                    new = fields.apply(rt, view, body, manager, req.flag("force"), rt.api_version(version),
                                       sub if sub == "status" else "")
            if sub == "scale":
                return Response(200, self._write_scale(req, rt, version, old, new, manager))
            if not isinstance(new, dict):
                raise errors.bad_request("the patch did not produce an object")
            if ctype != PATCH_APPLY and (new.get("metadata") or {}).get("resourceVersion") == old["metadata"]["resourceVersion"]:
                new["metadata"].pop("resourceVersion", None)  # patches carry no precondition unless they set it
            elif ctype == PATCH_APPLY:
                new["metadata"].pop("resourceVersion", None)
                if (body.get("metadata") or {}).get("resourceVersion"):
                    new["metadata"]["resourceVersion"] = body["metadata"]["resourceVersion"]
            updated = self._finish_write(req, rt, version, old, new, sub, manager, apply_done=ctype == PATCH_APPLY)
            if rt.kind == "Namespace" and sub == "finalize":
                self.c.namespace_finalized(updated)
        return Response(200, self.out(rt, updated, version))

    def _check_apply_body(self, rt, version, name, body, sub):
        if not isinstance(body, dict):
            raise errors.bad_request("apply patch must be an object")
        if sub == "scale":
            return
        if body.get("apiVersion") != rt.api_version(version) or body.get("kind") != rt.kind:
            raise errors.bad_request(f"invalid object type: {body.get('apiVersion')}, Kind={body.get('kind')}")
        if (body.get("metadata") or {}).get("name") not in (None, name):
            raise errors.bad_request(f"the name of the object ({body['metadata']['name']}) does not match the name on the URL ({name})")

    def _apply_create(self, req, rt, version, ns, name, body, manager):
        self._check_apply_body(rt, version, name, body, None)
        new = fields.apply(rt, None, body, manager, req.flag("force"), rt.api_version(version))
        new["metadata"]["name"] = name
        mf = new["metadata"].pop("managedFields", None)
        md = new["metadata"]
        if rt.namespaced:
            md["namespace"] = ns
        if "status" in rt.subresources and rt.kind not in ("Pod", "Namespace", "Node"):
            new.pop("status", None)
        self.check_namespace(rt, ns)
        validation.apply_defaults(rt, new, self.c.allocate_cluster_ip)
        if rt.builtin and rt.kind == "Job" and not (new.get("spec") or {}).get("manualSelector"):
            validation.job_selector(new)
        if not rt.builtin:
            schema.process(rt, version, new, req.q("fieldValidation") == "Strict", req.q("fieldValidation") != "Ignore")
        validation.validate(rt, new)
        self.c.admit(rt, new, None)
        if mf:
            md["managedFields"] = mf
        new["apiVersion"] = rt.api_version()
        created = self.store.create(rt, new, dry_run=req.q("dryRun") == "All")
        return Response(201, self.out(rt, created, version))

def new_token():
    return secrets.token_urlsafe(32)
