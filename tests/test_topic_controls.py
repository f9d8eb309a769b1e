"""The issue-17 sections of the Egress and Scaling pages: exercises, page values and pictures.

Each expectation is computed here from the model's public functions or from the facts, so the
pages, the exercises and the model cannot drift apart.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import product

import pytest

import lambdanet_edu as ln
from lambdanet_edu.course.grading import grade
from lambdanet_edu.course.topics.egress import page as egress_page
from lambdanet_edu.course.topics.egress.cheapest_egress import (
    CHEAPEST_EGRESS,
    WORKLOAD,
    cheapest_design,
)
from lambdanet_edu.course.topics.egress.ipv6_internet import (
    IPV6_INTERNET,
    STILL_FAILING,
    ipv6_deployment,
)
from lambdanet_edu.course.topics.scaling import page as scaling_page
from lambdanet_edu.course.topics.scaling.protect_database import (
    DB_LIMIT,
    PROTECT_DATABASE,
    SURGE,
    SURGE_SECONDS,
)
from lambdanet_edu.facts import FACTS
from lambdanet_edu.pictures import db_controls_chart, egress_cost_chart


def test_ipv6_success_text_matches_the_model() -> None:
    vpc, fn = ipv6_deployment()
    assert ln.can_reach(vpc, fn, "internet6").reachable
    for destination in STILL_FAILING:
        assert not ln.can_reach(vpc, fn, destination).reachable
        assert f'"{destination}"' in IPV6_INTERNET.success


def test_cheapest_design_is_the_cheapest_by_hand() -> None:
    """Price every design with the facts directly, not with egress_cost."""
    price = {k: FACTS[k].value for k in FACTS}
    hours, azs = price["hours_per_month"], WORKLOAD["availability_zones"]
    totals = {}
    for nat, gw, ie in product((False, True), repeat=3):
        through_nat = ((0 if gw else WORKLOAD["s3_gb"]) + (0 if ie else WORKLOAD["services_gb"])
                       + WORKLOAD["internet_gb"])
        if not nat:
            continue  # the IPv4-only API needs the NAT gateways
        total = (azs * hours * price["nat_gateway_usd_per_hour"]
                 + through_nat * price["nat_gateway_usd_per_gb"])
        if ie:
            total += (azs * hours * price["interface_endpoint_usd_per_az_hour"]
                      + WORKLOAD["services_gb"] * price["interface_endpoint_usd_per_gb"])
        totals[(nat, gw, ie)] = total
    best = min(totals, key=totals.__getitem__)
    assert best == tuple(cheapest_design().values())


@pytest.mark.parametrize(("code", "status", "key"), [
    ("design = {'nat': True, 'gateway_endpoints': True}\n", "passed", None),
    ("design = {'gateway_endpoints': True}\n", "passed", None),  # nat is on by default
    ("design = {'nat': False}\n", "misconception", "unreachable"),
    ("design = {'nat': True, 'interface_endpoints': True}\n", "misconception", "s3_through_nat"),
    ("design = 'nat'\n", "misconception", "still_pricier"),
    ("design = {'nat': True, 'typo': True}\n", "misconception", "still_pricier"),
])
def test_cheapest_egress_table(code: str, status: str, key: str | None) -> None:
    feedback = grade(CHEAPEST_EGRESS, code)
    assert (feedback.status, feedback.misconception) == (status, key)


_RUN = f"from lambdanet_edu import SqsEventSource, function_run\nrun = function_run({SURGE}, " \
       f"seconds={SURGE_SECONDS}"


@pytest.mark.parametrize(("controls", "status", "key"), [
    (", event_source=SqsEventSource(maximum_concurrency=60))", "passed", None),
    (", event_source=SqsEventSource(maximum_concurrency=61))", "misconception", "no_control"),
    (", event_source=SqsEventSource(maximum_concurrency=20), reserved_concurrency=20)", "passed",
     None),
    (", reserved_concurrency=60)", "misconception", "reserved_throttles"),
    (", provisioned_concurrency=40)", "misconception", "provisioned_holds"),
    (")", "misconception", "no_control"),
])
def test_protect_database_table(controls: str, status: str, key: str | None) -> None:
    feedback = grade(PROTECT_DATABASE, _RUN + controls + "\n")
    assert (feedback.status, feedback.misconception) == (status, key)


def test_protect_database_refuses_another_surge() -> None:
    code = ("from lambdanet_edu import function_run\nrun = function_run(10, seconds="
            f"{SURGE_SECONDS})\n")
    assert grade(PROTECT_DATABASE, code).misconception == "no_control"


def test_ipv6_table_quotes_the_model() -> None:
    vpc, fn = ipv6_deployment()
    rows = egress_page.ipv6_table().splitlines()[2:]
    for row, dest in zip(rows, egress_page.IPV6_DESTINATIONS, strict=True):
        reached = ln.can_reach(vpc, fn, dest).reachable
        assert row.split("|")[2].strip().startswith("reachable" if reached else "blocked")


def test_cost_table_quotes_the_model() -> None:
    rows = egress_page.cost_table().splitlines()[2:]
    for row, (_, design) in zip(rows, egress_page.COST_DESIGNS, strict=True):
        total = Decimal(row.split("|")[2].strip())
        assert total == ln.egress_cost(**WORKLOAD, **design).total_usd  # type: ignore[arg-type]


def test_price_list_names_region_and_day() -> None:
    text = egress_page.price_list()
    assert "us-east-1" in text and FACTS["pricing_region"].checked in text
    assert "change and differ between Regions" in text


def test_controls_table_quotes_the_model() -> None:
    rows = scaling_page.controls_table().splitlines()[2:]
    sqs = ln.function_run(SURGE, seconds=SURGE_SECONDS,
                          event_source=ln.SqsEventSource(maximum_concurrency=50))
    assert rows[-2] == (f"| SQS queue, maximum concurrency 50 | {sqs.peak_environments()} | 0 | 0 "
                        f"| {max(sqs.queued['']):,} |")
    reserved = ln.function_run(SURGE, seconds=SURGE_SECONDS, reserved_concurrency=50)
    assert f"| {sum(reserved.throttled['']):,} |" in rows[1]
    assert f"allows {DB_LIMIT}" in scaling_page.controls_table()


def test_cost_chart_marks_where_the_endpoint_pays_off() -> None:
    svg = egress_page.cost_chart()
    mark = float(re.search(r'data-x="([0-9.]+)"', svg).group(1))  # type: ignore[union-attr]
    fixed = {k: v for k, v in WORKLOAD.items() if k != "services_gb"}
    nat = ln.egress_cost(**fixed, services_gb=mark, gateway_endpoints=True)  # type: ignore[arg-type]
    endpoint = ln.egress_cost(**fixed, services_gb=mark, gateway_endpoints=True,  # type: ignore[arg-type]
                              interface_endpoints=True)
    assert endpoint.total_usd < nat.total_usd


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"max_gb": 0}, "max_gb must be an integer from 1"),
    ({"max_gb": 10, "traffic": "gb"}, "traffic must be"),
    ({"max_gb": 10, "designs": []}, "designs must be 1 to 3"),
    ({"max_gb": 10, "designs": [("none", {"nat": False})]}, "a design that reaches every"),
])
def test_egress_cost_chart_refuses(kwargs: dict[str, object], match: str) -> None:
    designs = kwargs.pop("designs", [("NAT", {})])
    with pytest.raises(ln.LambdaNetError, match=match):
        egress_cost_chart(designs, **kwargs)  # type: ignore[arg-type]


def test_db_controls_chart_describes_each_control() -> None:
    svg = db_controls_chart(400, max_connections=60, seconds=20, reserved=50, sqs_maximum=50)
    assert "refuses 340" in svg and "throttled" in svg and "none is throttled" in svg
    assert svg.count("<polyline") >= 3
