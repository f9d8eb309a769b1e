"""What egress costs a month: NAT gateways, interface endpoints, gateway endpoints, IPv6.

:func:`egress_cost` prices one design for one workload with the prices in
:mod:`lambdanet_edu.facts`, all from one Region (us-east-1, US East (N. Virginia)) on the day
they were checked. Prices change and differ between Regions: every result names its Region and
that day, so read the numbers as a comparison between designs, not as a bill.

The arithmetic is a handful of multiplications, whatever the traffic: no loop per gigabyte.

Examples:
    >>> nat = egress_cost(s3_gb=1000, services_gb=100, internet_gb=100)
    >>> nat.total_usd, nat.region
    (Decimal('119.70'), 'us-east-1')
    >>> cheaper = egress_cost(s3_gb=1000, services_gb=100, internet_gb=100,
    ...                       gateway_endpoints=True)
    >>> cheaper.total_usd
    Decimal('74.70')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from lambdanet_edu._checks import check_int, check_number
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    EGRESS_ONLY_GATEWAY_USD,
    FACTS,
    GATEWAY_ENDPOINT_USD,
    HOURS_PER_MONTH,
    INTERFACE_ENDPOINT_USD_PER_AZ_HOUR,
    INTERFACE_ENDPOINT_USD_PER_GB,
    NAT_GATEWAY_USD_PER_GB,
    NAT_GATEWAY_USD_PER_HOUR,
    PRICING_REGION,
)
from lambdanet_edu.simplifications import Simplification, simplification

__all__ = ["REGION_NAME", "TRAFFIC_KINDS", "CostLine", "EgressCost", "egress_cost"]

#: The Region's name in words, for explanations.
REGION_NAME: Final = "US East (N. Virginia)"
#: The kinds of traffic a workload sends, as results name them.
TRAFFIC_KINDS: Final = ("S3/DynamoDB", "other AWS services", "the internet")

PRICES_ONE_REGION: Final = simplification(
    "cost_prices_one_region",
    f"Prices are list prices in {PRICING_REGION} on the day they were checked "
    f"({FACTS['nat_gateway_usd_per_hour'].checked}); they change and differ between Regions. "
    "Free tiers, savings plans and the cheaper per-GB tiers above 1 PB are ignored.")
NO_DATA_TRANSFER: Final = simplification(
    "cost_no_data_transfer",
    "Data transfer charges (to the internet, between Availability Zones) are left out: the "
    "comparison covers what NAT gateways and endpoints charge. Internet data transfer is "
    "billed the same whichever gateway carries it.")
ONE_PER_AZ: Final = simplification(
    "cost_one_per_az",
    "A design has one NAT gateway in each Availability Zone (as AWS recommends) and one "
    "interface endpoint per service with a network interface in each Availability Zone; each "
    "runs for the whole period.")


@dataclass(frozen=True, slots=True)
class CostLine:
    """One charge: what, how many units, the unit price, and the amount in USD.

    Examples:
        >>> egress_cost(internet_gb=10).lines[0]
        CostLine(item='NAT gateway hours (2 AZs)', quantity=Decimal('1460'), unit='hour',
        unit_usd=Decimal('0.045'), usd=Decimal('65.70'))
    """

    item: str
    quantity: Decimal
    unit: str
    unit_usd: Decimal
    usd: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class EgressCost:
    """What one egress design costs for one workload, and what it cannot reach.

    Attributes:
        region: The Region whose prices were used (``"us-east-1"``).
        region_name: The Region in words.
        prices_checked: The day the prices were read from AWS's pricing pages.
        lines: Each charge.
        total_usd: Their sum, rounded to the cent.
        unreachable: The kinds of traffic (with GB > 0) the design gives no way out.
        explanation: The result in a sentence or two, with the Region.
        assumptions: The simplifications the numbers rest on.

    Examples:
        >>> egress_cost(s3_gb=5, nat=False).unreachable
        ('S3/DynamoDB',)
    """

    region: str
    region_name: str
    prices_checked: str
    lines: tuple[CostLine, ...]
    total_usd: Decimal
    unreachable: tuple[str, ...]
    explanation: str
    assumptions: tuple[Simplification, ...]

    @property
    def reaches_everything(self) -> bool:
        """True when every kind of traffic the workload sends has a way out."""
        return not self.unreachable


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: Most GB a month the model prices: a bound of the model, not of AWS (an exabyte a month, far
#: past any workload the course draws), so every amount stays exact within Decimal's 28 digits
#: (10**4000 GB used to raise decimal.InvalidOperation when rounded to cents).
MAX_GB: Final = 10**9


def _gb(field: str, value: object) -> Decimal:
    number = check_number(field, value, allowed="a number of GB >= 0")
    if number > MAX_GB:
        raise LambdaNetError.invalid(field, value, f"at most {MAX_GB:,} GB a month")
    return Decimal(number.numerator) / Decimal(number.denominator)


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise LambdaNetError.invalid(field, value, "True or False")
    return value


def egress_cost(*, s3_gb: float = 0, services_gb: float = 0, internet_gb: float = 0,
                services: int = 1, availability_zones: int = 2,
                hours: int = HOURS_PER_MONTH, nat: bool = True,
                gateway_endpoints: bool = False, interface_endpoints: bool = False,
                ipv6_internet: bool = False) -> EgressCost:
    """The monthly cost of one egress design for a workload, in USD, with the Region named.

    Traffic to S3 and DynamoDB takes a gateway endpoint when there is one (free), else the NAT
    gateways. Traffic to other AWS services takes interface endpoints when there are some
    (billed per endpoint per AZ per hour and per GB), else the NAT gateways. Traffic to the
    internet takes an egress-only internet gateway when ``ipv6_internet`` (the API must
    answer over IPv6; the gateway is free), else the NAT gateways (hourly and per GB).

    Args:
        s3_gb: GB a month to S3 and DynamoDB.
        services_gb: GB a month to other AWS services (SQS, Secrets Manager, ...).
        internet_gb: GB a month to the internet.
        services: How many other AWS services the function calls (one interface endpoint each).
        availability_zones: Availability Zones the function's subnets span, 1 to 6.
        hours: Hours the design runs (default 730, a month).
        nat: One NAT gateway per Availability Zone.
        gateway_endpoints: Gateway endpoints for S3 and DynamoDB.
        interface_endpoints: Interface endpoints for the other AWS services.
        ipv6_internet: Reach the internet API over IPv6 through an egress-only internet
            gateway.

    Returns:
        An :class:`EgressCost`.

    Raises:
        LambdaNetError: A negative amount, a count out of range, or a flag that is not a bool.

    Examples:
        >>> cost = egress_cost(s3_gb=1000, services_gb=100, internet_gb=100, nat=False,
        ...                    gateway_endpoints=True, interface_endpoints=True,
        ...                    ipv6_internet=True)
        >>> cost.total_usd, cost.unreachable
        (Decimal('15.60'), ())
        >>> print(cost.explanation)
        In us-east-1 (US East (N. Virginia)), at prices checked on 2026-12-07, this design costs
        USD 15.60 for 730 hours and reaches everything the workload sends. Prices change and
        differ between Regions.
        >>> egress_cost(internet_gb=-1)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: internet_gb must be a number of GB >= 0, got -1
    """
    gb = {"S3/DynamoDB": _gb("s3_gb", s3_gb), "other AWS services": _gb("services_gb", services_gb),
          "the internet": _gb("internet_gb", internet_gb)}
    n_services = check_int("services", services, lo=0, hi=50)
    azs = check_int("availability_zones", availability_zones, lo=1, hi=6)
    run = Decimal(check_int("hours", hours, lo=0, hi=24 * 366))
    nat, gateway, interface, ipv6 = (_flag("nat", nat),
                                     _flag("gateway_endpoints", gateway_endpoints),
                                     _flag("interface_endpoints", interface_endpoints),
                                     _flag("ipv6_internet", ipv6_internet))
    lines: list[CostLine] = []

    def charge(item: str, quantity: Decimal, unit: str, price: Decimal) -> None:
        lines.append(CostLine(item, quantity, unit, price, _cents(quantity * price)))

    carried = {"S3/DynamoDB": gateway or nat,
               "other AWS services": (interface and n_services > 0) or nat,
               "the internet": ipv6 or nat}
    through_nat = ((Decimal(0) if gateway else gb["S3/DynamoDB"])
                   + (Decimal(0) if interface and n_services else gb["other AWS services"])
                   + (Decimal(0) if ipv6 else gb["the internet"]))
    if nat:
        charge(f"NAT gateway hours ({azs} AZs)", run * azs, "hour", NAT_GATEWAY_USD_PER_HOUR)
        charge("NAT gateway data processed", through_nat, "GB", NAT_GATEWAY_USD_PER_GB)
    if gateway:
        charge("gateway endpoints (S3, DynamoDB)", gb["S3/DynamoDB"], "GB", GATEWAY_ENDPOINT_USD)
    if interface and n_services:
        charge(f"interface endpoint hours ({n_services} services x {azs} AZs)",
               run * n_services * azs, "hour", INTERFACE_ENDPOINT_USD_PER_AZ_HOUR)
        charge("interface endpoint data processed", gb["other AWS services"], "GB",
               INTERFACE_ENDPOINT_USD_PER_GB)
    if ipv6:
        charge("egress-only internet gateway", gb["the internet"], "GB", EGRESS_ONLY_GATEWAY_USD)
    unreachable = tuple(k for k in TRAFFIC_KINDS if gb[k] > 0 and not carried[k])
    total = _cents(sum((line.usd for line in lines), Decimal(0)))
    checked = FACTS["nat_gateway_usd_per_hour"].checked
    reach = ("reaches everything the workload sends" if not unreachable
             else f"gives no way out to {' or '.join(unreachable)}")
    explanation = (f"In {PRICING_REGION} ({REGION_NAME}), at prices checked on {checked}, this "
                   f"design costs USD {total} for {run} hours and {reach}. Prices change and "
                   "differ between Regions.")
    return EgressCost(region=PRICING_REGION, region_name=REGION_NAME, prices_checked=checked,
                      lines=tuple(lines), total_usd=total, unreachable=unreachable,
                      explanation=explanation,
                      assumptions=(PRICES_ONE_REGION, NO_DATA_TRANSFER, ONE_PER_AZ))
