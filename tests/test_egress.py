"""Tests for lambdanet_edu.egress: the teaching scenarios, hop by hop, and bad input.

Each scenario starts from ``starter_vpc()`` (private subnets on rtb-private, NAT gateway nat-a
in subnet-public-a whose rtb-public sends 0.0.0.0/0 to igw-1, database orders-db at 10.0.2.15
in subnet-private-b behind sg-db) and changes one thing, so the expected answer follows from
the AWS rule the scenario is about.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from lambdanet_edu.egress import Verdict, can_reach
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.destinations import AwsService, Internet, VpcAddress
from lambdanet_edu.network.network_acls import AclRule, NetworkAcl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule
from lambdanet_edu.network.vpc import Vpc, starter_vpc

PRIVATE = ["subnet-private-a", "subnet-private-b"]


def fn(subnets: list[str] = PRIVATE, groups: list[str] = ["sg-lambda"]) -> LambdaFunction:  # noqa: B006
    return LambdaFunction("orders", subnets, groups)


def with_groups(vpc: Vpc, *groups: SecurityGroup) -> Vpc:
    """Replace (by id) or add security groups."""
    ids = {g.group_id for g in groups}
    kept = [g for g in vpc.security_groups if g.group_id not in ids]
    return dataclasses.replace(vpc, security_groups=[*kept, *groups])


def sqs_endpoint_vpc(*, allow_443: bool) -> Vpc:
    inbound = [SecurityGroupRule("tcp", 443, security_group_id="sg-lambda")] if allow_443 else []
    vpc = with_groups(starter_vpc(nat=False), SecurityGroup("sg-endpoint", inbound=inbound))
    return dataclasses.replace(vpc, interface_endpoints=[
        InterfaceEndpoint("vpce-sqs", "sqs", PRIVATE, ["sg-endpoint"])])


def acl_on_private_a(inbound: list[AclRule]) -> Vpc:
    acl = NetworkAcl("acl-private", ["subnet-private-a"], inbound=inbound,
                     outbound=[AclRule(100, "allow")])
    return dataclasses.replace(starter_vpc(), network_acls=[acl])


def split_routes() -> Vpc:
    """subnet-private-b moves to a route table with no way out of the VPC."""
    vpc = starter_vpc()
    return dataclasses.replace(vpc, route_tables=[
        *vpc.route_tables, RouteTable("rtb-isolated", [], ["subnet-private-b"])])


# (name, vpc factory, function subnets, destination, reachable, blocking component and id,
#  words the explanation must contain)
SCENARIOS: list[tuple[str, Callable[[], Vpc], list[str], object, bool,
                      tuple[str, str] | None, list[str]]] = [
    ("public subnet only", starter_vpc, ["subnet-public-a"], "internet", False,
     ("internet gateway", "igw-1"),
     ["rtb-public", "0.0.0.0/0", "internet gateway", "never get a public IP"]),
    ("private subnets with NAT in a public subnet", starter_vpc, PRIVATE, "internet", True, None,
     ["nat-a", "igw-1", "subnet-public-a is a public subnet"]),
    ("NAT gateway in a private subnet",
     lambda: dataclasses.replace(starter_vpc(),
                                 nat_gateways=[NatGateway("nat-a", "subnet-private-b")]),
     ["subnet-private-a"], "internet", False, ("route table", "rtb-private"),
     ["nat-a sits in subnet-private-b", "not a public subnet"]),
    ("private NAT gateway",
     lambda: dataclasses.replace(starter_vpc(), nat_gateways=[
         NatGateway("nat-a", "subnet-public-a", public=False)]),
     PRIVATE, "internet", False, ("NAT gateway", "nat-a"), ["private NAT gateway", "cannot reach"]),
    ("no NAT: no route out", lambda: starter_vpc(nat=False), PRIVATE, "internet", False,
     ("route table", "rtb-private"), ["no route for the internet"]),
    ("S3 through a gateway endpoint, no NAT",
     lambda: dataclasses.replace(starter_vpc(nat=False), gateway_endpoints=[
         GatewayEndpoint("vpce-s3", "s3", ["rtb-private"])]),
     PRIVATE, "s3", True, None, ["vpce-s3", "no NAT gateway"]),
    ("S3 without endpoint or NAT", lambda: starter_vpc(nat=False), PRIVATE, "s3", False,
     ("route table", "rtb-private"), ["no route for s3's public endpoint"]),
    ("gateway endpoint on another route table",
     lambda: dataclasses.replace(starter_vpc(nat=False), gateway_endpoints=[
         GatewayEndpoint("vpce-s3", "s3", ["rtb-public"])]),
     PRIVATE, "s3", False, ("route table", "rtb-private"),
     ["vpce-s3", "not associated with rtb-private"]),
    ("DynamoDB endpoint does not carry S3",
     lambda: dataclasses.replace(starter_vpc(nat=False), gateway_endpoints=[
         GatewayEndpoint("vpce-ddb", "dynamodb", ["rtb-private"])]),
     PRIVATE, "s3", False, ("route table", "rtb-private"), ["no route"]),
    ("SQS through an interface endpoint that allows 443",
     lambda: sqs_endpoint_vpc(allow_443=True), PRIVATE, "sqs", True, None,
     ["private DNS", "vpce-sqs", "PrivateLink"]),
    ("SQS interface endpoint whose group lacks the rule",
     lambda: sqs_endpoint_vpc(allow_443=False), PRIVATE, "sqs", False,
     ("security group", "sg-endpoint"), ["No inbound rule", "tcp port 443", "sg-lambda"]),
    ("database via the local route, DB group references the function's group",
     starter_vpc, PRIVATE, "10.0.2.15:5432", True, None,
     ["local route", "'tcp port 5432 from sg-lambda'"]),
    ("database group without the rule",
     lambda: with_groups(starter_vpc(), SecurityGroup("sg-db")), PRIVATE, "10.0.2.15:5432",
     False, ("security group", "sg-db"), ["No inbound rule", "orders-db", "port 5432"]),
    ("database group allows another port only",
     lambda: with_groups(starter_vpc(), SecurityGroup("sg-db", inbound=[
         SecurityGroupRule("tcp", 3306, security_group_id="sg-lambda")])),
     PRIVATE, "10.0.2.15:5432", False, ("security group", "sg-db"), ["port 5432"]),
    ("NACL denies the ephemeral return ports",
     lambda: acl_on_private_a([AclRule(90, "deny", "tcp", (1024, 65535)), AclRule(100, "allow")]),
     ["subnet-private-a"], "10.0.2.15:5432", False, ("network ACL", "acl-private"),
     ["1024-65535", "rule 90", "stateless"]),
    ("NACL allows only Linux's 32768-61000",
     lambda: acl_on_private_a([AclRule(100, "allow", "tcp", (32768, 61000))]),
     ["subnet-private-a"], "internet", False, ("network ACL", "acl-private"),
     ["32768-61000", "1024-32767 and 61001-65535", "intermittently"]),
    ("function in a subnet with a NAT route and one without", split_routes, PRIVATE, "internet",
     False, ("route table", "rtb-isolated"),
     ["reaches", "from subnet-private-a but not from subnet-private-b", "intermittently"]),
]


@pytest.mark.parametrize(("name", "make_vpc", "subnets", "dest", "reachable", "blocked", "words"),
                         SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_teaching_scenarios(name: str, make_vpc: Callable[[], Vpc], subnets: list[str],
                            dest: object, reachable: bool, blocked: tuple[str, str] | None,
                            words: list[str]) -> None:
    verdict = can_reach(make_vpc(), fn(subnets), dest)
    assert verdict.reachable is reachable
    if blocked is None:
        assert verdict.blocked_at is None
        assert all(h.passed for h in verdict.hops)
    else:
        assert verdict.blocked_at is not None
        assert (verdict.blocked_at.component, verdict.blocked_at.component_id) == blocked
        assert verdict.hops[-1] == verdict.blocked_at
        assert all(h.passed for h in verdict.hops[:-1])
    for word in words:
        assert word in verdict.explanation, word


def test_nat_path_visits_nat_then_internet_gateway() -> None:
    hops = can_reach(starter_vpc(), fn(["subnet-private-a"]), "internet").hops
    kinds = [(h.component, h.component_id) for h in hops]
    assert kinds.index(("NAT gateway", "nat-a")) < kinds.index(("internet gateway", "igw-1"))
    # Replies cross the NAT subnet's ACL (NAT ports) and the function subnet's ACL.
    assert [h.detail.split(":")[0] for h in hops
            if h.component == "network ACL" and "replies" in h.detail] == [
        "The default network ACL lets replies into subnet-public-a",
        "The default network ACL lets replies out of subnet-public-a",
        "The default network ACL lets replies into subnet-private-a",
    ]


def test_gateway_endpoint_path_has_no_nat_even_when_a_nat_route_exists() -> None:
    vpc = dataclasses.replace(starter_vpc(), gateway_endpoints=[
        GatewayEndpoint("vpce-s3", "s3", ["rtb-private"])])
    components = [h.component for h in can_reach(vpc, fn(), "s3").hops]
    assert "gateway endpoint" in components
    assert "NAT gateway" not in components
    # Without the endpoint, the same VPC reaches S3 through the NAT gateway.
    assert "NAT gateway" in [h.component for h in can_reach(starter_vpc(), fn(), "s3").hops]


def test_nat_subnet_acl_must_allow_nat_gateway_ports() -> None:
    acl = NetworkAcl("acl-public", ["subnet-public-a"], outbound=[AclRule(100, "allow")],
                     inbound=[AclRule(100, "allow", "tcp", (443, 443)),
                              AclRule(110, "allow", "all", "all", "10.0.0.0/16")])
    verdict = can_reach(dataclasses.replace(starter_vpc(), network_acls=[acl]), fn(), "internet")
    assert verdict.blocked_at is not None
    assert verdict.blocked_at.component_id == "acl-public"
    assert "the NAT gateway uses" in verdict.blocked_at.detail
    assert "1024-65535" in verdict.blocked_at.detail


def test_interface_endpoint_without_private_dns_is_not_used() -> None:
    vpc = sqs_endpoint_vpc(allow_443=True)
    vpc = dataclasses.replace(vpc, interface_endpoints=[
        dataclasses.replace(vpc.interface_endpoints[0], private_dns=False)])
    verdict = can_reach(vpc, fn(), "sqs")
    assert not verdict.reachable
    assert "private DNS off" in verdict.hops[0].detail
    assert verdict.blocked_at is not None and verdict.blocked_at.component == "route table"


def test_unknown_route_target_leaves_the_model() -> None:
    vpc = dataclasses.replace(starter_vpc(nat=False), route_tables=[
        RouteTable("rtb-private", [Route("0.0.0.0/0", "tgw-1")], main=True)])
    verdict = can_reach(vpc, fn(), "internet")
    assert (verdict.reachable, verdict.status) == (False, "unknown")
    assert "cannot tell" in verdict.explanation
    assert "tgw-1" in verdict.explanation


@pytest.mark.parametrize(("dest", "component", "words"), [
    ("10.0.2.99:5432", "resource", "Nothing listens at 10.0.2.99"),
    ("10.0.200.5:5432", "subnet", "No subnet of vpc-starter contains 10.0.200.5"),
])
def test_addresses_with_nothing_behind_them(dest: str, component: str, words: str) -> None:
    verdict = can_reach(starter_vpc(), fn(), dest)
    assert verdict.blocked_at is not None
    assert verdict.blocked_at.component == component
    assert words in verdict.explanation


@pytest.mark.parametrize("dest", ["internet", "s3", "sqs", "10.0.2.15:5432"])
def test_empty_outbound_security_group_blocks_at_the_first_hop(dest: str) -> None:
    vpc = with_groups(starter_vpc(), SecurityGroup("sg-lambda", outbound=[]))
    verdict = can_reach(vpc, fn(), dest)
    assert verdict.blocked_at is not None
    assert (verdict.blocked_at.component, verdict.blocked_at.component_id) == (
        "security group", "sg-lambda")


def test_same_subnet_traffic_skips_network_acls() -> None:
    # A deny-all NACL on the shared subnet: AWS evaluates NACLs only at the subnet's edge.
    acl = NetworkAcl("acl-deny", ["subnet-private-b"])
    verdict = can_reach(dataclasses.replace(starter_vpc(), network_acls=[acl]),
                        fn(["subnet-private-b"]), "10.0.2.15:5432")
    assert verdict.reachable
    assert "network ACL" not in [h.component for h in verdict.hops]


def test_cidr_rule_must_cover_the_whole_function_subnet() -> None:
    half = SecurityGroup("sg-db", inbound=[SecurityGroupRule("tcp", 5432, cidr="10.0.1.0/25")])
    verdict = can_reach(with_groups(starter_vpc(), half), fn(["subnet-private-a"]),
                        "10.0.2.15:5432")
    assert verdict.blocked_at is not None
    assert "only part" in verdict.blocked_at.detail
    whole = SecurityGroup("sg-db", inbound=[SecurityGroupRule("tcp", 5432, cidr="10.0.1.0/24")])
    assert can_reach(with_groups(starter_vpc(), whole), fn(["subnet-private-a"]),
                     "10.0.2.15:5432").reachable


def test_verdict_exposes_paths_and_assumptions() -> None:
    verdict = can_reach(split_routes(), fn(), Internet())
    assert isinstance(verdict, Verdict)
    assert [(p.subnet_id, p.status) for p in verdict.paths] == [
        ("subnet-private-a", "reachable"), ("subnet-private-b", "blocked")]
    keys = {a.key for a in verdict.assumptions}
    assert {"egress_network_path_only", "public_address_unknown"} <= keys
    assert all(a.text for a in verdict.assumptions)


@pytest.mark.parametrize(("obj", "text"), [
    (AwsService("sqs"), "sqs"),
    (AwsService("sqs"), " SQS "),
    (VpcAddress("10.0.2.15", 5432), "10.0.2.15:5432"),
    (Internet(port=80), "internet:80"),
])
def test_destination_objects_and_strings_agree(obj: object, text: str) -> None:
    assert can_reach(starter_vpc(), fn(), obj) == can_reach(starter_vpc(), fn(), text)


@pytest.mark.parametrize(("args", "message"), [
    (("vpc", fn(), "internet"), r"^vpc must be a Vpc, got 'vpc'$"),
    ((None, fn(), "internet"), r"^vpc must be a Vpc, got None$"),
    ((starter_vpc(), "orders", "internet"), r"^function must be a LambdaFunction, got 'orders'$"),
    ((starter_vpc(), fn(["subnet-private-a", "subnet-x"]), "internet"),
     r"^function\.subnet_ids\[1\] must be the id of a subnet in vpc-starter, got 'subnet-x'$"),
    ((starter_vpc(), fn(groups=["sg-nope"]), "internet"),
     r"^function\.security_group_ids\[0\] must be the id of a security group in vpc-starter, got "
     r"'sg-nope'$"),
    ((starter_vpc(), fn(), "internet please"), r"^destination must be 'internet', .*got 'internet "
                                               r"please'$"),
    ((starter_vpc(), fn(), 443), r"^destination must be .* \(or a destination object\), got 443$"),
    ((starter_vpc(), fn(), "10.0.2.15"), r"^destination must be an address with a port"),
    ((starter_vpc(), fn(), "10.0.2.15:70000"),
     r"^destination\.port must be a port number from 1 to 65,535, got 70000$"),
    ((starter_vpc(), fn(), "192.168.0.9:5432"),
     r"^destination\.ip must be an address inside vpc-starter's CIDR 10\.0\.0\.0/16"),
])
def test_bad_arguments(args: tuple[object, object, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        can_reach(*args)  # type: ignore[arg-type]
