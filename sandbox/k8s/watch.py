"""Watch: chunked JSON event streams from a resourceVersion, as the API server sends them."""

import copy
import json
import time

from . import errors, tables
from .messages import CT_JSON, Response

DEFAULT_WATCH_TIMEOUT = 1800
BOOKMARK_INTERVAL = 2.0


class WatchMixin:
    """`API.watch`: needs `self.store`, `self.out` and `self._predicate`."""

    def watch(self, req, rt, version, ns):
        pred = self._predicate(req, rt)
        table = self._wants_table(req)
        include = req.q("includeObject", "Metadata")
        rv_param = req.q("resourceVersion")
        timeout = int(req.q("timeoutSeconds") or DEFAULT_WATCH_TIMEOUT)
        bookmarks = req.flag("allowWatchBookmarks")
        send_initial = req.flag("sendInitialEvents")
        try:
            start_rv = int(rv_param) if rv_param not in ("", "0") else None
        except ValueError:
            raise errors.bad_request(f"invalid resource version: {rv_param}")
        if start_rv is not None and not send_initial:
            self.store.events_after(start_rv)  # 410 now rather than in the stream
        store = self.store

        def render(type_, obj):
            obj = self.out(rt, obj, version)
            if table:
                obj = tables.table(rt, version, [obj], obj["metadata"].get("resourceVersion", ""), include)
            return (json.dumps({"type": type_, "object": obj}, separators=(",", ":")) + "\n").encode()

        def bookmark(rv, initial_done=False):
            md = {"resourceVersion": str(rv)}
            if initial_done:
                md["annotations"] = {"k8s.io/initial-events-end": "true"}
            return (json.dumps({"type": "BOOKMARK", "object": {"kind": rt.kind, "apiVersion": rt.api_version(version),
                                                                "metadata": md}}) + "\n").encode()

        def stream():
            deadline = time.monotonic() + timeout
            if start_rv is None or send_initial:
                items, cur = store.list(rt, ns, pred)
                for o in items:
                    yield render("ADDED", o)
                last = int(cur)
                if send_initial and bookmarks:
                    yield bookmark(last, True)
            else:
                last = start_rv
            last_bookmark = time.monotonic()
            epoch = store.epoch
            while True:
                try:
                    evs = store.events_after(last)
                except errors.APIError as e:
                    yield (json.dumps({"type": "ERROR", "object": e.status()}) + "\n").encode()
                    return
                for ev in evs:
                    last = ev.rv
                    if ev.rt.key != rt.key:
                        continue
                    o = ev.obj
                    if ns and o.get("metadata", {}).get("namespace") != ns:
                        continue
                    type_ = ev.type
                    now_in = pred(o)
                    if type_ == "MODIFIED" and ev.prev is not None:
                        was_in = pred(ev.prev)
                        if was_in and not now_in:
                            type_, now_in = "DELETED", True  # left the selection, as the watch cache reports it
                        elif now_in and not was_in:
                            type_ = "ADDED"
                    if not now_in:
                        continue
                    yield render(type_, copy.deepcopy(o))
                now = time.monotonic()
                if now >= deadline or store.epoch != epoch:
                    return
                if bookmarks and now - last_bookmark >= BOOKMARK_INTERVAL:
                    last_bookmark = now
                    yield bookmark(store.rv)
                store.wait(last, min(deadline - now, 1.0))
                if not evs:
                    yield b""  # lets the writer notice a closed connection

        return Response(200, None, CT_JSON, stream=stream())

