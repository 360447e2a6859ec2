"""Cluster DNS for local processes: a hosts file the JVM reads (`-Djdk.net.hosts.file`).

Service names (`<svc>.<ns>.svc[.cluster.local]`, `<svc>.<ns>`) resolve to the IP of a pod the
Service selects (there is no kube-proxy: Service and target ports must agree, as Spark's
headless driver Service's do); pod names `<a-b-c-d>.<ns>.pod.cluster.local` to their IP;
`kubernetes.default.svc` to 127.0.0.1, where the API server listens.
"""

import os
import socket

API_NAMES = ("kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local")


def hosts_lines(cluster):
    store = cluster.store
    pods, _ = store.list(cluster.rt("", "pods"))
    services, _ = store.list(cluster.rt("", "services"))
    lines = ["127.0.0.1 localhost " + socket.gethostname() + " " + " ".join(API_NAMES)]
    by_ns = {}
    for p in pods:
        ip = (p.get("status") or {}).get("podIP")
        if ip and ip.startswith("127.") and not p["metadata"].get("deletionTimestamp"):
            ns = p["metadata"]["namespace"]
            by_ns.setdefault(ns, []).append(p)
            lines.append(f"{ip} {ip.replace('.', '-')}.{ns}.pod.cluster.local {ip.replace('.', '-')}.{ns}.pod")
    for svc in services:
        md = svc["metadata"]
        sel = (svc.get("spec") or {}).get("selector") or {}
        if not sel or md["name"] == "kubernetes":
            continue
        match = [p for p in by_ns.get(md["namespace"], [])
                 if all((p["metadata"].get("labels") or {}).get(k) == v for k, v in sel.items())]
        if match:
            ip = match[0]["status"]["podIP"]
            n, ns = md["name"], md["namespace"]
            lines.append(f"{ip} {n}.{ns}.svc.cluster.local {n}.{ns}.svc {n}.{ns}")
    return lines


def write_hosts(cluster, path):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(hosts_lines(cluster)) + "\n")
    os.replace(tmp, path)
