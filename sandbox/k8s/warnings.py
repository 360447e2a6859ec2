"""Per-request `Warning:` headers (RFC 7234 code 299), as the API server sends them."""

import threading

_local = threading.local()


def begin():
    _local.items = []


def add(text):
    items = getattr(_local, "items", None)
    if items is not None and text not in items:
        items.append(text)


def take():
    items = getattr(_local, "items", None) or []
    _local.items = None
    return items
