"""EKS access entries and access policies, which moto 5.2.1 lacks.

Kept by the proxy per cluster: create / describe / list / update / delete access entries,
associate / disassociate / list access policies, list the AWS access policies. As on AWS they
need the cluster's authentication mode to be API or API_AND_CONFIG_MAP, and a cluster created
in such a mode with `bootstrapClusterCreatorAdminPermissions` gets an entry for its creator
with AmazonEKSClusterAdminPolicy.
"""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import unquote

MODE_REQUIRED = "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation."
ENTRY_EXISTS = "The specified access entry resource is already in use on this cluster."
ENTRY_MISSING = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'."
POLICY_MISSING = "The specified policyArn could not be found."
ACCESS_POLICIES = ["AmazonEKSAdminPolicy", "AmazonEKSAdminViewPolicy", "AmazonEKSClusterAdminPolicy",
                   "AmazonEKSEditPolicy", "AmazonEKSViewPolicy"]
POLICY_PREFIX = "arn:aws:eks::aws:cluster-access-policy/"
FARGATE_USERNAME = "system:node:{{SessionName}}"
API_MODES = ("API", "API_AND_CONFIG_MAP")
OPERATIONS = {"CreateAccessEntry", "DescribeAccessEntry", "ListAccessEntries", "DeleteAccessEntry", "UpdateAccessEntry",
              "AssociateAccessPolicy", "DisassociateAccessPolicy", "ListAssociatedAccessPolicies", "ListAccessPolicies"}


def default_username(principal: str) -> str:
    if ":role/" in principal:
        account = principal.split(":")[4]
        name = principal.rsplit("/", 1)[-1]
        return f"arn:aws:sts::{account}:assumed-role/{name}/{{{{SessionName}}}}"
    return principal


def new_entry(region: str, cluster: str, principal: str, spec: dict) -> dict:
    now = time.time()
    account = principal.split(":")[4] if principal.count(":") >= 5 else "123456789012"
    kind = spec.get("type") or "STANDARD"
    short = principal.rsplit("/", 1)[-1]
    flavour = "role" if ":role/" in principal else "user"
    return {"clusterName": cluster, "principalArn": principal,
            "kubernetesGroups": list(spec.get("kubernetesGroups") or []),
            "accessEntryArn": f"arn:aws:eks:{region}:{account}:access-entry/{cluster}/{flavour}/{account}/{short}/"
                              f"{uuid.uuid4()}",
            "createdAt": now, "modifiedAt": now, "tags": dict(spec.get("tags") or {}),
            "username": spec.get("username") or default_username(principal), "type": kind, "_policies": {}}


def add_fargate_entry(region: str, cluster: str, role_arn: str | None, entries: dict) -> None:
    """The FARGATE_LINUX entry EKS makes for a Fargate profile's pod execution role in the API
    modes; an entry already there for the role (made by hand beforehand) is kept as it is."""
    if role_arn and role_arn not in entries:
        entries[role_arn] = new_entry(region, cluster, role_arn, {"type": "FARGATE_LINUX",
                                                                  "username": FARGATE_USERNAME})


def map_fargate_role(overlay: dict, region: str, cluster: str, role_arn: str | None, entries: dict) -> None:
    """In the API modes EKS maps a new Fargate profile's pod execution role with an access
    entry (in CONFIG_MAP mode it writes aws-auth, which the Kubernetes emulator does)."""
    if (overlay.get("accessConfig") or {}).get("authenticationMode") in API_MODES:
        add_fargate_entry(region, cluster, role_arn, entries)


def migrate_fargate_roles(probe, region: str, cluster: str, entries: dict) -> None:
    """Leaving CONFIG_MAP, EKS turns the aws-auth entries it made for Fargate profiles into
    FARGATE_LINUX access entries. `probe(path)` answers (status, payload) of a GET to moto."""
    status, payload = probe(f"/clusters/{cluster}/fargate-profiles")
    for name in payload.get("fargateProfileNames", []) if status == 200 else []:
        p_status, p_payload = probe(f"/clusters/{cluster}/fargate-profiles/{name}")
        if p_status == 200:
            add_fargate_entry(region, cluster, p_payload.get("fargateProfile", {}).get("podExecutionRoleArn"), entries)


def shown(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if not k.startswith("_")}


def bootstrap(region: str, cluster: str, creator: str | None, access: dict) -> dict:
    """The entries a new cluster starts with."""
    if not creator or access.get("authenticationMode") not in ("API", "API_AND_CONFIG_MAP"):
        return {}
    if not access.get("bootstrapClusterCreatorAdminPermissions", True):
        return {}
    principal = creator
    if ":assumed-role/" in creator:  # the role, not the session, is the principal
        account = creator.split(":")[4]
        principal = f"arn:aws:iam::{account}:role/{creator.split('/')[1]}"
    entry = new_entry(region, cluster, principal, {})
    entry["_policies"][POLICY_PREFIX + "AmazonEKSClusterAdminPolicy"] = {
        "policyArn": POLICY_PREFIX + "AmazonEKSClusterAdminPolicy", "accessScope": {"type": "cluster", "namespaces": []},
        "associatedAt": entry["createdAt"], "modifiedAt": entry["createdAt"]}
    return {principal: entry}


def handle(operation: str, params: dict, spec: dict, region: str, entries: dict, mode: str | None, error):
    """Answers an access-entry call against `entries` (principal -> entry); returns (status, payload)."""
    cluster = params.get("name")
    if operation == "ListAccessPolicies":
        return 200, {"accessPolicies": [{"name": n, "arn": POLICY_PREFIX + n} for n in ACCESS_POLICIES]}
    if mode not in ("API", "API_AND_CONFIG_MAP"):
        return error(400, "InvalidRequestException", MODE_REQUIRED, clusterName=cluster)
    if operation == "ListAccessEntries":
        return 200, {"accessEntries": sorted(entries)}
    if operation == "CreateAccessEntry":
        principal = spec.get("principalArn")
        if not principal or not principal.startswith("arn:"):
            return error(400, "InvalidParameterException", "The principalArn parameter format is not valid",
                         clusterName=cluster)
        if principal in entries:
            return error(409, "ResourceInUseException", ENTRY_EXISTS, clusterName=cluster)
        entries[principal] = new_entry(region, cluster, principal, spec)
        return 200, {"accessEntry": shown(entries[principal])}
    principal = unquote(params.get("principal", ""))
    entry = entries.get(principal)
    if entry is None:
        return error(404, "ResourceNotFoundException", ENTRY_MISSING, clusterName=cluster)
    if operation == "DescribeAccessEntry":
        return 200, {"accessEntry": shown(entry)}
    if operation == "DeleteAccessEntry":
        del entries[principal]
        return 200, {}
    if operation == "UpdateAccessEntry":
        if "kubernetesGroups" in spec:
            entry["kubernetesGroups"] = list(spec["kubernetesGroups"] or [])
        if spec.get("username"):
            entry["username"] = spec["username"]
        entry["modifiedAt"] = time.time()
        return 200, {"accessEntry": shown(entry)}
    if operation == "AssociateAccessPolicy":
        policy = spec.get("policyArn", "")
        if not policy.startswith(POLICY_PREFIX) or policy[len(POLICY_PREFIX):] not in ACCESS_POLICIES:
            return error(404, "ResourceNotFoundException", POLICY_MISSING, clusterName=cluster)
        now = time.time()
        scope = spec.get("accessScope") or {"type": "cluster"}
        scope = {"type": scope.get("type", "cluster"), "namespaces": list(scope.get("namespaces") or [])}
        previous = entry["_policies"].get(policy)
        entry["_policies"][policy] = {"policyArn": policy, "accessScope": scope,
                                      "associatedAt": previous["associatedAt"] if previous else now, "modifiedAt": now}
        return 200, {"clusterName": cluster, "principalArn": principal,
                     "associatedAccessPolicy": entry["_policies"][policy]}
    if operation == "DisassociateAccessPolicy":
        entry["_policies"].pop(unquote(params.get("policy", "")), None)
        return 200, {}
    if operation == "ListAssociatedAccessPolicies":
        return 200, {"clusterName": cluster, "principalArn": principal,
                     "associatedAccessPolicies": list(entry["_policies"].values())}
    return error(400, "InvalidRequestException", f"unsupported operation {operation}", clusterName=cluster)


def body_json(req) -> dict:
    try:
        return json.loads(req.body or b"{}")
    except ValueError:
        return {}
