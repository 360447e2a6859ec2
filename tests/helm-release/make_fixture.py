"""Writes what the real Helm (helm-python-sdk) makes of the fixture chart, for the Swift
release tests to compare against.

    .venv/bin/python tests/helm-release/make_fixture.py

Always: `helm-release.json`, the release Helm builds for `Tests/HelmTests/Release/Fixtures/
fixture-chart` installed as `fixture` in `default` with values {"greeting": "hi there"}
(a client dry run with the memory driver: no cluster needed) — its manifest is the text
Helm stores in the release record.

With a cluster (`source .sandbox/env`) whose API server accepts Helm's protobuf writes:
also `helm-written-secret.json`, the record Secret exactly as Helm's driver wrote it.
"""

import json
import os
import pathlib
import subprocess

from helm_python import Config

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "Tests/HelmTests/Release/Fixtures"
CHART = FIXTURES / "fixture-chart"
VALUES = {"greeting": "hi there"}


def dry_run() -> None:
    with Config(namespace="default", storage_driver="memory") as cfg:
        release = cfg.install(str(CHART), "fixture", VALUES, dry_run="client")
    keep = {key: release[key] for key in ("name", "namespace", "revision", "notes", "chart_version", "manifest")}
    (FIXTURES / "helm-release.json").write_text(json.dumps(keep, indent=2, sort_keys=True) + "\n")
    print("wrote helm-release.json")


def real_secret() -> None:
    with Config(namespace="default") as cfg:
        cfg.install(str(CHART), "fixture", VALUES, labels={"team": "data"})
        try:
            secret = subprocess.run(
                ["kubectl", "get", "secret", "-n", "default", "sh.helm.release.v1.fixture.v1", "-o", "json"],
                check=True, capture_output=True, text=True, env=os.environ,
            ).stdout
        finally:
            cfg.uninstall("fixture")
    (FIXTURES / "helm-written-secret.json").write_text(json.dumps(json.loads(secret), indent=2, sort_keys=True) + "\n")
    print("wrote helm-written-secret.json")


if __name__ == "__main__":
    dry_run()
    if os.environ.get("KUBECONFIG"):
        try:
            real_secret()
        except Exception as error:  # the cluster cannot take Helm's writes yet: say so, keep the dry run
            print(f"no helm-written-secret.json: {error}")
