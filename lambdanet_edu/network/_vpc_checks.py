"""The cross-reference checks :class:`~lambdanet_edu.network.vpc.Vpc` runs when it is built.

Private: errors name the field path (``route_tables[1].routes[0].target``) and the bad id, so
a learner can find the typo in a long description.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from ipaddress import IPv4Address, IPv4Network
from typing import Any, Final, Protocol

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import VPC_MAX_PREFIX, VPC_MIN_PREFIX
from lambdanet_edu.network.network_acls import NetworkAcl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.traffic import check_cidr

__all__ = ["MAIN_ROUTE_TABLE_ID", "ResourceParts", "VpcParts", "check_references",
           "check_vpc_cidr"]


# The checks read a VPC through these protocols rather than the Vpc class, so that this module
# needs nothing from vpc.py, which calls it while it builds a Vpc (no import cycle).
class ResourceParts(Protocol):
    """What the checks read of a :class:`~lambdanet_edu.network.vpc.Resource`."""

    @property
    def name(self) -> str: ...
    @property
    def ip(self) -> IPv4Address: ...
    @property
    def security_group_ids(self) -> tuple[str, ...]: ...


class VpcParts(Protocol):
    """What the checks read of a :class:`~lambdanet_edu.network.vpc.Vpc`."""

    @property
    def cidr(self) -> IPv4Network: ...
    @property
    def subnets(self) -> tuple[Subnet, ...]: ...
    @property
    def route_tables(self) -> tuple[RouteTable, ...]: ...
    @property
    def internet_gateway(self) -> InternetGateway | None: ...
    @property
    def nat_gateways(self) -> tuple[NatGateway, ...]: ...
    @property
    def gateway_endpoints(self) -> tuple[GatewayEndpoint, ...]: ...
    @property
    def interface_endpoints(self) -> tuple[InterfaceEndpoint, ...]: ...
    @property
    def security_groups(self) -> tuple[SecurityGroup, ...]: ...
    @property
    def network_acls(self) -> tuple[NetworkAcl, ...]: ...
    @property
    def resources(self) -> Sequence[ResourceParts]: ...


#: The id the model gives the main route table AWS creates with a VPC, when none is marked main.
MAIN_ROUTE_TABLE_ID: Final = "rtb-main"
# Ids with these prefixes name a component of the VPC; a typo must not pass as "outside".
_IN_MODEL_PREFIXES: Final = ("igw-", "nat-", "vpce-", "eigw-")


def check_vpc_cidr(value: object, /) -> IPv4Network:
    """The VPC's CIDR: an IPv4 network from /16 to /28.

    Examples:
        >>> check_vpc_cidr("10.0.0.0/8")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: cidr prefix must be between /16 and /28, got /8
    """
    network = check_cidr("cidr", value)
    if not VPC_MIN_PREFIX <= network.prefixlen <= VPC_MAX_PREFIX:
        raise LambdaNetError.invalid(
            "cidr prefix", network.prefixlen, f"between /{VPC_MIN_PREFIX} and /{VPC_MAX_PREFIX}",
            got=f"/{network.prefixlen}")
    return network


def _unique(field: str, items: Iterable[Any], attr: str, /) -> dict[str, int]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            raise LambdaNetError.invalid(f"{field}[{i}].{attr}", str(key),
                                         f"unique ({field}[{seen[key]}] has it already)")
        seen[key] = i
    return seen


def _known(field: str, value: str, known: Iterable[str], what: str, /) -> None:
    if value not in known:
        raise LambdaNetError.invalid(field, value, f"the id of {what} in this VPC")


def _check_subnets(vpc: VpcParts) -> set[str]:
    _unique("subnets", vpc.subnets, "subnet_id")
    for i, subnet in enumerate(vpc.subnets):
        if not subnet.cidr.subnet_of(vpc.cidr):
            raise LambdaNetError.invalid(f"subnets[{i}].cidr", str(subnet.cidr),
                                         f"inside the VPC's CIDR {vpc.cidr}")
    clash = _first_overlap([s.cidr for s in vpc.subnets])
    if clash is not None:
        i, j = clash
        subnet, other = vpc.subnets[i], vpc.subnets[j]
        raise LambdaNetError.invalid(
            f"subnets[{i}].cidr", str(subnet.cidr),
            f"clear of subnets[{j}] ({other.subnet_id}, {other.cidr})")
    return {s.subnet_id for s in vpc.subnets}


def _first_overlap(cidrs: Sequence[IPv4Network]) -> tuple[int, int] | None:
    """The overlapping pair ``(i, j)``, ``j < i``, with the smallest ``i``, or ``None``.

    Sort-based, O(n log n): in address order, a network overlaps an earlier one exactly when
    it starts at or before the furthest end seen so far. Two CIDRs overlap only by nesting,
    so the network holding that furthest end contains it. Each overlap found that way names
    some ``i``; the one to report (as a learner reading the list top-down would find it) is
    the smallest ``i`` with its earliest-listed partner.

    Examples:
        >>> nets = [IPv4Network(c) for c in ("10.0.0.0/24", "10.0.1.0/24", "10.0.0.0/16")]
        >>> _first_overlap(nets), _first_overlap(nets[:2])
        ((2, 0), None)
    """
    order = sorted(range(len(cidrs)), key=lambda k: (int(cidrs[k].network_address),
                                                     cidrs[k].prefixlen))
    best: tuple[int, int] | None = None
    holders: list[int] = []  # indexes of nested networks still open, outermost first
    for k in order:
        start = int(cidrs[k].network_address)
        while holders and int(cidrs[holders[-1]].broadcast_address) < start:
            holders.pop()
        if holders:
            # k overlaps every open holder; each pair names its later-listed member as i.
            for h in holders:
                pair = (max(k, h), min(k, h))
                if best is None or pair < best:
                    best = pair
            if cidrs[holders[-1]] == cidrs[k]:
                # The same network again: only its earliest-listed copy can name a smaller
                # pair later, so the stack stays as deep as the nesting (at most 13 prefixes).
                holders[-1] = min(holders[-1], k)
                continue
        holders.append(k)
    return best


def _check_groups(vpc: VpcParts) -> set[str]:
    groups = set(_unique("security_groups", vpc.security_groups, "group_id"))
    for i, group in enumerate(vpc.security_groups):
        for side in ("inbound", "outbound"):
            for j, rule in enumerate(getattr(group, side)):
                if rule.security_group_id is not None:
                    _known(f"security_groups[{i}].{side}[{j}].security_group_id",
                           rule.security_group_id, groups, "a security group")
    return groups


def _check_route_tables(vpc: VpcParts, subnets: set[str],
                        gateways: set[str]) -> tuple[RouteTable, ...]:
    _unique("route_tables", vpc.route_tables, "route_table_id")
    tables = list(vpc.route_tables)
    mains = [i for i, t in enumerate(tables) if t.main]
    if len(mains) > 1:
        raise LambdaNetError.invalid(f"route_tables[{mains[1]}].main", True,
                                     f"False (route_tables[{mains[0]}] is the main route table)")
    associated: dict[str, int] = {}
    for i, table in enumerate(tables):
        for j, subnet_id in enumerate(table.subnet_ids):
            _known(f"route_tables[{i}].subnet_ids[{j}]", subnet_id, subnets, "a subnet")
            if subnet_id in associated:
                raise LambdaNetError.invalid(
                    f"route_tables[{i}].subnet_ids[{j}]", subnet_id,
                    f"a subnet of no other route table (route_tables[{associated[subnet_id]}] "
                    "has it already)")
            associated[subnet_id] = i
        for j, route in enumerate(table.routes):
            _check_target(f"route_tables[{i}].routes[{j}]", route, vpc.cidr, gateways)
        if not any(r.target == "local" for r in table.routes):
            tables[i] = dataclasses.replace(table, routes=(*table.routes, Route(vpc.cidr, "local")))
    if not mains:
        if MAIN_ROUTE_TABLE_ID in {t.route_table_id for t in tables}:
            raise LambdaNetError.invalid(
                "route_tables", [t.route_table_id for t in tables],
                f"a list with one table marked main=True (the id {MAIN_ROUTE_TABLE_ID!r} the "
                "model would give the VPC's main route table is taken)", got="no main table")
        tables.append(RouteTable(MAIN_ROUTE_TABLE_ID, [Route(vpc.cidr, "local")], main=True))
    return tuple(tables)


def _check_target(field: str, route: Route, cidr: IPv4Network, gateways: set[str]) -> None:
    if route.target == "local":
        if route.destination != cidr:
            raise LambdaNetError.invalid(f"{field}.destination", str(route.destination),
                                         f"the VPC's CIDR {cidr} for the local route")
    elif route.target not in gateways and route.target.startswith(_IN_MODEL_PREFIXES):
        raise LambdaNetError.invalid(f"{field}.target", route.target,
                                     "'local' or the id of a gateway in this VPC")


def _check_endpoints(vpc: VpcParts, subnets: set[str], groups: set[str], tables: set[str]) -> None:
    _unique("endpoints", (*vpc.gateway_endpoints, *vpc.interface_endpoints), "endpoint_id")
    served: dict[tuple[str, str], int] = {}
    for i, endpoint in enumerate(vpc.gateway_endpoints):
        for j, table_id in enumerate(endpoint.route_table_ids):
            field = f"gateway_endpoints[{i}].route_table_ids[{j}]"
            _known(field, table_id, tables, "a route table")
            if (endpoint.service, table_id) in served:
                raise LambdaNetError.invalid(
                    field, table_id, f"a route table without another {endpoint.service} gateway "
                    f"endpoint (gateway_endpoints[{served[endpoint.service, table_id]}] has it)")
            served[endpoint.service, table_id] = i
    private_dns: dict[str, int] = {}
    for i, interface in enumerate(vpc.interface_endpoints):
        for j, subnet_id in enumerate(interface.subnet_ids):
            _known(f"interface_endpoints[{i}].subnet_ids[{j}]", subnet_id, subnets, "a subnet")
        for j, group_id in enumerate(interface.security_group_ids):
            _known(f"interface_endpoints[{i}].security_group_ids[{j}]", group_id, groups,
                   "a security group")
        if interface.private_dns:
            if interface.service in private_dns:
                raise LambdaNetError.invalid(
                    f"interface_endpoints[{i}].private_dns", True,
                    f"False (interface_endpoints[{private_dns[interface.service]}] already has "
                    f"private DNS for {interface.service})")
            private_dns[interface.service] = i


def _check_acls(vpc: VpcParts, subnets: set[str]) -> None:
    _unique("network_acls", vpc.network_acls, "acl_id")
    owner: dict[str, int] = {}
    for i, acl in enumerate(vpc.network_acls):
        for j, subnet_id in enumerate(acl.subnet_ids):
            field = f"network_acls[{i}].subnet_ids[{j}]"
            _known(field, subnet_id, subnets, "a subnet")
            if subnet_id in owner:
                raise LambdaNetError.invalid(
                    field, subnet_id,
                    f"a subnet of no other network ACL (network_acls[{owner[subnet_id]}] has it)")
            owner[subnet_id] = i


def _check_resources(vpc: VpcParts, groups: set[str]) -> None:
    _unique("resources", vpc.resources, "name")
    _unique("resources", vpc.resources, "ip")
    # The subnets do not overlap (checked first), so the one holding an address is the last
    # starting at or below it: a binary search, not a scan per resource.
    by_start = sorted(vpc.subnets, key=lambda s: int(s.cidr.network_address))
    starts = [int(s.cidr.network_address) for s in by_start]
    for i, resource in enumerate(vpc.resources):
        at = bisect_right(starts, int(resource.ip)) - 1
        subnet = by_start[at] if at >= 0 and resource.ip in by_start[at].cidr else None
        if subnet is None:
            raise LambdaNetError.invalid(f"resources[{i}].ip", str(resource.ip),
                                         "an address inside one of the VPC's subnets")
        reserved = {r.address for r in subnet.reserved_addresses}
        if resource.ip in reserved:
            raise LambdaNetError.invalid(
                f"resources[{i}].ip", str(resource.ip),
                f"an address {subnet.subnet_id} can hand out (AWS reserves "
                f"{', '.join(str(a) for a in sorted(reserved))})")
        for j, group_id in enumerate(resource.security_group_ids):
            _known(f"resources[{i}].security_group_ids[{j}]", group_id, groups,
                   "a security group")


def check_references(vpc: VpcParts) -> tuple[RouteTable, ...]:
    """Check every id the VPC's parts name; return the route tables, completed.

    Examples:
        >>> from lambdanet_edu.network import starter_vpc
        >>> [t.route_table_id for t in check_references(starter_vpc(nat=False))]
        ['rtb-public', 'rtb-private']
    """
    subnets = _check_subnets(vpc)
    groups = _check_groups(vpc)
    _unique("nat_gateways", vpc.nat_gateways, "nat_gateway_id")
    gateways = {n.nat_gateway_id for n in vpc.nat_gateways}
    for i, nat in enumerate(vpc.nat_gateways):
        _known(f"nat_gateways[{i}].subnet_id", nat.subnet_id, subnets, "a subnet")
    if vpc.internet_gateway is not None:
        if vpc.internet_gateway.gateway_id in gateways:
            raise LambdaNetError.invalid("internet_gateway.gateway_id",
                                         vpc.internet_gateway.gateway_id,
                                         "different from every NAT gateway id")
        gateways.add(vpc.internet_gateway.gateway_id)
    # An egress-only internet gateway is a route target too (IPv6 only; see network/ipv6.py).
    eigw = getattr(vpc, "egress_only_internet_gateway", None)
    if eigw is not None:
        gateways.add(eigw.gateway_id)
    tables = _check_route_tables(vpc, subnets, gateways)
    _check_endpoints(vpc, subnets, groups, {t.route_table_id for t in tables})
    _check_acls(vpc, subnets)
    _check_resources(vpc, groups)
    return tables
