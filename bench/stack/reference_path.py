#!/usr/bin/env python3
"""The reference critical path of `apply` from nothing, from the durations the environment
imposes — the sandbox's current latency profile (GET $SANDBOX_CONTROL_URL/latency) — not
from what a run took, so a tool that waits longer than it must shows it.

The path of the stack graph: the cluster role is created (one call), EKS can assume it only
after IAM propagates, the cluster creates, then its Fargate profiles create one at a time
(EKS allows one per cluster in flight). Everything else (network, NAT gateway, buckets,
repositories) runs beside the cluster and is shorter. Calls themselves (a few ms in the
sandbox) are left out. Prints the seconds.

    bench/stack/reference_path.py examples/stack.yaml
"""

import json
import os
import sys
import urllib.request

import yaml


def reference(delays, profiles):
    return delays["iam_propagation"] + delays["eks_cluster_create"] + profiles * delays["eks_fargate_profile_create"]


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        stack = yaml.safe_load(handle)
    profiles = len(stack.get("cluster", {}).get("fargateProfiles", []))
    with urllib.request.urlopen(os.environ["SANDBOX_CONTROL_URL"] + "/latency") as response:
        delays = json.load(response)["delays"]
    print(f"{reference(delays, profiles):.3f}")


if __name__ == "__main__":
    main()
