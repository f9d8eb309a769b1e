"""Tests for lambdanet_edu.network.vpc: building a VPC, its cross-reference checks, and lookups."""

from __future__ import annotations

import dataclasses
from ipaddress import IPv4Address, IPv4Network
from typing import Any

import pytest

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.network_acls import AclRule, NetworkAcl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.vpc import Resource, Vpc, starter_vpc

A = Subnet("subnet-a", "10.0.1.0/24")
B = Subnet("subnet-b", "10.0.2.0/24")
SG = SecurityGroup("sg-1")


def build(**changes: Any) -> Vpc:
    """A two-subnet VPC with one security group, changed by ``changes``."""
    fields: dict[str, Any] = {"subnets": [A, B], "security_groups": [SG]}
    fields.update(changes)
    return Vpc("vpc-1", "10.0.0.0/16", **fields)


# ---- good input -------------------------------------------------------------------------------

def test_local_route_and_main_table_are_added() -> None:
    vpc = build(route_tables=[RouteTable("rtb-1", [("0.0.0.0/0", "pcx-1")], ["subnet-a"])])
    assert vpc.route_tables[0].routes == (Route("0.0.0.0/0", "pcx-1"),
                                          Route("10.0.0.0/16", "local"))
    assert vpc.route_table_for("subnet-a").route_table_id == "rtb-1"
    main = vpc.route_table_for("subnet-b")
    assert (main.route_table_id, main.main) == ("rtb-main", True)
    assert main.routes == (Route("10.0.0.0/16", "local"),)


def test_building_twice_changes_nothing() -> None:
    vpc = starter_vpc()
    assert dataclasses.replace(vpc) == vpc


def test_explicit_local_route_is_kept_once() -> None:
    vpc = build(route_tables=[RouteTable("rtb-1", [("10.0.0.0/16", "local")], main=True)])
    assert vpc.route_tables == (RouteTable("rtb-1", [("10.0.0.0/16", "local")], main=True),)


@pytest.mark.parametrize(("cidr", "expected"), [
    ("10.0.0.0/16", IPv4Network("10.0.0.0/16")),
    ("10.0.0.0/28", IPv4Network("10.0.0.0/28")),
    (IPv4Network("172.31.0.0/16"), IPv4Network("172.31.0.0/16")),
])
def test_vpc_cidr(cidr: object, expected: IPv4Network) -> None:
    assert Vpc("vpc-1", cidr).cidr == expected


def test_subnets_without_their_own_acl_use_the_default_one() -> None:
    vpc = build(network_acls=[NetworkAcl("acl-1", ["subnet-a"])])
    assert vpc.network_acl_for("subnet-a").acl_id == "acl-1"
    default = vpc.network_acl_for("subnet-b")
    assert default.acl_id == "default"
    assert default.evaluate("inbound", "udp", (0, 65535), peer=None).passed


def test_lookups() -> None:
    vpc = starter_vpc()
    assert vpc.subnet_containing(IPv4Address("10.0.0.9")) == vpc.subnet("subnet-public-a")
    assert vpc.subnet_containing(IPv4Address("10.0.9.9")) is None
    assert vpc.resource_at(IPv4Address("10.0.2.16")) is None
    assert vpc.nat_gateway("nat-zzz") is None
    with pytest.raises(LambdaNetError, match=r"^subnet_id must be the id of a subnet in this VPC, "
                                             r"got 'subnet-x'$"):
        vpc.route_table_for("subnet-x")
    with pytest.raises(LambdaNetError, match=r"^group_id must be the id of a security group in "
                                             r"this VPC, got 'sg-x'$"):
        vpc.security_group("sg-x")


def test_starter_vpc_layout() -> None:
    vpc = starter_vpc()
    public = vpc.route_table_for("subnet-public-a")
    assert public.route_for(None) == Route("0.0.0.0/0", "igw-1")
    assert vpc.route_table_for("subnet-private-a").route_for(None) == Route("0.0.0.0/0", "nat-a")
    assert vpc.nat_gateways == (NatGateway("nat-a", "subnet-public-a"),)
    no_nat = starter_vpc(nat=False)
    assert no_nat.nat_gateways == ()
    assert no_nat.route_table_for("subnet-private-a").route_for(None) is None
    with pytest.raises(LambdaNetError, match=r"^nat must be True or False, got 'no'$"):
        starter_vpc(nat="no")  # type: ignore[arg-type]


def test_check_function_accepts_known_ids() -> None:
    function = LambdaFunction("f", ["subnet-private-b", "subnet-private-a"], ["sg-lambda"])
    assert starter_vpc().check_function(function) is function


@pytest.mark.parametrize(("args", "message"), [
    (("db", "10.0.2.15", ["sg-db"]), None),
    (("db", IPv4Address("10.0.2.15"), ("sg-db", "sg-2")), None),
    (("db db", "10.0.2.15", ["sg-db"]), r"^name must be a non-empty string without spaces"),
    (("db", "10.0.2.300", ["sg-db"]), r"^ip must be an IPv4 address such as '10\.0\.2\.15', got "
                                      r"'10\.0\.2\.300'$"),
    (("db", 167772687, ["sg-db"]), r"^ip must be an IPv4 address .*got 167772687$"),
    (("db", "fd00::1", ["sg-db"]), r"^ip must be an IPv4 address .*\(the model covers IPv4\)"),
    (("db", "10.0.2.15", []), r"^security_group_ids must be a list of 1 to 16 ids, got 0 ids$"),
    (("db", "10.0.2.15", [f"sg-{i}" for i in range(17)]), r"must be a list of 1 to 16 ids, got 17 "
                                                          r"ids$"),
])
def test_resource(args: tuple[object, object, object], message: str | None) -> None:
    if message is None:
        assert Resource(*args).ip == IPv4Address("10.0.2.15")  # type: ignore[arg-type]
    else:
        with pytest.raises(LambdaNetError, match=message):
            Resource(*args)  # type: ignore[arg-type]


# ---- bad input ---------------------------------------------------------------------------------

BAD: list[tuple[str, dict[str, Any], str]] = [
    ("vpc cidr too large", {"cidr": "10.0.0.0/8"},
     r"^cidr prefix must be between /16 and /28, got /8$"),
    ("vpc cidr too small", {"cidr": "10.0.0.0/29"},
     r"^cidr prefix must be between /16 and /28, got /29$"),
    ("vpc cidr in IPv6", {"cidr": "fd00::/56"}, r"^cidr must be an IPv4 CIDR .*\(the model covers "
                                                r"IPv4\)"),
    ("vpc cidr with host bits", {"cidr": "10.0.0.1/16"}, r"^cidr must be a network address"),
    ("vpc cidr wrong type", {"cidr": 10}, r"^cidr must be an IPv4 CIDR such as '10\.0\.0\.0/16' or "
                                          r"'0\.0\.0\.0/0', got 10$"),
    ("vpc id with a space", {"vpc_id": "vpc 1"}, r"^vpc_id must be a non-empty string"),
    ("subnets as a string", {"subnets": "subnet-a"}, r"^subnets must be a list of Subnet, got "
                                                     r"'subnet-a'$"),
    ("subnet as a string", {"subnets": [A, "subnet-b"]}, r"^subnets\[1\] must be a Subnet, got "
                                                         r"'subnet-b'$"),
    ("duplicate subnet id", {"subnets": [A, Subnet("subnet-a", "10.0.3.0/24")]},
     r"^subnets\[1\]\.subnet_id must be unique \(subnets\[0\] has it already\), got 'subnet-a'$"),
    ("subnet outside the VPC", {"subnets": [A, Subnet("subnet-b", "10.1.0.0/24")]},
     r"^subnets\[1\]\.cidr must be inside the VPC's CIDR 10\.0\.0\.0/16, got '10\.1\.0\.0/24'$"),
    ("overlapping subnets", {"subnets": [A, Subnet("subnet-b", "10.0.1.128/25")]},
     r"^subnets\[1\]\.cidr must be clear of subnets\[0\] \(subnet-a, 10\.0\.1\.0/24\), got "
     r"'10\.0\.1\.128/25'$"),
    ("internet gateway as a string", {"internet_gateway": "igw-1"},
     r"^internet_gateway must be an InternetGateway or None, got 'igw-1'$"),
    ("NAT in an unknown subnet", {"nat_gateways": [NatGateway("nat-a", "subnet-z")]},
     r"^nat_gateways\[0\]\.subnet_id must be the id of a subnet in this VPC, got 'subnet-z'$"),
    ("duplicate NAT ids",
     {"nat_gateways": [NatGateway("nat-a", "subnet-a"), NatGateway("nat-a", "subnet-b")]},
     r"^nat_gateways\[1\]\.nat_gateway_id must be unique"),
    ("internet gateway named like a NAT", {"nat_gateways": [NatGateway("gw", "subnet-a")],
                                           "internet_gateway": InternetGateway("gw")},
     r"^internet_gateway\.gateway_id must be different from every NAT gateway id, got 'gw'$"),
    ("route target typo", {"route_tables": [RouteTable("rtb-1", [("0.0.0.0/0", "igw-typo")])],
                           "internet_gateway": InternetGateway("igw-1")},
     r"^route_tables\[0\]\.routes\[0\]\.target must be 'local' or the id of a gateway in this VPC, "
     r"got 'igw-typo'$"),
    ("route to an undeclared NAT",
     {"route_tables": [RouteTable("rtb-1", [("0.0.0.0/0", "nat-a")])]},
     r"^route_tables\[0\]\.routes\[0\]\.target must be 'local' or the id of a gateway in this VPC, "
     r"got 'nat-a'$"),
    ("route to an endpoint id", {"route_tables": [RouteTable("rtb-1", [("0.0.0.0/0", "vpce-1")])]},
     r"routes\[0\]\.target must be 'local' or the id of a gateway in this VPC, got 'vpce-1'$"),
    ("local route for another CIDR",
     {"route_tables": [RouteTable("rtb-1", [("10.0.1.0/24", "local")])]},
     r"^route_tables\[0\]\.routes\[0\]\.destination must be the VPC's CIDR 10\.0\.0\.0/16 for the "
     r"local route, got '10\.0\.1\.0/24'$"),
    ("two main tables",
     {"route_tables": [RouteTable("rtb-1", main=True), RouteTable("rtb-2", main=True)]},
     r"^route_tables\[1\]\.main must be False \(route_tables\[0\] is the main route table\), got "
     r"True$"),
    ("duplicate route table ids", {"route_tables": [RouteTable("rtb-1"), RouteTable("rtb-1")]},
     r"^route_tables\[1\]\.route_table_id must be unique"),
    ("table for an unknown subnet", {"route_tables": [RouteTable("rtb-1", [], ["subnet-z"])]},
     r"^route_tables\[0\]\.subnet_ids\[0\] must be the id of a subnet in this VPC, got "
     r"'subnet-z'$"),
    ("subnet on two tables", {"route_tables": [RouteTable("rtb-1", [], ["subnet-a"]),
                                               RouteTable("rtb-2", [], ["subnet-a"])]},
     r"^route_tables\[1\]\.subnet_ids\[0\] must be a subnet of no other route table "
     r"\(route_tables\[0\] has it already\), got 'subnet-a'$"),
    ("implicit main id taken", {"route_tables": [RouteTable("rtb-main")]},
     r"^route_tables must be a list with one table marked main=True .*got no main table$"),
    ("table as a dict", {"route_tables": [{"id": "rtb-1"}]},
     r"^route_tables\[0\] must be a RouteTable, got \{'id': 'rtb-1'\}$"),
    ("rule referencing an unknown group",
     {"security_groups": [SecurityGroup(
         "sg-1", inbound=[SecurityGroupRule("tcp", 22, security_group_id="sg-ghost")])]},
     r"^security_groups\[0\]\.inbound\[0\]\.security_group_id must be the id of a security group "
     r"in this VPC, got 'sg-ghost'$"),
    ("duplicate group ids", {"security_groups": [SG, SecurityGroup("sg-1")]},
     r"^security_groups\[1\]\.group_id must be unique"),
    ("gateway endpoint on an unknown table",
     {"gateway_endpoints": [GatewayEndpoint("vpce-s3", "s3", ["rtb-x"])]},
     r"^gateway_endpoints\[0\]\.route_table_ids\[0\] must be the id of a route table in this VPC, "
     r"got 'rtb-x'$"),
    ("two S3 endpoints on one table",
     {"gateway_endpoints": [GatewayEndpoint("vpce-1", "s3", ["rtb-main"]),
                            GatewayEndpoint("vpce-2", "s3", ["rtb-main"])]},
     r"^gateway_endpoints\[1\]\.route_table_ids\[0\] must be a route table without another s3 "
     r"gateway endpoint"),
    ("duplicate endpoint ids",
     {"gateway_endpoints": [GatewayEndpoint("vpce-1", "s3")],
      "interface_endpoints": [InterfaceEndpoint("vpce-1", "sqs", ["subnet-a"], ["sg-1"])]},
     r"^endpoints\[1\]\.endpoint_id must be unique"),
    ("interface endpoint in an unknown subnet",
     {"interface_endpoints": [
         InterfaceEndpoint("vpce-1", "sqs", ["subnet-a", "subnet-z"], ["sg-1"])]},
     r"^interface_endpoints\[0\]\.subnet_ids\[1\] must be the id of a subnet in this VPC, got "
     r"'subnet-z'$"),
    ("interface endpoint with an unknown group",
     {"interface_endpoints": [InterfaceEndpoint("vpce-1", "sqs", ["subnet-a"], ["sg-x"])]},
     r"^interface_endpoints\[0\]\.security_group_ids\[0\] must be the id of a security group in "
     r"this VPC, got 'sg-x'$"),
    ("two private-DNS endpoints for one service",
     {"interface_endpoints": [InterfaceEndpoint("vpce-1", "sqs", ["subnet-a"], ["sg-1"]),
                              InterfaceEndpoint("vpce-2", "sqs", ["subnet-b"], ["sg-1"])]},
     r"^interface_endpoints\[1\]\.private_dns must be False \(interface_endpoints\[0\] already has "
     r"private DNS for sqs\), got True$"),
    ("NACL for an unknown subnet", {"network_acls": [NetworkAcl("acl-1", ["subnet-z"])]},
     r"^network_acls\[0\]\.subnet_ids\[0\] must be the id of a subnet in this VPC, got "
     r"'subnet-z'$"),
    ("subnet in two NACLs",
     {"network_acls": [NetworkAcl("acl-1", ["subnet-a"]), NetworkAcl("acl-2", ["subnet-a"])]},
     r"^network_acls\[1\]\.subnet_ids\[0\] must be a subnet of no other network ACL "
     r"\(network_acls\[0\] has it\), got 'subnet-a'$"),
    ("duplicate NACL ids", {"network_acls": [NetworkAcl("acl-1"), NetworkAcl("acl-1")]},
     r"^network_acls\[1\]\.acl_id must be unique"),
    ("resource outside every subnet", {"resources": [Resource("db", "10.0.9.9", ["sg-1"])]},
     r"^resources\[0\]\.ip must be an address inside one of the VPC's subnets, got '10\.0\.9\.9'$"),
    ("resource on a reserved address", {"resources": [Resource("db", "10.0.2.2", ["sg-1"])]},
     r"^resources\[0\]\.ip must be an address subnet-b can hand out \(AWS reserves 10\.0\.2\.0, "
     r"10\.0\.2\.1, 10\.0\.2\.2, 10\.0\.2\.3, 10\.0\.2\.255\), got '10\.0\.2\.2'$"),
    ("resource with an unknown group", {"resources": [Resource("db", "10.0.2.15", ["sg-x"])]},
     r"^resources\[0\]\.security_group_ids\[0\] must be the id of a security group in this VPC, "
     r"got 'sg-x'$"),
    ("two resources on one address", {"resources": [Resource("db", "10.0.2.15", ["sg-1"]),
                                                    Resource("cache", "10.0.2.15", ["sg-1"])]},
     r"^resources\[1\]\.ip must be unique \(resources\[0\] has it already\), got '10\.0\.2\.15'$"),
    ("two resources with one name", {"resources": [Resource("db", "10.0.2.15", ["sg-1"]),
                                                   Resource("db", "10.0.2.16", ["sg-1"])]},
     r"^resources\[1\]\.name must be unique"),
]


@pytest.mark.parametrize(("name", "changes", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_vpc(name: str, changes: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = {"vpc_id": "vpc-1", "cidr": "10.0.0.0/16", "subnets": [A, B],
                              "security_groups": [SG]}
    fields.update(changes)
    with pytest.raises(LambdaNetError, match=message):
        Vpc(**fields)


def test_acl_rules_are_checked_on_the_acl_itself() -> None:
    with pytest.raises(LambdaNetError, match=r"^inbound\[0\] must be an AclRule, got 'allow all'$"):
        NetworkAcl("acl-1", inbound=["allow all"])
    assert NetworkAcl("acl-1", inbound=[AclRule(1, "allow")]).inbound[0].rule_number == 1


def test_other_enis_counts_every_interface_this_vpc_places() -> None:
    base = starter_vpc()
    vpc = dataclasses.replace(
        base,
        interface_endpoints=[InterfaceEndpoint(
            "vpce-sqs", "sqs", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])],
        resources=[*base.resources, Resource("cache", "10.0.2.40", ["sg-db"])],
    )
    # nat-a in the public subnet; one endpoint ENI per subnet; orders-db and cache in private-b.
    assert vpc.other_enis() == {"subnet-public-a": 1, "subnet-private-a": 1, "subnet-private-b": 3}
