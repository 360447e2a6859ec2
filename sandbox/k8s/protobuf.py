"""Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`) for the built-in kinds.

client-go's typed clients (kubectl >= 1.32, Helm 4's release storage) send built-in objects as
protobuf: the magic `k8s\\0`, then a `runtime.Unknown` message holding the object's apiVersion
and kind and its own protobuf bytes. This module reads and writes that envelope with a generic
wire-format codec driven by the field table in proto_schema.py, converting to and from the
JSON form the emulator stores (JSON names, inlined members, base64 bytes, RFC 3339 times,
quantities and int-or-strings as their JSON values, zero values dropped where Go's JSON would).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import struct
from functools import lru_cache

from .proto_schema import MESSAGES
from .protobuf_wire import ProtobufError, entries as _entries, put_bytes as _put_bytes, put_key as _put_key
from .protobuf_wire import put_varint as _put_varint, signed as _signed, varint as _varint

CONTENT_TYPE = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"
META_KINDS = {"DeleteOptions", "Status", "ListOptions", "GetOptions", "CreateOptions", "UpdateOptions",
              "PatchOptions", "WatchEvent", "APIResourceList", "APIGroupList", "APIGroup", "APIVersions", "Table",
              "PartialObjectMetadata", "PartialObjectMetadataList"}
VARINT_TYPES = {"bool", "int32", "int64", "uint32", "uint64"}


# ---- the table ------------------------------------------------------------------------------

class Field:
    __slots__ = ("json", "number", "kind", "repeated", "inline", "keep_zero")

    def __init__(self, spec: str):
        name, _, rest = spec.partition("=")
        number, _, kind = rest.partition(":")
        self.json, self.number = name, int(number)
        self.repeated = kind.startswith("[]")
        kind = kind[2:] if self.repeated else kind
        self.inline = kind.startswith("^")
        kind = kind[1:] if self.inline else kind
        self.keep_zero = kind.endswith("*")
        self.kind = kind.rstrip("*")


@lru_cache(maxsize=None)
def fields(message: str) -> dict[int, Field]:
    spec = MESSAGES.get(message)
    if spec is None:
        raise ProtobufError(f"no protobuf schema for {message}")
    parsed = [Field(part) for part in spec.split() if part != "@list"]
    return {field.number: field for field in parsed}


def is_list(message: str) -> bool:
    """A named slice type (`Verbs`, `ExtraValue`): a message of `items` in protobuf, a list in JSON."""
    return MESSAGES.get(message, "").startswith("@list ")


def message_for(api_version: str, kind: str) -> str | None:
    """The table's message for a kind, e.g. ("apps/v1", "Deployment") -> "apps.v1.Deployment"."""
    group, _, version = api_version.rpartition("/")
    package = "core" if not group else ("rbac" if group == "rbac.authorization.k8s.io" else group.split(".")[0])
    name = f"{package}.{version}.{kind}"
    if name in MESSAGES:
        return name
    if kind in META_KINDS and f"meta.v1.{kind}" in MESSAGES:
        return f"meta.v1.{kind}"
    return None


# ---- protobuf -> JSON -----------------------------------------------------------------------

def _format_time(seconds: int, nanos: int, micro: bool) -> str | None:
    if not seconds and not nanos:
        return None  # Go's zero time: JSON leaves the field out (or null)
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{nanos // 1000:06d}Z" if micro else "Z")


def _format_duration(nanoseconds: int) -> str:
    """Go's time.Duration.String()."""
    if nanoseconds == 0:
        return "0s"
    sign = "-" if nanoseconds < 0 else ""
    value = abs(nanoseconds)
    if value < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if value >= size:
                return sign + f"{value / size:.9f}".rstrip("0").rstrip(".") + unit
    hours, rest = divmod(value, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    seconds = f"{rest / 1e9:.9f}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{sign}{hours}h{minutes}m{seconds}"
    if minutes:
        return f"{sign}{minutes}m{seconds}"
    return sign + seconds


def _special(message: str, data: bytes):
    """The JSON value of the messages JSON writes as scalars; NotImplemented for ordinary ones."""
    if message in ("meta.v1.Time", "meta.v1.MicroTime"):
        values = {number: value for number, _, value in _entries(data)}
        return _format_time(_signed(values.get(1, 0)), _signed(values.get(2, 0), 32), message.endswith("MicroTime"))
    if message == "meta.v1.Duration":
        return _format_duration(_signed(dict((n, v) for n, _, v in _entries(data)).get(1, 0)))
    if message in ("resource.Quantity", "resource.QuantityValue"):
        for number, _, value in _entries(data):
            if number == 1:
                return value.decode()
        return "0"
    if message == "intstr.IntOrString":
        values = {number: value for number, _, value in _entries(data)}
        if values.get(1, 0) == 1:
            return values.get(3, b"").decode()
        return _signed(values.get(2, 0), 32)
    if message in ("runtime.RawExtension", "meta.v1.FieldsV1"):
        raw = b"".join(value for number, wire, value in _entries(data) if number == 1 and wire == 2)
        if not raw:
            return None
        if raw.startswith(MAGIC):
            return decode_envelope(raw)[2]
        try:
            return json.loads(raw)
        except ValueError as error:
            raise ProtobufError(f"{message} does not hold JSON: {error}") from error
    return NotImplemented


def _scalar(kind: str, wire: int, value):
    if kind == "string":
        return value.decode("utf-8")
    if kind == "bytes":
        return base64.b64encode(value).decode()
    if kind == "bool":
        return bool(value)
    if kind in ("int32", "int64"):
        return _signed(value, 32 if kind == "int32" else 64)
    if kind in ("uint32", "uint64"):
        return value
    if kind == "double":
        return struct.unpack("<d", struct.pack("<Q", value))[0]
    if kind == "float":
        return struct.unpack("<f", struct.pack("<I", value))[0]
    raise ProtobufError(f"unknown scalar type {kind}")


def _value(kind: str, wire: int, value):
    if kind in MESSAGES:
        return to_json(kind, value)
    if kind in VARINT_TYPES and wire == 2:  # packed repeated scalars
        out, at = [], 0
        while at < len(value):
            item, at = _varint(value, at)
            out.append(_scalar(kind, 0, item))
        return out
    return _scalar(kind, wire, value)


def _map_entry(kind: str, data: bytes):
    key_type, value_type = kind[4:-1].split(",")
    key, value = None, None
    for number, wire, item in _entries(data):
        if number == 1:
            key = _value(key_type, wire, item)
        elif number == 2:
            value = _value(value_type, wire, item)
    if value is None:
        value = "" if value_type in ("string", "bytes") else ({} if value_type in MESSAGES else 0)
    return ("" if key is None else key), value


def _is_zero(value) -> bool:
    return value is None or value == "" or value == 0 or value is False


def to_json(message: str, data: bytes):
    special = _special(message, data)
    if special is not NotImplemented:
        return special
    table = fields(message)
    out: dict = {}
    if is_list(message):
        return to_json_list(table[1], data)
    for number, wire, value in _entries(data):
        field = table.get(number)
        if field is None:
            continue  # a field newer than the table: ignored, as an older server would
        if field.kind.startswith("map<"):
            key, item = _map_entry(field.kind, value)
            out.setdefault(field.json, {})[key] = item
        elif field.repeated:
            item = _value(field.kind, wire, value)
            out.setdefault(field.json, []).extend(item if isinstance(item, list) and field.kind not in MESSAGES
                                                  else [item])
        elif field.inline:
            out.update(to_json(field.kind, value))
        else:
            out[field.json] = _value(field.kind, wire, value)
    for number, field in table.items():
        if field.json in out and not field.repeated and not field.kind.startswith("map<") and not field.inline:
            if out[field.json] is None or (not field.keep_zero and field.kind not in MESSAGES
                                           and _is_zero(out[field.json])):
                del out[field.json]
    return out


def to_json_list(field: Field, data: bytes) -> list:
    items: list = []
    for number, wire, value in _entries(data):
        if number == field.number:
            item = _value(field.kind, wire, value)
            items.extend(item if isinstance(item, list) and field.kind not in MESSAGES else [item])
    return items


def decode_envelope(body: bytes) -> tuple[str, str, dict]:
    """(apiVersion, kind, object as JSON) of a `k8s\\0` + runtime.Unknown body."""
    if not body.startswith(MAGIC):
        raise ProtobufError("the protobuf body does not start with the k8s magic number")
    api_version = kind = ""
    raw = b""
    for number, _, value in _entries(body[len(MAGIC):]):
        if number == 1:
            for inner, _, item in _entries(value):
                if inner == 1:
                    api_version = item.decode()
                elif inner == 2:
                    kind = item.decode()
        elif number == 2:
            raw = value
    message = message_for(api_version, kind)
    if message is None:
        raise ProtobufError(f"no kind \"{kind}\" is registered for version \"{api_version}\" in protobuf")
    obj = to_json(message, raw)
    ordered = {"kind": kind, "apiVersion": api_version}
    ordered.update(obj)
    return api_version, kind, ordered


# ---- JSON -> protobuf -----------------------------------------------------------------------

def _parse_time(text: str) -> tuple[int, int]:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    seconds = int(moment.timestamp() // 1)
    return seconds, moment.microsecond * 1000


def _special_bytes(message: str, value) -> bytes | None:
    """The protobuf of the messages JSON writes as scalars; None for ordinary ones."""
    out = bytearray()
    if message in ("meta.v1.Time", "meta.v1.MicroTime"):
        seconds, nanos = _parse_time(value)
        _put_key(out, 1, 0)
        _put_varint(out, seconds)
        if nanos and message.endswith("MicroTime"):
            _put_key(out, 2, 0)
            _put_varint(out, nanos)
        return bytes(out)
    if message in ("resource.Quantity", "resource.QuantityValue"):
        _put_bytes(out, 1, str(value).encode())
        return bytes(out)
    if message == "intstr.IntOrString":
        if isinstance(value, str):
            _put_key(out, 1, 0)
            _put_varint(out, 1)
            _put_bytes(out, 3, value.encode())
        else:
            _put_key(out, 1, 0)
            _put_varint(out, 0)
            _put_key(out, 2, 0)
            _put_varint(out, int(value))
        return bytes(out)
    if message in ("runtime.RawExtension", "meta.v1.FieldsV1"):
        _put_bytes(out, 1, json.dumps(value, separators=(",", ":")).encode())
        return bytes(out)
    if message == "meta.v1.Duration":
        raise ProtobufError("durations are not written as protobuf")
    return None


def _scalar_bytes(out: bytearray, field: Field, value) -> None:
    kind = field.kind
    if kind == "string":
        _put_bytes(out, field.number, str(value).encode())
    elif kind == "bytes":
        _put_bytes(out, field.number, base64.b64decode(value))
    elif kind in VARINT_TYPES:
        _put_key(out, field.number, 0)
        _put_varint(out, int(value))
    elif kind == "double":
        _put_key(out, field.number, 1)
        out += struct.pack("<d", float(value))
    elif kind == "float":
        _put_key(out, field.number, 5)
        out += struct.pack("<f", float(value))
    else:
        raise ProtobufError(f"unknown scalar type {kind}")


def _item_bytes(out: bytearray, number: int, kind: str, value) -> None:
    if kind in MESSAGES:
        _put_bytes(out, number, from_json(kind, value))
    else:
        shim = Field(f"x={number}:{kind}")
        _scalar_bytes(out, shim, value)


def from_json(message: str, value) -> bytes:
    special = _special_bytes(message, value)
    if special is not None:
        return special
    out = bytearray()
    if is_list(message) and isinstance(value, list):
        for element in value:
            _item_bytes(out, 1, fields(message)[1].kind, element)
        return bytes(out)
    if not isinstance(value, dict):
        raise ProtobufError(f"{message} needs an object, not {type(value).__name__}")
    for number in sorted(fields(message)):
        field = fields(message)[number]
        if field.inline:
            _put_bytes(out, number, from_json(field.kind, value))
            continue
        item = value.get(field.json)
        if item is None:
            continue
        if field.kind.startswith("map<"):
            key_type, value_type = field.kind[4:-1].split(",")
            for key in sorted(item):
                entry = bytearray()
                _item_bytes(entry, 1, key_type, key)
                if item[key] is not None:
                    _item_bytes(entry, 2, value_type, item[key])
                _put_bytes(out, number, bytes(entry))
        elif field.repeated:
            for element in item:
                _item_bytes(out, number, field.kind, element)
        else:
            _item_bytes(out, number, field.kind, item)
    return bytes(out)


def encode_envelope(obj: dict) -> bytes | None:
    """`k8s\\0` + runtime.Unknown of a JSON object, or None when its kind has no protobuf form."""
    api_version, kind = obj.get("apiVersion") or "", obj.get("kind") or ""
    message = message_for(api_version, kind)
    if message is None:
        return None
    raw = from_json(message, obj)
    type_meta = bytearray()
    _put_bytes(type_meta, 1, api_version.encode())
    _put_bytes(type_meta, 2, kind.encode())
    out = bytearray(MAGIC)
    _put_bytes(out, 1, bytes(type_meta))
    _put_bytes(out, 2, raw)
    _put_bytes(out, 3, b"")
    _put_bytes(out, 4, b"")
    return bytes(out)


def prefers_protobuf(accept: str | None) -> bool:
    """Whether the client's first acceptable media type is plain protobuf: not a watch stream, not a
    conversion (`as=Table`, `as=APIGroupDiscoveryList`), which are answered in JSON."""
    first = (accept or "").split(",")[0].strip()
    media, _, params = first.partition(";")
    params = params.replace(" ", "")
    return media.strip() == CONTENT_TYPE and "stream=watch" not in params and "as=" not in params
