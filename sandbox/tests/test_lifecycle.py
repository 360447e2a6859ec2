"""`python -m sandbox up|down|status|reset`: start-up time, the env file, pid files, restarts."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest

from .conftest import ROOT, parse_env, run_sandbox

ENV_NAMES = ["AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
             "SANDBOX_CONTROL_URL", "SANDBOX_CHART_REPO", "SANDBOX_ALT_ACCESS_KEY_ID", "SANDBOX_ALT_SECRET_ACCESS_KEY",
             "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"]
K8S_NAMES = ["KUBECONFIG", "EKS_SPARK_KUBE_SERVER", "EKS_SPARK_KUBE_CA_FILE"]
HAS_K8S = (ROOT / "sandbox" / "k8s" / "__main__.py").exists()
HAS_REGISTRY = shutil.which("docker-registry") is not None


def pids(directory: Path) -> dict[str, int]:
    return {p.stem: int(p.read_text()) for p in (directory / "pids").glob("*.pid")}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def lifecycle_dir(tmp_path):
    yield tmp_path
    run_sandbox("down", tmp_path)


def test_up_env_restart_and_down(lifecycle_dir):
    started = time.time()
    result = run_sandbox("up", lifecycle_dir)
    elapsed = time.time() - started
    assert result.returncode == 0, result.stderr
    reported = float((lifecycle_dir / "startup-seconds").read_text())
    print(f"\nsandbox start-up: {reported:.2f} s inside `up`, {elapsed:.2f} s for the whole command"
          f" (Kubernetes emulator {'included' if HAS_K8S else 'absent'})")
    assert reported < 5.0

    env = parse_env(result.stdout)
    assert env == parse_env((lifecycle_dir / "env").read_text())
    for name in ENV_NAMES + (K8S_NAMES if HAS_K8S else []):
        assert env.get(name), name
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        assert os.path.isabs(env[name]) and Path(env[name]).read_text() == ""
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "eu-west-1"
    assert env["SANDBOX_CONTROL_URL"] == env["AWS_ENDPOINT_URL"] + "/_sandbox"

    # The env is all a client needs (a user's ~/.aws cannot leak in).
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    clean_env.update(env)
    check = subprocess.run([sys.executable, "-c", "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"],
                           env=clean_env, capture_output=True, text=True)
    assert check.stdout.strip() == "arn:aws:iam::123456789012:user/sandbox-admin", check.stderr

    with urllib.request.urlopen(env["SANDBOX_CHART_REPO"] + "/index.yaml") as reply:
        index = reply.read().decode()
    assert "spark-operator" in index and "urls:" in index
    with urllib.request.urlopen(env["SANDBOX_CHART_REPO"] + "/spark-operator-1.1.6.tgz") as reply:
        assert reply.read(2) == b"\x1f\x8b"

    if HAS_K8S:
        context = ssl.create_default_context(cafile=env["EKS_SPARK_KUBE_CA_FILE"])
        with urllib.request.urlopen(env["EKS_SPARK_KUBE_SERVER"] + "/readyz", context=context) as reply:
            assert reply.status == 200
        kubeconfig = Path(env["KUBECONFIG"]).read_text()
        assert "current-context: sandbox" in kubeconfig and env["EKS_SPARK_KUBE_SERVER"] in kubeconfig
        # The control API's reset also resets the emulator.
        token = (lifecycle_dir / "k8s" / "admin-token").read_text().strip()
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        namespaces = env["EKS_SPARK_KUBE_SERVER"] + "/api/v1/namespaces"
        body = json.dumps({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "left-over"}}).encode()
        urllib.request.urlopen(urllib.request.Request(namespaces, data=body, headers=auth, method="POST"),
                               context=context).read()
        reset = urllib.request.Request(env["SANDBOX_CONTROL_URL"] + "/reset", data=b"{}", method="POST")
        with urllib.request.urlopen(reset) as reply:
            assert json.loads(reply.read())["k8s"] == {"status": 200}
        try:
            urllib.request.urlopen(urllib.request.Request(namespaces + "/left-over", headers=auth), context=context)
            raise AssertionError("namespace survived the reset")
        except urllib.error.HTTPError as error:
            assert error.code == 404

    if HAS_REGISTRY:  # the real registry runs, with its storage under the sandbox directory
        assert env["SANDBOX_REGISTRY"].startswith("127.0.0.1:")
        deadline = time.time() + 30
        while True:  # the seed image is pushed by a warm-up after `up` returns
            with urllib.request.urlopen(env["SANDBOX_CONTROL_URL"] + "/ecr") as reply:
                ecr = json.loads(reply.read())
            if ecr["ready"] or time.time() > deadline:
                break
            time.sleep(0.05)
        assert ecr["ready"] and ecr["warmup_error"] is None and ecr["registry"] == env["SANDBOX_REGISTRY"]
        print(f"registry warm-up after `up`: {ecr['warmup_seconds']:.2f} s")
        assert (lifecycle_dir / "registry" / "storage" / "docker" / "registry" / "v2" / "repositories" / "sandbox"
                / "base").is_dir()
        assert "registry" in pids(lifecycle_dir)

    first = pids(lifecycle_dir)
    assert {"moto", "proxy", "charts"} <= set(first) and all(alive(p) for p in first.values())
    assert run_sandbox("status", lifecycle_dir).returncode == 0

    # `up` again restarts fresh: new processes, the old ones gone, state reset.
    eks_cluster_role = boto3.client("iam", endpoint_url=env["AWS_ENDPOINT_URL"], region_name="eu-west-1",
                                    aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    eks_cluster_role.create_role(RoleName="left-over", AssumeRolePolicyDocument="{}")
    again = run_sandbox("up", lifecycle_dir)
    assert again.returncode == 0, again.stderr
    second = pids(lifecycle_dir)
    assert not set(first.values()) & set(second.values())
    assert not any(alive(p) for p in first.values())
    env2 = parse_env(again.stdout)
    iam = boto3.client("iam", endpoint_url=env2["AWS_ENDPOINT_URL"], region_name="eu-west-1",
                       aws_access_key_id=env2["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env2["AWS_SECRET_ACCESS_KEY"])
    assert "left-over" not in [r["RoleName"] for r in iam.list_roles()["Roles"]]

    # `down` stops exactly the recorded processes: a stranger whose pid is planted in a pid
    # file (pid reuse) survives.
    stranger = subprocess.Popen(["sleep", "30"])
    try:
        (lifecycle_dir / "pids" / "charts.pid").write_text(f"{stranger.pid}\n")
        down = run_sandbox("down", lifecycle_dir)
        assert down.returncode == 0
        assert alive(stranger.pid)
        assert not any(alive(p) for name, p in second.items() if name != "charts")
        assert not (lifecycle_dir / "env").exists() and not list((lifecycle_dir / "pids").glob("*.pid"))
        assert run_sandbox("status", lifecycle_dir).returncode == 3
    finally:
        stranger.kill()
        stranger.wait()
        if alive(second["charts"]):  # the charts server whose pid file we overwrote
            os.kill(second["charts"], 15)


def test_reset_via_cli(lifecycle_dir):
    assert run_sandbox("up", lifecycle_dir, "--no-k8s").returncode == 0
    result = run_sandbox("reset", lifecycle_dir)
    assert result.returncode == 0 and '"ok": true' in result.stdout
