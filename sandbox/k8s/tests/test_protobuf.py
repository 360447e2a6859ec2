"""The emulator's protobuf codec (`application/vnd.kubernetes.protobuf`): the envelope, the JSON
mapping of the built-in kinds, and the API answering protobuf to clients that ask for it.

Bodies here are written byte by byte with a tiny encoder of the test's own, so the codec is
checked against the wire format rather than against itself; the real clients (kubectl 1.33,
Helm 4) are exercised in test_kubectl.py and test_helm.py.
"""

import base64
import http.client
import json

import pytest

from sandbox.k8s import protobuf

MAGIC = b"k8s\x00"


def varint(value):
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field(number, value):
    """A length-delimited field for bytes/str, a varint for ints and bools."""
    if isinstance(value, (bytes, str)):
        data = value.encode() if isinstance(value, str) else value
        return varint(number << 3 | 2) + varint(len(data)) + data
    return varint(number << 3) + varint(int(value))


def envelope(api_version, kind, raw):
    return MAGIC + field(1, field(1, api_version) + field(2, kind)) + field(2, raw) + field(3, "") + field(4, "")


def test_secret_with_bytes_map_and_zero_time():
    meta = field(1, "s1") + field(3, "ns") + field(8, b"") + field(11, field(1, "owner") + field(2, "helm"))
    raw = field(1, meta) + field(2, field(1, "release") + field(2, b"\x00\xffbin")) + field(3, "Opaque")
    obj = protobuf.decode_envelope(envelope("v1", "Secret", raw))[2]
    assert obj == {"kind": "Secret", "apiVersion": "v1",
                   "metadata": {"name": "s1", "namespace": "ns", "labels": {"owner": "helm"}},
                   "data": {"release": base64.b64encode(b"\x00\xffbin").decode()}, "type": "Opaque"}


def test_deployment_fields_pointer_zeros_intorstring_quantity_and_inline_volume_source():
    container = (field(1, "c") + field(2, "img") + field(6, field(3, 80) + field(4, "TCP"))
                 + field(8, field(1, field(1, "cpu") + field(2, field(1, "500m")))))
    volume = field(1, "scratch") + field(2, field(2, b""))  # VolumeSource inlined; emptyDir = 2
    pod_spec = field(1, volume) + field(2, container)
    strategy = field(1, "RollingUpdate") + field(2, field(1, field(1, 0) + field(2, 1))
                                                   + field(2, field(1, 1) + field(3, "25%")))
    negative = field(5, -1)  # minReadySeconds as a negative int32: ten varint bytes
    spec = field(1, 0) + field(3, field(2, pod_spec)) + field(4, strategy) + negative + field(7, False)
    raw = field(1, field(1, "web") + field(8, field(1, 1767323045))) + field(2, spec)
    obj = protobuf.decode_envelope(envelope("apps/v1", "Deployment", raw))[2]
    assert obj["metadata"] == {"name": "web", "creationTimestamp": "2026-01-02T03:04:05Z"}
    assert obj["spec"]["replicas"] == 0  # a pointer: zero is a value
    assert "paused" not in obj["spec"]  # not a pointer, omitempty: false is absence
    assert obj["spec"]["minReadySeconds"] == -1
    assert obj["spec"]["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1,
                                                                                  "maxSurge": "25%"}}
    template = obj["spec"]["template"]["spec"]
    assert template["volumes"] == [{"name": "scratch", "emptyDir": {}}]
    assert template["containers"] == [{"name": "c", "image": "img", "ports": [{"containerPort": 80,
                                                                                "protocol": "TCP"}],
                                       "resources": {"limits": {"cpu": "500m"}}}]


def test_delete_options_and_a_field_newer_than_the_table():
    raw = field(1, 0) + field(4, "Foreground") + field(99, "from a newer client")
    assert protobuf.decode_envelope(envelope("v1", "DeleteOptions", raw))[2] == {
        "kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0, "propagationPolicy": "Foreground"}


@pytest.mark.parametrize("body,message", [
    (b"{\"kind\": \"Secret\"}", "does not start with the k8s magic number"),
    (envelope("example.com/v1", "Widget", b""), 'no kind "Widget" is registered for version "example.com/v1"'),
    (envelope("v1", "Secret", b"\x0a\x05ab"), "truncated length-delimited field"),
])
def test_bad_bodies_are_refused(body, message):
    with pytest.raises(protobuf.ProtobufError) as error:
        protobuf.decode_envelope(body)
    assert message in str(error.value)


def test_encoding_round_trips_and_keeps_types():
    service = {"kind": "Service", "apiVersion": "v1",
               "metadata": {"name": "s", "creationTimestamp": "2026-01-02T03:04:05Z", "annotations": {"a": "b"}},
               "spec": {"ports": [{"port": 443, "targetPort": "https"}, {"port": 80, "targetPort": 8080}],
                        "selector": {"app": "x"}, "type": "ClusterIP"}}
    encoded = protobuf.encode_envelope(service)
    assert encoded.startswith(MAGIC)
    assert protobuf.decode_envelope(encoded)[2] == service
    micro = protobuf.from_json("meta.v1.MicroTime", "2026-01-02T03:04:05.123456Z")
    assert protobuf.to_json("meta.v1.MicroTime", micro) == "2026-01-02T03:04:05.123456Z"
    assert protobuf.encode_envelope({"kind": "Widget", "apiVersion": "example.com/v1"}) is None


@pytest.mark.parametrize("accept,expected", [
    ("application/vnd.kubernetes.protobuf,application/json", True),
    ("application/json, application/vnd.kubernetes.protobuf", False),
    ("application/vnd.kubernetes.protobuf;stream=watch", False),
    ("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json", False),
    (None, False),
])
def test_who_gets_protobuf(accept, expected):
    assert protobuf.prefers_protobuf(accept) is expected


def test_api_reads_protobuf_and_answers_it_when_asked(emu):
    secret = field(1, field(1, "from-proto")) + field(2, field(1, "k") + field(2, b"v")) + field(3, "Opaque")
    conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=emu.client.ctx, timeout=10)
    auth = {"Authorization": f"Bearer {emu.cluster.admin_token}"}
    conn.request("POST", "/api/v1/namespaces/default/secrets", body=envelope("v1", "Secret", secret),
                 headers={**auth, "Content-Type": protobuf.CONTENT_TYPE,
                          "Accept": "application/vnd.kubernetes.protobuf,application/json"})
    reply = conn.getresponse()
    body = reply.read()
    assert reply.status == 201 and reply.getheader("Content-Type") == protobuf.CONTENT_TYPE
    created = protobuf.decode_envelope(body)[2]
    assert created["metadata"]["name"] == "from-proto" and created["metadata"]["uid"]
    assert created["data"] == {"k": base64.b64encode(b"v").decode()}

    conn.request("GET", "/api/v1/namespaces/default/secrets/from-proto", headers={**auth, "Accept": "application/json"})
    reply = conn.getresponse()
    assert reply.getheader("Content-Type").startswith("application/json")
    assert json.loads(reply.read())["data"] == {"k": "dg=="}

    conn.request("GET", "/api/v1/namespaces/default/secrets/missing",
                 headers={**auth, "Accept": "application/vnd.kubernetes.protobuf,application/json"})
    reply = conn.getresponse()
    status = protobuf.decode_envelope(reply.read())[2]
    assert reply.status == 404 and status["kind"] == "Status" and status["reason"] == "NotFound"
    assert status["message"] == 'secrets "missing" not found'

    conn.request("POST", "/api/v1/namespaces/default/configmaps", body=MAGIC + b"\x0a",
                 headers={**auth, "Content-Type": protobuf.CONTENT_TYPE})
    reply = conn.getresponse()
    refused = json.loads(reply.read())
    assert reply.status == 400 and "must be of type protobuf" in refused["message"]
    conn.close()


def test_named_slice_types_are_plain_lists_in_json():
    extra = field(1, "scopes") + field(2, field(1, "read") + field(1, "write"))  # map entry: ExtraValue items
    spec = field(1, field(2, "get") + field(5, "pods")) + field(3, "jane") + field(5, extra)
    review = protobuf.decode_envelope(envelope("authorization.k8s.io/v1", "SubjectAccessReview", field(2, spec)))[2]
    assert review["spec"] == {"resourceAttributes": {"verb": "get", "resource": "pods"}, "user": "jane",
                              "extra": {"scopes": ["read", "write"]}}
    assert protobuf.decode_envelope(protobuf.encode_envelope(review))[2] == review
    resources = {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1",
                 "resources": [{"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
                                "verbs": ["get", "list"]}]}
    assert protobuf.decode_envelope(protobuf.encode_envelope(resources))[2]["resources"][0]["verbs"] == ["get", "list"]
