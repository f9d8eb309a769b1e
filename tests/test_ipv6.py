"""IPv6 egress: dual-stack subnets, the flag, the egress-only gateway and the IPv6 path."""

from __future__ import annotations

import dataclasses
from ipaddress import IPv6Network

import pytest

import lambdanet_edu as ln
from lambdanet_edu.network.ipv6 import check_any_cidr, check_ipv6_cidr, check_subnet_ipv6

PRIVATE = ("subnet-private-a", "subnet-private-b")


def dual_stack_vpc(*, route: str | None = "eigw-1", nat: bool = False,
                   v6_subnets: tuple[str, ...] = ("subnet-public-a", *PRIVATE),
                   **changes: object) -> ln.Vpc:
    """The starter VPC with an IPv6 block, IPv6 /64s on ``v6_subnets`` and ::/0 to ``route``."""
    vpc = ln.starter_vpc(nat=nat)
    subnets = [dataclasses.replace(s, ipv6_cidr=f"2001:db8:1:{i}::/64")
               if s.subnet_id in v6_subnets else s for i, s in enumerate(vpc.subnets)]
    public, private = vpc.route_tables
    routes = (*private.routes, ln.Route("::/0", route)) if route else private.routes
    fields: dict[str, object] = {
        "ipv6_cidr": "2001:db8:1::/56", "subnets": subnets,
        "egress_only_internet_gateway": ln.EgressOnlyInternetGateway("eigw-1"),
        "route_tables": [public, dataclasses.replace(private, routes=routes)]}
    fields.update(changes)
    return dataclasses.replace(vpc, **fields)  # type: ignore[arg-type]


def fn(flag: bool = True, subnets: tuple[str, ...] = PRIVATE) -> ln.LambdaFunction:
    return ln.LambdaFunction("orders", subnets, ("sg-lambda",), ipv6_allowed_for_dual_stack=flag)


@pytest.mark.parametrize(("value", "expected"), [
    ("::/0", IPv6Network("::/0")),
    ("2001:db8::/56", IPv6Network("2001:db8::/56")),
    ("0.0.0.0/0", "0.0.0.0/0"),
    ("10.0.0.0/16", "10.0.0.0/16"),
])
def test_check_any_cidr_reads_both_versions(value: str, expected: object) -> None:
    assert str(check_any_cidr("cidr", value)) == str(expected)


@pytest.mark.parametrize(("value", "match"), [
    ("2001:db8::1/56", r"no host bits set \(did you mean '2001:db8::/56'\?\)"),
    ("2001:db8::", "must be an IPv6 CIDR"),
    (None, "must be an IPv6 CIDR"),
    (64, "must be an IPv6 CIDR"),
    ("10.0.0.0/16", "must be an IPv6 CIDR"),
])
def test_check_ipv6_cidr_refuses(value: object, match: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=match):
        check_ipv6_cidr("ipv6_cidr", value)


@pytest.mark.parametrize("value", ["2001:db8::/56", "2001:db8::/65", "::/0"])
def test_subnet_ipv6_must_be_a_64(value: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=r"ipv6_cidr must be an IPv6 /64"):
        check_subnet_ipv6(value)


def test_subnet_dual_stack() -> None:
    assert ln.Subnet("subnet-a", "10.0.1.0/24", ipv6_cidr="2001:db8::/64").dual_stack
    assert not ln.Subnet("subnet-a", "10.0.1.0/24").dual_stack


@pytest.mark.parametrize(("changes", "match"), [
    ({"ipv6_cidr": None}, r"subnets\[0\]\.ipv6_cidr must be inside the VPC's IPv6 CIDR"),
    ({"ipv6_cidr": "2001:db9::/56"}, r"inside the VPC's IPv6 CIDR \(2001:db9::/56\)"),
    ({"ipv6_cidr": "2001:db8:1::/72"}, r"ipv6_cidr must be an IPv6 block of /64 or larger"),
    ({"egress_only_internet_gateway": "eigw-1"}, "an EgressOnlyInternetGateway or None"),
])
def test_vpc_ipv6_checks(changes: dict[str, object], match: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=match):
        dual_stack_vpc(**changes)


def test_vpc_refuses_two_subnets_with_one_ipv6_block() -> None:
    vpc = dual_stack_vpc()
    same = [dataclasses.replace(s, ipv6_cidr="2001:db8:1:1::/64") for s in vpc.subnets]
    with pytest.raises(ln.LambdaNetError, match=r"subnets\[1\]\.ipv6_cidr must be different"):
        dataclasses.replace(vpc, subnets=same)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_flag_must_be_a_bool(value: object) -> None:
    with pytest.raises(ln.LambdaNetError, match="ipv6_allowed_for_dual_stack must be True or"):
        ln.LambdaFunction("f", ["subnet-a"], ["sg-1"], ipv6_allowed_for_dual_stack=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("v6", "subnets", "named"), [
    ((), PRIVATE, "subnet-private-a"),
    (("subnet-private-a",), PRIVATE, "subnet-private-b"),
    (("subnet-private-b",), ("subnet-private-b", "subnet-public-a"), "subnet-public-a"),
])
def test_check_function_refuses_flag_with_an_ipv4_only_subnet(
        v6: tuple[str, ...], subnets: tuple[str, ...], named: str) -> None:
    vpc = dual_stack_vpc(v6_subnets=v6, **({} if v6 else {"ipv6_cidr": None}))
    with pytest.raises(ln.LambdaNetError, match=f"while subnet {named} .* is IPv4-only") as err:
        vpc.check_function(fn(True, subnets))
    assert err.value.field == "function.ipv6_allowed_for_dual_stack"
    # Without the flag the same function is fine.
    assert vpc.check_function(fn(False, subnets)).name == "orders"


@pytest.mark.parametrize(("vpc_kwargs", "flag", "destination", "reachable", "stops_at"), [
    ({}, True, "internet6", True, None),
    ({}, False, "internet6", False, "function"),
    ({}, True, "internet", False, "route table"),  # IPv4 still needs the IPv4 path (NAT)
    ({"nat": True}, True, "internet", True, None),
    ({}, True, "sqs", False, "route table"),
    ({}, True, "s3", False, "route table"),
    ({"route": None}, True, "internet6", False, "route table"),
    ({"route": "igw-1"}, True, "internet6", True, None),
    ({"route": "pcx-1"}, True, "internet6", False, "route table"),
    ({"route": "nat-a", "nat": True}, True, "internet6", False, "route table"),
])
def test_ipv6_paths(vpc_kwargs: dict[str, object], flag: bool, destination: str,
                    reachable: bool, stops_at: str | None) -> None:
    verdict = ln.can_reach(dual_stack_vpc(**vpc_kwargs), fn(flag), destination)
    assert verdict.reachable is reachable
    assert (verdict.blocked_at.component if verdict.blocked_at else None) == stops_at


def test_ipv6_path_through_egress_only_gateway_names_every_hop() -> None:
    verdict = ln.can_reach(dual_stack_vpc(), fn(), "internet6")
    assert [h.component for h in verdict.hops] == [
        "function", "subnet", "security group", "network ACL", "route table",
        "egress-only internet gateway", "network ACL"]
    assert "default_rules_cover_ipv6" in [a.key for a in verdict.assumptions]


def test_security_group_without_ipv6_rule_blocks() -> None:
    vpc = dual_stack_vpc()
    groups = [ln.SecurityGroup("sg-lambda", outbound=[ln.SecurityGroupRule(
        "tcp", 443, cidr="0.0.0.0/0")]), vpc.security_groups[1]]
    verdict = ln.can_reach(dataclasses.replace(vpc, security_groups=groups), fn(), "internet6")
    assert verdict.blocked_at is not None
    assert verdict.blocked_at.component == "security group"
    assert "covers IPv4 only" in verdict.blocked_at.detail
    groups[0] = ln.SecurityGroup("sg-lambda", outbound=[ln.SecurityGroupRule(
        "tcp", 443, cidr="::/0")])
    assert ln.can_reach(dataclasses.replace(vpc, security_groups=groups), fn(),
                        "internet6").reachable


@pytest.mark.parametrize(("inbound", "outbound", "reachable"), [
    ([ln.AclRule(100, "allow", cidr="::/0")], [ln.AclRule(100, "allow", cidr="::/0")], True),
    ([ln.AclRule(100, "allow")], [ln.AclRule(100, "allow")], False),  # IPv4 rules only
    ([ln.AclRule(100, "allow", "tcp", (1024, 65535), cidr="::/0")],
     [ln.AclRule(100, "allow", "tcp", 443, cidr="::/0")], True),
    ([ln.AclRule(100, "allow", "tcp", (32768, 61000), cidr="::/0")],
     [ln.AclRule(100, "allow", "tcp", 443, cidr="::/0")], False),
])
def test_custom_network_acl_needs_ipv6_rules(inbound: list[ln.AclRule],
                                             outbound: list[ln.AclRule], reachable: bool) -> None:
    acl = ln.NetworkAcl("acl-private", PRIVATE, inbound=inbound, outbound=outbound)
    vpc = dual_stack_vpc(network_acls=[acl])
    assert ln.can_reach(vpc, fn(), "internet6").reachable is reachable


def test_ipv6_rules_never_open_ipv4() -> None:
    """An IPv6-only rule set leaves IPv4 traffic blocked, as the IPv4 walk reads it."""
    acl = ln.NetworkAcl("acl-private", PRIVATE, inbound=[ln.AclRule(100, "allow", cidr="::/0")],
                        outbound=[ln.AclRule(100, "allow", cidr="::/0")])
    vpc = dual_stack_vpc(nat=True, network_acls=[acl])
    verdict = ln.can_reach(vpc, fn(), "internet")
    assert not verdict.reachable
    assert verdict.blocked_at is not None and verdict.blocked_at.component == "network ACL"


@pytest.mark.parametrize(("text", "version", "port"), [
    ("internet6", 6, 443), ("internet6:8443", 6, 8443), ("internet", 4, 443),
    ("INTERNET6", 6, 443)])
def test_destination_internet6(text: str, version: int, port: int) -> None:
    target = ln.destination(text)
    assert isinstance(target, ln.Internet)
    assert (target.ip_version, target.port) == (version, port)


@pytest.mark.parametrize("value", [5, 0, "6", True, None])
def test_internet_ip_version_is_4_or_6(value: object) -> None:
    with pytest.raises(ln.LambdaNetError, match="ip_version must be 4 or 6"):
        ln.Internet(ip_version=value)  # type: ignore[arg-type]


def test_route_to_unknown_eigw_is_refused() -> None:
    with pytest.raises(ln.LambdaNetError, match=r"routes\[\d\]\.target must be 'local' or the id"):
        dual_stack_vpc(route="eigw-typo")
