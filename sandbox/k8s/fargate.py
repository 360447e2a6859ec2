"""Fargate rules: which profile selects a pod, and the capacity Fargate provisions for it."""

import fnmatch
import math
import re

COMPUTE_TYPE = "eks.amazonaws.com/compute-type"
PROFILE_LABEL = "eks.amazonaws.com/fargate-profile"
SCHEDULER = "fargate-scheduler"
K8S_OVERHEAD_MIB = 256


def _gib_range(lo, hi, step=1):
    out = []
    v = lo
    while v <= hi + 1e-9:
        out.append(v)
        v += step
    return out


# (vCPU, [memory GiB]) as Fargate offers them, smallest first.
COMBOS = [
    (0.25, [0.5, 1, 2]),
    (0.5, [1, 2, 3, 4]),
    (1, _gib_range(2, 8)),
    (2, _gib_range(4, 16)),
    (4, _gib_range(8, 30)),
    (8, _gib_range(16, 60, 4)),
    (16, _gib_range(32, 120, 8)),
]


def parse_cpu(q):
    """A Kubernetes CPU quantity in cores."""
    if q is None:
        return 0.0
    s = str(q).strip()
    if s.endswith("m"):
        return float(s[:-1]) / 1000
    if s.endswith("n"):
        return float(s[:-1]) / 1e9
    if s.endswith("u"):
        return float(s[:-1]) / 1e6
    return float(s)


_MEM = {"Ki": 1024, "Mi": 1024 ** 2, "Gi": 1024 ** 3, "Ti": 1024 ** 4, "Pi": 1024 ** 5, "Ei": 1024 ** 6,
        "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "m": 1e-3}


def parse_memory(q):
    """A Kubernetes memory quantity in bytes."""
    if q is None:
        return 0.0
    s = str(q).strip()
    m = re.fullmatch(r"([0-9.]+(?:[eE][-+]?[0-9]+)?)([A-Za-z]*)", s)
    if not m:
        raise ValueError(f"quantities must match the regular expression: {s}")
    num, suf = float(m.group(1)), m.group(2)
    if suf and suf not in _MEM:
        raise ValueError(f"unable to parse quantity's suffix: {s}")
    return num * (_MEM[suf] if suf else 1)


def _container_request(c):
    res = c.get("resources") or {}
    req = dict(res.get("limits") or {})
    req.update(res.get("requests") or {})  # requests default to limits
    return parse_cpu(req.get("cpu")), parse_memory(req.get("memory"))


def pod_request(spec):
    """vCPU and bytes Fargate sizes for: max(largest init container, sum of containers)."""
    cpu = mem = 0.0
    for c in spec.get("containers") or []:
        a, b = _container_request(c)
        cpu += a
        mem += b
    icpu = imem = 0.0
    for c in spec.get("initContainers") or []:
        a, b = _container_request(c)
        icpu, imem = max(icpu, a), max(imem, b)
    return max(cpu, icpu), max(mem, imem)


def capacity(spec):
    """(vCPU, GiB) provisioned for a pod spec, or None if no Fargate size fits."""
    cpu, mem = pod_request(spec)
    mem_gib = (mem + K8S_OVERHEAD_MIB * 1024 ** 2) / 1024 ** 3
    for vcpu, mems in COMBOS:
        if vcpu + 1e-9 < cpu:
            continue
        for g in mems:
            if g + 1e-9 >= mem_gib:
                return vcpu, g
    return None


def _fmt(n):
    return ("%g" % n)


def capacity_annotation(spec):
    c = capacity(spec)
    if c is None:
        return None
    return f"{_fmt(c[0])}vCPU {_fmt(c[1])}GB"


def selects(profile, namespace, labels):
    """Whether a Fargate profile selects a pod (namespace and label wildcards `*` and `?`)."""
    labels = labels or {}
    for sel in profile.get("selectors") or []:
        ns = sel.get("namespace") or ""
        if not fnmatch.fnmatchcase(namespace, ns):
            continue
        ok = True
        for k, v in (sel.get("labels") or {}).items():
            if not any(fnmatch.fnmatchcase(lk, k) and fnmatch.fnmatchcase(lv, v) for lk, lv in labels.items()):
                ok = False
                break
        if ok:
            return True
    return False


def matching_profile(profiles, namespace, labels):
    for p in sorted(profiles, key=lambda p: p.get("fargateProfileName", "")):
        if selects(p, namespace, labels):
            return p
    return None


def admit_pod(cluster, pod):
    """EKS's Fargate admission webhook: a pod a profile selects goes to the Fargate scheduler."""
    md = pod["metadata"]
    if (md.get("annotations") or {}).get(COMPUTE_TYPE) == "ec2":
        return
    if (pod.get("spec") or {}).get("nodeName"):
        return
    profile = matching_profile(cluster.aws.fargate_profiles(), md.get("namespace", ""), md.get("labels"))
    if profile is None:
        return
    pod["spec"]["schedulerName"] = SCHEDULER
    md.setdefault("labels", {})[PROFILE_LABEL] = profile["fargateProfileName"]
