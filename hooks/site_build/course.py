"""Every read of the course the site build makes: the one module to change when it moves.

Exercises come from ``lambdanet_edu.exercises``, quizzes (compiled, and their exports) from
``lambdanet_edu.quizzes``, page values from ``hooks/page_values``. Nothing else in the build
imports them. Quizzes are imported when first asked for: importing them renders and checks every
question, and a broken one must fail the build as a named error, not a failed hook load.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import page_values
from mkdocs.exceptions import PluginError

from lambdanet_edu.exercises import EXERCISES, TOPICS, Exercise

__all__ = ["Topic", "compiled_quizzes", "exercises", "export_quizzes", "export_suffixes",
           "page_of_exercise", "page_of_quiz", "page_value", "topics"]

#: Quiz id -> the page it sits on; every other quiz id is its page's slug.
_QUIZ_PAGE_OF = {"start": "index.md"}


@dataclass(frozen=True)
class Topic:
    """A topic as the build lists it: its page (a ``docs/`` file) and its exercises, in order."""

    page: str
    exercises: tuple[Exercise, ...]


def topics() -> tuple[Topic, ...]:
    """The topics with exercises, in course order."""
    return tuple(Topic(_page_of_topic(name), tuple(exs)) for name, exs in TOPICS.items())


def exercises() -> Mapping[str, Exercise]:
    """Exercise id -> exercise, in course order."""
    return EXERCISES


def page_of_exercise(exercise_id: str) -> str:
    """The ``docs/`` page an exercise sits on (``egress.md``)."""
    (name,) = [name for name, exs in TOPICS.items() if any(e.id == exercise_id for e in exs)]
    return _page_of_topic(name)


def _page_of_topic(name: str) -> str:
    return f"{name.replace('_', '-')}.md"


def compiled_quizzes() -> dict[str, dict[str, Any]]:
    """Quiz id -> compiled quiz (the JSON the browser reads), in course order (about 2 ms)."""
    from lambdanet_edu import quizzes

    return {quiz["id"]: quiz for quiz in quizzes.compiled_quizzes()}


def page_of_quiz(quiz_id: str) -> str:
    """The ``docs/`` page a quiz sits on (``index.md`` for the start page's)."""
    return _QUIZ_PAGE_OF.get(quiz_id, f"{quiz_id}.md")


def export_suffixes() -> Mapping[str, str]:
    """Quiz export format -> the file suffix it is written with."""
    from lambdanet_edu.quizzes.export import FILE_SUFFIXES

    return FILE_SUFFIXES


def export_quizzes(quizzes: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """Compiled quizzes as one file in an export format."""
    from lambdanet_edu.quizzes.export import export

    return export(quizzes, fmt)


def page_value(name: str) -> Callable[[], str]:
    """The function behind ``[[value MODULE.FUNC]]`` (``ip_addresses.model_table``)."""
    module_name, _, func_name = name.partition(".")
    full_name = f"{page_values.__name__}.{module_name}"
    try:
        module = importlib.import_module(full_name)
    except ModuleNotFoundError as err:
        if err.name != full_name:
            raise  # a real import error inside the module: let its cause show
        module = None
    func: Callable[[], str] | None = getattr(module, func_name, None)
    if func is None:
        raise PluginError(f"unknown value {name!r}: define {func_name}() in "
                          f"hooks/page_values/{module_name}.py")
    return func
