"""SigV4 verification: every protocol family rejects what AWS rejects, with AWS's codes."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request

import botocore.auth
import pytest
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from .conftest import NO_RETRY, unique

CALLS = {
    "sts": lambda c: c.get_caller_identity(),
    "iam": lambda c: c.list_users(),
    "ec2": lambda c: c.describe_vpcs(),
    "eks": lambda c: c.list_clusters(),
    "ecr": lambda c: c.describe_repositories(),
    "s3": lambda c: c.list_buckets(),
}

WRONG_SECRET = {
    "sts": (403, "SignatureDoesNotMatch"),
    "iam": (403, "SignatureDoesNotMatch"),
    "ec2": (403, "SignatureDoesNotMatch"),
    "eks": (403, "InvalidSignatureException"),
    "ecr": (403, "InvalidSignatureException"),
    "s3": (403, "SignatureDoesNotMatch"),
}

UNKNOWN_KEY = {
    "sts": (403, "InvalidClientTokenId"),
    "iam": (403, "InvalidClientTokenId"),
    "ec2": (401, "AuthFailure"),
    "eks": (403, "UnrecognizedClientException"),
    "ecr": (403, "UnrecognizedClientException"),
    "s3": (403, "InvalidAccessKeyId"),
}


def error_of(call) -> tuple[int, str, str]:
    with pytest.raises(ClientError) as raised:
        call()
    response = raised.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"].get("Message", "")


@pytest.mark.parametrize("service", sorted(CALLS))
def test_valid_signature_passes(sandbox, service):
    CALLS[service](sandbox.client(service))


@pytest.mark.parametrize("service", sorted(CALLS))
def test_wrong_secret_is_rejected(sandbox, service):
    client = sandbox.client(service, secret="not-the-secret-" + "x" * 25)
    status, code, message = error_of(lambda: CALLS[service](client))
    assert (status, code) == WRONG_SECRET[service]
    assert message.startswith("The request signature we calculated does not match the signature you provided.")


@pytest.mark.parametrize("service", sorted(CALLS))
def test_unknown_key_is_rejected(sandbox, service):
    client = sandbox.client(service, key="AKIAUNKNOWNKEY000000", secret="whatever")
    status, code, _ = error_of(lambda: CALLS[service](client))
    assert (status, code) == UNKNOWN_KEY[service]


def test_each_identity_has_its_own_arn(sandbox):
    assert sandbox.client("sts").get_caller_identity()["Arn"] == "arn:aws:iam::123456789012:user/sandbox-admin"
    assert sandbox.alt_client("sts").get_caller_identity()["Arn"] == "arn:aws:iam::123456789012:user/sandbox-alt"


def test_clock_skew_over_15_minutes_is_rejected(sandbox, monkeypatch):
    past = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=16)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda *a, **k: past)
    status, code, message = error_of(lambda: sandbox.client("eks").list_clusters())
    assert (status, code) == (403, "InvalidSignatureException")
    assert message.startswith("Signature expired: ") and "- 15 min.)" in message
    status, code, _ = error_of(lambda: sandbox.client("sts").get_caller_identity())
    assert (status, code) == (403, "SignatureDoesNotMatch")
    status, code, _ = error_of(lambda: sandbox.client("s3").list_buckets())
    assert (status, code) == (403, "RequestTimeTooSkewed")
    status, code, _ = error_of(lambda: sandbox.client("ec2").describe_vpcs())
    assert (status, code) == (400, "RequestExpired")


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def bucket_with_object(sandbox):
    s3 = sandbox.client("s3")
    bucket = unique("presign")
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_object(Bucket=bucket, Key="dir/a file.txt", Body=b"payload")
    return bucket


@pytest.mark.parametrize("signature_version", ["s3v4", "s3"])
def test_presigned_s3_url_works_and_tampering_fails(sandbox, bucket_with_object, signature_version):
    s3 = sandbox.client("s3", config=Config(signature_version=signature_version))
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket_with_object, "Key": "dir/a file.txt"},
                                    ExpiresIn=300)
    assert fetch(url) == (200, b"payload")
    status, body = fetch(url.replace("a%20file", "b%20file"))
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body


def test_expired_presigned_s3_url_is_rejected(sandbox, bucket_with_object, monkeypatch):
    past = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=120)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda *a, **k: past)
    s3 = sandbox.client("s3", config=Config(signature_version="s3v4"))
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket_with_object, "Key": "dir/a file.txt"},
                                    ExpiresIn=60)
    status, body = fetch(url)
    assert status == 403
    assert b"<Code>AccessDenied</Code><Message>Request has expired</Message>" in body
    assert b"<X-Amz-Expires>60</X-Amz-Expires>" in body


def presigned_caller_identity(sandbox, secret: str | None = None, expires: int = 60, when=None,
                              host: str = "sts.eu-west-1.amazonaws.com") -> tuple[str, dict]:
    """A presigned STS GetCallerIdentity URL for host `host`, as EKS tokens carry."""
    credentials = Credentials(sandbox.env["AWS_ACCESS_KEY_ID"], secret or sandbox.env["AWS_SECRET_ACCESS_KEY"])
    request = AWSRequest(method="GET", url=f"https://{host}/?Action=GetCallerIdentity&Version=2011-06-15",
                         headers={"x-k8s-aws-id": "spark-eks-cluster"})
    signer = SigV4QueryAuth(credentials, "sts", "eu-west-1", expires=expires)
    if when is not None:
        original = botocore.auth.get_current_datetime
        botocore.auth.get_current_datetime = lambda *a, **k: when
        try:
            signer.add_auth(request)
        finally:
            botocore.auth.get_current_datetime = original
    else:
        signer.add_auth(request)
    query = request.url.split("?", 1)[1]
    return f"{sandbox.env['AWS_ENDPOINT_URL']}/?{query}", {"Host": host, "x-k8s-aws-id": "spark-eks-cluster"}


def test_presigned_sts_url_as_in_eks_tokens(sandbox):
    url, headers = presigned_caller_identity(sandbox)
    status, body = fetch(url, headers)
    assert status == 200, body
    assert b"arn:aws:iam::123456789012:user/sandbox-admin" in body
    # The cluster id header is signed: another cluster name breaks the signature.
    status, body = fetch(url, dict(headers, **{"x-k8s-aws-id": "other"}))
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body
    url, headers = presigned_caller_identity(sandbox, secret="wrong" * 8)
    status, body = fetch(url, headers)
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body


def test_expired_presigned_sts_url_is_rejected(sandbox):
    when = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=90)
    url, headers = presigned_caller_identity(sandbox, expires=60, when=when)
    status, body = fetch(url, headers)
    assert status == 400
    assert b"<Code>ExpiredToken</Code>" in body and b"<Type>Sender</Type>" in body


def test_tampered_body_is_rejected(sandbox):
    credentials = Credentials(sandbox.env["AWS_ACCESS_KEY_ID"], sandbox.env["AWS_SECRET_ACCESS_KEY"])
    endpoint = sandbox.env["AWS_ENDPOINT_URL"]
    request = AWSRequest(method="POST", url=f"{endpoint}/clusters", data=json.dumps({"name": "a"}).encode(),
                         headers={"Content-Type": "application/json"})
    SigV4Auth(credentials, "eks", "eu-west-1").add_auth(request)
    prepared = request.prepare()
    tampered = urllib.request.Request(prepared.url, data=json.dumps({"name": "b"}).encode(), method="POST",
                                      headers=dict(prepared.headers))
    try:
        urllib.request.urlopen(tampered, timeout=10)
        raise AssertionError("accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403
        assert error.headers["x-amzn-ErrorType"] == "InvalidSignatureException"


def test_unsigned_request_is_rejected(sandbox):
    status, body = fetch(f"{sandbox.env['AWS_ENDPOINT_URL']}/?Action=GetCallerIdentity&Version=2011-06-15")
    assert status == 403 and b"MissingAuthenticationToken" in body


def test_keys_created_later_through_iam_work_until_deleted(sandbox):
    iam = sandbox.client("iam")
    user = unique("late")
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    sts = sandbox.client("sts", key["AccessKeyId"], key["SecretAccessKey"])
    assert sts.get_caller_identity()["Arn"].endswith(f":user/{user}")
    iam.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    import time

    time.sleep(2.1)  # the proxy caches moto's answer for 2 s
    status, code, _ = error_of(lambda: sts.get_caller_identity())
    assert (status, code) == (403, "InvalidClientTokenId")


def test_assumed_role_credentials_work_with_their_session_token(sandbox):
    iam = sandbox.client("iam")
    role = iam.create_role(RoleName=unique("role"), AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}))["Role"]
    creds = sandbox.client("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="sandbox-test")["Credentials"]
    assumed = sandbox.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"],
                             aws_session_token=creds["SessionToken"])
    assert ":assumed-role/" in assumed.get_caller_identity()["Arn"]
    forged = sandbox.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"], aws_session_token="forged")
    status, code, _ = error_of(lambda: forged.get_caller_identity())
    assert (status, code) == (403, "InvalidClientTokenId")


def test_unsigned_client_config_is_not_retried(sandbox):
    assert NO_RETRY.retries["total_max_attempts"] == 1


def test_server_clock_skew_and_expired_session_credentials(sandbox):
    iam = sandbox.client("iam")
    role = iam.create_role(RoleName=unique("skew"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    creds = sandbox.client("sts").assume_role(RoleArn=role, RoleSessionName="skew-test",
                                              DurationSeconds=900)["Credentials"]
    temporary = sandbox.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"],
                               aws_session_token=creds["SessionToken"])
    try:
        status, clock = sandbox.control("PUT", "clock", {"skew_seconds": 16 * 60})
        assert status == 200 and clock["skew_seconds"] == 960
        status, code, message = error_of(lambda: sandbox.client("sts").get_caller_identity())
        assert (status, code) == (403, "SignatureDoesNotMatch") and message.startswith("Signature expired")
        status, code, _ = error_of(lambda: temporary.get_caller_identity())
        assert (status, code) == (400, "ExpiredToken")
        status, code, _ = error_of(lambda: sandbox.client("eks", creds["AccessKeyId"], creds["SecretAccessKey"],
                                                          aws_session_token=creds["SessionToken"]).list_clusters())
        assert (status, code) == (403, "ExpiredTokenException")
    finally:
        sandbox.control("PUT", "clock", {"skew_seconds": 0})
    assert ":assumed-role/" in temporary.get_caller_identity()["Arn"]


def test_web_identity_and_saml_calls_go_unsigned_as_on_aws(sandbox):
    from botocore import UNSIGNED

    iam = sandbox.client("iam")
    role = iam.create_role(RoleName=unique("irsa"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    anonymous = sandbox.client("sts", config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1}))
    creds = anonymous.assume_role_with_web_identity(RoleArn=role, RoleSessionName="pod",
                                                    WebIdentityToken="header.payload.signature")["Credentials"]
    assumed = sandbox.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"],
                             aws_session_token=creds["SessionToken"])
    assert ":assumed-role/" in assumed.get_caller_identity()["Arn"]
    status, code, _ = error_of(lambda: anonymous.get_caller_identity())
    assert (status, code) == (403, "MissingAuthenticationToken")
