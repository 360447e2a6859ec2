#!/usr/bin/env bash
# Benchmarks `eks-spark validate` and `--help` on the release binary: median wall time
# (hyperfine, warm cache) and peak RSS (GNU time). Targets (issue 2): validate of
# examples/stack.yaml under 20 ms, --help under 10 ms. `--help` is the start-up baseline,
# so the difference between the two is the cost of reading, parsing and validating.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${EKS_SPARK_BIN:-.build/release/eks-spark}
RUNS=${RUNS:-100}
[ -x "$BIN" ] || { echo "bench: $BIN not built (run make build)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine missing (make deps installs it)" >&2; exit 1; }

json=$(mktemp)
trap 'rm -f "$json"' EXIT
hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$json" \
  -n "validate" "$BIN validate -f examples/stack.yaml" \
  -n "validate -o json" "$BIN validate -f examples/stack.yaml -o json" \
  -n "help" "$BIN --help" >/dev/null

peak_rss() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1
  else
    echo "?"
  fi
}

python3 - "$json" "$(peak_rss "$BIN" validate -f examples/stack.yaml)" \
  "$(peak_rss "$BIN" validate -f examples/stack.yaml -o json)" "$(peak_rss "$BIN" --help)" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = sys.argv[2:]
targets = {"validate": 20.0, "help": 10.0}
print(f"{'command':<20} {'median ms':>10} {'min ms':>8} {'peak RSS KiB':>13}  target")
failed = False
for result, peak in zip(results, rss):
    median = result["median"] * 1000
    target = targets.get(result["command"])
    verdict = ""
    if target is not None:
        ok = median < target
        failed |= not ok
        verdict = f"< {target:.0f} ms {'ok' if ok else 'MISSED'}"
    print(f"{result['command']:<20} {median:>10.1f} {result['min'] * 1000:>8.1f} {peak:>13}  {verdict}")
sys.exit(1 if failed else 0)
PY
