#!/usr/bin/env bash
# Apply of the example stack's AWS half against a private sandbox with its latency profile
# on (realistic figures sped up by SANDBOX_LATENCY_FACTOR, default 10: a one-minute
# cluster): prints apply's wall time next to the critical path of the graph (issue 5:
# within 1.15x). The critical path is the longer of the longest dependency chain and the
# serialised constraint groups (Fargate profiles one at a time), from the steps' durations.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
factor=${SANDBOX_LATENCY_FACTOR:-10}
export SANDBOX_DIR="$PWD/.sandbox-stack-bench"
swift build --build-tests >/dev/null
"$python" -m sandbox up --no-k8s --latency realistic --latency-factor "$factor" >/dev/null
trap '"$python" -m sandbox down >/dev/null' EXIT
set -a
. "$SANDBOX_DIR/env"
set +a
swift test --skip-build --filter 'IntegrationTests\.StackApplyTests/lifecycle' 2>&1 \
  | sed -n 's/^apply \(.*\), critical path \(.*\)$/apply wall time: \1   critical path: \2   (sandbox latency: realistic, factor '"$factor"')/p'
