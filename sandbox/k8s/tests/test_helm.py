"""Real Helm against the emulator: helm-python-sdk (Helm 4's Go library through its C ABI)
installs, upgrades, rolls back and uninstalls the Spark Operator charts from the sandbox's
chart repository. Helm stores its releases with client-go's typed Secret client, which sends
protobuf, so this is the protobuf path as a real client drives it.

The installs do not wait for readiness (`wait=None`): whether the operator's pods run and its
webhook answers is the kubelet's and the operator stand-in's business, not the API's.
"""

import base64
import gzip
import json

import pytest

from .kubectl_sandbox import Sandbox

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is not installed (requirements/helm.txt)")

NS = "spark-operator"
CHARTS = [("1.1.6", {"replicaCount": 2}), ("2.4.0", {"controller": {"replicas": 2}})]


@pytest.fixture(scope="module")
def sb():
    s = Sandbox()
    try:
        yield s
    finally:
        s.down()


def release_secrets(sb, name):
    out = sb.kubectl("get", "secrets", "-n", NS, "-l", f"owner=helm,name={name}", "-o", "json").stdout
    return {item["metadata"]["name"]: item for item in json.loads(out)["items"]}


def stored_release(secret):
    """Helm's release record: base64 (the Secret's data) of base64 of gzipped JSON."""
    return json.loads(gzip.decompress(base64.b64decode(base64.b64decode(secret["data"]["release"]))))


@pytest.mark.parametrize("version,upgrade_values", CHARTS, ids=[v for v, _ in CHARTS])
def test_helm_install_upgrade_rollback_uninstall(sb, version, upgrade_values):
    name = "op-" + version.replace(".", "-")
    config = helm.Config(kubeconfig_path=sb.env["KUBECONFIG"], namespace=NS)
    repo = sb.env["SANDBOX_CHART_REPO"]

    installed = config.install("spark-operator", name, {}, chart_repo_url=repo, chart_version=version,
                               create_namespace=True, namespace=NS, plain_http=True, timeout=60)
    assert (installed["revision"], installed["status"], installed["chart_version"]) == (1, "deployed", version)
    secrets = release_secrets(sb, name)
    assert list(secrets) == [f"sh.helm.release.v1.{name}.v1"]
    record = stored_release(secrets[f"sh.helm.release.v1.{name}.v1"])
    assert record["name"] == name and record["chart"]["metadata"]["version"] == version
    assert secrets[f"sh.helm.release.v1.{name}.v1"]["type"] == "helm.sh/release.v1"
    deployments = json.loads(sb.kubectl("get", "deploy", "-n", NS, "-o", "json").stdout)["items"]
    assert any(d["metadata"]["annotations"].get("meta.helm.sh/release-name") == name for d in deployments)

    upgraded = config.upgrade("spark-operator", name, upgrade_values, chart_repo_url=repo, chart_version=version,
                              namespace=NS, plain_http=True, timeout=60)
    assert (upgraded["revision"], upgraded["status"]) == (2, "deployed")
    replicas = [d["spec"]["replicas"] for d in json.loads(sb.kubectl("get", "deploy", "-n", NS, "-o", "json").stdout)
                ["items"] if d["metadata"]["annotations"].get("meta.helm.sh/release-name") == name]
    assert 2 in replicas

    config.rollback(name, version=1, timeout=60)
    history = [(r["revision"], r["status"]) for r in config.history(name)]
    assert history == [(1, "superseded"), (2, "superseded"), (3, "deployed")]
    replicas = [d["spec"]["replicas"] for d in json.loads(sb.kubectl("get", "deploy", "-n", NS, "-o", "json").stdout)
                ["items"] if d["metadata"]["annotations"].get("meta.helm.sh/release-name") == name]
    assert replicas and 2 not in replicas
    assert sorted(release_secrets(sb, name)) == [f"sh.helm.release.v1.{name}.v{n}" for n in (1, 2, 3)]

    config.uninstall(name, timeout=60)
    assert release_secrets(sb, name) == {}
    assert [r for r in config.list(all_states=True) if r["name"] == name] == []
    left = json.loads(sb.kubectl("get", "deploy", "-n", NS, "-o", "json").stdout)["items"]
    assert not any(d["metadata"].get("annotations", {}).get("meta.helm.sh/release-name") == name for d in left)
