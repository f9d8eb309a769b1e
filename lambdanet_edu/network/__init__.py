"""The VPC a function is attached to: subnets, routes, gateways, endpoints and firewalls.

Each concept has its own module (:mod:`~lambdanet_edu.network.subnets`,
:mod:`~lambdanet_edu.network.routing`, :mod:`~lambdanet_edu.network.security_groups`,
:mod:`~lambdanet_edu.network.network_acls`, :mod:`~lambdanet_edu.network.destinations`,
:mod:`~lambdanet_edu.network.vpc`); :mod:`~lambdanet_edu.network.traffic` holds the words they
share (protocols, ports, addresses). This package re-exports the names a reader needs.

Examples:
    >>> from lambdanet_edu.network import starter_vpc
    >>> starter_vpc().route_table_for("subnet-public-a").route_table_id
    'rtb-public'
"""

from lambdanet_edu.network.destinations import (
    HTTPS_PORT,
    AwsService,
    Destination,
    Internet,
    VpcAddress,
    destination,
)
from lambdanet_edu.network.ipv6 import EgressOnlyInternetGateway
from lambdanet_edu.network.nat_limits import NatUsage, nat_connections
from lambdanet_edu.network.network_acls import AclRule, NetworkAcl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule
from lambdanet_edu.network.subnets import ReservedAddress, Subnet, usable_ips
from lambdanet_edu.network.traffic import PortRange, format_port_ranges, format_ports
from lambdanet_edu.network.vpc import Resource, Vpc, starter_vpc

__all__ = [
    "HTTPS_PORT",
    "AclRule",
    "AwsService",
    "Destination",
    "EgressOnlyInternetGateway",
    "GatewayEndpoint",
    "InterfaceEndpoint",
    "Internet",
    "InternetGateway",
    "NatGateway",
    "NatUsage",
    "NetworkAcl",
    "PortRange",
    "ReservedAddress",
    "Resource",
    "Route",
    "RouteTable",
    "SecurityGroup",
    "SecurityGroupRule",
    "Subnet",
    "Vpc",
    "VpcAddress",
    "destination",
    "format_port_ranges",
    "format_ports",
    "nat_connections",
    "starter_vpc",
    "usable_ips",
]
