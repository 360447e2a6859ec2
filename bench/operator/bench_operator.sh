#!/usr/bin/env bash
# make bench-operator: `eks-spark operator install` of a release that needs no change vs
# real Helm's upgrade of the same release through helm-python-sdk, side by side in one
# harness run against one sandbox (target: >= 5x faster).
# Usage: bench/operator/bench_operator.sh <eks-spark binary> <python of the venv>
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
RUNS=${BENCH_OPERATOR_RUNS:-10}
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$(mktemp -d)

"$PY" -m sandbox up --latency fast >/dev/null
trap 'PYTHONPATH=$ROOT "$PY" -m sandbox down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
set -a; source .sandbox/env; set +a

# The sandbox's emulated cluster is the one EKS tokens are signed for: the stack names it.
cat > "$WORK/stack.yaml" <<YAML
apiVersion: eks-spark.io/v1alpha1
kind: Stack
metadata:
  prefix: opbench
  region: eu-west-1
access:
  allowedCidrs: [203.0.113.0/24]
cluster:
  name: ${SANDBOX_CLUSTER_NAME}
  fargateProfiles:
    - name: default
      selectors: [{namespace: default}, {namespace: kube-system}]
    - name: spark-operator
      selectors: [{namespace: spark-operator}]
operator:
  repository: ${SANDBOX_CHART_REPO}
  version: 1.1.6
  values:
    sparkJobNamespace: default
    webhook: {enable: false}
    rbac: {createRole: false}
    serviceAccounts: {spark: {create: false}}
YAML
VALUES='{"sparkJobNamespace": "default", "webhook": {"enable": false}, "rbac": {"createRole": false}, "serviceAccounts": {"spark": {"create": false}}}'

echo "== install the release with eks-spark (and what it needs)"
"$BIN" operator install -f "$WORK/stack.yaml" --auto-approve >/dev/null
"$BIN" plan -f "$WORK/stack.yaml" --target k8s.helm.release.spark-operator --detailed-exitcode >/dev/null && echo "eks-spark: second plan of the release empty"

echo "== operator install with no changes vs helm upgrade of the same release ($RUNS runs each, interleaved)"
python3 bench/harness.py --runs "$RUNS" --warmup 1 --name "eks-spark operator install (no changes)" \
  --compare "helm upgrade (helm-python-sdk)" \
  "$PY bench/operator/helm_upgrade.py $KUBECONFIG spark-operator spark-operator $SANDBOX_CHART_REPO 1.1.6 '$VALUES'" \
  --min-speedup 5 -- "$BIN" operator install -f "$WORK/stack.yaml" --auto-approve
