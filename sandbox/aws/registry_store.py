"""What the real registry holds, read from its storage (CNCF Distribution's filesystem layout).

    <root>/docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data                       blob bytes
    <root>/docker/registry/v2/repositories/<name>/_manifests/revisions/sha256/<hex>/link
    <root>/docker/registry/v2/repositories/<name>/_manifests/tags/<tag>/current/link

The registry runs without a blob-descriptor cache, so what is on disk is what it serves:
ECR's DescribeImages / ListImages / BatchGetImage answer from here, and deletions (ECR's
BatchDeleteImage, DeleteRepository with force, a sandbox reset) act here.
"""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class StoredImage:
    digest: str
    manifest: bytes
    media_type: str
    pushed_at: float
    tags: list[str] = field(default_factory=list)

    @property
    def artifact_media_type(self) -> str | None:
        config = self._parsed().get("config") or {}
        return config.get("mediaType")

    @property
    def size(self) -> int:
        """ECR's imageSizeInBytes: the layers' compressed sizes (an index counts its manifests)."""
        parsed = self._parsed()
        if "layers" in parsed:
            return sum(int(layer.get("size", 0)) for layer in parsed["layers"])
        return sum(int(entry.get("size", 0)) for entry in parsed.get("manifests", []))

    def _parsed(self) -> dict:
        try:
            return json.loads(self.manifest)
        except ValueError:
            return {}


class RegistryStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.lock = threading.Lock()

    @property
    def _v2(self) -> Path:
        return self.root / "docker" / "registry" / "v2"

    def _repository(self, name: str) -> Path:
        if not name or ".." in name.split("/"):
            raise ValueError(f"bad repository name {name!r}")
        return self._v2 / "repositories" / name

    def blob(self, digest: str) -> bytes | None:
        algorithm, _, hexpart = digest.partition(":")
        path = self._v2 / "blobs" / algorithm / hexpart[:2] / hexpart / "data"
        return path.read_bytes() if path.is_file() else None

    def images(self, repository: str) -> list[StoredImage]:
        """Every manifest revision of `repository` with its tags, oldest push first."""
        manifests = self._repository(repository) / "_manifests"
        found: dict[str, StoredImage] = {}
        revisions = manifests / "revisions"
        for link in revisions.glob("*/*/link") if revisions.is_dir() else []:
            digest = link.read_text().strip()
            data = self.blob(digest)
            if data is None:
                continue
            media_type = _media_type(data)
            found[digest] = StoredImage(digest, data, media_type, link.stat().st_mtime)
        tags = manifests / "tags"
        for link in tags.glob("*/current/link") if tags.is_dir() else []:
            digest = link.read_text().strip()
            if digest in found:
                found[digest].tags.append(link.parent.parent.name)
                found[digest].pushed_at = max(found[digest].pushed_at, link.stat().st_mtime)
        for image in found.values():
            image.tags.sort()
        return sorted(found.values(), key=lambda image: (image.pushed_at, image.digest))

    def has_images(self, repository: str) -> bool:
        return bool(self.images(repository))

    def untag(self, repository: str, tag: str) -> None:
        shutil.rmtree(self._repository(repository) / "_manifests" / "tags" / tag, ignore_errors=True)

    def delete_image(self, repository: str, digest: str) -> None:
        """Removes the manifest revision and every tag that points at it (what the registry's DELETE does)."""
        manifests = self._repository(repository) / "_manifests"
        algorithm, _, hexpart = digest.partition(":")
        shutil.rmtree(manifests / "revisions" / algorithm / hexpart, ignore_errors=True)
        tags = manifests / "tags"
        for link in tags.glob("*/current/link") if tags.is_dir() else []:
            if link.read_text().strip() == digest:
                shutil.rmtree(link.parent.parent, ignore_errors=True)

    def delete_repository(self, repository: str) -> None:
        shutil.rmtree(self._repository(repository), ignore_errors=True)

    def repositories(self) -> list[str]:
        base = self._v2 / "repositories"
        if not base.is_dir():
            return []
        return sorted(str(path.parent.relative_to(base)) for path in base.rglob("_manifests"))


def _media_type(manifest: bytes) -> str:
    try:
        parsed = json.loads(manifest)
    except ValueError:
        return "application/octet-stream"
    if parsed.get("mediaType"):
        return parsed["mediaType"]
    if parsed.get("schemaVersion") == 1:
        return "application/vnd.docker.distribution.manifest.v1+prettyjws"
    return ("application/vnd.oci.image.index.v1+json" if "manifests" in parsed
            else "application/vnd.oci.image.manifest.v1+json")
