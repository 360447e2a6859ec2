"""The container registry behind ECR: the real CNCF Distribution registry, ECR's door in front.

Images are pushed and read with the real `skopeo` (Debian) through the address ECR hands out
(`repositoryUri`, `proxyEndpoint`) with the credentials GetAuthorizationToken returns.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError

from .conftest import unique

pytestmark = pytest.mark.skipif(not (shutil.which("skopeo") and shutil.which("docker-registry")),
                                reason="needs Debian skopeo and docker-registry (`make deps`)")

SEED = "sandbox/base:latest"


def password(sandbox) -> str:
    token = sandbox.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]
    user, _, secret = base64.b64decode(token).decode().partition(":")
    assert user == "AWS"
    return secret


def skopeo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["skopeo", "--command-timeout", "60s", *args], capture_output=True, text=True, timeout=90)


def inspect(sandbox, reference: str, secret: str | None) -> subprocess.CompletedProcess:
    creds = ["--creds", f"AWS:{secret}"] if secret is not None else ["--no-creds"]
    return skopeo("inspect", "--tls-verify=false", *creds, f"docker://{sandbox.env['SANDBOX_REGISTRY']}/{reference}")


def push_seed(sandbox, repository: str, tag: str, secret: str) -> subprocess.CompletedProcess:
    registry = sandbox.env["SANDBOX_REGISTRY"]
    return skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", f"AWS:{secret}",
                  "--dest-creds", f"AWS:{secret}", f"docker://{registry}/{SEED}", f"docker://{registry}/{repository}:{tag}")


@pytest.fixture
def repository(sandbox):
    ecr = sandbox.client("ecr")
    name = unique("team/app")
    created = ecr.create_repository(repositoryName=name)["repository"]
    yield created
    try:
        ecr.delete_repository(repositoryName=name, force=True)
    except ClientError:
        pass


def test_ecr_points_at_the_registry(sandbox, repository):
    registry = sandbox.env["SANDBOX_REGISTRY"]
    assert registry.startswith("127.0.0.1:")
    assert repository["repositoryUri"] == f"{registry}/{repository['repositoryName']}"
    described = sandbox.client("ecr").describe_repositories(repositoryNames=[repository["repositoryName"]])
    assert described["repositories"][0]["repositoryUri"] == repository["repositoryUri"]
    data = sandbox.client("ecr").get_authorization_token()["authorizationData"][0]
    assert data["proxyEndpoint"] == f"http://{registry}"
    lifetime = data["expiresAt"].timestamp() - time.time()
    assert 12 * 3600 - 120 < lifetime <= 12 * 3600 + 1


def test_pushed_image_is_inspected_with_ecr_credentials_and_refused_without(sandbox, repository):
    secret = password(sandbox)
    name = repository["repositoryName"]
    pushed = push_seed(sandbox, name, "v1", secret)
    assert pushed.returncode == 0, pushed.stderr
    seen = inspect(sandbox, f"{name}:v1", secret)
    assert seen.returncode == 0, seen.stderr
    info = json.loads(seen.stdout)
    assert info["RepoTags"] == ["v1"] and info["Os"] == "linux" and len(info["Layers"]) == 1

    refused = inspect(sandbox, f"{name}:v1", None)
    assert refused.returncode != 0 and "authentication required" in refused.stderr, refused.stderr
    logged = [r for r in sandbox.control("GET", "requests")[1]["requests"]
              if r["service"] == "ecr-registry" and r["path"] == f"/v2/{name}/manifests/v1"]
    assert {(r["method"], r["status"]) for r in logged} >= {("PUT", 201), ("GET", 200), ("GET", 401)}
    assert any(r["caller_arn"] == "arn:aws:iam::123456789012:user/sandbox-admin" for r in logged)
    forged = base64.b64encode(json.dumps({"payload": "x", "version": "2", "type": "DATA_KEY"}).encode()).decode()
    refused = inspect(sandbox, f"{name}:v1", forged)
    assert refused.returncode != 0 and "authentication required" in refused.stderr, refused.stderr


def test_registry_answers_as_ecr_does_on_the_wire(sandbox):
    base = f"http://{sandbox.env['SANDBOX_REGISTRY']}/v2/"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base, timeout=10)
    assert missing.value.code == 401 and missing.value.read() == b"Not Authorized\n"
    challenge = missing.value.headers["Www-Authenticate"]
    assert challenge.startswith('Basic realm="') and 'service="ecr.amazonaws.com"' in challenge
    not_ecr = base64.b64encode(b"admin:hunter2").decode()
    with pytest.raises(urllib.error.HTTPError) as malformed:
        urllib.request.urlopen(urllib.request.Request(base, headers={"Authorization": f"Basic {not_ecr}"}), timeout=10)
    assert malformed.value.code == 400
    token = base64.b64encode(f"AWS:{password(sandbox)}".encode()).decode()
    with urllib.request.urlopen(urllib.request.Request(base, headers={"Authorization": f"Basic {token}"}),
                                timeout=10) as reply:
        assert reply.status == 200 and reply.headers["Docker-Distribution-Api-Version"] == "registry/2.0"


def test_expired_token_is_refused(clean):
    sandbox = clean
    secret = password(sandbox)
    assert inspect(sandbox, SEED, secret).returncode == 0
    try:
        sandbox.control("PUT", "clock", {"skew_seconds": 12 * 3600 + 60})
        refused = inspect(sandbox, SEED, secret)
    finally:
        sandbox.control("PUT", "clock", {"skew_seconds": 0})
    assert refused.returncode != 0
    assert "Your authorization token has expired. Reauthenticate and try again." in refused.stderr, refused.stderr
    assert inspect(sandbox, SEED, secret).returncode == 0  # the clock is back; the token is valid again

    try:
        assert sandbox.control("PUT", "ecr", {"token_lifetime_seconds": 1})[1]["token_lifetime_seconds"] == 1
        short = password(sandbox)
        time.sleep(1.2)
        refused = inspect(sandbox, SEED, short)
    finally:
        sandbox.control("PUT", "ecr", {"token_lifetime_seconds": 43200})
    assert refused.returncode != 0 and "token has expired" in refused.stderr, refused.stderr


def test_push_to_a_repository_ecr_does_not_have_is_refused(sandbox):
    missing = unique("team/missing")
    refused = push_seed(sandbox, missing, "v1", password(sandbox))
    assert refused.returncode != 0
    assert (f"name unknown: The repository with name '{missing}' does not exist in the registry with id "
            "'123456789012'") in refused.stderr, refused.stderr


def test_describe_list_and_get_images_answer_from_what_was_pushed(sandbox, repository):
    ecr = sandbox.client("ecr")
    name = repository["repositoryName"]
    assert ecr.describe_images(repositoryName=name)["imageDetails"] == []
    secret = password(sandbox)
    assert push_seed(sandbox, name, "v1", secret).returncode == 0
    digest = json.loads(inspect(sandbox, f"{name}:v1", secret).stdout)["Digest"]

    details = ecr.describe_images(repositoryName=name)["imageDetails"]
    assert [(d["imageDigest"], d["imageTags"]) for d in details] == [(digest, ["v1"])]
    assert details[0]["imageManifestMediaType"] == "application/vnd.oci.image.manifest.v1+json"
    assert details[0]["imageSizeInBytes"] > 0 and details[0]["registryId"] == "123456789012"
    by_tag = ecr.describe_images(repositoryName=name, imageIds=[{"imageTag": "v1"}])["imageDetails"]
    assert by_tag[0]["imageDigest"] == digest
    with pytest.raises(ClientError) as unknown:
        ecr.describe_images(repositoryName=name, imageIds=[{"imageTag": "v9"}])
    assert unknown.value.response["Error"]["Code"] == "ImageNotFoundException"
    assert unknown.value.response["Error"]["Message"] == (
        f"The image with imageId {{imageDigest:'null', imageTag:'v9'}} does not exist within the repository with "
        f"name '{name}' in the registry with id '123456789012'")

    assert ecr.list_images(repositoryName=name)["imageIds"] == [{"imageDigest": digest, "imageTag": "v1"}]
    got = ecr.batch_get_image(repositoryName=name, imageIds=[{"imageTag": "v1"}, {"imageTag": "v2"}])
    assert got["images"][0]["imageId"] == {"imageDigest": digest, "imageTag": "v1"}
    manifest = json.loads(got["images"][0]["imageManifest"])
    assert manifest["layers"][0]["digest"] == json.loads(inspect(sandbox, f"{name}:v1", secret).stdout)["Layers"][0]
    assert got["failures"] == [{"imageId": {"imageTag": "v2"}, "failureCode": "ImageNotFound",
                                "failureReason": "Requested image not found"}]

    with pytest.raises(ClientError) as missing_repo:
        ecr.describe_images(repositoryName=unique("team/none"))
    assert missing_repo.value.response["Error"]["Code"] == "RepositoryNotFoundException"


def test_delete_image_and_repository_act_on_the_registry(sandbox, repository):
    ecr = sandbox.client("ecr")
    name = repository["repositoryName"]
    secret = password(sandbox)
    assert push_seed(sandbox, name, "v1", secret).returncode == 0
    assert push_seed(sandbox, name, "v2", secret).returncode == 0
    assert ecr.describe_images(repositoryName=name)["imageDetails"][0]["imageTags"] == ["v1", "v2"]

    untagged = ecr.batch_delete_image(repositoryName=name, imageIds=[{"imageTag": "v1"}])
    assert [i["imageTag"] for i in untagged["imageIds"]] == ["v1"]
    assert ecr.describe_images(repositoryName=name)["imageDetails"][0]["imageTags"] == ["v2"]
    assert inspect(sandbox, f"{name}:v1", secret).returncode != 0

    with pytest.raises(ClientError) as not_empty:
        ecr.delete_repository(repositoryName=name)
    assert not_empty.value.response["Error"]["Code"] == "RepositoryNotEmptyException"
    ecr.delete_repository(repositoryName=name, force=True)
    ecr.create_repository(repositoryName=name)
    assert ecr.describe_images(repositoryName=name)["imageDetails"] == []
    assert inspect(sandbox, f"{name}:v2", secret).returncode != 0


def test_immutable_repository_refuses_to_overwrite_a_tag(sandbox):
    ecr = sandbox.client("ecr")
    name = unique("team/immutable")
    ecr.create_repository(repositoryName=name, imageTagMutability="IMMUTABLE")
    try:
        secret = password(sandbox)
        assert push_seed(sandbox, name, "v1", secret).returncode == 0
        again = push_seed(sandbox, name, "v1", secret)
        assert again.returncode != 0
        assert (f"The image tag 'v1' already exists in the '{name}' repository and cannot be overwritten because "
                "the repository is immutable.") in again.stderr, again.stderr
    finally:
        ecr.delete_repository(repositoryName=name, force=True)


def test_seed_image_is_there_from_the_start(sandbox):
    seen = inspect(sandbox, SEED, password(sandbox))
    assert seen.returncode == 0, seen.stderr
    details = sandbox.client("ecr").describe_images(repositoryName="sandbox/base")["imageDetails"]
    assert details[0]["imageTags"] == ["latest"] and details[0]["imageDigest"] == json.loads(seen.stdout)["Digest"]


def test_seed_image_is_also_at_the_pull_through_cache_path_of_apache_spark(sandbox):
    secret = password(sandbox)
    seed = inspect(sandbox, SEED, secret)
    copy = inspect(sandbox, "docker-hub/apache/spark:3.5.3-python3", secret)
    assert copy.returncode == 0, copy.stderr
    assert json.loads(copy.stdout)["Digest"] == json.loads(seed.stdout)["Digest"]
    sandbox.client("ecr").describe_repositories(repositoryNames=["docker-hub/apache/spark"])


@pytest.mark.skipif(not shutil.which("umoci"), reason="needs Debian umoci (`make deps`)")
def test_seed_image_unpacks_to_a_root_file_system_that_runs(sandbox, tmp_path):
    registry = sandbox.env["SANDBOX_REGISTRY"]
    layout = tmp_path / "layout"
    layout.mkdir()
    pulled = skopeo("copy", "--src-tls-verify=false", "--src-creds", f"AWS:{password(sandbox)}",
                    f"docker://{registry}/{SEED}", f"oci:{layout}:latest")
    assert pulled.returncode == 0, pulled.stderr
    unpacked = subprocess.run(["umoci", "unpack", "--rootless", "--image", f"{layout}:latest", str(tmp_path / "bundle")],
                              capture_output=True, text=True, timeout=60)
    assert unpacked.returncode == 0, unpacked.stderr
    rootfs = tmp_path / "bundle" / "rootfs"
    assert (rootfs / "bin").is_symlink() and (rootfs / "usr" / "bin" / "sh").is_symlink()
    assert (rootfs / "etc" / "passwd").read_text().startswith("root:x:0:0:")
    # The image's own loader and libc run its shell: nothing from the host is needed.
    loader = next(path for path in (rootfs / "usr" / "lib").glob("*/ld-linux*.so*") if not path.is_symlink())
    libs = loader.parent
    ran = subprocess.run([str(loader), "--library-path", str(libs), str(rootfs / "usr/bin/dash"),
                          "-c", "echo from the seed image"], capture_output=True, text=True, timeout=30)
    assert ran.returncode == 0 and ran.stdout == "from the seed image\n", ran.stderr


def test_put_image_retags_through_the_registry(sandbox, repository):
    ecr = sandbox.client("ecr")
    name = repository["repositoryName"]
    secret = password(sandbox)
    assert push_seed(sandbox, name, "build-1", secret).returncode == 0
    image = ecr.batch_get_image(repositoryName=name, imageIds=[{"imageTag": "build-1"}])["images"][0]

    put = ecr.put_image(repositoryName=name, imageManifest=image["imageManifest"], imageTag="release")["image"]
    assert put["imageId"] == {"imageDigest": image["imageId"]["imageDigest"], "imageTag": "release"}
    assert ecr.describe_images(repositoryName=name)["imageDetails"][0]["imageTags"] == ["build-1", "release"]
    assert json.loads(inspect(sandbox, f"{name}:release", secret).stdout)["Digest"] == image["imageId"]["imageDigest"]

    with pytest.raises(ClientError) as again:
        ecr.put_image(repositoryName=name, imageManifest=image["imageManifest"], imageTag="release")
    assert again.value.response["Error"]["Code"] == "ImageAlreadyExistsException"
    missing_layer = json.loads(image["imageManifest"])
    missing_layer["layers"][0]["digest"] = "sha256:" + "0" * 64
    with pytest.raises(ClientError) as layers:
        ecr.put_image(repositoryName=name, imageManifest=json.dumps(missing_layer), imageTag="broken")
    assert layers.value.response["Error"]["Code"] == "LayersNotFoundException"
    with pytest.raises(ClientError) as bad:
        ecr.put_image(repositoryName=name, imageManifest="{not json", imageTag="bad")
    assert bad.value.response["Error"]["Code"] == "InvalidParameterException"


def test_reset_empties_the_registry_but_keeps_the_seed(clean):
    sandbox = clean
    ecr = sandbox.client("ecr")
    name = unique("team/reset")
    ecr.create_repository(repositoryName=name)
    old = password(sandbox)
    assert push_seed(sandbox, name, "v1", old).returncode == 0
    assert sandbox.control("POST", "reset")[0] == 200
    assert not (sandbox.dir / "registry" / "storage" / "docker" / "registry" / "v2" / "repositories" / name).exists()
    assert "authentication required" in inspect(sandbox, SEED, old).stderr  # tokens are forgotten too
    fresh = password(sandbox)
    assert inspect(sandbox, SEED, fresh).returncode == 0
    ecr.create_repository(repositoryName=name)
    assert ecr.describe_images(repositoryName=name)["imageDetails"] == []
    ecr.delete_repository(repositoryName=name, force=True)
