"""Latency profiles: how long AWS (and the emulated cluster) take to change state.

`realistic` holds the figures measured on the original deployment; `fast` keeps the same
shape in a few seconds for tests; `instant` turns every wait off. Every delay is divided by
`factor`, so `realistic` with factor 10 is a one-minute cluster.
"""

from __future__ import annotations

import threading

PROFILES: dict[str, dict[str, float]] = {
    "realistic": {
        "eks_cluster_create": 600.0,
        "eks_cluster_delete": 300.0,
        "eks_fargate_profile_create": 120.0,
        "eks_fargate_profile_delete": 120.0,
        "eks_update": 300.0,
        "ec2_nat_gateway_create": 60.0,
        "ec2_nat_gateway_delete": 60.0,
        "pod_pending": 60.0,
        "pod_creating": 100.0,
        "deployment_ready": 5.0,
        "iam_propagation": 8.0,
    },
    "fast": {
        "eks_cluster_create": 2.0,
        "eks_cluster_delete": 1.5,
        "eks_fargate_profile_create": 1.0,
        "eks_fargate_profile_delete": 1.0,
        "eks_update": 1.0,
        "ec2_nat_gateway_create": 1.0,
        "ec2_nat_gateway_delete": 1.0,
        "pod_pending": 0.5,
        "pod_creating": 0.5,
        "deployment_ready": 0.2,
        "iam_propagation": 0.0,
    },
}
PROFILES["instant"] = {name: 0.0 for name in PROFILES["fast"]}


class Latency:
    """The current profile, factor and per-delay overrides; thread-safe."""

    def __init__(self, profile: str = "fast", factor: float = 1.0):
        self._lock = threading.Lock()
        self._initial = (profile, factor)
        self.set({"profile": profile, "factor": factor})

    def reset(self) -> None:
        profile, factor = self._initial
        self.set({"profile": profile, "factor": factor})

    def set(self, spec: dict) -> dict:
        """A new `profile` starts from factor 1 and no overrides; otherwise changes are merged."""
        if "profile" in spec:
            profile, factor, overrides = spec["profile"], 1.0, {}
        else:
            profile, factor, overrides = self.profile, self.factor, dict(self.overrides)
        if profile not in PROFILES:
            raise ValueError(f"unknown latency profile {profile!r}; choose one of {', '.join(sorted(PROFILES))}")
        factor = float(spec.get("factor", factor))
        if factor <= 0:
            raise ValueError("factor must be greater than 0")
        overrides.update(spec.get("overrides") or {})
        for name, value in overrides.items():
            if name not in PROFILES["fast"]:
                raise ValueError(f"unknown delay {name!r}")
            if float(value) < 0:
                raise ValueError(f"delay {name!r} must not be negative")
        with self._lock:
            self.profile, self.factor, self.overrides = profile, factor, {k: float(v) for k, v in overrides.items()}
        return self.describe()

    def delay(self, name: str) -> float:
        with self._lock:
            if name in self.overrides:
                return self.overrides[name]
            return PROFILES[self.profile][name] / self.factor

    def describe(self) -> dict:
        with self._lock:
            base = PROFILES[self.profile]
            delays = {k: self.overrides.get(k, v / self.factor) for k, v in base.items()}
            return {"profile": self.profile, "factor": self.factor, "overrides": dict(self.overrides),
                    "delays": delays, "profiles": sorted(PROFILES)}
