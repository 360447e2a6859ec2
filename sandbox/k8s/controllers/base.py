"""The controller interface and the loop that drives controllers from the store's events."""

import logging
import threading
import time

from .. import errors

log = logging.getLogger("sandbox.k8s.controllers")
TICK = 0.05


class Controller:
    """A controller reacts to events of the kinds it watches and may act on a timer.

    Subclasses set `name` and `watches` ((group, plural) pairs, or "*" for every kind) and
    override `on_event`, `tick` and `resync` as they need. All calls happen on the
    manager's single thread, so a controller needs no locking of its own.
    """

    name = "controller"
    watches = ()

    def setup(self, cluster):
        self.cluster = cluster

    def on_event(self, ev):
        pass

    def tick(self, now):
        pass

    def resync(self):
        """Called at start and after a reset: reconcile everything from scratch."""

    # A controller that owns outside resources (the kubelet's processes) may define
    # `shutdown()`: called once when the manager stops.


class Manager:
    def __init__(self, cluster, controllers):
        self.cluster = cluster
        self.controllers = list(controllers)
        for c in self.controllers:
            c.setup(cluster)
        self._stop = threading.Event()
        self._thread = None
        self._kick = threading.Event()
        self._resync = threading.Event()
        self._last = cluster.store.rv

    def add(self, controller):
        """Plug in another controller (e.g. the Spark Operator stand-in)."""
        controller.setup(self.cluster)
        self.controllers.append(controller)
        self._resync.set()

    def start(self):
        if self._thread:
            return
        self._resync.set()
        self._thread = threading.Thread(target=self._run, name="controllers", daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)
        for c in self.controllers:
            if hasattr(c, "shutdown"):
                self._safe(c.shutdown)

    def kick(self):
        self._kick.set()

    def resync(self):
        self._resync.set()

    def _run(self):
        store = self.cluster.store
        while not self._stop.is_set():
            if self._resync.is_set():
                self._resync.clear()
                self._last = store.rv
                for c in self.controllers:
                    self._safe(c.resync)
            try:
                evs = store.events_after(self._last)
            except errors.APIError:
                self._last = store.rv
                self._resync.set()
                continue
            for ev in evs:
                self._last = ev.rv
                for c in self.controllers:
                    if c.watches == "*" or ev.rt.key in c.watches:
                        self._safe(c.on_event, ev)
            now = time.monotonic()
            for c in self.controllers:
                self._safe(c.tick, now)
            if not evs:
                store.wait(self._last, TICK)

    def _safe(self, fn, *args):
        try:
            fn(*args)
        except errors.APIError as e:
            log.debug("%s: %s", getattr(fn, "__qualname__", fn), e.message)
        except Exception:
            log.exception("controller %s failed", getattr(fn, "__qualname__", fn))
