"""Which wire protocol a request speaks, which operation it calls, and errors in its shape.

AWS services answer errors in one of five shapes: the Query protocol (IAM, STS: an
`ErrorResponse` document), EC2's own `Response/Errors` document, awsJson (ECR: `__type`),
restJson (EKS: the `x-amzn-ErrorType` header and a `message`), and S3's bare `Error`.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

QUERY_SERVICES = {"iam", "sts", "sns", "sqs", "cloudformation", "autoscaling", "elasticloadbalancing",
                  "rds", "elasticache", "ses", "cloudwatch", "monitoring"}

QUERY_NAMESPACES = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
}

# EKS REST routes: (method, path regex, operation).
EKS_ROUTES = [
    ("POST", r"/clusters", "CreateCluster"),
    ("GET", r"/clusters", "ListClusters"),
    ("GET", r"/clusters/(?P<name>[^/]+)", "DescribeCluster"),
    ("DELETE", r"/clusters/(?P<name>[^/]+)", "DeleteCluster"),
    ("POST", r"/clusters/(?P<name>[^/]+)/update-config", "UpdateClusterConfig"),
    ("POST", r"/clusters/(?P<name>[^/]+)/updates", "UpdateClusterVersion"),
    ("GET", r"/clusters/(?P<name>[^/]+)/updates", "ListUpdates"),
    ("GET", r"/clusters/(?P<name>[^/]+)/updates/(?P<update>[^/]+)", "DescribeUpdate"),
    ("POST", r"/clusters/(?P<name>[^/]+)/fargate-profiles", "CreateFargateProfile"),
    ("GET", r"/clusters/(?P<name>[^/]+)/fargate-profiles", "ListFargateProfiles"),
    ("GET", r"/clusters/(?P<name>[^/]+)/fargate-profiles/(?P<profile>[^/]+)", "DescribeFargateProfile"),
    ("DELETE", r"/clusters/(?P<name>[^/]+)/fargate-profiles/(?P<profile>[^/]+)", "DeleteFargateProfile"),
    ("POST", r"/clusters/(?P<name>[^/]+)/node-groups", "CreateNodegroup"),
    ("GET", r"/clusters/(?P<name>[^/]+)/node-groups", "ListNodegroups"),
    ("GET", r"/clusters/(?P<name>[^/]+)/node-groups/(?P<nodegroup>[^/]+)", "DescribeNodegroup"),
    ("DELETE", r"/clusters/(?P<name>[^/]+)/node-groups/(?P<nodegroup>[^/]+)", "DeleteNodegroup"),
    ("POST", r"/clusters/(?P<name>[^/]+)/addons", "CreateAddon"),
    ("GET", r"/clusters/(?P<name>[^/]+)/addons", "ListAddons"),
    ("POST", r"/clusters/(?P<name>[^/]+)/access-entries", "CreateAccessEntry"),
    ("GET", r"/clusters/(?P<name>[^/]+)/access-entries", "ListAccessEntries"),
    ("POST", r"/tags/(?P<arn>.+)", "TagResource"),
    ("DELETE", r"/tags/(?P<arn>.+)", "UntagResource"),
    ("GET", r"/tags/(?P<arn>.+)", "ListTagsForResource"),
]
_EKS_COMPILED = [(m, re.compile(p + r"/?$"), op) for m, p, op in EKS_ROUTES]


@dataclass
class Call:
    """A request as the proxy understands it."""

    service: str  # signing name from the credential scope ("eks", "iam", ...), or "" when unsigned
    family: str  # query | ec2 | json | rest-json | s3
    operation: str
    params: dict = field(default_factory=dict)  # path parameters (restJson) or query/form parameters


def family_of(service: str, headers) -> str:
    if headers.get("X-Amz-Target"):
        return "json"
    if service == "ec2":
        return "ec2"
    if service == "s3":
        return "s3"
    if service in QUERY_SERVICES:
        return "query"
    content_type = headers.get("Content-Type", "") or ""
    if content_type.startswith("application/x-www-form-urlencoded"):
        return "query"
    return "rest-json"


def identify(service: str, method: str, path: str, raw_query: str, headers, body: bytes) -> Call:
    family = family_of(service, headers)
    if not service and re.search(r"(^|&)Action=", raw_query or ""):
        family = "query"
    if family in ("query", "ec2"):
        params = dict(parse_qsl(raw_query, keep_blank_values=True))
        content_type = headers.get("Content-Type", "") or ""
        if body and "x-www-form-urlencoded" in content_type:
            params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        return Call(service, family, params.get("Action", "Unknown"), params)
    if family == "json":
        target = headers.get("X-Amz-Target", "")
        return Call(service, family, target.rsplit(".", 1)[-1] or "Unknown")
    if family == "s3":
        return Call(service, family, _s3_operation(method, path, raw_query))
    for want, pattern, operation in _EKS_COMPILED:
        if want == method:
            match = pattern.match(path)
            if match:
                return Call(service, family, operation, match.groupdict())
    return Call(service, family, f"{method} {path}")


def _s3_operation(method: str, path: str, raw_query: str) -> str:
    parts = [p for p in path.split("/") if p]
    query = raw_query or ""
    if not parts:
        return "ListBuckets" if method == "GET" else f"{method}Service"
    has_key = len(parts) > 1
    if "uploads" in query or "uploadId" in query:
        return {"POST": "CreateMultipartUpload" if "uploads" in query else "CompleteMultipartUpload",
                "PUT": "UploadPart", "DELETE": "AbortMultipartUpload", "GET": "ListParts"}.get(method, method)
    if has_key:
        return {"GET": "GetObject", "PUT": "PutObject", "HEAD": "HeadObject", "DELETE": "DeleteObject",
                "POST": "PostObject"}.get(method, method)
    sub = query.split("=", 1)[0].split("&", 1)[0]
    if sub and method in ("GET", "PUT", "DELETE"):
        verb = {"GET": "GetBucket", "PUT": "PutBucket", "DELETE": "DeleteBucket"}[method]
        return verb + sub[:1].upper() + sub[1:]
    return {"GET": "ListObjects", "PUT": "CreateBucket", "HEAD": "HeadBucket", "DELETE": "DeleteBucket",
            "POST": "DeleteObjects"}.get(method, method)


@dataclass
class ErrorReply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def error_reply(family: str, service: str, status: int, code: str, message: str,
                extra: dict | None = None, sender: bool = True) -> ErrorReply:
    """An error in the shape `family` uses, as the real service writes it."""
    request_id = str(uuid.uuid4())
    headers = [("x-amzn-RequestId", request_id)]
    if family == "query":
        namespace = QUERY_NAMESPACES.get(service)
        ns = f' xmlns="{namespace}"' if namespace else ""
        body = (f"<ErrorResponse{ns}>\n  <Error>\n    <Type>{'Sender' if sender else 'Receiver'}</Type>\n"
                f"    <Code>{escape(code)}</Code>\n    <Message>{escape(message)}</Message>\n  </Error>\n"
                f"  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n")
        headers.append(("Content-Type", "text/xml"))
    elif family == "ec2":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{escape(code)}</Code>'
                f"<Message>{escape(message)}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>")
        headers = [("Content-Type", "text/xml;charset=UTF-8")]
    elif family == "json":
        body = json.dumps({"__type": code, "message": message})
        headers.append(("Content-Type", "application/x-amz-json-1.1"))
    elif family == "s3":
        items = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in (extra or {}).items())
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{escape(code)}</Code>'
                f"<Message>{escape(message)}</Message>{items}<RequestId>{request_id[:16].upper()}</RequestId>"
                f"<HostId>{uuid.uuid4().hex}</HostId></Error>")
        headers = [("Content-Type", "application/xml"), ("x-amz-request-id", request_id[:16].upper())]
    else:  # rest-json
        payload = {"message": message}
        payload.update(extra or {})
        body = json.dumps(payload)
        headers.append(("x-amzn-ErrorType", code))
        headers.append(("Content-Type", "application/json"))
    data = body.encode()
    headers.append(("Content-Length", str(len(data))))
    return ErrorReply(status, headers, data)


SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                      "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
INVALID_TOKEN = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"


def _ts(value) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def auth_error(family: str, service: str, error) -> ErrorReply:
    """Maps a sigv4.AuthError to the code, status and text the service would answer with."""
    kind = error.kind
    json_like = family in ("json", "rest-json")
    if kind == "missing":
        if family == "s3":
            return error_reply(family, service, 403, "AccessDenied", "Access Denied")
        if family == "ec2":
            return error_reply(family, service, 401, "AuthFailure", "AWS was not able to validate the provided access credentials")
        code = "MissingAuthenticationTokenException" if json_like else "MissingAuthenticationToken"
        return error_reply(family, service, 403, code, "Missing Authentication Token")
    if kind == "malformed":
        if family == "s3":
            return error_reply(family, service, 400, "AuthorizationHeaderMalformed", error.detail)
        code = "IncompleteSignatureException" if json_like else "IncompleteSignature"
        return error_reply(family, service, 400 if not json_like else 403, code, error.detail)
    if kind == "unknown_key":
        if family == "s3":
            return error_reply(family, service, 403, "InvalidAccessKeyId",
                               "The AWS Access Key Id you provided does not exist in our records.",
                               {"AWSAccessKeyId": error.detail})
        if family == "ec2":
            return error_reply(family, service, 401, "AuthFailure", "AWS was not able to validate the provided access credentials")
        code = "UnrecognizedClientException" if json_like else "InvalidClientTokenId"
        return error_reply(family, service, 403, code, INVALID_TOKEN)
    if kind == "token_expired":
        if family == "s3":
            return error_reply(family, service, 400, "ExpiredToken", "The provided token has expired.")
        code = "ExpiredTokenException" if json_like else ("RequestExpired" if family == "ec2" else "ExpiredToken")
        return error_reply(family, service, 400 if not json_like else 403, code, EXPIRED_TOKEN)
    if kind in ("mismatch", "content_sha"):
        if family == "s3":
            if kind == "content_sha":
                return error_reply(family, service, 400, "XAmzContentSHA256Mismatch", error.detail)
            return error_reply(family, service, 403, "SignatureDoesNotMatch", S3_SIGNATURE_MISMATCH,
                               {"AWSAccessKeyId": error.extra.get("access_key", "")})
        code = "InvalidSignatureException" if json_like else "SignatureDoesNotMatch"
        message = SIGNATURE_MISMATCH if kind == "mismatch" or not error.detail else error.detail
        if kind == "mismatch" and error.detail:
            message = error.detail
        return error_reply(family, service, 403, code, message)
    if kind == "skew":
        signed, now = error.extra["signed_at"], error.extra["now"]
        if family == "s3":
            return error_reply(family, service, 403, "RequestTimeTooSkewed",
                               "The difference between the request time and the current time is too large.",
                               {"RequestTime": _ts(signed), "ServerTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "MaxAllowedSkewMilliseconds": 900000})
        if family == "ec2":
            return error_reply(family, service, 400, "RequestExpired", "Request has expired.")
        import datetime as dt

        if error.extra.get("future"):
            message = (f"Signature not yet current: {_ts(signed)} is still later than "
                       f"{_ts(now + dt.timedelta(minutes=15))} ({_ts(now)} + 15 min.)")
        else:
            message = (f"Signature expired: {_ts(signed)} is now earlier than "
                       f"{_ts(now - dt.timedelta(minutes=15))} ({_ts(now)} - 15 min.)")
        code = "InvalidSignatureException" if json_like else "SignatureDoesNotMatch"
        return error_reply(family, service, 403, code, message)
    if kind == "expired":
        now, expires_at = error.extra["now"], error.extra["expires_at"]
        if family == "s3":
            return error_reply(family, service, 403, "AccessDenied", "Request has expired",
                               {"X-Amz-Expires": error.extra.get("expires"),
                                "Expires": expires_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "ServerTime": now.strftime("%Y-%m-%dT%H:%M:%SZ")})
        if family == "ec2":
            return error_reply(family, service, 400, "RequestExpired", "Request has expired.")
        code = "InvalidSignatureException" if json_like else "ExpiredToken"
        message = f"Signature expired: {_ts(expires_at)} is now earlier than {_ts(now)}"
        return error_reply(family, service, 403 if json_like else 400, code, message)
    return error_reply(family, service, 403, "AccessDenied", str(error))


def throttle_error(family: str, service: str) -> ErrorReply:
    if family == "s3":
        return error_reply(family, service, 503, "SlowDown", "Please reduce your request rate.")
    if family == "ec2":
        return error_reply(family, service, 503, "RequestLimitExceeded", "Request limit exceeded.")
    if family == "query":
        return error_reply(family, service, 400, "Throttling", "Rate exceeded")
    return error_reply(family, service, 429 if family == "rest-json" else 400, "ThrottlingException", "Rate exceeded")


def server_error(family: str, service: str, status: int) -> ErrorReply:
    if status == 503:
        if family == "s3":
            return error_reply(family, service, 503, "ServiceUnavailable", "Please reduce your request rate.")
        if family == "ec2":
            return error_reply(family, service, 503, "Unavailable", "The server is overloaded and can't handle the request.")
        code = "ServiceUnavailableException" if family in ("json", "rest-json") else "ServiceUnavailable"
        return error_reply(family, service, 503, code, "Service is unable to handle request.", sender=False)
    if family == "s3":
        return error_reply(family, service, 500, "InternalError", "We encountered an internal error. Please try again.")
    if family == "ec2":
        return error_reply(family, service, 500, "InternalError", "An internal error has occurred")
    code = "InternalFailure"
    return error_reply(family, service, 500, code,
                       "The request processing has failed because of an unknown error, exception or failure.",
                       sender=False)
