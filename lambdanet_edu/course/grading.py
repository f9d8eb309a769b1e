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

import _thread
import copy
import ctypes
import dataclasses
import hashlib
import io
import os
import random
import re
import sys
import threading
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from typing import Any, Literal

from lambdanet_edu.course._integrity import Guard, Hooks
from lambdanet_edu.course.summary import full_value, summary
from lambdanet_edu.errors import LambdaNetError

__all__ = ["Case", "Exercise", "Feedback", "Misconception", "fingerprint", "grade", "guarded"]

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
    #: The learner's code changed Python itself (the grader, the model, builtins, a hook): it
    #: was put back here, and the browser starts a new Python before the next run to be sure.
    reset: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict for the browser (``picture``, an SVG string, only when drawn;
        ``value``, the full value a Run's message summarises, only when there is one;
        ``reset`` only when set)."""
        data: dict[str, Any] = {
            "status": self.status, "title": self.title, "message": self.message,
            "misconception": self.misconception, "output": self.output}
        if self.picture is not None:
            data["picture"] = self.picture
        if self.value is not None:
            data["value"] = self.value
        if self.reset:
            data["reset"] = True
        return data


class _Stopped(Exception):
    """The learner pressed Stop (a KeyboardInterrupt reached the grader)."""


class _TimeUp(BaseException):
    """Raised in the grading thread by :class:`_Watchdog` when the time limit is reached."""


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


def _guard_tools() -> tuple[Callable[[], Guard], Callable[..., Any], Callable[..., Any],
                            Callable[[], Hooks], Callable[..., Any], Callable[..., Any]]:
    """The guard's functions as they are now: later changes to the modules do not reach them."""
    made: list[Guard] = []

    def the_guard() -> Guard:
        if not made:  # first grading: nothing of the learner's has run yet
            guard = Guard()
            course = sys.modules.get("lambdanet_edu.course")
            exercises = getattr(course, "EXERCISES", {})
            guard.watch([obj for ex in exercises.values()
                         for obj in (ex, *ex.cases, *ex.misconceptions)])
            made.append(guard)
        return made[0]

    return (the_guard, Guard.restore, Guard.adopt, Hooks, Hooks.differences, Hooks.put_back)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func``, called only after what earlier learner code changed has been put back.

    The browser's worker calls the course's entry points through this, holding the function it
    got at start-up: a module attribute that learner code replaced is back before it is used.

    Examples:
        >>> import json
        >>> dumps = guarded(lambda value: json.dumps(value))
        >>> dumps([0])
        '[0]'
        >>> json.dumps = lambda value: "forged"
        >>> dumps([1])
        '[1]'
    """
    the_guard, restore, adopt = _TOOLS[0], _TOOLS[1], _TOOLS[2]
    clear_events = Guard.clear_events

    def entry(*args: Any, **kwargs: Any) -> Any:
        guard = the_guard()
        for _ in range(3):
            try:
                clear_events(guard)
                adopt(guard)
                guard.fresh = not restore(guard)
                break
            except KeyboardInterrupt:
                # Stop pressed before the learner's code ran (the request waited behind other
                # work): finish putting things back; the page restarts Python if nothing answers.
                guard.fresh = False
        try:
            return func(*args, **kwargs)
        finally:
            guard.fresh = False

    entry.__name__, entry.__qualname__ = func.__name__, func.__qualname__
    entry.__doc__, entry.__module__ = func.__doc__, func.__module__
    return entry


def _make_grade() -> Callable[..., Feedback]:
    the_guard, restore, adopt, hooks_now, hooks_differ, hooks_put_back = _TOOLS
    settrace, setprofile = sys.settrace, sys.setprofile
    clear_events = Guard.clear_events
    getlimit, setlimit = sys.getrecursionlimit, sys.setrecursionlimit
    checked, finish, new_watchdog, stop = _checked, _finish, _Watchdog, _Watchdog.stop
    broken = Feedback(status="error", title="Python needs a restart", reset=True,
                      message="Your code changed Python in a way the page could not undo; "
                              "Python starts again before the next run. Your code is kept.")

    def grade(exercise: Exercise, code: str, *, mode: Literal["check", "run"] = "check",
              seed: int | None = None) -> Feedback:
        """Run ``code`` for ``exercise``; ``"check"`` grades it, ``"run"`` shows one result.

        ``seed`` draws the random cases; by default a fresh one per check, so answers learnt from
        earlier feedback do not pass. The reference solution and the learner's code see the same
        inputs. Whatever the learner's code raises or changes, this returns feedback: what it
        changed outside its own namespace is put back before the next grading (see
        :mod:`lambdanet_edu.course._integrity`), and the check then does not count.

        Examples:
            >>> ex = Exercise(id="x", title="t", statement="s", entry="f", starter="",
            ...               success="", solution="def f():\\n    return 1\\n",
            ...               cases=(Case(label="no input"),))
            >>> grade(ex, "def f(:").title
            'Syntax error on line 1'
            >>> print(grade(ex, "def f():\\n    return 1/0\\n").message)
            For no input, line 2 raised ZeroDivisionError: division by zero
            >>> print(grade(ex, "print('hi')\\ndef f():\\n    return 1\\n",
            ...             mode="run").output)
            hi
            >>> tamper = "import builtins\\nbuiltins.len = None\\ndef f():\\n    return 1\\n"
            >>> feedback = grade(ex, tamper)
            >>> feedback.title, feedback.reset, len("still here")
            ('Your code changed Python itself', True, 10)
        """
        guard = the_guard()
        if not guard.fresh:  # what changed since the last grading (a thread, a late __del__)
            clear_events(guard)
            adopt(guard)
            restore(guard)
        guard.fresh = False
        clear_events(guard)  # what ran before this check is not the learner's
        hooks = hooks_now()
        limit = getlimit()
        watchdog = new_watchdog(exercise.time_limit_seconds)
        outcome: list[Any] = [watchdog]
        try:
            checked(exercise, code, mode, seed, guard, adopt, outcome)
        except BaseException as err:
            outcome.append(err)
        settrace(None)  # before any other Python call: a learner's hook runs on each of them
        setprofile(None)
        if getlimit() != limit:  # put back first: a lowered limit would stop the check itself
            setlimit(limit)
            outcome.append("sys.setrecursionlimit")
        for _ in range(3):  # a hook that raises is unset by Python itself: try again
            try:
                stop(watchdog)  # the clock first, so that nothing below is interrupted
                return finish(exercise, guard, hooks, outcome, restore, hooks_differ,
                              hooks_put_back)
            except BaseException:
                settrace(None)
                setprofile(None)
                continue
        return broken

    return grade


def _checked(exercise: Exercise, code: str, mode: str, seed: int | None, guard: Guard,
             adopt: Callable[..., Any], outcome: list[Any]) -> None:
    """Grades with the output captured and a time limit; the feedback goes in ``outcome``."""
    out = _CappedOutput()
    outcome.append(out)
    watchdog = outcome[0]
    try:
        watchdog.start()
        with redirect_stdout(out):
            outcome.append(_grade(exercise, code, mode, out, seed, lambda: adopt(guard)))
    finally:
        watchdog.stop()


def _finish(exercise: Exercise, guard: Guard, hooks: Hooks, outcome: list[Any],
            restore: Callable[..., Any], hooks_differ: Callable[..., Any],
            hooks_put_back: Callable[..., Any]) -> Feedback:
    changed = restore(guard)  # first: everything below may use what the learner replaced
    now = Hooks()
    changed += [name for name in hooks_differ(hooks, now) if name not in changed]
    changed += [x for x in outcome if isinstance(x, str) and x not in changed]
    hooks_put_back(hooks)
    out = outcome[1] if len(outcome) > 1 and isinstance(outcome[1], _CappedOutput) \
        else _CappedOutput()
    timed_out = outcome[0].fired
    results = [x for x in outcome[2:] if not isinstance(x, str)]
    result = results[-1] if results else None
    if changed or guard.broken:
        return _tampered(exercise, changed, out, broken=guard.broken)
    if timed_out:
        return Feedback(status="stopped", title="Time limit reached", output=out.text(),
                        message=f"Your code ran for {exercise.time_limit_seconds} s, this "
                                "exercise's time limit, and was stopped. Your code is kept; "
                                "look for a loop that never ends.")
    if isinstance(result, Feedback):
        return result
    if isinstance(result, (_Stopped, KeyboardInterrupt)):
        return Feedback(status="stopped", title="Stopped",
                        message="Your code was stopped before it finished.", output=out.text())
    # Raised by the learner's value while the grader copies, compares or shows it: feedback,
    # never a failed call that the browser would take for a broken Python.
    name = _text(type(result).__name__) if isinstance(result, BaseException) else "an error"
    return Feedback(status="error", title="Your answer could not be checked",
                    message=f"Working with the value your code returned raised {name}; "
                            "return a plain, smaller value.", output=out.text())


def _tampered(exercise: Exercise, changed: list[str], out: _CappedOutput, *,
              broken: bool) -> Feedback:
    names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    after = ("Some of it cannot be undone in place, so Python starts again before the next run."
             if broken else "It was all put back, so nothing carries over to other exercises.")
    return Feedback(
        status="error", title="Your code changed Python itself", reset=True, output=out.text(),
        message=f"Your code changed {names or 'Python'}, which the checks and the other "
                f"exercises rely on. {after} This check does not count. Your code is kept: "
                f"change it so that it only defines {exercise.entry}, then check again.")


class _Watchdog:
    """Stops learner code after ``seconds`` in CPython, where nothing else would.

    A thread raises :class:`_TimeUp` in the grading thread, again every few milliseconds until
    grading ends: a loop that catches it (even ``except BaseException``) sooner or later gets it
    outside its ``try``. :meth:`stop` uses only C-level locks, so learner code that replaced
    Python-level functions cannot keep it running. In the browser there are no threads: the page
    enforces the same limit by interrupting or restarting Python, so this does nothing there.
    """

    EVERY_S = 0.005
    usable = sys.platform != "emscripten" and hasattr(ctypes, "pythonapi")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self.active = True
        self.target = threading.get_ident()
        self.lock = _thread.allocate_lock()
        self.wake = _thread.allocate_lock()
        self.wake.acquire()
        self.running = False

    def start(self) -> None:
        if self.usable:
            _thread.start_new_thread(self._run, ())
            self.running = True

    def _run(self) -> None:
        if self.wake.acquire(timeout=self.seconds):
            return
        while True:
            with self.lock:
                if not self.active:
                    return
                self.fired = True
                _async_raise(self.target, _TimeUp)
            if self.wake.acquire(timeout=self.EVERY_S):
                return

    def stop(self) -> None:
        """Ends the clock; safe to call again (after a _TimeUp that landed in here)."""
        with self.lock:
            if not self.active:
                return
            self.active = False
        if self.running:
            self.wake.release()
        if self.fired:
            _async_raise(self.target, None)  # one sent but not yet raised is withdrawn


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    if _SET_ASYNC_EXC is None:
        return
    _SET_ASYNC_EXC(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else ctypes.c_void_p(0))


_SET_ASYNC_EXC = ctypes.pythonapi.PyThreadState_SetAsyncExc if _Watchdog.usable else None


def _grade(exercise: Exercise, code: str, mode: str, out: _CappedOutput, seed: int | None,
           adopt: Callable[[], Any]) -> Feedback:
    def reply(status: Status, title: str, message: str, key: str | None = None,
              picture: str | None = None) -> Feedback:
        return Feedback(status=status, title=title, message=message, misconception=key,
                        output=out.text(), picture=picture)

    try:
        compiled = compile(code, _FILENAME, "exec")
    except SyntaxError as err:
        return reply("error", f"Syntax error on line {err.lineno}", f"{_text(err.msg)}.")
    except (ValueError, MemoryError, RecursionError) as err:  # NUL bytes, absurd nesting
        return reply("error", "Your code could not be read", f"{type(err).__name__}: {_text(err)}")
    # The expected answers first, before any learner code has run: what that code changes
    # cannot reach them (and whatever it changes is put back after the check).
    cases = exercise.all_cases(_fresh_seed() if seed is None else seed)
    if mode == "run":
        cases = cases[:1]
    reference = _reference(exercise)
    expected = [_apply(exercise, reference, case) for case in cases]
    adopt()  # modules the reference imported are part of the clean state
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
        return _preview(exercise, learner, expected[0], reply)
    got: list[Any] = []
    for case in cases:
        value, failure = _call(_apply, exercise, learner, case)
        if failure:
            return reply("error", "Your code raised an error", f"For {case.label}, {failure}")
        got.append(value)

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
        if m.predict is not None and _predicts(m.predict, cases, got):
            return reply("misconception", m.name, m.feedback, m.key, drawn(i))
    return reply("wrong", "Not yet", f"For {cases[i].label}, {exercise.entry} returned "
                 f"{_show(got[i])}; the model says {_show(expected[i])}.", picture=drawn(i))


def _fresh_seed() -> int:
    """A seed no learner can know in advance (the operating system's randomness)."""
    return int.from_bytes(os.urandom(8), "big")


def _predicts(predict: Callable[..., Any], cases: list[Case], got: list[Any]) -> bool:
    try:
        return all(_same(predict(*copy.deepcopy(c.args)), g)
                   for c, g in zip(cases, got, strict=True))
    except KeyboardInterrupt:
        raise _Stopped from None
    except Exception:
        return False  # the learner's value broke the comparison: not this misconception


def _preview(exercise: Exercise, learner: Any, expected: Any,
             reply: Callable[..., Feedback]) -> Feedback:
    case = exercise.cases[0]
    if exercise.kind == "value":
        picture = _draw(exercise, learner, expected, case)
        return dataclasses.replace(
            reply("ran", "Ran", f"{exercise.entry} = {summary(learner)}", picture=picture),
            value=full_value(learner))
    value, failure = _call(_apply, exercise, learner, case)
    if failure:
        return reply("error", "Your code raised an error", f"For {case.label}, {failure}")
    picture = _draw(exercise, value, expected, case)
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
    except _TimeUp:
        raise
    except RecursionError:
        return None, "the code called itself too deeply (RecursionError)."
    except MemoryError as err:
        line = _learner_line(err)
        where = f"line {line}" if line else "it"
        return None, f"{where} ran out of memory (MemoryError); the checks need far smaller values."
    except SystemExit:
        return None, "the code called exit(); the checks need it to return instead."
    except BaseException as err:
        line = _learner_line(err)
        where = f"line {line} raised" if line else "it raised"
        detail = _text(err)
        return None, f"{where} {_text(type(err).__name__)}" + (f": {detail}" if detail else "")


def _learner_line(err: BaseException) -> int | None:
    # The traceback's own frames, not traceback.extract_tb: that looks source lines up through
    # the learner's module globals (a __loader__ of theirs would run).
    line = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _same(a: Any, b: Any) -> bool:
    # Numbers compare across int and float, but only plain ones: a subclass of the learner's
    # could define == as it likes.
    try:
        return bool(type(a) is type(b) and a == b) or (_number(a) and _number(b) and a == b)
    except KeyboardInterrupt:
        raise _Stopped from None
    except Exception:
        return False


def _number(x: Any) -> bool:
    return type(x) in (int, float)


#: Longest text of a learner's value or error shown in feedback.
_SHOWN = 200


def _text(value: Any, *, shown: Callable[[Any], str] = str) -> str:
    """``str`` (or ``repr``) of a learner's object, cut to a readable length; never raises on
    their behalf (a ``__str__`` that raises, an int too long to print)."""
    try:
        text = shown(value)
        if not isinstance(text, str):
            raise TypeError
    except KeyboardInterrupt:
        raise _Stopped from None
    except (_TimeUp, MemoryError, RecursionError):
        raise  # the whole answer cannot be worked with: grade() says so
    except BaseException as err:
        return f"(a {_kind(value)} that cannot be shown: {_kind(err)})"
    return text if len(text) <= _SHOWN else text[:_SHOWN - 3] + "..."


def _kind(value: Any) -> str:
    return type(value).__name__ if isinstance(type(value).__name__, str) else "value"


def _show(value: Any) -> str:
    return _text(value, shown=repr)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


_TOOLS = _guard_tools()
grade = _make_grade()


def fingerprint() -> None:
    """Takes the fingerprints now, if not yet (the course does once it is imported, before any
    learner code has run, so that the first check does not pay for them).

    Examples:
        >>> fingerprint()
    """
    _TOOLS[0]()
