#!/usr/bin/env bash
# make demo: the example stack applied in the local sandbox, then the second plan empty.
# Usage: scripts/demo-stack.sh <eks-spark binary> <python of the venv>
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
STACK=examples/stack.yaml
cd "$(dirname "$0")/.."

now() { echo "$EPOCHREALTIME"; }
declare -a TIMINGS=()
step() {  # step "title" command...: runs, echoes, times
  local title=$1; shift
  printf '\n\033[1m== %s\033[0m\n$ %s\n' "$title" "$*"
  local start; start=$(now)
  local status=0
  "$@" || status=$?
  local seconds; seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
  TIMINGS+=("$(printf '%-44s %6.2f s  (exit %d)' "$title" "$seconds" "$status")")
  return $status
}

step "start the sandbox (moto, proxy, k8s emulator)" "$PY" -m sandbox up --latency fast >/dev/null
# shellcheck disable=SC1091
set -a; source .sandbox/env; set +a
curl -fsS -X POST "$SANDBOX_CONTROL_URL/reset" >/dev/null

# The operator chart from the sandbox's chart repository, written beside the example so its
# relative paths resolve. The webhook is off: the 1.1.6 chart's webhook-init Job runs the
# operator image, which the sandbox's kubelet keeps serving, so the release would never
# become ready here.
# It stays (git-ignored) for demo-jobs.sh and for looking around afterwards.
DEMO_STACK=examples/.demo-stack.yaml
# Chart 1.4.6 rather than the example's 1.1.6: the sandbox's operator submits with PyPI's
# Spark 3.5, whose client patches the driver's Service, and 1.1.6's operator role may not
# patch Services (its real image submits with its own Spark 3.1, which does not).
sed -e "s#repository: https://kubeflow.github.io/spark-operator#repository: $SANDBOX_CHART_REPO#" \
  -e 's#^  version: 1.1.6#  version: 1.4.6#' \
  -e 's#^      enable: true#      enable: false#' examples/stack.yaml > "$DEMO_STACK"
STACK=$DEMO_STACK

step "validate the stack file" "$BIN" validate -f "$STACK"
step "plan from nothing" "$BIN" plan -f "$STACK"
step "apply (auto-approved)" "$BIN" apply -f "$STACK" --auto-approve
status=0
step "plan again: no changes (--detailed-exitcode)" "$BIN" plan -f "$STACK" --detailed-exitcode || status=$?
step "status" "$BIN" status -f "$STACK"

printf '\n\033[1m== timings\033[0m\n'
printf '%s\n' "${TIMINGS[@]}"
if [ "$status" -ne 0 ]; then
  echo "the second plan was not empty (exit $status)" >&2
  exit 1
fi
cat <<NOTE

The sandbox is still running, with the stack applied. To look around and clean up:
  source .sandbox/env
  $BIN status -f $STACK
  $BIN destroy -f $STACK            # asks; add --auto-approve to skip the question
  make sandbox-down
NOTE
