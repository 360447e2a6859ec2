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


def test_describe_cluster_has_what_aws_fills_in(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_cluster_create": 0.0,
                                                                         "eks_cluster_delete": 0.0}})
    eks, ec2 = sandbox.client("eks"), sandbox.client("ec2")
    name = create_cluster(sandbox, network)
    cluster = eks.describe_cluster(name=name)["cluster"]
    vpc = cluster["resourcesVpcConfig"]
    assert vpc["vpcId"] == network["vpc"]
    assert vpc["endpointPublicAccess"] is True and vpc["endpointPrivateAccess"] is False
    assert vpc["publicAccessCidrs"] == ["0.0.0.0/0"]
    group = ec2.describe_security_groups(GroupIds=[vpc["clusterSecurityGroupId"]])["SecurityGroups"][0]
    assert group["GroupName"].startswith(f"eks-cluster-sg-{name}-") and group["VpcId"] == network["vpc"]
    assert {"Key": "aws:eks:cluster-name", "Value": name} in group["Tags"]
    assert cluster["accessConfig"] == {"bootstrapClusterCreatorAdminPermissions": True,
                                       "authenticationMode": "CONFIG_MAP"}
    eks.update_cluster_config(name=name, resourcesVpcConfig={"endpointPrivateAccess": True})
    assert eks.describe_cluster(name=name)["cluster"]["resourcesVpcConfig"]["endpointPrivateAccess"] is True
    wait_until(lambda: eks.describe_update(name=name, updateId=eks.list_updates(name=name)["updateIds"][0])
               ["update"]["status"] == "Successful", timeout=5)
    eks.delete_cluster(name=name)
    wait_until(lambda: name not in eks.list_clusters()["clusters"], timeout=5)

    def group_gone():
        try:
            ec2.describe_security_groups(GroupIds=[vpc["clusterSecurityGroupId"]])
            return False
        except ClientError:
            return True

    wait_until(group_gone, timeout=5)


def test_fargate_profiles_take_private_subnets_only(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "instant"})
    ec2, eks = sandbox.client("ec2"), sandbox.client("eks")
    public = ec2.create_subnet(VpcId=network["vpc"], CidrBlock="10.0.100.0/24")["Subnet"]["SubnetId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=network["vpc"])
    table = ec2.create_route_table(VpcId=network["vpc"])["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    status, code, message = error_of(lambda: eks.create_fargate_profile(
        clusterName=cluster, fargateProfileName="public", podExecutionRoleArn=network["role"],
        subnets=[network["subnets"][0], public], selectors=[{"namespace": "default"}]))
    assert (status, code) == (400, "InvalidParameterException")
    assert message == f"Subnet {public} provided in Fargate Profile is not a private subnet"
    # The network fixture's subnets use the VPC's main table, which has no internet route.
    assert create_profile(eks, network, cluster, "private")["fargateProfileName"] == "private"


def test_concurrent_fargate_profile_creates_let_one_through(clean, network):
    sandbox = clean
    cluster = active_cluster(sandbox, network)
    sandbox.control("PUT", "latency", {"profile": "fast", "overrides": {"eks_fargate_profile_create": 5.0}})
    from concurrent.futures import ThreadPoolExecutor

    clients = [sandbox.client("eks") for _ in range(6)]

    def attempt(index):
        try:
            create_profile(clients[index], network, cluster, f"p{index}", f"ns{index}")
            return "created"
        except ClientError as error:
            return error.response["Error"]["Code"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(attempt, range(6)))
    assert results.count("created") == 1, results
    assert results.count("ResourceInUseException") == 5
    assert len(sandbox.client("eks").list_fargate_profiles(clusterName=cluster)["fargateProfileNames"]) == 1


def test_new_roles_take_time_to_propagate(clean, network):
    sandbox = clean
    sandbox.control("PUT", "latency", {"profile": "instant", "overrides": {"iam_propagation": 1.5}})
    iam, eks, sts = sandbox.client("iam"), sandbox.client("eks"), sandbox.client("sts")
    role = iam.create_role(RoleName=unique("fresh"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    name = unique("cluster")

    def create():
        return eks.create_cluster(name=name, roleArn=role, resourcesVpcConfig={"subnetIds": network["subnets"]})

    status, code, message = error_of(create)
    assert (status, code) == (400, "InvalidParameterException")
    assert message == (f"Role with arn: {role} could not be assumed because it does not exist or the trusted "
                       "entity is not correct")
    status, code, message = error_of(lambda: sts.assume_role(RoleArn=role, RoleSessionName="too-early"))
    assert (status, code) == (403, "AccessDenied")
    assert message == f"User: arn:aws:iam::123456789012:user/sandbox-admin is not authorized to perform: " \
                      f"sts:AssumeRole on resource: {role}"
    time.sleep(1.6)
    assert create()["cluster"]["name"] == name
    assert sts.assume_role(RoleArn=role, RoleSessionName="later")["Credentials"]["AccessKeyId"]
