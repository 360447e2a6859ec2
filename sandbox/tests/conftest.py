"""A sandbox for the whole test session, in its own directory (a user's running sandbox is
left alone), started without the Kubernetes emulator unless a test asks for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from sandbox.cli import parse_env

ROOT = Path(__file__).resolve().parents[2]
NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)


def run_sandbox(verb: str, sandbox_dir: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, SANDBOX_DIR=str(sandbox_dir))
    return subprocess.run([sys.executable, "-m", "sandbox", verb, *extra], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


class Sandbox:
    def __init__(self, env: dict[str, str], directory: Path):
        self.env = env
        self.dir = directory

    def client(self, service: str, key: str | None = None, secret: str | None = None, **kwargs):
        return boto3.client(service, endpoint_url=self.env["AWS_ENDPOINT_URL"], region_name=self.env["AWS_REGION"],
                            aws_access_key_id=key or self.env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=secret or self.env["AWS_SECRET_ACCESS_KEY"],
                            config=kwargs.pop("config", NO_RETRY), **kwargs)

    def alt_client(self, service: str):
        return self.client(service, self.env["SANDBOX_ALT_ACCESS_KEY_ID"], self.env["SANDBOX_ALT_SECRET_ACCESS_KEY"])

    def control(self, method: str, route: str, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"{self.env['SANDBOX_CONTROL_URL']}/{route}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory) -> Sandbox:
    directory = tmp_path_factory.mktemp("sandbox")
    result = run_sandbox("up", directory, "--no-k8s", "--latency", "fast")
    assert result.returncode == 0, result.stderr
    print(result.stderr.strip().splitlines()[-1])
    box = Sandbox(parse_env(result.stdout), directory)
    yield box
    run_sandbox("down", directory)


@pytest.fixture
def clean(sandbox):
    """Default latency and no faults before and after the test."""
    sandbox.control("PUT", "latency", {"profile": "fast"})
    sandbox.control("DELETE", "faults")
    yield sandbox
    sandbox.control("DELETE", "faults")
    sandbox.control("PUT", "latency", {"profile": "fast"})


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.1):
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(interval)
