"""Status errors shaped exactly like the Kubernetes API server's."""


class APIError(Exception):
    """An error answered to the client as a `Status` object."""

    def __init__(self, code, reason, message, details=None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details

    def status(self):
        body = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
        }
        if self.details is not None:
            body["details"] = self.details
        body["code"] = self.code
        return body


def qualified(rt):
    """`pods` for the core group, `deployments.apps` otherwise (the API server's form)."""
    return rt.plural if not rt.group else f"{rt.plural}.{rt.group}"


def _details(rt, name):
    d = {}
    if name:
        d["name"] = name
    if rt.group:
        d["group"] = rt.group
    d["kind"] = rt.plural
    return d


def not_found(rt, name):
    return APIError(404, "NotFound", f'{qualified(rt)} "{name}" not found', _details(rt, name))


def already_exists(rt, name):
    return APIError(409, "AlreadyExists", f'{qualified(rt)} "{name}" already exists', _details(rt, name))


def conflict(rt, name):
    return APIError(
        409,
        "Conflict",
        f'Operation cannot be fulfilled on {qualified(rt)} "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again",
        _details(rt, name),
    )


def conflict_message(rt, name, msg):
    return APIError(409, "Conflict", f'Operation cannot be fulfilled on {qualified(rt)} "{name}": {msg}', _details(rt, name))


def invalid(rt, kind, name, causes):
    """422 Invalid; `causes` is a list of (field, message, reason)."""
    msgs = [f"{field}: {message}" for field, message, _ in causes]
    if len(msgs) == 1:
        text = f'{kind} "{name}" is invalid: {msgs[0]}'
    else:
        text = f'{kind} "{name}" is invalid: [{", ".join(msgs)}]'
    details = {"name": name}
    if rt is not None and rt.group:
        details["group"] = rt.group
    details["kind"] = kind
    details["causes"] = [{"reason": reason, "message": message, "field": field} for field, message, reason in causes]
    return APIError(422, "Invalid", text, details)


def forbidden(rt_group, rt_plural, name, reason):
    q = rt_plural if not rt_group else f"{rt_plural}.{rt_group}"
    msg = f'{q} "{name}" is forbidden: {reason}' if name else f"{q} is forbidden: {reason}"
    details = {}
    if name:
        details["name"] = name
    if rt_group:
        details["group"] = rt_group
    details["kind"] = rt_plural
    return APIError(403, "Forbidden", msg, details)


def forbidden_path(path, reason):
    return APIError(403, "Forbidden", f'forbidden: {reason}', {})


def unauthorized():
    return APIError(401, "Unauthorized", "Unauthorized")


def bad_request(message):
    return APIError(400, "BadRequest", message)


def method_not_allowed(verb, rt):
    return APIError(405, "MethodNotAllowed", f"the server does not allow this method on the requested resource", _details(rt, ""))


def unsupported_media(ctype):
    return APIError(415, "UnsupportedMediaType", f'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json')


def gone(message):
    return APIError(410, "Expired", message)


def path_not_found():
    return APIError(404, "NotFound", "the server could not find the requested resource", {})
