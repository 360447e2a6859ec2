"""The request log the control API serves (`GET /_sandbox/requests`)."""

from __future__ import annotations

import threading


class RequestLog:
    def __init__(self, limit: int = 5000):
        self.lock = threading.Lock()
        self.entries: list[dict] = []
        self.count = 0
        self.limit = limit

    def add(self, entry: dict) -> None:
        with self.lock:
            self.count += 1
            entry["seq"] = self.count
            self.entries.append(entry)
            if len(self.entries) > self.limit:
                del self.entries[: len(self.entries) - self.limit]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.count = 0

    def since(self, seq: int) -> dict:
        with self.lock:
            return {"count": self.count, "requests": [e for e in self.entries if e["seq"] > seq]}
