"""The quiz format (version :data:`FORMAT`): questions written in Python, answers computed.

An author writes a *scenario*, a function of a few parameters that returns the question's
:class:`Parts` (prompt, choices or the answer, explanation), computing every number with
:mod:`lambdanet_edu`. A question lists ``variants`` (parameter sets), so learners can get
different numbers. Every variant is rendered and checked when the :class:`Question` is made: a
bad question fails at import, with a :class:`QuizError` naming the file, the question, the
variant and the problem.

Examples:
    >>> from lambdanet_edu import usable_ips
    >>> def usable(cidr):
    ...     return Parts(prompt=f"How many addresses of `{cidr}` can an ENI take?",
    ...                  answer=usable_ips(cidr), explanation="AWS keeps five.")
    >>> q = Question(id="usable", kind="number", scenario=usable,
    ...              variants=({"cidr": "10.0.0.0/24"}, {"cidr": "10.0.0.0/28"}),
    ...              misconceptions=(Misconception(
    ...                  name="Forgot the five reserved addresses", explanation="AWS keeps five.",
    ...                  predict=lambda cidr: 2 ** (32 - int(cidr.split("/")[1]))),))
    >>> [(v.answer, v.wrong[0][0]) for v in q.rendered]
    [(251, 256), (11, 16)]
    >>> Question(id="Usable IPs", kind="number", scenario=usable,
    ...          variants=({"cidr": "10.0.0.0/24"},))
    Traceback (most recent call last):
    ...
    lambdanet_edu.course.quizzes.parts.QuizError: lambdanet_edu/course/quizzes/format.py:
    question 'Usable IPs': id must be a slug (lower-case letters, digits and single hyphens),
    got 'Usable IPs'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lambdanet_edu.course.quizzes._checks import check_question, render_variants
from lambdanet_edu.course.quizzes.parts import (
    ANSWER,
    KINDS,
    Choice,
    Input,
    Kind,
    Misconception,
    MistakeKind,
    Parts,
    QuizError,
    Variant,
    module_file,
)

__all__ = [
    "ANSWER",
    "FORMAT",
    "KINDS",
    "Choice",
    "Misconception",
    "MistakeKind",
    "Parts",
    "Question",
    "Quiz",
    "QuizError",
    "Variant",
    "module_file",
]

#: The format's version; compiled quizzes carry it.
FORMAT = 1
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, kw_only=True, slots=True)
class Question:
    """A question: a stable ``id``, a kind, a scenario and the variants to render it with.

    Args:
        id: A slug unique in its quiz; it stays when the wording changes.
        kind: One of :data:`KINDS`.
        scenario: Called with each variant's parameters; returns :class:`Parts`.
        variants: Parameter sets (one empty set for a question without parameters).
        misconceptions: Known wrong numbers or addresses (number, address, predict).
        tolerance: Accepted distance from a number answer (default exact).
        unit: What a number counts, e.g. ``"addresses"``.
        answer_input: For predict questions: ``"number"``, ``"address"`` or ``"single"``.
        mistakes: Kinds of slip the model can recognise in a wrong number that no
            misconception predicts (number answers); the compiler computes their numbers.

    Examples:
        >>> q = Question(id="two", kind="predict", answer_input="number",
        ...              scenario=lambda: Parts(prompt="What does it print?", code="1 + 1",
        ...                                     explanation="It is [[answer]]."))
        >>> q.rendered[0].answer, q.rendered[0].explanation, q.input
        (2, 'It is 2.', 'number')
    """

    id: str
    kind: Kind
    scenario: Callable[..., Parts]
    variants: tuple[Mapping[str, Any], ...] = (MappingProxyType({}),)
    misconceptions: tuple[Misconception, ...] = ()
    tolerance: float = 0
    unit: str | None = None
    answer_input: Input | None = None
    mistakes: tuple[MistakeKind, ...] = ()
    file: str = field(init=False)
    rendered: tuple[Variant, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", module_file(getattr(self.scenario, "__module__", "?")))
        check_question(self)
        if not isinstance(self.mistakes, tuple) or not all(
                isinstance(k, MistakeKind) for k in self.mistakes):
            raise self.fail(f"mistakes must be a tuple of MistakeKind values, got "
                            f"{self.mistakes!r}")
        if self.mistakes and self.input != "number":
            raise self.fail(f"mistakes belong to number answers, got them on a {self.input} "
                            "answer")
        object.__setattr__(self, "rendered", render_variants(self))

    @property
    def input(self) -> Input:
        """How the learner answers: the kind itself, or ``answer_input`` for predict."""
        chosen = self.answer_input if self.kind == "predict" else self.kind
        return chosen  # type: ignore[return-value]

    def fail(self, problem: str, variant: int | None = None) -> QuizError:
        """A :class:`QuizError` about this question (``variant`` counts from 1)."""
        return QuizError(self.file, problem, question=self.id, variant=variant)


@dataclass(frozen=True, kw_only=True, slots=True)
class Quiz:
    """A page's quiz: its id (the page's slug), a short title and its questions, in order.

    Examples:
        >>> q = Question(id="two", kind="number", scenario=lambda: Parts(
        ...     prompt="1 + 1?", answer=2, explanation="Two."))
        >>> Quiz(id="sums", title="Sums", questions=(q, q))
        Traceback (most recent call last):
        ...
        lambdanet_edu.course.quizzes.parts.QuizError: lambdanet_edu/course/quizzes/format.py:
        question 'two': id must be unique in quiz 'sums', got it twice
    """

    id: str
    title: str
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        file = self.questions[0].file if self.questions else "?"
        if not isinstance(self.id, str) or not _SLUG.fullmatch(self.id):
            raise QuizError(file, f"quiz id must be a slug, got {self.id!r}")
        if not isinstance(self.title, str) or not self.title.strip():
            raise QuizError(file, f"quiz {self.id!r}: title must be a non-empty string, "
                            f"got {self.title!r}")
        if not self.questions:
            raise QuizError(file, f"quiz {self.id!r}: questions must be at least one, got none")
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise question.fail(f"id must be unique in quiz {self.id!r}, got it twice")
            seen.add(question.id)

    @property
    def file(self) -> str:
        """The file the quiz is written in (its first question's)."""
        return self.questions[0].file

