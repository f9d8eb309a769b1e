"""The course's quizzes, one module per page, and the format they are written in.

:data:`QUIZZES` maps each quiz id (the page's slug) to its :class:`Quiz`, in course order.
:func:`compiled_quizzes` gives them as the JSON the site's widget, the embeds and the exports
read. Importing this package renders and checks every question: a bad quiz fails here.

Examples:
    >>> list(QUIZZES)
    ['start', 'where-it-runs', 'ip-addresses', 'egress', 'scaling']
    >>> quiz("no-such-quiz")
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: quiz id must be one of 'start', 'where-it-runs', 'ip-addresses', 'egress', 'scaling', got 'no-such-quiz'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.quizzes import egress, ip_addresses, scaling, start, where_it_runs
from lambdanet_edu.quizzes.compile import compile_quiz, compiled_quizzes
from lambdanet_edu.quizzes.format import (
    FORMAT,
    Choice,
    Misconception,
    Parts,
    Question,
    Quiz,
    QuizError,
)

__all__ = [
    "FORMAT",
    "QUIZZES",
    "Choice",
    "Misconception",
    "Parts",
    "Question",
    "Quiz",
    "QuizError",
    "compile_quiz",
    "compiled_quizzes",
    "quiz",
]

#: Quiz id (the page's slug) -> quiz, in course order.
QUIZZES: Mapping[str, Quiz] = MappingProxyType({
    module.QUIZ.id: module.QUIZ for module in (start, where_it_runs, ip_addresses, egress, scaling)
})


def quiz(quiz_id: str) -> Quiz:
    """The quiz called ``quiz_id``.

    Examples:
        >>> quiz("egress").title
        'Egress and your network'
    """
    try:
        return QUIZZES[quiz_id]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(k) for k in QUIZZES)
        raise LambdaNetError.invalid("quiz id", quiz_id, f"one of {allowed}") from None
