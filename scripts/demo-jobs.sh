#!/usr/bin/env bash
# make demo, second half: the example stack's jobs run on the sandbox that demo-stack.sh left
# applied — `job submit pi --wait` (start-up timeline, then the Pi estimate from the driver
# log), the weather job, and `job list`. Everything they need (the operator release, the
# `spark` service account and its RBAC, the images in ECR) was made by that one apply.
# Usage: scripts/demo-jobs.sh <eks-spark binary> <python of the venv>
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
cd "$(dirname "$0")/.."
# The stack file demo-stack.sh applied (the example, pointed at the sandbox's chart repository).
STACK=examples/.demo-stack.yaml
# shellcheck disable=SC1091
set -a; source .sandbox/env; set +a

now() { echo "$EPOCHREALTIME"; }
declare -a TIMINGS=()
step() {
  local title=$1; shift
  printf '\n\033[1m== %s\033[0m\n$ %s\n' "$title" "$*"
  local start; start=$(now)
  local status=0
  "$@" || status=$?
  TIMINGS+=("$(printf '%-44s %6.2f s  (exit %d)' "$title" "$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')" "$status")")
  return $status
}


RUN_FILE=$(mktemp)
step "job submit pi --wait (real Spark)" bash -c "'$BIN' job submit pi -f '$STACK' --wait --timeout 10m | tee '$RUN_FILE'"
RUN=$(tail -1 "$RUN_FILE")
printf '\n\033[1m== the Pi estimate, from the driver log\033[0m\n$ %s job logs %s -f %s | grep "Pi is roughly"\n' "$BIN" "$RUN" "$STACK"
"$BIN" job logs "$RUN" -f "$STACK" 2>/dev/null | grep "Pi is roughly"
step "job submit weather --wait" "$BIN" job submit weather -f "$STACK" --wait --timeout 10m
step "job list" "$BIN" job list -f "$STACK"
rm -f "$RUN_FILE"
status=0
step "plan after the runs: no changes (--detailed-exitcode)" "$BIN" plan -f "$STACK" --detailed-exitcode || status=$?

printf '\n\033[1m== job timings\033[0m\n'
printf '%s\n' "${TIMINGS[@]}"
if [ "$status" -ne 0 ]; then
  echo "the plan after the runs was not empty (exit $status): running jobs must not change the stack" >&2
  exit 1
fi
