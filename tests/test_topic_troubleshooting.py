"""The topic "When it does not work": its scenarios, exercises, page values, page and lesson.

Each reference solution is compared with the model it teaches (create_function_state,
nat_connections, can_reach) over its cases and generated ones; the judges are checked on
tables of answers a learner might give; the page takes its numbers from the model.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import random
import re
import runpy
from pathlib import Path
from typing import Any

import pytest

import lambdanet_edu as ln
from lambdanet_edu.course import grade, topic
from lambdanet_edu.course.topics.troubleshooting import EXERCISES, TOPIC
from lambdanet_edu.course.topics.troubleshooting import page as values
from lambdanet_edu.course.topics.troubleshooting.failed_reason import FAILED_REASON, model_reason
from lambdanet_edu.course.topics.troubleshooting.fix_the_timeout import FIX_THE_TIMEOUT
from lambdanet_edu.course.topics.troubleshooting.nat_addresses import (
    NAT_ADDRESSES,
    model_addresses,
)
from lambdanet_edu.course.topics.troubleshooting.scenarios import (
    BROKEN,
    ORDERS,
    dns_off_vpc,
    endpoint_vpc,
)
from lambdanet_edu.facts import FACTS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "troubleshooting.md"
LESSON = ROOT / "lessons" / "05_troubleshooting.py"


def solution(ex: Any) -> Any:
    namespace: dict[str, Any] = {}
    exec(ex.solution, namespace)
    return namespace[ex.entry]


def judge(value: Any) -> str | None:
    verdict = FIX_THE_TIMEOUT.judge(value, None, FIX_THE_TIMEOUT.cases[0])  # type: ignore[misc]
    return verdict[0] if isinstance(verdict, tuple) else verdict


def test_the_topic_follows_scaling_in_the_registry() -> None:
    assert topic("troubleshooting") is TOPIC
    assert TOPIC.title == "When it does not work" and len(EXERCISES) >= 3
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert nav.index("scaling.md") < nav.index("troubleshooting.md")
    assert nav.index("lessons/04_scaling.py") < nav.index("lessons/05_troubleshooting.py")


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: b.key)
def test_each_scenario_times_out_at_its_hop_and_its_fix_works(broken: Any) -> None:
    before = ln.can_reach(broken.vpc, ORDERS, broken.destination)
    assert before.status == "blocked" and before.blocked_at is not None
    component = {"missing-route": "route table", "nat-in-private": "route table",
                 "nacl-replies": "network ACL", "dns-off": "route table"}[broken.key]
    assert before.blocked_at.component == component
    assert ln.can_reach(broken.fixed, ORDERS, broken.destination).reachable


# --- failed-reason ------------------------------------------------------------------------------

def test_the_reference_agrees_with_create_function_state() -> None:
    ref = solution(FAILED_REASON)
    cases = FAILED_REASON.all_cases(seed=7) + [
        FAILED_REASON.random_case(random.Random(i)) for i in range(200)]  # type: ignore[misc]
    seen = set()
    for case in cases:
        assert ref(*case.args) == model_reason(*case.args), case.label
        seen.add(ref(*case.args))
    assert seen == {None, "InsufficientRolePermissions", "EniLimitExceeded",
                    "SubnetOutOfIPAddresses"}


# --- nat-addresses ------------------------------------------------------------------------------

def test_the_nat_reference_agrees_with_nat_connections() -> None:
    ref = solution(NAT_ADDRESSES)
    cases = NAT_ADDRESSES.all_cases(seed=3) + [
        NAT_ADDRESSES.random_case(random.Random(i)) for i in range(300)]  # type: ignore[misc]
    for case in cases:
        assert ref(*case.args) == model_addresses(*case.args), case.label


# --- fix-the-timeout ----------------------------------------------------------------------------

ON = {"enable_dns_support": True, "enable_dns_hostnames": True}


@pytest.mark.parametrize(("value", "key"), [
    (dataclasses.replace(dns_off_vpc(), **ON), None),
    (endpoint_vpc("secretsmanager"), None),
    (dns_off_vpc(), "still_blocked"),
    (dataclasses.replace(dns_off_vpc(), enable_dns_hostnames=True), "one_attribute"),
    (dataclasses.replace(dns_off_vpc(), enable_dns_support=True), "one_attribute"),
    (dataclasses.replace(dns_off_vpc(), interface_endpoints=[dataclasses.replace(
        dns_off_vpc().interface_endpoints[0], private_dns=False)], **ON), "private_dns_off"),
    (dataclasses.replace(dns_off_vpc(), nat_gateways=ln.starter_vpc().nat_gateways,
                         route_tables=ln.starter_vpc().route_tables), "nat"),
    (dataclasses.replace(dns_off_vpc(), interface_endpoints=[]), "private_dns_off"),
    ("vpc", "still_blocked"),
    (None, "still_blocked"),
])
def test_fix_the_timeout_judge(value: Any, key: str | None) -> None:
    assert judge(value) == key


def test_every_exercise_passes_its_solution_and_names_each_misconception() -> None:
    for ex in EXERCISES:
        assert grade(ex, ex.solution).status == "passed", ex.id
        for m in ex.misconceptions:
            assert grade(ex, m.example).title == m.name, (ex.id, m.key)


# --- the page and the lesson ----------------------------------------------------------------------

@pytest.mark.parametrize("name", values.__all__)
def test_every_page_value_renders(name: str) -> None:
    out = getattr(values, name)()
    assert isinstance(out, str) and out


def test_the_page_names_every_value_it_uses_and_types_no_fact() -> None:
    text = PAGE.read_text(encoding="utf-8")
    used = set(re.findall(r"\[\[(?:value|picture) troubleshooting\.(\w+)\]\]", text))
    assert used == set(values.__all__)
    for ex in EXERCISES:
        assert f"[[exercise {ex.id}]]" in text
    assert "[[quiz troubleshooting]]" in text
    for name in ("nat_connections_per_destination", "nat_idle_timeout_s", "nat_max_addresses"):
        assert str(FACTS[name].value) not in text.replace(",", "")


def test_the_tables_quote_the_model() -> None:
    assert "EniLimitExceeded" in values.reason_table()
    assert values.endpoint_addresses() == str(
        sum(len(e.subnet_ids) for e in endpoint_vpc(*values.SERVICES).interface_endpoints))
    for row, b in zip(values.timeout_table().splitlines()[2:], BROKEN, strict=True):
        hop = ln.can_reach(b.vpc, ORDERS, b.destination).blocked_at
        assert hop is not None and f"{hop.component} `{hop.component_id}`" in row


def test_the_lesson_runs_offline() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(LESSON), run_name="__main__")
    text = out.getvalue()
    assert "Failed EniLimitExceeded" in text
    assert f"{FACTS['nat_idle_timeout_s'].value - 1} True" in text
