"""The protobuf wire format, as much of it as Kubernetes' messages use: varints, fixed 32/64-bit
values and length-delimited fields (strings, bytes, messages, map entries, packed scalars)."""

from __future__ import annotations

import struct


class ProtobufError(ValueError):
    pass


def varint(data: bytes, at: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        if at >= len(data):
            raise ProtobufError("truncated varint")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, at
        shift += 7
        if shift > 70:
            raise ProtobufError("varint too long")


def entries(data: bytes):
    """(field number, wire type, value) of each field: an int for varint/fixed, bytes for length-delimited."""
    at = 0
    while at < len(data):
        key, at = varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = varint(data, at)
        elif wire == 2:
            length, at = varint(data, at)
            if at + length > len(data):
                raise ProtobufError("truncated length-delimited field")
            value, at = data[at:at + length], at + length
        elif wire == 1:
            value, at = struct.unpack_from("<Q", data, at)[0], at + 8
        elif wire == 5:
            value, at = struct.unpack_from("<I", data, at)[0], at + 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
        yield number, wire, value


def signed(value: int, bits: int = 64) -> int:
    value &= (1 << 64) - 1
    if value >= 1 << 63:
        value -= 1 << 64
    return value if bits == 64 else max(min(value, 2**31 - 1), -(2**31))


def put_varint(out: bytearray, value: int) -> None:
    value &= (1 << 64) - 1
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def put_key(out: bytearray, number: int, wire: int) -> None:
    put_varint(out, number << 3 | wire)


def put_bytes(out: bytearray, number: int, data: bytes) -> None:
    put_key(out, number, 2)
    put_varint(out, len(data))
    out += data
