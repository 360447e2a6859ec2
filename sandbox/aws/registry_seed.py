"""The base image the sandbox registry starts with, built from this machine's own files.

A tiny root file system — `/bin/sh` (dash), a few coreutils, the loader and libc they link,
`/etc/passwd` and `/etc/group` — becomes one reproducible layer (sorted entries, zero
times, root owner), an OCI image config and an OCI manifest. Nothing is downloaded. The
layer is cached next to the registry's storage, so later `up`s only push it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

SEED_REPOSITORY = "sandbox/base"
SEED_TAG = "latest"
# The same image under the path an ECR pull-through cache of Docker Hub gives apache/spark,
# so a stack whose base is `<registry>/docker-hub/apache/spark:<version>-python3` assembles
# here with nothing downloaded (the real image is Spark; this one is the small base).
SEED_COPIES = (("docker-hub/apache/spark", "3.5.3-python3"),)
SEED_REPOSITORIES = (SEED_REPOSITORY,) + tuple(repository for repository, _ in SEED_COPIES)
PROGRAMS = ("/bin/sh", "/bin/cat", "/bin/echo", "/bin/true", "/bin/false", "/bin/sleep", "/usr/bin/env")
MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"
CONFIG_TYPE = "application/vnd.oci.image.config.v1+json"
LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip"
PASSWD = b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
GROUP = b"root:x:0:\nnogroup:x:65534:\n"


def _libraries(program: str) -> list[str]:
    """The shared objects `program` needs, read from its ELF dynamic section through the loader."""
    import subprocess

    found = []
    listing = subprocess.run(["ldd", program], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        for word in line.split():
            if word.startswith("/") and os.path.exists(word):
                found.append(word)
    return found


def _entries() -> dict[str, tuple[str, bytes | str | None]]:
    """Path in the image → ("file", bytes) | ("link", target) | ("dir", None)."""
    entries: dict[str, tuple[str, bytes | str | None]] = {}

    def add_dirs(path: str) -> None:
        parent = os.path.dirname(path)
        while parent not in ("", "/"):
            entries.setdefault(parent.lstrip("/"), ("dir", None))
            parent = os.path.dirname(parent)

    def add_file(path: str) -> None:
        # Parent directories are taken as they really are (merged /usr: /bin is a link to usr/bin).
        path = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        name = path.lstrip("/")
        if os.path.islink(path):
            target = os.readlink(path)
            entries[name] = ("link", target)
            add_file(os.path.normpath(os.path.join(os.path.dirname(path), target)))
        else:
            entries[name] = ("file", Path(path).read_bytes())
        add_dirs(path)

    for top in ("bin", "sbin", "lib", "lib64"):
        if os.path.islink("/" + top):
            entries[top] = ("link", os.readlink("/" + top))
    for program in PROGRAMS:
        add_file(program)
        for library in _libraries(program):
            add_file(library)
    for directory in ("tmp", "root", "etc", "dev", "proc", "sys"):
        entries.setdefault(directory, ("dir", None))
    entries["etc/passwd"] = ("file", PASSWD)
    entries["etc/group"] = ("file", GROUP)
    return entries


def build_layer() -> tuple[bytes, str]:
    """(gzip of the layer tar, sha256 of the uncompressed tar: the config's diff id)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, (kind, content) in sorted(_entries().items()):
            info = tarfile.TarInfo(name)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o1777 if name == "tmp" else 0o755
                tar.addfile(info)
            elif kind == "link":
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, str(content), 0o777
                tar.addfile(info)
            else:
                assert isinstance(content, bytes)
                info.size = len(content)
                info.mode = 0o644 if name.startswith("etc/") else 0o755
                tar.addfile(info, io.BytesIO(content))
    data = raw.getvalue()
    compressed = gzip.compress(data, compresslevel=6, mtime=0)
    return compressed, "sha256:" + hashlib.sha256(data).hexdigest()


def build(cache_dir: Path) -> dict[str, bytes]:
    """The image's blobs by digest plus "manifest": the layer comes from `cache_dir` when built before."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    layer_file, diff_file = cache_dir / "seed-layer.tar.gz", cache_dir / "seed-layer.diffid"
    if layer_file.exists() and diff_file.exists():
        layer, diff_id = layer_file.read_bytes(), diff_file.read_text().strip()
    else:
        layer, diff_id = build_layer()
        layer_file.write_bytes(layer)
        diff_file.write_text(diff_id + "\n")
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "sandbox: files of the host machine"}],
    }, sort_keys=True, separators=(",", ":")).encode()
    blobs = {_digest(layer): layer, _digest(config): config}
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": MANIFEST_TYPE,
        "config": {"mediaType": CONFIG_TYPE, "digest": _digest(config), "size": len(config)},
        "layers": [{"mediaType": LAYER_TYPE, "digest": _digest(layer), "size": len(layer)}],
    }, indent=3).encode()
    return {"blobs": blobs, "manifest": manifest}


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def push(registry_url: str, repository: str, tag: str, image: dict, headers: dict | None = None) -> str:
    """Pushes `image` with the distribution API (monolithic uploads); returns the manifest digest."""
    base = registry_url.rstrip("/")
    extra = headers or {}
    for digest, data in image["blobs"].items():
        head = urllib.request.Request(f"{base}/v2/{repository}/blobs/{digest}", method="HEAD", headers=extra)
        try:
            with urllib.request.urlopen(head, timeout=30):
                continue  # already there
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
        start = urllib.request.Request(f"{base}/v2/{repository}/blobs/uploads/", data=b"", method="POST",
                                       headers=extra)
        with urllib.request.urlopen(start, timeout=30) as reply:
            location = reply.headers["Location"]
        if location.startswith("/"):
            location = base + location
        location += ("&" if "?" in location else "?") + f"digest={digest}"
        finish = urllib.request.Request(location, data=data, method="PUT",
                                        headers={**extra, "Content-Type": "application/octet-stream"})
        with urllib.request.urlopen(finish, timeout=60):
            pass
    manifest = urllib.request.Request(f"{base}/v2/{repository}/manifests/{tag}", data=image["manifest"], method="PUT",
                                      headers={**extra, "Content-Type": MANIFEST_TYPE})
    with urllib.request.urlopen(manifest, timeout=30) as reply:
        return reply.headers.get("Docker-Content-Digest") or _digest(image["manifest"])
