"""EKS and NAT gateway behaviour the proxy adds to moto: time, AWS's rules, update shape."""

from __future__ import annotations

import time

import pytest
from botocore.exceptions import ClientError

from .conftest import unique, wait_until


@pytest.fixture
def network(sandbox):
    ec2 = sandbox.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24")["Subnet"]["SubnetId"] for i in (1, 2)]
    role = sandbox.client("iam").create_role(RoleName=unique("eks"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    return {"vpc": vpc, "subnets": subnets, "role": role}


def create_cluster(sandbox, network, client=None) -> str:
    name = unique("cluster")
    (client or sandbox.client("eks")).create_cluster(name=name, roleArn=network["role"],
                                                     resourcesVpcConfig={"subnetIds": network["subnets"]})
    return name


def active_cluster(sandbox, network) -> str:
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_cluster_create": 0.0}})
    return create_cluster(sandbox, network)


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    response = raised.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def create_profile(eks, network, cluster, name, namespace="default"):
    return eks.create_fargate_profile(clusterName=cluster, fargateProfileName=name,
                                      podExecutionRoleArn=network["role"], subnets=network["subnets"],
                                      selectors=[{"namespace": namespace}])["fargateProfile"]


def test_cluster_is_creating_then_active(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_cluster_create": 1.5}})
    eks = sandbox.client("eks")
    started = time.time()
    name = unique("cluster")
    created = eks.create_cluster(name=name, roleArn=network["role"],
                                 resourcesVpcConfig={"subnetIds": network["subnets"]})["cluster"]
    assert created["status"] == "CREATING"
    described = eks.describe_cluster(name=name)["cluster"]
    assert described["status"] == "CREATING"
    assert "endpoint" not in described and "certificateAuthority" not in described
    wait_until(lambda: eks.describe_cluster(name=name)["cluster"]["status"] == "ACTIVE", timeout=5)
    assert time.time() - started >= 1.4
    described = eks.describe_cluster(name=name)["cluster"]
    assert described["endpoint"].startswith("https://") and described["certificateAuthority"]["data"]


def test_calls_needing_an_active_cluster_fail_while_creating(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_cluster_create": 30.0}})
    eks = sandbox.client("eks")
    name = create_cluster(sandbox, network)
    status, code, message = error_of(lambda: create_profile(eks, network, name, "early"))
    assert (status, code) == (400, "InvalidRequestException")
    assert message == f"Cluster '{name}' is not in ACTIVE status"
    status, code, _ = error_of(lambda: eks.update_cluster_config(
        name=name, resourcesVpcConfig={"endpointPublicAccess": True}))
    assert (status, code) == (400, "InvalidRequestException")


def test_one_fargate_profile_creating_or_deleting_at_a_time(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_fargate_profile_create": 1.0,
                                                                         "eks_fargate_profile_delete": 1.0}})
    eks = sandbox.client("eks")
    assert create_profile(eks, network, cluster, "first")["status"] == "CREATING"
    status, code, message = error_of(lambda: create_profile(eks, network, cluster, "second", "spark"))
    assert (status, code) == (409, "ResourceInUseException")
    assert message == (f"Cannot create Fargate Profile second because cluster {cluster} currently has "
                       "Fargate profile first in status CREATING")
    wait_until(lambda: eks.describe_fargate_profile(clusterName=cluster, fargateProfileName="first")
               ["fargateProfile"]["status"] == "ACTIVE", timeout=5)
    assert create_profile(eks, network, cluster, "second", "spark")["status"] == "CREATING"
    wait_until(lambda: eks.describe_fargate_profile(clusterName=cluster, fargateProfileName="second")
               ["fargateProfile"]["status"] == "ACTIVE", timeout=5)
    deleting = eks.delete_fargate_profile(clusterName=cluster, fargateProfileName="first")["fargateProfile"]
    assert deleting["status"] == "DELETING"
    status, code, message = error_of(lambda: eks.delete_fargate_profile(clusterName=cluster,
                                                                        fargateProfileName="second"))
    assert (status, code) == (409, "ResourceInUseException")
    assert message == (f"Cannot Delete Fargate Profile second because cluster {cluster} currently has "
                       "Fargate profile first in status DELETING")
    assert sorted(eks.list_fargate_profiles(clusterName=cluster)["fargateProfileNames"]) == ["first", "second"]
    wait_until(lambda: eks.list_fargate_profiles(clusterName=cluster)["fargateProfileNames"] == ["second"], timeout=5)
    status, code, _ = error_of(lambda: eks.describe_fargate_profile(clusterName=cluster, fargateProfileName="first"))
    assert (status, code) == (404, "ResourceNotFoundException")


def test_update_cluster_config_answers_an_update(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_update": 1.0}})
    eks = sandbox.client("eks")
    update = eks.update_cluster_config(name=cluster, resourcesVpcConfig={
        "endpointPublicAccess": True, "endpointPrivateAccess": True, "publicAccessCidrs": ["203.0.113.0/24"]})["update"]
    assert update["status"] == "InProgress" and update["type"] == "EndpointAccessUpdate"
    assert {"type": "PublicAccessCidrs", "value": '["203.0.113.0/24"]'} in update["params"]
    assert {"type": "EndpointPrivateAccess", "value": "true"} in update["params"]
    described = eks.describe_cluster(name=cluster)["cluster"]
    assert described["status"] == "UPDATING"
    # AWS changes only the fields named; the subnets stay.
    assert described["resourcesVpcConfig"]["subnetIds"] == network["subnets"]
    assert described["resourcesVpcConfig"]["publicAccessCidrs"] == ["203.0.113.0/24"]
    status, code, message = error_of(lambda: eks.update_cluster_config(
        name=cluster, logging={"clusterLogging": [{"types": ["api"], "enabled": True}]}))
    assert (status, code) == (409, "ResourceInUseException")
    assert message == f"Cannot LoggingUpdate because cluster {cluster} currently has update {update['id']} in progress"
    assert eks.describe_update(name=cluster, updateId=update["id"])["update"]["status"] == "InProgress"
    status, code, message = error_of(lambda: create_profile(eks, network, cluster, "during-update"))
    assert (status, code) == (409, "ResourceInUseException")
    assert message == (f"Cannot create Fargate Profile during-update because cluster {cluster} currently has "
                       "an update in progress")
    wait_until(lambda: eks.describe_update(name=cluster, updateId=update["id"])["update"]["status"] == "Successful",
               timeout=5)
    assert eks.describe_cluster(name=cluster)["cluster"]["status"] == "ACTIVE"
    assert eks.list_updates(name=cluster)["updateIds"] == [update["id"]]
    status, code, _ = error_of(lambda: eks.describe_update(name=cluster, updateId="no-such-update"))
    assert (status, code) == (404, "ResourceNotFoundException")


def test_access_config_update_shows_in_describe(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "instant"})
    eks = sandbox.client("eks")
    update = eks.update_cluster_config(name=cluster, accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
    assert update["update"]["type"] == "AccessConfigUpdate"
    assert eks.describe_cluster(name=cluster)["cluster"]["accessConfig"]["authenticationMode"] == "API_AND_CONFIG_MAP"


def test_cluster_deletion_takes_time_and_needs_no_profiles(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_cluster_delete": 1.0,
                                                                         "eks_fargate_profile_create": 0.0,
                                                                         "eks_fargate_profile_delete": 0.0}})
    eks = sandbox.client("eks")
    create_profile(eks, network, cluster, "only")
    status, code, _ = error_of(lambda: eks.delete_cluster(name=cluster))
    assert (status, code) == (409, "ResourceInUseException")
    eks.delete_fargate_profile(clusterName=cluster, fargateProfileName="only")
    wait_until(lambda: not eks.list_fargate_profiles(clusterName=cluster)["fargateProfileNames"], timeout=5)
    assert eks.delete_cluster(name=cluster)["cluster"]["status"] == "DELETING"
    assert eks.describe_cluster(name=cluster)["cluster"]["status"] == "DELETING"
    assert cluster in eks.list_clusters()["clusters"]
    wait_until(lambda: cluster not in eks.list_clusters()["clusters"], timeout=5)
    status, code, _ = error_of(lambda: eks.describe_cluster(name=cluster))
    assert (status, code) == (404, "ResourceNotFoundException")


def test_cluster_creator_is_recorded(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "instant"})
    by_admin = create_cluster(sandbox, network)
    by_alt = create_cluster(sandbox, network, client=sandbox.alt_client("eks"))
    status, record = sandbox.control("GET", f"clusters/{by_admin}")
    assert status == 200 and record["creator_arn"] == "arn:aws:iam::123456789012:user/sandbox-admin"
    assert record["status"] == "ACTIVE"
    status, record = sandbox.control("GET", f"clusters/{by_alt}")
    assert record["creator_arn"] == "arn:aws:iam::123456789012:user/sandbox-alt"
    status, _ = sandbox.control("GET", "clusters/never-made")
    assert status == 404


def test_nat_gateway_is_pending_then_available_and_deleting_then_deleted(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"ec2_nat_gateway_create": 1.0,
                                                                         "ec2_nat_gateway_delete": 1.0}})
    ec2 = sandbox.client("ec2")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    gateway = ec2.create_nat_gateway(SubnetId=network["subnets"][0], AllocationId=allocation)["NatGateway"]
    assert gateway["State"] == "pending"

    def state():
        return ec2.describe_nat_gateways(NatGatewayIds=[gateway["NatGatewayId"]])["NatGateways"][0]["State"]

    assert state() == "pending"
    wait_until(lambda: state() == "available", timeout=5)
    ec2.delete_nat_gateway(NatGatewayId=gateway["NatGatewayId"])
    assert state() == "deleting"
    wait_until(lambda: state() == "deleted", timeout=5)


def test_realistic_profile_is_scaled_by_its_factor(clean):
    sandbox = clean
    status, latency = sandbox.control("PUT", "latency", {"profile": "realistic", "factor": 10})
    assert status == 200
    assert latency["delays"]["eks_cluster_create"] == pytest.approx(60.0)
    assert latency["delays"]["eks_fargate_profile_create"] == pytest.approx(12.0)
    assert latency["delays"]["ec2_nat_gateway_create"] == pytest.approx(6.0)
    status, error = sandbox.control("PUT", "latency", {"profile": "glacial"})
    assert status == 400 and "unknown latency profile" in error["error"]


def test_describe_cluster_points_at_the_kubernetes_emulator(clean, network, tmp_path):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "instant"})
    ca = tmp_path / "ca.crt"
    ca.write_bytes(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    name = unique("served")
    status, _ = sandbox.control("PUT", "k8s", {"cluster_name": name, "endpoint": "https://127.0.0.1:1",
                                               "ca_file": str(ca)})
    assert status == 200
    try:
        eks = sandbox.client("eks")
        eks.create_cluster(name=name, roleArn=network["role"], resourcesVpcConfig={"subnetIds": network["subnets"]})
        other = create_cluster(sandbox, network)
        import base64

        described = eks.describe_cluster(name=name)["cluster"]
        assert described["endpoint"] == "https://127.0.0.1:1"
        assert base64.b64decode(described["certificateAuthority"]["data"]) == ca.read_bytes()
        assert eks.describe_cluster(name=other)["cluster"]["endpoint"] != "https://127.0.0.1:1"
    finally:
        sandbox.control("DELETE", "k8s")
