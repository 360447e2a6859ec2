"""In-memory object storage with a global resourceVersion and an event log for watches."""

import bisect
import copy
import threading
import time
import uuid

from . import errors

MAX_EVENTS = 20000


def now_rfc3339():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _spec_part(obj):
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "kind", "apiVersion")}


class Event:
    __slots__ = ("rv", "type", "rt", "obj", "prev")

    def __init__(self, rv, type_, rt, obj, prev=None):
        self.rv = rv
        self.type = type_
        self.rt = rt
        self.obj = obj
        self.prev = prev  # the object before a MODIFIED event (for selector transitions)


class Store:
    """All cluster state, behind one lock. Objects are kept in their storage version."""

    def __init__(self):
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.rv = 0
        self.objects = {}  # (group, plural) -> {(ns, name): obj}
        self.events = []
        self.event_rvs = []
        self.oldest_rv = 0  # events with rv > oldest_rv are retained
        self.epoch = 0  # bumped on reset so watchers end

    # -- reads -------------------------------------------------------------------------

    def _bucket(self, rt):
        return self.objects.setdefault(rt.key, {})

    def get(self, rt, ns, name, copy_=True):
        with self.lock:
            obj = self._bucket(rt).get((ns or "", name))
            if obj is None:
                return None
            return copy.deepcopy(obj) if copy_ else obj

    def list(self, rt, ns=None, predicate=None):
        with self.lock:
            out = []
            for (ons, _), obj in sorted(self._bucket(rt).items()):
                if ns and ons != ns:
                    continue
                if predicate is not None and not predicate(obj):
                    continue
                out.append(copy.deepcopy(obj))
            return out, str(self.rv)

    def count(self, rt, ns=None):
        with self.lock:
            return sum(1 for (ons, _) in self._bucket(rt) if not ns or ons == ns)

    # -- writes ------------------------------------------------------------------------

    def _record(self, type_, rt, obj, prev=None):
        ev = Event(self.rv, type_, rt, copy.deepcopy(obj), prev)
        self.events.append(ev)
        self.event_rvs.append(ev.rv)
        if len(self.events) > MAX_EVENTS:
            cut = MAX_EVENTS // 2
            self.oldest_rv = self.event_rvs[cut - 1]
            del self.events[:cut]
            del self.event_rvs[:cut]
        self.cond.notify_all()

    def next_rv(self):
        self.rv += 1
        return str(self.rv)

    def create(self, rt, obj, dry_run=False):
        """Store a new object; metadata.uid, resourceVersion, creationTimestamp are set here."""
        with self.lock:
            md = obj.setdefault("metadata", {})
            key = (md.get("namespace", "") if rt.namespaced else "", md["name"])
            bucket = self._bucket(rt)
            if key in bucket:
                raise errors.already_exists(rt, md["name"])
            md["uid"] = str(uuid.uuid4())
            md["creationTimestamp"] = now_rfc3339()
            md.pop("deletionTimestamp", None)
            if rt.has_generation:
                md["generation"] = 1
            if dry_run:
                md["resourceVersion"] = str(self.rv)
                return copy.deepcopy(obj)
            md["resourceVersion"] = self.next_rv()
            bucket[key] = copy.deepcopy(obj)
            self._record("ADDED", rt, obj)
            return copy.deepcopy(obj)

    def update(self, rt, obj, expect_rv=None, dry_run=False):
        """Replace an object. `expect_rv` enforces optimistic concurrency."""
        with self.lock:
            md = obj["metadata"]
            key = (md.get("namespace", "") if rt.namespaced else "", md["name"])
            bucket = self._bucket(rt)
            old = bucket.get(key)
            if old is None:
                raise errors.not_found(rt, md["name"])
            if expect_rv and expect_rv != old["metadata"]["resourceVersion"]:
                raise errors.conflict(rt, md["name"])
            omd = old["metadata"]
            for k in ("uid", "creationTimestamp"):
                md[k] = omd.get(k)
            if "deletionTimestamp" in omd:
                md["deletionTimestamp"] = omd["deletionTimestamp"]
            if rt.has_generation:
                gen = omd.get("generation", 1)
                if _spec_part(old) != _spec_part(obj):
                    gen += 1
                md["generation"] = gen
            if old == {**obj, "metadata": {**md, "resourceVersion": omd["resourceVersion"]}}:
                md["resourceVersion"] = omd["resourceVersion"]
                return copy.deepcopy(obj)  # no-op writes keep the resourceVersion, as in the API server
            if dry_run:
                md["resourceVersion"] = omd["resourceVersion"]
                return copy.deepcopy(obj)
            if md.get("deletionTimestamp") and not md.get("finalizers") and not (rt.builtin and rt.kind == "Namespace"):
                md["resourceVersion"] = self.next_rv()
                del bucket[key]
                self._record("DELETED", rt, obj)
                return copy.deepcopy(obj)
            md["resourceVersion"] = self.next_rv()
            bucket[key] = copy.deepcopy(obj)
            self._record("MODIFIED", rt, obj, old)
            return copy.deepcopy(obj)

    def delete(self, rt, ns, name, expect_uid=None, expect_rv=None, dry_run=False):
        """Delete now, or mark for deletion when finalizers remain. Returns the object."""
        with self.lock:
            key = (ns or "" if rt.namespaced else "", name)
            bucket = self._bucket(rt)
            old = bucket.get(key)
            if old is None:
                raise errors.not_found(rt, name)
            if expect_uid and old["metadata"].get("uid") != expect_uid:
                raise errors.conflict_message(
                    rt, name, f"Precondition failed: UID in precondition: {expect_uid}, UID in object meta: {old['metadata'].get('uid')}")
            if expect_rv and old["metadata"].get("resourceVersion") != expect_rv:
                raise errors.conflict_message(
                    rt, name, f"Precondition failed: ResourceVersion in precondition: {expect_rv}, ResourceVersion in object meta: {old['metadata'].get('resourceVersion')}")
            obj = copy.deepcopy(old)
            if dry_run:
                return obj
            if obj["metadata"].get("finalizers"):
                if not obj["metadata"].get("deletionTimestamp"):
                    obj["metadata"]["deletionTimestamp"] = now_rfc3339()
                    obj["metadata"]["deletionGracePeriodSeconds"] = 0
                    obj["metadata"]["resourceVersion"] = self.next_rv()
                    bucket[key] = copy.deepcopy(obj)
                    self._record("MODIFIED", rt, obj)
                return obj
            del bucket[key]
            obj["metadata"]["resourceVersion"] = self.next_rv()
            self._record("DELETED", rt, obj)
            return obj

    def remove(self, rt, ns, name):
        """Delete regardless of finalizers (used by controllers that own the finalizer)."""
        with self.lock:
            key = (ns or "" if rt.namespaced else "", name)
            old = self._bucket(rt).pop(key, None)
            if old is None:
                return None
            old["metadata"]["resourceVersion"] = self.next_rv()
            self._record("DELETED", rt, old)
            return old

    def drop_type(self, rt):
        """Forget every object of a type (a CRD was deleted), announcing the deletions."""
        with self.lock:
            bucket = self.objects.pop(rt.key, {})
            for obj in bucket.values():
                obj["metadata"]["resourceVersion"] = self.next_rv()
                self._record("DELETED", rt, obj)

    def reset(self):
        with self.lock:
            self.objects = {}
            self.events = []
            self.event_rvs = []
            self.oldest_rv = self.rv
            self.epoch += 1
            self.cond.notify_all()

    # -- watch -------------------------------------------------------------------------

    def events_after(self, rv):
        """Events with resourceVersion > rv; raises Gone when rv is older than the log."""
        with self.lock:
            if rv < self.oldest_rv:
                raise errors.gone(f"too old resource version: {rv} ({self.oldest_rv})")
            i = bisect.bisect_right(self.event_rvs, rv)
            return self.events[i:]

    def wait(self, rv, timeout):
        """Block until an event newer than rv exists, the store resets, or timeout."""
        with self.cond:
            epoch = self.epoch
            if self.rv > rv:
                return True
            self.cond.wait(timeout)
            return self.rv > rv or self.epoch != epoch
