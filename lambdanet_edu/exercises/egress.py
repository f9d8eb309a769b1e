"""Exercises for the page "Egress and your network".

Every exercise here is a value the learner builds (a VPC, a function, network ACL rules) and
:func:`~lambdanet_edu.egress.can_reach` judges it, so any network that gets the function there
passes. A failing answer gets the misconception it shows, followed by the model's own account
of where the connection stops.

Examples:
    >>> from lambdanet_edu.exercises.grading import grade
    >>> [grade(ex, ex.solution).status for ex in EXERCISES]
    ['passed', 'passed', 'passed']
    >>> code = "from lambdanet_edu import starter_vpc\\nvpc = starter_vpc()\\n"
    >>> grade(S3_WITHOUT_NAT, code).title
    'Used a NAT gateway'
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from lambdanet_edu._traffic import format_port_ranges
from lambdanet_edu.destinations import HTTPS_PORT
from lambdanet_edu.egress import Verdict, can_reach
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.exercises.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS, LINUX_EPHEMERAL_PORTS
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network_acls import AclRule, NetworkAcl
from lambdanet_edu.vpc import Vpc, starter_vpc

__all__ = ["EXERCISES", "LINUX_EPHEMERAL_PORTS", "NACL_OUTBOUND", "nacl_vpc"]

#: The well-known (system) ports, by IANA convention; port 0 is not a valid port here.
WELL_KNOWN_PORTS: Final = (1, 1023)
DB_PORT: Final = 5432  # orders-db in starter_vpc() is PostgreSQL
PRIVATE: Final = ("subnet-private-a", "subnet-private-b")
ORDERS: Final = LambdaFunction("orders", list(PRIVATE), ["sg-lambda"])
LO, HI = LAMBDA_EPHEMERAL_PORTS
L_LO, L_HI = LINUX_EPHEMERAL_PORTS

#: The outbound rules of acl-lambda in the network ACL exercise.
NACL_OUTBOUND: Final = (AclRule(100, "allow", "tcp", HTTPS_PORT),
                        AclRule(110, "allow", "tcp", DB_PORT, "10.0.2.0/24"))


def nacl_vpc(inbound: object) -> Vpc:
    """``starter_vpc()`` with network ACL ``acl-lambda`` on subnet-private-a.

    Its inbound rules are ``inbound``, its outbound rules :data:`NACL_OUTBOUND`.

    Examples:
        >>> nacl_vpc([]).network_acl_for("subnet-private-a").acl_id
        'acl-lambda'
    """
    acl = NetworkAcl("acl-lambda", ["subnet-private-a"], inbound=inbound, outbound=NACL_OUTBOUND)
    return dataclasses.replace(starter_vpc(), network_acls=[acl])


def _says(key: str, verdict: Verdict) -> tuple[str, str]:
    return key, f"The model says: {verdict.explanation}"


def _route_of(verdict: Verdict) -> str:
    """The gateways and route tables the first path crossed, in order."""
    steps = [f"{h.component} {h.component_id}" for h in verdict.paths[0].hops
             if h.component not in ("DNS", "security group", "network ACL")]
    return f"The model's path from {verdict.paths[0].subnet_id}: {' -> '.join(steps)}."


def _unchecked(what: str, got: object) -> tuple[str, str]:
    text = repr(got)
    return "still_blocked", f"{what}, got {text if len(text) <= 80 else text[:77] + '...'}."


def _judge_internet(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    items = list(got) if isinstance(got, tuple | list) else []
    vpc = next((x for x in items if isinstance(x, Vpc)), None)
    fn = next((x for x in items if isinstance(x, LambdaFunction)), None)
    if len(items) != 2 or vpc is None or fn is None:
        return _unchecked("deployment must be the pair (vpc, orders)", got)
    try:
        verdict = can_reach(vpc, fn, "internet")
    except LambdaNetError as err:
        return "still_blocked", f"The model could not check it: {err}."
    if verdict.reachable:
        return None
    for path in verdict.paths:
        hop = path.blocked_at
        if hop is not None and hop.component == "internet gateway":
            return _says("igw_route" if path.subnet_id in PRIVATE else "public_subnet", verdict)
        if hop is not None and hop.component == "route table" and any(
                h.component == "NAT gateway" for h in path.hops):
            return _says("nat_in_private", verdict)
    return _says("still_blocked", verdict)


def _judge_s3(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    if not isinstance(got, Vpc):
        return _unchecked("vpc must be a Vpc", got)
    try:
        verdict = can_reach(got, ORDERS, "s3")
    except LambdaNetError as err:
        return "still_blocked", f"The model could not check it: {err}."
    if verdict.reachable:
        used_nat = any(h.component == "NAT gateway" for p in verdict.paths for h in p.hops)
        return ("used_nat", _route_of(verdict)) if used_nat else None
    endpoints = [g for g in got.gateway_endpoints if g.service == "s3"]
    with_route = {t for g in endpoints for t in g.route_table_ids}
    if endpoints and any(got.route_table_for(s).route_table_id not in with_route
                         for s in ORDERS.subnet_ids):
        return _says("wrong_route_table", verdict)
    no_route = all(p.status == "blocked" and p.hops[-1].component == "route table"
                   for p in verdict.paths)
    if no_route and not (got.gateway_endpoints or got.interface_endpoints or got.nat_gateways):
        return _says("default_access", verdict)
    return _says("still_blocked", verdict)


def _judge_nacl(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    try:
        vpc = nacl_vpc(got)
    except LambdaNetError as err:
        return "still_blocked", f"The model could not build acl-lambda: {err}."
    fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
    failing = [v for v in (can_reach(vpc, fn, "internet"),
                           can_reach(vpc, fn, f"10.0.2.15:{DB_PORT}")) if not v.reachable]
    acl = vpc.network_acl_for("subnet-private-a")
    if not failing:
        for peer, where in ((None, "anywhere"), (vpc.cidr, f"every address of {vpc.cidr}")):
            opened = acl.evaluate("inbound", "tcp", WELL_KNOWN_PORTS, peer=peer).allowed
            if opened:
                shown = format_port_ranges(opened)
                return "too_open", f"Inbound it allows tcp {shown} from {where}."
        return None
    widths = [r.ports for r in acl.inbound
              if r.action == "allow" and r.ports[1] >= LO and r.ports[0] <= HI]
    if all(lo == hi for lo, hi in widths):
        return _says("stateful", failing[0])
    check = acl.evaluate("inbound", "tcp", LAMBDA_EPHEMERAL_PORTS, peer=None)
    if check.allowed and all(d.rule_number is None for d in check.denials):
        return _says("narrow_range", failing[0])
    return _says("still_blocked", failing[0])


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

_S3_START = ("import dataclasses\nfrom lambdanet_edu import GatewayEndpoint, starter_vpc\n\n"
             "# orders runs in subnet-private-a and subnet-private-b (route table rtb-private).\n"
             "vpc = starter_vpc(nat=False)\n")


def _s3_endpoint(table: str, service: str = "s3") -> str:
    return (f"vpc = dataclasses.replace(vpc, gateway_endpoints=[\n"
            f'    GatewayEndpoint("vpce-{service}", "{service}", ["{table}"])])\n')


S3_WITHOUT_NAT = Exercise(
    id="s3-without-nat",
    title="Reach S3 without a NAT gateway",
    kind="value",
    entry="vpc",
    statement=(
        "`orders` runs in `subnet-private-a` and `subnet-private-b` of "
        "`starter_vpc(nat=False)`, whose route table `rtb-private` has only the local route. "
        "It must read objects from Amazon S3, and the team wants no NAT gateway: no hourly "
        "bill, no data-processing charge, no door to the rest of the internet.\n\n"
        "Assign `vpc`, changed with `dataclasses.replace`, so that "
        "`can_reach(vpc, orders, \"s3\")` is reachable without the traffic crossing a NAT "
        "gateway."),
    starter=_S3_START + "\n# Give orders a way to S3 that needs no NAT gateway.\n",
    solution=(_S3_START + "\n# A gateway endpoint is a route to S3 in the route tables you "
              "name: free, S3 only.\n" + _s3_endpoint("rtb-private")),
    hints=(
        "S3 lives outside your VPC: the private subnets need a route that leads to it.",
        "S3 and DynamoDB have gateway endpoints, free entries in a route table. An endpoint "
        "helps only the subnets whose route table it is added to.",
        'vpc = dataclasses.replace(vpc, gateway_endpoints=[GatewayEndpoint("vpce-s3", "s3", '
        '["rtb-private"])])',
    ),
    cases=(Case(label="your VPC"),),
    judge=_judge_s3,
    misconceptions=(
        Misconception(
            key="default_access", name="Expected AWS services to be reachable from the VPC",
            feedback=("S3 runs outside your VPC. Once attached to a VPC, a function reaches only "
                      "what the VPC's routes lead to, and rtb-private holds only the local "
                      "route."),
            example=_S3_START),
        Misconception(
            key="wrong_route_table", name="Added the endpoint to the wrong route table",
            feedback=("A gateway endpoint is an entry in the route tables you name, and only "
                      "subnets that use one of those tables can use it. Name the route table of "
                      "the function's subnets."),
            example=_S3_START + _s3_endpoint("rtb-public")),
        Misconception(
            key="used_nat", name="Used a NAT gateway",
            feedback=("That reaches S3, but through a NAT gateway, billed by the hour and by the "
                      "gigabyte, and it opens the whole internet to the function. A gateway "
                      "endpoint for S3 is free and leads only to S3."),
            example="from lambdanet_edu import starter_vpc\nvpc = starter_vpc()\n"),
        Misconception(
            key="still_blocked", name="S3 still unreachable",
            feedback=("A hop on the path still stops the connection to S3. Each gateway "
                      "endpoint serves one service, S3 or DynamoDB."),
            example=_S3_START + _s3_endpoint("rtb-private", "dynamodb")),
    ),
    success=("The gateway endpoint adds a route for S3 to rtb-private, more specific than any "
             "0.0.0.0/0 route, so the function's requests to S3 stay on AWS's network: no NAT "
             "gateway, no public IP, no charge. The function still cannot reach the rest of the "
             "internet, which is often what you want."),
)

_NACL_START = ("from lambdanet_edu import AclRule\n\n"
               "# Inbound rules of acl-lambda, the network ACL of subnet-private-a.\n")


def _inbound(*rules: str) -> str:
    return _NACL_START + "inbound = [\n" + "".join(f"    {r},\n" for r in rules) + "]\n"


NACL_REPLIES = Exercise(
    id="nacl-replies",
    title="Let the replies through a network ACL",
    kind="value",
    entry="inbound",
    statement=(
        "`orders` runs in `subnet-private-a` of `starter_vpc()` (with NAT gateway `nat-a`), and "
        "the security team gave that subnet its own network ACL, `acl-lambda`. Its outbound "
        "rules are set:\n\n"
        "| rule | action | protocol | ports | to |\n|---|---|---|---|---|\n"
        + "".join(f"| {r.rule_number} | {r.action} | {r.protocol} | {r.ports[0]} | {r.cidr} |\n"
                  for r in NACL_OUTBOUND)
        + f"\nWrite its inbound rules: assign `inbound`, a list of `AclRule(rule_number, "
        f"action, protocol, ports, cidr=\"0.0.0.0/0\")`, so that `orders` reaches both the "
        f"internet (HTTPS through `nat-a`) and `orders-db` at `10.0.2.15:{DB_PORT}`, while "
        f"nobody can open a connection to a well-known port ({WELL_KNOWN_PORTS[0]} to "
        f"{WELL_KNOWN_PORTS[1]}, such as SSH on 22) in the subnet."),
    starter=_inbound(f'AclRule(100, "allow", "tcp", {HTTPS_PORT})'),
    solution=(_NACL_START + "from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS\n\n"
              "# Replies come back to the ephemeral port each connection left from.\n"
              'inbound = [AclRule(100, "allow", "tcp", LAMBDA_EPHEMERAL_PORTS)]\n'),
    hints=(
        "Network ACLs are stateless: the replies from the internet and from the database "
        "come back in through acl-lambda and are checked like any other traffic. Which "
        "ports do they arrive on?",
        f"A reply goes to the ephemeral port its connection left from, and Lambda picks "
        f"those anywhere in {LO}-{HI}, not only in Linux's {L_LO}-{L_HI}.",
        f'One rule does it: AclRule(100, "allow", "tcp", ({LO}, {HI})). Its cidr defaults to '
        "0.0.0.0/0, which covers the replies from the internet and from the database.",
    ),
    cases=(Case(label="your inbound rules"),),
    judge=_judge_nacl,
    misconceptions=(
        Misconception(
            key="stateful", name="Treated the network ACL as stateful",
            feedback=("Security groups remember connections and let their replies in; network "
                      "ACLs do not. Every reply is checked against the inbound rules, and "
                      "replies arrive on the function's ephemeral ports, not on 443 or "
                      f"{DB_PORT}."),
            example=_inbound(f'AclRule(100, "allow", "tcp", {HTTPS_PORT})',
                             f'AclRule(110, "allow", "tcp", {DB_PORT}, "10.0.2.0/24")')),
        Misconception(
            key="narrow_range", name="Allowed only part of Lambda's ephemeral ports",
            feedback=(f"Lambda may pick any port from {LO} to {HI} for a connection. Linux's "
                      f"{L_LO}-{L_HI}, a common default, covers only part of that, so the "
                      "connections whose port falls outside it fail: intermittent errors."),
            example=_inbound(f'AclRule(100, "allow", "tcp", ({L_LO}, {L_HI}))')),
        Misconception(
            key="too_open", name="Opened the well-known ports too",
            feedback=(f"It works, but it also lets new connections in to ports below {LO}, "
                      f"such as SSH on 22. Replies need only {LO}-{HI}: allow that range and "
                      "nothing lower."),
            example=_inbound('AclRule(100, "allow")')),
        Misconception(
            key="still_blocked", name="Still blocked",
            feedback=("A rule still stops a request or a reply. Rules are evaluated lowest "
                      "number first and the first match decides, whatever their order in "
                      "the list."),
            example=_inbound(f'AclRule(100, "allow", "tcp", ({LO}, {HI}), "10.0.0.0/16")')),
    ),
    success=(f"Replies come back to the port their connection left from, anywhere in {LO}-{HI} "
             "for Lambda, and a stateless network ACL checks each one; one rule for that range "
             "lets every reply in, and nothing below it is open."),
)

EXERCISES: tuple[Exercise, ...] = (GIVE_INTERNET_ACCESS, S3_WITHOUT_NAT, NACL_REPLIES)
