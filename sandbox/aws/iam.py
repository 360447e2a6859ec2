"""IAM's eventual consistency: a new role is not usable everywhere at once.

On AWS a role created seconds ago can still be unknown to EKS and STS; callers retry. The
proxy remembers when each role was created and, for `iam_propagation` seconds (0 in the
`fast` and `instant` profiles), EKS refuses it as a cluster or pod execution role and STS
refuses to assume it, with the messages AWS uses.
"""

from __future__ import annotations

import re
import threading
import time

from .protocols import error_reply

_ARN = re.compile(rb"<Arn>(arn:aws[^<]*:role/[^<]+)</Arn>")
ROLE_NOT_READY = ("Role with arn: {arn} could not be assumed because it does not exist or the trusted entity "
                  "is not correct")
ASSUME_DENIED = "User: {caller} is not authorized to perform: sts:AssumeRole on resource: {arn}"


class RolePropagation:
    def __init__(self, latency):
        self.latency = latency
        self.lock = threading.Lock()
        self.created: dict[str, float] = {}

    def reset(self) -> None:
        with self.lock:
            self.created.clear()

    def record(self, operation: str, status: int, body: bytes) -> None:
        if operation == "CreateRole" and status == 200:
            match = _ARN.search(body)
            if match:
                with self.lock:
                    self.created[match.group(1).decode()] = time.time()

    def settling(self, arn: str | None) -> bool:
        if not arn:
            return False
        with self.lock:
            created = self.created.get(arn)
        return created is not None and time.time() - created < self.latency.delay("iam_propagation")

    def check_eks(self, operation: str, spec: dict):
        """An EKS error reply if the call names a role that has not propagated yet."""
        field = {"CreateCluster": "roleArn", "CreateFargateProfile": "podExecutionRoleArn"}.get(operation)
        arn = spec.get(field) if field else None
        if self.settling(arn):
            return error_reply("rest-json", "eks", 400, "InvalidParameterException", ROLE_NOT_READY.format(arn=arn))
        return None

    def check_sts(self, operation: str, params: dict, caller: str | None):
        if operation == "AssumeRole" and self.settling(params.get("RoleArn")):
            return error_reply("query", "sts", 403, "AccessDenied",
                               ASSUME_DENIED.format(caller=caller, arn=params.get("RoleArn")))
        return None
