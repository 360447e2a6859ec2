"""A pod's volumes and environment for a local process, as the kubelet provides them."""

import base64
import re
from pathlib import Path

SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"


def _write(d, name, data):
    p = Path(d) / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else str(data).encode())


def _token(cluster, pod, audience=None, seconds=3600):
    md = pod["metadata"]
    sa = (pod.get("spec") or {}).get("serviceAccountName") or "default"
    body = {"spec": {"expirationSeconds": seconds, **({"audiences": [audience]} if audience else {})}}
    return cluster.issue_sa_token(md["namespace"], sa, body)["status"]["token"]


def _fill(cluster, pod, vol, d):
    ns = pod["metadata"]["namespace"]
    if "configMap" in vol:
        cm = cluster.store.get(cluster.rt("", "configmaps"), ns, vol["configMap"].get("name"), copy_=False) or {}
        items = vol["configMap"].get("items")
        data = dict(cm.get("data") or {})
        data.update({k: base64.b64decode(v) for k, v in (cm.get("binaryData") or {}).items()})
        for k, v in data.items():
            target = next((i["path"] for i in items or [] if i.get("key") == k), None if items else k)
            if target:
                _write(d, target, v)
    elif "secret" in vol:
        sec = cluster.store.get(cluster.rt("", "secrets"), ns, vol["secret"].get("secretName"), copy_=False) or {}
        for k, v in (sec.get("data") or {}).items():
            _write(d, k, base64.b64decode(v))
    elif "projected" in vol:
        for src in vol["projected"].get("sources") or []:
            if "serviceAccountToken" in src:
                t = src["serviceAccountToken"]
                _write(d, t.get("path", "token"), _token(cluster, pod, t.get("audience"), int(t.get("expirationSeconds") or 3600)))
            elif "configMap" in src:
                _fill(cluster, pod, {"configMap": src["configMap"]}, d)
            elif "secret" in src:
                _fill(cluster, pod, {"secret": {"secretName": src["secret"].get("name")}}, d)
    # emptyDir and anything else: an empty directory


def materialize(cluster, pod, container, root):
    """{mount path: directory on this machine} for the container's mounts, plus the service account."""
    vols = {v["name"]: v for v in (pod.get("spec") or {}).get("volumes") or []}
    mounts = {}
    for i, m in enumerate(container.get("volumeMounts") or []):
        d = Path(root) / "volumes" / f"{i}-{m['name']}"
        d.mkdir(parents=True, exist_ok=True)
        if m["name"] in vols:
            _fill(cluster, pod, vols[m["name"]], d)
        mounts[m["mountPath"]] = str(d / m["subPath"]) if m.get("subPath") else str(d)
    if SA_DIR not in mounts and (pod.get("spec") or {}).get("automountServiceAccountToken", True):
        d = Path(root) / "volumes" / "kube-api-access"
        d.mkdir(parents=True, exist_ok=True)
        _write(d, "token", _token(cluster, pod))
        _write(d, "ca.crt", cluster.ca_pem)
        _write(d, "namespace", pod["metadata"]["namespace"])
        mounts[SA_DIR] = str(d)
    return mounts


def _field(pod, path):
    return {"metadata.name": pod["metadata"]["name"], "metadata.namespace": pod["metadata"]["namespace"],
            "metadata.uid": pod["metadata"].get("uid", ""), "spec.nodeName": pod["spec"].get("nodeName", ""),
            "spec.serviceAccountName": pod["spec"].get("serviceAccountName", "default"),
            "status.podIP": pod["status"].get("podIP", ""), "status.hostIP": pod["status"].get("hostIP", "")}.get(path, "")


def container_env(cluster, pod, container):
    ns = pod["metadata"]["namespace"]
    env = {}
    for src in container.get("envFrom") or []:
        if "configMapRef" in src:
            cm = cluster.store.get(cluster.rt("", "configmaps"), ns, src["configMapRef"].get("name"), copy_=False) or {}
            env.update({src.get("prefix", "") + k: v for k, v in (cm.get("data") or {}).items()})
        if "secretRef" in src:
            sec = cluster.store.get(cluster.rt("", "secrets"), ns, src["secretRef"].get("name"), copy_=False) or {}
            env.update({src.get("prefix", "") + k: base64.b64decode(v).decode() for k, v in (sec.get("data") or {}).items()})
    for e in container.get("env") or []:
        if "value" in e:
            env[e["name"]] = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", lambda m: env.get(m.group(1), m.group(0)), e["value"])
        elif "valueFrom" in e:
            vf = e["valueFrom"]
            if "fieldRef" in vf:
                env[e["name"]] = _field(pod, vf["fieldRef"].get("fieldPath", ""))
            elif "configMapKeyRef" in vf:
                r = vf["configMapKeyRef"]
                cm = cluster.store.get(cluster.rt("", "configmaps"), ns, r.get("name"), copy_=False) or {}
                env[e["name"]] = (cm.get("data") or {}).get(r.get("key"), "")
            elif "secretKeyRef" in vf:
                r = vf["secretKeyRef"]
                sec = cluster.store.get(cluster.rt("", "secrets"), ns, r.get("name"), copy_=False) or {}
                env[e["name"]] = base64.b64decode((sec.get("data") or {}).get(r.get("key"), "")).decode()
            elif "resourceFieldRef" in vf:
                env[e["name"]] = "1"
        else:
            env[e["name"]] = ""
    return env
