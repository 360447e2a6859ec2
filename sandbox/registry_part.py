"""The container registry part of the sandbox: the real CNCF Distribution registry (Debian
`docker-registry`) on loopback with its storage under the sandbox directory. ECR's door in
front of it, and the warm-up that pushes the seed image, are the proxy's
(sandbox/aws/registry_front.py, sandbox/aws/ecr.py)."""

from __future__ import annotations

import secrets
from pathlib import Path

REGISTRY_BINARY = "docker-registry"


class StartError(Exception):
    pass


def write_config(directory: Path, port: int) -> None:
    """The real registry's configuration: loopback only, storage here, no cache (ECR reads the disk)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.yml").write_text(
        "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
        f"storage:\n  filesystem:\n    rootdirectory: {directory / 'storage'}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: 127.0.0.1:{port}\n  secret: {secrets.token_hex(16)}\n")
