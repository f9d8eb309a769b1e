"""Routes, route tables, and the gateways and endpoints a route (or a DNS name) can lead to.

A route table picks, for each packet, the route with the longest prefix that contains the
destination. Every route table holds the ``local`` route for the VPC's CIDR;
:class:`~lambdanet_edu.network.vpc.Vpc` adds it when you leave it out.

Examples:
    >>> table = RouteTable("rtb-private", [("0.0.0.0/0", "nat-a"), ("10.0.0.0/16", "local")])
    >>> table.route_for(None)
    Route(destination=IPv4Network('0.0.0.0/0'), target='nat-a')
    >>> from ipaddress import ip_network
    >>> table.route_for(ip_network("10.0.2.15/32")).target
    'local'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network
from typing import TYPE_CHECKING

from lambdanet_edu._checks import (
    check_choice,
    check_id,
    check_id_list,
    check_ids,
    check_int,
    check_list,
)
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    GATEWAY_ENDPOINT_SERVICES,
    MAX_SECURITY_GROUPS_PER_ENI,
    NAT_MAX_ADDRESSES,
)
from lambdanet_edu.network.ipv6 import check_any_cidr
from lambdanet_edu.network.traffic import CidrInput

__all__ = [
    "GatewayEndpoint",
    "InterfaceEndpoint",
    "InternetGateway",
    "NatGateway",
    "Route",
    "RouteTable",
    "check_service_name",
]


def check_service_name(field: str, value: object, /) -> str:
    """An AWS service name as endpoints spell it: lower case, such as ``"sqs"`` or ``"ecr.api"``.

    Examples:
        >>> check_service_name("service", "SQS")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: service must be a lower-case AWS service name such as
        's3', 'sqs' or 'secretsmanager', got 'SQS'
    """
    ok = (isinstance(value, str) and value.isascii() and value[:1].isalpha()
          and all(c.islower() or c.isdigit() or c in ".-" for c in value))
    if not ok:
        raise LambdaNetError.invalid(
            field, value, "a lower-case AWS service name such as 's3', 'sqs' or 'secretsmanager'")
    return value  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Route:
    """One route: traffic for ``destination`` goes to ``target``.

    Args:
        destination: An IPv4 CIDR, such as ``"0.0.0.0/0"`` or ``"10.0.0.0/16"``.
        target: ``"local"`` (inside the VPC), the id of the VPC's internet gateway or of one
            of its NAT gateways, or the id of something outside the model (a peering
            connection ``pcx-...``, a transit gateway ``tgw-...``, ...). Gateway endpoint
            routes come from :class:`GatewayEndpoint` instead.

    Examples:
        >>> Route("0.0.0.0/0", "igw-1")
        Route(destination=IPv4Network('0.0.0.0/0'), target='igw-1')
        >>> Route("::/0", "eigw-1")
        Route(destination=IPv6Network('::/0'), target='eigw-1')
    """

    destination: IPv4Network | IPv6Network
    target: str

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, destination: CidrInput | IPv6Network, target: str,
        ) -> None: ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "destination", check_any_cidr("destination", self.destination))
        check_id("target", self.target)


def _check_routes(value: object, /) -> tuple[Route, ...]:
    routes: list[Route] = []
    seen: dict[IPv4Network | IPv6Network, int] = {}
    for i, item in enumerate(check_list("routes", value, "a list of Route")):
        if isinstance(item, (tuple, list)) and len(item) == 2:
            try:  # a learner's ("0.0.0.0/0", "nat-a") pair, or the same as a JSON list
                item = Route(*item)
            except LambdaNetError as err:
                raise err.within(f"routes[{i}]") from None
        if not isinstance(item, Route):
            raise LambdaNetError.invalid(f"routes[{i}]", item,
                                         "a Route or a (destination, target) pair")
        if item.destination in seen:
            raise LambdaNetError.invalid(
                f"routes[{i}].destination", str(item.destination),
                f"different from the destination of routes[{seen[item.destination]}] (one route "
                "per destination)")
        seen[item.destination] = i
        routes.append(item)
    return tuple(routes)


@dataclass(frozen=True, slots=True)
class RouteTable:
    """A route table and the subnets explicitly associated with it.

    Args:
        route_table_id: Its id, such as ``"rtb-private"``.
        routes: :class:`Route` objects or ``(destination, target)`` pairs.
        subnet_ids: Subnets explicitly associated with it.
        main: Whether it is the VPC's main route table, which every subnet without an
            explicit association uses.

    Examples:
        >>> RouteTable("rtb-1", [("0.0.0.0/0", "igw-1"), ("0.0.0.0/0", "nat-a")])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: routes[1].destination must be different from the
        destination of routes[0] (one route per destination), got '0.0.0.0/0'
    """

    route_table_id: str
    routes: tuple[Route, ...] = ()
    subnet_ids: tuple[str, ...] = ()
    main: bool = False

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, route_table_id: str,
            routes: Iterable[Route | tuple[CidrInput, str] | list[str]] = (),
            subnet_ids: Iterable[str] = (), main: bool = False,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("route_table_id", self.route_table_id)
        object.__setattr__(self, "routes", _check_routes(self.routes))
        object.__setattr__(self, "subnet_ids",
                           check_id_list("subnet_ids", self.subnet_ids))
        if not isinstance(self.main, bool):
            raise LambdaNetError.invalid("main", self.main, "True or False")

    def route_for(self, destination: IPv4Network | None, *,
                  ip_version: int = 4) -> Route | None:
        """The route with the longest prefix that contains all of ``destination``.

        ``None`` stands for an unknown public address, which only a ``0.0.0.0/0`` route
        contains. Gateway endpoint routes are not in ``routes``: the egress model checks
        them first. ``ip_version=6`` with ``None`` asks for the ``::/0`` route instead.

        Examples:
            >>> RouteTable("rtb-1", [("10.0.0.0/16", "local")]).route_for(None) is None
            True
            >>> RouteTable("rtb-1", [("::/0", "eigw-1")]).route_for(None, ip_version=6).target
            'eigw-1'
        """
        routes = [r for r in self.routes if r.destination.version == ip_version]
        if destination is None:
            candidates = [r for r in routes if r.destination.prefixlen == 0]
        else:
            candidates = [r for r in routes if isinstance(r.destination, IPv4Network)
                          and destination.subnet_of(r.destination)]
        return max(candidates, key=lambda r: r.destination.prefixlen, default=None)


@dataclass(frozen=True, slots=True)
class InternetGateway:
    """The VPC's internet gateway. It only carries traffic from addresses with a public IP.

    Examples:
        >>> InternetGateway("igw-1").gateway_id
        'igw-1'
    """

    gateway_id: str

    def __post_init__(self) -> None:
        check_id("gateway_id", self.gateway_id)


@dataclass(frozen=True, slots=True)
class NatGateway:
    """A NAT gateway and the subnet it sits in.

    Args:
        nat_gateway_id: Its id, such as ``"nat-a"``.
        subnet_id: Its subnet. A public NAT gateway reaches the internet only from a public
            subnet, one whose route table sends ``0.0.0.0/0`` to the internet gateway.
        public: ``False`` for a private NAT gateway, which has no Elastic IP and cannot reach
            the internet.
        elastic_ips: How many IPv4 addresses it translates to, 1 to 8 (a private NAT gateway's
            are private addresses). Each adds 55,000 connections to each unique destination
            (see :func:`~lambdanet_edu.network.nat_limits.nat_connections`).

    Examples:
        >>> NatGateway("nat-a", "subnet-public-a").public
        True
        >>> NatGateway("nat-a", "subnet-public-a", public="yes")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: public must be True or False, got 'yes'
        >>> NatGateway("nat-a", "subnet-public-a", elastic_ips=9)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: elastic_ips must be an integer from 1 to 8, got 9
    """

    nat_gateway_id: str
    subnet_id: str
    public: bool = True
    elastic_ips: int = 1

    def __post_init__(self) -> None:
        check_id("nat_gateway_id", self.nat_gateway_id)
        check_id("subnet_id", self.subnet_id)
        if not isinstance(self.public, bool):
            raise LambdaNetError.invalid("public", self.public, "True or False")
        check_int("elastic_ips", self.elastic_ips, lo=1, hi=NAT_MAX_ADDRESSES)


@dataclass(frozen=True, slots=True)
class GatewayEndpoint:
    """A gateway endpoint: a route to S3 or DynamoDB in the route tables you choose.

    Subnets whose route table is not listed cannot use it.

    Examples:
        >>> GatewayEndpoint("vpce-s3", "s3", ["rtb-private"]).service
        's3'
        >>> GatewayEndpoint("vpce-sqs", "sqs", ["rtb-private"])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: service must be one of 's3', 'dynamodb', got 'sqs'
    """

    endpoint_id: str
    service: str
    route_table_ids: tuple[str, ...] = ()

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, endpoint_id: str, service: str, route_table_ids: Iterable[str] = (),
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("endpoint_id", self.endpoint_id)
        check_choice("service", self.service, GATEWAY_ENDPOINT_SERVICES)
        object.__setattr__(self, "route_table_ids",
                           check_id_list("route_table_ids", self.route_table_ids))


@dataclass(frozen=True, slots=True)
class InterfaceEndpoint:
    """An interface endpoint (AWS PrivateLink): network interfaces for a service in your subnets.

    Args:
        endpoint_id: Its id, such as ``"vpce-sqs"``.
        service: The service, such as ``"sqs"``.
        subnet_ids: The subnets that get one of its network interfaces.
        security_group_ids: The endpoint's security groups: they must allow inbound HTTPS
            (443) from the function.
        private_dns: With private DNS on (the default), the service's usual name resolves to
            the endpoint's addresses everywhere in the VPC, provided the VPC's
            ``enable_dns_support`` and ``enable_dns_hostnames`` are both on.
        private_dns_only_for_inbound_resolver_endpoint: S3 and DynamoDB only, with private DNS
            on: AWS's ``PrivateDnsOnlyForInboundResolverEndpoint``. The VPC's own lookups then
            get the service's public addresses, which a gateway endpoint carries, and only
            on-premises lookups (through a Route 53 Resolver inbound endpoint) get the interface
            endpoint's. The console selects it for S3 when the VPC has an S3 gateway endpoint.

    Examples:
        >>> InterfaceEndpoint("vpce-sqs", "sqs", ["subnet-a"], ["sg-endpoint"]).private_dns
        True
        >>> InterfaceEndpoint("vpce-sqs", "sqs", ["subnet-a"], ["sg-endpoint"],
        ...                   private_dns_only_for_inbound_resolver_endpoint=True)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: private_dns_only_for_inbound_resolver_endpoint must be
        False for sqs (only 's3' and 'dynamodb' have both kinds of endpoint), got True
    """

    endpoint_id: str
    service: str
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    private_dns: bool = True
    private_dns_only_for_inbound_resolver_endpoint: bool = False

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, endpoint_id: str, service: str, subnet_ids: Iterable[str],
            security_group_ids: Iterable[str], private_dns: bool = True,
            private_dns_only_for_inbound_resolver_endpoint: bool = False,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("endpoint_id", self.endpoint_id)
        check_service_name("service", self.service)
        object.__setattr__(self, "subnet_ids",
                           check_id_list("subnet_ids", self.subnet_ids, at_least=1))
        object.__setattr__(self, "security_group_ids", check_ids(
            "security_group_ids", self.security_group_ids, lo=1, hi=MAX_SECURITY_GROUPS_PER_ENI))
        if not isinstance(self.private_dns, bool):
            raise LambdaNetError.invalid("private_dns", self.private_dns, "True or False")
        _check_inbound_only(self.service, self.private_dns,
                            self.private_dns_only_for_inbound_resolver_endpoint)


def _check_inbound_only(service: str, private_dns: bool, value: object, /) -> None:
    """The DNS option exists only for S3 and DynamoDB, and only with private DNS on."""
    field = "private_dns_only_for_inbound_resolver_endpoint"
    if not isinstance(value, bool):
        raise LambdaNetError.invalid(field, value, "True or False")
    if not value:
        return
    if service not in GATEWAY_ENDPOINT_SERVICES:
        both = " and ".join(repr(s) for s in GATEWAY_ENDPOINT_SERVICES)
        raise LambdaNetError.invalid(
            field, value, f"False for {service} (only {both} have both kinds of endpoint)")
    if not private_dns:
        raise LambdaNetError.invalid(field, value, "False when private_dns is off")
