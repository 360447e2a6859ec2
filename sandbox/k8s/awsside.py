"""What the emulator reads from the AWS side: latency profile, cluster creator, Fargate profiles.

Every read tolerates the AWS side being absent (answers the defaults) and is cached
briefly so a burst of pods does not turn into a burst of calls.
"""

import json
import logging
import threading
import time
import urllib.request

log = logging.getLogger("sandbox.k8s.aws")

FAST = {"profile": "fast", "factor": 1}


def _all_pages(list_call, key, **params):
    """Every item under `key` across the pages of an EKS list call (following nextToken)."""
    items, token = [], None
    while True:
        page = list_call(**params, **({"nextToken": token} if token else {}))
        items.extend(page.get(key, []))
        token = page.get("nextToken")
        if not token:
            return items


class AWSSide:
    def __init__(self, endpoint=None, region="eu-west-1", access_key=None, secret_key=None, control_url=None,
                 cluster_name="spark-eks-cluster", ttl=2.0):
        self.endpoint = endpoint
        self.region = region
        self.access_key = access_key
        self.secret_key = secret_key
        self.control_url = control_url.rstrip("/") if control_url else None
        self.cluster_name = cluster_name
        self.ttl = ttl
        self._profiles_changing = False
        self._lock = threading.Lock()
        self._cache = {}
        self._eks = None
        self.latency_override = None  # tests may pin a profile

    def _cached(self, key, fetch, ttl=None):
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit and now - hit[0] < (ttl or self.ttl):
                return hit[1]
        value = fetch()
        with self._lock:
            self._cache[key] = (time.monotonic(), value)
        return value

    def invalidate(self):
        with self._lock:
            self._cache.clear()

    def _control_get(self, path):
        if not self.control_url:
            return None
        try:
            with urllib.request.urlopen(self.control_url + path, timeout=1.0) as r:
                return json.loads(r.read() or b"null")
        except Exception as e:  # absent or not answering: defaults apply
            log.debug("control %s: %s", path, e)
            return None

    def latency(self):
        if self.latency_override:
            return self.latency_override
        v = self._cached("latency", lambda: self._control_get("/latency"))
        if not isinstance(v, dict) or v.get("profile") not in ("instant", "fast", "realistic"):
            return dict(FAST)
        factor = v.get("factor") or 1
        try:
            factor = float(factor)
        except (TypeError, ValueError):
            factor = 1.0
        out = {"profile": v["profile"], "factor": factor if factor > 0 else 1.0}
        if isinstance(v.get("delays"), dict):
            out["delays"] = v["delays"]  # already scaled by the AWS side (pod_pending, pod_creating)
        return out

    def cluster_creator(self):
        v = self._cached("creator", lambda: self._control_get(f"/clusters/{self.cluster_name}"), ttl=5.0)
        if isinstance(v, dict):
            return v.get("creator") or v.get("creator_arn")
        return None

    def cluster_record(self):
        """The AWS side's own record of the cluster (`GET <control-url>/clusters/<name>`: mode,
        access entries, Fargate profiles with their roles), or None. A control call is neither
        logged nor faulted, so polling it leaves the request log to the clients under test."""
        v = self._cached("record", lambda: self._control_get(f"/clusters/{self.cluster_name}"), ttl=1.0)
        return v if isinstance(v, dict) and "fargate_profiles" in v else None

    def _client(self):
        if self._eks is None:
            import boto3
            from botocore.config import Config

            self._eks = boto3.client(
                "eks", endpoint_url=self.endpoint, region_name=self.region, aws_access_key_id=self.access_key,
                aws_secret_access_key=self.secret_key,
                config=Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=3))
        return self._eks

    def fargate_profiles(self):
        """ACTIVE Fargate profiles of the cluster (list of dicts), [] when unknown."""
        if not self.endpoint:
            return []
        # While a profile is being created or deleted, read again on every pod: EKS admits a
        # pod to a profile the moment it is ACTIVE, and a client that waited for ACTIVE
        # creates its pods right away.
        ttl = 1e-9 if self._profiles_changing else None
        return self._cached("fargate", self._fetch_profiles, ttl=ttl)

    def fargate_profiles_for_pod(self, namespace, labels):
        """The profiles, read again when none selects this pod: a profile that just became
        ACTIVE selects pods at once on EKS, whatever this side's cache held."""
        from .fargate import matching_profile

        profiles = self.fargate_profiles()
        if self.endpoint and matching_profile(profiles, namespace, labels) is None:
            with self._lock:
                self._cache.pop("fargate", None)
            profiles = self.fargate_profiles()
        return profiles

    def cached_fargate_profiles(self):
        """The last profiles read, never calling out (for use under the store's lock)."""
        with self._lock:
            hit = self._cache.get("fargate")
        if hit is None:
            return self.fargate_profiles() if not self.endpoint else []
        return hit[1]

    def _fetch_profiles(self):
        try:
            eks = self._client()
            out, changing = [], False
            for n in _all_pages(eks.list_fargate_profiles, "fargateProfileNames", clusterName=self.cluster_name):
                p = eks.describe_fargate_profile(clusterName=self.cluster_name, fargateProfileName=n)["fargateProfile"]
                if p.get("status") == "ACTIVE":
                    out.append(p)
                else:
                    changing = True
            self._profiles_changing = changing
            return out
        except Exception as e:
            log.debug("fargate profiles: %s", e)
            return []


    def cluster_access(self):
        """The cluster's authentication mode and, in the API modes, its access entries.

        {"mode": "CONFIG_MAP"|"API"|"API_AND_CONFIG_MAP"|None, "entries": {principalArn: {
        "username", "kubernetesGroups", "type", "policies": [{"policyArn", "accessScope"}]}}}.
        mode is None when the AWS side cannot say (absent, or no such cluster).
        """
        if not self.endpoint:
            return {"mode": None, "entries": {}}
        return self._cached("access", self._fetch_access)

    def _fetch_access(self):
        try:
            eks = self._client()
            cluster = eks.describe_cluster(name=self.cluster_name)["cluster"]
            mode = (cluster.get("accessConfig") or {}).get("authenticationMode") or "CONFIG_MAP"
            entries = {}
            if mode in ("API", "API_AND_CONFIG_MAP"):
                for arn in _all_pages(eks.list_access_entries, "accessEntries", clusterName=self.cluster_name):
                    e = eks.describe_access_entry(clusterName=self.cluster_name, principalArn=arn)["accessEntry"]
                    pols = eks.list_associated_access_policies(clusterName=self.cluster_name, principalArn=arn)
                    e["policies"] = pols.get("associatedAccessPolicies", [])
                    entries[arn] = e
            return {"mode": mode, "entries": entries}
        except Exception as e:
            log.debug("access entries: %s", e)
            return {"mode": None, "entries": {}}
