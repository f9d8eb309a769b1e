"""IPv4 subnets as Amazon VPC sizes them: /16 to /28, five addresses reserved in each.

Examples:
    >>> usable_ips("10.0.1.0/24")
    251
    >>> subnet = Subnet("subnet-a", "10.0.1.0/28", availability_zone="eu-west-1a")
    >>> subnet.usable_ips
    11
    >>> [str(r.address) for r in subnet.reserved_addresses]
    ['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.15']
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Network
from typing import TYPE_CHECKING

from lambdanet_edu._checks import check_id
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import RESERVED_IPS_PER_SUBNET, SUBNET_MAX_PREFIX, SUBNET_MIN_PREFIX
from lambdanet_edu.network.ipv6 import check_subnet_ipv6
from lambdanet_edu.network.traffic import CidrInput, check_cidr

__all__ = ["ReservedAddress", "Subnet", "parse_subnet_cidr", "usable_ips"]

_PREFIX_RANGE = f"between /{SUBNET_MIN_PREFIX} and /{SUBNET_MAX_PREFIX}"

# Offsets from the network address (negative: from the end) and why AWS keeps each one.
_RESERVED = (
    (0, "network address"),
    (1, "reserved by AWS for the VPC router"),
    (2, "reserved by AWS in every subnet "
        "(the Amazon-provided DNS server is at the VPC's base + 2)"),
    (3, "reserved by AWS for future use"),
    (-1, "broadcast address (AWS does not support broadcast in a VPC, so it reserves it)"),
)
assert len(_RESERVED) == RESERVED_IPS_PER_SUBNET  # the table must match the fact


@dataclass(frozen=True, slots=True)
class ReservedAddress:
    """One of the five addresses AWS keeps in every subnet, and why.

    Examples:
        >>> Subnet("subnet-a", "10.0.8.0/21").reserved_addresses[-1]
        ReservedAddress(address=IPv4Address('10.0.15.255'), purpose='broadcast address (AWS does not
        support broadcast in a VPC, so it reserves it)')
    """

    address: IPv4Address
    purpose: str


def parse_subnet_cidr(cidr: object, /, field: str = "cidr") -> IPv4Network:
    """Parse and check an IPv4 subnet CIDR such as ``"10.0.1.0/24"``.

    Args:
        cidr: A string like ``"10.0.1.0/24"`` or an :class:`ipaddress.IPv4Network`.
        field: The name used in error messages.

    Returns:
        The network, with a prefix from /16 to /28.

    Raises:
        LambdaNetError: Not an IPv4 CIDR, host bits set, or a prefix AWS does not allow.

    Examples:
        >>> parse_subnet_cidr("10.0.0.0/16")
        IPv4Network('10.0.0.0/16')
        >>> parse_subnet_cidr("10.0.0.0/29")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnet prefix must be between /16 and /28, got /29
        >>> parse_subnet_cidr("10.0.1.7/24")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: cidr must be a network address with no host bits set
        (did you mean '10.0.1.0/24'?), got '10.0.1.7/24'
    """
    network = check_cidr(field, cidr, example="'10.0.1.0/24'")
    if not SUBNET_MIN_PREFIX <= network.prefixlen <= SUBNET_MAX_PREFIX:
        raise LambdaNetError.invalid(
            "subnet prefix", network.prefixlen, _PREFIX_RANGE, got=f"/{network.prefixlen}")
    return network


def usable_ips(cidr: str | IPv4Network) -> int:
    """How many addresses of an IPv4 subnet can be given to ENIs: 2^(32-prefix) - 5.

    Examples:
        >>> [usable_ips(f"10.0.0.0/{p}") for p in (28, 24, 20, 16)]
        [11, 251, 4091, 65531]
    """
    return parse_subnet_cidr(cidr).num_addresses - RESERVED_IPS_PER_SUBNET


@dataclass(frozen=True, slots=True)
class Subnet:
    """A subnet of your VPC, into which Lambda places Hyperplane ENIs.

    Args:
        subnet_id: Its id, such as ``"subnet-0a1b2c"`` (any name without spaces will do).
        cidr: Its IPv4 CIDR block, /16 to /28.
        availability_zone: Optional, such as ``"eu-west-1a"``.
        ipv6_cidr: Its IPv6 /64, which makes it a dual-stack subnet; None (IPv4-only) by
            default.

    Examples:
        >>> Subnet("subnet-a", "10.0.1.0/24", ipv6_cidr="2001:db8:1:1::/64").dual_stack
        True
        >>> Subnet("subnet-a", "10.0.0.0/22").usable_ips
        1019
        >>> Subnet("subnet-a", "10.0.0.0/22").reserved_addresses[1].purpose
        'reserved by AWS for the VPC router'
        >>> Subnet("subnet a", "10.0.0.0/22")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnet_id must be a non-empty string without spaces,
        got 'subnet a'
    """

    subnet_id: str
    cidr: IPv4Network
    availability_zone: str | None = None
    ipv6_cidr: IPv6Network | None = None

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, subnet_id: str, cidr: CidrInput, availability_zone: str | None = None,
            ipv6_cidr: IPv6Network | str | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("subnet_id", self.subnet_id)
        object.__setattr__(self, "cidr", parse_subnet_cidr(self.cidr))
        if self.availability_zone is not None:
            check_id("availability_zone", self.availability_zone)
        if self.ipv6_cidr is not None:
            object.__setattr__(self, "ipv6_cidr", check_subnet_ipv6(self.ipv6_cidr))

    @property
    def dual_stack(self) -> bool:
        """Whether the subnet has an IPv6 block as well as its IPv4 one."""
        return self.ipv6_cidr is not None

    @property
    def total_ips(self) -> int:
        """Every address in the block, reserved ones included."""
        return self.cidr.num_addresses

    @property
    def usable_ips(self) -> int:
        """Addresses left for ENIs once AWS has reserved its five."""
        return self.cidr.num_addresses - RESERVED_IPS_PER_SUBNET

    @property
    def reserved_addresses(self) -> tuple[ReservedAddress, ...]:
        """The five addresses AWS keeps, in address order, each with its purpose."""
        base, last = self.cidr.network_address, self.cidr.broadcast_address
        return tuple(
            ReservedAddress(base + offset if offset >= 0 else last, purpose)
            for offset, purpose in _RESERVED
        )

    def __contains__(self, address: object) -> bool:
        """``"10.0.1.7" in subnet``: whether an address falls in this subnet's block."""
        try:
            return IPv4Address(address) in self.cidr
        except ValueError:
            return False
