"""The exercise ``give-internet-access``: internet access for a function in private subnets."""

from __future__ import annotations

from typing import Any

from lambdanet_edu import Vpc, can_reach
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.egress._shared import PRIVATE, path_picture, says, unchecked
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction

__all__ = ["GIVE_INTERNET_ACCESS"]


def _judge_internet(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    items = list(got) if isinstance(got, tuple | list) else []
    vpc = next((x for x in items if isinstance(x, Vpc)), None)
    fn = next((x for x in items if isinstance(x, LambdaFunction)), None)
    if len(items) != 2 or vpc is None or fn is None:
        return unchecked("deployment must be the pair (vpc, orders)", got)
    try:
        verdict = can_reach(vpc, fn, "internet")
    except LambdaNetError as err:
        return "still_blocked", f"The model could not check it: {err}."
    if verdict.reachable:
        return None
    for path in verdict.paths:
        hop = path.blocked_at
        if hop is not None and hop.component == "internet gateway":
            return says("igw_route" if path.subnet_id in PRIVATE else "public_subnet", verdict)
        if hop is not None and hop.component == "route table" and any(
                h.component == "NAT gateway" for h in path.hops):
            return says("nat_in_private", verdict)
    return says("still_blocked", verdict)


_IMPORTS = ("import dataclasses\n"
            "from lambdanet_edu import LambdaFunction, NatGateway, Route, RouteTable, "
            "starter_vpc\n\n"
            "vpc = starter_vpc(nat=False)\n"
            'orders = LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], '
            '["sg-lambda"])\n\n')
_PUBLIC_TABLE = '    route_tables=[vpc.route_table_for("subnet-public-a"),\n'
_PAIR = "deployment = (vpc, orders)\n"


def _private_route(target: str, nat_subnet: str | None) -> str:
    nat = f'    nat_gateways=[NatGateway("nat-a", "{nat_subnet}")],\n' if nat_subnet else ""
    return (f"vpc = dataclasses.replace(\n    vpc,\n{nat}{_PUBLIC_TABLE}"
            f'                  RouteTable("rtb-private", [Route("0.0.0.0/0", "{target}")], '
            "main=True)],\n)\n")


GIVE_INTERNET_ACCESS = Exercise(
    id="give-internet-access",
    title="Give the function internet access",
    kind="value",
    entry="deployment",
    statement=(
        "`starter_vpc(nat=False)` builds `vpc-starter` for you: a public subnet "
        "`subnet-public-a`, whose route table `rtb-public` sends `0.0.0.0/0` to internet "
        "gateway `igw-1`, and two private subnets, `subnet-private-a` and `subnet-private-b`, "
        "on the main route table `rtb-private`, which holds only the local route. The function "
        "`orders` runs in the two private subnets and cannot reach the internet.\n\n"
        "Change the VPC, the function, or both, so that `orders` reaches the internet from "
        "every subnet it uses, and assign `deployment = (vpc, orders)`. They are frozen: build "
        "changed copies with `dataclasses.replace(vpc, nat_gateways=[...], route_tables=[...])`, "
        "which replaces whole lists. The check is `can_reach(vpc, orders, \"internet\")`. "
        "(`starter_vpc()` with its NAT gateway is the answer key: build the fix yourself.)"),
    starter=(_IMPORTS + "# Change vpc or orders (dataclasses.replace) so orders reaches the "
             "internet.\n\n" + _PAIR),
    solution=(_IMPORTS + "# The NAT gateway sits in the public subnet, whose route table leads "
              "to igw-1;\n# the private subnets send 0.0.0.0/0 to the NAT gateway.\n"
              + _private_route("nat-a", "subnet-public-a") + _PAIR),
    names=("starter_vpc", "Vpc", "Vpc.route_table_for", "RouteTable", "Route",
           "NatGateway", "LambdaFunction", "can_reach"),
    hints=(
        "Press Check and read the model's explanation: which hop stops the connection, and "
        "what does it suggest?",
        "The function's network interface never gets a public IP, so it needs a NAT gateway; "
        "and the NAT gateway itself must sit in a subnet whose route table leads to igw-1.",
        'Add NatGateway("nat-a", "subnet-public-a") to nat_gateways, keep rtb-public, and '
        'replace rtb-private with RouteTable("rtb-private", [Route("0.0.0.0/0", "nat-a")], '
        "main=True).",
    ),
    cases=(Case(label="your deployment"),),
    judge=_judge_internet,
    picture=path_picture("internet", id="learner-give-internet-access",
                         title="Your deployment: {name} and its path to the internet"),
    misconceptions=(
        Misconception(
            key="public_subnet", name="Moved the function into the public subnet",
            feedback=("A public subnet sends 0.0.0.0/0 to the internet gateway, but the gateway "
                      "only carries traffic from addresses that have a public IP, and Lambda's "
                      "network interfaces never get one. Keep the function in private subnets "
                      "that send their traffic to a NAT gateway."),
            example=(_IMPORTS + 'orders = dataclasses.replace(orders, subnet_ids='
                     '["subnet-public-a"])\n' + _PAIR)),
        Misconception(
            key="igw_route", name="Routed the private subnets to the internet gateway",
            feedback=("A route to the internet gateway makes the function's subnets public, "
                      "which gives the function nothing: its network interface has no public "
                      "IP, so the gateway cannot carry its traffic. Route 0.0.0.0/0 to a NAT "
                      "gateway instead."),
            example=_IMPORTS + _private_route("igw-1", None) + _PAIR),
        Misconception(
            key="nat_in_private", name="Put the NAT gateway in a private subnet",
            feedback=("The NAT gateway swaps the function's address for its own public one, "
                      "then needs a way to the internet itself: it must sit in a public subnet, "
                      "one whose route table sends 0.0.0.0/0 to the internet gateway."),
            example=_IMPORTS + _private_route("nat-a", "subnet-private-a") + _PAIR),
        Misconception(
            key="still_blocked", name="Still no way out",
            feedback=("A function attached to a VPC has only the ways out that your route "
                      "tables, gateways and firewalls give it, and a hop still stops this one. "
                      "A NAT gateway, for instance, is used only by subnets whose route table "
                      "sends traffic to it."),
            example=(_IMPORTS + 'vpc = dataclasses.replace(vpc, nat_gateways=[NatGateway('
                     '"nat-a", "subnet-public-a")])\n' + _PAIR)),
    ),
    success=("orders leaves through its network interface in a private subnet, whose route "
             "table sends 0.0.0.0/0 to nat-a; nat-a sits in the public subnet, swaps in its "
             "public address and hands the traffic to igw-1. Every subnet of the function "
             "has that way out, so no invocation is left without it."),
)
