"""Property tests: range evaluation of network ACLs and security groups against brute force.

The brute-force checkers below are written from the AWS rule text alone, port by port and
address by address, and share no code with the model.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network, ip_network

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu.network.network_acls import AclRule, NetworkAcl
from lambdanet_edu.network.security_groups import (
    SecurityGroup,
    SecurityGroupRule,
    check_security_groups,
)

SETTINGS = settings(max_examples=300, deadline=None)
PEERS = ["10.0.1.0/28", "10.0.1.16/28", "10.0.1.0/27"]
RULE_CIDRS = ["0.0.0.0/0", "10.0.1.0/28", "10.0.1.0/29", "10.0.1.8/29", "10.0.1.4/30",
              "10.0.1.16/28", "10.0.1.5/32", "192.168.0.0/16"]

small_ranges = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (min(t), max(t)))


@st.composite
def acl_rules(draw: st.DrawFn) -> list[AclRule]:
    numbers = draw(st.lists(st.integers(1, 32766), max_size=6, unique=True))
    rules = []
    for number in numbers:
        protocol = draw(st.sampled_from(["tcp", "udp", "all"]))
        ports = "all" if protocol == "all" else draw(small_ranges)
        rules.append(AclRule(number, draw(st.sampled_from(["allow", "deny"])), protocol, ports,
                             draw(st.sampled_from(RULE_CIDRS))))
    return rules


def first_match(rules: list[AclRule], protocol: str, port: int, address: IPv4Address | None) -> str:
    """The rule text: lowest number first; the first that matches decides; '*' denies."""
    for rule in sorted(rules, key=lambda r: r.rule_number):
        if rule.protocol not in ("all", protocol) or not rule.ports[0] <= port <= rule.ports[1]:
            continue
        matches = rule.cidr.prefixlen == 0 if address is None else address in rule.cidr
        if matches:
            return rule.action
    return "deny"


class TestFirstMatchOverRanges:
    """"Each rule has a number from 1 to 32766. We evaluate the rules in order, starting with the
    lowest numbered rule, when deciding whether allow or deny traffic. If the traffic matches a
    rule, the rule is applied and we do not evaluate any additional rules."
    - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
    """

    @SETTINGS
    @given(acl_rules(), small_ranges, st.sampled_from(["tcp", "udp"]),
           st.sampled_from([None, *PEERS]))
    def test_range_answer_equals_port_by_port_answer(
        self, rules: list[AclRule], ports: tuple[int, int], protocol: str, peer_text: str | None
    ) -> None:
        peer = None if peer_text is None else ip_network(peer_text)
        check = NetworkAcl("acl-1", inbound=rules).evaluate("inbound", protocol, ports, peer=peer)
        addresses: list[IPv4Address | None] = [None] if peer is None else list(peer)
        allowed_everywhere = {
            port for port in range(ports[0], ports[1] + 1)
            if all(first_match(rules, protocol, port, a) == "allow" for a in addresses)}
        from_check = {p for lo, hi in check.allowed for p in range(lo, hi + 1)}
        assert from_check == allowed_everywhere
        denied = {p for d in check.denials for p in range(d.ports[0], d.ports[1] + 1)}
        assert denied == set(range(ports[0], ports[1] + 1)) - allowed_everywhere
        assert check.passed is (denied == set())
        for denial in check.denials:  # the rule named is the one that really denies
            address = None if peer is None else (
                denial.addresses[0] if denial.addresses else peer.network_address)
            for port in denial.ports:
                matching = [r for r in sorted(rules, key=lambda r: r.rule_number)
                            if r.protocol in ("all", protocol) and r.ports[0] <= port <= r.ports[1]
                            and (r.cidr.prefixlen == 0 if address is None else address in r.cidr)]
                assert denial.rule_number == (matching[0].rule_number if matching else None)


sg_rule = st.builds(
    lambda port_range, cidr: SecurityGroupRule("tcp", port_range, cidr=cidr),
    small_ranges, st.sampled_from(RULE_CIDRS))


class TestSecurityGroupsAggregate:
    """"When you associate multiple security groups with an instance, the rules from each
    security group are effectively aggregated to create one set of rules."
    - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
    """

    @SETTINGS
    @given(st.lists(sg_rule, max_size=5), st.lists(sg_rule, max_size=3),
           st.integers(0, 60), st.sampled_from(PEERS))
    def test_a_subnet_is_allowed_iff_every_address_is(
        self, first: list[SecurityGroupRule], second: list[SecurityGroupRule], port: int,
        peer_text: str
    ) -> None:
        peer: IPv4Network = ip_network(peer_text)  # type: ignore[assignment]
        groups = [SecurityGroup("sg-1", inbound=first), SecurityGroup("sg-2", inbound=second)]
        check = check_security_groups(groups, "inbound", "tcp", port, peer=peer)
        rules = first + second
        each = [any(r.covers("tcp", port) and r.cidr is not None and a in r.cidr for r in rules)
                for a in peer]
        assert check.passed is all(each)
        assert check.partial is (any(each) and not all(each))
