"""Network ACLs: stateless, numbered allow and deny rules at a subnet's edge.

Rules are evaluated lowest number first and the first rule that matches decides; traffic no
rule matches falls to the final ``*`` rule, which denies. Being stateless, a network ACL checks
replies like any other traffic, so the subnet of a Lambda function must let replies in on
every port Lambda uses, 1024-65535. A network ACL applies only to traffic entering or leaving
its subnets, never to traffic between two addresses of one subnet.

Evaluation over a range of ports is exact: the range is cut wherever a rule's ports or CIDR
begin or end, and each piece gets its own first-match answer.

Examples:
    >>> acl = NetworkAcl("acl-linux", ["subnet-a"],
    ...                  inbound=[AclRule(100, "allow", "tcp", (32768, 61000))])
    >>> check = acl.evaluate("inbound", "tcp", (1024, 65535), peer=None)
    >>> check.allowed
    ((32768, 61000),)
    >>> [(d.ports, d.rule_number) for d in check.denials]
    [((1024, 32767), None), ((61001, 65535), None)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Network
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from lambdanet_edu._checks import check_choice, check_id, check_id_list, check_int, check_list
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    ACL_RULE_NUMBER_MAX,
    ACL_RULE_NUMBER_MIN,
    ACL_RULES_PER_DIRECTION_DEFAULT,
    ACL_RULES_PER_DIRECTION_MAX,
)
from lambdanet_edu.network.ipv6 import check_any_cidr
from lambdanet_edu.network.traffic import (
    ALL_PORTS,
    ANYWHERE,
    DIRECTIONS,
    CidrInput,
    PortRange,
    PortsInput,
    check_cidr,
    check_ports,
    check_protocol,
    format_port_ranges,
    merge_ranges,
)

__all__ = [
    "ALLOW_ALL_RULES",
    "AclCheck",
    "AclDenial",
    "AclRule",
    "NetworkAcl",
    "default_network_acl",
]

@dataclass(frozen=True, slots=True)
class AclRule:
    """One numbered network ACL rule.

    Args:
        rule_number: 1 to 32766; lower numbers are evaluated first.
        action: ``"allow"`` or ``"deny"``.
        protocol: ``"tcp"``, ``"udp"`` or ``"all"``.
        ports: One port, a ``(first, last)`` pair, or ``"all"``.
        cidr: The addresses traffic comes from (inbound) or goes to (outbound).

    Examples:
        >>> AclRule(100, "allow", "tcp", (1024, 65535)).ports
        (1024, 65535)
        >>> AclRule(32767, "deny")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: rule_number must be an integer from 1 to 32,766, got
        32767
    """

    rule_number: int
    action: str
    protocol: str = "all"
    ports: PortRange = ALL_PORTS  # "all" in the constructor's words
    cidr: IPv4Network | IPv6Network = ANYWHERE

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, rule_number: int, action: str, protocol: str = "all",
            ports: PortsInput = "all", cidr: CidrInput | IPv6Network = "0.0.0.0/0",
        ) -> None: ...

    def __post_init__(self) -> None:
        check_int("rule_number", self.rule_number, lo=ACL_RULE_NUMBER_MIN, hi=ACL_RULE_NUMBER_MAX)
        check_choice("action", self.action, ("allow", "deny"))
        protocol = check_protocol("protocol", self.protocol)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "ports", check_ports("ports", self.ports, protocol))
        object.__setattr__(self, "cidr", check_any_cidr("cidr", self.cidr))


#: The rules of the default network ACL in each direction: rule 100 allows all traffic.
ALLOW_ALL_RULES: Final = (AclRule(100, "allow"),)


@dataclass(frozen=True, slots=True)
class AclDenial:
    """Ports (and, when only part of the peer is affected, addresses) a rule denied.

    ``rule_number`` is ``None`` for the final ``*`` rule.

    Examples:
        >>> AclDenial((1024, 32767), None).rule, AclDenial((22, 22), 90).rule
        ("the final '*' rule", 'rule 90')
    """

    ports: PortRange
    rule_number: int | None
    addresses: tuple[IPv4Address, IPv4Address] | None = None

    @property
    def rule(self) -> str:
        """``"rule 90"`` or ``"the final '*' rule"``."""
        return "the final '*' rule" if self.rule_number is None else f"rule {self.rule_number}"


@dataclass(frozen=True, slots=True)
class AclCheck:
    """The answer of one network ACL, in one direction, for a range of ports.

    Attributes:
        allowed: Port ranges allowed for every address of the peer.
        denials: The rest, each with the rule that denied it.
        allowed_by: Numbers of the rules that allowed some of the traffic.

    Examples:
        >>> acl = NetworkAcl("acl-1", inbound=[AclRule(100, "allow", "tcp", (32768, 61000))])
        >>> check = acl.evaluate("inbound", "tcp", (1024, 65535), peer=None)
        >>> check.passed, check.allowed, check.allowed_by
        (False, ((32768, 61000),), (100,))
    """

    allowed: tuple[PortRange, ...]
    denials: tuple[AclDenial, ...]
    allowed_by: tuple[int, ...]

    @property
    def passed(self) -> bool:
        """True when nothing was denied."""
        return not self.denials

    def describe_denials(self) -> str:
        """The denials in words, grouped by rule.

        Examples:
            >>> acl = NetworkAcl("acl-1", inbound=[AclRule(90, "deny", "tcp", (1024, 2047)),
            ...                                     AclRule(100, "allow", "tcp", (1024, 40000))])
            >>> acl.evaluate("inbound", "tcp", (1024, 65535), peer=None).describe_denials()
            "ports 1024-2047 fall to rule 90 (deny); ports 40001-65535 fall to the final '*' rule
            (deny)"
        """
        by_rule: dict[tuple[str, str], list[PortRange]] = {}
        for denial in self.denials:
            where = "" if denial.addresses is None else (
                f" for addresses {denial.addresses[0]}-{denial.addresses[1]}")
            by_rule.setdefault((denial.rule, where), []).append(denial.ports)
        parts = []
        for (rule, where), ranges in by_rule.items():
            merged = merge_ranges(ranges)
            noun = "port" if len(merged) == 1 and merged[0][0] == merged[0][1] else "ports"
            parts.append(f"{noun} {format_port_ranges(merged)}{where} fall to {rule} (deny)")
        return "; ".join(parts)


def _check_acl_rules(field: str, value: object, /) -> tuple[AclRule, ...]:
    rules: list[AclRule] = []
    seen: dict[int, int] = {}
    items = check_list(field, value, "a list of AclRule")
    if len(items) > ACL_RULES_PER_DIRECTION_MAX:
        raise LambdaNetError.invalid(
            field, value,
            f"a list of at most {ACL_RULES_PER_DIRECTION_MAX} rules (AWS allows "
            f"{ACL_RULES_PER_DIRECTION_DEFAULT} per direction by default, "
            f"{ACL_RULES_PER_DIRECTION_MAX} at most)", got=f"{len(items):,} rules")
    for i, rule in enumerate(items):
        if not isinstance(rule, AclRule):
            raise LambdaNetError.invalid(f"{field}[{i}]", rule, "an AclRule")
        if rule.rule_number in seen:
            raise LambdaNetError.invalid(
                f"{field}[{i}].rule_number", rule.rule_number,
                f"unique in {field} (rule {field}[{seen[rule.rule_number]}] has it already)")
        seen[rule.rule_number] = i
        rules.append(rule)
    return tuple(rules)


def _cuts(lo: int, hi: int, bounds: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut ``lo..hi`` into pieces that no bound starts or ends inside."""
    points = {lo, hi + 1}
    for first, last in bounds:
        points.update(p for p in (first, last + 1) if lo < p <= hi)
    ordered = sorted(points)
    return [(a, b - 1) for a, b in pairwise(ordered)]


@dataclass(frozen=True, slots=True)
class NetworkAcl:
    """A network ACL and the subnets it guards.

    Args:
        acl_id: Its id, such as ``"acl-private"``.
        subnet_ids: The subnets associated with it (a subnet has one network ACL).
        inbound: Rules for traffic entering those subnets (requests and replies alike).
        outbound: Rules for traffic leaving them.

    A network ACL you create denies everything until you add rules, as in AWS; subnets with
    no network ACL of their own use the default one, which allows all traffic. Each direction
    holds at most 40 rules (AWS's highest quota; 20 by default).

    Examples:
        >>> NetworkAcl("acl-new").evaluate("outbound", "tcp", (443, 443), peer=None).passed
        False
        >>> NetworkAcl("acl-1", inbound=[AclRule(100, "allow"), AclRule(100, "deny")])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: inbound[1].rule_number must be unique in inbound (rule
        inbound[0] has it already), got 100
    """

    acl_id: str
    subnet_ids: tuple[str, ...] = ()
    inbound: tuple[AclRule, ...] = ()
    outbound: tuple[AclRule, ...] = ()

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, acl_id: str, subnet_ids: Iterable[str] = (),
            inbound: Iterable[AclRule] = (), outbound: Iterable[AclRule] = (),
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("acl_id", self.acl_id)
        object.__setattr__(self, "subnet_ids",
                           check_id_list("subnet_ids", self.subnet_ids))
        object.__setattr__(self, "inbound", _check_acl_rules("inbound", self.inbound))
        object.__setattr__(self, "outbound", _check_acl_rules("outbound", self.outbound))

    def evaluate(
        self, direction: str, protocol: str, ports: PortRange, *, peer: IPv4Network | None,
        ip_version: int = 4,
    ) -> AclCheck:
        """Evaluate every port of ``ports`` (and every address of ``peer``) by first match.

        Args:
            direction: ``"inbound"`` or ``"outbound"``.
            protocol: ``"tcp"`` or ``"udp"``.
            ports: The destination ports of the traffic, an inclusive ``(first, last)`` pair.
            peer: The source (inbound) or destination (outbound) addresses, or ``None`` for an
                unknown public address, which only rules for ``0.0.0.0/0`` match.
            ip_version: 6 evaluates the IPv6 rules instead, with ``peer=None`` standing for an
                unknown public IPv6 address (only rules for ``::/0`` match).

        Examples:
            >>> acl = NetworkAcl("acl-1", outbound=[AclRule(100, "allow", "tcp", 443)])
            >>> acl.evaluate("outbound", "tcp", (443, 443), peer=None).allowed_by
            (100,)
        """
        check_choice("direction", direction, DIRECTIONS)
        protocol = check_protocol("protocol", protocol, allow_all=False)
        ports = check_ports("ports", ports, protocol)
        peer = None if peer is None else check_cidr("peer", peer)
        given = self.inbound if direction == "inbound" else self.outbound
        rules = sorted((r for r in given if r.protocol in ("all", protocol)
                        and r.cidr.version == ip_version),
                       key=lambda r: r.rule_number)
        if peer is None:
            rules = [r for r in rules if r.cidr.prefixlen == 0]
            address_pieces: list[tuple[int, int]] = [(0, 0)]  # one stand-in public address
        else:
            lo, hi = int(peer.network_address), int(peer.broadcast_address)
            address_pieces = _cuts(lo, hi, ((int(r.cidr.network_address),
                                             int(r.cidr.broadcast_address)) for r in rules))
        port_pieces = _cuts(ports[0], ports[1], (r.ports for r in rules))
        spans = [(int(r.cidr.network_address), int(r.cidr.broadcast_address)) for r in rules]
        denied: list[tuple[int, int, int | None, tuple[int, int]]] = []
        allowed_by: set[int] = set()
        for addresses in address_pieces:
            here = rules if peer is None else [
                r for r, (first, last) in zip(rules, spans, strict=True)
                if first <= addresses[0] <= last]
            for piece, rule in zip(port_pieces, _first_match(port_pieces, here), strict=True):
                if rule is not None and rule.action == "allow":
                    allowed_by.add(rule.rule_number)
                else:
                    denied.append((piece[0], piece[1],
                                   None if rule is None else rule.rule_number, addresses))
        return _summarize(ports, peer, address_pieces, denied, allowed_by)


def _first_match(pieces: Sequence[PortRange],
                 rules: Sequence[AclRule]) -> list[AclRule | None]:
    """The first rule (``rules`` in evaluation order) whose ports hold each piece.

    Each rule marks the pieces no earlier rule took, skipping decided ones through ``ahead``
    (a union-find "next undecided piece" pointer), so the work is near-linear in rules plus
    pieces rather than their product. ``pieces`` are sorted and cut at every rule's bounds.
    """
    starts = [first for first, _ in pieces]
    first: list[AclRule | None] = [None] * len(pieces)
    ahead = list(range(len(pieces) + 1))

    def undecided(i: int) -> int:
        root = i
        while ahead[root] != root:
            root = ahead[root]
        while ahead[i] != root:  # path compression
            ahead[i], i = root, ahead[i]
        return root

    for rule in rules:
        end = bisect_right(starts, rule.ports[1])
        i = undecided(bisect_left(starts, rule.ports[0]))
        while i < end:
            first[i] = rule
            ahead[i] = i + 1
            i = undecided(i + 1)
    return first


def _summarize(
    ports: PortRange,
    peer: IPv4Network | None,
    address_pieces: list[tuple[int, int]],
    denied: list[tuple[int, int, int | None, tuple[int, int]]],
    allowed_by: set[int],
) -> AclCheck:
    whole = address_pieces[0] if peer is None else (
        int(peer.network_address), int(peer.broadcast_address))
    groups: dict[tuple[int | None, tuple[int, int]], list[PortRange]] = {}
    for first, last, rule_number, addresses in denied:
        groups.setdefault((rule_number, addresses), []).append((first, last))
    denials: list[AclDenial] = []
    for (rule_number, addresses), ranges in groups.items():
        shown = None if addresses == whole else (
            IPv4Address(addresses[0]), IPv4Address(addresses[1]))
        denials.extend(AclDenial(r, rule_number, shown) for r in merge_ranges(ranges))
    denials.sort(key=lambda d: (d.ports, d.addresses or ()))
    blocked = merge_ranges(d.ports for d in denials)
    allowed, start = [], ports[0]
    for lo, hi in blocked:
        if start < lo:
            allowed.append((start, lo - 1))
        start = hi + 1
    if start <= ports[1]:
        allowed.append((start, ports[1]))
    return AclCheck(tuple(allowed), tuple(denials), tuple(sorted(allowed_by)))


def default_network_acl(subnet_ids: Iterable[str] = ()) -> NetworkAcl:
    """The default network ACL, which allows all traffic both ways (rule 100, then ``*``).

    Examples:
        >>> acl = default_network_acl(["subnet-a"])
        >>> acl.evaluate("inbound", "udp", (1024, 65535), peer=None).passed
        True
    """
    return NetworkAcl("default", tuple(subnet_ids), ALLOW_ALL_RULES, ALLOW_ALL_RULES)
