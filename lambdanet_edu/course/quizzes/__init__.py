"""The quiz format, its compiler and the markup quizzes are written in.

A topic's quiz (``lambdanet_edu/course/topics/<name>/quiz.py``) is written with the names here;
:mod:`lambdanet_edu.course` gathers the topics' quizzes (``QUIZZES``, ``compiled_quizzes``).
This package knows no topic, so the topics can import it without a cycle.

Examples:
    >>> q = Question(id="two", kind="number", scenario=lambda: Parts(
    ...     prompt="1 + 1?", answer=2, explanation="Two."))
    >>> compile_quiz(Quiz(id="sums", title="Sums", questions=(q,)))["questions"][0]["input"]
    'number'
"""

from __future__ import annotations

from lambdanet_edu.course.quizzes.compile import compile_quiz
from lambdanet_edu.course.quizzes.format import (
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
    "Choice",
    "Misconception",
    "Parts",
    "Question",
    "Quiz",
    "QuizError",
    "compile_quiz",
]
