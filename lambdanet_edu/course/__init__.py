"""The course: a registry of topics, and the entry points the site and the browser call.

Each topic declares itself once, in ``lambdanet_edu/course/topics/<name>/__init__.py``
(``TOPIC = Topic(...)``). :data:`TOPICS` lists them in course order; every other list here
(exercises, quizzes, page values) is read from it, so adding a topic means writing its package
and naming it in :data:`TOPICS`. The browser's worker calls :func:`grade_json` and
:func:`solution_of`; pytest calls the same :func:`~lambdanet_edu.course.grading.grade` on every
reference solution and every known wrong answer.

The model (:mod:`lambdanet_edu`) never imports this package.

Examples:
    >>> [t.slug for t in TOPICS]
    ['start', 'where-it-runs', 'ip-addresses', 'egress', 'scaling', 'troubleshooting',
     'your-network']
    >>> import json
    >>> code = "def eni_count(functions):\\n    return len(functions)\\n"
    >>> reply = json.loads(grade_json("eni-count", code))
    >>> reply["status"], reply["title"]
    ('misconception', 'Counted one ENI per function')
    >>> exercise("no-such-exercise")
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: exercise id must be one of the ids in EXERCISES,
    got 'no-such-exercise'
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from lambdanet_edu.course.grading import (
    Case,
    Exercise,
    Feedback,
    Misconception,
    fingerprint,
    grade,
    guarded,
)
from lambdanet_edu.course.quizzes import Quiz, compile_quiz
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics import egress as _egress
from lambdanet_edu.course.topics import ip_addresses as _ip_addresses
from lambdanet_edu.course.topics import scaling as _scaling
from lambdanet_edu.course.topics import start as _start
from lambdanet_edu.course.topics import troubleshooting as _troubleshooting
from lambdanet_edu.course.topics import where_it_runs as _where_it_runs
from lambdanet_edu.course.topics import your_network as _your_network
from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "EXERCISES",
    "QUIZZES",
    "TOPICS",
    "Case",
    "Exercise",
    "Feedback",
    "Misconception",
    "Topic",
    "compiled_quizzes",
    "exercise",
    "grade",
    "grade_json",
    "page_value",
    "quiz",
    "solution_of",
    "topic",
    "topic_of_exercise",
]

_T = TypeVar("_T")

#: Every topic, in course order (the order of the site's navigation).
TOPICS: tuple[Topic, ...] = (
    _start.TOPIC, _where_it_runs.TOPIC, _ip_addresses.TOPIC, _egress.TOPIC, _scaling.TOPIC,
    _troubleshooting.TOPIC, _your_network.TOPIC)


def _unique(kind: str, pairs: list[tuple[str, _T]]) -> Mapping[str, _T]:
    """``pairs`` as a read-only mapping; a key seen twice is an error naming it."""
    found: dict[str, _T] = {}
    for key, value in pairs:
        if key in found:
            raise LambdaNetError.invalid(kind, key, "used only once in the course")
        found[key] = value
    return MappingProxyType(found)


_BY_KEY = _unique("topic slug or name", [(key, t) for t in TOPICS for key in dict.fromkeys(
    (t.slug, t.name))])
#: Exercise id -> exercise, across all topics, in course order.
EXERCISES: Mapping[str, Exercise] = _unique(
    "exercise id", [(ex.id, ex) for t in TOPICS for ex in t.exercises])
_TOPIC_OF_EXERCISE = MappingProxyType({ex.id: t for t in TOPICS for ex in t.exercises})


class _Quizzes(Mapping[str, Quiz]):
    """Quiz id -> quiz, read from the topics when first used.

    Building a quiz renders and checks all its variants; the browser's worker imports this
    package only to grade exercises, so the quizzes load when something asks for one.
    """

    @functools.cached_property
    def _index(self) -> Mapping[str, Quiz]:
        return _unique("quiz id", [(q.id, q) for t in TOPICS if (q := t.quiz) is not None])

    def __getitem__(self, quiz_id: str) -> Quiz:
        return self._index[quiz_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"QUIZZES({list(self._index)!r})"


#: Quiz id (the topic's slug) -> quiz, in course order.
QUIZZES: Mapping[str, Quiz] = _Quizzes()


def topic(key: str) -> Topic:
    """The topic whose slug (``"where-it-runs"``) or package name (``"where_it_runs"``) is ``key``.

    Examples:
        >>> topic("where_it_runs") is topic("where-it-runs")
        True
        >>> topic("routing")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: topic must be a slug or name in TOPICS
        (start, where-it-runs, ip-addresses, egress, scaling, troubleshooting, your-network), got
        'routing'
    """
    try:
        return _BY_KEY[key]
    except (KeyError, TypeError):
        slugs = ", ".join(t.slug for t in TOPICS)
        raise LambdaNetError.invalid("topic", key, f"a slug or name in TOPICS ({slugs})") from None


def topic_of_exercise(exercise_id: str) -> Topic:
    """The topic whose page holds the exercise ``exercise_id``.

    Examples:
        >>> topic_of_exercise("nacl-replies").slug
        'egress'
    """
    exercise(exercise_id)  # an unknown id fails with the message naming EXERCISES
    return _TOPIC_OF_EXERCISE[exercise_id]


def exercise(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Examples:
        >>> exercise("eni-count").entry
        'eni_count'
    """
    try:
        return EXERCISES[exercise_id]
    except (KeyError, TypeError):
        raise LambdaNetError.invalid("exercise id", exercise_id,
                                     "one of the ids in EXERCISES") from None


def quiz(quiz_id: str) -> Quiz:
    """The quiz called ``quiz_id`` (its topic's slug).

    Examples:
        >>> quiz("egress").title
        'Egress and your network'
        >>> quiz("no-such-quiz")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: quiz id must be one of 'start', 'where-it-runs',
        'ip-addresses', 'egress', 'scaling', 'troubleshooting', 'your-network', got 'no-such-quiz'
    """
    try:
        return QUIZZES[quiz_id]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(k) for k in QUIZZES)
        raise LambdaNetError.invalid("quiz id", quiz_id, f"one of {allowed}") from None


def compiled_quizzes() -> list[dict[str, Any]]:
    """Every quiz of the course, compiled, in course order (for the widget, embeds and exports).

    Examples:
        >>> [q["id"] for q in compiled_quizzes()]
        ['start', 'where-it-runs', 'ip-addresses', 'egress', 'scaling', 'troubleshooting',
         'your-network']
    """
    return [compile_quiz(q) for q in QUIZZES.values()]


def page_value(name: str) -> Callable[[], Any]:
    """The page value ``name``, ``"<topic name>.<function>"``: a function of no argument.

    A page shows it with ``[[value NAME]]`` (Markdown) or ``[[picture NAME]]`` (an SVG). The
    function must be listed in the ``__all__`` of the topic's ``page`` module.

    Examples:
        >>> page_value("ip_addresses.prefix_table").__name__
        'prefix_table'
        >>> page_value("ip_addresses.no_such_table")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: page value 'ip_addresses.no_such_table' must be a
        function in the __all__ of lambdanet_edu/course/topics/ip_addresses/page.py, got no such
        function
    """
    module_name, dot, func_name = name.partition(".") if isinstance(name, str) else ("", "", "")
    found = _BY_KEY.get(module_name) if dot and func_name else None
    if found is None or module_name != found.name:
        names = ", ".join(t.name for t in TOPICS)
        raise LambdaNetError.invalid("page value", name,
                                     f"'<topic>.<function>' with <topic> one of {names}")
    values = found.values
    func = getattr(values, func_name, None) if func_name in values.__all__ else None
    if not callable(func):
        file = values.__name__.replace(".", "/") + ".py"
        raise LambdaNetError.invalid(f"page value {name!r}", func_name,
                                     f"a function in the __all__ of {file}",
                                     got="no such function")
    return func  # type: ignore[no-any-return]


@guarded
def grade_json(exercise_id: str, code: str, mode: str = "check", seed: int | None = None) -> str:
    """Grade ``code`` and return the feedback as JSON (what the browser's worker calls).

    Mode ``"audit"`` is the "Your network" page's file drop, which rides on the same request:
    ``code`` is then the dropped files (a JSON object of name -> text) and the answer is the
    audit (:func:`lambdanet_edu.course.topics.your_network.browser_json`).

    ``seed`` draws the random cases; the browser leaves it out (a fresh one per check), tests
    give one to compare two Pythons.

    Guarded (:func:`~lambdanet_edu.course.grading.guarded`): whatever earlier learner code
    replaced in this package (this function's own ``grade``, ``json.dumps``) is put back first.

    Examples:
        >>> json.loads(grade_json("eni-count", "x = 1", "run"))["title"]
        'No eni_count yet'
        >>> json.loads(grade_json("your-network", "sample", "audit"))["ok"]
        True
    """
    if mode == "audit":
        return _your_network.browser_json(code)
    if mode == "check":
        feedback = grade(exercise(exercise_id), code, mode="check", seed=seed)
    elif mode == "run":
        feedback = grade(exercise(exercise_id), code, mode="run", seed=seed)
    else:
        raise LambdaNetError.invalid("mode", mode, "'check', 'run' or 'audit'")
    return json.dumps(feedback.to_dict())


@guarded
def solution_of(exercise_id: str) -> str:
    """The reference solution's code (the page shows it only after a real attempt).

    Examples:
        >>> "frozenset" in solution_of("eni-count")
        True
    """
    return exercise(exercise_id).solution


# Everything above is the course as imported, before any learner code: fingerprint it now (a
# check then starts at once, and a Stop pressed straight away lands in the learner's code).
fingerprint()
