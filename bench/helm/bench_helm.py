#!/usr/bin/env python3
"""Benchmark: render spark-operator 2.4.0 with default values.

Side by side in one run: eks-spark in-process (archive load, render), helm-python-sdk's
render of the same loaded chart (the real Helm engine, in-process), and
`eks-spark helm template` as a whole process (hyperfine-style repeated runs). Reports
median wall time and peak RSS.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHART = os.path.realpath(os.path.join(ROOT, "..", "shared", "charts", "spark-operator", "spark-operator-2.4.0.tgz"))


def eks_spark_in_process(binary, iterations):
    proc = subprocess.run([binary, "helm", "template", CHART, "--benchmark-iterations", str(iterations)],
                          capture_output=True, text=True, check=True)
    fields = dict(item.split("=") for item in proc.stderr.split())
    return float(fields["load_ms"]), float(fields["render_ms"])


def helm_in_process(iterations):
    from helm_python import Chart
    load_times, render_times = [], []
    chart = Chart.load(CHART)
    for _ in range(iterations):
        start = time.perf_counter()
        loaded = Chart.load(CHART)
        load_times.append((time.perf_counter() - start) * 1000)
        loaded.close()
        start = time.perf_counter()
        chart.render({}, name="release-name", namespace="default")
        render_times.append((time.perf_counter() - start) * 1000)
    return statistics.median(load_times), statistics.median(render_times)


def whole_process(binary, runs):
    times = []
    peak_kb = 0
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary, "helm", "template", CHART], stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
        peak_kb = max(peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return statistics.median(times), peak_kb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "eks-spark"))
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    load_ms, render_ms = eks_spark_in_process(args.binary, args.iterations)
    helm_load_ms, helm_render_ms = helm_in_process(args.iterations)
    process_ms, peak_kb = whole_process(args.binary, args.runs)
    print("spark-operator 2.4.0, default values (medians)")
    print(f"  {'':32} {'eks-spark':>10} {'helm (sdk)':>11} {'target':>8}")
    print(f"  {'load chart archive (ms)':32} {load_ms:10.2f} {helm_load_ms:11.2f} {'< 10':>8}")
    print(f"  {'render in-process (ms)':32} {render_ms:10.2f} {helm_render_ms:11.2f} {'<= 6':>8}")
    print(f"  {'helm template, whole process (ms)':32} {process_ms:10.2f} {'':>11} {'< 60':>8}")
    print(f"  peak RSS of eks-spark helm template: {peak_kb / 1024:.1f} MiB")
    ok = load_ms < 10 and render_ms <= 6 and process_ms < 60
    print("bench-helm: " + ("all targets met" if ok else "a target was missed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
