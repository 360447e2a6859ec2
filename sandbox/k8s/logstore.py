"""Container logs, written by controllers, read by `GET .../pods/<name>/log`."""

import threading
import time


class LogStore:
    def __init__(self):
        self._lock = threading.Condition()
        self._logs = {}  # (ns, pod, container) -> [(timestamp, line)]

    def append(self, ns, pod, container, line):
        with self._lock:
            for part in str(line).splitlines() or [""]:
                self._logs.setdefault((ns, pod, container), []).append((time.time(), part))
            self._lock.notify_all()

    def lines(self, ns, pod, container):
        with self._lock:
            return list(self._logs.get((ns, pod, container), []))

    def wait(self, ns, pod, container, seen, timeout):
        """Block until more than `seen` lines exist or timeout; returns the new lines."""
        with self._lock:
            cur = self._logs.get((ns, pod, container), [])
            if len(cur) <= seen:
                self._lock.wait(timeout)
                cur = self._logs.get((ns, pod, container), [])
            return list(cur[seen:])

    def drop_pod(self, ns, pod):
        with self._lock:
            for k in [k for k in self._logs if k[0] == ns and k[1] == pod]:
                del self._logs[k]
            self._lock.notify_all()

    def reset(self):
        with self._lock:
            self._logs.clear()
            self._lock.notify_all()
