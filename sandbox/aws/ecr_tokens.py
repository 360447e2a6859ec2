"""ECR registry credentials: what GetAuthorizationToken hands out and the registry front checks.

A token is `base64("AWS:" + password)`; the password has the shape of ECR's (base64 of a JSON
object with `payload`, `datakey`, `version`, `type`, `expiration`) and is remembered with the
identity and region it was issued to. It lives 12 hours as ECR's does; the control API can
shorten that (`PUT /_sandbox/ecr {"token_lifetime_seconds": N}`) and the sandbox clock
(`PUT /_sandbox/clock`) moves the moment it is checked against.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import secrets
import threading
from dataclasses import dataclass

ECR_TOKEN_LIFETIME = 12 * 3600.0


@dataclass(frozen=True)
class IssuedToken:
    password: str
    account: str
    region: str
    access_key_id: str
    arn: str
    expires_at: dt.datetime


class TokenCheck:
    """Why a registry request's credentials do or do not pass."""

    OK = "ok"
    MISSING = "missing"  # no Authorization header, or not Basic
    MALFORMED = "malformed"  # Basic, but not `AWS:<an ECR password>`
    UNKNOWN = "unknown"  # a well-formed password the sandbox never issued
    EXPIRED = "expired"


class ECRTokens:
    def __init__(self, clock):
        self._clock = clock
        self._lock = threading.Lock()
        self._issued: dict[str, IssuedToken] = {}
        self.lifetime = ECR_TOKEN_LIFETIME

    def reset(self) -> None:
        with self._lock:
            self._issued.clear()
            self.lifetime = ECR_TOKEN_LIFETIME

    def issue(self, account: str, region: str, access_key_id: str, arn: str) -> IssuedToken:
        expires = self._clock() + dt.timedelta(seconds=self.lifetime)
        blob = {"payload": base64.b64encode(secrets.token_bytes(96)).decode(),
                "datakey": base64.b64encode(secrets.token_bytes(48)).decode(),
                "version": "2", "type": "DATA_KEY", "expiration": int(expires.timestamp())}
        password = base64.b64encode(json.dumps(blob, separators=(",", ":")).encode()).decode()
        token = IssuedToken(password, account, region, access_key_id, arn, expires)
        with self._lock:
            self._issued[password] = token
        return token

    def check(self, authorization: str | None) -> tuple[str, IssuedToken | None]:
        """(a TokenCheck value, the token when it is known)."""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "basic" or not value.strip():
            return TokenCheck.MISSING, None
        try:
            user, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
            if not user and not password:  # what clients send when they have no credentials
                return TokenCheck.MISSING, None
            json.loads(base64.b64decode(password, validate=True))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return TokenCheck.MALFORMED, None
        if user != "AWS":
            return TokenCheck.MALFORMED, None
        with self._lock:
            token = self._issued.get(password)
        if token is None:
            return TokenCheck.UNKNOWN, None
        if self._clock() >= token.expires_at:
            return TokenCheck.EXPIRED, token
        return TokenCheck.OK, token

    @staticmethod
    def authorization_token(token: IssuedToken) -> str:
        return base64.b64encode(f"AWS:{token.password}".encode()).decode()
