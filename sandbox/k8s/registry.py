"""The resource types the emulator serves: built-in kinds and CRD-registered ones."""

import threading
from dataclasses import dataclass, field

ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


@dataclass
class ResourceType:
    """One served resource (e.g. `deployments` in apps/v1)."""

    group: str
    versions: list  # served versions, preferred (storage) first
    plural: str
    singular: str
    kind: str
    namespaced: bool
    short_names: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    verbs: list = field(default_factory=lambda: list(ALL_VERBS))
    subresources: dict = field(default_factory=dict)  # name -> (group, version, kind, verbs)
    has_generation: bool = False
    builtin: bool = True
    crd: dict = None  # the CRD object for custom resources
    list_kind: str = ""

    @property
    def key(self):
        return (self.group, self.plural)

    @property
    def storage_version(self):
        return self.versions[0]

    def api_version(self, version=None):
        v = version or self.storage_version
        return v if not self.group else f"{self.group}/{v}"


def _rt(group, version, plural, singular, kind, namespaced, short=(), cats=(), verbs=None, subs=None, gen=False, versions=None):
    return ResourceType(
        group=group,
        versions=list(versions or [version]),
        plural=plural,
        singular=singular,
        kind=kind,
        namespaced=namespaced,
        short_names=list(short),
        categories=list(cats),
        verbs=list(verbs or ALL_VERBS),
        subresources=dict(subs or {}),
        has_generation=gen,
        list_kind=kind + "List",
    )


STATUS = ("get", "patch", "update")


def builtin_types():
    core_status = lambda kind: {"status": ("", "v1", kind, STATUS)}
    return [
        _rt("", "v1", "namespaces", "namespace", "Namespace", False, ["ns"],
            verbs=["create", "delete", "get", "list", "patch", "update", "watch"],
            subs={"status": ("", "v1", "Namespace", STATUS), "finalize": ("", "v1", "Namespace", ("update",))}),
        _rt("", "v1", "configmaps", "configmap", "ConfigMap", True, ["cm"]),
        _rt("", "v1", "secrets", "secret", "Secret", True),
        _rt("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", True, ["sa"],
            subs={"token": ("authentication.k8s.io", "v1", "TokenRequest", ("create",))}),
        _rt("", "v1", "services", "service", "Service", True, ["svc"], ["all"],
            verbs=["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            subs=core_status("Service")),
        _rt("", "v1", "endpoints", "endpoints", "Endpoints", True, ["ep"]),
        _rt("", "v1", "pods", "pod", "Pod", True, ["po"], ["all"],
            subs={"status": ("", "v1", "Pod", STATUS), "log": ("", "v1", "Pod", ("get",)),
                  "binding": ("", "v1", "Binding", ("create",)), "eviction": ("policy", "v1", "Eviction", ("create",))}),
        _rt("", "v1", "events", "event", "Event", True, ["ev"]),
        _rt("", "v1", "nodes", "node", "Node", False, ["no"], subs=core_status("Node")),
        _rt("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", True, ["pvc"],
            subs=core_status("PersistentVolumeClaim")),
        _rt("", "v1", "limitranges", "limitrange", "LimitRange", True, ["limits"]),
        _rt("", "v1", "resourcequotas", "resourcequota", "ResourceQuota", True, ["quota"], subs=core_status("ResourceQuota")),
        _rt("apps", "v1", "deployments", "deployment", "Deployment", True, ["deploy"], ["all"],
            subs={"status": ("apps", "v1", "Deployment", STATUS), "scale": ("autoscaling", "v1", "Scale", STATUS)}, gen=True),
        _rt("apps", "v1", "replicasets", "replicaset", "ReplicaSet", True, ["rs"], ["all"],
            subs={"status": ("apps", "v1", "ReplicaSet", STATUS), "scale": ("autoscaling", "v1", "Scale", STATUS)}, gen=True),
        _rt("apps", "v1", "statefulsets", "statefulset", "StatefulSet", True, ["sts"], ["all"],
            subs={"status": ("apps", "v1", "StatefulSet", STATUS), "scale": ("autoscaling", "v1", "Scale", STATUS)}, gen=True),
        _rt("apps", "v1", "daemonsets", "daemonset", "DaemonSet", True, ["ds"], ["all"],
            subs={"status": ("apps", "v1", "DaemonSet", STATUS)}, gen=True),
        _rt("batch", "v1", "jobs", "job", "Job", True, [], ["all"], subs={"status": ("batch", "v1", "Job", STATUS)}, gen=True),
        _rt("batch", "v1", "cronjobs", "cronjob", "CronJob", True, ["cj"], ["all"],
            subs={"status": ("batch", "v1", "CronJob", STATUS)}, gen=True),
        _rt("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", True),
        _rt("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", True),
        _rt("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", False),
        _rt("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", False),
        _rt("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
            "CustomResourceDefinition", False, ["crd", "crds"],
            subs={"status": ("apiextensions.k8s.io", "v1", "CustomResourceDefinition", STATUS)}, gen=True),
        _rt("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration",
            "MutatingWebhookConfiguration", False, [], ["api-extensions"], gen=True),
        _rt("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration",
            "ValidatingWebhookConfiguration", False, [], ["api-extensions"], gen=True),
        _rt("coordination.k8s.io", "v1", "leases", "lease", "Lease", True),
        _rt("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", True, ["pdb"],
            subs={"status": ("policy", "v1", "PodDisruptionBudget", STATUS)}, gen=True),
        _rt("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", True, ["netpol"], gen=True),
        _rt("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", False, ["pc"]),
        _rt("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", False, ["sc"]),
        _rt("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview",
            "SelfSubjectAccessReview", False, verbs=["create"]),
        _rt("authorization.k8s.io", "v1", "subjectaccessreviews", "subjectaccessreview",
            "SubjectAccessReview", False, verbs=["create"]),
        _rt("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview",
            "SelfSubjectRulesReview", False, verbs=["create"]),
        _rt("authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview",
            "SelfSubjectReview", False, verbs=["create"]),
        _rt("authentication.k8s.io", "v1", "tokenreviews", "tokenreview", "TokenReview", False, verbs=["create"]),
    ]


# Kinds whose objects are never stored (review requests answered on the spot).
VIRTUAL = {("authorization.k8s.io", "selfsubjectaccessreviews"), ("authorization.k8s.io", "subjectaccessreviews"),
           ("authorization.k8s.io", "selfsubjectrulesreviews"), ("authentication.k8s.io", "selfsubjectreviews"),
           ("authentication.k8s.io", "tokenreviews")}

# Preferred order of groups in discovery, as the API server lists them.
GROUP_ORDER = ["", "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
               "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
               "storage.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io",
               "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io"]


class Registry:
    """Thread-safe lookup of resource types by (group, plural), kind and version."""

    def __init__(self):
        self._lock = threading.RLock()
        self._types = {}
        self.generation = 0
        for rt in builtin_types():
            self._types[rt.key] = rt

    def get(self, group, plural):
        with self._lock:
            return self._types.get((group, plural))

    def lookup(self, group, version, plural):
        rt = self.get(group, plural)
        if rt is None or version not in rt.versions:
            return None
        return rt

    def by_kind(self, api_version, kind):
        group, _, version = api_version.rpartition("/")
        with self._lock:
            for rt in self._types.values():
                if rt.group == group and rt.kind == kind and version in rt.versions:
                    return rt
        return None

    def all(self):
        with self._lock:
            return list(self._types.values())

    def groups(self):
        """{group: [versions]} in discovery order (core group excluded)."""
        with self._lock:
            out = {}
            for rt in self._types.values():
                if rt.group == "":
                    continue
                vs = out.setdefault(rt.group, [])
                for v in rt.versions:
                    if v not in vs:
                        vs.append(v)

        def order(g):
            return (GROUP_ORDER.index(g), g) if g in GROUP_ORDER else (len(GROUP_ORDER), g)

        return {g: sorted(out[g], key=_version_priority) for g in sorted(out, key=order)}

    def register_crd(self, crd):
        spec = crd.get("spec", {})
        names = spec.get("names", {})
        served = [v for v in spec.get("versions", []) if v.get("served")]
        if not served:
            self.unregister_crd(crd)
            return
        storage = [v["name"] for v in served if v.get("storage")]
        versions = storage + [v["name"] for v in served if v["name"] not in storage]
        subs = {}
        any_status = any((v.get("subresources") or {}).get("status") is not None for v in served)
        any_scale = any((v.get("subresources") or {}).get("scale") is not None for v in served)
        if any_status:
            subs["status"] = (spec["group"], versions[0], names.get("kind"), STATUS)
        if any_scale:
            subs["scale"] = ("autoscaling", "v1", "Scale", STATUS)
        rt = ResourceType(
            group=spec["group"],
            versions=versions,
            plural=names.get("plural"),
            singular=names.get("singular") or names.get("kind", "").lower(),
            kind=names.get("kind"),
            namespaced=spec.get("scope", "Namespaced") == "Namespaced",
            short_names=list(names.get("shortNames") or []),
            categories=list(names.get("categories") or []),
            subresources=subs,
            has_generation=True,
            builtin=False,
            crd=crd,
            list_kind=names.get("listKind") or names.get("kind", "") + "List",
        )
        with self._lock:
            self._types[rt.key] = rt
            self.generation += 1

    def unregister_crd(self, crd):
        spec = crd.get("spec", {})
        key = (spec.get("group"), spec.get("names", {}).get("plural"))
        with self._lock:
            rt = self._types.get(key)
            if rt is not None and not rt.builtin:
                del self._types[key]
                self.generation += 1


def _version_priority(v):
    """Kubernetes version priority: GA > beta > alpha, higher numbers first."""
    import re

    m = re.fullmatch(r"v(\d+)(?:(alpha|beta)(\d+))?", v)
    if not m:
        return (3, 0, 0, v)
    major = int(m.group(1))
    stage = {None: 0, "beta": 1, "alpha": 2}[m.group(2)]
    minor = int(m.group(3) or 0)
    return (stage, -major, -minor, v)
