"""Access keys the proxy can verify signatures with."""

from __future__ import annotations

import json
import threading
import time
import urllib.request


class KeyStore:
    """Access keys the proxy can verify: the sandbox identities, then whatever moto's IAM/STS made."""

    def __init__(self, moto_url: str, identities: list[dict]):
        self.moto_url = moto_url
        self.identities = identities
        self.lock = threading.Lock()
        self.cache: dict[str, tuple[float, dict]] = {}

    def reset(self) -> None:
        with self.lock:
            self.cache.clear()

    def lookup(self, access_key_id: str) -> dict | None:
        for identity in self.identities:
            if identity["access_key_id"] == access_key_id:
                return {"secret_access_key": identity["secret_access_key"], "arn": identity.get("arn"),
                        "status": "Active", "session_token": None, "expiration": None}
        now = time.time()
        with self.lock:
            hit = self.cache.get(access_key_id)
            if hit and now - hit[0] < 2.0:
                return hit[1]
        try:
            with urllib.request.urlopen(f"{self.moto_url}/_sandbox_moto/keys/{access_key_id}", timeout=5) as reply:
                found = json.loads(reply.read())
        except Exception:
            found = None
        with self.lock:
            self.cache[access_key_id] = (now, found)
        return found
