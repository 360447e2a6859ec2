"""Fargate profiles take private subnets only, as on AWS.

A subnet is public when its route table (its own association, else the VPC's main table)
sends 0.0.0.0/0 to an internet gateway. AWS then refuses the profile with
`InvalidParameterException: Subnet subnet-123 provided in Fargate Profile is not a private subnet`.
moto accepts any subnet.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .eks_defaults import _ec2

NOT_PRIVATE = "Subnet {subnet} provided in Fargate Profile is not a private subnet"


def _items(xml: bytes, path: str) -> list:
    if not xml:
        return []
    root = ET.fromstring(xml)
    for element in root.iter():  # drop the EC2 namespace so paths stay readable
        element.tag = element.tag.split("}", 1)[-1]
    return root.findall(path)


def _has_internet_route(table) -> bool:
    for route in table.findall("routeSet/item"):
        if (route.findtext("destinationCidrBlock") == "0.0.0.0/0"
                and (route.findtext("gatewayId") or "").startswith("igw-")):
            return True
    return False


def public_subnet(forward, request_type, req, subnets: list[str]) -> str | None:
    """The first of `subnets` routed to an internet gateway, or None. Unknown subnets are left to moto."""
    for subnet in subnets:
        found = _items(_ec2(forward, request_type, req, {"Action": "DescribeSubnets", "SubnetId.1": subnet}),
                       "subnetSet/item")
        if not found:
            continue
        vpc = found[0].findtext("vpcId")
        tables = _items(_ec2(forward, request_type, req, {
            "Action": "DescribeRouteTables", "Filter.1.Name": "association.subnet-id", "Filter.1.Value.1": subnet}),
            "routeTableSet/item")
        if not tables:
            tables = _items(_ec2(forward, request_type, req, {
                "Action": "DescribeRouteTables", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": vpc,
                "Filter.2.Name": "association.main", "Filter.2.Value.1": "true"}), "routeTableSet/item")
        if any(_has_internet_route(table) for table in tables):
            return subnet
    return None
