"""The objects a new EKS cluster starts with."""

READ = ["get", "list", "watch"]
WRITE = ["create", "delete", "deletecollection", "patch", "update"]

CORE_READ = ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log",
             "pods/status", "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status",
             "resourcequotas", "resourcequotas/status", "serviceaccounts", "services", "services/status", "bindings",
             "events", "limitranges", "namespaces/status", "namespaces"]
CORE_EDIT = ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints",
             "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets",
             "serviceaccounts", "services", "services/proxy", "pods/eviction", "serviceaccounts/token"]
APPS = ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
        "statefulsets", "statefulsets/scale"]


def _view_rules():
    return [
        {"apiGroups": [""], "resources": CORE_READ, "verbs": READ},
        {"apiGroups": ["apps"], "resources": APPS + ["daemonsets/status", "deployments/status", "replicasets/status",
                                                      "statefulsets/status", "controllerrevisions"], "verbs": READ},
        {"apiGroups": ["batch"], "resources": ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], "verbs": READ},
        {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets", "poddisruptionbudgets/status"], "verbs": READ},
        {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "ingresses/status", "networkpolicies"], "verbs": READ},
        {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], "verbs": READ},
        {"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": READ},
    ]


def _edit_rules():
    return _view_rules() + [
        {"apiGroups": [""], "resources": CORE_EDIT, "verbs": WRITE},
        {"apiGroups": [""], "resources": ["secrets"], "verbs": READ},
        {"apiGroups": ["apps"], "resources": APPS, "verbs": WRITE},
        {"apiGroups": ["batch"], "resources": ["cronjobs", "jobs"], "verbs": WRITE},
        {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": WRITE},
        {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "networkpolicies"], "verbs": WRITE},
        {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": WRITE},
        {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": READ + WRITE},
    ]


def _admin_rules():
    return _edit_rules() + [
        {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"], "verbs": READ + WRITE},
        {"apiGroups": ["authorization.k8s.io"], "resources": ["localsubjectaccessreviews"], "verbs": ["create"]},
    ]


def cluster_roles():
    public = ["/healthz", "/livez", "/readyz", "/version", "/version/"]
    return {
        "cluster-admin": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}, {"nonResourceURLs": ["*"], "verbs": ["*"]}],
        "admin": _admin_rules(),
        "edit": _edit_rules(),
        "view": _view_rules(),
        "system:discovery": [{"nonResourceURLs": ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
                                                  "/openapi/*", "/readyz", "/version", "/version/"], "verbs": ["get"]}],
        "system:basic-user": [{"apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
                               "verbs": ["create"]},
                              {"apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"], "verbs": ["create"]}],
        "system:public-info-viewer": [{"nonResourceURLs": public, "verbs": ["get"]}],
    }


BINDINGS = {
    "cluster-admin": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:masters"}],
    "system:discovery": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:authenticated"}],
    "system:basic-user": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:authenticated"}],
    "system:public-info-viewer": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:authenticated"},
                                  {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:unauthenticated"}],
}

COREDNS_IMAGE = "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.1"


def bootstrap(cluster):
    api = cluster.api
    rt = cluster.rt
    boot = "kube-apiserver"
    for ns in ("default", "kube-system", "kube-public", "kube-node-lease"):
        api.create_object(rt("", "namespaces"), {"metadata": {"name": ns}}, boot)
    for name, rules in cluster_roles().items():
        labels = {"kubernetes.io/bootstrapping": "rbac-defaults"}
        if name in ("admin", "edit", "view"):
            labels[f"rbac.authorization.k8s.io/aggregate-to-{ 'admin' if name == 'edit' else 'edit' if name == 'view' else 'admin'}"] = "true"
        api.create_object(rt("rbac.authorization.k8s.io", "clusterroles"), {
            "metadata": {"name": name, "labels": labels, "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
            "rules": rules}, boot)
    for name, subjects in BINDINGS.items():
        api.create_object(rt("rbac.authorization.k8s.io", "clusterrolebindings"), {
            "metadata": {"name": name, "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
                         "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
            "subjects": subjects}, boot)
    api.create_object(rt("", "services"), {
        "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": "10.100.0.1", "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 443}]}}, boot)
    labels = {"eks.amazonaws.com/component": "coredns", "k8s-app": "kube-dns"}
    api.create_object(rt("apps", "deployments"), {
        "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {**labels, "kubernetes.io/name": "CoreDNS"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": labels},
                 "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}},
                 "template": {"metadata": {"labels": labels, "annotations": {"eks.amazonaws.com/compute-type": "ec2"}},
                              "spec": {"serviceAccountName": "coredns", "priorityClassName": "system-cluster-critical",
                                       "containers": [{"name": "coredns", "image": COREDNS_IMAGE, "args": ["-conf", "/etc/coredns/Corefile"],
                                                       "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"},
                                                                 {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                                                                 {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}],
                                                       "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                                                       "volumeMounts": [{"mountPath": "/etc/coredns", "name": "config-volume", "readOnly": True}]}],
                                       "volumes": [{"name": "config-volume", "configMap": {"name": "coredns",
                                                                                           "items": [{"key": "Corefile", "path": "Corefile"}]}}],
                                       "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"},
                                                       {"key": "CriticalAddonsOnly", "operator": "Exists"}]}}}}, "eks")
    api.create_object(rt("", "serviceaccounts"), {"metadata": {"name": "coredns", "namespace": "kube-system",
                                                               "labels": {"eks.amazonaws.com/component": "coredns", "k8s-app": "kube-dns"}}}, "eks")
    api.create_object(rt("", "configmaps"), {
        "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"eks.amazonaws.com/component": "coredns", "k8s-app": "kube-dns"}},
        "data": {"Corefile": ".:53 {\n    errors\n    health {\n        lameduck 5s\n      }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n      fallthrough in-addr.arpa ip6.arpa\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n"}},
        "eks")
    api.create_object(rt("", "services"), {
        "metadata": {"name": "kube-dns", "namespace": "kube-system",
                     "labels": {"eks.amazonaws.com/component": "kube-dns", "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true",
                                "kubernetes.io/name": "CoreDNS"}},
        "spec": {"clusterIP": "10.100.0.10", "selector": {"k8s-app": "kube-dns"},
                 "ports": [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                           {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53}]}}, "eks")
