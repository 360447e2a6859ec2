"""EKS's pod identity webhook (IRSA): pods whose service account carries
`eks.amazonaws.com/role-arn` get the web identity token volume and the AWS variables."""

ROLE_ANNOTATION = "eks.amazonaws.com/role-arn"
TOKEN_DIR = "/var/run/secrets/eks.amazonaws.com/serviceaccount"
VOLUME = "aws-iam-token"


def admit_pod(cluster, pod):
    md = pod["metadata"]
    spec = pod.get("spec") or {}
    sa_name = spec.get("serviceAccountName") or "default"
    sa = cluster.store.get(cluster.rt("", "serviceaccounts"), md.get("namespace"), sa_name, copy_=False)
    ann = ((sa or {}).get("metadata") or {}).get("annotations") or {}
    role = ann.get(ROLE_ANNOTATION)
    if not role:
        return
    audience = ann.get("eks.amazonaws.com/audience", "sts.amazonaws.com")
    expiration = int(ann.get("eks.amazonaws.com/token-expiration", "86400"))
    region = cluster.aws.region
    env = [{"name": "AWS_STS_REGIONAL_ENDPOINTS", "value": ann.get("eks.amazonaws.com/sts-regional-endpoints") == "false" and "legacy" or "regional"},
           {"name": "AWS_DEFAULT_REGION", "value": region},
           {"name": "AWS_REGION", "value": region},
           {"name": "AWS_ROLE_ARN", "value": role},
           {"name": "AWS_WEB_IDENTITY_TOKEN_FILE", "value": f"{TOKEN_DIR}/token"}]
    for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        have = {e.get("name") for e in c.get("env") or []}
        c["env"] = (c.get("env") or []) + [e for e in env if e["name"] not in have]
        mounts = c.setdefault("volumeMounts", [])
        if not any(m.get("mountPath") == TOKEN_DIR for m in mounts):
            mounts.append({"name": VOLUME, "readOnly": True, "mountPath": TOKEN_DIR})
    vols = spec.setdefault("volumes", [])
    if not any(v.get("name") == VOLUME for v in vols):
        vols.append({"name": VOLUME, "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"audience": audience, "expirationSeconds": expiration, "path": "token"}}]}})
