"""The sandbox control API, served by the proxy under `/_sandbox/` (unsigned, loopback only).

    GET  /_sandbox/                  this index
    GET/PUT /_sandbox/clock          {"skew_seconds": N}: check signatures against a clock N s ahead
    GET  /_sandbox/health            {"ok": true} once moto and the sandbox users are ready
    POST /_sandbox/reset             fresh moto, proxy state, users (same keys) and emulator
    GET  /_sandbox/latency           profile, factor, overrides and the resulting delays (s)
    PUT  /_sandbox/latency           {"profile": "fast|realistic|instant", "factor": 10, "overrides": {...}}
    GET  /_sandbox/faults            rules with their matched/fired counters
    PUT  /_sandbox/faults            {"rules": [{"kind": "throttle|error|drop|lose-response|delay", "probability": 0.3,
                                      "service": "eks", "operation": "DescribeCluster", "after": 0,
                                      "times": null, "status": 500, "seconds": 1.0, "user_agent": "eks-spark",
                                      "access_key_id": null}]} or {"fail_after": N}
    DELETE /_sandbox/faults          no faults
    GET  /_sandbox/requests?since=N  {"count": total, "requests": [{seq, time, service, operation, status, ...}]}
    DELETE /_sandbox/requests        clear the log
    GET  /_sandbox/clusters/<name>   {"name", "region", "creator_arn", "status", "created_at"}
    GET  /_sandbox/identities        the sandbox IAM users (name, arn, access key id)
    GET  /_sandbox/keys/<key id>     secret and ARN of an access key (for the emulator's token checks)
    GET/PUT /_sandbox/k8s            {"cluster_name", "endpoint", "ca_file", "admin_token_file"}: the
                                      emulator `up` started (DescribeCluster of that name points at it)
    DELETE /_sandbox/k8s             forget the emulator
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from .eks_state import set_k8s

ENDPOINTS = [line.strip() for line in __doc__.splitlines()[1:] if line.strip().startswith(("GET", "POST", "PUT", "DELETE"))]


def handle_control(handler, proxy, method: str, path: str, raw_query: str, body: bytes) -> None:
    if not handler.client_address[0].startswith("127."):
        return handler.send_json(403, {"error": "the control API answers on loopback only"})
    route = path[len("/_sandbox"):].strip("/")
    query = parse_qs(raw_query)
    try:
        spec = json.loads(body) if body else {}
    except ValueError as error:
        return handler.send_json(400, {"error": f"body is not JSON: {error}"})
    try:
        if route == "" and method == "GET":
            return handler.send_json(200, {"endpoints": ENDPOINTS})
        if route == "health":
            return handler.send_json(200, {"ok": True, "moto": proxy.moto_url})
        if route == "clock":
            if method in ("PUT", "POST"):
                proxy.skew_seconds = float(spec.get("skew_seconds", 0))
            return handler.send_json(200, {"skew_seconds": proxy.skew_seconds, "now": proxy.clock().isoformat()})
        if route == "reset" and method == "POST":
            return handler.send_json(200, proxy.reset())
        if route == "latency":
            if method == "PUT" or method == "POST":
                return handler.send_json(200, proxy.latency.set(spec))
            return handler.send_json(200, proxy.latency.describe())
        if route == "faults":
            if method in ("PUT", "POST"):
                return handler.send_json(200, proxy.faults.set(spec))
            if method == "DELETE":
                proxy.faults.reset()
                return handler.send_json(200, proxy.faults.describe())
            return handler.send_json(200, proxy.faults.describe())
        if route == "requests":
            if method == "DELETE":
                proxy.log.clear()
                return handler.send_json(200, {"count": 0, "requests": []})
            since = int(query.get("since", ["0"])[0])
            return handler.send_json(200, proxy.log.since(since))
        if route.startswith("clusters/") and method == "GET":
            name = route[len("clusters/"):]
            found = proxy.eks.creator(query.get("region", [None])[0], name)
            if not found:
                return handler.send_json(404, {"error": f"no cluster {name!r} created through the sandbox"})
            return handler.send_json(200, found)
        if route == "identities":
            return handler.send_json(200, {"users": [{k: u.get(k) for k in ("name", "arn", "access_key_id")}
                                                     for u in proxy.identities]})
        if route.startswith("keys/") and method == "GET":
            key = proxy.keys.lookup(route[len("keys/"):])
            if not key:
                return handler.send_json(404, {"error": "unknown access key"})
            return handler.send_json(200, key)
        if route == "k8s":
            if method == "DELETE":
                with proxy.eks_state.lock:
                    proxy.eks_state.k8s = {}
                proxy.k8s = {}
            if method in ("PUT", "POST"):
                with open(spec["ca_file"], "rb") as ca:
                    set_k8s(proxy.eks_state, spec["cluster_name"], spec["endpoint"], ca.read())
                proxy.k8s = {k: spec.get(k) for k in ("cluster_name", "endpoint", "ca_file", "admin_token_file")}
            return handler.send_json(200, proxy.k8s)
    except (ValueError, KeyError, OSError) as error:
        return handler.send_json(400, {"error": str(error)})
    return handler.send_json(404, {"error": f"no control endpoint {method} /_sandbox/{route}",
                                   "endpoints": ENDPOINTS})
