#!/usr/bin/env python3
"""Side-by-side command benchmarks: median wall time and peak memory of whole processes.

Runs each command N times (after warm-up runs), interleaving the commands of one
comparison so both see the same machine load, and reports median / p90 wall time and the
peak resident set size (from wait4's rusage, i.e. the child's own high-water mark).

    bench/harness.py --runs 30 --name "eks-spark --help" -- .build/release/eks-spark --help
    bench/harness.py --runs 20 --compare "aws eks get-token" "aws eks get-token --cluster-name x" \
        --name "eks-spark get-token" -- .build/release/eks-spark get-token --cluster-name x

Targets are checked by the caller with --max-ms / --max-rss-mib / --min-speedup, which print
PASS or MISS; a miss does not fail the run (machines here are shared and noisy), it is
reported so people see it.
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv, env):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, rusage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed * 1000.0, rusage.ru_maxrss / 1024.0, proc.returncode


def measure(commands, runs, warmup, env):
    """commands: list of (name, argv). Returns name -> stats, runs interleaved."""
    samples = {name: [] for name, _ in commands}
    rss = {name: 0.0 for name, _ in commands}
    codes = {name: set() for name, _ in commands}
    for _ in range(warmup):
        for name, argv in commands:
            run_once(argv, env)
    for _ in range(runs):
        for name, argv in commands:
            ms, mib, code = run_once(argv, env)
            samples[name].append(ms)
            rss[name] = max(rss[name], mib)
            codes[name].add(code)
    result = {}
    for name, _ in commands:
        values = sorted(samples[name])
        result[name] = {
            "median_ms": statistics.median(values),
            "p90_ms": values[max(0, int(len(values) * 0.9) - 1)],
            "min_ms": values[0],
            "peak_rss_mib": rss[name],
            "exit_codes": sorted(codes[name]),
            "runs": len(values),
        }
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--compare", nargs=2, action="append", default=[], metavar=("NAME", "COMMAND"),
                        help="a peer command (shell words) measured interleaved with the main one")
    parser.add_argument("--max-ms", type=float, help="target: median wall time at most this")
    parser.add_argument("--max-rss-mib", type=float, help="target: peak RSS at most this")
    parser.add_argument("--min-speedup", type=float, help="target: peer median / ours at least this")
    parser.add_argument("--json", help="append the results as one JSON line to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to measure is required after --")
    commands = [(args.name, command)] + [(n, shlex.split(c)) for n, c in args.compare]
    results = measure(commands, args.runs, args.warmup, os.environ.copy())

    ours = results[args.name]
    for name, stats in results.items():
        print(f"{name:<40} median {stats['median_ms']:8.2f} ms   p90 {stats['p90_ms']:8.2f} ms   "
              f"peak RSS {stats['peak_rss_mib']:7.1f} MiB   exit {stats['exit_codes']}")
    verdicts = []
    if args.max_ms is not None:
        verdicts.append((f"median <= {args.max_ms:g} ms", ours["median_ms"] <= args.max_ms))
    if args.max_rss_mib is not None:
        verdicts.append((f"peak RSS <= {args.max_rss_mib:g} MiB", ours["peak_rss_mib"] <= args.max_rss_mib))
    if args.min_speedup is not None:
        for name, stats in results.items():
            if name == args.name:
                continue
            speedup = stats["median_ms"] / ours["median_ms"]
            verdicts.append((f"{speedup:.1f}x faster than {name} (target {args.min_speedup:g}x)",
                             speedup >= args.min_speedup))
    for text, ok in verdicts:
        print(f"  {'PASS' if ok else 'MISS'}  {args.name}: {text}")
    if args.json:
        with open(args.json, "a") as out:
            out.write(json.dumps({"name": args.name, "results": results,
                                  "verdicts": [{"target": t, "ok": ok} for t, ok in verdicts]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
