"""What DescribeCluster shows on AWS and moto leaves out.

AWS fills `resourcesVpcConfig` with the VPC of the subnets, the cluster security group it
creates, and the endpoint defaults (public on, private off, 0.0.0.0/0), and reports the
`accessConfig` the cluster was created with. moto returns only the subnets; without the rest
a planner diffing live against desired state would see a change on every run.
"""

from __future__ import annotations

import re
import secrets
import string
from urllib.parse import urlencode

CLUSTER_SG_DESCRIPTION = ("EKS created security group applied to ENI that is attached to EKS Control Plane "
                          "master nodes, as well as any managed workloads.")


def _ec2(forward, request_type, req, params: dict) -> bytes:
    """A Query call to moto's EC2 as the caller (moto reads service and account from the scope)."""
    auth = req.headers.get("Authorization") or req.headers.get("authorization") or ""
    match = re.search(r"Credential=([^/]+)/", auth)
    key = match.group(1) if match else "AKIASANDBOX000000000"
    body = urlencode(dict(params, Version="2016-11-15")).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
               "Authorization": f"AWS4-HMAC-SHA256 Credential={key}/20200101/{req.region}/ec2/aws4_request, "
                                "SignedHeaders=host, Signature=internal",
               "Host": req.headers.get("Host", "127.0.0.1")}
    status, _, reply = forward(request_type("POST", "/", "", headers, body, req.region))
    return reply if status == 200 else b""


def provision(forward, request_type, req, cluster: dict, spec: dict) -> dict:
    """The overlay for a new cluster: VPC id, a real cluster security group in moto's EC2, access config."""
    overlay: dict = {}
    subnets = (cluster.get("resourcesVpcConfig") or {}).get("subnetIds") or []
    vpc_id = None
    if subnets:
        reply = _ec2(forward, request_type, req, {"Action": "DescribeSubnets", "SubnetId.1": subnets[0]})
        found = re.search(rb"<vpcId>(vpc-[0-9a-zA-Z]+)</vpcId>", reply)
        vpc_id = found.group(1).decode() if found else None
    vpc_extras = {"endpointPublicAccess": True, "endpointPrivateAccess": False, "publicAccessCidrs": ["0.0.0.0/0"],
                  "securityGroupIds": []}
    if vpc_id:
        vpc_extras["vpcId"] = vpc_id
        suffix = "".join(secrets.choice(string.digits) for _ in range(10))
        name = cluster.get("name", "cluster")
        reply = _ec2(forward, request_type, req, {
            "Action": "CreateSecurityGroup", "GroupName": f"eks-cluster-sg-{name}-{suffix}",
            "GroupDescription": CLUSTER_SG_DESCRIPTION, "VpcId": vpc_id,
            "TagSpecification.1.ResourceType": "security-group",
            "TagSpecification.1.Tag.1.Key": f"kubernetes.io/cluster/{name}", "TagSpecification.1.Tag.1.Value": "owned",
            "TagSpecification.1.Tag.2.Key": "aws:eks:cluster-name", "TagSpecification.1.Tag.2.Value": name})
        group = re.search(rb"<groupId>(sg-[0-9a-zA-Z]+)</groupId>", reply)
        if group:
            vpc_extras["clusterSecurityGroupId"] = group.group(1).decode()
    overlay["_vpc_defaults"] = vpc_extras
    access = {"bootstrapClusterCreatorAdminPermissions": True, "authenticationMode": "CONFIG_MAP"}
    access.update(spec.get("accessConfig") or {})
    overlay["accessConfig"] = access
    return overlay


def apply(cluster: dict, overlay: dict) -> None:
    vpc = cluster.setdefault("resourcesVpcConfig", {})
    for key, value in (overlay.get("_vpc_defaults") or {}).items():
        vpc.setdefault(key, value)
    for key, value in overlay.items():
        if not key.startswith("_"):
            cluster[key] = value


def delete_security_group(forward, request_type, req, group_id: str) -> None:
    _ec2(forward, request_type, req, {"Action": "DeleteSecurityGroup", "GroupId": group_id})
