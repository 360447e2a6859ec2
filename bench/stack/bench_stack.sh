#!/usr/bin/env bash
# make bench-stack: against a fresh sandbox after apply,
#  1. `eks-spark plan` vs `terraform plan` on the same AWS resources
#     (../shared/bench/terraform), side by side in one harness run: median wall time and
#     peak RSS (targets: >= 20x faster, < 60 MiB), with no injected delay and with every
#     AWS call delayed by 200 ms (a sandbox `delay` fault): the second shows the round-trip
#     depth (wall / 0.2 s);
#  2. apply from nothing with the `realistic` latency profile divided by 30 and by 5: wall
#     time vs a reference critical path computed from the durations the sandbox imposes
#     (bench/stack/reference_path.py), not from the run's own step times (target <= 1.15).
# Usage: bench/stack/bench_stack.sh <eks-spark binary> <python>
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
RUNS=${BENCH_STACK_RUNS:-5}
FACTOR=${BENCH_STACK_LATENCY_FACTOR:-30}
cd "$(dirname "$0")/../.."
ROOT=$PWD
# The AWS half: the example without its operator release (this sandbox runs without the
# Kubernetes emulator; `make bench-operator` measures the release). Written beside the
# example so its relative paths (uploads, image contexts) still resolve.
STACK=examples/.bench-stack-aws.yaml
awk '/^operator:/ { skip = 1; next } /^[a-zA-Z]/ { skip = 0 } !skip' examples/stack.yaml > "$STACK"
TF_SRC=$ROOT/../shared/bench/terraform
[ -d "$TF_SRC" ] || TF_SRC=/work/shared/bench/terraform

"$PY" -m sandbox up --no-k8s --latency fast >/dev/null
trap 'PYTHONPATH=$ROOT "$PY" -m sandbox down >/dev/null 2>&1 || true; rm -rf "${TF_WORK:-/nonexistent}" "$ROOT/$STACK"' EXIT
set -a; source .sandbox/env; set +a
# Long creates polled at the sandbox's pace (the AWS waiters' 10-30 s cadence otherwise).
export EKS_SPARK_POLL_FLOOR=${EKS_SPARK_POLL_FLOOR:-0.1}

# Every AWS call answered `$1` seconds late (0: no fault).
set_delay() {
  if [ "$1" = 0 ]; then
    curl -fsS -X DELETE "$SANDBOX_CONTROL_URL/faults" >/dev/null
  else
    curl -fsS -X PUT "$SANDBOX_CONTROL_URL/faults" \
      -d "{\"rules\": [{\"kind\": \"delay\", \"seconds\": $1}]}" >/dev/null
  fi
}

echo "== apply the example stack with eks-spark"
"$BIN" apply -f "$STACK" --auto-approve >/dev/null
"$BIN" plan -f "$STACK" --detailed-exitcode >/dev/null && echo "eks-spark: second plan empty"

if command -v terraform >/dev/null && [ -d "$TF_SRC" ]; then
  echo "== apply the Terraform peer (prefix tfbench) against the same sandbox"
  TF_WORK=$(mktemp -d)
  cp -r "$TF_SRC/." "$TF_WORK"
  (cd "$TF_WORK" && ./write-terraformrc.sh >/dev/null)
  export TF_CLI_CONFIG_FILE=$TF_WORK/terraformrc TF_IN_AUTOMATION=1
  TF_VARS=(-var "endpoint=$AWS_ENDPOINT_URL" -var prefix=tfbench)
  terraform -chdir="$TF_WORK" init -input=false >/dev/null
  terraform -chdir="$TF_WORK" apply -auto-approve -input=false "${TF_VARS[@]}" >/dev/null
  tf_status=0
  terraform -chdir="$TF_WORK" plan -input=false -detailed-exitcode "${TF_VARS[@]}" >/dev/null || tf_status=$?
  echo "terraform: second plan exit $tf_status (0 = no changes)"
  for delay in 0 0.2; do
    set_delay "$delay"
    echo "== plan, side by side ($RUNS runs each, interleaved), every AWS call delayed ${delay} s"
    python3 bench/harness.py --runs "$RUNS" --warmup 1 --name "eks-spark plan" \
      --compare "terraform plan" "terraform -chdir=$TF_WORK plan -input=false -lock=false -var endpoint=$AWS_ENDPOINT_URL -var prefix=tfbench" \
      --min-speedup 20 --max-rss-mib 60 -- "$BIN" plan -f "$STACK"
  done
else
  echo "terraform or $TF_SRC missing: eks-spark plan alone"
  for delay in 0 0.2; do
    set_delay "$delay"
    echo "== plan, every AWS call delayed ${delay} s"
    python3 bench/harness.py --runs "$RUNS" --name "eks-spark plan" --max-rss-mib 60 -- "$BIN" plan -f "$STACK"
  done
fi
set_delay 0

for factor in $FACTOR 5; do
  echo "== apply from nothing, realistic latency / $factor: wall time vs the reference critical path"
  "$BIN" destroy -f "$STACK" --auto-approve --delete-data >/dev/null
  curl -fsS -X PUT "$SANDBOX_CONTROL_URL/latency" -d "{\"profile\": \"realistic\", \"factor\": $factor}" >/dev/null
  reference=$("$PY" bench/stack/reference_path.py "$STACK")
  start=$(date +%s.%N)
  "$BIN" apply -f "$STACK" --auto-approve >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v r="$reference" -v f="$factor" 'BEGIN {
    w = e - s; ratio = w / r
    printf "  %s  factor %s: apply %.1f s / reference %.1f s = %.2f (target <= 1.15)\n",
      (ratio <= 1.15 ? "PASS" : "MISS"), f, w, r, ratio }'
  curl -fsS -X PUT "$SANDBOX_CONTROL_URL/latency" -d '{"profile": "fast"}' >/dev/null
done
