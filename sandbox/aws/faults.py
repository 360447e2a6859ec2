"""Fault injection: throttling, 5xx, dropped connections, lost responses and slow responses on demand.

A rule says what to do (`kind`: throttle | error | drop | lose-response | delay), how often (`probability`),
to which requests (`service`, `operation`, a `user_agent` substring, an `access_key_id`; all
optional, so a test can leave the Kubernetes emulator's own AWS calls alone), from when (`after`: let that many
matching requests through first, the "fail after N requests" hook) and how many times at most
(`times`). `error` takes a `status` (500 or 503); `delay` takes `seconds`.

`drop` closes the connection before the request reaches moto (nothing happens);
`lose-response` lets moto execute the request and then closes the connection without an
answer, as when a response is lost on the way back or the client times out: the create
happened, but the caller cannot know it.
"""

from __future__ import annotations

import random
import threading

KINDS = ("throttle", "error", "drop", "lose-response", "delay")


class Faults:
    def __init__(self, seed: int | None = None):
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._rules: list[dict] = []

    def reset(self) -> None:
        with self._lock:
            self._rules = []

    def set(self, spec: dict) -> dict:
        """Replaces the rules. Accepts {"rules": [...]}, and `fail_after: N` as a shortcut."""
        rules = list(spec.get("rules", []))
        if "fail_after" in spec:
            rules.append({"kind": spec.get("fail_kind", "error"), "after": int(spec["fail_after"]),
                          "service": spec.get("service"), "operation": spec.get("operation"),
                          "user_agent": spec.get("user_agent"), "access_key_id": spec.get("access_key_id")})
        clean = []
        for rule in rules:
            kind = rule.get("kind")
            if kind not in KINDS:
                raise ValueError(f"unknown fault kind {kind!r}; choose one of {', '.join(KINDS)}")
            probability = float(rule.get("probability", 1.0))
            if not 0.0 <= probability <= 1.0:
                raise ValueError("probability must be between 0 and 1")
            status = int(rule.get("status", 500))
            if kind == "error" and status not in (500, 503):
                raise ValueError("status must be 500 or 503")
            clean.append({
                "kind": kind, "probability": probability,
                "service": rule.get("service"), "operation": rule.get("operation"),
                "user_agent": rule.get("user_agent"), "access_key_id": rule.get("access_key_id"),
                "after": int(rule.get("after", 0)), "times": None if rule.get("times") is None else int(rule["times"]),
                "status": status, "seconds": float(rule.get("seconds", 1.0)),
                "matched": 0, "fired": 0,
            })
        if "seed" in spec:
            self._random.seed(spec["seed"])
        with self._lock:
            self._rules = clean
        return self.describe()

    def describe(self) -> dict:
        with self._lock:
            return {"rules": [dict(rule) for rule in self._rules]}

    def pick(self, service: str, operation: str, user_agent: str = "", access_key_id: str | None = None) -> list[dict]:
        """The faults that fire for this request (a delay may combine with one failure)."""
        fired = []
        with self._lock:
            for rule in self._rules:
                if rule["service"] and rule["service"] != service:
                    continue
                if rule["operation"] and rule["operation"] != operation:
                    continue
                if rule["user_agent"] and rule["user_agent"] not in user_agent:
                    continue
                if rule["access_key_id"] and rule["access_key_id"] != access_key_id:
                    continue
                rule["matched"] += 1
                if rule["matched"] <= rule["after"]:
                    continue
                if rule["times"] is not None and rule["fired"] >= rule["times"]:
                    continue
                if self._random.random() >= rule["probability"]:
                    continue
                if rule["kind"] != "delay" and any(f["kind"] != "delay" for f in fired):
                    continue
                rule["fired"] += 1
                fired.append(dict(rule))
        return fired
