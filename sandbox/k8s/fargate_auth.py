"""EKS's side of the Fargate bargain: the pod execution role's mapping.

When a Fargate profile is created on a cluster in CONFIG_MAP mode, EKS adds the profile's pod
execution role to `kube-system/aws-auth` `mapRoles` (creating the ConfigMap if needed, once,
never twice for the same role, never touching other entries), so that the kubelet of each
Fargate node can register. In API and API_AND_CONFIG_MAP mode it creates a `FARGATE_LINUX`
access entry instead; the AWS side (sandbox/aws/eks.py) does that, this module does the
ConfigMap. A profile whose role is no longer mapped is "blocked for new launches": its pods
stay Pending with the fargate-scheduler's FailedScheduling event until the mapping is back.
"""

import logging
import threading

import yaml

from . import errors, fields
from .auth import canonical_arn
from .controllers.base import Controller
from .fargate import PROFILE_LABEL

log = logging.getLogger("sandbox.k8s.fargate_auth")

CONFIGMAP = ("", "configmaps")
NAMESPACE, NAME = "kube-system", "aws-auth"
MANAGER = "eks"  # the field manager EKS's own write shows is not documented; this name is the sandbox's choice
NODE_USERNAME = "system:node:{{SessionName}}"
NODE_GROUPS = ["system:bootstrappers", "system:nodes", "system:node-proxier"]
SYNC_SECONDS = 1.0
BLOCKED = ("Misconfigured Fargate Profile: fargate profile {profile} blocked for new launches due to: Pod execution "
           "role is not found in auth config or does not have all required permissions for launching fargate pods.")


def entry_yaml(role_arn, indent=""):
    """The mapRoles item as EKS writes it (keys sorted, sequences not indented, as Go's yaml does)."""
    lines = ["- groups:"] + [f"  - {g}" for g in NODE_GROUPS] + [f"  rolearn: {role_arn}", f"  username: {NODE_USERNAME}"]
    return "".join(indent + line + "\n" for line in lines)


def _same_role(a, b):
    return canonical_arn(a or "")[0].lower() == canonical_arn(b or "")[0].lower()


def _roles(text):
    """The mapRoles list, or None when the text does not parse as a list."""
    try:
        value = yaml.safe_load(text or "[]")
    except yaml.YAMLError:
        return None
    if value is None:
        return []
    return value if isinstance(value, list) else None


def with_role(text, role_arn):
    """mapRoles with the role appended, other entries left as they are written; None if already there."""
    roles = _roles(text)
    if roles is None:
        return None  # EKS cannot merge into a ConfigMap it cannot read; nor does the sandbox
    if any(isinstance(r, dict) and _same_role(r.get("rolearn"), role_arn) for r in roles):
        return None
    if not roles:
        return entry_yaml(role_arn)
    first = next((line for line in text.splitlines() if line.lstrip().startswith("-")), "")
    indent = first[:len(first) - len(first.lstrip())]
    appended = text + ("" if text.endswith("\n") else "\n") + entry_yaml(role_arn, indent)
    parsed = _roles(appended)
    if parsed is not None and parsed[:-1] == roles and parsed[-1].get("rolearn") == role_arn:
        return appended
    # A layout the text cannot be extended in (a flow list, say): write the list out whole.
    return yaml.safe_dump(roles + [{"groups": NODE_GROUPS, "rolearn": role_arn, "username": NODE_USERNAME}],
                          default_flow_style=False)


def add_role(cluster, role_arn):
    """Adds the pod execution role to aws-auth mapRoles as EKS does. True when it wrote."""
    rt = cluster.rt(*CONFIGMAP)
    if cluster.store.get(rt, NAMESPACE, NAME, copy_=False) is None:
        cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": NAME, "namespace": NAMESPACE},
              "data": {"mapRoles": entry_yaml(role_arn)}}
        try:
            cluster.api.create_object(rt, cm, MANAGER)
            return True
        except errors.APIError as e:
            if e.reason != "AlreadyExists":  # created meanwhile by someone else: merge into theirs below
                log.warning("aws-auth not created: %s", e)
                return False
    with cluster.store.lock:
        old = cluster.store.get(rt, NAMESPACE, NAME)
        text = with_role((old.get("data") or {}).get("mapRoles") or "", role_arn) if old else None
        if text is None:
            return False
        new = {**old, "metadata": dict(old["metadata"]), "data": {**(old.get("data") or {}), "mapRoles": text}}
        new["metadata"].pop("resourceVersion", None)
        fields.track_update(rt, old, new, MANAGER, "v1")
        cluster.store.update(rt, new)
        return True


def role_mapped(cluster, role_arn, access):
    """Whether a Fargate node assuming `role_arn` may join; None when the AWS side cannot say."""
    mode = access.get("mode")
    if mode is None:
        return None
    if mode in ("API", "API_AND_CONFIG_MAP"):
        for principal, entry in (access.get("entries") or {}).items():
            if entry.get("type") == "FARGATE_LINUX" and _same_role(principal, role_arn):
                return True
        if mode == "API":
            return False
    roles = _roles(cluster._aws_auth_data().get("mapRoles")) or []
    return any(isinstance(r, dict) and _same_role(r.get("rolearn"), role_arn) for r in roles)


class FargateAuth:
    """What EKS did for which profile, kept per emulated cluster (a reset forgets it)."""

    def __init__(self, cluster):
        self.cluster = cluster
        self._lock = threading.Lock()
        self._done = set()  # ARNs (unique per incarnation) of the profiles EKS has mapped

    def reset(self):
        with self._lock:
            self._done.clear()

    def _view(self):
        """(ACTIVE profiles, {"mode", "entries"}): from the AWS side's record when it has a control
        API, else through the EKS API (never both, so the two cannot disagree)."""
        aws = self.cluster.aws
        record = aws.cluster_record()
        if record is None:
            if aws.control_url:  # no such cluster on the AWS side (yet): nothing to map, nothing to ask EKS
                return [], {"mode": None, "entries": {}}
            return aws.fargate_profiles(), aws.cluster_access()
        profiles = [p for p in record["fargate_profiles"] if p.get("status") == "ACTIVE"]
        entries = {e.get("principalArn"): e for e in record.get("access_entries") or []}
        return profiles, {"mode": record.get("authentication_mode") or "CONFIG_MAP", "entries": entries}

    def sync(self):
        """Maps the pod execution role of every ACTIVE profile seen for the first time."""
        profiles, access = self._view()
        fresh = [p for p in profiles if self._key(p) not in self._done]
        if not fresh:
            return
        mode = access.get("mode")
        if mode is None:
            return  # unknown: try again on the next sync
        for p in fresh:
            role = p.get("podExecutionRoleArn")
            if mode == "CONFIG_MAP" and role:
                add_role(self.cluster, role)
            with self._lock:
                self._done.add(self._key(p))

    @staticmethod
    def _key(profile):
        return profile.get("fargateProfileArn") or profile.get("fargateProfileName")

    def blocked(self, pod):
        """The fargate-scheduler's message when the pod's profile cannot launch pods, else None."""
        name = (pod["metadata"].get("labels") or {}).get(PROFILE_LABEL)
        self.sync()
        profiles, access = self._view()
        profile = next((p for p in profiles if p.get("fargateProfileName") == name), None)
        if profile is None or not profile.get("podExecutionRoleArn"):
            return None  # the AWS side cannot say: launch as before
        if role_mapped(self.cluster, profile["podExecutionRoleArn"], access) is False:
            return BLOCKED.format(profile=name)
        return None


class FargateAuthSync(Controller):
    """Runs the sync on a timer, so the entry appears once the profile is ACTIVE, pods or not."""

    name = "fargate-auth"

    def setup(self, cluster):
        super().setup(cluster)
        self._next = 0.0

    def resync(self):
        self._next = 0.0

    def tick(self, now):
        if now < self._next:
            return
        self._next = now + SYNC_SECONDS
        self.cluster.fargate_auth.sync()
