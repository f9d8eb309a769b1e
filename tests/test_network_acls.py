"""Tests for lambdanet_edu.network.network_acls: numbered rules, first match, exact port ranges."""

from __future__ import annotations

from ipaddress import IPv4Address, ip_network

import pytest

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.network_acls import AclRule, NetworkAcl, default_network_acl

EPHEMERAL = (1024, 65535)


@pytest.mark.parametrize(("args", "message"), [
    ((0, "allow"), r"^rule_number must be an integer from 1 to 32,766, got 0$"),
    ((32767, "allow"), r"^rule_number must be an integer from 1 to 32,766, got 32767$"),
    (("100", "allow"), r"^rule_number must be an integer from 1 to 32,766, got '100'$"),
    ((100.0, "allow"), r"^rule_number must be an integer .*got 100\.0$"),
    ((True, "allow"), r"^rule_number must be an integer .*got True$"),
    ((100, "ALLOW"), r"^action must be one of 'allow', 'deny', got 'ALLOW'$"),
    ((100, None), r"^action must be one of 'allow', 'deny', got None$"),
    ((100, "allow", "icmp"), r"^protocol must be one of 'tcp', 'udp', 'all', got 'icmp'$"),
    ((100, "allow", "tcp", 70000), r"^ports must be a port"),
    ((100, "allow", "all", (1024, 65535)), r"^ports must be 'all' when protocol is 'all'"),
    ((100, "allow", "tcp", "all", "0.0.0.0"), r"^cidr must be an IPv4 CIDR"),
])
def test_bad_rule(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        AclRule(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [1, 100, 32766])
def test_rule_numbers_at_the_limits(number: int) -> None:
    assert AclRule(number, "deny").rule_number == number


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"acl_id": "acl 1"}, r"^acl_id must be a non-empty string without spaces"),
    ({"acl_id": "acl-1", "subnet_ids": "subnet-a"}, r"^subnet_ids must be a list of ids, got "
                                                    r"'subnet-a'$"),
    ({"acl_id": "acl-1", "subnet_ids": ["subnet-a", "subnet-a"]}, r"^subnet_ids must be a list "
                                                                  r"without repeats"),
    ({"acl_id": "acl-1", "outbound": [AclRule(10, "allow"), AclRule(10, "deny")]},
     r"^outbound\[1\]\.rule_number must be unique in outbound \(rule outbound\[0\] has it "
     r"already\), got 10$"),
    ({"acl_id": "acl-1", "inbound": "allow"}, r"^inbound must be a list of AclRule, got 'allow'$"),
])
def test_bad_acl(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        NetworkAcl(**kwargs)  # type: ignore[arg-type]


# Expected answers reason from the rule text: lowest number first, first match wins, '*' denies.
@pytest.mark.parametrize(("inbound", "allowed", "denials"), [
    ([AclRule(100, "allow")], [EPHEMERAL], []),
    ([], [], [(EPHEMERAL, None)]),
    ([AclRule(90, "deny", "tcp", EPHEMERAL), AclRule(100, "allow")], [], [(EPHEMERAL, 90)]),
    # Rule order in the list does not matter; numbers do.
    ([AclRule(100, "allow"), AclRule(90, "deny", "tcp", EPHEMERAL)], [], [(EPHEMERAL, 90)]),
    ([AclRule(100, "allow", "tcp", (32768, 61000))], [(32768, 61000)],
     [((1024, 32767), None), ((61001, 65535), None)]),
    ([AclRule(100, "allow", "tcp", (1024, 65535)), AclRule(50, "deny", "tcp", 3306)],
     [(1024, 3305), (3307, 65535)], [((3306, 3306), 50)]),
    # A later deny cannot take back what an earlier allow let through.
    ([AclRule(10, "allow", "tcp", (1024, 2000)), AclRule(20, "deny", "tcp", (1500, 65535)),
      AclRule(30, "allow")], [(1024, 2000)], [((2001, 65535), 20)]),
    # udp and narrower CIDRs do not match tcp from an unknown public address.
    ([AclRule(100, "allow", "udp", EPHEMERAL),
      AclRule(110, "allow", "tcp", EPHEMERAL, "52.0.0.0/8")],
     [], [(EPHEMERAL, None)]),
])
def test_first_match_over_a_port_range(inbound: list[AclRule], allowed: list[tuple[int, int]],
                                       denials: list[tuple[tuple[int, int], int | None]]) -> None:
    check = NetworkAcl("acl-1", inbound=inbound).evaluate("inbound", "tcp", EPHEMERAL, peer=None)
    assert list(check.allowed) == allowed
    assert [(d.ports, d.rule_number) for d in check.denials] == denials
    assert check.passed is (not denials)


def test_addresses_of_a_subnet_peer_are_evaluated_separately() -> None:
    acl = NetworkAcl("acl-1", outbound=[AclRule(10, "deny", "all", "all", "10.0.1.0/25"),
                                        AclRule(20, "allow")])
    check = acl.evaluate("outbound", "tcp", EPHEMERAL, peer=ip_network("10.0.1.0/24"))
    assert check.allowed == ()
    (denial,) = check.denials
    assert denial.addresses == (IPv4Address("10.0.1.0"), IPv4Address("10.0.1.127"))
    assert "for addresses 10.0.1.0-10.0.1.127 fall to rule 10" in check.describe_denials()
    # The other half of the subnet, alone, passes.
    assert acl.evaluate("outbound", "tcp", EPHEMERAL, peer=ip_network("10.0.1.128/25")).passed


def test_describe_denials_groups_by_rule() -> None:
    acl = NetworkAcl("acl-1", inbound=[AclRule(100, "allow", "tcp", (32768, 61000))])
    text = acl.evaluate("inbound", "tcp", EPHEMERAL, peer=None).describe_denials()
    assert text == "ports 1024-32767 and 61001-65535 fall to the final '*' rule (deny)"


def test_default_acl_allows_everything() -> None:
    acl = default_network_acl(["subnet-a"])
    assert acl.subnet_ids == ("subnet-a",)
    for direction in ("inbound", "outbound"):
        check = acl.evaluate(direction, "udp", (0, 65535), peer=ip_network("10.0.0.0/16"))
        assert check.passed
        assert check.allowed == ((0, 65535),)
        assert check.allowed_by == (100,)


def test_direction_is_checked() -> None:
    with pytest.raises(LambdaNetError, match=r"^direction must be one of 'inbound', 'outbound', "
                                             r"got 'egress'$"):
        NetworkAcl("acl-1").evaluate("egress", "tcp", EPHEMERAL, peer=None)
