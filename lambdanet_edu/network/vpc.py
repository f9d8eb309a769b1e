"""A VPC described for the egress model: subnets, routes, gateways, endpoints and firewalls.

:class:`Vpc` checks every cross-reference when it is built, and its errors name the field
path and the bad id. :func:`starter_vpc` builds the usual teaching layout (private subnets
whose route table sends ``0.0.0.0/0`` to a NAT gateway in a public subnet) to start from and
change with :func:`dataclasses.replace`.

Examples:
    >>> vpc = starter_vpc()
    >>> [s.subnet_id for s in vpc.subnets]
    ['subnet-public-a', 'subnet-private-a', 'subnet-private-b']
    >>> vpc.route_table_for("subnet-private-b").routes
    (Route(destination=IPv4Network('0.0.0.0/0'), target='nat-a'),
    Route(destination=IPv4Network('10.0.0.0/16'), target='local'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Network
from typing import TYPE_CHECKING

from lambdanet_edu._checks import check_id, check_ids, check_items
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import MAX_SECURITY_GROUPS_PER_ENI
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network._vpc_checks import check_references, check_vpc_cidr
from lambdanet_edu.network.ipv6 import (
    EgressOnlyInternetGateway,
    check_dual_stack,
    check_vpc_ipv6,
)
from lambdanet_edu.network.network_acls import NetworkAcl, default_network_acl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.traffic import CidrInput, IpInput, check_ip

__all__ = ["Resource", "Vpc", "starter_vpc"]


@dataclass(frozen=True, slots=True)
class Resource:
    """Something listening inside the VPC, such as a database. Its subnet follows from its IP.

    Args:
        name: A name for explanations, such as ``"orders-db"``.
        ip: Its private IPv4 address.
        security_group_ids: The security groups of its network interface.

    Examples:
        >>> Resource("orders-db", "10.0.2.15", ["sg-db"]).ip
        IPv4Address('10.0.2.15')
        >>> Resource("orders-db", "10.0.2.15", "sg-db")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: security_group_ids must be a list of 1 to 16 ids, got
        'sg-db'
    """

    name: str
    ip: IPv4Address
    security_group_ids: tuple[str, ...]

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, name: str, ip: IpInput, security_group_ids: Iterable[str],
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("name", self.name)
        object.__setattr__(self, "ip", check_ip("ip", self.ip))
        object.__setattr__(self, "security_group_ids", check_ids(
            "security_group_ids", self.security_group_ids, lo=1, hi=MAX_SECURITY_GROUPS_PER_ENI))


@dataclass(frozen=True, slots=True)
class Vpc:
    """A VPC: its subnets and everything that decides where their traffic can go.

    Args:
        vpc_id: Its id, such as ``"vpc-1"``.
        cidr: Its IPv4 CIDR block, /16 to /28.
        subnets: :class:`~lambdanet_edu.network.subnets.Subnet` objects inside ``cidr``, not
            overlapping.
        route_tables: Route tables; each gets the ``local`` route for ``cidr`` if it lacks it.
            Subnets without an explicit association use the main route table; if none is
            marked ``main``, the VPC gets one called ``"rtb-main"`` with only the local route,
            as AWS creates one with every VPC.
        internet_gateway: The VPC's internet gateway, if it has one.
        nat_gateways: NAT gateways, each in one of ``subnets``.
        gateway_endpoints: S3 and DynamoDB gateway endpoints.
        interface_endpoints: Interface endpoints (PrivateLink).
        security_groups: Every security group a function, resource or endpoint uses.
        network_acls: Custom network ACLs; other subnets use the default one (allow all).
        resources: Things listening in the VPC, such as databases.
        enable_dns_support: The VPC attribute ``enableDnsSupport``: the Amazon-provided DNS
            server answers in the VPC.
        enable_dns_hostnames: The VPC attribute ``enableDnsHostnames``. An interface
            endpoint's private DNS takes effect only when both attributes are on (a VPC made
            with ``CreateVpc`` starts with this one off; the default VPC has both on).
        ipv6_cidr: The VPC's IPv6 block (such as ``"2001:db8:1::/56"``), which its
            dual-stack subnets' /64s come from; None for an IPv4-only VPC.
        egress_only_internet_gateway: An
            :class:`~lambdanet_edu.network.ipv6.EgressOnlyInternetGateway` for outbound IPv6.

    Examples:
        >>> vpc = Vpc("vpc-1", "10.0.0.0/16", subnets=[Subnet("subnet-a", "10.0.1.0/24")])
        >>> vpc.route_table_for("subnet-a")
        RouteTable(route_table_id='rtb-main', routes=(Route(destination=IPv4Network('10.0.0.0/16'),
        target='local'),), subnet_ids=(), main=True)
        >>> Vpc("vpc-1", "10.0.0.0/16", subnets=[Subnet("subnet-a", "10.1.0.0/24")])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnets[0].cidr must be inside the VPC's CIDR
        10.0.0.0/16, got '10.1.0.0/24'
        >>> Vpc("vpc-1", "10.0.0.0/16", subnets=[Subnet("subnet-a", "10.0.1.0/24")],
        ...     route_tables=[RouteTable("rtb-1", [("0.0.0.0/0", "igw-typo")], ["subnet-a"])])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: route_tables[0].routes[0].target must be 'local' or the
        id of a gateway in this VPC, got 'igw-typo'
    """

    vpc_id: str
    cidr: IPv4Network
    _: KW_ONLY
    subnets: tuple[Subnet, ...] = ()
    route_tables: tuple[RouteTable, ...] = ()
    internet_gateway: InternetGateway | None = None
    nat_gateways: tuple[NatGateway, ...] = ()
    gateway_endpoints: tuple[GatewayEndpoint, ...] = ()
    interface_endpoints: tuple[InterfaceEndpoint, ...] = ()
    security_groups: tuple[SecurityGroup, ...] = ()
    network_acls: tuple[NetworkAcl, ...] = ()
    resources: tuple[Resource, ...] = ()
    enable_dns_support: bool = True
    enable_dns_hostnames: bool = True
    ipv6_cidr: IPv6Network | None = None
    egress_only_internet_gateway: EgressOnlyInternetGateway | None = None

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, vpc_id: str, cidr: CidrInput, *, subnets: Iterable[Subnet] = (),
            route_tables: Iterable[RouteTable] = (),
            internet_gateway: InternetGateway | None = None,
            nat_gateways: Iterable[NatGateway] = (),
            gateway_endpoints: Iterable[GatewayEndpoint] = (),
            interface_endpoints: Iterable[InterfaceEndpoint] = (),
            security_groups: Iterable[SecurityGroup] = (),
            network_acls: Iterable[NetworkAcl] = (), resources: Iterable[Resource] = (),
            enable_dns_support: bool = True, enable_dns_hostnames: bool = True,
            ipv6_cidr: IPv6Network | str | None = None,
            egress_only_internet_gateway: EgressOnlyInternetGateway | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("vpc_id", self.vpc_id)
        object.__setattr__(self, "cidr", check_vpc_cidr(self.cidr))
        for name, kind in (("subnets", Subnet), ("route_tables", RouteTable),
                           ("nat_gateways", NatGateway), ("gateway_endpoints", GatewayEndpoint),
                           ("interface_endpoints", InterfaceEndpoint),
                           ("security_groups", SecurityGroup), ("network_acls", NetworkAcl),
                           ("resources", Resource)):
            object.__setattr__(self, name, check_items(name, getattr(self, name), kind))
        if self.internet_gateway is not None and not isinstance(self.internet_gateway,
                                                                InternetGateway):
            raise LambdaNetError.invalid("internet_gateway", self.internet_gateway,
                                         "an InternetGateway or None")
        object.__setattr__(self, "ipv6_cidr", check_vpc_ipv6(self))
        object.__setattr__(self, "route_tables", check_references(self))
        for name in ("enable_dns_support", "enable_dns_hostnames"):
            if not isinstance(getattr(self, name), bool):
                raise LambdaNetError.invalid(name, getattr(self, name), "True or False")

    @property
    def private_dns_works(self) -> bool:
        """Whether interface endpoints' private DNS can take effect: both DNS attributes on.

        Examples:
            >>> import dataclasses
            >>> dataclasses.replace(starter_vpc(), enable_dns_hostnames=False).private_dns_works
            False
        """
        return self.enable_dns_support and self.enable_dns_hostnames

    def subnet(self, subnet_id: str) -> Subnet:
        """The subnet with this id.

        Examples:
            >>> starter_vpc().subnet("subnet-private-a").cidr
            IPv4Network('10.0.1.0/24')
        """
        found = next((s for s in self.subnets if s.subnet_id == subnet_id), None)
        if found is None:
            raise LambdaNetError.invalid("subnet_id", subnet_id, "the id of a subnet in this VPC")
        return found

    def subnet_containing(self, ip: IPv4Address) -> Subnet | None:
        """The subnet whose CIDR holds ``ip``, if any.

        Examples:
            >>> from ipaddress import ip_address
            >>> starter_vpc().subnet_containing(ip_address("10.0.2.15")).subnet_id
            'subnet-private-b'
        """
        return next((s for s in self.subnets if ip in s.cidr), None)

    def route_table_for(self, subnet_id: str) -> RouteTable:
        """The route table a subnet uses: its explicit association, else the main table.

        Examples:
            >>> starter_vpc().route_table_for("subnet-public-a").route_table_id
            'rtb-public'
        """
        self.subnet(subnet_id)
        explicit = next((t for t in self.route_tables if subnet_id in t.subnet_ids), None)
        return explicit or next(t for t in self.route_tables if t.main)

    def network_acl_for(self, subnet_id: str) -> NetworkAcl:
        """The network ACL a subnet uses: its own, else the default one (allow all).

        Examples:
            >>> starter_vpc().network_acl_for("subnet-private-a").acl_id
            'default'
        """
        self.subnet(subnet_id)
        own = next((a for a in self.network_acls if subnet_id in a.subnet_ids), None)
        return own or default_network_acl([subnet_id])

    def security_group(self, group_id: str) -> SecurityGroup:
        """The security group with this id.

        Examples:
            >>> starter_vpc().security_group("sg-lambda").inbound
            ()
        """
        found = next((g for g in self.security_groups if g.group_id == group_id), None)
        if found is None:
            raise LambdaNetError.invalid("group_id", group_id,
                                         "the id of a security group in this VPC")
        return found

    def nat_gateway(self, nat_gateway_id: str) -> NatGateway | None:
        """The NAT gateway with this id, if the VPC has one.

        Examples:
            >>> starter_vpc().nat_gateway("nat-a").subnet_id
            'subnet-public-a'
        """
        return next((n for n in self.nat_gateways if n.nat_gateway_id == nat_gateway_id), None)

    def resource_at(self, ip: IPv4Address) -> Resource | None:
        """The resource listening at ``ip``, if any.

        Examples:
            >>> from ipaddress import ip_address
            >>> starter_vpc().resource_at(ip_address("10.0.2.15")).name
            'orders-db'
        """
        return next((r for r in self.resources if r.ip == ip), None)

    def other_enis(self) -> dict[str, int]:
        """Addresses that this VPC's own network interfaces take, per subnet id.

        One per NAT gateway (its primary address), one per interface endpoint in each of its
        subnets, and one per resource: the ``other_enis`` that
        :func:`~lambdanet_edu.addresses.ip_usage` adds to Lambda's.

        Examples:
            >>> starter_vpc().other_enis()
            {'subnet-public-a': 1, 'subnet-private-b': 1}
        """
        counts: dict[str, int] = {}
        holders = [n.subnet_id for n in self.nat_gateways]
        holders += [s for e in self.interface_endpoints for s in e.subnet_ids]
        holders += [subnet.subnet_id for r in self.resources
                    if (subnet := self.subnet_containing(r.ip)) is not None]
        for subnet_id in holders:
            counts[subnet_id] = counts.get(subnet_id, 0) + 1
        return counts

    def check_function(self, function: LambdaFunction) -> LambdaFunction:
        """Check that a function's subnets and security groups exist in this VPC.

        Examples:
            >>> starter_vpc().check_function(LambdaFunction("orders", ["subnet-x"], ["sg-lambda"]))
            Traceback (most recent call last):
            ...
            lambdanet_edu.errors.LambdaNetError: function.subnet_ids[0] must be the id of a subnet
            in vpc-starter, got 'subnet-x'
        """
        if not isinstance(function, LambdaFunction):
            raise LambdaNetError.invalid("function", function, "a LambdaFunction")
        subnets = {s.subnet_id for s in self.subnets}
        groups = {g.group_id for g in self.security_groups}
        for field, ids, known, what in (("subnet_ids", function.subnet_ids, subnets, "subnet"),
                                        ("security_group_ids", function.security_group_ids,
                                         groups, "security group")):
            for i, item in enumerate(ids):
                if item not in known:
                    raise LambdaNetError.invalid(f"function.{field}[{i}]", item,
                                                 f"the id of a {what} in {self.vpc_id}")
        check_dual_stack(self, function)
        return function


def starter_vpc(*, nat: bool = True) -> Vpc:
    """The usual teaching VPC, to start from and change with :func:`dataclasses.replace`.

    It holds ``vpc-starter`` (10.0.0.0/16) with a public subnet ``subnet-public-a``
    (10.0.0.0/24, route table ``rtb-public``: ``0.0.0.0/0`` to internet gateway ``igw-1``)
    holding NAT gateway ``nat-a``; two private subnets ``subnet-private-a`` (10.0.1.0/24) and
    ``subnet-private-b`` (10.0.2.0/24) on the main route table ``rtb-private``
    (``0.0.0.0/0`` to ``nat-a``); security group ``sg-lambda`` (a new group: no inbound, all
    outbound) for functions; and database ``orders-db`` at 10.0.2.15, whose group ``sg-db``
    allows tcp 5432 from ``sg-lambda``. Every subnet uses the default network ACL.

    Args:
        nat: ``False`` leaves out ``nat-a`` and the private subnets' ``0.0.0.0/0`` route.

    Examples:
        >>> from lambdanet_edu.egress import can_reach
        >>> fn = LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])
        >>> can_reach(starter_vpc(), fn, "internet").reachable
        True
        >>> can_reach(starter_vpc(nat=False), fn, "internet").blocked_at.component
        'route table'
        >>> can_reach(starter_vpc(nat=False), fn, "10.0.2.15:5432").reachable
        True
    """
    if not isinstance(nat, bool):
        raise LambdaNetError.invalid("nat", nat, "True or False")
    private_routes = [Route("0.0.0.0/0", "nat-a")] if nat else []
    return Vpc(
        "vpc-starter", "10.0.0.0/16",
        subnets=[Subnet("subnet-public-a", "10.0.0.0/24"),
                 Subnet("subnet-private-a", "10.0.1.0/24"),
                 Subnet("subnet-private-b", "10.0.2.0/24")],
        route_tables=[RouteTable("rtb-public", [Route("0.0.0.0/0", "igw-1")], ["subnet-public-a"]),
                      RouteTable("rtb-private", private_routes, main=True)],
        internet_gateway=InternetGateway("igw-1"),
        nat_gateways=[NatGateway("nat-a", "subnet-public-a")] if nat else [],
        security_groups=[
            SecurityGroup("sg-lambda"),
            SecurityGroup("sg-db", inbound=[SecurityGroupRule("tcp", 5432,
                                                              security_group_id="sg-lambda")]),
        ],
        resources=[Resource("orders-db", "10.0.2.15", ["sg-db"])],
    )
