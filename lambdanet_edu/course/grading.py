"""The one grader: it runs a learner's code against an exercise, in CPython and in Pyodide alike.

An :class:`Exercise` is data plus a reference solution. The learner defines a function (or a
variable) named ``entry``; the grader calls it on every :class:`Case` and compares the result
with what the reference solution returns for the same input, so no expected answer is ever typed
by hand. A wrong result is then matched against the exercise's :class:`Misconception` list: the
feedback names the belief that produces exactly those wrong answers.

Examples:
    >>> ex = Exercise(
    ...     id="double", title="Double it", statement="Return twice `n`.", entry="double",
    ...     starter="def double(n):\\n    ...\\n", solution="def double(n):\\n    return 2 * n\\n",
    ...     cases=(Case(args=(1,), label="n = 1"), Case(args=(5,), label="n = 5")),
    ...     misconceptions=(Misconception(
    ...         key="squared", name="Squared instead of doubled",
    ...         feedback="Doubling adds a number to itself; squaring multiplies it by itself.",
    ...         predict=lambda n: n * n, example="def double(n):\\n    return n ** 2\\n"),),
    ...     success="Twice n, for every n.")
    >>> grade(ex, "def double(n):\\n    return n + n\\n").status
    'passed'
    >>> grade(ex, "def double(n):\\n    return n * n\\n").title
    'Squared instead of doubled'
    >>> print(grade(ex, "def double(n):\\n    return 3 * n\\n").message)
    For n = 1, double returned 3; the model says 2.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import random
import re
import traceback
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from typing import Any, Literal

from lambdanet_edu.course.summary import full_value, summary
from lambdanet_edu.errors import LambdaNetError

__all__ = ["Case", "Exercise", "Feedback", "Misconception", "grade"]

#: Printed output kept per run; beyond it the learner sees a note, and the page stays fast.
OUTPUT_LIMIT = 20_000
#: Seconds a Run or Check may take in the browser before it is stopped. Every reference solution
#: checks in well under a second in Pyodide, so this leaves room for a slow phone while a learner
#: whose loop never ends waits only a few seconds. An exercise that needs more sets its own.
DEFAULT_TIME_LIMIT_SECONDS = 10
_TIME_LIMIT_RANGE = range(1, 121)
_FILENAME = "<your code>"
Status = Literal["passed", "wrong", "misconception", "error", "stopped", "ran"]
Kind = Literal["function", "value"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Case:
    """One input the learner's function is called with, and how it reads in feedback.

    Examples:
        >>> Case(args=(3, 512), label="3 environments of 512 MB").label
        '3 environments of 512 MB'
    """

    args: tuple[Any, ...] = ()
    label: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Misconception:
    """A wrong belief, the answers it produces, and the feedback that names it.

    ``predict`` takes a case's arguments and returns what a learner holding this belief would
    answer. ``example`` is code such a learner might write; the tests check that grading it
    gives exactly this feedback. Exercises with a ``judge`` name the misconception directly and
    leave ``predict`` unset.

    Examples:
        >>> m = Misconception(key="k", name="Named", feedback="Why.", example="x = 1")
        >>> m.predict is None
        True
    """

    key: str
    name: str
    feedback: str
    example: str
    predict: Callable[..., Any] | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Exercise:
    """An exercise: statement, starter, reference solution, cases and known wrong beliefs.

    ``kind="function"``: the learner defines a function called ``entry`` and it is called on
    every case. ``kind="value"``: the learner assigns a variable called ``entry``, and there is
    one case with no arguments. ``judge(got, expected, case)`` replaces equality where many
    answers are right (any VPC that reaches S3): it returns ``None`` to accept, or a
    misconception key, or a ``(key, detail)`` pair whose detail is added to the feedback.
    ``random_case`` draws extra inputs, so hard-coding the fixed cases does not pass.
    ``time_limit_seconds`` bounds a Run or Check in the browser (1 to 120).
    ``names`` lists the model's names the learner needs (``"RouteTable"``,
    ``"Vpc.route_table_for"``: a name exported by :mod:`lambdanet_edu`, then attributes); the
    widget links each to its entry in the site's API reference, and the build fails on a name
    the reference does not document.
    ``picture(got, expected, case)``, if set, returns an SVG of the learner's answer (drawn by
    :mod:`lambdanet_edu.pictures`) for the case shown: the first wrong one, else the first. A
    picture that fails to draw is left out; the feedback never depends on it.

    Examples:
        >>> ex = Exercise(id="answer", title="t", statement="s", entry="answer", kind="value",
        ...               starter="answer = None\\n", solution="answer = 42\\n",
        ...               cases=(Case(label="your answer"),), success="Yes.")
        >>> grade(ex, "answer = 42").status, len(ex.version)
        ('passed', 12)
    """

    id: str
    title: str
    statement: str
    entry: str
    starter: str
    solution: str
    cases: tuple[Case, ...]
    success: str
    kind: Kind = "function"
    hints: tuple[str, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    judge: Callable[[Any, Any, Case], str | tuple[str, str] | None] | None = None
    random_case: Callable[[random.Random], Case] | None = None
    random_count: int = 12
    picture: Callable[[Any, Any, Case], str] | None = None
    time_limit_seconds: int = DEFAULT_TIME_LIMIT_SECONDS
    names: tuple[str, ...] = ()
    version: str = field(init=False)

    def __post_init__(self) -> None:
        if not self.cases:
            raise LambdaNetError.invalid(f"{self.id}.cases", self.cases, "at least one case")
        if self.kind == "value" and (len(self.cases) != 1 or self.random_case is not None):
            raise LambdaNetError.invalid(f"{self.id}.cases", len(self.cases),
                                         "exactly one case and no random cases for a value")
        limit = self.time_limit_seconds
        if isinstance(limit, bool) or not isinstance(limit, int) or limit not in _TIME_LIMIT_RANGE:
            raise LambdaNetError.invalid(f"{self.id}.time_limit_seconds", limit,
                                         "a whole number of seconds from 1 to 120")
        keys = [m.key for m in self.misconceptions]
        if len(set(keys)) != len(keys):
            raise LambdaNetError.invalid(f"{self.id}.misconceptions", keys, "unique keys")
        _check_names(self.id, self.names)
        text = "\0".join((self.statement, self.entry, self.starter, self.solution))
        object.__setattr__(self, "version", hashlib.sha256(text.encode()).hexdigest()[:12])

    def all_cases(self, seed: int = 0) -> list[Case]:
        """The fixed cases, then ``random_count`` drawn ones (the same for a given seed)."""
        rng = random.Random(seed)
        if not self.random_case:
            return list(self.cases)
        drawn = [self.random_case(rng) for _ in range(self.random_count)]
        return [*self.cases, *drawn]

    def misconception(self, key: str) -> Misconception:
        """The misconception called ``key`` (an exercise bug if there is none)."""
        for m in self.misconceptions:
            if m.key == key:
                return m
        raise LambdaNetError.invalid(f"{self.id}.misconceptions", key, "a declared key")


_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _check_names(exercise_id: str, names: Any) -> None:
    """``names`` must be a tuple of distinct dotted Python names (the build checks they exist)."""
    where = f"{exercise_id}.names"
    if not isinstance(names, tuple):
        raise LambdaNetError.invalid(where, names, "a tuple of names such as ('RouteTable',)")
    for name in names:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise LambdaNetError.invalid(where, name, "a dotted Python name such as "
                                         "'Vpc.route_table_for'")
    if len(set(names)) != len(names):
        raise LambdaNetError.invalid(where, names, "each name once")


@dataclass(frozen=True, kw_only=True, slots=True)
class Feedback:
    """What the learner sees after Run or Check. Plain text: the page shows it as text.

    Examples:
        >>> Feedback(status="ran", title="Ran", message="").to_dict()["status"]
        'ran'
    """

    status: Status
    title: str
    message: str
    misconception: str | None = None
    output: str = ""
    picture: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict for the browser (``picture``, an SVG string, only when drawn;
        ``value``, the full value a Run's message summarises, only when there is one)."""
        data = {"status": self.status, "title": self.title, "message": self.message,
                "misconception": self.misconception, "output": self.output}
        if self.picture is not None:
            data["picture"] = self.picture
        if self.value is not None:
            data["value"] = self.value
        return data


class _Stopped(Exception):
    """The learner pressed Stop (a KeyboardInterrupt reached the grader)."""


class _CappedOutput(io.StringIO):
    """Keeps the first ``OUTPUT_LIMIT`` characters printed and counts the rest."""

    dropped = 0

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.tell()
        if room > 0:
            super().write(text[:room])
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self) -> str:
        note = f"\n... {self.dropped:,} more characters not shown" if self.dropped else ""
        return self.getvalue() + note


def grade(exercise: Exercise, code: str, *, mode: Literal["check", "run"] = "check") -> Feedback:
    """Run ``code`` for ``exercise``; ``"check"`` grades it, ``"run"`` shows one result.

    Examples:
        >>> ex = Exercise(id="x", title="t", statement="s", entry="f", starter="", success="",
        ...               solution="def f():\\n    return 1\\n", cases=(Case(label="no input"),))
        >>> grade(ex, "def f(:").title
        'Syntax error on line 1'
        >>> print(grade(ex, "def f():\\n    return 1/0\\n").message)
        For no input, line 2 raised ZeroDivisionError: division by zero
        >>> print(grade(ex, "print('hi')\\ndef f():\\n    return 1\\n", mode="run").output)
        hi
    """
    out = _CappedOutput()
    try:
        with redirect_stdout(out):
            return _grade(exercise, code, mode, out)
    except (_Stopped, KeyboardInterrupt):  # also a Stop that lands while the grader compares
        return Feedback(status="stopped", title="Stopped",
                        message="Your code was stopped before it finished.", output=out.text())
    except (MemoryError, RecursionError, SystemExit) as err:
        # Raised by the learner's value while the grader copies, compares or shows it: feedback,
        # never a failed call that the browser would take for a broken Python.
        return Feedback(status="error", title="Your answer could not be checked",
                        message=f"Working with the value your code returned raised "
                                f"{type(err).__name__}; return a plain, smaller value.",
                        output=out.text())


def _grade(exercise: Exercise, code: str, mode: str, out: _CappedOutput) -> Feedback:
    def reply(status: Status, title: str, message: str, key: str | None = None,
              picture: str | None = None) -> Feedback:
        return Feedback(status=status, title=title, message=message, misconception=key,
                        output=out.text(), picture=picture)

    try:
        compiled = compile(code, _FILENAME, "exec")
    except SyntaxError as err:
        return reply("error", f"Syntax error on line {err.lineno}", f"{err.msg}.")
    namespace: dict[str, Any] = {"__name__": "__main__"}
    _, failure = _call(exec, compiled, namespace)
    if failure:
        return reply("error", "Your code raised an error", failure)
    learner = namespace.get(exercise.entry)
    if learner is None or (exercise.kind == "function" and not callable(learner)):
        what = "a function" if exercise.kind == "function" else "a variable"
        return reply("error", f"No {exercise.entry} yet",
                     f"Define {what} called {exercise.entry}; the checks use it.")
    if mode == "run":
        return _preview(exercise, learner, reply)
    reference = _reference(exercise)
    cases = exercise.all_cases()
    got: list[Any] = []
    for case in cases:
        value, failure = _call(_apply, exercise, learner, case)
        if failure:
            return reply("error", "Your code raised an error", f"For {case.label}, {failure}")
        got.append(value)
    expected = [_apply(exercise, reference, case) for case in cases]

    def drawn(i: int) -> str | None:
        return _draw(exercise, got[i], expected[i], cases[i])

    if exercise.judge is not None:
        for i, (case, mine, right) in enumerate(zip(cases, got, expected, strict=True)):
            verdict = exercise.judge(mine, right, case)
            if verdict is not None:
                key, detail = (verdict, "") if isinstance(verdict, str) else verdict
                m = exercise.misconception(key)
                return reply("misconception", m.name, _join(m.feedback, detail), key, drawn(i))
        return reply("passed", "Correct", exercise.success, picture=drawn(0))
    wrong = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if not _same(a, b)]
    if not wrong:
        return reply("passed", "Correct", exercise.success, picture=drawn(0))
    i = wrong[0]
    for m in exercise.misconceptions:
        if m.predict is not None and all(_same(m.predict(*copy.deepcopy(c.args)), g)
                                         for c, g in zip(cases, got, strict=True)):
            return reply("misconception", m.name, m.feedback, m.key, drawn(i))
    return reply("wrong", "Not yet", f"For {cases[i].label}, {exercise.entry} returned "
                 f"{_show(got[i])}; the model says {_show(expected[i])}.", picture=drawn(i))


def _preview(exercise: Exercise, learner: Any, reply: Callable[..., Feedback]) -> Feedback:
    case = exercise.cases[0]
    if exercise.kind == "value":
        picture = _draw(exercise, learner, _reference(exercise), case)
        return dataclasses.replace(
            reply("ran", "Ran", f"{exercise.entry} = {summary(learner)}", picture=picture),
            value=full_value(learner))
    value, failure = _call(_apply, exercise, learner, case)
    if failure:
        return reply("error", "Your code raised an error", f"For {case.label}, {failure}")
    picture = _draw(exercise, value, _apply(exercise, _reference(exercise), case), case)
    ran = reply("ran", "Ran", f"For {case.label}, {exercise.entry} returned {summary(value)}.",
                picture=picture)
    return dataclasses.replace(ran, value=full_value(value))


def _draw(exercise: Exercise, got: Any, expected: Any, case: Case) -> str | None:
    """The exercise's picture of this answer, or None: a picture never decides the feedback."""
    if exercise.picture is None:
        return None
    try:
        svg = exercise.picture(got, expected, case)
    except KeyboardInterrupt:
        raise _Stopped from None
    except Exception:
        return None
    return svg if isinstance(svg, str) else None


def _reference(exercise: Exercise) -> Any:
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(exercise.solution, f"<solution of {exercise.id}>", "exec"), namespace)
    return namespace[exercise.entry]


def _apply(exercise: Exercise, target: Any, case: Case) -> Any:
    # Fresh copies: a learner's function that mutates its input must not change the next call.
    return target if exercise.kind == "value" else target(*copy.deepcopy(case.args))


def _call(action: Callable[..., Any], *args: Any) -> tuple[Any, str]:
    """Run learner code: (its result, "") or (None, one line on the error and its line number)."""
    try:
        return action(*args), ""
    except KeyboardInterrupt:
        raise _Stopped from None
    except RecursionError:
        return None, "the code called itself too deeply (RecursionError)."
    except MemoryError as err:
        line = _learner_line(err)
        where = f"line {line}" if line else "it"
        return None, f"{where} ran out of memory (MemoryError); the checks need far smaller values."
    except SystemExit:
        return None, "the code called exit(); the checks need it to return instead."
    except Exception as err:
        line = _learner_line(err)
        where = f"line {line} raised" if line else "it raised"
        return None, f"{where} {type(err).__name__}: {err}"


def _learner_line(err: BaseException) -> int | None:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == _FILENAME]
    return frames[-1].lineno if frames else None


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(type(a) is type(b) and a == b) or (_number(a) and _number(b) and a == b)
    except Exception:
        return False


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)
