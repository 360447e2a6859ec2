"""EC2 NAT gateways as AWS runs them: `pending` then `available`, `deleting` then `deleted`.

moto makes a NAT gateway `available` at once and `deleted` at once; the proxy remembers when
each was created or deleted and rewrites the `state` in Create/Describe/Delete answers.
"""

from __future__ import annotations

import re
import threading
import time

_ID = re.compile(rb"<natGatewayId>(nat-[0-9a-zA-Z]+)</natGatewayId>")
_STATE = re.compile(rb"<state>([a-z]+)</state>")


class NatGateways:
    def __init__(self, latency):
        self.latency = latency
        self.lock = threading.Lock()
        self.created: dict[str, float] = {}  # id -> ready_at
        self.deleted: dict[str, float] = {}  # id -> done_at

    def reset(self) -> None:
        with self.lock:
            self.created.clear()
            self.deleted.clear()

    def after(self, operation: str, params: dict, status: int, body: bytes) -> bytes | None:
        if status != 200 or operation not in ("CreateNatGateway", "DescribeNatGateways", "DeleteNatGateway"):
            return None
        now = time.time()
        with self.lock:
            if operation == "CreateNatGateway":
                for match in _ID.finditer(body):
                    self.created[match.group(1).decode()] = now + self.latency.delay("ec2_nat_gateway_create")
            elif operation == "DeleteNatGateway":
                gateway = params.get("NatGatewayId")
                if gateway and gateway not in self.deleted:
                    self.deleted[gateway] = now + self.latency.delay("ec2_nat_gateway_delete")
                return body
            return self._rewrite(body, now)

    def _state(self, gateway: str, moto_state: str, now: float) -> str:
        if gateway in self.deleted:
            return "deleting" if now < self.deleted[gateway] else "deleted"
        if gateway in self.created and now < self.created[gateway] and moto_state == "available":
            return "pending"
        return moto_state

    def _rewrite(self, body: bytes, now: float) -> bytes:
        ids = list(_ID.finditer(body))
        if not ids:
            return body
        out, cursor = [], 0
        for index, match in enumerate(ids):
            limit = ids[index + 1].start() if index + 1 < len(ids) else len(body)
            state = _STATE.search(body, match.end(), limit)
            if not state:
                continue
            wanted = self._state(match.group(1).decode(), state.group(1).decode(), now).encode()
            out.append(body[cursor:state.start(1)])
            out.append(wanted)
            cursor = state.end(1)
        out.append(body[cursor:])
        return b"".join(out)
