"""EKS as AWS runs it, on top of moto's instantly-ACTIVE EKS.

- Time: clusters are CREATING until their creation delay passes, UPDATING while a config or
  version update runs, DELETING until their deletion delay passes (the delete reaches moto
  only then); Fargate profiles likewise CREATING and DELETING.
- Rules moto skips: one Fargate profile per cluster CREATING or DELETING at a time; calls
  that need an ACTIVE cluster fail otherwise; one update at a time; a cluster with Fargate
  profiles cannot be deleted.
- UpdateClusterConfig answers `{"update": ...}` and DescribeUpdate / ListUpdates work.
- The cluster the Kubernetes emulator serves gets the emulator's endpoint and CA.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid

from . import eks_access, eks_defaults, eks_subnets
from .eks_state import ClusterRecord, EKSState, ProfileRecord, Reply, Request
from .protocols import error_reply

CLUSTER_NOT_READY = "Cluster '{cluster}' is not in ACTIVE status"
PROFILE_BUSY = ("Cannot {verb} Fargate Profile {profile} because cluster {cluster} currently has "
                "Fargate profile {other} in status {status}")
PROFILE_DURING_UPDATE = "Cannot {verb} Fargate Profile {profile} because cluster {cluster} currently has an update in progress"
UPDATE_BUSY = "Cannot {update_type} because cluster {cluster} currently has update {update} in progress"
CLUSTER_HAS_PROFILES = "Cluster has Fargate profiles attached"
UPDATE_NOT_FOUND = "No update found for ID: {update}"
NEEDS_ACTIVE = {"CreateFargateProfile", "DeleteFargateProfile", "UpdateClusterConfig", "UpdateClusterVersion",
                "CreateNodegroup", "CreateAddon", "CreateAccessEntry", "AssociateAccessPolicy"}


def _unique_issuer(cluster: dict) -> None:
    """moto gives every cluster the same OIDC issuer id; AWS gives each cluster its own
    (32 upper-case hex digits), and IAM OIDC providers are keyed by it."""
    oidc = (cluster.get("identity") or {}).get("oidc") or {}
    issuer = oidc.get("issuer")
    if not issuer or "/id/" not in issuer:
        return
    seed = f"{cluster.get('arn')}|{cluster.get('createdAt')}".encode()
    oidc["issuer"] = issuer.rsplit("/id/", 1)[0] + "/id/" + hashlib.md5(seed).hexdigest().upper()


def _json_reply(status: int, payload: dict) -> Reply:
    body = json.dumps(payload, default=str).encode()
    return Reply(status, [("Content-Type", "application/json"), ("x-amzn-RequestId", str(uuid.uuid4())),
                          ("Content-Length", str(len(body)))], body)


def _eks_error(status: int, code: str, message: str, **fields) -> Reply:
    extra = {k: v for k, v in fields.items() if v is not None}
    error = error_reply("rest-json", "eks", status, code, message, extra)
    return Reply(error.status, error.headers, error.body)


def public_update(update: dict, now: float) -> dict:
    shown = {k: v for k, v in update.items() if not k.startswith("_")}
    shown["status"] = "InProgress" if now < update["_done_at"] else "Successful"
    return shown


class EKSRules:
    """Hooks the proxy calls around EKS requests."""

    def __init__(self, state: EKSState, latency, forward, schedule):
        self.state = state
        self.latency = latency
        self.forward = forward  # Request -> (status, headers, body)
        self.schedule = schedule  # (when, Request) -> None: replay a delete at `when`

    # ---- before moto -------------------------------------------------------------------
    def before(self, req: Request, operation: str, params: dict, caller_arn: str | None) -> Reply | None:
        now = time.time()
        cluster = params.get("name")
        key = (req.region, cluster)
        if operation in eks_access.OPERATIONS:
            return self._access(req, operation, params, now)
        if operation in ("ListFargateProfiles", "ListNodegroups", "ListAddons"):
            # moto answers 500 (a KeyError) for an unknown cluster; AWS answers 404.
            status, _, headers, body = self._exists(req, f"/clusters/{cluster}")
            if status != 200:
                return Reply(status, headers, body)
        if operation == "CreateCluster":
            access = _body_json(req).get("accessConfig") or {}
            if access.get("authenticationMode", "CONFIG_MAP") == "CONFIG_MAP" and \
                    access.get("bootstrapClusterCreatorAdminPermissions") is False:
                return _eks_error(400, "InvalidParameterException", "bootstrapClusterCreatorAdminPermissions must be "
                                  "true if cluster authentication mode is set to CONFIG_MAP")
        if operation == "CreateFargateProfile":
            spec = _body_json(req)
            public = eks_subnets.public_subnet(self.forward, Request, req, spec.get("subnets") or [])
            if public:
                return _eks_error(400, "InvalidParameterException", eks_subnets.NOT_PRIVATE.format(subnet=public),
                                  clusterName=cluster, fargateProfileName=spec.get("fargateProfileName"))
        with self.state.lock:
            status = self.state.cluster_status(key, now) if cluster else None
            if operation in NEEDS_ACTIVE and status in ("CREATING", "DELETING"):
                return _eks_error(400, "InvalidRequestException", CLUSTER_NOT_READY.format(cluster=cluster),
                                  clusterName=cluster)
            if operation in ("CreateFargateProfile", "DeleteFargateProfile") and status == "UPDATING":
                verb = "create" if operation == "CreateFargateProfile" else "Delete"
                profile = params.get("profile") or _body_json(req).get("fargateProfileName")
                return _eks_error(409, "ResourceInUseException", PROFILE_DURING_UPDATE.format(
                    verb=verb, profile=profile, cluster=cluster), clusterName=cluster, fargateProfileName=profile)
            if operation == "CreateFargateProfile":
                busy = self.state.busy_profile(req.region, cluster, now)
                profile = _body_json(req).get("fargateProfileName")
                if busy:
                    return _eks_error(409, "ResourceInUseException", PROFILE_BUSY.format(
                        verb="create", profile=profile, cluster=cluster, other=busy[0], status=busy[1]),
                        clusterName=cluster, fargateProfileName=profile)
                if (req.region, cluster, profile) not in self.state.profiles:
                    # Reserve the slot now, so a concurrent create sees this one as CREATING.
                    self.state.profiles[(req.region, cluster, profile)] = ProfileRecord(
                        ready_at=now + self.latency.delay("eks_fargate_profile_create"), pending=True)
            if operation == "DeleteFargateProfile":
                return self._delete_profile(req, cluster, params["profile"], now)
            if operation == "ListFargateProfiles" and status is None:
                # moto answers 500 (KeyError) for an unknown cluster; AWS answers 404.
                if self._exists(req, f"/clusters/{cluster}")[0] == 404:
                    return _eks_error(404, "ResourceNotFoundException", f"No cluster found for name: {cluster}.",
                                      clusterName=cluster)
        with self.state.lock:
            if operation == "DeleteCluster":
                return self._delete_cluster(req, cluster, now)
            if operation in ("UpdateClusterConfig", "UpdateClusterVersion"):
                return self._update(req, operation, cluster, now)
            if operation == "DescribeUpdate":
                return self._describe_update(req, cluster, params["update"], now)
            if operation == "ListUpdates":
                return self._list_updates(req, cluster, now)
        return None

    def _access(self, req: Request, operation: str, params: dict, now: float) -> Reply:
        cluster = params.get("name")
        mode = None
        if operation != "ListAccessPolicies":
            status, payload, headers, body = self._exists(req, f"/clusters/{cluster}")
            if status != 200:
                return Reply(status, headers, body)
            mode = (payload.get("cluster", {}).get("accessConfig") or {}).get("authenticationMode", "CONFIG_MAP")
        with self.state.lock:
            key = (req.region, cluster)
            if operation in NEEDS_ACTIVE and self.state.cluster_status(key, now) in ("CREATING", "DELETING"):
                return _eks_error(400, "InvalidRequestException", CLUSTER_NOT_READY.format(cluster=cluster),
                                  clusterName=cluster)
            record = self.state.clusters.get(key)
            if record and record.overlay.get("accessConfig"):
                mode = record.overlay["accessConfig"].get("authenticationMode", mode)
            entries = self.state.access.setdefault(key, {})
            result = eks_access.handle(operation, params, _body_json(req), req.region, entries, mode, _eks_error)
        return result if isinstance(result, Reply) else _json_reply(*result)

    def _exists(self, req: Request, path: str) -> tuple[int, dict, list, bytes]:
        probe = Request("GET", path, "", _probe_headers(req.headers), b"", req.region)
        status, headers, body = self.forward(probe)
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            payload = {}
        return status, payload, headers, body

    def _delete_profile(self, req: Request, cluster: str, profile: str, now: float) -> Reply:
        status, payload, headers, body = self._exists(req, f"/clusters/{cluster}/fargate-profiles/{profile}")
        if status != 200:
            return Reply(status, headers, body)
        busy = self.state.busy_profile(req.region, cluster, now)
        if busy:
            return _eks_error(409, "ResourceInUseException", PROFILE_BUSY.format(
                verb="Delete", profile=profile, cluster=cluster, other=busy[0], status=busy[1]),
                clusterName=cluster, fargateProfileName=profile)
        done_at = now + self.latency.delay("eks_fargate_profile_delete")
        record = self.state.profiles.setdefault((req.region, cluster, profile), ProfileRecord(ready_at=0.0))
        record.delete_done_at = done_at
        self.schedule(done_at, req, ("profile", (req.region, cluster, profile)))
        shown = payload.get("fargateProfile", {})
        shown["status"] = "DELETING"
        return _json_reply(200, {"fargateProfile": shown})

    def _delete_cluster(self, req: Request, cluster: str, now: float) -> Reply:
        status, payload, headers, body = self._exists(req, f"/clusters/{cluster}")
        if status != 200:
            return Reply(status, headers, body)
        key = (req.region, cluster)
        if self.state.cluster_status(key, now) == "DELETING":
            shown = payload.get("cluster", {})
            shown["status"] = "DELETING"
            return _json_reply(200, {"cluster": shown})
        p_status, p_payload, _, _ = self._exists(req, f"/clusters/{cluster}/fargate-profiles")
        if p_status == 200 and p_payload.get("fargateProfileNames"):
            return _eks_error(409, "ResourceInUseException", CLUSTER_HAS_PROFILES, clusterName=cluster)
        done_at = now + self.latency.delay("eks_cluster_delete")
        record = self.state.clusters.setdefault(key, ClusterRecord(ready_at=0.0, creator=None))
        record.delete_done_at = done_at
        self.schedule(done_at, req, ("cluster", key))
        shown = self._decorate_cluster(key, payload.get("cluster", {}), now)
        return _json_reply(200, {"cluster": shown})

    def _update(self, req: Request, operation: str, cluster: str, now: float) -> Reply:
        status, payload, headers, body = self._exists(req, f"/clusters/{cluster}")
        if status != 200:
            return Reply(status, headers, body)
        key = (req.region, cluster)
        spec = _body_json(req)
        if operation == "UpdateClusterVersion":
            update_type, params = "VersionUpdate", [{"type": "Version", "value": spec.get("version", "")},
                                                    {"type": "PlatformVersion", "value": "eks.1"}]
        else:
            update_type, params = _config_update(spec)
        running = self.state.update_in_progress(key, now)
        if running:
            return _eks_error(409, "ResourceInUseException", UPDATE_BUSY.format(
                update_type=update_type, cluster=cluster, update=running["id"]), clusterName=cluster)
        if update_type is None:
            return _eks_error(400, "InvalidParameterException", "No changes needed", clusterName=cluster)
        current = payload.get("cluster", {})
        if operation == "UpdateClusterConfig":
            vpc = spec.get("resourcesVpcConfig")
            if vpc:
                # moto replaces the whole block; AWS changes only the fields named.
                merged = {k: current.get("resourcesVpcConfig", {}).get(k) for k in
                          ("subnetIds", "securityGroupIds", "endpointPublicAccess", "endpointPrivateAccess",
                           "publicAccessCidrs")}
                merged = {k: v for k, v in merged.items() if v is not None}
                merged.update(vpc)
                full = dict(current.get("resourcesVpcConfig", {}))
                full.update(merged)
                spec["resourcesVpcConfig"] = full
            forwarded = Request(req.method, req.path, req.raw_query, dict(req.headers), json.dumps(spec).encode(),
                                req.region)
            forwarded.headers.pop("Content-Length", None)
            f_status, f_headers, f_body = self.forward(forwarded)
            if f_status != 200:
                return Reply(f_status, f_headers, f_body)
        record = self.state.clusters.setdefault(key, ClusterRecord(ready_at=0.0, creator=None))
        if "accessConfig" in spec:
            access = dict(record.overlay.get("accessConfig") or current.get("accessConfig") or {})
            was = access.get("authenticationMode", "CONFIG_MAP")
            access.update(spec["accessConfig"])
            record.overlay["accessConfig"] = access
            if was not in eks_access.API_MODES and access.get("authenticationMode") in eks_access.API_MODES:
                eks_access.migrate_fargate_roles(lambda path: self._exists(req, path)[:2], req.region, cluster,
                                                 self.state.access.setdefault(key, {}))
        update = {"id": str(uuid.uuid4()), "type": update_type, "params": params, "createdAt": now, "errors": [],
                  "_done_at": now + self.latency.delay("eks_update")}
        if operation == "UpdateClusterVersion":
            update["_version"] = spec.get("version")
        self.state.updates.setdefault(key, []).append(update)
        return _json_reply(200, {"update": public_update(update, now)})

    def _describe_update(self, req: Request, cluster: str, update_id: str, now: float) -> Reply:
        status, _, headers, body = self._exists(req, f"/clusters/{cluster}")
        if status != 200:
            return Reply(status, headers, body)
        for update in self.state.updates.get((req.region, cluster), []):
            if update["id"] == update_id:
                return _json_reply(200, {"update": public_update(update, now)})
        return _eks_error(404, "ResourceNotFoundException", UPDATE_NOT_FOUND.format(update=update_id),
                          clusterName=cluster)

    def _list_updates(self, req: Request, cluster: str, now: float) -> Reply:
        status, _, headers, body = self._exists(req, f"/clusters/{cluster}")
        if status != 200:
            return Reply(status, headers, body)
        ids = [u["id"] for u in self.state.updates.get((req.region, cluster), [])]
        return _json_reply(200, {"updateIds": ids})

    # ---- after moto ------------------------------------------------------------------------
    def after(self, req: Request, operation: str, params: dict, caller_arn: str | None,
              status: int, body: bytes) -> bytes | None:
        """Returns a rewritten body, or None to pass moto's through."""
        if operation == "CreateFargateProfile" and status != 200:
            key = (req.region, params.get("name"), _body_json(req).get("fargateProfileName"))
            with self.state.lock:
                record = self.state.profiles.get(key)
                if record is not None and record.pending:
                    del self.state.profiles[key]
        if status != 200 or operation not in ("CreateCluster", "DescribeCluster", "CreateFargateProfile",
                                              "DescribeFargateProfile"):
            return None
        try:
            payload = json.loads(body)
        except ValueError:
            return None
        overlay = None
        if operation == "CreateCluster":
            overlay = eks_defaults.provision(self.forward, Request, req, payload.get("cluster", {}), _body_json(req))
        now = time.time()
        with self.state.lock:
            if operation == "CreateCluster":
                name = payload.get("cluster", {}).get("name")
                key = (req.region, name)
                self.state.clusters[key] = ClusterRecord(ready_at=now + self.latency.delay("eks_cluster_create"),
                                                         creator=caller_arn, overlay=overlay)
                self.state.access[key] = eks_access.bootstrap(req.region, name, caller_arn,
                                                              overlay.get("accessConfig") or {})
                self.state.updates.pop(key, None)
                payload["cluster"] = self._decorate_cluster(key, payload["cluster"], now)
            elif operation == "DescribeCluster":
                key = (req.region, params.get("name"))
                payload["cluster"] = self._decorate_cluster(key, payload.get("cluster", {}), now)
            elif operation == "CreateFargateProfile":
                profile = payload.get("fargateProfile", {})
                key = (req.region, params.get("name"), profile.get("fargateProfileName"))
                self.state.profiles[key] = ProfileRecord(
                    ready_at=now + self.latency.delay("eks_fargate_profile_create"),
                    arn=profile.get("fargateProfileArn"), role=profile.get("podExecutionRoleArn"))
                profile["status"] = self.state.profile_status(key, now)
                record = self.state.clusters.get(key[:2])
                eks_access.map_fargate_role(record.overlay if record else {}, key[0], key[1],
                                            profile.get("podExecutionRoleArn"), self.state.access.setdefault(key[:2], {}))
            else:
                profile = payload.get("fargateProfile", {})
                key = (req.region, params.get("name"), params.get("profile"))
                shown = self.state.profile_status(key, now)
                if shown:
                    profile["status"] = shown
        return json.dumps(payload, default=str).encode()

    def _decorate_cluster(self, key: tuple, cluster: dict, now: float) -> dict:
        status = self.state.cluster_status(key, now)
        record = self.state.clusters.get(key)
        if status:
            cluster["status"] = status
        if record:
            eks_defaults.apply(cluster, record.overlay)
            for update in self.state.updates.get(key, []):
                if update.get("_version") and now >= update["_done_at"]:
                    cluster["version"] = update["_version"]
        if status == "CREATING":
            # AWS publishes the endpoint, CA and OIDC issuer only once the control plane is up.
            cluster.pop("endpoint", None)
            cluster.pop("certificateAuthority", None)
            cluster.pop("identity", None)
        else:
            _unique_issuer(cluster)
        if status != "CREATING" and self.state.k8s.get("cluster_name") == key[1] and self.state.k8s.get("endpoint"):
            cluster["endpoint"] = self.state.k8s["endpoint"]
            cluster["certificateAuthority"] = {"data": self.state.k8s["ca_data"]}
        return cluster

    def finish_delete(self, what: tuple, request: Request | None = None) -> None:
        kind, key = what
        with self.state.lock:
            if kind == "profile":
                self.state.profiles.pop(key, None)
                return
            record = self.state.clusters.pop(key, None)
            self.state.updates.pop(key, None)
            self.state.access.pop(key, None)
        group = ((record.overlay if record else {}).get("_vpc_defaults") or {}).get("clusterSecurityGroupId")
        if group and request is not None:
            # AWS removes the cluster security group it made along with the cluster.
            eks_defaults.delete_security_group(self.forward, Request, request, group)

    def creator(self, region: str, name: str) -> dict | None:
        with self.state.lock:
            for (r, n), record in self.state.clusters.items():
                if n == name and (region is None or r == region):
                    entries = [dict(eks_access.shown(e), accessPolicies=list(e["_policies"].values()))
                               for e in self.state.access.get((r, n), {}).values()]
                    return {"name": n, "region": r, "creator_arn": record.creator, "creator": record.creator,
                            "authentication_mode": (record.overlay.get("accessConfig") or {}).get("authenticationMode"),
                            "access_entries": entries, "fargate_profiles": self.state.fargate_profiles(r, n, time.time()),
                            "status": self.state.cluster_status((r, n), time.time()),
                            "created_at": record.created_at}
        return None


def _body_json(req: Request) -> dict:
    try:
        return json.loads(req.body or b"{}")
    except ValueError:
        return {}


def _probe_headers(headers: dict) -> dict:
    keep = {}
    for name, value in headers.items():
        if name.lower() in ("authorization", "x-amz-date", "x-amz-security-token", "host", "user-agent"):
            keep[name] = value
    return keep


def _config_update(spec: dict) -> tuple[str | None, list]:
    """The update type and params EKS reports for an UpdateClusterConfig body."""
    vpc = spec.get("resourcesVpcConfig")
    if vpc:
        params = []
        names = {"endpointPublicAccess": "EndpointPublicAccess", "endpointPrivateAccess": "EndpointPrivateAccess",
                 "publicAccessCidrs": "PublicAccessCidrs", "subnetIds": "SubnetIds",
                 "securityGroupIds": "SecurityGroupIds"}
        for field_name, label in names.items():
            if field_name in vpc:
                value = vpc[field_name]
                params.append({"type": label, "value": json.dumps(value) if isinstance(value, list)
                               else str(value).lower() if isinstance(value, bool) else str(value)})
        kind = "VpcConfigUpdate" if ("subnetIds" in vpc or "securityGroupIds" in vpc) else "EndpointAccessUpdate"
        return kind, params
    if spec.get("logging"):
        return "LoggingUpdate", [{"type": "ClusterLogging", "value": json.dumps(spec["logging"].get("clusterLogging", []))}]
    if spec.get("accessConfig"):
        params = [{"type": "AuthenticationMode", "value": spec["accessConfig"].get("authenticationMode", "")}]
        return "AccessConfigUpdate", params
    if spec.get("kubernetesNetworkConfig") or spec.get("upgradePolicy") or spec.get("zonalShiftConfig"):
        return "ConfigUpdate", []
    return None, []
