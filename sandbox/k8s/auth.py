"""Authentication as on EKS: the static admin token, service account tokens, and
`k8s-aws-v1.` bearer tokens verified the way aws-iam-authenticator verifies them."""

import base64
import datetime
import logging
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import yaml

log = logging.getLogger("sandbox.k8s.auth")

TOKEN_PREFIX = "k8s-aws-v1."
ALLOWED_QUERY = {"action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
                 "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders"}
MAX_EXPIRES = 900
MAX_AGE = 15 * 60
STS_HOST = re.compile(r"^sts(-fips)?(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$")
ADMIN = {"username": "kubernetes-admin", "groups": ["system:masters", "system:authenticated"], "uid": "", "extra": {}}


class TokenError(Exception):
    pass


def parse_presigned(token, cluster_name, sandbox_netloc, now=None):
    """Checks of aws-iam-authenticator's verifier, before the STS call. Returns the URL."""
    if not token.startswith(TOKEN_PREFIX):
        raise TokenError("token is missing expected \"k8s-aws-v1.\" prefix")
    raw = token[len(TOKEN_PREFIX):]
    try:
        url = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except Exception:
        raise TokenError("input token was not properly formatted")
    u = urllib.parse.urlsplit(url)
    host = u.netloc.lower()
    sandbox = sandbox_netloc and host == sandbox_netloc.lower()
    if u.scheme != "https" and not (sandbox and u.scheme == "http"):
        raise TokenError(f"unexpected scheme {u.scheme!r} in pre-signed URL")
    if not sandbox and not STS_HOST.match(host):
        raise TokenError(f"unexpected hostname {u.hostname!r} in pre-signed URL")
    if u.path != "/":
        raise TokenError("unexpected path in pre-signed URL")
    q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
    lower = {}
    for k, v in q.items():
        if k.lower() not in ALLOWED_QUERY:
            raise TokenError(f"non-whitelisted query parameter {k!r}")
        if len(v) != 1:
            raise TokenError("query parameter with multiple values not supported")
        lower[k.lower()] = v[0]
    if lower.get("action") != "GetCallerIdentity":
        raise TokenError("unexpected action parameter in pre-signed URL")
    signed = lower.get("x-amz-signedheaders", "").lower().split(";")
    if "x-k8s-aws-id" not in signed:
        raise TokenError("client did not sign the x-k8s-aws-id header in the pre-signed URL")
    try:
        expires = int(lower.get("x-amz-expires", ""))
    except ValueError:
        raise TokenError("X-Amz-Expires parameter in pre-signed URL is not a number")
    if expires < 0 or expires > MAX_EXPIRES:
        raise TokenError(f"X-Amz-Expires parameter in pre-signed URL is {expires} which is not in range 0..{MAX_EXPIRES}")
    try:
        signed_at = datetime.datetime.strptime(lower.get("x-amz-date", ""), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        raise TokenError("error parsing X-Amz-Date parameter")
    now = now or time.time()
    age = now - signed_at.timestamp()
    if age > MAX_AGE or age < -MAX_AGE:
        raise TokenError("X-Amz-Date parameter is expired (15 minute expiration)")
    return url


def parse_caller_identity(body):
    """ARN, account and user id from STS GetCallerIdentity (XML, or JSON when asked)."""
    body = body.strip()
    if body.startswith(b"{"):
        import json

        d = json.loads(body)
        r = d.get("GetCallerIdentityResponse", {}).get("GetCallerIdentityResult", d)
        return r.get("Arn"), r.get("Account"), r.get("UserId")
    root = ET.fromstring(body)
    vals = {}
    for el in root.iter():
        tag = el.tag.split("}", 1)[-1]
        if tag in ("Arn", "Account", "UserId"):
            vals[tag] = (el.text or "").strip()
    return vals.get("Arn"), vals.get("Account"), vals.get("UserId")


def canonical_arn(arn):
    """assumed-role ARNs become role ARNs; role paths are dropped (as the authenticator does)."""
    m = re.match(r"^arn:(aws[a-z-]*):sts::(\d+):assumed-role/([^/]+)/(.+)$", arn or "")
    if m:
        return f"arn:{m.group(1)}:iam::{m.group(2)}:role/{m.group(3)}", m.group(4)
    m = re.match(r"^arn:(aws[a-z-]*):iam::(\d+):role/(?:.*/)?([^/]+)$", arn or "")
    if m:
        return f"arn:{m.group(1)}:iam::{m.group(2)}:role/{m.group(3)}", ""
    return arn, ""


def _render(template, account, session):
    return (template or "").replace("{{AccountID}}", account or "").replace("{{SessionName}}", re.sub(r"@", "-", session or "")) \
        .replace("{{SessionNameRaw}}", session or "")


def map_identity(aws_auth_data, arn, account, creator_arn=None):
    """User info for a caller ARN through aws-auth, or None when the identity is not mapped."""
    canon, session = canonical_arn(arn)
    if creator_arn and canonical_arn(creator_arn)[0] == canon:
        return {"username": "kubernetes-admin", "groups": ["system:masters", "system:authenticated"], "uid": "",
                "extra": {"arn": [arn], "canonicalArn": [canon], "accountId": [account or ""]}}
    data = aws_auth_data or {}
    try:
        users = yaml.safe_load(data.get("mapUsers") or "[]") or []
        roles = yaml.safe_load(data.get("mapRoles") or "[]") or []
    except yaml.YAMLError as e:
        log.warning("aws-auth ConfigMap does not parse: %s", e)
        return None
    entry = None
    for u in users:
        if isinstance(u, dict) and (u.get("userarn") or "").lower() == (canon or "").lower():
            entry = u
            break
    if entry is None:
        for r in roles:
            if isinstance(r, dict) and canonical_arn(r.get("rolearn") or "")[0].lower() == (canon or "").lower():
                entry = r
                break
    if entry is None:
        return None
    username = _render(entry.get("username") or canon, account, session)
    groups = [_render(g, account, session) for g in entry.get("groups") or []]
    return {"username": username, "groups": groups + ["system:authenticated"], "uid": f"aws-iam-authenticator:{account}:",
            "extra": {"arn": [arn], "canonicalArn": [canon], "accountId": [account or ""]}}


class Authenticator:
    def __init__(self, cluster_name, aws_endpoint, admin_token, aws_side, aws_auth_reader, sa_token_lookup):
        self.cluster_name = cluster_name
        self.aws_endpoint = aws_endpoint
        self.sandbox_netloc = urllib.parse.urlsplit(aws_endpoint).netloc if aws_endpoint else None
        self.admin_token = admin_token
        self.aws_side = aws_side
        self.aws_auth_reader = aws_auth_reader  # () -> data dict of kube-system/aws-auth
        self.sa_token_lookup = sa_token_lookup  # token -> user info or None
        self._cache = {}
        self._lock = threading.Lock()

    def authenticate(self, header):
        """User info dict, or None (401)."""
        if not header or not header.lower().startswith("bearer "):
            return None
        token = header[7:].strip()
        if self.admin_token and token == self.admin_token:
            return dict(ADMIN)
        if token.startswith(TOKEN_PREFIX):
            ident = self._aws_identity(token)
            if ident is None:
                return None
            arn, account = ident
            return map_identity(self.aws_auth_reader(), arn, account, self.aws_side.cluster_creator() if self.aws_side else None)
        return self.sa_token_lookup(token)

    def _aws_identity(self, token):
        now = time.time()
        with self._lock:
            hit = self._cache.get(token)
            if hit and hit[0] > now:
                return hit[1]
        try:
            url = parse_presigned(token, self.cluster_name, self.sandbox_netloc, now)
            ident = self._call_sts(url)
        except TokenError as e:
            log.info("token rejected: %s", e)
            return None
        with self._lock:
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[token] = (now + 60, ident)
        return ident

    def _call_sts(self, url):
        u = urllib.parse.urlsplit(url)
        target = url
        if self.aws_endpoint and u.netloc.lower() != self.sandbox_netloc.lower():
            # A real STS host in the token: the sandbox's STS answers for it (same query, signature kept).
            target = self.aws_endpoint.rstrip("/") + "/?" + u.query
        req = urllib.request.Request(target, headers={"x-k8s-aws-id": self.cluster_name, "Host": u.netloc})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                body = r.read()
        except urllib.error.HTTPError as e:
            raise TokenError(f"sts getCallerIdentity failed: {e.code}")
        except Exception as e:
            raise TokenError(f"error during GET: {e}")
        arn, account, _ = parse_caller_identity(body)
        if not arn:
            raise TokenError("sts getCallerIdentity returned no ARN")
        return arn, account
