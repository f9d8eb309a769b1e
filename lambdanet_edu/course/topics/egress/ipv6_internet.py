"""The exercise ``ipv6-internet``: internet access over IPv6 without a NAT gateway.

:func:`dual_stack_vpc` builds the VPC the exercise, the quiz and the page start from: the
starter VPC with an IPv6 block and a /64 in every subnet, without a NAT gateway.

Examples:
    >>> vpc = dual_stack_vpc()
    >>> str(vpc.ipv6_cidr), [str(s.ipv6_cidr) for s in vpc.subnets][1]
    ('2001:db8:1::/56', '2001:db8:1:1::/64')
"""

from __future__ import annotations

import dataclasses
from ipaddress import IPv6Network
from typing import Any, Final

from lambdanet_edu import (
    EgressOnlyInternetGateway,
    LambdaFunction,
    Route,
    RouteTable,
    Vpc,
    can_reach,
    starter_vpc,
)
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.egress._shared import PRIVATE, path_picture, says, unchecked
from lambdanet_edu.errors import LambdaNetError

__all__ = ["IPV6_INTERNET", "STILL_FAILING", "dual_stack_vpc", "ipv6_deployment"]

#: What the function may still try to reach once IPv6 works: only IPv6 destinations do.
STILL_FAILING: Final = ("internet", "s3", "sqs")


def dual_stack_vpc(*, eigw: bool = False) -> Vpc:
    """``starter_vpc(nat=False)`` made dual-stack; ``eigw`` adds ``eigw-1`` and ``::/0`` to it.

    Examples:
        >>> dual_stack_vpc(eigw=True).route_table_for("subnet-private-a").route_for(
        ...     None, ip_version=6)
        Route(destination=IPv6Network('::/0'), target='eigw-1')
    """
    base = starter_vpc(nat=False)
    vpc = dataclasses.replace(base, ipv6_cidr=IPv6Network("2001:db8:1::/56"), subnets=tuple(
        dataclasses.replace(s, ipv6_cidr=IPv6Network(f"2001:db8:1:{i}::/64"))
        for i, s in enumerate(base.subnets)))
    if not eigw:
        return vpc
    return dataclasses.replace(
        vpc, egress_only_internet_gateway=EgressOnlyInternetGateway("eigw-1"),
        route_tables=(vpc.route_table_for("subnet-public-a"),
                      RouteTable("rtb-private", [Route("::/0", "eigw-1")], main=True)))


def ipv6_deployment() -> tuple[Vpc, LambdaFunction]:
    """The reference answer: the dual-stack VPC with ``eigw-1``, and ``orders`` with the flag.

    Examples:
        >>> vpc, fn = ipv6_deployment()
        >>> can_reach(vpc, fn, "internet6").reachable, can_reach(vpc, fn, "internet").reachable
        (True, False)
    """
    return dual_stack_vpc(eigw=True), LambdaFunction("orders", PRIVATE, ("sg-lambda",),
                                                     ipv6_allowed_for_dual_stack=True)


def _judge(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    items = list(got) if isinstance(got, tuple | list) else []
    vpc = next((x for x in items if isinstance(x, Vpc)), None)
    fn = next((x for x in items if isinstance(x, LambdaFunction)), None)
    if len(items) != 2 or vpc is None or fn is None:
        return unchecked("deployment must be the pair (vpc, orders)", got)
    try:
        verdict = can_reach(vpc, fn, "internet6")
    except LambdaNetError as err:
        return "still_blocked", f"The model could not check it: {err}."
    if vpc.nat_gateways:
        return says("nat_for_ipv6", verdict)
    if verdict.reachable:
        return None
    if any(p.blocked_at is not None and p.blocked_at.component == "function"
           for p in verdict.paths):
        return says("flag_off", verdict)
    eigw = vpc.egress_only_internet_gateway
    if eigw is not None and any(r.target == eigw.gateway_id and r.destination.version == 4
                                for t in vpc.route_tables for r in t.routes):
        return says("ipv4_route", verdict)
    return says("still_blocked", verdict)


_START = ("import dataclasses\n"
          "from lambdanet_edu import (EgressOnlyInternetGateway, LambdaFunction, Route,\n"
          "                           RouteTable, starter_vpc)\n\n"
          "base = starter_vpc(nat=False)\n"
          "# Dual-stack: the VPC has an IPv6 block and every subnet a /64 of it.\n"
          'vpc = dataclasses.replace(base, ipv6_cidr="2001:db8:1::/56", subnets=[\n'
          '    dataclasses.replace(s, ipv6_cidr=f"2001:db8:1:{i}::/64")\n'
          "    for i, s in enumerate(base.subnets)])\n"
          'orders = LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], '
          '["sg-lambda"])\n\n')
_PAIR = "deployment = (vpc, orders)\n"
_FLAG = "orders = dataclasses.replace(orders, ipv6_allowed_for_dual_stack=True)\n"


def _gateway(destination: str) -> str:
    return ('vpc = dataclasses.replace(\n    vpc,\n'
            '    egress_only_internet_gateway=EgressOnlyInternetGateway("eigw-1"),\n'
            '    route_tables=[vpc.route_table_for("subnet-public-a"),\n'
            f'                  RouteTable("rtb-private", [Route("{destination}", "eigw-1")], '
            "main=True)],\n)\n")


IPV6_INTERNET = Exercise(
    id="ipv6-internet",
    title="Reach the internet over IPv6, without a NAT gateway",
    kind="value",
    entry="deployment",
    statement=(
        "The starter code makes `starter_vpc(nat=False)` dual-stack: the VPC gets an IPv6 "
        "block and each subnet a /64 of it. `orders` runs in `subnet-private-a` and "
        "`subnet-private-b`; the API it calls answers over IPv6 too, and the team wants no NAT "
        "gateway.\n\n"
        "Change the VPC and the function so that `can_reach(vpc, orders, \"internet6\")` is "
        "reachable, with no NAT gateway in the VPC, and assign `deployment = (vpc, orders)`. "
        "Then try `\"internet\"`, `\"s3\"` and `\"sqs\"` with `can_reach`: which still fail, "
        "and why?"),
    starter=_START + "# Give orders a way out over IPv6, without a NAT gateway.\n\n" + _PAIR,
    solution=(_START + "# ::/0 leads to an egress-only internet gateway: out, never in, no NAT.\n"
              + _gateway("::/0") + "# Lambda gives the function IPv6 only when asked.\n"
              + _FLAG + _PAIR),
    hints=(
        "Press Check and read which hop stops the connection.",
        "IPv6 addresses are public, so no NAT is needed: the private subnets need a route "
        "for ::/0 to an egress-only internet gateway, which lets connections out and none in.",
        "Lambda keeps outbound IPv6 off until the function's VpcConfig says "
        "Ipv6AllowedForDualStack: set ipv6_allowed_for_dual_stack=True on orders.",
    ),
    cases=(Case(label="your deployment"),),
    judge=_judge,
    picture=path_picture("internet6", id="learner-ipv6-internet",
                         title="Your deployment: {name} and its IPv6 path to the internet"),
    misconceptions=(
        Misconception(
            key="flag_off", name="Left outbound IPv6 off on the function",
            feedback=("The VPC is ready, but Lambda gives a function outbound IPv6 only with "
                      "ipv6_allowed_for_dual_stack=True (Ipv6AllowedForDualStack), which AWS "
                      "accepts only when all the function's subnets are dual-stack."),
            example=_START + _gateway("::/0") + _PAIR),
        Misconception(
            key="ipv4_route", name="Routed 0.0.0.0/0 to the egress-only gateway",
            feedback=("An egress-only internet gateway carries IPv6 only. The route it needs "
                      "is ::/0; IPv4 traffic still needs a NAT gateway."),
            example=_START + _gateway("0.0.0.0/0") + _FLAG + _PAIR),
        Misconception(
            key="nat_for_ipv6", name="Added a NAT gateway for IPv6",
            feedback=("IPv6 addresses are public, so IPv6 needs no address translation: an "
                      "egress-only internet gateway is free and lets nothing in. A NAT gateway "
                      "is billed by the hour and by the gigabyte."),
            example=(_START.replace("starter_vpc(nat=False)", "starter_vpc()") + _FLAG + _PAIR)),
        Misconception(
            key="still_blocked", name="Still no IPv6 way out",
            feedback=("A hop still stops the IPv6 connection. The function needs the flag, "
                      "dual-stack subnets, and a ::/0 route on its own subnets' route table."),
            example=(_START + 'vpc = dataclasses.replace(vpc, egress_only_internet_gateway='
                     'EgressOnlyInternetGateway("eigw-1"))\n' + _FLAG + _PAIR)),
    ),
    success=("orders reaches the internet over IPv6: ::/0 leads from its private subnets to "
             "eigw-1, which lets its connections out and nothing in, with no NAT gateway to "
             "pay for. IPv6 is not everything, though: \"internet\" (an API with only an IPv4 "
             "address), \"s3\" and \"sqs\" still fail, because IPv4 traffic has no route out. "
             "They need a NAT gateway, or a gateway endpoint for S3 and an interface endpoint "
             "for SQS."),
)
