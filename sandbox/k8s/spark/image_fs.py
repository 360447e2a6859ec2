"""An image's file system, unpacked from the sandbox's registry as containerd would.

The kubelet runs Spark containers as local processes; paths inside the image
(`local:///opt/spark/work-dir/pi.py`) must come from the image that was pushed, not from
the project's source tree, so a job whose image lacks its file fails here as it would on
EKS. The manifest (an OCI or Docker index is narrowed to linux/amd64) and its layers are
fetched from the registry behind ECR's auth front, applied in order (whiteouts included),
and kept per manifest digest so a second pod of the same image reuses the tree.
"""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import threading
import urllib.request
from pathlib import Path

MANIFEST_TYPES = ", ".join([
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
])
INDEX_TYPES = ("application/vnd.oci.image.index.v1+json",
               "application/vnd.docker.distribution.manifest.list.v2+json")

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class ImageUnpackError(Exception):
    pass


def _get(url, accept=None, timeout=30.0):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read(), resp.headers.get("Content-Type", "").split(";")[0].strip()


def _manifest(base, repository, reference):
    body, media_type = _get(f"{base}/v2/{repository}/manifests/{reference}", MANIFEST_TYPES)
    doc = json.loads(body)
    media_type = doc.get("mediaType") or media_type
    if media_type in INDEX_TYPES or "manifests" in doc:
        entries = doc.get("manifests") or []
        chosen = next((m for m in entries if (m.get("platform") or {}).get("os") == "linux"
                       and (m.get("platform") or {}).get("architecture") == "amd64"), None)
        if chosen is None:
            raise ImageUnpackError(f"{repository}:{reference}: no linux/amd64 image in its index")
        body, _ = _get(f"{base}/v2/{repository}/manifests/{chosen['digest']}", MANIFEST_TYPES)
        doc = json.loads(body)
    return "sha256:" + hashlib.sha256(body).hexdigest(), doc


def _inside(root: Path, name: str) -> Path | None:
    target = (root / name.lstrip("/")).resolve()
    return target if target == root or root in target.parents else None


def _apply_layer(root: Path, blob: bytes):
    data = gzip.decompress(blob) if blob[:2] == b"\x1f\x8b" else blob
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        members = []
        for m in tar.getmembers():
            parent, _, base = m.name.rstrip("/").rpartition("/")
            if base == ".wh..wh..opq":
                directory = _inside(root, parent)
                if directory and directory.is_dir():
                    for child in directory.iterdir():
                        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
                continue
            if base.startswith(".wh."):
                gone = _inside(root, f"{parent}/{base[len('.wh.'):]}")
                if gone and (gone.exists() or gone.is_symlink()):
                    shutil.rmtree(gone) if gone.is_dir() and not gone.is_symlink() else gone.unlink()
                continue
            if m.isdev():
                continue  # device nodes need privileges the kubelet stand-in does not have
            members.append(m)
        # The "tar" filter strips leading slashes and refuses '..' escapes; unlike "data" it
        # keeps absolute symlinks, which every root file system has (/lib64/ld-linux...).
        tar.extractall(root, members=members, filter="tar")


def unpack(upstream_url, image_ref, cache_dir):
    """The root directory of `image_ref` (an images.ImageRef) pulled from `upstream_url`."""
    base = upstream_url.rstrip("/")
    digest, manifest = _manifest(base, image_ref.repository, image_ref.reference)
    root = Path(cache_dir) / digest.replace(":", "-")
    with _locks_guard:
        lock = _locks.setdefault(str(root), threading.Lock())
    with lock:
        if (root / ".unpacked").exists():
            return root / "rootfs"
        shutil.rmtree(root, ignore_errors=True)
        (root / "rootfs").mkdir(parents=True)
        rootfs = (root / "rootfs").resolve()
        for layer in manifest.get("layers") or []:
            blob, _ = _get(f"{base}/v2/{image_ref.repository}/blobs/{layer['digest']}")
            if "sha256:" + hashlib.sha256(blob).hexdigest() != layer["digest"]:
                raise ImageUnpackError(f"layer {layer['digest']} of {image_ref.repository} does not match its digest")
            _apply_layer(rootfs, blob)
        (root / ".unpacked").write_text(digest + "\n")
        return root / "rootfs"
