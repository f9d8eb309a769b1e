"""The exercise ``cheapest-egress``: the cheapest design that still reaches S3, SQS and an API.

The workload is fixed; the learner chooses the design (which of NAT gateways, gateway
endpoints, interface endpoints and an egress-only gateway), and
:func:`~lambdanet_edu.egress.egress_cost` prices it. The cheapest design is found by pricing
every design, so the answer follows the prices in :mod:`lambdanet_edu.facts`.

Examples:
    >>> cheapest_design()
    {'nat': True, 'gateway_endpoints': True, 'interface_endpoints': False}
    >>> design_cost(cheapest_design()).total_usd
    Decimal('68.85')
"""

from __future__ import annotations

from itertools import product
from typing import Any, Final

from lambdanet_edu import EgressCost, egress_cost
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.errors import LambdaNetError

__all__ = ["CHEAPEST_EGRESS", "DESIGN_KEYS", "WORKLOAD", "cheapest_design", "design_cost"]

#: GB a month: S3 objects, SQS messages, and calls to one internet API (IPv4 only).
WORKLOAD: Final = {"s3_gb": 2000, "services_gb": 50, "internet_gb": 20, "services": 1,
                   "availability_zones": 2}
#: The choices a design makes.
DESIGN_KEYS: Final = ("nat", "gateway_endpoints", "interface_endpoints")


def design_cost(design: dict[str, bool]) -> EgressCost:
    """The workload's monthly cost with ``design`` (keys from :data:`DESIGN_KEYS`, and
    ``ipv6_internet``).

    Examples:
        >>> design_cost({"nat": True}).total_usd
        Decimal('158.85')
    """
    return egress_cost(**WORKLOAD, **design)  # type: ignore[arg-type]


def cheapest_design() -> dict[str, bool]:
    """The cheapest design that reaches everything, found by pricing all eight.

    Examples:
        >>> cheapest_design()["gateway_endpoints"]
        True
    """
    designs = [dict(zip(DESIGN_KEYS, flags, strict=True))
               for flags in product((False, True), repeat=len(DESIGN_KEYS))]
    working = [d for d in designs if design_cost(d).reaches_everything]
    return min(working, key=lambda d: (design_cost(d).total_usd, sum(d.values())))


def _judge(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    if not isinstance(got, dict) or not set(got) <= {*DESIGN_KEYS, "ipv6_internet"}:
        listed = ", ".join(repr(k) for k in DESIGN_KEYS)
        text = repr(got)
        return "still_pricier", (f"design must be a dict with keys from {listed}, got "
                                 f"{text if len(text) <= 80 else text[:77] + '...'}.")
    try:
        # The API has only an IPv4 address: an egress-only gateway carries nothing to it.
        cost = design_cost({**got, "ipv6_internet": False})
    except LambdaNetError as err:
        return "still_pricier", f"The model could not price it: {err}."
    if not cost.reaches_everything:
        ipv6 = (" The API has only an IPv4 address, so an egress-only internet gateway cannot "
                "reach it." if got.get("ipv6_internet") else "")
        return "unreachable", f"The model says: {cost.explanation}{ipv6}"
    best = design_cost(cheapest_design())
    if cost.total_usd <= best.total_usd and not got.get("ipv6_internet"):
        return None
    detail = (f"The model says: {cost.explanation} The cheapest design that reaches all three "
              f"costs USD {best.total_usd}." + (
                  " The API has only an IPv4 address, so an egress-only internet gateway "
                  "carries nothing here." if got.get("ipv6_internet") else ""))
    if not got.get("gateway_endpoints"):
        return "s3_through_nat", detail
    if got.get("interface_endpoints"):
        return "endpoint_not_worth", detail
    return "still_pricier", detail


_START = ("from lambdanet_edu import egress_cost\n\n"
          "# The workload, per month (us-east-1 prices): 2,000 GB to S3, 50 GB to SQS, 20 GB to\n"
          "# an internet API that has only an IPv4 address; subnets in 2 Availability Zones.\n"
          "def price(design):\n"
          "    return egress_cost(s3_gb=2000, services_gb=50, internet_gb=20, services=1,\n"
          "                       availability_zones=2, **design)\n\n"
          "print(price({\"nat\": True}).total_usd)\n\n")


def _design(**flags: bool) -> str:
    body = ", ".join(f'"{k}": {v}' for k, v in flags.items())
    return f"design = {{{body}}}\n"


CHEAPEST_EGRESS = Exercise(
    id="cheapest-egress",
    title="The cheapest way out that still reaches everything",
    kind="value",
    entry="design",
    statement=(
        "`orders` reads 2,000 GB a month from S3, sends 50 GB to SQS and 20 GB to one "
        "internet API, which has only an IPv4 address. Its subnets span 2 Availability "
        "Zones.\n\n"
        "Choose a design and assign it to `design`, a dict of `egress_cost` switches: `nat` "
        "(a NAT gateway per Availability Zone; on unless you set it to `False`), "
        "`gateway_endpoints` (S3 and DynamoDB), "
        "`interface_endpoints` (one per other AWS service and Availability Zone) and "
        "`ipv6_internet` (an egress-only internet gateway). It must reach S3, SQS and the "
        "API, and cost the least a month at the model's prices. Use `price(...)` to compare "
        "designs. The prices are us-east-1's on the day they were checked; they change and "
        "differ between Regions."),
    starter=_START + "design = {\"nat\": True}\n",
    solution=(_START + "# S3 through the free gateway endpoint; SQS and the IPv4-only API share\n"
              "# the NAT gateways, which the API needs anyway.\n"
              + _design(nat=True, gateway_endpoints=True)),
    hints=(
        "Something must carry IPv4 traffic to the internet API, whatever else you choose.",
        "Compare what the NAT gateways charge per GB with what a gateway endpoint charges.",
        "An interface endpoint for SQS has an hourly charge in each Availability Zone: at "
        "50 GB a month, does its lower per-GB price pay that back?",
    ),
    cases=(Case(label="your design"),),
    judge=_judge,
    misconceptions=(
        Misconception(
            key="s3_through_nat", name="Sent S3 traffic through the NAT gateways",
            feedback=("Every GB to S3 that crosses a NAT gateway pays its per-GB charge. A "
                      "gateway endpoint for S3 is free and takes that traffic off the NAT "
                      "gateways."),
            example=_START + _design(nat=True)),
        Misconception(
            key="endpoint_not_worth", name="Added an interface endpoint that costs more than "
                                           "it saves",
            feedback=("An interface endpoint is billed per hour in each Availability Zone even "
                      "when idle. For 50 GB a month its lower per-GB price does not pay that "
                      "back, and the NAT gateways stay for the API anyway."),
            example=_START + _design(nat=True, gateway_endpoints=True, interface_endpoints=True)),
        Misconception(
            key="unreachable", name="Left something without a way out",
            feedback=("Without NAT gateways, IPv4 traffic to the internet has no way out (an "
                      "egress-only internet gateway carries IPv6 only, and this API has only an "
                      "IPv4 address), and neither has anything without an endpoint. The "
                      "cheapest design must still reach all three."),
            example=_START + _design(nat=False, gateway_endpoints=True,
                                     interface_endpoints=True, ipv6_internet=True)),
        Misconception(
            key="still_pricier", name="Not the simplest cheapest design",
            feedback=("This design works, but switch off what carries nothing or costs more "
                      "than it saves."),
            example=_START + _design(nat=True, gateway_endpoints=True, ipv6_internet=True)),
    ),
    success=("The NAT gateways stay, because the API has only an IPv4 address, but S3's "
             "2,000 GB go through the free gateway endpoint instead of paying the NAT "
             "gateways' per-GB charge. An interface endpoint for SQS would cost more in hourly "
             "charges than it saves at 50 GB a month. The prices are us-east-1's; the "
             "comparison, not the amount, is the lesson."),
)
