"""RBAC authorization over the Roles, ClusterRoles and bindings in the store."""


def _subject_matches(subject, user):
    kind = subject.get("kind")
    name = subject.get("name")
    if kind == "User":
        return name == user["username"]
    if kind == "Group":
        return name in user.get("groups", [])
    if kind == "ServiceAccount":
        return user["username"] == f"system:serviceaccount:{subject.get('namespace', '')}:{name}"
    return False


def _rule_allows(rule, attrs):
    verbs = rule.get("verbs") or []
    if "*" not in verbs and attrs["verb"] not in verbs:
        return False
    if "path" in attrs:
        for u in rule.get("nonResourceURLs") or []:
            if u == "*" or u == attrs["path"] or (u.endswith("*") and attrs["path"].startswith(u[:-1])):
                return True
        return False
    if rule.get("nonResourceURLs") and not rule.get("resources"):
        return False
    groups = rule.get("apiGroups") or []
    if "*" not in groups and attrs["group"] not in groups:
        return False
    resources = rule.get("resources") or []
    res = attrs["resource"]
    sub = attrs.get("subresource") or ""
    full = f"{res}/{sub}" if sub else res
    ok = "*" in resources or full in resources or (sub and f"*/{sub}" in resources)
    if not ok:
        return False
    names = rule.get("resourceNames") or []
    if names and attrs.get("name") not in names:
        return False
    return True


class RBAC:
    def __init__(self, store, registry):
        self.store = store
        self.registry = registry

    def _rt(self, plural):
        return self.registry.get("rbac.authorization.k8s.io", plural)

    def _role_rules(self, kind, name, ns):
        if kind == "ClusterRole":
            role = self.store.get(self._rt("clusterroles"), "", name, copy_=False)
        else:
            role = self.store.get(self._rt("roles"), ns, name, copy_=False)
        return (role or {}).get("rules") or []

    def rules_for(self, user, namespace):
        """Every rule that applies to `user` in `namespace` (cluster rules included)."""
        out = []
        with self.store.lock:
            crbs, _ = self.store.list(self._rt("clusterrolebindings"))
            for b in crbs:
                if any(_subject_matches(s, user) for s in b.get("subjects") or []):
                    out.extend(self._role_rules("ClusterRole", b["roleRef"]["name"], ""))
            if namespace:
                rbs, _ = self.store.list(self._rt("rolebindings"), namespace)
                for b in rbs:
                    if any(_subject_matches(s, user) for s in b.get("subjects") or []):
                        out.extend(self._role_rules(b["roleRef"].get("kind"), b["roleRef"]["name"], namespace))
        return out

    def allowed(self, user, attrs):
        if "system:masters" in user.get("groups", []):
            return True
        return any(_rule_allows(r, attrs) for r in self.rules_for(user, attrs.get("namespace", "")))

    @staticmethod
    def denial(user, attrs):
        """The API server's reason text for a denied request."""
        who = f'User "{user["username"]}"'
        if "path" in attrs:
            return f'{who} cannot {attrs["verb"]} path "{attrs["path"]}"'
        res = attrs["resource"] + (f"/{attrs['subresource']}" if attrs.get("subresource") else "")
        where = f'in the namespace "{attrs["namespace"]}"' if attrs.get("namespace") else "at the cluster scope"
        return f'{who} cannot {attrs["verb"]} resource "{res}" in API group "{attrs["group"]}" {where}'
