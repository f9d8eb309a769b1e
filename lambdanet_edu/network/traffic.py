"""The vocabulary firewall rules, routes and destinations share: protocols, ports, addresses.

The value types of :mod:`lambdanet_edu.network` call the checks from ``__post_init__``; each
returns the normalized value or raises :class:`~lambdanet_edu.errors.LambdaNetError`. The
egress walk words its explanations with the formatters.

Examples:
    >>> check_ports("ports", 443, "tcp"), check_ports("ports", "all", "all")
    ((443, 443), (0, 65535))
    >>> format_port_ranges([(1024, 32767), (61001, 65535)])
    '1024-32767 and 61001-65535'
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, ip_address, ip_network
from typing import Final

from lambdanet_edu._checks import check_list
from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "ALL_PORTS",
    "ANYWHERE",
    "DIRECTIONS",
    "PROTOCOLS",
    "CidrInput",
    "IpInput",
    "PortRange",
    "PortsInput",
    "check_cidr",
    "check_ip",
    "check_port",
    "check_ports",
    "check_protocol",
    "format_port_ranges",
    "format_ports",
    "merge_ranges",
]

PortRange = tuple[int, int]
#: What a constructor accepts for a CIDR: the network, or its text such as ``"10.0.0.0/16"``.
CidrInput = IPv4Network | str
#: What a constructor accepts for an address: the address, or its text such as ``"10.0.2.15"``.
IpInput = IPv4Address | str
#: What a rule accepts for its ports: one port, a ``(first, last)`` pair, or ``"all"``.
PortsInput = int | tuple[int, int] | list[int] | str

#: TCP and UDP port numbers are 16-bit (a protocol fact, not an AWS one).
ALL_PORTS: Final[PortRange] = (0, 65535)
#: Every IPv4 address: a rule's or a route's "0.0.0.0/0".
ANYWHERE: Final = IPv4Network("0.0.0.0/0")
PROTOCOLS: Final = ("tcp", "udp", "all")
#: Which way traffic crosses a security group or a network ACL.
DIRECTIONS: Final = ("inbound", "outbound")
# The AWS API spells "all protocols" -1 and names TCP and UDP by their IANA numbers.
_ALIASES: Final = {"-1": "all", "6": "tcp", "17": "udp"}
_PORTS_ALLOWED = "a port (an integer from 0 to 65,535), a (first, last) pair of ports, or 'all'"


def check_protocol(field: str, value: object, /, *, allow_all: bool = True) -> str:
    """``"tcp"``, ``"udp"`` or ``"all"`` (``"-1"``, ``"6"`` and ``"17"`` are accepted too).

    Examples:
        >>> check_protocol("protocol", "-1"), check_protocol("protocol", "17")
        ('all', 'udp')
    """
    choices = PROTOCOLS if allow_all else PROTOCOLS[:2]
    name = _ALIASES.get(value, value) if isinstance(value, str) else value
    if not isinstance(name, str) or name not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise LambdaNetError.invalid(field, value, f"one of {listed}")
    return name


def check_port(field: str, value: object, /) -> int:
    """A port a connection can be made to: an ``int`` from 1 to 65,535 (not ``bool``).

    Examples:
        >>> check_port("port", 0)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: port must be a port number from 1 to 65,535, got 0
    """
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= ALL_PORTS[1]:
        raise LambdaNetError.invalid(field, value, "a port number from 1 to 65,535")
    return value


def check_ports(field: str, value: object, /, protocol: str) -> PortRange:
    """A rule's ports as an inclusive ``(first, last)`` pair.

    A rule for all protocols covers every port, as in AWS, so it only accepts ``"all"``.

    Examples:
        >>> check_ports("ports", [1024, 65535], "tcp"), check_ports("ports", "all", "udp")
        ((1024, 65535), (0, 65535))
        >>> check_ports("ports", 443, "all")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: ports must be 'all' when protocol is 'all' (such a rule
        covers every port), got 443
    """
    if protocol == "all":
        if value != "all" and value != ALL_PORTS:
            raise LambdaNetError.invalid(
                field, value, "'all' when protocol is 'all' (such a rule covers every port)")
        return ALL_PORTS
    if value == "all":
        return ALL_PORTS
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(pair, (tuple, list)) and len(pair) == 2 and all(
        isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= ALL_PORTS[1] for p in pair
    ) and pair[0] <= pair[1]:
        return (pair[0], pair[1])
    raise LambdaNetError.invalid(field, value, _PORTS_ALLOWED)


def check_cidr(field: str, value: object, /,
               example: str = "'10.0.0.0/16' or '0.0.0.0/0'") -> IPv4Network:
    """Any IPv4 CIDR (``"0.0.0.0/0"``, ``"10.0.2.15/32"``), without host bits set.

    Examples:
        >>> check_cidr("cidr", "10.0.2.15/32")
        IPv4Network('10.0.2.15/32')
        >>> check_cidr("cidr", "10.0.1.7/24")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: cidr must be a network address with no host bits set
        (did you mean '10.0.1.0/24'?), got '10.0.1.7/24'
    """
    if isinstance(value, IPv4Network):
        return value
    allowed = f"an IPv4 CIDR such as {example}"
    if not isinstance(value, str) or "/" not in value:
        raise LambdaNetError.invalid(field, value, allowed)
    try:
        network = ip_network(value.strip(), strict=False)
    except ValueError:
        raise LambdaNetError.invalid(field, value, allowed) from None
    if not isinstance(network, IPv4Network):
        raise LambdaNetError.invalid(field, value, allowed + " (the model covers IPv4)")
    if str(network) != value.strip():
        raise LambdaNetError.invalid(
            field, value, f"a network address with no host bits set (did you mean '{network}'?)")
    return network


def check_ip(field: str, value: object, /) -> IPv4Address:
    """An IPv4 address such as ``"10.0.2.15"``.

    Examples:
        >>> check_ip("ip", "10.0.2.15")
        IPv4Address('10.0.2.15')
    """
    if isinstance(value, IPv4Address):
        return value
    allowed = "an IPv4 address such as '10.0.2.15'"
    if not isinstance(value, str):
        raise LambdaNetError.invalid(field, value, allowed)
    try:
        address = ip_address(value.strip())
    except ValueError:
        raise LambdaNetError.invalid(field, value, allowed) from None
    if not isinstance(address, IPv4Address):
        raise LambdaNetError.invalid(field, value, allowed + " (the model covers IPv4)")
    return address


def format_ports(ports: PortRange, /) -> str:
    """``"port 443"``, ``"ports 1024-65535"`` or ``"all ports"``.

    Examples:
        >>> format_ports((443, 443)), format_ports((1024, 65535)), format_ports((0, 65535))
        ('port 443', 'ports 1024-65535', 'all ports')
    """
    first, last = _check_range("ports", ports)
    if (first, last) == ALL_PORTS:
        return "all ports"
    return f"port {first}" if first == last else f"ports {first}-{last}"


def format_port_ranges(ranges: Iterable[PortRange], /) -> str:
    """Ranges in words: ``"443"``, ``"1024-32767 and 61001-65535"``, ``"1, 3 and 5-9"``.

    Examples:
        >>> format_port_ranges([(443, 443)]), format_port_ranges([(1, 1), (3, 3), (5, 9)])
        ('443', '1, 3 and 5-9')
        >>> format_port_ranges([])
        'none'
    """
    pairs = [_check_range(f"ranges[{i}]", r) for i, r in enumerate(
        check_list("ranges", ranges, "a list of (first, last) port pairs"))]
    parts = [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in pairs]
    if len(parts) <= 1:
        return "".join(parts) or "none"
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _check_range(field: str, value: object, /) -> PortRange:
    """An inclusive ``(first, last)`` pair of ports, as the formatters take it."""
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(
            isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= ALL_PORTS[1]
            for p in value) and value[0] <= value[1]:
        return (value[0], value[1])
    raise LambdaNetError.invalid(field, value, "a (first, last) pair of ports from 0 to 65,535")


def merge_ranges(ranges: Iterable[PortRange], /) -> tuple[PortRange, ...]:
    """Sort inclusive ranges and join those that overlap or touch.

    Examples:
        >>> merge_ranges([(5, 9), (1, 2), (3, 3), (11, 12)])
        ((1, 3), (5, 9), (11, 12))
    """
    merged: list[PortRange] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)
