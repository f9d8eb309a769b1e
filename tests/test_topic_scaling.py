"""The scaling page: its exercises agree with the model, its numbers come from the model.

The exercises' reference solutions apply the rules by hand (a step per period, whole pools in
max_connections, the proxy's pool and pinning); these tests check them against
``concurrency_timeline`` and ``db_connections`` on tables and generated inputs, and check that
each misconception's prediction really is what its belief computes.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import runpy
import time
import xml.etree.ElementTree as ET
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.course import EXERCISES, grade
from lambdanet_edu.course.topics import scaling as topic
from lambdanet_edu.course.topics.scaling import page as values
from lambdanet_edu.facts import (
    FACTS,
    LEGACY_BURSTS,
    SCALING_PERIOD_S,
    SCALING_STEP,
    UNRESERVED_CONCURRENCY_MIN,
)

ROOT = Path(__file__).resolve().parent.parent

PAGE = ROOT / "docs" / "scaling.md"
LESSON = ROOT / "lessons" / "04_scaling.py"
SETTINGS = settings(max_examples=50, deadline=None)
BIG = 10**6  # an account limit that never binds


def solution(exercise_id: str):
    namespace: dict[str, object] = {}
    exec(EXERCISES[exercise_id].solution, namespace)
    return namespace[EXERCISES[exercise_id].entry]


def first_second_at(timeline: list[tuple[int, int]], target: int) -> int | None:
    return next((t for t, c in timeline if c >= target), None)


# --- seconds-to-reach -------------------------------------------------------------------------

seconds_to_reach = solution("seconds-to-reach")


@pytest.mark.parametrize(
    ("target", "expected"),
    [(1, 0), (800, 0), (SCALING_STEP, 0), (SCALING_STEP + 1, SCALING_PERIOD_S),
     (2_500, 2 * SCALING_PERIOD_S), (4 * SCALING_STEP, 3 * SCALING_PERIOD_S),
     (11_500, 11 * SCALING_PERIOD_S)],
)
def test_seconds_to_reach_table(target: int, expected: int) -> None:
    assert seconds_to_reach(target) == expected
    timeline = ln.concurrency_timeline(target, seconds=expected + 2, account_limit=BIG)
    assert first_second_at(timeline, target) == expected


@SETTINGS
@given(st.integers(1, 30 * SCALING_STEP))
def test_seconds_to_reach_matches_the_model(target: int) -> None:
    """"In each AWS Region, and for each function, your concurrency scaling rate is 1,000
    execution environment instances every 10 seconds." The learner's staircase reading and the
    model's sliding window agree on when a surge is fully served."""
    expected = seconds_to_reach(target)
    timeline = ln.concurrency_timeline(target, seconds=expected + 2, account_limit=target)
    assert first_second_at(timeline, target) == expected


@SETTINGS
@given(st.integers(1, 30 * SCALING_STEP))
def test_the_pre_2023_misconception_is_the_old_rule_of_the_model(target: int) -> None:
    """Before November 2023: an initial burst (3,000 in us-east-1), then +500 per minute."""
    legacy = topic.SECONDS_TO_REACH.misconception("legacy_burst").predict
    assert legacy is not None
    expected = legacy(target)
    timeline = ln.concurrency_timeline(target, seconds=expected + 2, account_limit=BIG,
                                       scaling="pre-2023", initial_burst="us-east-1")
    assert first_second_at(timeline, target) == expected


# --- max-safe-concurrency ---------------------------------------------------------------------

max_safe_concurrency = solution("max-safe-concurrency")


@pytest.mark.parametrize(
    ("memory_gib", "engine", "pool", "account", "expected"),
    [
        (1, "mysql", 5, 1_000, 17),  # 85 // 5
        (4, "postgres", 1, 1_000, 450),
        (8, "mysql", 3, 1_000, 227),  # 682 // 3
        (16, "postgres", 1, 1_000, 1_000),  # the account limit binds
        (8, "postgres", 2, 2_000, 450),  # 901 // 2
    ],
)
def test_max_safe_concurrency_table(memory_gib: int, engine: str, pool: int, account: int,
                                    expected: int) -> None:
    limit = ln.default_max_connections(engine, memory_gib)
    assert max_safe_concurrency(limit, pool, account) == expected


@SETTINGS
@given(st.integers(1, 20_000), st.integers(1, 20), st.integers(1, 20_000))
def test_max_safe_concurrency_is_the_edge_of_refusal(limit: int, pool: int, account: int) -> None:
    """Each execution environment opens its own pool: at the answer nobody is refused, and one
    more environment would be refused unless the account limit stops the function first."""
    n = max_safe_concurrency(limit, pool, account)
    assert ln.db_connections(n, connections_per_client=pool, max_connections=limit).refused == 0
    if n < account:
        assert ln.db_connections(n + 1, connections_per_client=pool,
                                 max_connections=limit).refused == 1
    assert n <= account


@SETTINGS
@given(st.integers(1, 5_000), st.integers(1, 10))
def test_reserving_the_answer_protects_the_database(limit: int, pool: int) -> None:
    """Reserved concurrency caps the function, so the database never sees more than it allows
    (when AWS accepts the reservation: at most the account limit minus 100)."""
    account = 10_000
    n = max_safe_concurrency(limit, pool, account)
    if n > account - UNRESERVED_CONCURRENCY_MIN:
        return
    run = ln.concurrency_timeline(3 * n + 1, seconds=2 * SCALING_PERIOD_S + 1,
                                  account_limit=account, reserved_concurrency=n)
    for _, c in run:
        assert ln.db_connections(c, connections_per_client=pool,
                                 max_connections=limit).refused == 0


# --- proxy-connections ------------------------------------------------------------------------

proxy_connections = solution("proxy-connections")


@SETTINGS
@given(st.integers(0, 5_000), st.integers(1, 10_000), st.integers(1, 100),
       st.integers(0, 100), st.integers(0, 100))
def test_proxy_connections_matches_db_connections(environments: int, limit: int, percent: int,
                                                  pinned: int, active: int) -> None:
    """RDS Proxy opens at most MaxConnectionsPercent of max_connections; pinned sessions hold a
    connection each and the others borrow one only while mid-transaction."""
    db = ln.db_connections(environments, max_connections=limit,
                           proxy=ln.RdsProxy(max_connections_percent=percent,
                                             pinned_fraction=Fraction(pinned, 100)),
                           active_fraction=Fraction(active, 100))
    assert proxy_connections(environments, limit, percent, pinned, active) == (db.open,
                                                                               db.waiting)


# --- the misconceptions -----------------------------------------------------------------------

# Function exercises: each misconception predicts its own answer. (protect-database is a value
# exercise, judged on the learner's run; tests/test_topic_controls.py covers it.)
@pytest.mark.parametrize("ex", [ex for ex in topic.EXERCISES if ex.kind == "function"],
                         ids=lambda ex: ex.id)
def test_misconceptions_differ_from_each_other_and_from_the_answer(ex) -> None:
    right = solution(ex.id)
    answers = {"right": [right(*c.args) for c in ex.cases]}
    answers |= {m.key: [m.predict(*c.args) for c in ex.cases] for m in ex.misconceptions}
    for (a, got_a), (b, got_b) in combinations(answers.items(), 2):
        assert got_a != got_b, (a, b)


@pytest.mark.parametrize("ex", topic.EXERCISES, ids=lambda ex: ex.id)
def test_exercises_grade_quickly(ex) -> None:
    start = time.perf_counter()
    assert grade(ex, ex.solution).status == "passed"
    assert time.perf_counter() - start < 0.5  # Pyodide is several times slower than CPython


def test_the_starters_are_recognised_misconceptions_or_wrong() -> None:
    assert grade(topic.SECONDS_TO_REACH, topic.SECONDS_TO_REACH.starter).misconception == "instant"
    starter = grade(topic.MAX_SAFE_CONCURRENCY, topic.MAX_SAFE_CONCURRENCY.starter)
    assert starter.misconception == "shared_pool"


# --- the page values --------------------------------------------------------------------------

def numbers(markdown: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", markdown)}


def test_ramp_table_shows_the_model_timelines() -> None:
    table = values.ramp_table()
    today = ln.concurrency_timeline(values.SURGE, seconds=max(values.RAMP_SECONDS) + 1,
                                    account_limit=values.RAISED_LIMIT)
    for t in values.RAMP_SECONDS:
        row = next(line for line in table.splitlines() if line.startswith(f"| {t} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == f"{today[t][1]:,}"
        for region, cell in zip(values._REGIONS, cells[2:], strict=True):
            old = ln.concurrency_timeline(values.SURGE, seconds=t + 1,
                                          account_limit=values.RAISED_LIMIT, scaling="pre-2023",
                                          initial_burst=region)
            assert cell == f"{old[t][1]:,}"


def test_reach_summary_quotes_the_model() -> None:
    text = values.reach_summary()
    assert f"second **{seconds_to_reach(values.SURGE)}**" in text
    for region in values._REGIONS:
        old = ln.concurrency_timeline(values.SURGE, seconds=2_000, account_limit=BIG,
                                      scaling="pre-2023", initial_burst=region)
        assert f"{first_second_at(old, values.SURGE):,} s in {region}" in text


def test_legacy_burst_table_lists_every_region() -> None:
    table = values.legacy_burst_table()
    for region, burst in LEGACY_BURSTS.items():
        assert f"| `{region}` | {burst:,} |" in table


def test_max_connections_table_is_the_formula() -> None:
    table = values.max_connections_table()
    for gib in values.MEMORIES_GIB:
        cells = ", ".join(f"{ln.default_max_connections(e, gib):,}" for e in
                          ("mysql", "postgres", "mariadb"))
        assert f"| {gib} GiB | {cells.replace(', ', ' | ')} |" in table


def test_fanout_and_reserved_examples_quote_the_model() -> None:
    limit = FACTS["mysql_db_t3_micro_max_connections"].value
    direct = ln.db_connections(values.ENVIRONMENTS, connections_per_client=values.POOL,
                               max_connections=limit)
    assert direct.explanation in values.fanout_example()
    guard = values.reserved_guard()
    safe = max_safe_concurrency(limit, values.POOL, values.RAISED_LIMIT)
    assert f"**{safe:,}**" in guard
    assert f"other {values.ENVIRONMENTS - safe:,} requests" in guard


def test_proxy_table_quotes_the_model() -> None:
    table = values.proxy_table()
    limit = ln.default_max_connections(values.PROXY_ENGINE, values.PROXY_MEMORY_GIB)
    for active, pinned in values.PROXY_CASES:
        db = ln.db_connections(values.ENVIRONMENTS, max_connections=limit,
                               proxy=ln.RdsProxy(pinned_fraction=pinned), active_fraction=active)
        assert f"| {db.open:,} | {db.waiting:,} | 0 |" in table


def test_connections_chart_draws_the_proxy_tables_scenario() -> None:
    """The chart under the proxy table peaks at the table's "direct" and first proxy rows: the
    same environments, database limit and proxy (it once drew a surge of its own)."""
    svg = ET.fromstring(values.connections_chart())
    ns = "{http://www.w3.org/2000/svg}"
    lines = {p.get("data-series"): p.get("data-values").split()
             for p in svg.iter(f"{ns}polyline")}
    peak = {name: max(int(float(v.split(",")[1])) for v in points)
            for name, points in lines.items()}
    rows = re.findall(r"^\| ([^|]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$",
                      values.proxy_table(), re.M)
    (direct, proxied) = rows[:2]
    assert peak["requested"] == values.ENVIRONMENTS
    assert f"{peak['open, no proxy']:,}" == direct[1]
    assert f"{peak['open, RDS Proxy']:,}" == proxied[1]
    limits = [float(p.get("data-y")) for p in svg.iter(f"{ns}path") if p.get("data-y")]
    assert limits == [ln.default_max_connections(values.PROXY_ENGINE, values.PROXY_MEMORY_GIB)]


def test_ramp_chart_names_the_region_of_its_old_rule() -> None:
    svg = values.ramp_chart()
    region = next(iter(values._REGIONS))
    assert f'data-series="pre-2023, {region}"' in svg
    assert f"{region}'s initial burst of {LEGACY_BURSTS[region]:,}" in svg


def test_account_sharing_quotes_the_model() -> None:
    both = ln.concurrency_timelines({"api": values.SHARED_DEMAND, "reports": values.SHARED_DEMAND},
                                    seconds=1, reserved_concurrency={"api": values.RESERVED})
    assert f"| {both['api'][0][1]:,} | {both['reports'][0][1]:,} |" in values.account_sharing()


# --- the page and the lesson ------------------------------------------------------------------


def test_the_lesson_runs_offline_and_prints_its_numbers() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(LESSON), run_name="__main__")
    text = out.getvalue()
    assert "Too many connections" in text
    limit = ln.default_max_connections("postgres", 4)
    assert f"default max_connections {limit:,}" in text
    assert "reserved={'orders': 300}" in text


def test_the_lessons_proxy_chart_draws_what_its_table_prints() -> None:
    """Issue 16: the chart counted two proxy connections per environment, the table one."""
    with contextlib.redirect_stdout(io.StringIO()):
        ns = runpy.run_path(str(LESSON), run_name="__main__")
    svg = html.unescape(str(ns["proxy_chart"]))
    _, _, peak = max(ns["pooled"], key=lambda row: row[1])
    assert peak.explanation in svg
    assert peak.waiting == 0


def test_mysql_divisor_in_mib_comes_from_the_fact() -> None:
    mib = FACTS["mysql_bytes_per_connection"].value / 2**20
    assert values.mysql_mib_per_connection() == f"about {round(mib)} MiB"
