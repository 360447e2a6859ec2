"""The access entries EKS makes for Fargate pod execution roles: FARGATE_LINUX in the API
modes at profile creation, and migrated from aws-auth when a cluster leaves CONFIG_MAP."""

from __future__ import annotations

import pytest

from .conftest import unique
from .test_eks_rules import create_profile, error_of, network  # noqa: F401  (network is a fixture)


def api_cluster(sandbox, network, mode):  # noqa: F811
    name = unique("fargate")
    sandbox.client("eks").create_cluster(name=name, roleArn=network["role"],
                                         resourcesVpcConfig={"subnetIds": network["subnets"]},
                                         accessConfig={"authenticationMode": mode})
    return name


def fargate_entries(eks, cluster):
    entries = [eks.describe_access_entry(clusterName=cluster, principalArn=arn)["accessEntry"]
               for arn in eks.list_access_entries(clusterName=cluster)["accessEntries"]]
    return [e for e in entries if e["type"] == "FARGATE_LINUX"]


@pytest.mark.parametrize("mode", ["API", "API_AND_CONFIG_MAP"])
def test_a_profile_in_an_api_mode_gets_a_fargate_linux_entry(clean, network, mode):  # noqa: F811
    clean.control("PUT", "latency", {"profile": "instant"})
    eks = clean.client("eks")
    cluster = api_cluster(clean, network, mode)
    create_profile(eks, network, cluster, "spark", "spark")
    (entry,) = fargate_entries(eks, cluster)
    assert entry["principalArn"] == network["role"]
    _, record = clean.control("GET", f"clusters/{cluster}")  # what the emulator reads
    assert [(p["fargateProfileName"], p["podExecutionRoleArn"], p["status"]) for p in record["fargate_profiles"]] \
        == [("spark", network["role"], "ACTIVE")]
    assert entry["username"] == "system:node:{{SessionName}}"
    assert eks.list_associated_access_policies(clusterName=cluster, principalArn=network["role"]) \
        ["associatedAccessPolicies"] == []
    create_profile(eks, network, cluster, "spark-two", "other")  # same role: still one entry
    assert [e["accessEntryArn"] for e in fargate_entries(eks, cluster)] == [entry["accessEntryArn"]]


def test_an_entry_made_beforehand_is_kept(clean, network):  # noqa: F811
    clean.control("PUT", "latency", {"profile": "instant"})
    eks = clean.client("eks")
    cluster = api_cluster(clean, network, "API")
    made = eks.create_access_entry(clusterName=cluster, principalArn=network["role"], type="FARGATE_LINUX")
    create_profile(eks, network, cluster, "spark", "spark")
    (entry,) = fargate_entries(eks, cluster)
    assert entry["accessEntryArn"] == made["accessEntry"]["accessEntryArn"]


def test_leaving_config_map_turns_fargate_roles_into_access_entries(clean, network):  # noqa: F811
    clean.control("PUT", "latency", {"profile": "instant"})
    eks = clean.client("eks")
    cluster = unique("legacy")
    eks.create_cluster(name=cluster, roleArn=network["role"], resourcesVpcConfig={"subnetIds": network["subnets"]})
    create_profile(eks, network, cluster, "spark", "spark")
    status, code, _ = error_of(lambda: eks.list_access_entries(clusterName=cluster))
    assert (status, code) == (400, "InvalidRequestException")  # CONFIG_MAP: the role went to aws-auth
    eks.update_cluster_config(name=cluster, accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
    assert [e["principalArn"] for e in fargate_entries(eks, cluster)] == [network["role"]]
    assert eks.list_access_entries(clusterName=cluster)["accessEntries"] == [network["role"]]
