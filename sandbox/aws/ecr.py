"""ECR in front of moto: the repositories are moto's, the images are the real registry's.

- `repositoryUri` (every ECR answer) and GetAuthorizationToken's `proxyEndpoint` name the
  sandbox registry (`127.0.0.1:<port>`), as DescribeCluster's endpoint names the emulator.
- GetAuthorizationToken issues tokens the registry front accepts (ecr_tokens.py).
- DescribeImages, ListImages, BatchGetImage, BatchDeleteImage and PutImage act on what was pushed
  (registry_store.py) after moto has confirmed the repository exists (its error is ECR's).
- DeleteRepository refuses a repository that still holds images unless `force`, and takes
  its images with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import threading
import time
import traceback
import urllib.request
from pathlib import Path

from . import protocols
from .ecr_tokens import ECRTokens
from .eks_state import Request
from . import registry_seed
from .registry_seed import SEED_COPIES, SEED_REPOSITORIES, SEED_REPOSITORY
from .registry_store import RegistryStore

TARGET = "AmazonEC2ContainerRegistry_V20150921"
ECR_HOST = re.compile(rb"(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com")
ANSWERED_HERE = {"DescribeImages", "ListImages", "BatchGetImage", "BatchDeleteImage", "PutImage"}


def ecr_request(region: str, access_key_id: str, operation: str, payload: dict) -> Request:
    """An ECR call for moto itself (moto reads the service and region from the credential scope)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d")
    headers = {"X-Amz-Target": f"{TARGET}.{operation}", "Content-Type": "application/x-amz-json-1.1",
               "Authorization": f"AWS4-HMAC-SHA256 Credential={access_key_id}/{stamp}/{region}/ecr/aws4_request, "
                                "SignedHeaders=host, Signature=sandbox"}
    return Request("POST", "/", "", headers, json.dumps(payload).encode(), region)


def _error(status: int, code: str, message: str):
    return protocols.error_reply("json", "ecr", status, code, message)


def _reply(payload: dict):
    body = json.dumps(payload, default=str).encode()
    return protocols.ErrorReply(200, [("Content-Type", "application/x-amz-json-1.1"),
                                      ("Content-Length", str(len(body)))], body)


def _image_id_text(image_id: dict) -> str:
    digest, tag = image_id.get("imageDigest"), image_id.get("imageTag")
    return f"{{imageDigest:'{digest if digest else 'null'}', imageTag:'{tag if tag else 'null'}'}}"


class ECRRules:
    def __init__(self, moto_json, registry_host: str, store: RegistryStore | None, tokens: ECRTokens,
                 upstream: str = ""):
        """`moto_json(region, access_key_id, operation, payload) -> (status, headers, body)` calls moto's ECR;
        `upstream` is the registry itself (PutImage writes its manifest there)."""
        self.moto_json = moto_json
        self.upstream = upstream.rstrip("/")
        self.ready = threading.Event()  # set once the seed repository and image are in place
        self.warmup_seconds: float | None = None
        self.warmup_error: str | None = None
        if store is None:
            self.ready.set()
        self.registry_host = registry_host
        self.store = store
        self.tokens = tokens

    # ---- repositories ---------------------------------------------------------------------
    def create_seed_repository(self, region: str, access_key_id: str) -> None:
        """ECR's repositories of the registry's seed image (at start and after a reset)."""
        for name in SEED_REPOSITORIES:
            status, _, body = self.moto_json(region, access_key_id, "CreateRepository", {
                "repositoryName": name, "tags": [{"Key": "sandbox.eks-spark.io/seed", "Value": "true"}]})
            if status != 200 and b"RepositoryAlreadyExists" not in body:
                raise RuntimeError(f"moto CreateRepository {name}: {status} {body[:200]!r}")

    def warm_up(self, region: str, access_key_id: str, cache: Path, timeout: float = 60.0) -> None:
        """After start-up (ECR requests wait for it): moto's ECR loaded, the seed repository
        created, the seed image built (or taken from `cache`) and pushed into the registry."""
        started = time.time()
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{self.upstream}/v2/", timeout=2):
                        break
                except OSError:
                    if time.time() - started > timeout:
                        raise
                    time.sleep(0.03)
            self.create_seed_repository(region, access_key_id)
            image = registry_seed.build(cache)
            registry_seed.push(self.upstream, SEED_REPOSITORY, registry_seed.SEED_TAG, image)
            for repository, tag in SEED_COPIES:
                registry_seed.push(self.upstream, repository, tag, image)
            self.warmup_seconds = round(time.time() - started, 3)
            print(f"registry warm-up (seed repository and image) in {self.warmup_seconds:.2f} s", flush=True)
        except Exception as error:
            self.warmup_error = repr(error)
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            self.ready.set()

    def wait_ready(self, timeout: float = 60.0) -> None:
        self.ready.wait(timeout)

    def describe(self) -> dict:
        return {"registry": self.registry_host or None, "token_lifetime_seconds": self.tokens.lifetime,
                "ready": self.ready.is_set(), "warmup_seconds": self.warmup_seconds,
                "warmup_error": self.warmup_error}

    def reset(self) -> None:
        """Tokens forgotten; every repository's images gone from the registry but the seed's."""
        self.tokens.reset()
        if self.store is not None:
            with self.store.lock:
                for name in self.store.repositories():
                    if name not in SEED_REPOSITORIES:
                        self.store.delete_repository(name)

    def find_repository(self, region: str, access_key_id: str, name: str, registry_id: str | None = None):
        """(repository dict, None) or (None, moto's error reply as (status, headers, body))."""
        payload: dict = {"repositoryNames": [name]}
        if registry_id:
            payload["registryId"] = registry_id
        status, headers, body = self.moto_json(region, access_key_id, "DescribeRepositories", payload)
        if status != 200:
            return None, (status, headers, body)
        repositories = json.loads(body).get("repositories") or []
        return (repositories[0] if repositories else None), None

    def rewrite(self, body: bytes) -> bytes:
        if not self.registry_host:
            return body
        return ECR_HOST.sub(self.registry_host.encode(), body)

    # ---- the proxy's hooks ----------------------------------------------------------------
    def before(self, operation: str, body: bytes, region: str, identity: dict):
        """An answer for the operations decided here, or None to let moto answer."""
        self.wait_ready()
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            return None
        if operation == "GetAuthorizationToken":
            return self._authorization(params, region, identity)
        if operation == "DeleteRepository" and self.store is not None:
            return self._check_delete(params, region, identity)
        if operation not in ANSWERED_HERE or self.store is None:
            return None
        name = params.get("repositoryName") or ""
        repository, failure = self.find_repository(region, identity["access_key_id"], name, params.get("registryId"))
        if failure is not None:
            return protocols.ErrorReply(*failure)
        if repository is None:
            return None
        handler = getattr(self, "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower())
        with self.store.lock:
            return handler(params, repository)

    def after(self, operation: str, body: bytes, status: int, params_body: bytes) -> bytes:
        if status == 200 and operation == "DeleteRepository" and self.store is not None:
            name = json.loads(params_body or b"{}").get("repositoryName")
            if name:
                with self.store.lock:
                    self.store.delete_repository(name)
        return self.rewrite(body)

    # ---- operations -----------------------------------------------------------------------
    def _authorization(self, params: dict, region: str, identity: dict):
        account = (identity.get("arn") or "arn:aws:iam::123456789012:").split(":")[4] or "123456789012"
        data = []
        for registry_id in params.get("registryIds") or [account]:
            token = self.tokens.issue(registry_id, region, identity["access_key_id"], identity.get("arn") or "")
            data.append({"authorizationToken": self.tokens.authorization_token(token),
                         "expiresAt": token.expires_at.timestamp(),
                         "proxyEndpoint": f"http://{self.registry_host}"})
        return _reply({"authorizationData": data})

    def _check_delete(self, params: dict, region: str, identity: dict):
        name = params.get("repositoryName") or ""
        if params.get("force"):
            return None
        repository, failure = self.find_repository(region, identity["access_key_id"], name, params.get("registryId"))
        if failure is not None or repository is None:
            return None  # moto answers with its own error
        with self.store.lock:
            if self.store.has_images(name):
                return _error(400, "RepositoryNotEmptyException",
                              f"The repository with name '{name}' in registry with id "
                              f"'{repository['registryId']}' cannot be deleted because it still contains images")
        return None

    def _select(self, params: dict, repository: dict):
        """(images, None) or (None, ImageNotFoundException) for DescribeImages' imageIds."""
        images = self.store.images(repository["repositoryName"])
        wanted = params.get("imageIds")
        if not wanted:
            status = (params.get("filter") or {}).get("tagStatus", "ANY")
            if status == "TAGGED":
                images = [image for image in images if image.tags]
            elif status == "UNTAGGED":
                images = [image for image in images if not image.tags]
            return images, None
        chosen = []
        for image_id in wanted:
            match = self._match(images, image_id)
            if match is None:
                return None, _error(400, "ImageNotFoundException",
                                    f"The image with imageId {_image_id_text(image_id)} does not exist within the "
                                    f"repository with name '{repository['repositoryName']}' in the registry with id "
                                    f"'{repository['registryId']}'")
            if match not in chosen:
                chosen.append(match)
        return chosen, None

    @staticmethod
    def _match(images, image_id: dict):
        digest, tag = image_id.get("imageDigest"), image_id.get("imageTag")
        for image in images:
            if (not digest or image.digest == digest) and (not tag or tag in image.tags):
                return image
        return None

    @staticmethod
    def _page(items: list, params: dict, default_size: int):
        start = int(params.get("nextToken") or 0)
        size = int(params.get("maxResults") or default_size)
        page = items[start:start + size]
        more = start + size < len(items)
        return page, (str(start + size) if more else None)

    def _describe_images(self, params: dict, repository: dict):
        images, failure = self._select(params, repository)
        if failure is not None:
            return failure
        page, token = self._page(images, params, 100)
        details = []
        for image in page:
            detail = {"registryId": repository["registryId"], "repositoryName": repository["repositoryName"],
                      "imageDigest": image.digest, "imageSizeInBytes": image.size,
                      "imagePushedAt": image.pushed_at, "imageManifestMediaType": image.media_type}
            if image.tags:
                detail["imageTags"] = image.tags
            if image.artifact_media_type:
                detail["artifactMediaType"] = image.artifact_media_type
            details.append(detail)
        answer: dict = {"imageDetails": details}
        if token:
            answer["nextToken"] = token
        return _reply(answer)

    def _list_images(self, params: dict, repository: dict):
        images, _ = self._select({"filter": params.get("filter")}, repository)
        ids = []
        for image in images:
            ids.extend({"imageDigest": image.digest, "imageTag": tag} for tag in image.tags)
            if not image.tags:
                ids.append({"imageDigest": image.digest})
        page, token = self._page(ids, params, 1000)
        answer: dict = {"imageIds": page}
        if token:
            answer["nextToken"] = token
        return _reply(answer)

    def _batch_get_image(self, params: dict, repository: dict):
        images = self.store.images(repository["repositoryName"])
        found, failures = [], []
        for image_id in params.get("imageIds") or []:
            match = self._match(images, image_id)
            if match is None:
                by_digest = self._match(images, {"imageDigest": image_id.get("imageDigest")})
                mismatch = image_id.get("imageDigest") and image_id.get("imageTag") and by_digest is not None
                failures.append({"imageId": image_id,
                                 "failureCode": "ImageTagDoesNotMatchDigest" if mismatch else "ImageNotFound",
                                 "failureReason": ("Invalid image tag for image digest" if mismatch
                                                   else "Requested image not found")})
                continue
            found.append({"registryId": repository["registryId"], "repositoryName": repository["repositoryName"],
                          "imageId": {"imageDigest": match.digest, **({"imageTag": image_id["imageTag"]}
                                                                      if image_id.get("imageTag") else {})},
                          "imageManifest": match.manifest.decode(), "imageManifestMediaType": match.media_type})
        return _reply({"images": found, "failures": failures})

    def _batch_delete_image(self, params: dict, repository: dict):
        name = repository["repositoryName"]
        deleted, failures = [], []
        for image_id in params.get("imageIds") or []:
            match = self._match(self.store.images(name), image_id)
            if match is None:
                failures.append({"imageId": image_id, "failureCode": "ImageNotFound",
                                 "failureReason": "Requested image not found"})
                continue
            if image_id.get("imageTag") and not image_id.get("imageDigest") and len(match.tags) > 1:
                # ECR removes only the tag while the image has others; the last tag takes the image.
                self.store.untag(name, image_id["imageTag"])
                deleted.append({"imageDigest": match.digest, "imageTag": image_id["imageTag"]})
                continue
            self.store.delete_image(name, match.digest)
            deleted.extend({"imageDigest": match.digest, "imageTag": tag} for tag in match.tags)
            if not match.tags:
                deleted.append({"imageDigest": match.digest})
        return _reply({"imageIds": deleted, "failures": failures})

    def _put_image(self, params: dict, repository: dict):
        """ECR's PutImage: the manifest goes into the registry (its layers must be there already)."""
        import urllib.error
        import urllib.request

        name, registry_id = repository["repositoryName"], repository["registryId"]
        manifest = (params.get("imageManifest") or "").encode()
        try:
            parsed = json.loads(manifest)
        except ValueError:
            return _error(400, "InvalidParameterException",
                          "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'")
        media_type = params.get("imageManifestMediaType") or parsed.get("mediaType") or \
            "application/vnd.docker.distribution.manifest.v2+json"
        digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
        tag = params.get("imageTag")
        if params.get("imageDigest") and params["imageDigest"] != digest:
            return _error(400, "ImageDigestDoesNotMatchException",
                          f"Invalid parameter at 'imageDigest' failed to satisfy constraint: 'Provided digest "
                          f"{params['imageDigest']} does not match the calculated digest {digest}'")
        existing = self._match(self.store.images(name), {"imageTag": tag}) if tag else None
        if existing is not None and existing.digest == digest:
            return _error(400, "ImageAlreadyExistsException",
                          f"Image with digest '{digest}' and tag '{tag}' already exists in the repository with name "
                          f"'{name}' in registry with id '{registry_id}'")
        if existing is not None and repository.get("imageTagMutability") == "IMMUTABLE":
            return _error(400, "ImageTagAlreadyExistsException",
                          f"The image tag '{tag}' already exists in the '{name}' repository and cannot be "
                          "overwritten because the repository is immutable.")
        request = urllib.request.Request(f"{self.upstream}/v2/{name}/manifests/{tag or digest}", data=manifest,
                                         method="PUT", headers={"Content-Type": media_type})
        try:
            with urllib.request.urlopen(request, timeout=30):
                pass
        except urllib.error.HTTPError as error:
            errors = (json.loads(error.read() or b"{}").get("errors") or [{}])
            missing = [str(e.get("detail") or "") for e in errors if e.get("code") == "MANIFEST_BLOB_UNKNOWN"]
            if missing:
                return _error(400, "LayersNotFoundException",
                              f"Layers with digests '{missing}' required for pushing image into repository with "
                              f"name '{name}' in the registry with id '{registry_id}' do not exist")
            return _error(400, "InvalidParameterException", f"Invalid parameter at 'ImageManifest': "
                                                           f"{errors[0].get('message', 'rejected by the registry')}")
        image_id = {"imageDigest": digest, **({"imageTag": tag} if tag else {})}
        return _reply({"image": {"registryId": registry_id, "repositoryName": name, "imageId": image_id,
                                 "imageManifest": manifest.decode(), "imageManifestMediaType": media_type}})
