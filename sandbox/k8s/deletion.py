"""DELETE of one object or a collection: preconditions, propagation policies, finalizers."""

import json

from . import errors, protobuf
from .messages import Response
from .store import now_rfc3339


class DeleteMixin:
    """`API.delete` and `API.delete_collection`; needs `self.store`, `self.c`, `self.out`."""

    def _delete_options(self, req):
        opts = {}
        if req.body and req.headers.get("content-type", "").split(";")[0].strip() == protobuf.CONTENT_TYPE:
            try:
                opts = protobuf.decode_envelope(req.body)[2]
            except (protobuf.ProtobufError, UnicodeDecodeError) as error:
                raise errors.bad_request(f"the body of the request was in an unknown format: {error}")
            opts = {k: v for k, v in opts.items() if k not in ("kind", "apiVersion")}
        elif req.body:
            try:
                opts = json.loads(req.body) or {}
            except ValueError:
                raise errors.bad_request("the body of the request was in an unknown format")
        if req.q("gracePeriodSeconds"):
            opts["gracePeriodSeconds"] = int(req.q("gracePeriodSeconds"))
        if req.q("propagationPolicy"):
            opts["propagationPolicy"] = req.q("propagationPolicy")
        if req.q("dryRun"):
            opts["dryRun"] = [req.q("dryRun")]
        if opts.get("orphanDependents") is True:
            opts.setdefault("propagationPolicy", "Orphan")
        return opts

    def delete(self, req, rt, version, ns, name):
        opts = self._delete_options(req)
        dry = "All" in (opts.get("dryRun") or [])
        pre = opts.get("preconditions") or {}
        with self.store.lock:
            old = self.store.get(rt, ns, name)
            if old is None:
                raise errors.not_found(rt, name)
            if rt.kind == "Namespace" and rt.builtin:
                if dry:
                    return Response(200, self.out(rt, old, version))
                if not old["metadata"].get("deletionTimestamp"):
                    old["metadata"]["deletionTimestamp"] = now_rfc3339()
                    old["status"] = {"phase": "Terminating"}
                    old["metadata"].pop("resourceVersion", None)
                    old = self.store.update(rt, old)
                return Response(200, self.out(rt, old, version))
            if opts.get("propagationPolicy") == "Orphan" and not dry:
                self.c.orphan_dependents(old)
            if opts.get("propagationPolicy") == "Foreground" and not dry and not old["metadata"].get("deletionTimestamp"):
                # the owner stays (deletionTimestamp, foregroundDeletion) until the collector removed its dependents
                fins = old["metadata"].setdefault("finalizers", [])
                if "foregroundDeletion" not in fins:
                    fins.append("foregroundDeletion")
                old["metadata"].pop("resourceVersion", None)
                self.store.update(rt, old)
            if rt.builtin and rt.kind == "Pod":
                obj = self.store.delete_pod(rt, ns, name, opts.get("gracePeriodSeconds"), pre.get("uid"), pre.get("resourceVersion"), dry)
            else:
                obj = self.store.delete(rt, ns, name, expect_uid=pre.get("uid"), expect_rv=pre.get("resourceVersion"), dry_run=dry)
        if obj["metadata"].get("finalizers") or rt.kind == "Pod":
            return Response(200, self.out(rt, obj, version))
        details = {"name": name, **({"group": rt.group} if rt.group else {}), "kind": rt.plural, "uid": obj["metadata"].get("uid")}
        return Response(200, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details})

    def delete_collection(self, req, rt, version, ns):
        opts = self._delete_options(req)
        dry = "All" in (opts.get("dryRun") or [])
        pred = self._predicate(req, rt)
        items, rv = self.store.list(rt, ns, pred)
        out = []
        for o in items:
            try:
                if rt.builtin and rt.kind == "Pod":
                    gone = self.store.delete_pod(rt, o["metadata"].get("namespace"), o["metadata"]["name"],
                                                 opts.get("gracePeriodSeconds"), dry_run=dry)
                else:
                    gone = self.store.delete(rt, o["metadata"].get("namespace"), o["metadata"]["name"], dry_run=dry)
                out.append(self.out(rt, gone, version))
            except errors.APIError:
                pass
        return Response(200, {"kind": rt.list_kind, "apiVersion": rt.api_version(version), "metadata": {"resourceVersion": rv},
                              "items": out})


