"""Fault injection, the request log, reset, and concurrency through the control API."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

from .conftest import unique

CALLS = {
    "eks": (lambda c: c.list_clusters(), 429, "ThrottlingException"),
    "ecr": (lambda c: c.describe_repositories(), 400, "ThrottlingException"),
    "iam": (lambda c: c.list_users(), 400, "Throttling"),
    "sts": (lambda c: c.get_caller_identity(), 400, "Throttling"),
    "ec2": (lambda c: c.describe_vpcs(), 503, "RequestLimitExceeded"),
    "s3": (lambda c: c.list_buckets(), 503, "SlowDown"),
}


def outcome(call):
    try:
        call()
        return "ok", None
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.mark.parametrize("service", sorted(CALLS))
def test_throttling_has_each_protocols_code(clean, service):
    call, status, code = CALLS[service]
    clean.control("PUT", "faults", {"rules": [{"kind": "throttle", "service": service}]})
    assert outcome(lambda: call(clean.client(service))) == (code, status)


def test_throttling_rate_is_roughly_honoured(clean):
    sandbox = clean
    status, faults = sandbox.control("PUT", "faults", {"seed": 7, "rules": [
        {"kind": "throttle", "probability": 0.3, "service": "eks", "operation": "ListClusters"}]})
    assert status == 200
    eks = sandbox.client("eks")
    results = [outcome(lambda: eks.list_clusters())[0] for _ in range(200)]
    throttled = results.count("ThrottlingException")
    assert set(results) <= {"ok", "ThrottlingException"}
    assert 35 <= throttled <= 85, throttled  # 60 expected; far outside would mean the rate is ignored
    # Other operations of the service are untouched by an operation-scoped rule.
    assert outcome(lambda: sandbox.client("eks").describe_cluster(name="nope"))[0] == "ResourceNotFoundException"
    _, described = sandbox.control("GET", "faults")
    assert described["rules"][0]["fired"] == throttled and described["rules"][0]["matched"] == 200


@pytest.mark.parametrize("status,code", [(500, "InternalFailure"), (503, "ServiceUnavailableException")])
def test_server_errors(clean, status, code):
    clean.control("PUT", "faults", {"rules": [{"kind": "error", "status": status, "service": "eks"}]})
    assert outcome(lambda: clean.client("eks").list_clusters()) == (code, status)


def test_dropped_connection(clean):
    clean.control("PUT", "faults", {"rules": [{"kind": "drop", "service": "sts", "times": 1}]})
    sts = clean.client("sts")
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        sts.get_caller_identity()
    assert sts.get_caller_identity()["Account"] == "123456789012"  # `times: 1` fired once


def test_lost_response_executes_the_request(clean):
    """`lose-response`: moto creates the VPC, the client gets no answer; the next create is answered."""
    sandbox = clean
    sandbox.control("PUT", "faults", {"rules": [{"kind": "lose-response", "service": "ec2", "operation": "CreateVpc",
                                                 "times": 1}]})
    ec2 = sandbox.client("ec2")
    name = unique("lost")
    tags = [{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}]
    _, before = sandbox.control("GET", "requests")
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        ec2.create_vpc(CidrBlock="10.90.0.0/16", TagSpecifications=tags)
    # Other operations of the service are answered while the rule is armed.
    found = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]
    assert len(found) == 1, "the lost create must have happened"
    second = ec2.create_vpc(CidrBlock="10.91.0.0/16", TagSpecifications=tags)["Vpc"]["VpcId"]
    found = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]
    assert len(found) == 2 and second in {v["VpcId"] for v in found}
    _, log = sandbox.control("GET", f"requests?since={before['count']}")
    lost = [r for r in log["requests"] if r.get("fault") == "lose-response"]
    assert [(r["operation"], r["status"]) for r in lost] == [("CreateVpc", 200)]
    _, described = sandbox.control("GET", "faults")
    assert described["rules"][0]["fired"] == 1 and described["rules"][0]["matched"] == 2


def test_lost_response_honours_probability_and_after(clean):
    sandbox = clean
    sandbox.control("PUT", "faults", {"rules": [
        {"kind": "lose-response", "service": "sts", "probability": 0.0},
        {"kind": "lose-response", "service": "iam", "operation": "ListUsers", "after": 1, "times": 1}]})
    assert outcome(lambda: sandbox.client("sts").get_caller_identity()) == ("ok", None)
    iam = sandbox.client("iam")
    assert outcome(lambda: iam.list_users()) == ("ok", None)
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        iam.list_users()
    assert outcome(lambda: iam.list_users()) == ("ok", None)


def test_slow_responses(clean):
    clean.control("PUT", "faults", {"rules": [{"kind": "delay", "seconds": 0.6, "service": "iam"}]})
    started = time.time()
    clean.client("iam").list_users()
    assert time.time() - started >= 0.6


def test_fail_after_n_requests(clean):
    clean.control("PUT", "faults", {"fail_after": 3, "service": "sts"})
    sts = clean.client("sts")
    results = [outcome(lambda: sts.get_caller_identity())[0] for _ in range(5)]
    assert results == ["ok", "ok", "ok", "InternalFailure", "InternalFailure"]


def test_bad_fault_specs_are_refused(clean):
    status, error = clean.control("PUT", "faults", {"rules": [{"kind": "explode"}]})
    assert status == 400 and "unknown fault kind" in error["error"]
    status, error = clean.control("PUT", "faults", {"rules": [{"kind": "throttle", "probability": 2}]})
    assert status == 400


def test_request_log_records_service_operation_and_status(clean):
    sandbox = clean
    _, before = sandbox.control("GET", "requests")
    sandbox.client("sts").get_caller_identity()
    try:
        sandbox.client("eks").describe_cluster(name="absent")
    except ClientError:
        pass
    _, log = sandbox.control("GET", f"requests?since={before['count']}")
    seen = [(r["service"], r["operation"], r["status"]) for r in log["requests"]]
    assert seen == [("sts", "GetCallerIdentity", 200), ("eks", "DescribeCluster", 404)]
    assert log["count"] == before["count"] + 2


def test_dozens_of_concurrent_requests(clean):
    sandbox = clean
    calls = [(sandbox.client("sts"), lambda c: c.get_caller_identity()),
             (sandbox.client("eks"), lambda c: c.list_clusters()),
             (sandbox.client("iam"), lambda c: c.list_users()),
             (sandbox.client("ec2"), lambda c: c.describe_vpcs())]
    started = time.time()
    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(lambda i: calls[i % 4][1](calls[i % 4][0]), range(96)))
    assert all(r["ResponseMetadata"]["HTTPStatusCode"] == 200 for r in results)
    print(f"96 requests, 24 in flight: {time.time() - started:.2f} s")


def test_reset_wipes_state_but_keeps_the_keys(sandbox):
    iam = sandbox.client("iam")
    role = unique("role")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument="{}")
    sandbox.control("PUT", "faults", {"rules": [{"kind": "delay", "seconds": 0.01}]})
    sandbox.control("PUT", "latency", {"profile": "realistic"})
    status, result = sandbox.control("POST", "reset")
    assert status == 200 and result["ok"]
    with pytest.raises(ClientError) as raised:
        iam.get_role(RoleName=role)
    assert raised.value.response["Error"]["Code"] == "NoSuchEntity"
    assert sandbox.client("sts").get_caller_identity()["Arn"].endswith(":user/sandbox-admin")
    assert sandbox.alt_client("sts").get_caller_identity()["Arn"].endswith(":user/sandbox-alt")
    assert sandbox.control("GET", "faults")[1]["rules"] == []
    assert sandbox.control("GET", "latency")[1]["profile"] == "fast"
    policies = iam.list_attached_user_policies(UserName="sandbox-admin")["AttachedPolicies"]
    assert [p["PolicyName"] for p in policies] == ["AdministratorAccess"]
    # AWS managed policies are there, as MOTO_IAM_LOAD_MANAGED_POLICIES promises.
    iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")


def test_control_api_index_and_unknown_routes(sandbox):
    status, index = sandbox.control("GET", "")
    assert status == 200 and any(e.startswith("POST /_sandbox/reset") for e in index["endpoints"])
    status, _ = sandbox.control("GET", "nonsense")
    assert status == 404


def test_faults_can_target_one_client_by_user_agent(clean):
    from botocore.config import Config

    sandbox = clean
    sandbox.control("PUT", "faults", {"rules": [{"kind": "throttle", "user_agent": "eks-spark-test/1"}]})
    tagged = sandbox.client("sts", config=Config(user_agent_extra="eks-spark-test/1",
                                                 retries={"total_max_attempts": 1}))
    assert outcome(lambda: tagged.get_caller_identity()) == ("Throttling", 400)
    assert outcome(lambda: sandbox.client("sts").get_caller_identity()) == ("ok", None)
    _, log = sandbox.control("GET", "requests")
    assert "eks-spark-test/1" in log["requests"][-2]["user_agent"]
