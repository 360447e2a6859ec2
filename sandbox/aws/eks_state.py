"""What the EKS rules (eks.py) keep between requests: the requests the proxy may replay, the
replies it sends, and the clusters, Fargate profiles, updates and access entries it remembers,
with their status as AWS would report it at a given time."""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    """A request the proxy can forward to moto now or replay later."""

    method: str
    path: str
    raw_query: str
    headers: dict
    body: bytes
    region: str = "us-east-1"


@dataclass
class Reply:
    status: int
    headers: list
    body: bytes


@dataclass
class ClusterRecord:
    ready_at: float
    creator: str | None
    created_at: float = field(default_factory=time.time)
    delete_done_at: float | None = None
    overlay: dict = field(default_factory=dict)


@dataclass
class ProfileRecord:
    ready_at: float
    delete_done_at: float | None = None
    pending: bool = False  # reserved by a create that moto has not answered yet
    arn: str | None = None
    role: str | None = None  # the pod execution role


class EKSState:
    """What the proxy remembers about EKS resources; all access under one lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clusters: dict[tuple, ClusterRecord] = {}
        self.profiles: dict[tuple, ProfileRecord] = {}
        self.updates: dict[tuple, list[dict]] = {}
        self.access: dict[tuple, dict] = {}  # (region, cluster) -> principal ARN -> access entry
        self.k8s: dict = {}

    def reset(self) -> None:
        with self.lock:
            self.clusters.clear()
            self.profiles.clear()
            self.updates.clear()
            self.access.clear()

    # Status as AWS would report it, or None when the proxy has no record (moto's stands).
    def cluster_status(self, key: tuple, now: float) -> str | None:
        record = self.clusters.get(key)
        if record is None:
            return None
        if record.delete_done_at is not None:
            return "DELETING"
        if now < record.ready_at:
            return "CREATING"
        if self.update_in_progress(key, now):
            return "UPDATING"
        return "ACTIVE"

    def profile_status(self, key: tuple, now: float) -> str | None:
        record = self.profiles.get(key)
        if record is None:
            return None
        if record.delete_done_at is not None:
            return "DELETING"
        return "CREATING" if now < record.ready_at else "ACTIVE"

    def fargate_profiles(self, region: str, cluster: str, now: float) -> list[dict]:
        """The cluster's created profiles with their pod execution roles (for the emulator)."""
        return [{"fargateProfileName": name, "fargateProfileArn": record.arn, "podExecutionRoleArn": record.role,
                 "status": self.profile_status((r, c, name), now)}
                for (r, c, name), record in list(self.profiles.items())
                if r == region and c == cluster and record.role]

    def update_in_progress(self, key: tuple, now: float) -> dict | None:
        for update in self.updates.get(key, []):
            if now < update["_done_at"]:
                return update
        return None

    def busy_profile(self, region: str, cluster: str, now: float) -> tuple[str, str] | None:
        for (r, c, name), _ in list(self.profiles.items()):
            if r == region and c == cluster:
                status = self.profile_status((r, c, name), now)
                if status in ("CREATING", "DELETING"):
                    return name, status
        return None


def set_k8s(state: EKSState, cluster_name: str, endpoint: str, ca_pem: bytes) -> None:
    with state.lock:
        state.k8s = {"cluster_name": cluster_name, "endpoint": endpoint,
                     "ca_data": base64.b64encode(ca_pem).decode()}
