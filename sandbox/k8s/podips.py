"""Pod IPs from 127.0.0.0/8, one per running pod, so local processes of different pods can
bind the same ports (Spark's driver and executors each listen on their own address)."""

import ipaddress
import threading

FIRST = ipaddress.ip_address("127.0.1.1")
COUNT = 60000


class PodIPs:
    def __init__(self):
        self._lock = threading.Lock()
        self._by_uid = {}
        self._next = 0

    def allocate(self, uid):
        with self._lock:
            if uid in self._by_uid:
                return self._by_uid[uid]
            used = set(self._by_uid.values())
            for _ in range(COUNT):
                ip = str(FIRST + self._next)
                self._next = (self._next + 1) % COUNT
                if ip not in used and not ip.endswith(".0") and not ip.endswith(".255"):
                    self._by_uid[uid] = ip
                    return ip
            raise RuntimeError("no pod IPs left in 127.0.0.0/8")

    def release(self, uid):
        with self._lock:
            self._by_uid.pop(uid, None)
