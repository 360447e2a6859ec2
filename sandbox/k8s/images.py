"""What a container does, by its image: the behaviour table, and image pulls.

The emulator has no container runtime. A container's life is decided by its image: the
Spark Operator's image serves until stopped (but a Job's pod that gives it a command, such as
the 1.x chart's webhook-init Job running gencerts.sh, does that task and exits); Spark images run the image's entrypoint
(`driver` / `executor`) as local processes when the pod was made by Spark itself and the
sandbox runs Spark for real, or a scripted run otherwise; small tool images (the charts'
hook and init Jobs use them) do their task and exit 0; anything else serves when its pod
restarts it `Always` and otherwise runs briefly and exits 0. Pods Spark made (label
`spark-role`) run Spark whatever their image is called (job images are built on Spark's). The pod annotation
`sandbox.eks-spark.io/outcome: fail` makes a container exit 1 instead.

Pulls: when the emulator was started with `--registry-url`, images whose host:port is the
registry's are checked with `HEAD /v2/<repo>/manifests/<ref>` there (a missing manifest
fails the pull as containerd reports it); every other image pulls.
"""

import fnmatch
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

OUTCOME_ANNOTATION = "sandbox.eks-spark.io/outcome"
MANIFEST_TYPES = ", ".join([
    "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json"])


@dataclass(frozen=True)
class Behaviour:
    kind: str  # "serve" (runs until stopped), "task" (runs then exits), "spark" (driver/executor)
    seconds: float = 1.0  # how long a task runs, before time scaling
    exit_code: int = 0
    logs: tuple = field(default_factory=tuple)


# (image name patterns without tag, behaviour); first match wins.
TABLE = [
    (("*spark-operator*",), Behaviour("serve", logs=("Starting Spark Operator", "Started Spark Operator controller"))),
    (("apache/spark*", "spark", "spark-py", "*/spark", "*/spark-py", "*spark-*python*"), Behaviour("spark", seconds=3.0)),
    (("busybox", "*/busybox", "alpine", "*/alpine", "bitnami/kubectl", "*/kubectl", "curlimages/curl", "*/curl"),
     Behaviour("task", seconds=1.0, logs=("done",))),
]
SERVE = Behaviour("serve")
SPARK = TABLE[1][1]
TASK = Behaviour("task", seconds=1.0)


@dataclass(frozen=True)
class ImageRef:
    domain: str
    repository: str
    reference: str  # tag or digest

    @property
    def name(self):
        return self.repository if self.domain == "docker.io" else f"{self.domain}/{self.repository}"

    def canonical(self):
        sep = "@" if self.reference.startswith("sha256:") else ":"
        return f"{self.domain}/{self.repository}{sep}{self.reference}"


def parse(image):
    """Docker's reference rules: the first component is a registry if it has '.', ':' or is localhost."""
    rest = image
    digest = None
    if "@" in rest:
        rest, digest = rest.split("@", 1)
    first, _, remainder = rest.partition("/")
    if remainder and ("." in first or ":" in first or first == "localhost"):
        domain, path = first, remainder
    else:
        domain, path = "docker.io", rest
    tag = None
    last = path.rsplit("/", 1)[-1]
    if ":" in last:
        path, tag = path.rsplit(":", 1)
    if domain == "docker.io" and "/" not in path:
        path = "library/" + path
    return ImageRef(domain, path, digest or tag or "latest")


def behaviour(pod, container):
    ref = parse(container.get("image", ""))
    short = ref.repository.removeprefix("library/")
    names = {short, ref.name, ref.repository}
    chosen = None
    if (pod["metadata"].get("labels") or {}).get("spark-role") in ("driver", "executor"):
        chosen = SPARK  # an image built FROM a Spark image, running Spark's entrypoint
    for patterns, b in TABLE if chosen is None else ():
        if any(fnmatch.fnmatch(n, p) for n in names for p in patterns):
            chosen = b
            break
    restart = (pod.get("spec") or {}).get("restartPolicy", "Always")
    if chosen is None:
        chosen = SERVE if restart == "Always" else TASK
    elif chosen.kind == "serve" and restart != "Always" and (container.get("command") or container.get("args")):
        # A server's image run as a one-off (a chart's hook or init Job running the
        # operator image's gencerts.sh): the command does its task and exits.
        chosen = TASK
    if ((pod["metadata"].get("annotations") or {}).get(OUTCOME_ANNOTATION) or "").lower() == "fail":
        kind = "task" if chosen.kind == "serve" else chosen.kind
        return Behaviour(kind, chosen.seconds, 1, chosen.logs + ("Error: the sandbox was told to fail this container",))
    return chosen


def pull_error(registry_url, image, timeout=5.0, upstream_url=None):
    """None when the image pulls; otherwise containerd's error text for it.

    `registry_url` is the registry images name (ECR's host:port); `upstream_url`, when
    given, is where the check is sent: the registry behind ECR's auth front, because
    Fargate pulls with the pod execution role's ECR credentials, which the sandbox does
    not model (see sandbox/README.md).
    """
    if not registry_url:
        return None
    reg = urllib.parse.urlsplit(registry_url)
    ref = parse(image)
    if ref.domain != reg.netloc:
        return None
    canonical = image if "/" in image else ref.canonical()
    base = (upstream_url or registry_url).rstrip("/")
    url = f"{base}/v2/{ref.repository}/manifests/{ref.reference}"
    req = urllib.request.Request(url, method="HEAD", headers={"Accept": MANIFEST_TYPES})
    try:
        with urllib.request.urlopen(req, timeout=timeout):
            return None
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return (f'rpc error: code = NotFound desc = failed to pull and unpack image "{canonical}": '
                    f'failed to resolve reference "{canonical}": {canonical}: not found')
        if e.code in (401, 403):
            return (f'rpc error: code = Unknown desc = failed to pull and unpack image "{canonical}": '
                    f'failed to resolve reference "{canonical}": pull access denied, repository does not exist or may require authorization: '
                    f'server message: insufficient_scope: authorization failed')
        return (f'rpc error: code = Unknown desc = failed to pull and unpack image "{canonical}": '
                f'failed to resolve reference "{canonical}": unexpected status from HEAD request to {url}: {e.code} {e.reason}')
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        return (f'rpc error: code = Unknown desc = failed to pull and unpack image "{canonical}": '
                f'failed to resolve reference "{canonical}": failed to do request: Head "{url}": {reason}')
