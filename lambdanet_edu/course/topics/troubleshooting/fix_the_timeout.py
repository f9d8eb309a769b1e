"""The exercise ``fix-the-timeout``: a function that times out calling Secrets Manager."""

from __future__ import annotations

from typing import Any

from lambdanet_edu import Vpc, can_reach
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS
from lambdanet_edu.errors import LambdaNetError

__all__ = ["FIX_THE_TIMEOUT"]

_START = ("import dataclasses\n"
          "from lambdanet_edu import can_reach\n"
          "from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS, "
          "dns_off_vpc\n\n"
          "vpc = dns_off_vpc()\n"
          'print(can_reach(vpc, ORDERS, "secretsmanager").explanation)\n\n')


def _judge(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    if not isinstance(got, Vpc):
        text = repr(got)
        return "still_blocked", (f"vpc must be a Vpc, got "
                                 f"{text if len(text) <= 80 else text[:77] + '...'}.")
    try:
        verdict = can_reach(got, ORDERS, "secretsmanager")
    except LambdaNetError as err:
        return "still_blocked", f"The model could not check it: {err}."
    detail = f"The model says: {verdict.explanation}"
    if got.nat_gateways:
        return "nat", detail
    if verdict.reachable:
        return None
    if got.enable_dns_support != got.enable_dns_hostnames:
        return "one_attribute", detail
    if not any(e.private_dns for e in got.interface_endpoints):
        return "private_dns_off", detail
    return "still_blocked", detail


FIX_THE_TIMEOUT = Exercise(
    id="fix-the-timeout",
    title="Fix the timeout to Secrets Manager",
    kind="value",
    entry="vpc",
    statement=(
        "`orders` reads its database password from Secrets Manager and times out. Its VPC, "
        "`dns_off_vpc()`, has no NAT gateway, on purpose, and an interface endpoint "
        "`vpce-secretsmanager` in both private subnets with private DNS on, whose security "
        "group lets HTTPS in from `sg-lambda`.\n\n"
        "Run the starter to read the model's diagnosis, then assign `vpc` a fixed copy "
        "(`dataclasses.replace`) that still has no NAT gateway and in which "
        "`can_reach(vpc, ORDERS, \"secretsmanager\")` is reachable."),
    starter=_START + "# Fix vpc here.\n",
    solution=(_START + "# Private DNS takes effect only when both DNS attributes are on.\n"
              "vpc = dataclasses.replace(vpc, enable_dns_support=True, "
              "enable_dns_hostnames=True)\n"),
    hints=(
        "Read the DNS hop of the explanation: where does the name secretsmanager resolve to, "
        "and why not to the endpoint?",
        "An interface endpoint's private DNS needs two attributes of the VPC: "
        "enable_dns_support and enable_dns_hostnames.",
        "vpc = dataclasses.replace(vpc, enable_dns_support=True, enable_dns_hostnames=True)",
    ),
    cases=(Case(label="your VPC"),),
    judge=_judge,
    misconceptions=(
        Misconception(
            key="one_attribute", name="Turned on only one DNS attribute",
            feedback=("Private DNS for an interface endpoint takes effect only when "
                      "enableDnsSupport and enableDnsHostnames are both on; with either off the "
                      "name still resolves to the service's public endpoint, which this VPC "
                      "cannot reach."),
            example=_START + "vpc = dataclasses.replace(vpc, enable_dns_hostnames=True)\n"),
        Misconception(
            key="private_dns_off", name="Turned the endpoint's private DNS off",
            feedback=("With private DNS off, the service's usual name always resolves to its "
                      "public endpoint, and the SDK uses that name. Keep private DNS on and "
                      "turn on the VPC's DNS attributes so it takes effect."),
            example=(_START + "endpoint = dataclasses.replace(vpc.interface_endpoints[0], "
                     "private_dns=False)\n"
                     "vpc = dataclasses.replace(vpc, interface_endpoints=[endpoint])\n")),
        Misconception(
            key="nat", name="Added a NAT gateway",
            feedback=("A NAT gateway would reach Secrets Manager's public endpoint, but the "
                      "VPC already pays for an interface endpoint that should answer: the "
                      "endpoint is not used because its private DNS is not in effect. Fix the "
                      "DNS attributes and keep the VPC without a NAT gateway."),
            example=(_START + "from lambdanet_edu import starter_vpc\n"
                     "vpc = dataclasses.replace(vpc, nat_gateways=starter_vpc().nat_gateways,\n"
                     "                          route_tables=starter_vpc().route_tables)\n")),
        Misconception(
            key="still_blocked", name="Still times out",
            feedback=("The function still cannot reach Secrets Manager. Read the hop that "
                      "stops it in the model's explanation."),
            example=_START),
    ),
    success=("With both DNS attributes on, the endpoint's private DNS answers for Secrets "
             "Manager's usual name with the endpoint's private addresses, the local route "
             "carries the request, and no NAT gateway is needed."),
)
