"""Tests for lambdanet_edu.network.security_groups: rules, groups, and the stateful allow check."""

from __future__ import annotations

from ipaddress import IPv4Network, ip_network

import pytest

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.security_groups import (
    ALLOW_ALL_OUTBOUND,
    SecurityGroup,
    SecurityGroupRule,
    check_security_groups,
)


@pytest.mark.parametrize(("protocol", "ports", "expected"), [
    ("tcp", 443, ("tcp", (443, 443))),
    ("udp", (1024, 65535), ("udp", (1024, 65535))),
    ("tcp", [8000, 8080], ("tcp", (8000, 8080))),
    ("tcp", "all", ("tcp", (0, 65535))),
    ("all", "all", ("all", (0, 65535))),
    ("-1", "all", ("all", (0, 65535))),
    ("6", 22, ("tcp", (22, 22))),
    ("17", 53, ("udp", (53, 53))),
])
def test_rule_normalizes_protocol_and_ports(protocol: str, ports: object,
                                           expected: tuple[str, tuple[int, int]]) -> None:
    rule = SecurityGroupRule(protocol, ports, cidr="0.0.0.0/0")  # type: ignore[arg-type]
    assert (rule.protocol, rule.ports) == expected


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"protocol": "icmp", "ports": "all", "cidr": "0.0.0.0/0"},
     r"^protocol must be one of 'tcp', 'udp', 'all', got 'icmp'$"),
    ({"protocol": 6, "ports": 22, "cidr": "0.0.0.0/0"}, r"^protocol must be one of .*got 6$"),
    ({"protocol": "tcp", "ports": 65536, "cidr": "0.0.0.0/0"},
     r"^ports must be a port \(an integer from 0 to 65,535\), a \(first, last\) pair of ports, or "
     r"'all', got 65536$"),
    ({"protocol": "tcp", "ports": -1, "cidr": "0.0.0.0/0"}, r"^ports must be a port"),
    ({"protocol": "tcp", "ports": "443", "cidr": "0.0.0.0/0"}, r"^ports must be a port .*got "
                                                               r"'443'$"),
    ({"protocol": "tcp", "ports": True, "cidr": "0.0.0.0/0"}, r"^ports must be a port .*got True$"),
    ({"protocol": "tcp", "ports": (2000, 1000), "cidr": "0.0.0.0/0"}, r"^ports must be a port "
                                                                      r".*got \(2000, 1000\)$"),
    ({"protocol": "tcp", "ports": (1, 2, 3), "cidr": "0.0.0.0/0"}, r"^ports must be a port"),
    ({"protocol": "all", "ports": 443, "cidr": "0.0.0.0/0"},
     r"^ports must be 'all' when protocol is 'all' \(such a rule covers every port\), got 443$"),
    ({"protocol": "tcp", "ports": 443},
     r"^cidr or security_group_id must be given \(exactly one of them\), got neither$"),
    ({"protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0", "security_group_id": "sg-1"},
     r"^cidr or security_group_id must be given \(exactly one of them\), got both$"),
    ({"protocol": "tcp", "ports": 443, "cidr": "10.0.0.5/16"},
     r"^cidr must be a network address with no host bits set \(did you mean '10\.0\.0\.0/16'\?\), "
     r"got '10\.0\.0\.5/16'$"),
    # IPv6 CIDRs are rules too since issue 17; a bad one names its network address.
    ({"protocol": "tcp", "ports": 443, "cidr": "2001:db8::1/56"},
     r"^cidr must be a network address with no host bits set \(did you mean '2001:db8::/56'\?\)"),
    ({"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0"}, r"^cidr must be an IPv4 CIDR such as"),
    ({"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/33"}, r"^cidr must be an IPv4 CIDR such "
                                                               r"as"),
    ({"protocol": "tcp", "ports": 443, "security_group_id": "sg 1"},
     r"^security_group_id must be a non-empty string without spaces, got 'sg 1'$"),
])
def test_bad_rule(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        SecurityGroupRule(**kwargs)  # type: ignore[arg-type]


def test_new_group_allows_all_outbound_and_nothing_inbound() -> None:
    group = SecurityGroup("sg-new")
    assert group.inbound == ()
    assert group.outbound == ALLOW_ALL_OUTBOUND
    assert group.outbound[0].describe("outbound") == "all traffic to 0.0.0.0/0"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"group_id": ""}, r"^group_id must be a non-empty string without spaces, got ''$"),
    ({"group_id": "sg-1", "inbound": SecurityGroupRule("tcp", 22, cidr="0.0.0.0/0")},
     r"^inbound must be a list of SecurityGroupRule, got SecurityGroupRule"),
    ({"group_id": "sg-1", "outbound": [None]}, r"^outbound\[0\] must be a SecurityGroupRule, got "
                                               r"None$"),
])
def test_bad_group(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        SecurityGroup(**kwargs)  # type: ignore[arg-type]


SUBNET = ip_network("10.0.1.0/24")


BY_GROUP = SecurityGroupRule("tcp", 5432, security_group_id="sg-app")


@pytest.mark.parametrize(("rules", "port", "peer", "peer_groups", "passed", "partial"), [
    # A rule naming the peer's group allows it, whatever the addresses.
    ([BY_GROUP], 5432, SUBNET, {"sg-app"}, True, False),
    ([BY_GROUP], 5432, SUBNET, {"sg-web"}, False, False),
    ([BY_GROUP], 5433, SUBNET, {"sg-app"}, False, False),
    # CIDR rules must cover every address of the peer; several rules add up.
    ([SecurityGroupRule("tcp", 5432, cidr="10.0.0.0/16")], 5432, SUBNET, set(), True, False),
    ([SecurityGroupRule("tcp", 5432, cidr="10.0.1.0/25")], 5432, SUBNET, set(), False, True),
    ([SecurityGroupRule("tcp", 5432, cidr="10.0.1.0/25"),
      SecurityGroupRule("tcp", (5000, 6000), cidr="10.0.1.128/25")],
     5432, SUBNET, set(), True, False),
    ([SecurityGroupRule("tcp", 5432, cidr="10.0.2.0/24")], 5432, SUBNET, set(), False, False),
    # An unknown public address is allowed only by 0.0.0.0/0.
    ([SecurityGroupRule("tcp", 443, cidr="0.0.0.0/0")], 443, None, set(), True, False),
    ([SecurityGroupRule("tcp", 443, cidr="0.0.0.0/1"),
      SecurityGroupRule("tcp", 443, cidr="128.0.0.0/1")], 443, None, set(), False, False),
    # Protocols: 'all' covers tcp and udp; tcp does not cover udp.
    ([SecurityGroupRule("all", "all", cidr="0.0.0.0/0")], 53, None, set(), True, False),
    ([SecurityGroupRule("tcp", 53, cidr="0.0.0.0/0")], 53, None, set(), False, False),
])
def test_inbound_check(rules: list[SecurityGroupRule], port: int, peer: IPv4Network | None,
                       peer_groups: set[str], passed: bool, partial: bool) -> None:
    protocol = "udp" if port == 53 else "tcp"
    check = check_security_groups([SecurityGroup("sg-db", inbound=rules)], "inbound", protocol,
                                  port, peer=peer, peer_groups=frozenset(peer_groups))
    assert (check.passed, check.partial) == (passed, partial)
    assert bool(check.allowed_by) == passed


def test_rules_of_several_groups_add_up_and_direction_matters() -> None:
    inbound_only = SecurityGroup("sg-1", inbound=[SecurityGroupRule("tcp", 22, cidr="0.0.0.0/0")],
                                 outbound=[])
    other = SecurityGroup("sg-2", outbound=[SecurityGroupRule("tcp", 22, cidr="0.0.0.0/0")])
    assert not check_security_groups([inbound_only], "outbound", "tcp", 22, peer=None).passed
    check = check_security_groups([inbound_only, other], "outbound", "tcp", 22, peer=None)
    assert check.passed
    assert check.allowed_by[0][0] == "sg-2"
    with pytest.raises(LambdaNetError, match=r"^direction must be one of 'inbound', 'outbound', "
                                             r"got 'in'$"):
        check_security_groups([other], "in", "tcp", 22, peer=None)
