"""GIFT, Moodle's text format: one question per block, answers in braces.

Question text and answers are HTML (``[html]``) with GIFT's special characters ``~ = # { } :``
(and the backslash) escaped. Per-answer feedback follows ``#``; ``####`` gives the explanation
shown after the question.

Examples:
    >>> escape("a=b {c} #d: ~e")
    'a\\\\=b \\\\{c\\\\} \\\\#d\\\\: \\\\~e'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lambdanet_edu.course.quizzes.export._common import (
    feedback_html,
    question_html,
    variants,
    weight,
)

__all__ = ["escape", "export_gift"]

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """``text`` with GIFT's special characters backslash-escaped, and no raw line breaks.

    Examples:
        >>> escape("x\\ny")
        'x&\\\\#10;y'
    """
    return _SPECIAL.sub(r"\\\1", text.replace("\n", "&#10;"))


def export_gift(quizzes: Sequence[dict[str, Any]]) -> bytes:
    """Compiled quizzes as a GIFT file (UTF-8), a ``$CATEGORY`` per quiz.

    Examples:
        >>> from lambdanet_edu.course import compiled_quizzes
        >>> text = export_gift(compiled_quizzes()[:1]).decode()
        >>> text.count("::start-"), text.splitlines()[0]
        (5, '$CATEGORY: $course$/top/lambdanet-edu/Before you start')
    """
    blocks: list[str] = []
    for quiz in quizzes:
        blocks.append(f"$CATEGORY: $course$/top/lambdanet-edu/{quiz['title']}")
        for item, question, variant in variants(quiz):
            answers = "\n".join(_answers(question["input"], variant))
            general = escape(variant["explanation"])
            blocks.append(f"::{item}::[html]{escape(question_html(variant))}{{"
                          f"{'#' if question['input'] == 'number' else ''}\n"
                          f"{answers}\n####{general}\n}}")
    return ("\n\n".join(blocks) + "\n").encode()


def _answers(kind: str, variant: dict[str, Any]) -> list[str]:
    if kind in ("single", "multiple"):
        choices = variant["choices"]
        right = sum(c["correct"] for c in choices)
        wrong = len(choices) - right
        lines = []
        for c in choices:
            feedback = escape(feedback_html(c["misconception"], c["explanation"]))
            if kind == "single":
                mark = "=" if c["correct"] else "~"
            else:  # weights: the right ones share 100 %, the wrong ones take it back
                mark = f"~%{weight(right)}%" if c["correct"] else f"~%-{weight(wrong)}%"
            lines.append(f"{mark}{escape(c['html'])}#{feedback}")
        return lines
    answer = variant["answer"]
    if kind == "number":
        tolerance = _number(answer["tolerance"])
        lines = [f"={_number(answer['value'])}:{tolerance}"]
        lines += [f"=%0%{_number(w['value'])}:{tolerance}"
                  f"#{escape(feedback_html(w['misconception'], w['explanation']))}"
                  for w in variant["wrong"]]
        return lines
    lines = [f"={escape(form)}" for form in answer["accept"]]
    lines += [f"=%0%{escape(w['value'])}"
              f"#{escape(feedback_html(w['misconception'], w['explanation']))}"
              for w in variant["wrong"]]
    return lines


def _number(value: float) -> str:
    return str(value)

