"""Is a Spark Operator installed and ready, and which generation?

The stand-in acts only as the real operator would be able to: a Deployment of the
spark-operator chart (label `app.kubernetes.io/name: spark-operator`, or a container image
named spark-operator) with an available replica, and the SparkApplication CRD Established
(the ScheduledSparkApplication CRD too for schedules). The chart generation comes from the
`helm.sh/chart` label (`spark-operator-1.1.6` → 1, `spark-operator-2.4.0` → 2), else the
`app.kubernetes.io/version` label or the image tag (`v1beta2-1.3.8-3.1.1` → 1, `2.0.2` → 2).
In 2.x the controller and the webhook are separate Deployments (component `controller` /
`webhook`); the webhook's pods answer the chart's webhook Service.
"""

import re
from dataclasses import dataclass

GROUP = "sparkoperator.k8s.io"
APPS = (GROUP, "sparkapplications")
SCHEDULED = (GROUP, "scheduledsparkapplications")
DEPLOY = ("apps", "deployments")


@dataclass(frozen=True)
class Operator:
    generation: int  # 1 or 2
    namespace: str
    release: str
    service_account: str
    deployment: str
    webhook_labels: tuple  # pod labels of the webhook server (2.x webhook Deployment, 1.x operator pod)


def _generation(dep):
    labels = dep["metadata"].get("labels") or {}
    m = re.match(r"spark-operator-(\d+)\.", labels.get("helm.sh/chart", ""))
    if m:
        return int(m.group(1))
    version = labels.get("app.kubernetes.io/version", "")
    if not version:
        for c in ((dep.get("spec") or {}).get("template") or {}).get("spec", {}).get("containers") or []:
            if "spark-operator" in c.get("image", ""):
                version = c["image"].rsplit(":", 1)[-1]
    m = re.match(r"v1beta2-(\d+)\.", version) or re.match(r"v?(\d+)\.", version)
    return int(m.group(1)) if m and m.group(1) in ("1", "2") else 2


def _is_operator(dep):
    labels = dep["metadata"].get("labels") or {}
    if labels.get("app.kubernetes.io/name") == "spark-operator":
        return True
    containers = (((dep.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or []
    return any("spark-operator" in (c.get("image") or "") for c in containers)


def _available(dep):
    return ((dep.get("status") or {}).get("availableReplicas") or 0) >= 1


def crd_established(cluster, plural):
    crd = cluster.store.get(cluster.rt("apiextensions.k8s.io", "customresourcedefinitions"), "", f"{plural}.{GROUP}", copy_=False)
    conds = ((crd or {}).get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Established" and c.get("status") == "True" for c in conds)


def find(cluster):
    """The ready operator, or None."""
    if not crd_established(cluster, "sparkapplications"):
        return None
    items, _ = cluster.store.list(cluster.rt(*DEPLOY))
    ops = [d for d in items if _is_operator(d) and not d["metadata"].get("deletionTimestamp")]
    controllers = [d for d in ops if (d["metadata"].get("labels") or {}).get("app.kubernetes.io/component") != "webhook"]
    for dep in sorted(controllers, key=lambda d: d["metadata"]["name"]):
        if not _available(dep):
            continue
        gen = _generation(dep)
        md = dep["metadata"]
        labels = md.get("labels") or {}
        release = labels.get("app.kubernetes.io/instance") or md["name"]
        pod_spec = ((dep.get("spec") or {}).get("template") or {}).get("spec") or {}
        webhook = dep
        if gen >= 2:
            webhook = next((d for d in ops if d["metadata"].get("namespace") == md["namespace"]
                            and (d["metadata"].get("labels") or {}).get("app.kubernetes.io/component") == "webhook"
                            and (d["metadata"].get("labels") or {}).get("app.kubernetes.io/instance", release) == release), None)
        wlabels = tuple(sorted(((((webhook or {}).get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels", {}).items()))
        return Operator(gen, md["namespace"], release, pod_spec.get("serviceAccountName") or "default", md["name"], wlabels)
    return None
