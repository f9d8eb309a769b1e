"""The IPv6 path to the internet: flag, dual-stack subnet, rules, ``::/0`` route, gateway.

Private to :mod:`lambdanet_edu.egress`. Outbound IPv6 from a VPC function needs
``ipv6_allowed_for_dual_stack=True``, a dual-stack subnet, security-group and network-ACL rules
that allow it, and a ``::/0`` route to an egress-only internet gateway (or an internet
gateway): no NAT gateway. A destination reached over IPv4 still takes the IPv4 path.

Examples:
    >>> from lambdanet_edu.network import Internet, starter_vpc
    >>> from lambdanet_edu.functions import LambdaFunction
    >>> from lambdanet_edu.egress._walk import walk_path
    >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
    >>> path = walk_path(starter_vpc(), fn, "subnet-private-a", Internet(ip_version=6))
    >>> path.status, path.blocked_at.component
    ('blocked', 'function')
"""

from __future__ import annotations

from typing import Final

from lambdanet_edu.egress._walker import Walker
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS
from lambdanet_edu.network.network_acls import NetworkAcl
from lambdanet_edu.network.security_groups import ALLOW_ALL_OUTBOUND
from lambdanet_edu.network.traffic import PortRange, format_ports
from lambdanet_edu.simplifications import simplification

__all__ = ["DEFAULT_RULES_COVER_IPV6", "walk_ipv6_internet"]

DEFAULT_RULES_COVER_IPV6: Final = simplification(
    "default_rules_cover_ipv6",
    "In a VPC with an IPv6 block, a security group left with its default outbound rule and the "
    "default network ACL are taken to allow all IPv6 traffic too, as AWS adds '::/0' rules to "
    "them when the VPC gets its IPv6 block. Groups and ACLs you write allow IPv6 only through "
    "rules for IPv6 CIDRs such as '::/0'.")

_HOW = ("Give the function outbound IPv6: dual-stack subnets whose route table sends ::/0 to an "
        "egress-only internet gateway, and ipv6_allowed_for_dual_stack=True")


def walk_ipv6_internet(walk: Walker, label: str) -> bool:
    """Record the hops of a new IPv6 connection to the internet; True when it gets there."""
    fn, subnet, vpc = walk.function, walk.subnet, walk.vpc
    here = subnet.subnet_id
    if not walk.hop("function", fn.name, fn.ipv6_allowed_for_dual_stack,
                    f"{fn.name} has ipv6_allowed_for_dual_stack="
                    f"{fn.ipv6_allowed_for_dual_stack}" + (
                        ": Lambda lets its code open IPv6 connections." if
                        fn.ipv6_allowed_for_dual_stack else
                        ": outbound IPv6 is off by default, so Lambda gives its code no IPv6 "
                        f"route out, whatever the VPC allows. {_HOW}.")):
        return False
    if subnet.ipv6_cidr is None:
        return walk.hop("subnet", here, False,
                        f"{here} is IPv4-only: a function uses IPv6 only from dual-stack subnets "
                        f"(with an IPv6 /64). {_HOW}.")
    walk.hop("subnet", here, True,
             f"{here} is dual-stack ({subnet.cidr} and {subnet.ipv6_cidr}), so the function's "
             "network interface has an IPv6 address there.")
    if not (_security_groups(walk, label) and _acl(walk, "outbound", (walk.port, walk.port),
                                                    label, "")):
        return False
    table = vpc.route_table_for(here)
    table_id = table.route_table_id
    route = table.route_for(None, ip_version=6)
    eigw, igw = vpc.egress_only_internet_gateway, vpc.internet_gateway
    if route is None:
        return walk.hop("route table", table_id, False,
                        f"Route table {table_id} of {here} has no ::/0 route, so IPv6 traffic to "
                        f"{label} has nowhere to go. Add a route ::/0 to an egress-only internet "
                        "gateway (no NAT gateway is needed for IPv6).")
    if eigw is not None and route.target == eigw.gateway_id:
        walk.hop("route table", table_id, True,
                 f"Route table {table_id} of {here} sends ::/0 to egress-only internet gateway "
                 f"{eigw.gateway_id}.")
        walk.hop("egress-only internet gateway", eigw.gateway_id, True,
                 f"Egress-only internet gateway {eigw.gateway_id} carries the function's IPv6 "
                 f"traffic to {label} and the replies back, and lets no connection from the "
                 "internet in. IPv6 addresses are public, so no NAT is needed.")
    elif igw is not None and route.target == igw.gateway_id:
        walk.hop("route table", table_id, True,
                 f"Route table {table_id} of {here} sends ::/0 to internet gateway "
                 f"{igw.gateway_id}.")
        walk.hop("internet gateway", igw.gateway_id, True,
                 f"Internet gateway {igw.gateway_id} carries IPv6 traffic both ways: the "
                 "function's IPv6 address is public. (An egress-only internet gateway would also "
                 "keep connections from the internet out.)")
    elif vpc.nat_gateway(route.target) is not None:
        return walk.hop("route table", table_id, False,
                        f"Route table {table_id} of {here} sends ::/0 to NAT gateway "
                        f"{route.target}, which gives IPv6 traffic no way to the internet: IPv6 "
                        "addresses are public and need no NAT. Route ::/0 to an egress-only "
                        "internet gateway.")
    else:
        return walk.hop("route table", table_id, False,
                        f"Route table {table_id} of {here} sends ::/0 to {route.target}, which is "
                        "not an internet gateway or egress-only internet gateway of "
                        f"{vpc.vpc_id}: whether {label} is reached depends on what lies beyond "
                        "it.", unknown=True)
    return _acl(walk, "inbound", LAMBDA_EPHEMERAL_PORTS, label, "Lambda")


def _security_groups(walk: Walker, label: str) -> bool:
    ids = walk.function.security_group_ids
    groups = [walk.vpc.security_group(g) for g in ids]
    for group in groups:
        for rule in group.outbound:
            if (rule.cidr is not None and rule.cidr.version == 6 and rule.cidr.prefixlen == 0
                    and rule.covers(walk.protocol, walk.port)):
                return walk.hop("security group", ", ".join(ids), True,
                                f"{group.group_id} has the outbound rule "
                                f"'{rule.describe('outbound')}', which allows {walk.traffic} out "
                                f"to {label}.")
        if group.outbound == ALLOW_ALL_OUTBOUND and walk.vpc.ipv6_cidr is not None:
            walk.assume(DEFAULT_RULES_COVER_IPV6)
            return walk.hop("security group", ", ".join(ids), True,
                            f"{group.group_id} keeps its default outbound rules, which in a VPC "
                            f"with an IPv6 block allow all traffic to ::/0 as well as 0.0.0.0/0.")
    return walk.hop("security group", ", ".join(ids), False,
                    f"No outbound rule of {', '.join(ids)} allows {walk.traffic} to ::/0. A rule "
                    "for 0.0.0.0/0 covers IPv4 only: add an outbound rule for ::/0.")


def _acl(walk: Walker, direction: str, ports: PortRange, label: str, reply_by: str) -> bool:
    here = walk.subnet.subnet_id
    acl = walk.vpc.network_acl_for(here)
    what = (f"the replies from {label} to {format_ports(ports)} {reply_by} uses" if reply_by
            else f"{walk.traffic} out to {label}")
    if acl.acl_id == "default":
        walk.assume(DEFAULT_RULES_COVER_IPV6)
        return walk.hop("network ACL", acl.acl_id, True,
                        f"The default network ACL of {here} allows all IPv6 traffic in a VPC "
                        f"with an IPv6 block, {what} included.")
    return _custom_acl(walk, acl, direction, ports, what)


def _custom_acl(walk: Walker, acl: NetworkAcl, direction: str, ports: PortRange,
                what: str) -> bool:
    check = acl.evaluate(direction, walk.protocol, ports, peer=None, ip_version=6)
    if check.passed:
        return walk.hop("network ACL", acl.acl_id, True,
                        f"Network ACL {acl.acl_id} allows {what} with its IPv6 rule "
                        f"{', '.join(str(n) for n in sorted(check.allowed_by))}.")
    return walk.hop("network ACL", acl.acl_id, False,
                    f"Network ACL {acl.acl_id} has no {direction} rule for ::/0 that allows "
                    f"{what}: {check.describe_denials()}. Network ACLs are stateless, and rules "
                    "for 0.0.0.0/0 cover IPv4 only.")
