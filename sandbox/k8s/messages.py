"""A request as the API layer sees it, and the response it gives back."""

import urllib.parse

CT_JSON = "application/json"


class Request:
    def __init__(self, method, path, query, headers, body, user):
        self.method = method
        self.path = path
        self.query = query  # dict of str -> str (last value)
        self.headers = headers  # dict, lower-case keys
        self.body = body
        self.user = user

    def q(self, name, default=""):
        return self.query.get(name, default)

    def flag(self, name):
        return self.query.get(name, "").lower() in ("true", "1")


class Response:
    def __init__(self, code, body=None, content_type=CT_JSON, stream=None):
        self.code = code
        self.body = body
        self.content_type = content_type
        self.stream = stream


def parse_query(qs):
    return {k: v[-1] for k, v in urllib.parse.parse_qs(qs, keep_blank_values=True).items()}
