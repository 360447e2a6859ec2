"""`python -m sandbox up|down|env|reset|status`: start and stop the local cloud.

`up` starts, on free loopback ports and all at once: moto server, the front proxy (which also
serves ECR's registry endpoint), the real container registry behind it (Debian
`docker-registry`, storage under `.sandbox/registry/`), the chart repository and (when
`sandbox/k8s/__main__.py` exists) the Kubernetes API emulator; waits until each answers;
writes `.sandbox/env` (shell exports) and prints it. The registry's seed image is pushed by
the proxy's warm-up after that (ECR requests wait for it). `up` while running
restarts everything fresh. `down` stops exactly the processes `up` started (pid files under
`.sandbox/pids/`). Logs are under `.sandbox/logs/`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import registry_part
from .registry_part import REGISTRY_BINARY, StartError

ROOT = Path(__file__).resolve().parent.parent
REGION = "eu-west-1"
CLUSTER_NAME = "spark-eks-cluster"
PARTS = ("moto", "proxy", "registry", "charts", "k8s")


def sandbox_dir() -> Path:
    return Path(os.environ.get("SANDBOX_DIR", ROOT / ".sandbox")).resolve()


def charts_dir() -> Path:
    return Path(os.environ.get("SANDBOX_CHARTS_DIR", ROOT.parent / "shared" / "charts" / "spark-operator")).resolve()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def new_key(prefix: str = "AKIA") -> tuple[str, str]:
    alphabet = string.ascii_uppercase + string.digits
    key = prefix + "".join(secrets.choice(alphabet) for _ in range(16))
    secret = "".join(secrets.choice(string.ascii_letters + string.digits + "+/") for _ in range(40))
    return key, secret


# ---- processes ----------------------------------------------------------------------------

def _pid_file(part: str) -> Path:
    return sandbox_dir() / "pids" / f"{part}.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _ours(pid: int) -> bool:
    """The pid still runs one of our parts (pids are reused; never kill a stranger)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    if any(arg.startswith(b"sandbox.") for arg in cmdline):
        return True
    # The registry is not Python: ours runs the config file under this sandbox directory.
    config = str(sandbox_dir() / "registry" / "config.yml").encode()
    return bool(cmdline) and os.path.basename(cmdline[0]) == REGISTRY_BINARY.encode() and config in cmdline


def running() -> dict[str, int]:
    found = {}
    for part in PARTS:
        path = _pid_file(part)
        if path.exists():
            try:
                pid = int(path.read_text().strip())
            except ValueError:
                continue
            if _alive(pid) and _ours(pid):
                found[part] = pid
    return found


def _spawn(part: str, args: list[str], env: dict | None = None, python: bool = True) -> subprocess.Popen:
    logs = sandbox_dir() / "logs"
    log = open(logs / f"{part}.log", "ab")
    log.write(f"---- {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {' '.join(args)}\n".encode())
    log.flush()
    child_env = dict(os.environ)
    child_env.update(env or {})
    child_env["PYTHONPATH"] = str(ROOT) + (os.pathsep + child_env["PYTHONPATH"] if child_env.get("PYTHONPATH") else "")
    argv = [sys.executable, "-m", *args] if python else args
    process = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, env=child_env, start_new_session=True)
    _pid_file(part).write_text(f"{process.pid}\n")
    return process


def stop(quiet: bool = False) -> list[str]:
    """Stops the processes named in the pid files (and only those); returns what it stopped."""
    stopped = []
    procs = running()
    for part, pid in procs.items():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.time() + 5
    for part, pid in procs.items():
        while _alive(pid) and time.time() < deadline:
            time.sleep(0.02)
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        stopped.append(f"{part} ({pid})")
    for part in PARTS:
        _pid_file(part).unlink(missing_ok=True)
    (sandbox_dir() / "env").unlink(missing_ok=True)
    if not quiet:
        print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"), file=sys.stderr)
    return stopped


# ---- waiting ------------------------------------------------------------------------------

def _wait(what: str, process: subprocess.Popen, probe, deadline: float) -> None:
    while True:
        if process.poll() is not None:
            raise StartError(f"{what} exited with status {process.returncode}; see .sandbox/logs/{what}.log")
        try:
            if probe():
                return
        except Exception:
            pass
        if time.time() > deadline:
            raise StartError(f"{what} did not answer in time; see .sandbox/logs/{what}.log")
        time.sleep(0.03)


def _http_ok(url: str, context=None) -> bool:
    with urllib.request.urlopen(url, timeout=2, context=context) as reply:
        return reply.status == 200


def _put_json(url: str, payload: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


# ---- up -----------------------------------------------------------------------------------

def up(args) -> int:
    """Starts the sandbox; a second try on fresh ports covers a port taken between pick and bind."""
    started = time.time()
    if up_once(args, started, final=False) == 0:
        return 0
    return up_once(args, started, final=True)


def up_once(args, started: float, final: bool) -> int:
    if running():
        stop(quiet=True)
    base = sandbox_dir()
    for sub in ("pids", "logs", "aws", "k8s"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    for stale in ("ca.crt", "admin-token"):
        (base / "k8s" / stale).unlink(missing_ok=True)
    (base / "aws" / "config").write_text("")
    (base / "aws" / "credentials").write_text("")
    admin_key, admin_secret = new_key()
    alt_key, alt_secret = new_key()
    identities = {"users": [
        {"name": "sandbox-admin", "access_key_id": admin_key, "secret_access_key": admin_secret,
         "policies": ["arn:aws:iam::aws:policy/AdministratorAccess"]},
        {"name": "sandbox-alt", "access_key_id": alt_key, "secret_access_key": alt_secret, "policies": []},
    ]}
    identities_file = base / "identities.json"
    identities_file.write_text(json.dumps(identities, indent=1))
    identities_file.chmod(0o600)

    ports = {part: free_port() for part in (*PARTS, "registry-front")}
    registry_host = f"127.0.0.1:{ports['registry-front']}"
    registry_upstream = f"http://127.0.0.1:{ports['registry']}"
    registry_dir = base / "registry"
    with_registry = shutil.which(REGISTRY_BINARY) is not None and not args.no_registry
    if with_registry:
        shutil.rmtree(registry_dir / "storage", ignore_errors=True)
        registry_part.write_config(registry_dir, ports["registry"])
    proxy_url = f"http://127.0.0.1:{ports['proxy']}"
    control_url = f"{proxy_url}/_sandbox"
    moto_url = f"http://127.0.0.1:{ports['moto']}"
    chart_url = f"http://127.0.0.1:{ports['charts']}"
    with_k8s = (ROOT / "sandbox" / "k8s" / "__main__.py").exists() and not args.no_k8s
    processes = {}
    try:
        processes["moto"] = _spawn("moto", ["sandbox.aws.moto_server", "--port", str(ports["moto"])],
                                   {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"})
        registry_args = ["--region", REGION]
        if with_registry:
            processes["registry"] = _spawn("registry", [REGISTRY_BINARY, "serve", str(registry_dir / "config.yml")],
                                           python=False)
            registry_args += ["--registry-port", str(ports["registry-front"]), "--registry-upstream",
                              registry_upstream, "--registry-storage", str(registry_dir / "storage"),
                              "--registry-cache", str(base / "cache")]
        processes["proxy"] = _spawn("proxy", ["sandbox.aws.proxy", "--port", str(ports["proxy"]), "--moto-url",
                                              moto_url, "--identities", str(identities_file), "--latency",
                                              args.latency, "--latency-factor", str(args.latency_factor),
                                              *registry_args])
        chart_dir = charts_dir()
        if not (chart_dir / "index.yaml").exists():
            raise StartError(f"no chart repository at {chart_dir} (set SANDBOX_CHARTS_DIR)")
        processes["charts"] = _spawn("charts", ["sandbox.charts", "--port", str(ports["charts"]), "--directory",
                                                str(chart_dir)])
        k8s_dir = base / "k8s"
        if with_k8s:
            processes["k8s"] = _spawn("k8s", [
                "sandbox.k8s", "--host", "127.0.0.1", "--port", str(ports["k8s"]), "--state-dir", str(k8s_dir),
                "--cluster-name", CLUSTER_NAME, "--aws-endpoint", proxy_url, "--region", REGION,
                "--aws-access-key-id", admin_key, "--aws-secret-access-key", admin_secret,
                "--control-url", control_url,
                *(["--registry-url", f"http://{registry_host}", "--registry-upstream", registry_upstream]
                  if with_registry else [])])
        deadline = time.time() + args.timeout
        if with_registry:
            _wait("registry", processes["registry"], lambda: _http_ok(f"{registry_upstream}/v2/"), deadline)
        _wait("proxy", processes["proxy"], lambda: _http_ok(f"{control_url}/health"), deadline)
        _wait("charts", processes["charts"], lambda: _http_ok(f"{chart_url}/index.yaml"), deadline)
        k8s_url = f"https://127.0.0.1:{ports['k8s']}"
        if with_k8s:
            ca_file = k8s_dir / "ca.crt"

            def k8s_ready() -> bool:
                if not ca_file.exists() or not (k8s_dir / "admin-token").exists():
                    return False
                return _http_ok(f"{k8s_url}/readyz", ssl.create_default_context(cafile=str(ca_file)))

            _wait("k8s", processes["k8s"], k8s_ready, deadline)
            _put_json(f"{control_url}/k8s", {"cluster_name": CLUSTER_NAME, "endpoint": k8s_url,
                                             "ca_file": str(ca_file), "admin_token_file": str(k8s_dir / "admin-token")})
            write_kubeconfig(base / "kubeconfig", k8s_url, ca_file, (k8s_dir / "admin-token").read_text().strip())
    except (StartError, OSError, urllib.error.HTTPError) as error:
        if not final:
            print(f"sandbox up: {error}; trying again on other ports", file=sys.stderr)
            stop(quiet=True)
            return 1
        print(f"sandbox up failed: {error}", file=sys.stderr)
        for part, process in processes.items():
            tail = (base / "logs" / f"{part}.log").read_text(errors="replace").splitlines()[-15:]
            if process.poll() is not None or part in str(error):
                print(f"--- .sandbox/logs/{part}.log (last lines)\n" + "\n".join(tail), file=sys.stderr)
        stop(quiet=True)
        return 1

    env = {
        "AWS_ENDPOINT_URL": proxy_url,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": admin_key,
        "AWS_SECRET_ACCESS_KEY": admin_secret,
        "AWS_CONFIG_FILE": str(base / "aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(base / "aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "SANDBOX_DIR": str(base),
        "SANDBOX_CONTROL_URL": control_url,
        "SANDBOX_CHART_REPO": chart_url,
        "SANDBOX_ADMIN_ARN": "arn:aws:iam::123456789012:user/sandbox-admin",
        "SANDBOX_ALT_ACCESS_KEY_ID": alt_key,
        "SANDBOX_ALT_SECRET_ACCESS_KEY": alt_secret,
        "SANDBOX_ALT_ARN": "arn:aws:iam::123456789012:user/sandbox-alt",
        "SANDBOX_CLUSTER_NAME": CLUSTER_NAME,
    }
    if with_registry:
        env["SANDBOX_REGISTRY"] = registry_host
    if with_k8s:
        env.update({"KUBECONFIG": str(base / "kubeconfig"), "EKS_SPARK_KUBE_SERVER": k8s_url,
                    "EKS_SPARK_KUBE_CA_FILE": str(base / "k8s" / "ca.crt")})
    text = "".join(f"export {name}={shlex.quote(value)}\n" for name, value in env.items())
    (base / "env").write_text(text)
    (base / "env").chmod(0o600)
    elapsed = time.time() - started
    sys.stdout.write(text)
    parts = ", ".join(f"{part} :{ports[part]}" for part in processes)
    if with_registry:
        parts += f", ECR registry {registry_host} (seed image pushed by a warm-up: GET {control_url}/ecr)"
    print(f"sandbox up in {elapsed:.2f} s ({parts}); `source {base / 'env'}`", file=sys.stderr)
    (base / "startup-seconds").write_text(f"{elapsed:.3f}\n")
    return 0


def write_kubeconfig(path: Path, server: str, ca_file: Path, token: str) -> None:
    path.write_text(
        "apiVersion: v1\nkind: Config\n"
        f"clusters:\n- name: sandbox\n  cluster:\n    server: {server}\n    certificate-authority: {ca_file}\n"
        f"users:\n- name: sandbox-admin\n  user:\n    token: {json.dumps(token)}\n"
        "contexts:\n- name: sandbox\n  context:\n    cluster: sandbox\n    user: sandbox-admin\n"
        "current-context: sandbox\npreferences: {}\n")
    path.chmod(0o600)


# ---- other verbs --------------------------------------------------------------------------

def parse_env(text: str) -> dict[str, str]:
    """The variables of `export NAME=value` lines, as `up` prints them and writes `.sandbox/env`."""
    values = {}
    for line in text.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export "):].partition("=")
            values[name] = shlex.split(value)[0] if value else ""
    return values


def read_env() -> dict[str, str]:
    path = sandbox_dir() / "env"
    return parse_env(path.read_text()) if path.exists() else {}


def status(args) -> int:
    procs = running()
    env = read_env()
    for part in PARTS:
        pid = procs.get(part)
        print(f"{part:8} {'running pid ' + str(pid) if pid else 'stopped'}")
    if env:
        print(f"AWS_ENDPOINT_URL={env.get('AWS_ENDPOINT_URL')}  SANDBOX_CHART_REPO={env.get('SANDBOX_CHART_REPO')}"
              f"  EKS_SPARK_KUBE_SERVER={env.get('EKS_SPARK_KUBE_SERVER', '-')}"
              f"  SANDBOX_REGISTRY={env.get('SANDBOX_REGISTRY', '-')}")
    return 0 if {"moto", "proxy", "charts"} <= set(procs) else 3


def show_env(args) -> int:
    path = sandbox_dir() / "env"
    if not path.exists():
        print("the sandbox is not running: `make sandbox-up`", file=sys.stderr)
        return 1
    sys.stdout.write(path.read_text())
    return 0


def reset(args) -> int:
    env = read_env()
    if not env:
        print("the sandbox is not running: `make sandbox-up`", file=sys.stderr)
        return 1
    request = urllib.request.Request(env["SANDBOX_CONTROL_URL"] + "/reset", data=b"{}", method="POST")
    with urllib.request.urlopen(request, timeout=60) as reply:
        print(reply.read().decode().strip())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    up_parser = verbs.add_parser("up", help="start (or restart fresh) and print the env")
    up_parser.add_argument("--latency", default=os.environ.get("SANDBOX_LATENCY", "fast"),
                           choices=["fast", "realistic", "instant"])
    up_parser.add_argument("--latency-factor", type=float, default=float(os.environ.get("SANDBOX_LATENCY_FACTOR", "1")))
    up_parser.add_argument("--timeout", type=float, default=30.0)
    up_parser.add_argument("--no-k8s", action="store_true", help="do not start the Kubernetes emulator")
    up_parser.add_argument("--no-registry", action="store_true", help="do not start the container registry")
    verbs.add_parser("down", help="stop what `up` started")
    verbs.add_parser("env", help="print .sandbox/env")
    verbs.add_parser("reset", help="reset AWS and Kubernetes state, keeping the processes and keys")
    verbs.add_parser("status", help="which parts run")
    args = parser.parse_args(argv)
    if args.verb == "up":
        return up(args)
    if args.verb == "down":
        stop()
        return 0
    return {"env": show_env, "reset": reset, "status": status}[args.verb](args)
