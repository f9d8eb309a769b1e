"""Pictures: well-formed, accessible SVG whose contents are the model's own numbers."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

import lambdanet_edu as ln
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.pictures import (
    db_connections_chart,
    ip_usage_chart,
    scaling_chart,
    text_card,
    topology_diagram,
)
from lambdanet_edu.pictures.plot import line_chart
from lambdanet_edu.scaling.timeline import simulate_concurrency

NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
PRIVATE = ["subnet-private-a", "subnet-private-b"]


def parse(svg: str) -> ET.Element:
    """The SVG's root, after checking what every picture must have."""
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img" and root.get("viewBox")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None and title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), ids
    style = root.find(f"{NS}style")
    # Scoped: every selector names the picture's root class, so no rule reaches the page.
    selectors = [s for head in re.findall(r"([^{}]+)\{", style.text) if not head.startswith("@")
                 for s in head.split(",")]
    assert selectors and all(".ln-pic" in s for s in selectors), selectors
    return root


def words(root: ET.Element) -> str:
    """Every drawn text, in document order, with whitespace normalised."""
    return " ".join(" ".join("".join(t.itertext()) for t in root.iter(f"{NS}text")).split())


def orders(subnets: list[str] = PRIVATE,
           groups: tuple[str, ...] = ("sg-lambda",)) -> ln.LambdaFunction:
    return ln.LambdaFunction("orders", subnets, list(groups))


def example_vpc() -> ln.Vpc:
    return ln.Vpc("vpc-x", "10.0.0.0/16",
                  subnets=[ln.Subnet("subnet-a", "10.0.1.0/24", availability_zone="eu-west-1a"),
                           ln.Subnet("subnet-b", "10.0.2.0/24", availability_zone="eu-west-1b"),
                           ln.Subnet("subnet-c", "10.0.3.0/24", availability_zone="eu-west-1a")],
                  security_groups=[ln.SecurityGroup("sg-app"), ln.SecurityGroup("sg-db")])


def example_functions() -> list[ln.LambdaFunction]:
    first = ln.LambdaFunction("orders", ["subnet-a", "subnet-b"], ["sg-app"]).publish()
    return [dataclasses.replace(first, security_group_ids=["sg-db", "sg-app"]),
            ln.LambdaFunction("billing", ["subnet-a", "subnet-b"], ["sg-app"]),
            ln.LambdaFunction("reports", ["subnet-c"], ["sg-app", "sg-db"])]


PICTURES: dict[str, Callable[[str], str]] = {
    "topology": lambda i: topology_diagram(example_vpc(), example_functions(), id=i),
    "topology-verdict": lambda i: topology_diagram(
        ln.starter_vpc(nat=False), [orders()],
        verdict=ln.can_reach(ln.starter_vpc(nat=False), orders(), "internet"), id=i),
    "ip-usage": lambda i: ip_usage_chart(
        [ln.Subnet("subnet-a", "10.0.0.0/24")],
        [ln.LambdaFunction("api", ["subnet-a"], ["sg"], memory_mb=1536)],
        max_concurrency=1200, id=i),
    "scaling": lambda i: scaling_chart(6000, seconds=400, account_limit=10_000, id=i),
    "db": lambda i: db_connections_chart(3000, max_connections=450, seconds=40,
                                         account_limit=10_000, active_fraction=0.05, id=i),
    "card": lambda i: text_card("Quiz", ["Which hop stops it?", "Pick one."], id=i),
}


@pytest.mark.parametrize("name", PICTURES)
def test_every_picture_is_small_accessible_svg_and_ids_follow_the_prefix(name: str) -> None:
    svg = PICTURES[name]("pic-one")
    root = parse(svg)
    assert {e.get("id") for e in root.iter() if e.get("id")} == {"pic-one-title", "pic-one-desc"}
    assert len(svg.encode()) < 12_000
    assert svg == PICTURES[name]("pic-one"), "the same input must give the same bytes"
    other = parse(PICTURES[name]("pic-two"))
    assert not ({e.get("id") for e in root.iter()} & {e.get("id") for e in other.iter()} - {None})


def test_output_is_the_same_whatever_the_hash_seed() -> None:
    code = ("import lambdanet_edu.pictures as p, tests.test_pictures as t;"
            "print(p.topology_diagram(t.example_vpc(), t.example_functions()))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1


@pytest.mark.parametrize(("vpc", "functions"), [
    (example_vpc(), example_functions()),
    (ln.starter_vpc(), [orders(), dataclasses.replace(
        orders(["subnet-private-a"], ("sg-lambda", "sg-db")), name="billing")]),
    (ln.starter_vpc(), [orders(["subnet-public-a"])]),
], ids=["versions-and-sets", "starter-two-sets", "one-eni"])
def test_one_eni_box_per_subnet_and_security_group_set(vpc: ln.Vpc,
                                                       functions: list[ln.LambdaFunction]) -> None:
    root = parse(topology_diagram(vpc, functions))
    boxes = [e.get("data-eni") for e in root.iter(f"{NS}rect") if e.get("data-eni")]
    enis = ln.hyperplane_enis(functions)
    assert sorted(boxes) == sorted(f"{e.subnet_id}|{','.join(sorted(e.security_group_ids))}"
                                   for e in enis)
    text = words(root)
    for eni in enis:
        assert f"used by: {', '.join(eni.used_by)}" in text
    assert "Lambda-owned VPC" in text and f"Your VPC {vpc.vpc_id}" in text
    assert {e.get("data-subnet") for e in root.iter(f"{NS}rect") if e.get("data-subnet")} == \
        {s.subnet_id for s in vpc.subnets}


BLOCKED = [
    (ln.starter_vpc(nat=False), orders(), "internet"),
    (ln.starter_vpc(), orders(["subnet-public-a"]), "internet"),
    (ln.starter_vpc(nat=False), orders(["subnet-private-a"]), "s3"),
    (ln.starter_vpc(), ln.LambdaFunction("orders", PRIVATE, ["sg-db"]), "10.0.2.15:5432"),
]


@pytest.mark.parametrize(("vpc", "fn", "where"), BLOCKED, ids=lambda v: str(v)[:20])
def test_a_blocked_verdict_names_the_hop_and_its_reason_in_words(vpc: ln.Vpc, fn: ln.LambdaFunction,
                                                                 where: str) -> None:
    verdict = ln.can_reach(vpc, fn, where)
    hop = verdict.blocked_at
    assert hop is not None
    root = parse(topology_diagram(vpc, [fn], verdict=verdict))
    text = words(root)
    blocked = f"✗ blocked at {hop.component} {hop.component_id}: {hop.detail}"
    assert " ".join(blocked.split()) in text
    hops = [e.get("data-hop") for e in root.iter(f"{NS}rect") if e.get("data-hop")]
    shown = next(p for p in verdict.paths if not p.reachable)
    assert hops == [f"{h.component}|{h.component_id}" for h in shown.hops]
    assert any("ln-pic__path--blocked" in (e.get("class") or "") for e in root.iter(f"{NS}path"))
    assert verdict.explanation in root.find(f"{NS}desc").text


def test_a_reachable_verdict_draws_every_hop_and_no_block() -> None:
    verdict = ln.can_reach(ln.starter_vpc(), orders(), "internet")
    root = parse(topology_diagram(ln.starter_vpc(), [orders()], verdict=verdict))
    hops = [e.get("data-hop") for e in root.iter(f"{NS}rect") if e.get("data-hop")]
    # The request's checks, its arrival, then the checks on the replies coming back.
    gateway = [h.component for h in verdict.hops].index("internet gateway")
    request, replies = verdict.hops[:gateway + 1], verdict.hops[gateway + 1:]
    assert [h.component for h in replies] == ["network ACL"] * 3
    assert hops == [f"{h.component}|{h.component_id}" for h in request] + \
        [f"arrives at|{verdict.destination.label}"] + \
        [f"{h.component}|{h.component_id}" for h in replies]
    text = words(root)
    assert text.count("✓ reply: network ACL") == len(replies)
    assert "✗" not in text and "blocked" not in text


@pytest.mark.parametrize("zone", [None, "eu-west-1a"])
def test_a_subnet_without_an_availability_zone_shows_no_zone_label(zone: str | None) -> None:
    subnets = [dataclasses.replace(s, availability_zone=zone) for s in ln.starter_vpc().subnets]
    vpc = dataclasses.replace(ln.starter_vpc(), subnets=subnets)
    svg = topology_diagram(vpc, [orders()], verdict=ln.can_reach(vpc, orders(), "internet"))
    assert "not given" not in svg
    assert ("AZ eu-west-1a" in words(parse(svg))) == (zone is not None)


def lines_of(root: ET.Element) -> dict[str, list[tuple[float, float]]]:
    """Each line's values and its drawn points, checked to be one linear scale apart."""
    found = {}
    for line in root.iter(f"{NS}polyline"):
        values = [tuple(map(float, p.split(","))) for p in line.get("data-values").split()]
        drawn = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        assert len(values) == len(drawn)
        found[line.get("data-series")] = (values, drawn)
    # One scale for the whole chart: fit it on the extremes, check every point against it.
    every = [pair for values, drawn in found.values() for pair in zip(values, drawn, strict=True)]
    (x0, y0), (p0, q0) = min(every, key=lambda v: (v[0][0], v[0][1]))
    (x1, y1), (p1, q1) = max(every, key=lambda v: (v[0][0], v[0][1]))
    for (x, y), (px, py) in every:
        if x1 != x0:
            assert px == pytest.approx(p0 + (p1 - p0) * (x - x0) / (x1 - x0), abs=0.02)
        if y1 != y0:
            assert py == pytest.approx(q0 + (q1 - q0) * (y - y0) / (y1 - y0), abs=0.02)
    return {name: values for name, (values, _) in found.items()}


def at(values: list[tuple[float, float]], x: float) -> float:
    """The line's height at ``x`` (it runs straight between the points kept)."""
    for (xa, ya), (xb, yb) in pairwise(values):
        if xa <= x <= xb:
            return ya + (yb - ya) * (x - xa) / (xb - xa)
    assert len(values) == 1 and values[0][0] == x
    return values[0][1]


@pytest.mark.parametrize(("cidr", "memory_mb", "top"), [
    ("10.0.0.0/24", 1536, 1200), ("10.0.0.0/28", 3008, 50), ("10.0.0.0/22", 128, 300),
])
def test_ip_chart_plots_the_models_addresses_and_marks_where_the_old_rule_runs_out(
        cidr: str, memory_mb: int, top: int) -> None:
    subnets = [ln.Subnet("subnet-a", cidr)]
    fns = [ln.LambdaFunction("api", ["subnet-a"], ["sg"], memory_mb=memory_mb)]
    root = parse(ip_usage_chart(subnets, fns, {"subnet-a": 1}, max_concurrency=top))
    lines = lines_of(root)

    def legacy(peak: int) -> ln.SubnetUsage:
        return ln.ip_usage(subnets, fns, {"subnet-a": 1}, model="legacy",
                           peak_concurrency=peak)["subnet-a"]

    today = ln.ip_usage(subnets, fns, {"subnet-a": 1})["subnet-a"]
    for peak in range(0, top + 1, max(1, top // 40)):
        assert at(lines["pre-2019 rule"], peak) == pytest.approx(legacy(peak).used, abs=1)
        assert at(lines["Hyperplane (today)"], peak) == today.used
    limit = next(e for e in root.iter(f"{NS}path") if "ln-pic__limit" in (e.get("class") or ""))
    assert float(limit.get("data-y")) == today.usable
    marked = list(root.iter(f"{NS}circle"))
    # Running out means needing more addresses than the subnet has (issue 16: one definition,
    # the one the page's prose uses), not taking the last one.
    crossing = next((p for p in range(top + 1) if legacy(p).shortfall > 0), None)
    if crossing is None:
        assert marked == []
    else:
        (circle,) = marked
        assert (float(circle.get("data-x")), float(circle.get("data-y"))) == \
            (crossing, legacy(crossing).used)
        assert f"runs out at {crossing:,}" in words(root)


@pytest.mark.parametrize(("demand", "seconds", "limit"), [
    (6000, 400, 10_000), (2500, 31, 3000), ([0, 500, 4000, 4000, 100, 0], None, 10_000),
])
def test_scaling_chart_plots_the_models_timelines(demand: object, seconds: int | None,
                                                  limit: int) -> None:
    lines = lines_of(parse(scaling_chart(demand, seconds=seconds, account_limit=limit)))
    # The old rule's line names the Region whose burst it uses (us-east-1's by default).
    for rule, name in (("2023", "today (2023 rule)"), ("pre-2023", "pre-2023, us-east-1")):
        timeline = ln.concurrency_timeline(demand, seconds=seconds, account_limit=limit,
                                           scaling=rule)
        assert [at(lines[name], s) for s, _ in timeline] == [c for _, c in timeline]
    run = simulate_concurrency({"f": demand}, seconds=seconds, account_limit=limit)
    assert [at(lines["demand"], s) for s in range(run.seconds)] == list(run.demand["f"])


@pytest.mark.parametrize(("burst", "name", "said"), [
    (None, "pre-2023, us-east-1", "us-east-1's initial burst of 3,000"),
    ("eu-central-1", "pre-2023, eu-central-1", "eu-central-1's initial burst of 1,000"),
    ("eu-west-3", "pre-2023, eu-west-3", "eu-west-3's initial burst of 500"),
    (1000, "pre-2023, burst 1,000", "the initial burst of 1,000 (ap-northeast-1, "),
    (500, "pre-2023, burst 500", "the initial burst of 500 ("),
])
def test_scaling_chart_says_which_regions_burst_the_old_rule_uses(burst: object, name: str,
                                                                  said: str) -> None:
    root = parse(scaling_chart(6000, seconds=120, account_limit=10_000, initial_burst=burst))
    lines = lines_of(root)
    timeline = ln.concurrency_timeline(6000, seconds=120, account_limit=10_000,
                                       scaling="pre-2023", initial_burst=burst)
    assert [at(lines[name], s) for s, _ in timeline] == [c for _, c in timeline]
    assert said in root.find(f"{NS}desc").text
    assert name in words(root)


@pytest.mark.parametrize(("demand", "max_connections", "active", "pool"), [
    (3000, 450, 0.05, 1), (800, 60, 1, 1), (1500, 200, 0.25, 5),
])
def test_db_chart_plots_the_models_connections(demand: int, max_connections: int, active: float,
                                               pool: int) -> None:
    root = parse(db_connections_chart(demand, max_connections=max_connections, seconds=30,
                                      account_limit=10_000, active_fraction=active,
                                      connections_per_client=pool))
    lines = lines_of(root)
    for second, clients in ln.concurrency_timeline(demand, seconds=30, account_limit=10_000):
        direct = ln.db_connections(clients, connections_per_client=pool,
                                   max_connections=max_connections)
        pooled = ln.db_connections(clients, connections_per_client=pool,
                                   max_connections=max_connections, proxy=ln.RdsProxy(),
                                   active_fraction=active)
        assert at(lines["open, no proxy"], second) == direct.open
        assert at(lines["requested"], second) == direct.requested
        assert at(lines["open, RDS Proxy"], second) == pooled.open
    assert direct.explanation in root.find(f"{NS}desc").text


@pytest.mark.parametrize(("draw", "message"), [
    (lambda: text_card("t", ["a"], id="1card"), r"^id must be a letter followed by .*, got "
                                                r"'1card'$"),
    (lambda: text_card("t", ["a"], id="a b"), r"^id must be a letter .*, got 'a b'$"),
    (lambda: text_card("t", ["a"], id=None), r"^id must be a letter .*, got None$"),
    (lambda: text_card("t", "a line", id="c"), r"^lines must be a list of up to 12 strings, got 'a "
                                               r"line'$"),
    (lambda: text_card("t", [1], id="c"), r"^lines must be a list of up to 12 strings, got \[1\]$"),
    (lambda: text_card("t", ["x"] * 13, id="c"), r"^lines must be a list of up to 12 strings, got "
                                                 r"\[.*\]$"),
    (lambda: text_card(None, ["a"], id="c"), r"^title must be a string, got None$"),
    (lambda: topology_diagram(None, [orders()]), r"^vpc must be a Vpc, got None$"),
    (lambda: topology_diagram(ln.starter_vpc(), "orders"),
     r"^functions must be a list of LambdaFunction, got 'orders'$"),
    (lambda: topology_diagram(ln.starter_vpc(), [orders(["subnet-x"])]),
     r"^function.subnet_ids\[0\] must be the id of a subnet in vpc-starter, got 'subnet-x'$"),
    (lambda: topology_diagram(ln.starter_vpc(), [orders()], verdict=ln.can_reach(
        ln.starter_vpc(), dataclasses.replace(orders(), name="other"), "s3")),
     r"^verdict must be None or a Verdict from can_reach for one of the functions, got "),
    (lambda: ip_usage_chart([ln.Subnet("subnet-a", "10.0.0.0/24")], [], max_concurrency=True),
     r"^max_concurrency must be an integer from 1 to 1,000,000, got True$"),
    (lambda: ip_usage_chart([ln.Subnet("subnet-a", "10.0.0.0/24")], [], max_concurrency="10"),
     r"^max_concurrency must be an integer from 1 to 1,000,000, got '10'$"),
    (lambda: ip_usage_chart([ln.Subnet("subnet-a", "10.0.0.0/24")], [], max_concurrency=10,
                            subnet_id="subnet-z"),
     r"^subnet_id must be one of the subnets \('subnet-a'\), got 'subnet-z'$"),
    (lambda: scaling_chart(100, seconds=10, marks=[("late", 10)]),
     r"^marks\[0\] must be an integer from 0 to 9, got 10$"),
    (lambda: scaling_chart(-1), r"^demand must be "),
    (lambda: db_connections_chart(100, max_connections=0, seconds=3),
     r"^max_connections must be an integer >= 1, got 0$"),
    (lambda: line_chart(id="c", title="t", desc="d", x_label="x", y_label="y",
                        lines=[("a", [(0, 0)])] * 4),
     r"^lines must be 1 to 3 named lists of points, got "),
])
def test_bad_input_is_refused_with_a_message_that_names_it(draw: Callable[[], str],
                                                           message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        draw()
