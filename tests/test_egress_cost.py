"""egress_cost: each design's charges, what it cannot reach, and the Region it is priced in."""

from __future__ import annotations

from decimal import Decimal

import pytest

import lambdanet_edu as ln

WORKLOAD = {"s3_gb": 1000, "services_gb": 100, "internet_gb": 100}


@pytest.mark.parametrize(("design", "total", "unreachable"), [
    ({}, "119.70", ()),  # 2 x 730 x 0.045 + 1,200 GB x 0.045
    ({"gateway_endpoints": True}, "74.70", ()),
    ({"gateway_endpoints": True, "interface_endpoints": True}, "85.80", ()),
    ({"gateway_endpoints": True, "ipv6_internet": True}, "70.20", ()),
    ({"nat": False, "gateway_endpoints": True, "interface_endpoints": True,
      "ipv6_internet": True}, "15.60", ()),
    ({"nat": False}, "0.00", ("S3/DynamoDB", "other AWS services", "the internet")),
    ({"nat": False, "gateway_endpoints": True, "interface_endpoints": True}, "15.60",
     ("the internet",)),
])
def test_designs(design: dict[str, bool], total: str, unreachable: tuple[str, ...]) -> None:
    cost = ln.egress_cost(**WORKLOAD, **design)
    assert cost.total_usd == Decimal(total)
    assert cost.unreachable == unreachable
    assert cost.reaches_everything is (not unreachable)


def test_every_result_names_the_region_and_the_day() -> None:
    cost = ln.egress_cost(**WORKLOAD)
    assert (cost.region, cost.region_name, cost.prices_checked) == (
        "us-east-1", "US East (N. Virginia)", "2026-12-07")
    assert "us-east-1" in cost.explanation
    assert "Prices change and differ between Regions" in cost.explanation
    assert "cost_prices_one_region" in [a.key for a in cost.assumptions]


def test_lines_add_up() -> None:
    cost = ln.egress_cost(**WORKLOAD, gateway_endpoints=True, interface_endpoints=True,
                          services=3, availability_zones=3)
    assert sum(line.usd for line in cost.lines) == cost.total_usd
    hours = next(line for line in cost.lines if line.item.startswith("interface endpoint hours"))
    assert hours.quantity == 730 * 3 * 3


def test_zero_services_means_no_interface_endpoint_charge() -> None:
    cost = ln.egress_cost(s3_gb=1, services=0, interface_endpoints=True, nat=False,
                          gateway_endpoints=True)
    assert cost.total_usd == 0
    assert cost.unreachable == ()


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"s3_gb": -1}, "s3_gb must be a number of GB >= 0"),
    ({"internet_gb": "10"}, "internet_gb must be a number of GB >= 0"),
    ({"services_gb": float("nan")}, "services_gb must be a number of GB >= 0"),
    ({"availability_zones": 0}, "availability_zones must be an integer from 1 to 6"),
    ({"services": -1}, "services must be an integer from 0 to 50"),
    ({"hours": 1.5}, "hours must be an integer"),
    ({"nat": "yes"}, "nat must be True or False"),
    ({"ipv6_internet": 1}, "ipv6_internet must be True or False"),
])
def test_bad_input(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=match):
        ln.egress_cost(**kwargs)  # type: ignore[arg-type]


def test_prices_are_facts_with_sources() -> None:
    for name in ("nat_gateway_usd_per_hour", "nat_gateway_usd_per_gb",
                 "interface_endpoint_usd_per_az_hour", "interface_endpoint_usd_per_gb",
                 "gateway_endpoint_usd", "egress_only_gateway_usd", "pricing_region"):
        fact = ln.fact(name)
        assert fact.checked == "2026-12-07"
        assert fact.source.url.startswith("https://")
