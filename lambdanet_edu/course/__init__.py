"""The course's exercises, one module per page, and the entry points the browser calls.

Each topic module holds an ``EXERCISES`` tuple. The browser's worker calls :func:`grade_json`
and :func:`solution_of`; pytest calls the same :func:`~lambdanet_edu.exercises.grading.grade`
on every reference solution and every known wrong answer.

Examples:
    >>> import json
    >>> reply = json.loads(grade_json("eni-count", "def eni_count(functions):\\n    return len(functions)\\n"))
    >>> reply["status"], reply["title"]
    ('misconception', 'Counted one ENI per function')
    >>> exercise("no-such-exercise")
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: exercise id must be one of the ids in EXERCISES, got 'no-such-exercise'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.exercises import egress, ip_addresses, scaling, where_it_runs
from lambdanet_edu.exercises.grading import Case, Exercise, Feedback, Misconception, grade

__all__ = [
    "EXERCISES",
    "TOPICS",
    "Case",
    "Exercise",
    "Feedback",
    "Misconception",
    "exercise",
    "grade",
    "grade_json",
    "solution_of",
]

#: Topic module name -> its exercises, in course order.
TOPICS: Mapping[str, tuple[Exercise, ...]] = MappingProxyType({
    module.__name__.rsplit(".", 1)[1]: module.EXERCISES
    for module in (where_it_runs, ip_addresses, egress, scaling)
})


def _index() -> Mapping[str, Exercise]:
    found: dict[str, Exercise] = {}
    for topic, exercises in TOPICS.items():
        for ex in exercises:
            if ex.id in found:
                raise LambdaNetError.invalid(f"{topic}.EXERCISES", ex.id, "ids used only once")
            found[ex.id] = ex
    return MappingProxyType(found)


#: Exercise id -> exercise, across all topics.
EXERCISES: Mapping[str, Exercise] = _index()


def exercise(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Examples:
        >>> exercise("eni-count").entry
        'eni_count'
    """
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise LambdaNetError.invalid("exercise id", exercise_id,
                                     "one of the ids in EXERCISES") from None


def grade_json(exercise_id: str, code: str, mode: str = "check") -> str:
    """Grade ``code`` and return the feedback as JSON (what the browser's worker calls).

    Examples:
        >>> json.loads(grade_json("eni-count", "x = 1", "run"))["title"]
        'No eni_count yet'
    """
    if mode not in ("check", "run"):
        raise LambdaNetError.invalid("mode", mode, "'check' or 'run'")
    return json.dumps(grade(exercise(exercise_id), code, mode=mode).to_dict())


def solution_of(exercise_id: str) -> str:
    """The reference solution's code (the page shows it only after a real attempt).

    Examples:
        >>> "frozenset" in solution_of("eni-count")
        True
    """
    return exercise(exercise_id).solution
