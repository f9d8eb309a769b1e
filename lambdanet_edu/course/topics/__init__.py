"""One package per topic of the course, and :class:`Topic`, the declaration each one makes.

A topic's package holds its exercises (one module each), its ``quiz.py`` and its ``page.py``
(the values and pictures its page shows), and declares itself once, in its ``__init__``, as
``TOPIC = Topic(...)``. :mod:`lambdanet_edu.course` lists the topics in course order. This
package imports none of them statically, so each can import :class:`Topic` from here without a
cycle.

A topic's quiz and page values load on first use (:attr:`Topic.quiz`, :attr:`Topic.values`):
the browser's worker imports the course to grade exercises, and building every quiz (each
renders and checks all its variants) or every page's pictures would only slow its start.

Examples:
    >>> from lambdanet_edu.course import topic
    >>> where = topic("where-it-runs")
    >>> where.name, where.page, where.lesson, where.quiz.id
    ('where_it_runs', 'where-it-runs.md', 'lessons/01_where_it_runs.py', 'where-it-runs')
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.quizzes import Quiz
from lambdanet_edu.errors import LambdaNetError

__all__ = ["Topic"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LESSON = re.compile(r"lessons/\d\d_[a-z0-9_]+\.py")


@dataclass(frozen=True, kw_only=True, slots=True)
class Topic:
    """A topic of the course: its page, its lesson, its exercises, its quiz and its page values.

    Args:
        slug: The page's URL slug and the quiz id, e.g. ``"where-it-runs"``.
        name: The topic's package name, ``slug`` with underscores (``"where_it_runs"``); pages
            name a value as ``[[value NAME.FUNCTION]]``.
        title: The page's title in the site's navigation (``mkdocs.yml``).
        page: The page's file under ``docs/`` (``"index.md"`` for the start page).
        lesson: The topic's notebook, ``"lessons/NN_<name>.py"``, or None.
        exercises: The page's exercises, in page order.
        has_quiz: Whether the topic's package has a ``quiz.py`` defining ``QUIZ``.

    Examples:
        >>> Topic(slug="Egress", name="egress", title="Egress", page="egress.md", lesson=None,
        ...       exercises=())
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: topic slug must be a slug (lower-case letters,
        digits and single hyphens), got 'Egress'
    """

    slug: str
    name: str
    title: str
    page: str
    lesson: str | None
    exercises: tuple[Exercise, ...]
    has_quiz: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.slug, str) or not _SLUG.fullmatch(self.slug):
            raise LambdaNetError.invalid(
                "topic slug", self.slug, "a slug (lower-case letters, digits and single hyphens)")
        where = f"topic {self.slug!r}"
        if self.name != self.slug.replace("-", "_"):
            raise LambdaNetError.invalid(f"{where} name", self.name,
                                         repr(self.slug.replace("-", "_")))
        if not isinstance(self.title, str) or not self.title.strip():
            raise LambdaNetError.invalid(f"{where} title", self.title, "a non-empty string")
        if not isinstance(self.page, str) or not self.page.endswith(".md"):
            raise LambdaNetError.invalid(f"{where} page", self.page, "a file under docs/, *.md")
        if self.lesson is not None and not (
                isinstance(self.lesson, str) and _LESSON.fullmatch(self.lesson)):
            raise LambdaNetError.invalid(f"{where} lesson", self.lesson,
                                         "'lessons/NN_<name>.py' or None")
        if not isinstance(self.exercises, tuple) or not all(
                isinstance(ex, Exercise) for ex in self.exercises):
            raise LambdaNetError.invalid(f"{where} exercises", self.exercises,
                                         "a tuple of Exercise")
        if not isinstance(self.has_quiz, bool):
            raise LambdaNetError.invalid(f"{where} has_quiz", self.has_quiz, "True or False")

    @property
    def package(self) -> str:
        """The topic's package, ``lambdanet_edu.course.topics.<name>``."""
        return f"{__name__}.{self.name}"

    @property
    def quiz(self) -> Quiz | None:
        """The page's quiz (``QUIZ`` in the package's ``quiz.py``; its id is the slug), or None."""
        if not self.has_quiz:
            return None
        found = getattr(importlib.import_module(f"{self.package}.quiz"), "QUIZ", None)
        if not isinstance(found, Quiz) or found.id != self.slug:
            raise LambdaNetError.invalid(f"topic {self.slug!r} quiz", found,
                                         f"a Quiz named QUIZ whose id is {self.slug!r}")
        return found

    @property
    def values(self) -> ModuleType:
        """The package's ``page`` module: zero-argument functions listed in its ``__all__``, each
        returning Markdown or an SVG picture for the page."""
        module = importlib.import_module(f"{self.package}.page")
        if not isinstance(getattr(module, "__all__", None), (list, tuple)):
            raise LambdaNetError.invalid(f"topic {self.slug!r} values", module,
                                         "a page module with an __all__")
        return module
