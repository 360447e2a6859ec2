"""Sandbox benchmark: start-up time (median of 5 `up`s), peak RSS of each process, and the
proxy's cost per call against moto direct. Run by `make bench-sandbox` (part of `make bench`)."""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent


def sandbox(verb: str, directory: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sandbox", verb, *extra], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, SANDBOX_DIR=directory), check=verb != "down")


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def per_call_ms(client, calls: int = 200) -> float:
    client.get_caller_identity()
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        client.get_caller_identity()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        walls, inner, seeds, bare = [], [], [], []
        try:
            for _ in range(3):  # the registry (and its seed image push) left out
                sandbox("up", directory, "--no-registry")
                bare.append(float(Path(directory, "startup-seconds").read_text()))
            for _ in range(5):
                started = time.perf_counter()
                result = sandbox("up", directory)
                walls.append(time.perf_counter() - started)
                inner.append(float(Path(directory, "startup-seconds").read_text()))
                control = next(line for line in result.stdout.splitlines() if "SANDBOX_CONTROL_URL=" in line)
                control = shlex.split(control.partition("=")[2])[0]
                while True:  # the registry warm-up (seed repository and image) runs after `up` returns
                    with urllib.request.urlopen(control + "/ecr") as reply:
                        ecr = json.loads(reply.read())
                    if ecr["ready"]:
                        seeds.append((ecr["warmup_seconds"] or 0.0, time.perf_counter() - started - walls[-1]))
                        break
                    time.sleep(0.02)
            env = {}
            for line in result.stdout.splitlines():
                name, _, value = line[len("export "):].partition("=")
                env[name] = shlex.split(value)[0]
            with urllib.request.urlopen(env["SANDBOX_CONTROL_URL"] + "/health") as reply:
                moto_url = json.loads(reply.read())["moto"]
            creds = dict(region_name="eu-west-1", aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
            through_proxy = per_call_ms(boto3.client("sts", endpoint_url=env["AWS_ENDPOINT_URL"], **creds))
            direct = per_call_ms(boto3.client("sts", endpoint_url=moto_url, **creds))
            eks = boto3.client("eks", endpoint_url=env["AWS_ENDPOINT_URL"], **creds)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=32) as pool:
                list(pool.map(lambda _: eks.list_clusters(), range(320)))
            concurrent = 320 / (time.perf_counter() - started)
            pids = {p.stem: int(p.read_text()) for p in Path(directory, "pids").glob("*.pid")}
            rss = {name: peak_rss_mib(pid) for name, pid in sorted(pids.items())}
        finally:
            sandbox("down", directory)
    print(f"sandbox up (parts: {', '.join(rss)}): median {statistics.median(walls):.2f} s wall "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), {statistics.median(inner):.2f} s inside `up`, 5 runs")
    if seeds:
        print(f"  registry warm-up after `up` (ECR loaded in moto, seed repository, seed image built once per "
              f"sandbox directory then cached, pushed): median {statistics.median(s[0] for s in seeds):.2f} s, "
              f"ready {statistics.median(s[1] for s in seeds):.2f} s after `up` returned")
    print(f"sandbox up without the registry (--no-registry): median {statistics.median(bare):.2f} s inside `up`, "
          "3 runs (target <= 5 s)")
    print("peak RSS: " + ", ".join(f"{name} {mib:.0f} MiB" for name, mib in rss.items()))
    print(f"STS GetCallerIdentity median: {through_proxy:.2f} ms through the proxy (SigV4 checked), "
          f"{direct:.2f} ms moto direct, 200 calls each")
    print(f"EKS ListClusters, 32 in flight: {concurrent:.0f} requests/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
