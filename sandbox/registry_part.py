"""The container registry part of the sandbox: the real CNCF Distribution registry (Debian
`docker-registry`) on loopback with its storage under the sandbox directory, and the seed
image pushed into it while the other parts start. ECR's door in front of it is served by the
proxy (sandbox/aws/registry_front.py)."""

from __future__ import annotations

import secrets
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from .aws import registry_seed

REGISTRY_BINARY = "docker-registry"


class StartError(Exception):
    pass


class Seeder(threading.Thread):
    """Waits for the registry, then builds (or takes from the cache) and pushes the seed image."""

    def __init__(self, process: subprocess.Popen, upstream: str, cache: Path, deadline: float):
        super().__init__(name="seed", daemon=True)
        self.process, self.upstream, self.cache, self.deadline = process, upstream, cache, deadline
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        try:
            self._wait_for_registry()
            started = time.time()
            image = registry_seed.build(self.cache)
            registry_seed.push(self.upstream, registry_seed.SEED_REPOSITORY, registry_seed.SEED_TAG, image)
            self.seconds = time.time() - started
        except BaseException as error:  # handed to the main thread by finish()
            self.error = error

    def _wait_for_registry(self) -> None:
        while True:
            if self.process.poll() is not None:
                raise StartError(f"registry exited with status {self.process.returncode}; see .sandbox/logs/registry.log")
            try:
                with urllib.request.urlopen(f"{self.upstream}/v2/", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            if time.time() > self.deadline:
                raise StartError("registry did not answer in time; see .sandbox/logs/registry.log")
            time.sleep(0.03)

    def finish(self) -> float:
        self.join(max(0.0, self.deadline - time.time()) + 1)
        if self.is_alive():
            raise StartError("registry: the seed image was not pushed in time; see .sandbox/logs/registry.log")
        if self.error is not None:
            raise self.error
        return self.seconds


def write_config(directory: Path, port: int) -> None:
    """The real registry's configuration: loopback only, storage here, no cache (ECR reads the disk)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.yml").write_text(
        "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
        f"storage:\n  filesystem:\n    rootdirectory: {directory / 'storage'}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: 127.0.0.1:{port}\n  secret: {secrets.token_hex(16)}\n")
