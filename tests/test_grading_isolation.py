"""One learner's code cannot change a later result: the grader's isolation, in CPython.

The browser keeps one Python for a whole visit, so each reproducer below grades hostile code for
one exercise, then every other exercise's reference solution, starter and known wrong answers,
and expects exactly the feedback they got before. tests/pyodide/hostile.py runs the same table
in real Pyodide (tests/test_pyodide.py); tests/browser/test_grading_isolation_in_browser.py
drives the page.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambdanet_edu.course import EXERCISES, Case, Exercise, grade, grade_json
from tests.pyodide.hostile import HOSTILE, SEED, baseline, summary

VICTIMS = [(ex.id, name, code) for ex in EXERCISES.values()
           for name, code in [("solution", ex.solution), ("starter", ex.starter),
                              *((m.key, m.example) for m in ex.misconceptions)]]
BASELINE = baseline()
#: Hostile code whose harm was an exception out of grade(), not a change that stays: a hook
#: that raises is unset by Python at once. Still never a pass, never a leak.
UNDONE_BY_PYTHON = {"sys.settrace hook", "raises a BaseException of its own"}


def _changed_since_baseline() -> list[str]:
    """The victims (of every exercise, the attacked one too) whose feedback now differs."""
    return [f"{ex_id}/{name}" for ex_id, name, code in VICTIMS
            if summary(grade_json(ex_id, code, seed=SEED)) != BASELINE[ex_id, name]]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_code_does_not_change_any_later_grading(name: str) -> None:
    attacked, code = HOSTILE[name]
    reply = json.loads(grade_json(attacked, code))
    assert reply["status"] != "passed", reply
    assert _changed_since_baseline() == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_code_is_told_python_was_reset(name: str) -> None:
    attacked, code = HOSTILE[name]
    reply = json.loads(grade_json(attacked, code))
    if name in UNDONE_BY_PYTHON:
        assert reply["status"] != "passed", reply
        return
    assert (reply["title"], reply.get("reset")) == ("Your code changed Python itself", True), reply
    assert "Your code is kept" in reply["message"]


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(attacks=st.lists(st.sampled_from(sorted(HOSTILE)), min_size=1, max_size=3),
       victim=st.sampled_from(VICTIMS))
def test_any_hostile_code_leaves_the_next_grading_of_every_other_exercise_unchanged(
        attacks: list[str], victim: tuple[str, str, str]) -> None:
    for name in attacks:
        grade_json(*HOSTILE[name])
    ex_id, kind, code = victim
    assert summary(grade_json(ex_id, code, seed=SEED)) == BASELINE[ex_id, kind]


def _exercise(**changes: Any) -> Exercise:
    fields: dict[str, Any] = {
        "id": "double", "title": "t", "statement": "s", "entry": "double", "starter": "",
        "success": "ok", "solution": "def double(n):\n    return 2 * n\n",
        "cases": (Case(args=(1,), label="n = 1"),)}
    return Exercise(**{**fields, **changes})


@pytest.mark.parametrize(("code", "status", "message"), [
    ("class Odd(BaseException):\n    pass\ndef double(n):\n    raise Odd('no')\n", "error",
     "For n = 1, line 4 raised Odd: no"),
    ("def double(n):\n    raise GeneratorExit\n", "error",
     "For n = 1, line 2 raised GeneratorExit"),
    ("def double(n):\n    raise SystemExit(3)\n", "error",
     "For n = 1, the code called exit(); the checks need it to return instead."),
    ("class Bad(Exception):\n    def __str__(self):\n        raise ValueError\n"
     "def double(n):\n    raise Bad\n", "error",
     "For n = 1, line 5 raised Bad: (a Bad that cannot be shown: ValueError)"),
    ("class Odd:\n    def __repr__(self):\n        raise ValueError('no')\n"
     "def double(n):\n    return Odd()\n", "wrong",
     "For n = 1, double returned (a Odd that cannot be shown: ValueError); the model says 2."),
    ("def double(n):\n    return 10**5000\n", "wrong",
     "For n = 1, double returned (a int that cannot be shown: ValueError); the model says 2."),
    ("class Eq:\n    def __eq__(self, other):\n        raise GeneratorExit\n"
     "def double(n):\n    return Eq()\n", "wrong", None),
    ("import sys\ndef hook(*a):\n    raise RuntimeError('traced')\nsys.settrace(hook)\n"
     "def double(n):\n    return 2 * n\n", "error", None),
    ("import sys\ndef hook(*a):\n    raise RuntimeError('profiled')\nsys.setprofile(hook)\n"
     "def double(n):\n    return 2 * n\n", "error", None),
    ("class Int(int):\n    def __eq__(self, other):\n        return True\n"
     "def double(n):\n    return Int(0)\n", "wrong", None),
])
def test_grade_never_lets_an_exception_out(code: str, status: str, message: str | None) -> None:
    feedback = grade(_exercise(), code)
    assert feedback.status == status, feedback
    if message is not None:
        assert feedback.message == message
    assert sys.gettrace() is None or "coverage" in type(sys.gettrace()).__module__
    assert grade(_exercise(), "def double(n):\n    return 2 * n\n").status == "passed"


def test_a_loop_that_swallows_every_interrupt_is_stopped_by_the_time_limit() -> None:
    code = ("def double(n):\n    while True:\n        try:\n            pass\n"
            "        except BaseException:\n            pass\n")
    started = time.monotonic()
    feedback = grade(_exercise(time_limit_seconds=1), code)
    assert (feedback.status, feedback.title) == ("stopped", "Time limit reached"), feedback
    assert time.monotonic() - started < 10
    assert grade(_exercise(), "def double(n):\n    return 2 * n\n").status == "passed"


@pytest.mark.parametrize("ex", [ex for ex in EXERCISES.values() if ex.random_case],
                         ids=lambda ex: ex.id)
def test_answers_learnt_from_one_check_do_not_pass_the_next(ex: Exercise) -> None:
    namespace: dict[str, Any] = {}
    exec(ex.solution, namespace)
    answers = {repr(c.args): namespace[ex.entry](*c.args) for seed in range(3)
               for c in ex.all_cases(seed)}
    code = (f"ANSWERS = {answers!r}\n"
            f"def {ex.entry}(*args):\n    return ANSWERS.get(repr(args))\n")
    assert grade(ex, code).status != "passed"  # a fresh seed per check


def test_answers_learnt_by_heart_pass_only_the_same_seed() -> None:
    ex = EXERCISES["eni-count"]
    namespace: dict[str, Any] = {}
    exec(ex.solution, namespace)
    answers = {repr(c.args): namespace[ex.entry](*c.args) for c in ex.all_cases(7)}
    code = (f"ANSWERS = {answers!r}\n"
            f"def {ex.entry}(*args):\n    return ANSWERS.get(repr(args))\n")
    assert grade(ex, code, seed=7).status == "passed"
    assert grade(ex, code).status != "passed"


def test_a_stop_that_lands_before_the_learners_code_does_not_escape_the_entry(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser's Stop can land while the entry still puts things back (the request waited
    behind other work in the worker): the entry finishes and runs, it does not fail."""
    from lambdanet_edu.course import grading
    real = grading._TOOLS[1]
    hits: list[int] = []

    def interrupted_once(guard: object) -> object:
        if not hits:
            hits.append(1)
            raise KeyboardInterrupt
        return real(guard)

    monkeypatch.setattr(grading, "_TOOLS", (grading._TOOLS[0], interrupted_once,
                                            *grading._TOOLS[2:]))
    assert grading.guarded(lambda: "ran")() == "ran"
    assert hits == [1]
