"""The topic "Where your function runs": its exercises, page values, page and lesson.

The reference solutions are checked against the model on generated inputs, every
misconception is told apart from the right answer and from the others on the fixed cases, and
the page and lesson take their numbers from the model.
"""

from __future__ import annotations

import dataclasses
import random
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.course import grade, topic
from lambdanet_edu.course.topics.where_it_runs import (
    ENI_COUNT,
    ENIS_DELETED,
    EXERCISES,
    STATE_AFTER,
)
from lambdanet_edu.course.topics.where_it_runs import page as values
from lambdanet_edu.facts import FACTS, INACTIVE_AFTER_IDLE_DAYS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "where-it-runs.md"
LESSON = ROOT / "lessons" / "01_where_it_runs.py"

SETTINGS = settings(max_examples=50, deadline=None)
DAYS = INACTIVE_AFTER_IDLE_DAYS


def entry(code: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace[name]


state_after = entry(STATE_AFTER.solution, "state_after")
eni_count = entry(ENI_COUNT.solution, "eni_count")
enis_deleted = entry(ENIS_DELETED.solution, "enis_deleted")


def model_state(events: list[str]) -> str:
    return ln.lifecycle(events)[-1].state.value


def model_deleted(functions: list[ln.LambdaFunction], detached: str) -> int:
    """ENIs before minus ENIs after, both from ``hyperplane_enis``.

    The model has no function without a VPC, so a detached function that keeps published
    versions is stood in for by one whose ``$LATEST`` repeats its first version's configuration.
    """
    after = []
    for fn in functions:
        if fn.name != detached:
            after.append(fn)
        elif fn.published_versions:
            v = fn.published_versions[0]
            after.append(dataclasses.replace(fn, subnet_ids=v.subnet_ids,
                                             security_group_ids=v.security_group_ids))
    return len(ln.hyperplane_enis(functions)) - len(ln.hyperplane_enis(after))


# --- strategies ---------------------------------------------------------------------------------

events_st = st.lists(
    st.one_of(st.sampled_from(["eni_ready", "invoke", "update_vpc_config"]),
              st.integers(0, 3 * DAYS).map(lambda d: f"idle {d}")),
    max_size=14,
).map(lambda rest: ["create", *rest])

SUBNETS = ["subnet-a", "subnet-b", "subnet-c"]
GROUPS = ["sg-1", "sg-2", "sg-3"]
config_st = st.tuples(st.lists(st.sampled_from(SUBNETS), min_size=1, max_size=3, unique=True),
                      st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True))


@st.composite
def deployments(draw: st.DrawFn) -> list[ln.LambdaFunction]:
    functions = []
    for i, (subnets, groups) in enumerate(draw(st.lists(config_st, min_size=1, max_size=6))):
        fn = ln.LambdaFunction(f"fn{i}", subnets, groups)
        for new_subnets, new_groups in draw(st.lists(config_st, max_size=2)):
            fn = dataclasses.replace(fn.publish(), subnet_ids=new_subnets,
                                     security_group_ids=new_groups)
        functions.append(fn)
    return functions


# --- state-after ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("events", "state"),
    [
        (["create"], "Pending"),
        (["create", "invoke"], "Pending"),
        (["create", "eni_ready"], "Active"),
        (["create", "eni_ready", "eni_ready"], "Active"),
        (["create", "eni_ready", f"idle {DAYS - 1}"], "Active"),
        (["create", "eni_ready", f"idle {DAYS}"], "Inactive"),
        (["create", "eni_ready", f"idle {DAYS - 1}", "idle 1"], "Inactive"),
        (["create", "eni_ready", f"idle {DAYS - 1}", "invoke", "idle 1"], "Active"),
        (["create", "eni_ready", f"idle {DAYS}", "invoke"], "Pending"),
        (["create", "eni_ready", f"idle {DAYS}", "invoke", "eni_ready"], "Active"),
        (["create", "eni_ready", f"idle {DAYS}", "update_vpc_config"], "Inactive"),
        (["create", "eni_ready", "update_vpc_config"], "Active"),
        (["create", "update_vpc_config"], "Pending"),
    ],
)
def test_state_after_table(events: list[str], state: str) -> None:
    assert state_after(events) == state == model_state(events)


@SETTINGS
@given(events_st)
def test_state_after_agrees_with_lifecycle_on_any_timeline(events: list[str]) -> None:
    assert state_after(events) == model_state(events)


class TestIdleFunctionsGoInactive:
    """"If a Lambda function remains idle for 14 days, Lambda reclaims any unused Hyperplane
    ENIs and sets the function state to Inactive. The next invocation attempt will fail, and the
    function re-enters the Pending state until Lambda completes the creation or allocation of a
    Hyperplane ENI." - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    """

    @SETTINGS
    @given(st.lists(st.integers(0, 2 * DAYS), min_size=1, max_size=5))
    def test_idle_spells_add_up_until_the_limit(self, spells: list[int]) -> None:
        events = ["create", "eni_ready", *(f"idle {d}" for d in spells)]
        expected = "Inactive" if sum(spells) >= DAYS else "Active"
        assert state_after(events) == expected == model_state(events)

    @SETTINGS
    @given(st.integers(DAYS, 10 * DAYS), st.integers(1, 4))
    def test_the_next_invocations_fail_until_the_eni_is_back(self, idle: int, tries: int) -> None:
        steps = ln.lifecycle(["create", "eni_ready", f"idle {idle}", *["invoke"] * tries,
                              "eni_ready", "invoke"])
        assert [s.invocation for s in steps[3:3 + tries]] == ["fails"] * tries
        assert steps[3].state.value == "Pending"
        assert (steps[-1].state.value, steps[-1].invocation) == ("Active", "succeeds")


def test_random_timelines_are_valid_and_never_idle_while_pending() -> None:
    rng = random.Random(7)
    for _ in range(40):
        (events,) = STATE_AFTER.random_case(rng).args  # type: ignore[misc]
        steps = ln.lifecycle(events)  # raises on an unknown event
        for before, event in zip(steps, events[1:], strict=False):
            assert not (event.startswith("idle") and before.state is ln.FunctionState.PENDING)


# --- eni-count and enis-deleted -------------------------------------------------------------------

class TestHyperplaneEniSharing:
    """"The first time you attach a function to a VPC using a particular subnet and security
    group combination, Lambda creates a Hyperplane ENI. Other functions in your account that use
    the same subnet and security group combination can also use this ENI."
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    """

    @SETTINGS
    @given(deployments())
    def test_eni_count_solution_agrees_with_the_model(
            self, functions: list[ln.LambdaFunction]) -> None:
        latest = [dataclasses.replace(f, published_versions=()) for f in functions]
        assert eni_count(latest) == len(ln.hyperplane_enis(latest))

    @SETTINGS
    @given(deployments(), st.data())
    def test_a_function_on_a_used_combination_adds_no_eni(self, functions: list[ln.LambdaFunction],
                                                         data: st.DataObject) -> None:
        twin = data.draw(st.sampled_from(functions))
        joined = [*functions, dataclasses.replace(twin, name="newcomer", published_versions=())]
        assert len(ln.hyperplane_enis(joined)) == len(ln.hyperplane_enis(functions))


class TestDetachingDeletesOnlyUnusedEnis:
    """"Lambda requires up to 20 minutes to delete the attached Hyperplane ENI" after the VPC
    configuration is removed, and only "if no other function or published version is using
    that Hyperplane ENI". - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    """

    @SETTINGS
    @given(deployments(), st.data())
    def test_enis_deleted_solution_agrees_with_the_model(self, functions: list[ln.LambdaFunction],
                                                         data: st.DataObject) -> None:
        name = data.draw(st.sampled_from([f.name for f in functions]))
        assert enis_deleted(functions, name) == model_deleted(functions, name)

    @SETTINGS
    @given(deployments(), st.data())
    def test_nothing_is_deleted_while_a_version_shares_the_configuration(
            self, functions: list[ln.LambdaFunction], data: st.DataObject) -> None:
        fn = data.draw(st.sampled_from(functions))
        published = [f.publish() if f is fn else f for f in functions]
        assert enis_deleted(published, fn.name) == 0 == model_deleted(published, fn.name)


def test_random_detach_cases_name_a_listed_function() -> None:
    rng = random.Random(3)
    for _ in range(20):
        functions, name = ENIS_DELETED.random_case(rng).args  # type: ignore[misc]
        assert name in {f.name for f in functions}
        assert enis_deleted(functions, name) == model_deleted(functions, name)


# --- every exercise -----------------------------------------------------------------------------

@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_misconceptions_differ_from_the_answer_and_each_other_on_fixed_cases(ex: Any) -> None:
    right = entry(ex.solution, ex.entry)
    answers = {"right": tuple(right(*c.args) for c in ex.cases)}
    for m in ex.misconceptions:
        answers[m.key] = tuple(m.predict(*c.args) for c in ex.cases)
    assert len(set(answers.values())) == len(answers), answers
    assert 2 <= len(ex.misconceptions) <= 4


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_grading_is_fast(ex: Any) -> None:
    import time

    start = time.perf_counter()
    assert grade(ex, ex.solution).status == "passed"
    assert time.perf_counter() - start < 0.5  # Pyodide is several times slower than CPython


def test_the_topic_has_its_exercises_in_course_order() -> None:
    assert [ex.id for ex in topic("where_it_runs").exercises] == [
        "eni-count", "state-after", "enis-deleted"]


# --- page values ----------------------------------------------------------------------------------

def test_sharing_tables_show_what_the_model_gives() -> None:
    functions = values._example_deployment()
    enis = ln.hyperplane_enis(functions)
    table = values.sharing_enis()
    assert table.count("\n") == len(enis) + 1
    for i, eni in enumerate(enis, start=1):
        assert f"| {i} | `{eni.subnet_id}` |" in table
        assert ", ".join(f"`{u}`" for u in eni.used_by) in table
    deployment = values.sharing_deployment()
    labels = [c.label for f in functions for c in f.network_configs]
    assert all(f"`{label}`" in deployment for label in labels)


def test_sharing_summary_numbers_come_from_the_model() -> None:
    functions = values._example_deployment()
    enis = ln.hyperplane_enis(functions)
    naive = sum(len(c.subnet_ids) for f in functions for c in f.network_configs)
    summary = values.sharing_summary()
    assert f"share {len(enis)} Hyperplane ENIs" in summary
    assert f"take {sum(e.ip_addresses for e in enis)} addresses" in summary
    assert f"would have been {naive}." in summary
    assert naive > len(enis)


def test_sharing_notes_name_the_enis_the_table_numbers() -> None:
    """The sentence after the ENI table names rows by the numbers the table gives them."""
    numbered = list(enumerate(ln.hyperplane_enis(values._example_deployment()), start=1))
    reordered = [i for i, e in numbered if {"orders", "reports"} <= set(e.used_by)]
    version = [i for i, e in numbered if "orders:1" in e.used_by]
    notes = values.sharing_notes()
    assert f"share {values._numbers(reordered)} even though" in notes
    assert f"so it uses {values._numbers(version)}." in notes
    assert values._numbers([1]) == "ENI 1" and values._numbers([3, 4]) == "ENIs 3 and 4"
    assert values._numbers([2, 5, 7]) == "ENIs 2, 5 and 7"


def test_lifecycle_table_is_the_model_timeline() -> None:
    steps = ln.lifecycle(values._lifecycle_events())
    table = values.lifecycle_table()
    rows = table.splitlines()[2:]
    assert len(rows) == len(steps)
    for row, step in zip(rows, steps, strict=True):
        assert f"| {step.state.value} |" in row and step.explanation in row
    assert table.count("**fails**") == sum(s.invocation == "fails" for s in steps)


def test_lifecycle_timeline_shows_what_the_page_says_it_shows() -> None:
    """The page points at two idle spells, split by an update, that add up to Inactive."""
    events = values._lifecycle_events()
    steps = ln.lifecycle(events)
    i = events.index("update_vpc_config")
    assert events[i + 1].startswith("idle") and events[i + 2].startswith("idle")
    assert [s.state.value for s in steps[i:i + 3]] == ["Active", "Active", "Inactive"]
    assert steps[i + 3].invocation == "fails"


def test_ephemeral_ports_read_as_a_range() -> None:
    low, high = FACTS["lambda_ephemeral_ports"].value
    assert values.ephemeral_ports() == f"{low}-{high}"


def test_simplifications_are_quoted_from_the_model() -> None:
    text = values.simplifications()
    for key in ("one_ip_per_eni", "overflow_enis"):
        assert ln.SIMPLIFICATIONS[key].text in text


# --- page and lesson ------------------------------------------------------------------------------


def test_lesson_runs_top_to_bottom(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(LESSON), run_name="__main__")
    out = capsys.readouterr().out
    assert "failed first tries" in out and "over the quota" in out
