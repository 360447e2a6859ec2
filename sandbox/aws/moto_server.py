"""moto server with a small admin extension for the front proxy.

Run as `python -m sandbox.aws.moto_server --host 127.0.0.1 --port N`. It is moto's own
WSGI application (the one `moto_server` runs) with two private routes the proxy needs and
moto lacks:

- `GET /_sandbox_moto/keys/<access key id>`: the secret, owner ARN and status of an access
  key moto's IAM (or STS) created, so the proxy can verify signatures made with keys created
  later through IAM CreateAccessKey or STS AssumeRole.
- `POST /_sandbox_moto/users`: create IAM users with access keys of *given* values, so the
  sandbox identities survive a reset with the same keys (moto only makes random keys).
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _iam_backends():
    from moto.iam.models import iam_backends

    return iam_backends


def _find_key(access_key_id: str) -> dict | None:
    from moto.core.utils import utcnow

    for account_id, account in list(_iam_backends().items()):
        for partition in list(account.keys()):
            backend = account[partition]
            key = backend.access_keys.get(access_key_id)
            if key is None:
                for user in list(backend.users.values()):
                    for candidate in user.access_keys:
                        if candidate.access_key_id == access_key_id:
                            key = candidate
                if key is None:
                    continue
            arn = None
            if key.user_name:
                user = backend.users.get(key.user_name)
                arn = user.arn if user else None
            elif getattr(key, "role_arn", None):
                arn = key.role_arn
            expiration = None
            session_token = None
            try:
                from moto.sts.models import sts_backends

                for sts_account in list(sts_backends.values()):
                    for sts in list(sts_account.values()):
                        for role in list(getattr(sts, "assumed_roles", [])):
                            if role.access_key_id == access_key_id:
                                arn = role.arn
                                expiration = role.expiration.isoformat() + "Z"
                                session_token = role.session_token
            except Exception:  # moto internals vary; the key itself is what matters
                pass
            return {
                "access_key_id": key.access_key_id,
                "secret_access_key": key.secret_access_key,
                "status": key.status,
                "account_id": account_id,
                "arn": arn,
                "expiration": expiration,
                "session_token": session_token,
                "now": utcnow().isoformat() + "Z",
            }
    return None


def _create_users(spec: dict) -> dict:
    from moto.core import DEFAULT_ACCOUNT_ID

    account_id = spec.get("account_id", DEFAULT_ACCOUNT_ID)
    backend = _iam_backends()[account_id]["aws"]
    created = []
    for entry in spec["users"]:
        name = entry["name"]
        if name not in backend.users:
            backend.create_user(region_name="us-east-1", user_name=name, path="/", tags=[])
        user = backend.users[name]
        for policy_arn in entry.get("policies", []):
            try:
                backend.attach_user_policy(policy_arn, name)
            except Exception as error:  # an unknown policy is reported, not fatal
                print(f"attach {policy_arn} to {name}: {error}", file=sys.stderr)
        wanted = entry["access_key_id"]
        if not any(k.access_key_id == wanted for k in user.access_keys):
            key = backend.create_access_key(user_name=name)
            backend.access_keys.pop(key.physical_resource_id, None)
            key.access_key_id = wanted
            key.secret_access_key = entry["secret_access_key"]
            backend.access_keys[key.physical_resource_id] = key
        created.append({"name": name, "arn": user.arn, "access_key_id": wanted})
    return {"users": created}


class AdminMiddleware:
    """Answers the `/_sandbox_moto/` routes and hands everything else to moto."""

    PREFIX = "/_sandbox_moto/"

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(self.PREFIX):
            return self.app(environ, start_response)
        route = path[len(self.PREFIX) :]
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if method == "GET" and route.startswith("keys/"):
                found = _find_key(route[len("keys/") :])
                return self._reply(start_response, 200 if found else 404, found or {"error": "unknown key"})
            if method == "POST" and route == "users":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                spec = json.loads(environ["wsgi.input"].read(length) or b"{}")
                return self._reply(start_response, 200, _create_users(spec))
            if method == "GET" and route == "ping":
                return self._reply(start_response, 200, {"ok": True})
        except Exception as error:  # report the failure to the proxy rather than hang
            return self._reply(start_response, 500, {"error": repr(error)})
        return self._reply(start_response, 404, {"error": f"no route {method} {route}"})

    @staticmethod
    def _reply(start_response, status: int, body: dict):
        data = json.dumps(body).encode()
        reason = {200: "OK", 404: "Not Found", 500: "Internal Server Error"}[status]
        start_response(f"{status} {reason}", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.aws.moto_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

    from werkzeug.serving import WSGIRequestHandler, make_server

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    import socket

    class QuietHandler(WSGIRequestHandler):
        def setup(self):
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_request(self, code="-", size="-"):
            pass

    app = AdminMiddleware(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    print(f"moto listening on http://{args.host}:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
