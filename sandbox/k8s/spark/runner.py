"""Spark's driver and executor containers as local processes.

What the Spark image's entrypoint runs, from the pod's own command, arguments and
environment: `driver` → `spark-submit --deploy-mode client` with the bind address set to
the pod's IP; `executor` → the JVM running `KubernetesExecutorBackend` with the pod's
`SPARK_*` variables. Spark is PyPI's `pyspark` (its SPARK_HOME stands for the image's
/opt/spark) on the machine's JDK. Each pod gets a directory standing for its file system:
its volumes (config maps, secrets, empty dirs, service account and IRSA tokens) at their
mount paths; the image's work dir comes from the image itself, unpacked from the registry
behind ECR (`image_fs`), so a job runs the code that was pushed. The cluster's network: the pod's own 127.0.0.0/8 IP, cluster
DNS names through a hosts file, and the API server at `kubernetes.default.svc:<port>`
(Spark is told the port with `spark.kubernetes.driver.master`, since nothing listens on
443). Output goes to the pod's log line by line.
"""

import logging
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import urllib.error
import urllib.parse
from pathlib import Path

from .. import images
from . import image_fs, network, volumes

log = logging.getLogger(__name__)

SPARK_IMAGE_HOME = "/opt/spark"
WORK_DIR = "/opt/spark/work-dir"
EXECUTOR_CLASS = "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend"


def default_spark_home():
    try:
        import pyspark
    except ImportError:
        return None
    return os.path.dirname(pyspark.__file__)


def default_java_home():
    java = shutil.which("java")
    if not java:
        return None
    return str(Path(os.path.realpath(java)).parents[1])


class ProcessRun:
    """A container that is a local process group; poll() gives its exit code once it ended."""

    def __init__(self, cluster, pod, container, argv, env, cwd, cleanup):
        md = pod["metadata"]
        self._cleanup = cleanup
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self._reader = threading.Thread(target=self._read, args=(cluster, md["namespace"], md["name"], container["name"]),
                                        name=f"log-{md['name']}", daemon=True)
        self._reader.start()

    def _read(self, cluster, ns, pod, container):
        for raw in iter(self.proc.stdout.readline, b""):
            cluster.container_output(ns, pod, container, raw.decode("utf-8", "replace").rstrip("\n"))
        self.proc.stdout.close()

    def poll(self, now):
        code = self.proc.poll()
        if code is None:
            return None
        self._reader.join(timeout=2)
        self._cleanup()
        return code if code >= 0 else 128 - code

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            threading.Thread(target=self._kill_later, daemon=True).start()
        else:
            self._cleanup()

    def _kill_later(self):
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self._reader.join(timeout=2)
        self._cleanup()


class SparkRunner:
    def __init__(self, cluster, api_url, work_root, spark_home=None, java_home=None, image_root=None):
        """`image_root(image) -> Path | None` replaces the registry as the source of image file
        systems (tests of the runner alone, which start no registry)."""
        self.cluster = cluster
        self._image_root = image_root
        self.api_url = api_url
        self.api_port = int(api_url.rsplit(":", 1)[1])
        self.work_root = Path(work_root)
        self.spark_home = spark_home or default_spark_home()
        self.java_home = java_home or default_java_home()
        self.work_root.mkdir(parents=True, exist_ok=True)
        self.hosts_file = str(self.work_root / "hosts")

    def available(self):
        return bool(self.spark_home and self.java_home)

    def base_env(self):
        path = os.pathsep.join([os.path.dirname(sys.executable), os.path.join(self.java_home, "bin"), "/usr/local/bin", "/usr/bin", "/bin"])
        return {"PATH": path, "JAVA_HOME": self.java_home, "SPARK_HOME": self.spark_home, "LANG": "C.UTF-8",
                "HOME": str(self.work_root)}

    def submit_env(self):
        return self.base_env()

    def image_root(self, image):
        """The image's unpacked file system, or None when the sandbox's registry does not hold it."""
        if self._image_root is not None:
            return self._image_root(image)
        c = self.cluster
        registry, upstream = getattr(c, "registry_url", None), getattr(c, "registry_upstream", None)
        if not registry or not upstream:
            return None
        ref = images.parse(image)
        if ref.domain != urllib.parse.urlsplit(registry).netloc:
            return None
        try:
            return image_fs.unpack(upstream, ref, self.work_root / "images")
        except (OSError, ValueError, KeyError, tarfile.TarError, image_fs.ImageUnpackError, urllib.error.URLError) as e:
            log.warning("cannot unpack %s: %s", image, e)
            return None

    def image_work_dir(self, image):
        root = self.image_root(image)
        d = root / WORK_DIR.lstrip("/") if root else None
        return d if d and d.is_dir() else None

    def can_run(self, app):
        """Real Spark for this application: the main file is in the image as the sandbox knows
        it, and it needs no S3A (hadoop-aws and the AWS SDK are not in PyPI's pyspark)."""
        if not self.available():
            return False
        spec = app.get("spec") or {}
        texts = [spec.get("mainApplicationFile") or ""] + [str(a) for a in spec.get("arguments") or []] + \
            [str(v) for v in (spec.get("sparkConf") or {}).values()]
        # Only an s3a:// path needs hadoop-aws: the S3A settings eks-spark gives every job
        # (fs.s3a.impl, the credentials provider) are read only when such a path is opened.
        if any("s3a://" in t for t in texts) and not list(Path(self.spark_home, "jars").glob("hadoop-aws-*.jar")):
            return False
        main = spec.get("mainApplicationFile") or ""
        if not main.startswith("local://"):
            return False
        image = ((spec.get("driver") or {}).get("image")) or spec.get("image") or ""
        host = self.host_path(main[len("local://"):], {}, image)
        return host is not None and os.path.exists(host)

    def host_path(self, path, mounts, image):
        """Where a path of the container's file system is on this machine (None: not provided)."""
        for mount_path in sorted(mounts, key=len, reverse=True):
            if path == mount_path or path.startswith(mount_path.rstrip("/") + "/"):
                return str(Path(mounts[mount_path]) / path[len(mount_path):].lstrip("/"))
        if path == WORK_DIR or path.startswith(WORK_DIR + "/"):
            wd = self.image_work_dir(image)
            return str(wd / path[len(WORK_DIR):].lstrip("/")) if wd else None
        if path == SPARK_IMAGE_HOME or path.startswith(SPARK_IMAGE_HOME + "/"):
            return str(Path(self.spark_home) / path[len(SPARK_IMAGE_HOME):].lstrip("/"))
        return None

    def start(self, pod, container, behaviour):
        """A ProcessRun for a Spark driver/executor container made by Spark itself, else None."""
        from ..operator.submit import SCRIPTED

        args = list(container.get("args") or [])
        if (pod["metadata"].get("annotations") or {}).get(SCRIPTED) or args[:1] not in (["driver"], ["executor"]):
            return None
        if not self.available() or behaviour.exit_code != 0:
            return None  # `sandbox.eks-spark.io/outcome: fail` keeps its scripted failure
        root = self.work_root / "pods" / pod["metadata"]["uid"]
        root.mkdir(parents=True, exist_ok=True)
        mounts = volumes.materialize(self.cluster, pod, container, root)
        network.write_hosts(self.cluster, self.hosts_file)
        image = container.get("image", "")
        env = self.base_env()
        container_env = volumes.container_env(self.cluster, pod, container)
        env.update(container_env)
        for k, v in container_env.items():
            # paths inside the container: its mounts, the image's Spark, its scratch space
            if v.startswith("/"):
                mapped = self.host_path(v, mounts, image)
                env[k] = mapped or (str(root / v.lstrip("/")) if v.startswith(("/var/data", "/tmp")) else v)
        env["SPARK_CONF_DIR"] = env.get("SPARK_CONF_DIR") or self.host_path("/opt/spark/conf", mounts, image) or ""
        ip = pod["status"].get("podIP") or "127.0.0.1"
        hosts_opt = f"-Djdk.net.hosts.file={self.hosts_file}"
        sa = mounts.get(volumes.SA_DIR)
        if args[0] == "driver":
            argv = [os.path.join(self.spark_home, "bin", "spark-submit"),
                    "--conf", f"spark.driver.bindAddress={ip}", "--conf", f"spark.executorEnv.SPARK_DRIVER_POD_IP={ip}",
                    "--conf", f"spark.kubernetes.driver.master=https://kubernetes.default.svc:{self.api_port}",
                    "--conf", f"spark.kubernetes.authenticate.driver.mounted.oauthTokenFile={sa}/token",
                    "--conf", f"spark.kubernetes.authenticate.driver.mounted.caCertFile={sa}/ca.crt",
                    "--deploy-mode", "client"]
            for a in args[1:]:
                if a.startswith("local://"):
                    a = self.host_path(a[len("local://"):], mounts, image) or a
                elif a.startswith("/"):
                    a = self.host_path(a, mounts, image) or a
                argv.append(a)
            env["SPARK_SUBMIT_OPTS"] = (env.get("SPARK_SUBMIT_OPTS", "") + " " + hosts_opt).strip()
            env["SPARK_LOCAL_IP"] = ip
        else:
            java_opts = [v for k, v in sorted(((k, v) for k, v in env.items() if k.startswith("SPARK_JAVA_OPT_")),
                                              key=lambda kv: int(kv[0].rsplit("_", 1)[1]))]
            mem = env.get("SPARK_EXECUTOR_MEMORY", "1g")
            cp = ":".join(x for x in (env.get("SPARK_CONF_DIR"), os.path.join(self.spark_home, "jars", "*")) if x)
            argv = [os.path.join(self.java_home, "bin", "java"), *java_opts, hosts_opt, f"-Xms{mem}", f"-Xmx{mem}", "-cp", cp,
                    EXECUTOR_CLASS, "--driver-url", env.get("SPARK_DRIVER_URL", ""), "--executor-id", env.get("SPARK_EXECUTOR_ID", ""),
                    "--cores", env.get("SPARK_EXECUTOR_CORES", "1"), "--app-id", env.get("SPARK_APPLICATION_ID", ""),
                    "--hostname", ip, "--resourceProfileId", env.get("SPARK_RESOURCE_PROFILE_ID", "0"),
                    "--podName", env.get("SPARK_EXECUTOR_POD_NAME", pod["metadata"]["name"])]
            env["SPARK_LOCAL_IP"] = ip

        def cleanup():
            shutil.rmtree(root, ignore_errors=True)

        return ProcessRun(self.cluster, pod, container, argv, env, str(root), cleanup)


def enable(cluster, api_url, work_root):
    runner = SparkRunner(cluster, api_url, work_root)
    if not runner.available():
        return None
    cluster.spark_runner = runner
    return runner

