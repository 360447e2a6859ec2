"""SigV4 verification by re-signing with botocore's signers.

The proxy parses the client's signature (Authorization header or presigned query), rebuilds
the request exactly as the client signed it (the headers it named, the raw path and query,
the body or the declared payload hash) and asks botocore's signer for the signature of that
request with the secret the sandbox knows for the access key. Equal signatures pass.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from hashlib import sha256
from urllib.parse import quote, unquote

from botocore.auth import HmacV1Auth, S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
MAX_SKEW = dt.timedelta(minutes=15)
_AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<cred>[^,\s]+)\s*,\s*SignedHeaders=(?P<sh>[^,\s]+)\s*,\s*Signature=(?P<sig>[0-9a-fA-F]+)"
)


@dataclass
class ParsedAuth:
    """What the client claims: key, scope, signed headers, signature and timing."""

    access_key_id: str
    date: str
    region: str
    service: str
    signed_headers: list[str]
    signature: str
    timestamp: str
    presigned: bool
    expires: int | None
    security_token: str | None
    version: int = 4  # 2 for S3's legacy HMAC-SHA1 signatures (still what boto3 presigns S3 URLs with)


class AuthError(Exception):
    """A request the proxy must reject; `kind` picks the service-specific code."""

    def __init__(self, kind: str, detail: str = "", **extra):
        super().__init__(kind)
        self.kind = kind  # missing | malformed | unknown_key | mismatch | skew | expired | token_expired
        self.detail = detail
        self.extra = extra


def split_query(raw_query: str) -> list[tuple[str, str]]:
    """Raw `k=v` pairs, still percent-encoded, in order."""
    pairs = []
    if raw_query:
        for part in raw_query.split("&"):
            if part == "":
                continue
            key, _, value = part.partition("=")
            pairs.append((key, value))
    return pairs


def credential_scope(headers, raw_query: str) -> tuple[str, str, str] | None:
    """(access key, region, service) from the Authorization header or X-Amz-Credential, if any."""
    auth = headers.get("Authorization")
    if auth:
        match = _AUTH_RE.search(auth)
        if match:
            parts = match.group("cred").split("/")
            if len(parts) == 5:
                return parts[0], parts[2], parts[3]
        if auth.startswith("AWS ") and ":" in auth:
            return auth[4:].split(":", 1)[0].strip(), "us-east-1", "s3"
        return None
    for key, value in split_query(raw_query):
        if key == "AWSAccessKeyId":
            return unquote(value), "us-east-1", "s3"
        if unquote(key) == "X-Amz-Credential":
            parts = unquote(value).split("/")
            if len(parts) == 5:
                return parts[0], parts[2], parts[3]
    return None


def parse(headers, raw_query: str) -> ParsedAuth:
    """Reads the signature the client sent; raises AuthError when there is none or it is malformed."""
    auth = headers.get("Authorization")
    if auth and auth.startswith("AWS ") and ":" in auth:
        access_key, _, signature = auth[4:].partition(":")
        date = headers.get("Date") or headers.get("X-Amz-Date") or ""
        return ParsedAuth(access_key.strip(), "", "us-east-1", "s3", [], signature.strip(), date, False, None,
                          headers.get("X-Amz-Security-Token"), version=2)
    if auth:
        match = _AUTH_RE.search(auth)
        if not match:
            if auth.startswith("AWS4-HMAC-SHA256"):
                raise AuthError("malformed", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.")
            raise AuthError("malformed", "Only AWS Signature Version 4 (AWS4-HMAC-SHA256) is supported.")
        scope = match.group("cred").split("/")
        if len(scope) != 5 or scope[4] != "aws4_request":
            raise AuthError("malformed", f"Credential should be scoped to a valid region, not '{match.group('cred')}'.")
        timestamp = headers.get("X-Amz-Date")
        if not timestamp:
            date_header = headers.get("Date")
            if not date_header:
                raise AuthError("malformed", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
            from email.utils import parsedate_to_datetime

            timestamp = parsedate_to_datetime(date_header).astimezone(dt.timezone.utc).strftime(SIGV4_TIMESTAMP)
        return ParsedAuth(
            access_key_id=scope[0],
            date=scope[1],
            region=scope[2],
            service=scope[3],
            signed_headers=match.group("sh").lower().split(";"),
            signature=match.group("sig").lower(),
            timestamp=timestamp,
            presigned=False,
            expires=None,
            security_token=headers.get("X-Amz-Security-Token"),
        )
    params = {unquote(k): unquote(v) for k, v in split_query(raw_query)}
    if "AWSAccessKeyId" in params and "Signature" in params:
        try:
            expires = int(params.get("Expires", "0"))
        except ValueError:
            raise AuthError("malformed", "Invalid Expires") from None
        return ParsedAuth(params["AWSAccessKeyId"], "", "us-east-1", "s3", [], params["Signature"], str(expires),
                          True, expires, params.get("x-amz-security-token"), version=2)
    if "X-Amz-Signature" not in params and "X-Amz-Credential" not in params:
        raise AuthError("missing", "Missing Authentication Token")
    try:
        scope = params["X-Amz-Credential"].split("/")
        expires = int(params.get("X-Amz-Expires", "900"))
        parsed = ParsedAuth(
            access_key_id=scope[0],
            date=scope[1],
            region=scope[2],
            service=scope[3],
            signed_headers=params["X-Amz-SignedHeaders"].lower().split(";"),
            signature=params["X-Amz-Signature"].lower(),
            timestamp=params["X-Amz-Date"],
            presigned=True,
            expires=expires,
            security_token=params.get("X-Amz-Security-Token"),
        )
    except (KeyError, IndexError, ValueError) as error:
        raise AuthError("malformed", f"AWS query-string parameters missing or invalid: {error}") from None
    return parsed


class _Replay:
    """Mixin: sign with the client's own header list and a normalised canonical query."""

    def __init__(self, credentials, service, region, signed_headers, drop_signature, normalize):
        super().__init__(credentials, service, region)
        self._signed = signed_headers
        self._drop_signature = drop_signature
        self._normalize = normalize

    def _normalize_url_path(self, path):
        # Every service but S3 normalises the path and encodes it once more; S3 signs it as sent.
        return SigV4Auth._normalize_url_path(self, path) if self._normalize else path

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name in self._signed:
            values = request.headers.get_all(name) if hasattr(request.headers, "get_all") else None
            if not values:
                value = request.headers.get(name)
                values = [value] if value is not None else [""]
            for value in values:
                header_map[name] = value
        return header_map

    def canonical_query_string(self, request):
        raw = request.url.split("?", 1)[1] if "?" in request.url else ""
        pairs = []
        for key, value in split_query(raw):
            name = unquote(key)
            if self._drop_signature and name == "X-Amz-Signature":
                continue
            pairs.append((quote(name, safe="-_.~"), quote(unquote(value), safe="-_.~")))
        return "&".join(f"{k}={v}" for k, v in sorted(pairs))


class _HeaderAuth(_Replay, SigV4Auth):
    pass


class _S3HeaderAuth(_Replay, S3SigV4Auth):
    pass


class _QueryAuth(_Replay, SigV4QueryAuth):
    pass


class _S3QueryAuth(_Replay, S3SigV4QueryAuth):
    pass


def expected_signature(parsed: ParsedAuth, secret: str, method: str, host_url: str, raw_path: str,
                       raw_query: str, headers, body: bytes, normalize: bool | None = None) -> str:
    """The signature botocore computes for this request with `secret`."""
    is_s3 = parsed.service == "s3"
    if normalize is None:
        normalize = not is_s3
    if parsed.presigned:
        cls = _S3QueryAuth if is_s3 else _QueryAuth
    else:
        cls = _S3HeaderAuth if is_s3 else _HeaderAuth
    signer = cls(Credentials(parsed.access_key_id, secret, parsed.security_token), parsed.service,
                 parsed.region, parsed.signed_headers, parsed.presigned, normalize)
    url = host_url + raw_path + (("?" + raw_query) if raw_query else "")
    request = AWSRequest(method=method, url=url, data=body)
    request.headers = _copy_headers(headers)
    request.context["timestamp"] = parsed.timestamp
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    return signer.signature(string_to_sign, request)


def _copy_headers(headers) -> HTTPHeaders:
    copy = HTTPHeaders()
    for name, value in headers.items():
        copy[name.lower()] = value
    return copy


class _S3V2(HmacV1Auth):
    """botocore's S3 HMAC-SHA1 signer with the date (or, presigned, the expiry) the client used."""

    def __init__(self, credentials, date: str):
        super().__init__(credentials)
        self._date = date

    def _get_date(self):
        return self._date


def _verify_v2(parsed: ParsedAuth, secret: str, method: str, raw_path: str, raw_query: str, headers) -> None:
    from urllib.parse import SplitResult

    copy = _copy_headers(headers)
    for name in ("Authorization",):
        del copy[name]
    if parsed.presigned:
        for name in list(copy.keys()):
            if name.lower() == "date":
                del copy[name]
    signer = _S3V2(Credentials(parsed.access_key_id, secret), parsed.timestamp)
    split = SplitResult("http", "", raw_path, raw_query, "")
    want = signer.sign_string(signer.canonical_string(method, split, copy))
    if not hmac.compare_digest(want, parsed.signature):
        raise AuthError("mismatch")


def check_time(parsed: ParsedAuth, now: dt.datetime) -> None:
    """Clock skew (header signing) and expiry (presigned), with AWS's limits."""
    if parsed.version == 2:
        if parsed.presigned:
            expires_at = dt.datetime.fromtimestamp(parsed.expires or 0, dt.timezone.utc)
            if now > expires_at:
                raise AuthError("expired", signed_at=expires_at, expires_at=expires_at, now=now, expires=None)
        return
    try:
        signed_at = dt.datetime.strptime(parsed.timestamp, SIGV4_TIMESTAMP).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise AuthError("malformed", f"Invalid date format of header X-Amz-Date: {parsed.timestamp}") from None
    if parsed.timestamp[:8] != parsed.date:
        raise AuthError("mismatch", "Credential date does not match X-Amz-Date.")
    if parsed.presigned:
        expires_at = signed_at + dt.timedelta(seconds=parsed.expires or 0)
        if now > expires_at:
            raise AuthError("expired", signed_at=signed_at, expires_at=expires_at, now=now, expires=parsed.expires)
        if signed_at - now > MAX_SKEW:
            raise AuthError("skew", signed_at=signed_at, now=now, future=True)
        return
    if now - signed_at > MAX_SKEW:
        raise AuthError("skew", signed_at=signed_at, now=now, future=False)
    if signed_at - now > MAX_SKEW:
        raise AuthError("skew", signed_at=signed_at, now=now, future=True)


def verify(parsed: ParsedAuth, secret: str, method: str, host_url: str, raw_path: str, raw_query: str,
           headers, body: bytes) -> None:
    """Raises AuthError('mismatch') unless the client's signature is the one botocore computes."""
    if parsed.version == 2:
        return _verify_v2(parsed, secret, method, raw_path, raw_query, headers)
    declared = headers.get("X-Amz-Content-SHA256")
    if declared and re.fullmatch(r"[0-9a-f]{64}", declared) and sha256(body).hexdigest() != declared:
        raise AuthError("content_sha", "The provided 'x-amz-content-sha256' header does not match what was computed.")
    want = expected_signature(parsed, secret, method, host_url, raw_path, raw_query, headers, body)
    if not hmac.compare_digest(want, parsed.signature):
        raise AuthError("mismatch")
