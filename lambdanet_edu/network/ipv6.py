"""IPv6 in a VPC: dual-stack subnets, the egress-only internet gateway, IPv6 CIDR checks.

A dual-stack subnet has an IPv4 block and an IPv6 /64. A VPC function may use IPv6 only with
``ipv6_allowed_for_dual_stack=True``, and then AWS requires every one of its subnets to be
dual-stack; :func:`check_dual_stack` refuses the flag otherwise and names the subnet. Outbound
IPv6 to the internet needs no NAT: a route ``::/0`` to an egress-only internet gateway lets
connections out and nothing from the internet in.

Examples:
    >>> check_any_cidr("destination", "::/0")
    IPv6Network('::/0')
    >>> check_any_cidr("destination", "0.0.0.0/0")
    IPv4Network('0.0.0.0/0')
    >>> check_subnet_ipv6("2001:db8:1:1::/64")
    IPv6Network('2001:db8:1:1::/64')
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import TYPE_CHECKING, Protocol

from lambdanet_edu._checks import check_id
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import IPV6_SUBNET_PREFIX
from lambdanet_edu.network.traffic import check_cidr

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lambdanet_edu.functions import LambdaFunction

__all__ = [
    "EgressOnlyInternetGateway",
    "check_any_cidr",
    "check_dual_stack",
    "check_ipv6_cidr",
    "check_subnet_ipv6",
    "check_vpc_ipv6",
]

#: What a rule or a route accepts for an IPv6 block: the network, or text such as ``"::/0"``.
Cidr6Input = IPv6Network | str


def check_ipv6_cidr(field: str, value: object, /, example: str = "'::/0'") -> IPv6Network:
    """An IPv6 CIDR such as ``"::/0"`` or ``"2001:db8::/56"``, without host bits set.

    Examples:
        >>> check_ipv6_cidr("ipv6_cidr", "2001:db8::1/56")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: ipv6_cidr must be a network address with no host bits
        set (did you mean '2001:db8::/56'?), got '2001:db8::1/56'
        >>> check_ipv6_cidr("ipv6_cidr", "10.0.0.0/16")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: ipv6_cidr must be an IPv6 CIDR such as '::/0', got
        '10.0.0.0/16'
    """
    if isinstance(value, IPv6Network):
        return value
    allowed = f"an IPv6 CIDR such as {example}"
    if not isinstance(value, str) or "/" not in value:
        raise LambdaNetError.invalid(field, value, allowed)
    try:
        network = ip_network(value.strip(), strict=False)
    except ValueError:
        raise LambdaNetError.invalid(field, value, allowed) from None
    if not isinstance(network, IPv6Network):
        raise LambdaNetError.invalid(field, value, allowed)
    try:
        ip_network(value.strip())  # strict: refuses host bits
    except ValueError:
        raise LambdaNetError.invalid(
            field, value,
            f"a network address with no host bits set (did you mean '{network}'?)") from None
    return network


def check_any_cidr(field: str, value: object, /) -> IPv4Network | IPv6Network:
    """An IPv4 CIDR (as :func:`~lambdanet_edu.network.traffic.check_cidr` reads it) or an IPv6 one.

    Routes, security-group rules and network-ACL rules take either, such as ``"0.0.0.0/0"``
    and ``"::/0"``.

    Examples:
        >>> check_any_cidr("cidr", "2001:db8::/56")
        IPv6Network('2001:db8::/56')
        >>> check_any_cidr("cidr", "10.0.1.7/24")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: cidr must be a network address with no host bits set
        (did you mean '10.0.1.0/24'?), got '10.0.1.7/24'
    """
    if isinstance(value, IPv6Network) or (isinstance(value, str) and ":" in value):
        return check_ipv6_cidr(field, value)
    return check_cidr(field, value)


def check_subnet_ipv6(value: object, /, field: str = "ipv6_cidr") -> IPv6Network:
    """A dual-stack subnet's IPv6 block: a /64.

    Examples:
        >>> check_subnet_ipv6("2001:db8:1::/56")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: ipv6_cidr must be an IPv6 /64, got /56
    """
    network = check_ipv6_cidr(field, value, example="'2001:db8:1:1::/64'")
    if network.prefixlen != IPV6_SUBNET_PREFIX:
        raise LambdaNetError.invalid(field, value, f"an IPv6 /{IPV6_SUBNET_PREFIX}",
                                     got=f"/{network.prefixlen}")
    return network


@dataclass(frozen=True, slots=True)
class EgressOnlyInternetGateway:
    """An egress-only internet gateway: outbound IPv6 to the internet, nothing inbound, no NAT.

    Examples:
        >>> EgressOnlyInternetGateway("eigw-1").gateway_id
        'eigw-1'
        >>> EgressOnlyInternetGateway("")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: gateway_id must be a non-empty string without spaces,
        got ''
    """

    gateway_id: str

    def __post_init__(self) -> None:
        check_id("gateway_id", self.gateway_id)


class _Ipv6Subnet(Protocol):  # network.subnets imports this module, so no import back
    @property
    def subnet_id(self) -> str: ...
    @property
    def ipv6_cidr(self) -> IPv6Network | None: ...


class _Ipv6Vpc(Protocol):
    @property
    def vpc_id(self) -> str: ...
    @property
    def ipv6_cidr(self) -> IPv6Network | None: ...
    @property
    def subnets(self) -> Sequence[_Ipv6Subnet]: ...
    @property
    def egress_only_internet_gateway(self) -> EgressOnlyInternetGateway | None: ...


def check_vpc_ipv6(vpc: _Ipv6Vpc, /) -> IPv6Network | None:
    """The VPC's IPv6 block, checked against its subnets' /64s; None when it has none.

    Examples:
        >>> from lambdanet_edu.network import Subnet, Vpc
        >>> Vpc("vpc-1", "10.0.0.0/16",
        ...     subnets=[Subnet("subnet-a", "10.0.1.0/24", ipv6_cidr="2001:db8:1:1::/64")])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnets[0].ipv6_cidr must be inside the VPC's IPv6
        CIDR (set Vpc(..., ipv6_cidr=...) first), got '2001:db8:1:1::/64'
    """
    block = vpc.ipv6_cidr
    if block is not None:
        block = check_ipv6_cidr("ipv6_cidr", block, example="'2001:db8:1::/56'")
        if block.prefixlen > IPV6_SUBNET_PREFIX:
            raise LambdaNetError.invalid("ipv6_cidr", str(block),
                                         f"an IPv6 block of /{IPV6_SUBNET_PREFIX} or larger")
    seen: dict[IPv6Network, int] = {}
    for i, subnet in enumerate(vpc.subnets):
        if subnet.ipv6_cidr is None:
            continue
        if block is None or not subnet.ipv6_cidr.subnet_of(block):
            where = ("set Vpc(..., ipv6_cidr=...) first" if block is None else str(block))
            raise LambdaNetError.invalid(f"subnets[{i}].ipv6_cidr", str(subnet.ipv6_cidr),
                                         f"inside the VPC's IPv6 CIDR ({where})")
        if subnet.ipv6_cidr in seen:
            raise LambdaNetError.invalid(
                f"subnets[{i}].ipv6_cidr", str(subnet.ipv6_cidr),
                f"different from the IPv6 block of subnets[{seen[subnet.ipv6_cidr]}]")
        seen[subnet.ipv6_cidr] = i
    gateway = vpc.egress_only_internet_gateway
    if gateway is not None and not isinstance(gateway, EgressOnlyInternetGateway):
        raise LambdaNetError.invalid("egress_only_internet_gateway", gateway,
                                     "an EgressOnlyInternetGateway or None")
    return block


def check_dual_stack(vpc: _Ipv6Vpc, function: LambdaFunction, /) -> None:
    """Refuse ``ipv6_allowed_for_dual_stack=True`` unless all the function's subnets are dual-stack.

    Examples:
        >>> from lambdanet_edu.network import starter_vpc
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"],
        ...                     ipv6_allowed_for_dual_stack=True)
        >>> starter_vpc().check_function(fn)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: function.ipv6_allowed_for_dual_stack must be False
        while subnet subnet-private-a (function.subnet_ids[0]) is IPv4-only: Lambda allows outbound
        IPv6 only when every subnet of the function is dual-stack, got True
    """
    if not function.ipv6_allowed_for_dual_stack:
        return
    by_id = {s.subnet_id: s for s in vpc.subnets}
    for i, subnet_id in enumerate(function.subnet_ids):
        subnet = by_id.get(subnet_id)
        if subnet is not None and subnet.ipv6_cidr is None:
            raise LambdaNetError.invalid(
                "function.ipv6_allowed_for_dual_stack", True,
                f"False while subnet {subnet_id} (function.subnet_ids[{i}]) is IPv4-only: Lambda "
                "allows outbound IPv6 only when every subnet of the function is dual-stack")
