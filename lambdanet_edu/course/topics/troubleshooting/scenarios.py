"""The broken VPCs of "When it does not work", each with its fix, shared by the page, the
lesson, the quiz and the exercises.

Each :class:`Broken` names a symptom's cause, the VPC that has it, the destination the function
times out on, and the fixed VPC. :func:`~lambdanet_edu.egress.can_reach` judges both, so the
page shows what the model says rather than what the author believes.

Examples:
    >>> from lambdanet_edu import can_reach
    >>> [(b.key, can_reach(b.vpc, ORDERS, b.destination).reachable,
    ...   can_reach(b.fixed, ORDERS, b.destination).reachable) for b in BROKEN]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('missing-route', False, True), ('nat-in-private', False, True),
     ('nacl-replies', False, True), ('dns-off', False, True)]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Final

from lambdanet_edu import (
    AclRule,
    InterfaceEndpoint,
    LambdaFunction,
    NatGateway,
    NetworkAcl,
    Route,
    RouteTable,
    SecurityGroup,
    SecurityGroupRule,
    Vpc,
    starter_vpc,
)
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS
from lambdanet_edu.network import HTTPS_PORT

__all__ = ["BROKEN", "ORDERS", "PRIVATE", "Broken", "dns_off_vpc", "endpoint_vpc"]

#: The subnets ``orders`` runs in, in ``starter_vpc()``.
PRIVATE: Final = ("subnet-private-a", "subnet-private-b")
#: The function every scenario attaches.
ORDERS: Final = LambdaFunction("orders", PRIVATE, ("sg-lambda",))


@dataclass(frozen=True, slots=True)
class Broken:
    """A VPC in which ``orders`` times out on ``destination``, its cause and its fix.

    Examples:
        >>> BROKEN[0].key, BROKEN[0].destination
        ('missing-route', 'internet')
    """

    key: str
    cause: str
    fix: str
    destination: str
    vpc: Vpc
    fixed: Vpc


def _private_table(*routes: Route) -> RouteTable:
    return RouteTable("rtb-private", routes, main=True)


def _with_private_routes(vpc: Vpc, *routes: Route) -> Vpc:
    public = vpc.route_table_for("subnet-public-a")
    return dataclasses.replace(vpc, route_tables=(public, _private_table(*routes)))


def endpoint_vpc(*services: str, dns: bool = True) -> Vpc:
    """``starter_vpc(nat=False)`` with an interface endpoint per service in both private
    subnets (group ``sg-endpoint``: HTTPS in from ``sg-lambda``); ``dns`` sets both VPC DNS
    attributes.

    Examples:
        >>> from lambdanet_edu import can_reach
        >>> can_reach(endpoint_vpc("sqs"), ORDERS, "sqs").reachable
        True
    """
    vpc = starter_vpc(nat=False)
    group = SecurityGroup("sg-endpoint", inbound=[
        SecurityGroupRule("tcp", HTTPS_PORT, security_group_id="sg-lambda")])
    endpoints = tuple(InterfaceEndpoint(f"vpce-{s}", s, PRIVATE, ["sg-endpoint"])
                      for s in services)
    return dataclasses.replace(vpc, security_groups=(*vpc.security_groups, group),
                               interface_endpoints=endpoints, enable_dns_support=dns,
                               enable_dns_hostnames=dns)


def dns_off_vpc() -> Vpc:
    """The Secrets Manager endpoint VPC with both DNS attributes off (the exercise's start).

    Examples:
        >>> dns_off_vpc().private_dns_works
        False
    """
    return endpoint_vpc("secretsmanager", dns=False)


def _replies_acl(*inbound: AclRule) -> NetworkAcl:
    return NetworkAcl("acl-private", PRIVATE, inbound=inbound,
                      outbound=[AclRule(100, "allow", "tcp", HTTPS_PORT)])


_MISSING_ROUTE = dataclasses.replace(
    starter_vpc(nat=False), nat_gateways=(NatGateway("nat-a", "subnet-public-a"),))
_NAT_IN_PRIVATE = dataclasses.replace(
    starter_vpc(), nat_gateways=(NatGateway("nat-a", "subnet-private-a"),))
_NACL = dataclasses.replace(starter_vpc(), network_acls=(
    _replies_acl(AclRule(100, "allow", "tcp", HTTPS_PORT)),))
_NACL_FIXED = dataclasses.replace(starter_vpc(), network_acls=(_replies_acl(
    AclRule(100, "allow", "tcp", LAMBDA_EPHEMERAL_PORTS),
    AclRule(110, "allow", "udp", LAMBDA_EPHEMERAL_PORTS)),))

#: The four causes of "my function times out" the page diagnoses, in page order.
BROKEN: Final = (
    Broken("missing-route", "The private subnets' route table has no route to the NAT gateway.",
           "Add the route 0.0.0.0/0 to nat-a to rtb-private.", "internet",
           _MISSING_ROUTE, starter_vpc()),
    Broken("nat-in-private", "The NAT gateway sits in a private subnet.",
           "Create the NAT gateway in the public subnet (its route table leads to igw-1).",
           "internet", _NAT_IN_PRIVATE,
           _with_private_routes(starter_vpc(), Route("0.0.0.0/0", "nat-a"))),
    Broken("nacl-replies",
           "The private subnets' network ACL lets requests out but drops the replies.",
           f"Allow inbound TCP and UDP {LAMBDA_EPHEMERAL_PORTS[0]}-{LAMBDA_EPHEMERAL_PORTS[1]}.",
           "internet", _NACL, _NACL_FIXED),
    Broken("dns-off",
           "The Secrets Manager endpoint has private DNS on, but the VPC's DNS attributes are "
           "off, so the name resolves to the public endpoint, and there is no NAT gateway.",
           "Turn on enableDnsSupport and enableDnsHostnames.", "secretsmanager",
           dns_off_vpc(), endpoint_vpc("secretsmanager")),
)
