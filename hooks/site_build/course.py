"""Every read of the course the site build makes, through the registry ``lambdanet_edu.course``.

Topics, exercises, quizzes (compiled, and their exports) and page values all come from
``lambdanet_edu.course.TOPICS``; nothing else in the build imports the course. Quizzes are
compiled when first asked for: compiling renders and checks every question, and a broken one must
fail the build as a named error, not a failed hook load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mkdocs.exceptions import PluginError

import lambdanet_edu.course as registry
from lambdanet_edu.course import EXERCISES, TOPICS, Exercise, Topic
from lambdanet_edu.errors import LambdaNetError

__all__ = ["compiled_quizzes", "exercises", "export_quizzes", "export_suffixes",
           "page_of_exercise", "page_of_quiz", "page_value", "topics"]


def topics() -> tuple[Topic, ...]:
    """Every topic, in course order (the start page's has no exercises)."""
    return TOPICS


def exercises() -> Mapping[str, Exercise]:
    """Exercise id -> exercise, in course order."""
    return EXERCISES


def page_of_exercise(exercise_id: str) -> str:
    """The ``docs/`` page an exercise sits on (``egress.md``)."""
    return registry.topic_of_exercise(exercise_id).page


def compiled_quizzes() -> dict[str, dict[str, Any]]:
    """Quiz id -> compiled quiz (the JSON the browser reads), in course order (about 2 ms)."""
    # Through the module, so a test can put a broken quiz in its place.
    return {quiz["id"]: quiz for quiz in registry.compiled_quizzes()}


def page_of_quiz(quiz_id: str) -> str:
    """The ``docs/`` page a quiz sits on (``index.md`` for the start page's)."""
    return registry.topic(quiz_id).page


def export_suffixes() -> Mapping[str, str]:
    """Quiz export format -> the file suffix it is written with."""
    from lambdanet_edu.course.quizzes.export import FILE_SUFFIXES

    return FILE_SUFFIXES


def export_quizzes(quizzes: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """Compiled quizzes as one file in an export format."""
    from lambdanet_edu.course.quizzes.export import export

    return export(quizzes, fmt)


def page_value(name: str) -> Callable[[], Any]:
    """The function behind ``[[value TOPIC.FUNC]]`` (``ip_addresses.prefix_table``)."""
    try:
        return registry.page_value(name)
    except LambdaNetError as err:
        raise PluginError(f"unknown value {name!r}: {err}") from None
