"""The kubelet's image file systems come from the registry: layers applied in order, whiteouts
honoured, an index narrowed to linux/amd64, digests checked, escapes refused."""

import hashlib
import io
import json
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sandbox.k8s import images
from sandbox.k8s.spark import image_fs


def layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def digest(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


class Registry:
    """A registry that serves one repository from memory (GET manifests and blobs)."""

    def __init__(self):
        self.manifests, self.blobs, self.requests = {}, {}, []
        reg = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                reg.requests.append(self.path)
                _, _, repo_kind_ref = self.path.partition("/v2/")
                repo, kind, ref = repo_kind_ref.rsplit("/", 2)
                table = reg.manifests if kind == "manifests" else reg.blobs
                body = table.get((repo, ref))
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def push(self, repo, tag, layers, corrupt=False):
        descs = []
        for b in layers:
            self.blobs[(repo, digest(b))] = (b + b"x") if corrupt else b
            descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest(b), "size": len(b)})
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                               "config": {"digest": "sha256:0", "size": 0}, "layers": descs}).encode()
        self.manifests[(repo, tag)] = manifest
        self.manifests[(repo, digest(manifest))] = manifest
        return digest(manifest)


@pytest.fixture
def registry():
    r = Registry()
    yield r
    r.server.shutdown()


def ref(name):
    return images.parse(f"127.0.0.1:5000/{name}")


def test_layers_apply_in_order_with_whiteouts(registry, tmp_path):
    base = layer([("opt/", None), ("opt/spark/", None), ("opt/spark/work-dir/", None),
                  ("opt/spark/work-dir/old.py", b"old"), ("etc/motd", b"hello")])
    top = layer([("opt/spark/work-dir/pi.py", b"print('pi')"), ("opt/spark/work-dir/.wh.old.py", b"")])
    registry.push("spark-eks/pi", "in-1", [base, top])
    root = image_fs.unpack(registry.url, ref("spark-eks/pi:in-1"), tmp_path)
    assert (root / "opt/spark/work-dir/pi.py").read_text() == "print('pi')"
    assert not (root / "opt/spark/work-dir/old.py").exists()
    assert (root / "etc/motd").read_text() == "hello"


def test_a_second_unpack_of_the_same_manifest_fetches_no_layer(registry, tmp_path):
    registry.push("spark-eks/pi", "in-1", [layer([("a.txt", b"a")])])
    image_fs.unpack(registry.url, ref("spark-eks/pi:in-1"), tmp_path)
    before = len([p for p in registry.requests if "/blobs/" in p])
    image_fs.unpack(registry.url, ref("spark-eks/pi:in-1"), tmp_path)
    assert len([p for p in registry.requests if "/blobs/" in p]) == before == 1


def test_an_index_is_narrowed_to_linux_amd64(registry, tmp_path):
    arm = registry.push("multi", "arm", [layer([("which", b"arm64")])])
    amd = registry.push("multi", "amd", [layer([("which", b"amd64")])])
    index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
        {"digest": arm, "platform": {"os": "linux", "architecture": "arm64"}},
        {"digest": amd, "platform": {"os": "linux", "architecture": "amd64"}}]}).encode()
    registry.manifests[("multi", "latest")] = index
    root = image_fs.unpack(registry.url, ref("multi:latest"), tmp_path)
    assert (root / "which").read_text() == "amd64"


def test_a_layer_that_does_not_match_its_digest_is_refused(registry, tmp_path):
    registry.push("bad", "v1", [layer([("a", b"a")])], corrupt=True)
    with pytest.raises(image_fs.ImageUnpackError, match="does not match its digest"):
        image_fs.unpack(registry.url, ref("bad:v1"), tmp_path)


def test_an_entry_escaping_the_root_is_refused(registry, tmp_path):
    registry.push("escape", "v1", [layer([("../outside.txt", b"x")])])
    with pytest.raises(tarfile.TarError):
        image_fs.unpack(registry.url, ref("escape:v1"), tmp_path / "cache")
    assert not (tmp_path / "outside.txt").exists()


def test_a_missing_image_is_an_http_error(registry, tmp_path):
    with pytest.raises(Exception) as info:
        image_fs.unpack(registry.url, ref("nosuch:v1"), tmp_path)
    assert "404" in str(info.value)


def test_absolute_symlinks_of_a_root_file_system_are_kept(registry, tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        link = tarfile.TarInfo("lib64/ld-linux-x86-64.so.2")
        link.type, link.linkname = tarfile.SYMTYPE, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
        tar.addfile(link)
    registry.push("base", "v1", [buf.getvalue()])
    root = image_fs.unpack(registry.url, ref("base:v1"), tmp_path)
    assert (root / "lib64/ld-linux-x86-64.so.2").is_symlink()
