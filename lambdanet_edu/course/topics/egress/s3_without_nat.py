"""The exercise ``s3-without-nat``: a way to S3 for a function in private subnets, with no NAT."""

from __future__ import annotations

from typing import Any, Final

from lambdanet_edu import Verdict, Vpc, can_reach
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.egress._shared import PRIVATE, says, unchecked
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction

__all__ = ["S3_WITHOUT_NAT"]

ORDERS: Final = LambdaFunction("orders", PRIVATE, ("sg-lambda",))


def _route_of(verdict: Verdict) -> str:
    """The gateways and route tables the first path crossed, in order."""
    steps = [f"{h.component} {h.component_id}" for h in verdict.paths[0].hops
             if h.component not in ("DNS", "security group", "network ACL")]
    return f"The model's path from {verdict.paths[0].subnet_id}: {' -> '.join(steps)}."


def _judge_s3(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    if not isinstance(got, Vpc):
        return unchecked("vpc must be a Vpc", got)
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
        return says("wrong_route_table", verdict)
    no_route = all(p.status == "blocked" and p.hops[-1].component == "route table"
                   for p in verdict.paths)
    if no_route and not (got.gateway_endpoints or got.interface_endpoints or got.nat_gateways):
        return says("default_access", verdict)
    return says("still_blocked", verdict)


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
    names=("starter_vpc", "Vpc", "Vpc.route_table_for", "GatewayEndpoint", "can_reach"),
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
    success=("The function reaches S3 without a NAT gateway. A gateway endpoint does it with a "
             "route for S3 in rtb-private, more specific than any 0.0.0.0/0 route, so the "
             "requests stay on AWS's network: no public IP and no charge. (An interface "
             "endpoint for S3 works too, but it is billed by the hour and by the gigabyte.) The "
             "function still cannot reach the rest of the internet, which is often what you "
             "want."),
)
