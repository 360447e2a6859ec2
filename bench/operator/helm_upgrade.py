#!/usr/bin/env python3
"""Real Helm (helm-python-sdk) upgrades a release in place: the peer of
`eks-spark operator install` with no changes. Usage:
    helm_upgrade.py <kubeconfig> <namespace> <release> <chart repo URL> <version> <values JSON>
"""
import json
import sys

from helm_python import Config

kubeconfig, namespace, release, repo, version, values = sys.argv[1:7]
with Config(kubeconfig_path=kubeconfig, namespace=namespace) as config:
    result = config.upgrade("spark-operator", release, json.loads(values), chart_repo_url=repo,
                            chart_version=version, namespace=namespace, plain_http=True, timeout=120)
    if result["status"] != "deployed":
        sys.exit(f"helm upgrade ended {result['status']}")
