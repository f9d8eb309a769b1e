"""Security groups: stateful, allow-only firewalls on each network interface.

A rule allows traffic; nothing denies except the absence of a rule. A new security group has
no inbound rules and one outbound rule that allows everything. Because security groups are
stateful, the reply to an allowed connection is always let back in, whatever the rules say.

Examples:
    >>> db = SecurityGroup("sg-db",
    ...                    inbound=[SecurityGroupRule("tcp", 5432, security_group_id="sg-app")])
    >>> check_security_groups([db], "inbound", "tcp", 5432, peer=None,
    ...                       peer_groups=frozenset({"sg-app"})).passed
    True
    >>> SecurityGroup("sg-new").outbound
    (SecurityGroupRule(protocol='all', ports=(0, 65535), cidr=IPv4Network('0.0.0.0/0'),
    security_group_id=None),)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, dataclass
from ipaddress import IPv4Network, IPv6Network
from typing import TYPE_CHECKING, Final

from lambdanet_edu._checks import check_choice, check_id, check_items
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.ipv6 import check_any_cidr
from lambdanet_edu.network.traffic import (
    ALL_PORTS,
    DIRECTIONS,
    CidrInput,
    PortRange,
    PortsInput,
    check_ports,
    check_protocol,
    format_ports,
    merge_ranges,
)

__all__ = [
    "ALLOW_ALL_OUTBOUND",
    "SecurityGroup",
    "SecurityGroupCheck",
    "SecurityGroupRule",
    "check_security_groups",
]

@dataclass(frozen=True, slots=True)
class SecurityGroupRule:
    """One allow rule: a protocol, ports, and either a CIDR or another security group.

    Args:
        protocol: ``"tcp"``, ``"udp"`` or ``"all"`` (``"-1"`` as in the AWS API).
        ports: One port, a ``(first, last)`` pair, or ``"all"``.
        cidr: The addresses the rule allows traffic to (outbound) or from (inbound).
        security_group_id: Instead of a CIDR: every network interface in that group.

    Examples:
        >>> SecurityGroupRule("tcp", 443, cidr="0.0.0.0/0").describe("outbound")
        'tcp port 443 to 0.0.0.0/0'
        >>> SecurityGroupRule("tcp", (8000, 8080), security_group_id="sg-app").describe("inbound")
        'tcp ports 8000-8080 from sg-app'
        >>> SecurityGroupRule("tcp", 443)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: cidr or security_group_id must be given (exactly one of
        them), got neither
    """

    protocol: str = "all"
    ports: PortRange = ALL_PORTS  # "all" in the constructor's words
    _: KW_ONLY
    cidr: IPv4Network | IPv6Network | None = None
    security_group_id: str | None = None

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, protocol: str = "all", ports: PortsInput = "all", *,
            cidr: CidrInput | IPv6Network | None = None, security_group_id: str | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        protocol = check_protocol("protocol", self.protocol)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "ports", check_ports("ports", self.ports, protocol))
        if (self.cidr is None) == (self.security_group_id is None):
            got = "neither" if self.cidr is None else "both"
            raise LambdaNetError.invalid(
                "cidr or security_group_id", None, "given (exactly one of them)", got=got)
        if self.cidr is not None:
            object.__setattr__(self, "cidr", check_any_cidr("cidr", self.cidr))
        else:
            check_id("security_group_id", self.security_group_id)

    @property
    def peer(self) -> str:
        """The CIDR or security group the rule names, as text."""
        return str(self.cidr) if self.cidr is not None else str(self.security_group_id)

    def describe(self, direction: str) -> str:
        """The rule in words, ``"to"`` its peer when outbound and ``"from"`` it when inbound."""
        what = ("all traffic" if self.protocol == "all"
                else f"{self.protocol} {format_ports(self.ports)}")
        return f"{what} {'to' if direction == 'outbound' else 'from'} {self.peer}"

    def covers(self, protocol: str, port: int) -> bool:
        """Whether the rule's protocol and ports include this connection's."""
        return self.protocol in ("all", protocol) and self.ports[0] <= port <= self.ports[1]


#: The one rule of a new security group's outbound side: all traffic to anywhere.
ALLOW_ALL_OUTBOUND: Final = (SecurityGroupRule("all", "all", cidr="0.0.0.0/0"),)


def _check_rules(field: str, value: object, /) -> tuple[SecurityGroupRule, ...]:
    return check_items(field, value, SecurityGroupRule)


@dataclass(frozen=True, slots=True)
class SecurityGroup:
    """A security group: inbound and outbound allow rules.

    Args:
        group_id: Its id, such as ``"sg-lambda"``.
        inbound: Allow rules for new connections arriving (none by default).
        outbound: Allow rules for new connections leaving (by default all traffic, as AWS
            gives a new group).

    Examples:
        >>> SecurityGroup("sg-locked", outbound=[]).outbound
        ()
        >>> SecurityGroup("sg-db", inbound=["tcp 5432"])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: inbound[0] must be a SecurityGroupRule, got 'tcp 5432'
    """

    group_id: str
    inbound: tuple[SecurityGroupRule, ...] = ()
    outbound: tuple[SecurityGroupRule, ...] = ALLOW_ALL_OUTBOUND

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, group_id: str, inbound: Iterable[SecurityGroupRule] = (),
            outbound: Iterable[SecurityGroupRule] = ALLOW_ALL_OUTBOUND,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("group_id", self.group_id)
        object.__setattr__(self, "inbound", _check_rules("inbound", self.inbound))
        object.__setattr__(self, "outbound", _check_rules("outbound", self.outbound))

    def rules(self, direction: str) -> tuple[SecurityGroupRule, ...]:
        """The ``"inbound"`` or ``"outbound"`` rules.

        Examples:
            >>> len(SecurityGroup("sg-1").rules("outbound"))
            1
        """
        check_choice("direction", direction, DIRECTIONS)
        return self.inbound if direction == "inbound" else self.outbound


@dataclass(frozen=True, slots=True)
class SecurityGroupCheck:
    """Whether a set of security groups allows one connection, and which rules allowed it.

    ``partial`` is true when the CIDR rules allow some but not all addresses of the peer
    (a subnet whose ENI could take any of its addresses): the connection is then not allowed.

    Examples:
        >>> group = SecurityGroup("sg-1",
        ...                       outbound=[SecurityGroupRule("tcp", 443, cidr="0.0.0.0/0")])
        >>> check = check_security_groups([group], "outbound", "tcp", 443, peer=None)
        >>> check.passed, [g for g, _ in check.allowed_by]
        (True, ['sg-1'])
    """

    passed: bool
    allowed_by: tuple[tuple[str, SecurityGroupRule], ...]
    partial: bool = False


def check_security_groups(
    groups: Sequence[SecurityGroup],
    direction: str,
    protocol: str,
    port: int,
    *,
    peer: IPv4Network | None,
    peer_groups: frozenset[str] = frozenset(),
) -> SecurityGroupCheck:
    """Whether ``groups`` allow a new connection (rules of all the groups add up).

    Args:
        groups: The security groups of the network interface being checked.
        direction: ``"outbound"`` for a connection it opens, ``"inbound"`` for one it receives.
        protocol: ``"tcp"`` or ``"udp"``.
        port: The destination port.
        peer: The addresses at the other end, every one of which must be allowed, or ``None``
            for an unknown public address, which only a ``0.0.0.0/0`` rule allows.
        peer_groups: The security groups of the other end, for rules that name a group.

    Examples:
        >>> web = SecurityGroup("sg-web",
        ...                     inbound=[SecurityGroupRule("tcp", 443, cidr="10.0.1.0/25")])
        >>> from ipaddress import ip_network
        >>> check = check_security_groups([web], "inbound", "tcp", 443,
        ...                               peer=ip_network("10.0.1.0/24"))
        >>> check.passed, check.partial
        (False, True)
    """
    check_choice("direction", direction, DIRECTIONS)
    by_group: list[tuple[str, SecurityGroupRule]] = []
    by_cidr: list[tuple[str, SecurityGroupRule]] = []
    for group in groups:
        for rule in group.rules(direction):
            if not rule.covers(protocol, port) or (
                    rule.cidr is not None and rule.cidr.version != 4):
                continue  # IPv6 rules never match IPv4 traffic (egress/_ipv6.py reads them)
            if rule.security_group_id is not None:
                if rule.security_group_id in peer_groups:
                    by_group.append((group.group_id, rule))
            elif peer is None:
                if rule.cidr is not None and rule.cidr.prefixlen == 0:
                    by_cidr.append((group.group_id, rule))
            elif rule.cidr is not None and rule.cidr.overlaps(peer):
                by_cidr.append((group.group_id, rule))
    if by_group:
        return SecurityGroupCheck(True, tuple(by_group + by_cidr))
    if peer is None:
        return SecurityGroupCheck(bool(by_cidr), tuple(by_cidr))
    covered = merge_ranges(
        (max(int(r.cidr.network_address), int(peer.network_address)),
         min(int(r.cidr.broadcast_address), int(peer.broadcast_address)))
        for _, r in by_cidr if r.cidr is not None
    )
    whole = (int(peer.network_address), int(peer.broadcast_address))
    if covered == (whole,):
        return SecurityGroupCheck(True, tuple(by_cidr))
    return SecurityGroupCheck(False, (), partial=bool(covered))
