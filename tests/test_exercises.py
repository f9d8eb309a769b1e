"""Every exercise, proven: its solution passes, its starter does not, and every known wrong
answer gets exactly the feedback that names its misconception, in CPython and in real Pyodide."""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest

from lambdanet_edu.course import EXERCISES, Case, Exercise, grade, solution_of
from lambdanet_edu.errors import LambdaNetError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GRADE_ALL = HERE / "pyodide" / "grade_all.py"
ALL = list(EXERCISES.values())
WRONG = [(ex, m) for ex in ALL for m in ex.misconceptions]


def test_there_are_exercises_with_known_wrong_answers() -> None:
    assert len(ALL) >= 4
    assert all(ex.misconceptions for ex in ALL)


@pytest.mark.parametrize("ex", ALL, ids=lambda ex: ex.id)
def test_reference_solution_passes(ex: Exercise) -> None:
    feedback = grade(ex, ex.solution)
    assert (feedback.status, feedback.message) == ("passed", ex.success), feedback


@pytest.mark.parametrize("ex", ALL, ids=lambda ex: ex.id)
def test_starter_code_runs_but_does_not_pass(ex: Exercise) -> None:
    assert grade(ex, ex.starter, mode="run").status == "ran"
    assert grade(ex, ex.starter).status in ("wrong", "misconception")


@pytest.mark.parametrize(("ex", "m"), WRONG, ids=lambda v: getattr(v, "id", None) or v.key)
def test_known_wrong_answer_gets_its_exact_feedback(ex: Exercise, m) -> None:
    feedback = grade(ex, m.example)
    assert (feedback.status, feedback.misconception, feedback.title) == (
        "misconception", m.key, m.name), feedback
    assert feedback.message.startswith(m.feedback)


@pytest.mark.parametrize("ex", ALL, ids=lambda ex: ex.id)
def test_exercise_is_complete(ex: Exercise) -> None:
    assert ex.title and ex.statement and ex.success
    assert len(ex.hints) >= 2, "hints are progressive: give at least two"
    assert ex.entry in ex.starter, "the starter code should name what the learner defines"
    assert solution_of(ex.id) == ex.solution
    assert len({m.name for m in ex.misconceptions}) == len(ex.misconceptions)


@pytest.mark.parametrize("ex", [ex for ex in ALL if ex.random_case], ids=lambda ex: ex.id)
def test_hard_coding_the_fixed_cases_does_not_pass(ex: Exercise) -> None:
    answers = {repr(c.args): grade_value for c, grade_value in _reference_answers(ex)}
    code = (f"ANSWERS = {answers!r}\n"
            f"def {ex.entry}(*args):\n    return ANSWERS.get(repr(args))\n")
    assert grade(ex, code).status != "passed"


def _reference_answers(ex: Exercise):
    namespace: dict[str, object] = {}
    exec(ex.solution, namespace)
    return [(c, namespace[ex.entry](*c.args)) for c in ex.cases]


@pytest.mark.parametrize(
    ("code", "status", "title", "message"),
    [
        ("def eni_count(:", "error", "Syntax error on line 1", "invalid syntax."),
        ("x = 1", "error", "No eni_count yet",
         "Define a function called eni_count; the checks use it."),
        ("eni_count = 3", "error", "No eni_count yet",
         "Define a function called eni_count; the checks use it."),
        ("import nothing_here", "error", "Your code raised an error",
         "line 1 raised ModuleNotFoundError: No module named 'nothing_here'"),
        ("def eni_count(functions):\n    return eni_count(functions)\n", "error",
         "Your code raised an error",
         "For two functions sharing one subnet and one security group, the code called itself "
         "too deeply (RecursionError)."),
        ("from lambdanet_edu import LambdaFunction\n"
         "def eni_count(functions):\n    return LambdaFunction('x', [], ['sg'])\n", "error",
         "Your code raised an error",
         "For two functions sharing one subnet and one security group, line 3 raised "
         "LambdaNetError: subnet_ids must be a list of 1 to 16 ids, got 0 ids"),
        ("import sys\nsys.exit(3)\n", "error", "Your code raised an error",
         "the code called exit(); the checks need it to return instead."),
        ("x = [0] * 2**62\n", "error", "Your code raised an error",
         "line 1 ran out of memory (MemoryError); the checks need far smaller values."),
        ("class Huge:\n    def __repr__(self):\n        raise MemoryError\n"
         "def eni_count(functions):\n    return Huge()\n", "error",
         "Your answer could not be checked", "Working with the value your code returned raised "
         "MemoryError; return a plain, smaller value."),
        ("class Stuck:\n    def __repr__(self):\n        raise KeyboardInterrupt\n"
         "def eni_count(functions):\n    return Stuck()\n", "stopped", "Stopped",
         "Your code was stopped before it finished."),
        ("def eni_count(functions):\n    return '1'\n", "wrong", "Not yet",
         "For two functions sharing one subnet and one security group, eni_count returned "
         "'1'; the model says 1."),
    ],
)
def test_learner_errors_read_clearly(code: str, status: str, title: str, message: str) -> None:
    feedback = grade(EXERCISES["eni-count"], code)
    assert (feedback.status, feedback.title, feedback.message) == (status, title, message)


def test_output_is_kept_but_capped() -> None:
    feedback = grade(EXERCISES["eni-count"], "print('x' * 10**6)\neni_count = len\n", mode="run")
    assert feedback.output.startswith("x" * 1000)
    assert feedback.output.endswith("more characters not shown")
    assert len(feedback.output) < 25_000


def test_a_keyboard_interrupt_stops_the_run_and_reports_it() -> None:
    feedback = grade(EXERCISES["eni-count"], "print('started')\nraise KeyboardInterrupt\n")
    assert (feedback.status, feedback.output) == ("stopped", "started\n")


def test_learner_cannot_change_the_cases_for_the_next_call() -> None:
    ex = EXERCISES["eni-count"]
    code = ex.solution + ("\n_real = eni_count\ndef eni_count(functions):\n"
                          "    n = _real(functions)\n    functions.clear()\n    return n\n")
    assert grade(ex, code).status == "passed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cases": ()}, "x.cases must be at least one case, got ()"),
        ({"kind": "value", "cases": (Case(label="a"), Case(label="b"))},
         "x.cases must be exactly one case and no random cases for a value, got 2"),
    ],
)
def test_bad_exercise_definitions_are_refused(changes: dict, message: str) -> None:
    fields = {"id": "x", "title": "t", "statement": "s", "entry": "f", "starter": "",
              "solution": "", "success": "", "cases": (Case(label="c"),)}
    with pytest.raises(LambdaNetError) as err:
        Exercise(**{**fields, **changes})
    assert str(err.value) == message


@pytest.mark.parametrize("limit", [0, 121, -5, 2.5, True, "10", None])
def test_time_limit_must_be_whole_seconds_in_range(limit: object) -> None:
    fields = {"id": "x", "title": "t", "statement": "s", "entry": "f", "starter": "",
              "solution": "", "success": "", "cases": (Case(label="c"),)}
    with pytest.raises(LambdaNetError, match=r"^x\.time_limit_seconds must be a whole number of "
                                             r"seconds from 1 to 120, got "):
        Exercise(**fields, time_limit_seconds=limit)


@pytest.mark.pyodide
def test_pyodide_gives_the_same_feedback_as_cpython(browser_wheel: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run(
        [node, str(HERE / "pyodide" / "run_in_pyodide.mjs"), str(browser_wheel), str(GRADE_ALL)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    there = json.loads(done.stdout)
    here = runpy.run_path(str(GRADE_ALL))["grade_all"]()
    assert there.keys() == here.keys()
    for key in here:
        assert there[key] == here[key], key
    assert {v["status"] for k, v in there.items() if k.endswith("/solution")} == {"passed"}
