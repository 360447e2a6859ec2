#!/usr/bin/env python3
"""Renders every case of Tests/HelmTests/Template/Oracle/cases.json with the real Helm engine
(helm-python-sdk) and writes expected.json next to it: the output or Helm's error for each.
The Swift test TemplateOracleTests compares eks-spark's engine with these results."""
import json
import os
import tempfile

from helm_python import Chart

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "Tests", "HelmTests", "Template", "Oracle")


def main():
    with open(os.path.join(DIR, "cases.json")) as handle:
        cases = json.load(handle)
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for case in cases:
            chart_dir = os.path.join(work, case["name"], "oracle")
            os.makedirs(os.path.join(chart_dir, "templates"))
            with open(os.path.join(chart_dir, "Chart.yaml"), "w") as handle:
                handle.write("apiVersion: v2\nname: oracle\nversion: 0.1.0\n")
            with open(os.path.join(chart_dir, "templates", "case.yaml"), "w") as handle:
                handle.write(case["template"])
            chart = Chart.load(chart_dir)
            try:
                rendered = chart.render(case["values"], name="oracle-release", namespace="default", revision=1,
                                        is_install=True)
                results[case["name"]] = {"ok": True, "output": rendered["oracle/templates/case.yaml"]}
            except Exception as error:  # HelmRenderError and friends
                results[case["name"]] = {"ok": False, "error": str(error)}
    with open(os.path.join(DIR, "expected.json"), "w") as handle:
        json.dump(results, handle, indent=1, ensure_ascii=False, sort_keys=True)
        handle.write("\n")
    print(f"wrote {len(results)} results")


if __name__ == "__main__":
    main()
