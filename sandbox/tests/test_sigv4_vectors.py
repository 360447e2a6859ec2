"""The proxy's verifier against the AWS SigV4 test suite (../shared/testdata/sigv4): every
signed request of the suite verifies with its secret and fails with another."""

from __future__ import annotations

import json
from email.message import Message
from pathlib import Path

import pytest

from sandbox.aws import sigv4

from .conftest import ROOT

SUITE = ROOT.parent / "shared" / "testdata" / "sigv4"
CASES = sorted(p.name for p in SUITE.iterdir()) if SUITE.is_dir() else []
# Not wire requests: a path with a raw space (no client can send it; sent encoded, it is
# double-encoded as AWS does), and a session token appended after signing (`omit_session_token`).
NOT_ON_THE_WIRE = {("header", "get-space-normalized"), ("query", "get-space-normalized"),
                   ("query", "post-sts-header-after")}


def read_request(path: Path):
    text = path.read_text()
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    method, rest = lines[0].split(" ", 1)
    target = rest.rsplit(" ", 1)[0]
    headers = Message()
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name] = value
    raw_path, _, raw_query = target.partition("?")
    return method, raw_path, raw_query, headers, body.encode()


@pytest.mark.skipif(not CASES, reason="../shared/testdata/sigv4 is not there")
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("style", ["header", "query"])
def test_suite_request_verifies(case, style):
    if (style, case) in NOT_ON_THE_WIRE:
        pytest.skip("not a request a client can send")
    context = json.loads((SUITE / case / "context.json").read_text())
    signed = SUITE / case / f"{style}-signed-request.txt"
    if not signed.exists():
        pytest.skip(f"no {style} request in {case}")
    method, raw_path, raw_query, headers, body = read_request(signed)
    parsed = sigv4.parse(headers, raw_query)
    assert parsed.presigned == (style == "query")
    secret = context["credentials"]["secret_access_key"]
    host = f"http://{headers['Host']}"
    normalize = context.get("normalize", True)
    want = sigv4.expected_signature(parsed, secret, method, host, raw_path, raw_query, headers, body, normalize)
    assert want == (SUITE / case / f"{style}-signature.txt").read_text().strip()
    assert want == parsed.signature
    other = sigv4.expected_signature(parsed, secret + "x", method, host, raw_path, raw_query, headers, body, normalize)
    assert other != parsed.signature
