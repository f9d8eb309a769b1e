"""A made-up but realistic account, written by the model (no one's real account).

One VPC with public subnets (a NAT gateway), application subnets and data subnets, an S3
gateway endpoint, a Secrets Manager interface endpoint, a PostgreSQL database and three
functions. One of them, ``reports``, reaches S3 from one of its subnets only: the course's
exercise asks why.

Examples:
    >>> files = sample_account()
    >>> sorted(files)[:3]
    ['describe-db-instances.json', 'describe-egress-only-internet-gateways.json',
    'describe-internet-gateways.json']
"""

from __future__ import annotations

from typing import Any, Final

from lambdanet_edu.aws.writer import describe_outputs
from lambdanet_edu.functions import LambdaFunction, PublishedVersion
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.vpc import Resource, Vpc

__all__ = ["SAMPLE_VPC_ID", "sample_account", "sample_functions", "sample_vpc"]

SAMPLE_VPC_ID: Final = "vpc-0a1b2c3d4e5f60718"
_PUBLIC_A, _PUBLIC_B = "subnet-0c4a1d2e3f4051a61", "subnet-0c4a1d2e3f4051b62"
_APP_A, _APP_B = "subnet-07e2b9c1d0a3f4a71", "subnet-07e2b9c1d0a3f4b72"
_DATA_A, _DATA_B = "subnet-0d93f8e7a6b5c4a81", "subnet-0d93f8e7a6b5c4b82"
_NAT = "nat-05f1e2d3c4b5a6978"
_RTB_PUBLIC, _RTB_APP, _RTB_DATA = ("rtb-0a1f2e3d4c5b6a790", "rtb-0b2e3d4c5b6a79801",
                                    "rtb-0c3d4c5b6a7980912")


def sample_vpc() -> Vpc:
    """The sample account's VPC.

    Examples:
        >>> [t.route_table_id for t in sample_vpc().route_tables if t.main]
        ['rtb-0c3d4c5b6a7980912']
    """
    return Vpc(
        SAMPLE_VPC_ID, "10.20.0.0/16",
        subnets=[Subnet(_PUBLIC_A, "10.20.0.0/24", "eu-west-1a"),
                 Subnet(_PUBLIC_B, "10.20.1.0/24", "eu-west-1b"),
                 Subnet(_APP_A, "10.20.16.0/22", "eu-west-1a"),
                 Subnet(_APP_B, "10.20.20.0/22", "eu-west-1b"),
                 Subnet(_DATA_A, "10.20.32.0/26", "eu-west-1a"),
                 Subnet(_DATA_B, "10.20.32.64/26", "eu-west-1b")],
        route_tables=[RouteTable(_RTB_PUBLIC, [("0.0.0.0/0", "igw-0e7d6c5b4a3928170")],
                                 [_PUBLIC_A, _PUBLIC_B]),
                      RouteTable(_RTB_APP, [("0.0.0.0/0", _NAT)], [_APP_A, _APP_B]),
                      RouteTable(_RTB_DATA, [], main=True)],  # the data subnets use it
        internet_gateway=InternetGateway("igw-0e7d6c5b4a3928170"),
        nat_gateways=[NatGateway(_NAT, _PUBLIC_A)],
        gateway_endpoints=[GatewayEndpoint("vpce-0s3a1b2c3d4e5f601", "s3", [_RTB_APP])],
        interface_endpoints=[InterfaceEndpoint("vpce-0sm9f8e7d6c5b4a32", "secretsmanager",
                                               [_APP_A, _APP_B], ["sg-0endpoints4c3b2a10"])],
        security_groups=[
            SecurityGroup("sg-0orders1f2e3d4c5b6"),
            SecurityGroup("sg-0reports2e3d4c5b6a", outbound=[
                SecurityGroupRule("tcp", 443, cidr="0.0.0.0/0"),
                SecurityGroupRule("tcp", 5432, security_group_id="sg-0database3d4c5b6a7")]),
            SecurityGroup("sg-0thumbs4d5c6b7a89"),
            SecurityGroup("sg-0thumbsold5c6b7a8"),
            SecurityGroup("sg-0database3d4c5b6a7", inbound=[
                SecurityGroupRule("tcp", 5432, security_group_id="sg-0orders1f2e3d4c5b6"),
                SecurityGroupRule("tcp", 5432, security_group_id="sg-0reports2e3d4c5b6a")]),
            SecurityGroup("sg-0endpoints4c3b2a10", inbound=[
                SecurityGroupRule("tcp", 443, cidr="10.20.0.0/16")]),
        ],
        resources=[Resource("orders-db", "10.20.32.85", ["sg-0database3d4c5b6a7"])],
    )


def sample_functions() -> tuple[LambdaFunction, ...]:
    """The sample account's functions.

    Examples:
        >>> [(f.name, len(f.subnet_ids)) for f in sample_functions()]
        [('orders', 2), ('reports', 2), ('thumbnails', 2)]
    """
    return (
        LambdaFunction("orders", [_APP_A, _APP_B], ["sg-0orders1f2e3d4c5b6"], memory_mb=1024),
        # Someone moved reports next to its database, half-way: one subnet of each kind.
        LambdaFunction("reports", [_APP_A, _DATA_A], ["sg-0reports2e3d4c5b6a"], memory_mb=2048),
        LambdaFunction("thumbnails", [_APP_A, _APP_B], ["sg-0thumbs4d5c6b7a89"], memory_mb=512,
                       published_versions=[PublishedVersion(1, [_APP_A, _APP_B],
                                                            ["sg-0thumbsold5c6b7a8"])]),
    )


def sample_account() -> dict[str, Any]:
    """The sample account: file name -> the JSON each read-only command would print.

    Besides what the model writes, it holds a Lambda ENI being deleted (from a configuration
    no function uses any more), as a real account often does.

    Examples:
        >>> enis = sample_account()["describe-network-interfaces.json"]["NetworkInterfaces"]
        >>> [e["Status"] for e in enis if e["InterfaceType"] == "lambda"].count("available")
        1
    """
    files = describe_outputs(sample_vpc(), sample_functions(),
                             database_ports={"orders-db": 5432})
    enis = files["describe-network-interfaces.json"]["NetworkInterfaces"]
    stale = next(dict(e) for e in enis if e["InterfaceType"] == "lambda")
    stale |= {"NetworkInterfaceId": "eni-0stale9a8b7c6d5e4f", "Status": "available",
              "Groups": [{"GroupId": "sg-0orders1f2e3d4c5b6", "GroupName": "orders"},
                         {"GroupId": "sg-0thumbsold5c6b7a8", "GroupName": "thumbnails-old"}],
              "PrivateIpAddress": "10.20.17.200",
              "PrivateIpAddresses": [{"PrivateIpAddress": "10.20.17.200", "Primary": True}]}
    enis.append(stale)
    for subnet in files["describe-subnets.json"]["Subnets"]:
        if subnet["SubnetId"] == stale["SubnetId"]:
            subnet["AvailableIpAddressCount"] -= 1  # the stale ENI still holds its address
    return files
