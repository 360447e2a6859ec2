"""Deferred work: deletes that reach moto only when AWS would have finished them."""

from __future__ import annotations

import heapq
import sys
import threading
import time

from .eks_state import Request


class Scheduler(threading.Thread):
    """Replays deferred deletes to moto when their delay has passed."""

    def __init__(self, proxy):
        super().__init__(daemon=True, name="scheduler")
        self.proxy = proxy
        self.cond = threading.Condition()
        self.heap: list = []
        self.generation = 0
        self.seq = 0

    def add(self, when: float, request: Request, what: tuple) -> None:
        with self.cond:
            self.seq += 1
            heapq.heappush(self.heap, (when, self.seq, self.generation, request, what))
            self.cond.notify()

    def clear(self) -> None:
        with self.cond:
            self.generation += 1
            self.heap.clear()
            self.cond.notify()

    def run(self) -> None:
        while True:
            with self.cond:
                while not self.heap or self.heap[0][0] > time.time():
                    timeout = None if not self.heap else max(0.0, self.heap[0][0] - time.time())
                    self.cond.wait(timeout)
                _, _, generation, request, what = heapq.heappop(self.heap)
                if generation != self.generation:
                    continue
            try:
                self.proxy.forward(request)
            except Exception as error:  # keep the thread alive; the log says what failed
                print(f"deferred {request.method} {request.path} failed: {error!r}", file=sys.stderr, flush=True)
            self.proxy.eks.finish_delete(what, request)
