#!/usr/bin/env python3
"""Differential test: eks-spark's Helm renderer against the real Helm engine.

For every chart package in the shared repository, generate N value sets from the chart's
own values.yaml (flip booleans, change strings, numbers, lists and maps, null out keys,
add overrides; seeded), render each with real Helm (helm-python-sdk, the Helm v4 Go
library) and with `eks-spark helm template -o json`, and require the same outcome: the
same templates with YAML-equal documents, or a failure on both sides.

Exit status 0 only when every case agrees. Prints `N passed, M failed` at the end.
"""
import argparse
import concurrent.futures
import copy
import json
import os
import random
import subprocess
import sys
import tempfile

import yaml
import zlib
import helm_python
from helm_python import Chart

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHARTS = os.path.join(ROOT, "..", "shared", "charts", "spark-operator")
# A local umbrella chart: conditions, tags, an alias, import-values, globals, a library.
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "charts")

WORDS = ["", "x", "spark", "123", "true", "null", "a b", "0.5", "-", "v1.2.3", "a:b", "ünï", "line1\nline2"]


def leaves(node, path=()):
    """Every (path, value) in a values tree, maps and lists included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, path + (index,))


def set_path(tree, path, value):
    node = tree
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def mutate(rng, values, defaults):
    """One random change, in the spirit of what users put in their values files."""
    candidates = [(p, v) for p, v in leaves(values) if p]
    path, current = rng.choice(candidates)
    choice = rng.random()
    if isinstance(current, bool):
        new = not current if choice < 0.85 else rng.choice(WORDS)
    elif isinstance(current, (int, float)):
        new = rng.choice([0, 1, 2, 3, 10, -1, 1.5, 65535, "5"]) if choice < 0.9 else rng.choice(WORDS)
    elif isinstance(current, str):
        new = rng.choice(WORDS + [current + "-x", current.upper()]) if choice < 0.9 else rng.choice([1, True])
    elif isinstance(current, list):
        if choice < 0.3:
            new = []
        elif choice < 0.7:
            new = current + [copy.deepcopy(rng.choice(current)) if current else rng.choice(["a", "b"])]
        else:
            new = [rng.choice(["a", "b", "c"]) for _ in range(rng.randint(1, 3))]
    elif isinstance(current, dict):
        if choice < 0.25:
            new = {}
        elif choice < 0.8:
            new = dict(current)
            new[rng.choice(["extra", "key1", "app.kubernetes.io/x", "zz"])] = rng.choice(["v", "1", 2, True])
        else:
            new = {"nested": {"k": "v"}}
    else:  # null
        new = rng.choice([{"k": "v"}, ["a"], "s", 1, True])
    if rng.random() < 0.05:
        new = None  # user null: deletes the chart default
    set_path(values, path, new)
    # Overrides relative to the defaults are what a user would write.
    return values


def value_sets(defaults, count, seed):
    rng = random.Random(seed)
    sets = [{}]
    while len(sets) < count:
        values = copy.deepcopy(defaults)
        for _ in range(rng.randint(1, 4)):
            values = mutate(rng, values, defaults)
        if rng.random() < 0.1:
            values["extraOverride"] = {"a": [1, 2], "b": "c"}
        sets.append(diff(defaults, values))
    return sets


def diff(defaults, values):
    """Only the keys that changed, as a user's values file would hold them."""
    if isinstance(defaults, dict) and isinstance(values, dict):
        out = {}
        for key, value in values.items():
            if key not in defaults:
                out[key] = value
            elif defaults[key] != value or type(defaults[key]) != type(value):
                sub = diff(defaults[key], value)
                out[key] = sub
        for key in defaults:
            if key not in values:
                out[key] = None
        return out
    return values


def documents(text):
    return [d for d in yaml.safe_load_all(text) if d is not None]


def compare(helm, ours):
    """(same, identical_docs, total_docs, detail)"""
    if set(helm) != set(ours):
        return False, 0, 0, f"template sets differ: {sorted(set(helm) ^ set(ours))}"
    identical = total = 0
    for path in sorted(helm):
        try:
            a, b = documents(helm[path]), documents(ours[path])
        except yaml.YAMLError as error:
            a = b = None
            if helm[path] != ours[path]:
                return False, identical, total, f"{path}: unparsable and different ({error})"
        if a != b:
            return False, identical, total, f"{path} differs"
        total += 1
        identical += helm[path] == ours[path]
    return True, identical, total, ""


def run_case(binary, chart_path, chart_name, values, release, workdir, index):
    values_file = os.path.join(workdir, f"values-{index}.json")
    with open(values_file, "w") as handle:
        json.dump(values, handle)
    command = [binary, "helm", "template", chart_path, "-f", values_file, "-o", "json",
               "--name", release["name"], "--namespace", release["namespace"]]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return None, proc.stderr
    data = json.loads(proc.stdout)
    rendered = dict(data["templates"])
    if data.get("notes") is not None:
        rendered[chart_name + "/templates/NOTES.txt"] = data["notes"]
    return rendered, ""


SET_CASES = [
    "a=b", "a=1,b=true,c=null,d=0,e=01,f=1.5,g=-3", "a.b.c=x", "a[0].c=x,a[1]=y", "a={x,y,z}",
    r"a=x\,y,b\.c=d", "a=", "a[2]=z", "a[0][1]=q", "name=value with spaces", "a", "a.b", "a,b=c",
    "a[x]=1", "a[-1]=1", "a={x", "a=b,a.c=d", "a.b=1,a=2", "x[0]=1,x[0].y=2", "a=TRUE,b=False,c=NULL",
    "list={}", "list={a}", "k=v=w", "k==v", "a.b.c.d.e=f", "a[1].b[2].c=3", "a=9223372036854775807",
    "a=9223372036854775808", "a=0x10", "a=1e3", r"a\=b=c", "a= b", " a=b", "a=b,", ",a=b", "a..b=c",
    "a[0]=1,a[0]=2", "a={1,2},b[0]=x", "a.b[0]=1,a.b[1]=2,a.c=3",
]


def set_cases(count, seed):
    """Hand-written --set edge cases plus generated assignments."""
    rng = random.Random(seed)
    cases = list(SET_CASES)
    keys = ["a", "b", "image", "x.y", "a.b.c", "l[0]", "l[1].n", "m.k[0]", "esc\\.d", "n[0][1]"]
    values = ["1", "0", "007", "true", "null", "x", "{p,q}", "{}", "a b", "-5", "1.5", "v\\,w", ""]
    while len(cases) < count:
        parts = [f"{rng.choice(keys)}={rng.choice(values)}" for _ in range(rng.randint(1, 3))]
        cases.append(",".join(parts))
    return cases


def set_differential(binary, count, seed, workdir, verbose):
    """`--set` parsing (Helm's strvals) compared through a chart printing .Values as JSON."""
    chart = os.path.join(workdir, "setchart")
    os.makedirs(os.path.join(chart, "templates"), exist_ok=True)
    with open(os.path.join(chart, "Chart.yaml"), "w") as handle:
        handle.write("apiVersion: v2\nname: setchart\nversion: 0.1.0\n")
    with open(os.path.join(chart, "templates", "values.yaml"), "w") as handle:
        handle.write("values: {{ toJson .Values }}\n")
    passed = failed = 0
    for expression in set_cases(count, seed):
        try:
            expected = helm_python.parse_set_string(expression)
        except Exception:
            expected = None
        proc = subprocess.run([binary, "helm", "template", chart, "--set", expression, "-o", "json"],
                              capture_output=True, text=True, timeout=60)
        actual = None
        if proc.returncode == 0:
            text = json.loads(proc.stdout)["templates"]["setchart/templates/values.yaml"]
            actual = json.loads(text[len("values: "):])
        if expected == actual:
            passed += 1
        else:
            failed += 1
            if verbose or failed <= 10:
                print(f"SET MISMATCH {expression!r}: helm={expected!r} eks-spark={actual!r} {proc.stderr.strip()!r}")
    print(f"--set parsing: {passed}/{passed + failed} agree")
    return passed, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "eks-spark"))
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    release = {"name": "spark-operator-release", "namespace": "spark-operator"}
    passed = failed = 0
    identical_docs = total_docs = 0
    failure_messages_equal = failure_cases = 0
    packages = [os.path.realpath(os.path.join(CHARTS, p)) for p in sorted(os.listdir(CHARTS)) if p.endswith(".tgz")]
    packages += [os.path.join(FIXTURES, name) for name in sorted(os.listdir(FIXTURES))]
    with tempfile.TemporaryDirectory() as workdir:
        set_passed, set_failed = set_differential(args.binary, args.count, args.seed, workdir, args.verbose)
        passed += set_passed
        failed += set_failed
        for chart_path in packages:
            package = os.path.basename(chart_path)
            chart = Chart.load(chart_path)
            chart_name = chart.name
            sets = value_sets(chart.values, args.count, args.seed + zlib.crc32(package.encode()))
            helm_results = []
            for values in sets:
                # Helm's render processes dependencies in place, so every case gets a fresh load.
                fresh = Chart.load(chart_path)
                try:
                    rendered = fresh.render(values, name=release["name"], namespace=release["namespace"],
                                            revision=1, is_install=True)
                    # helm template prints only the root chart's NOTES.txt; eks-spark reports that one.
                    rendered = {k: v for k, v in rendered.items()
                                if not k.endswith("/NOTES.txt") or k == chart_name + "/templates/NOTES.txt"}
                    helm_results.append((rendered, None))
                except Exception as error:  # HelmRenderError, HelmValuesError
                    helm_results.append((None, str(error)))
                fresh.close()
            with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
                ours = list(pool.map(lambda item: run_case(args.binary, chart_path, chart_name, item[1], release,
                                                           workdir, f"{package}-{item[0]}"), enumerate(sets)))
            version_passed = 0
            for index, ((helm, helm_error), (mine, my_error)) in enumerate(zip(helm_results, ours)):
                if helm is None or mine is None:
                    ok = helm is None and mine is None
                    if ok:
                        failure_cases += 1
                        mine_message = my_error.strip().splitlines()[0].removeprefix("error: ") if my_error else ""
                        same_message = helm_error.splitlines()[0] == mine_message
                        failure_messages_equal += same_message
                        if not same_message and args.verbose:
                            print(f"MESSAGE {package} case {index}:\n  helm: {helm_error!r}\n  eks-spark: {my_error!r}")
                    detail = f"helm: {helm_error!r}\n  eks-spark: {my_error.strip()!r}"
                else:
                    ok, same, total, detail = compare(helm, mine)
                    identical_docs += same
                    total_docs += total
                if ok:
                    passed += 1
                    version_passed += 1
                else:
                    failed += 1
                    if args.verbose or failed <= 10:
                        print(f"MISMATCH {package} case {index}: values={json.dumps(sets[index])}\n  {detail}")
            print(f"{package}: {version_passed}/{len(sets)} agree")
    print(f"templates byte-identical: {identical_docs}/{total_docs}; "
          f"failures with identical messages: {failure_messages_equal}/{failure_cases}")
    print(f"helm-diff: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
