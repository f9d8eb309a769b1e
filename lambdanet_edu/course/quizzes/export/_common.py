"""What the three export formats share: item ids, the question's HTML, feedback HTML."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

__all__ = ["feedback_html", "item_id", "question_html", "variants", "weight"]


def item_id(quiz: dict[str, Any], question: dict[str, Any], number: int) -> str:
    """``<quiz>-<question>-v<N>``: one exported item per variant, N counted from 1."""
    return f"{quiz['id']}-{question['id']}-v{number}"


def variants(quiz: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every variant of every question, in the author's order, with its item id."""
    for question in quiz["questions"]:
        for number, variant in enumerate(question["variants"], start=1):
            yield item_id(quiz, question, number), question, variant


def question_html(variant: dict[str, Any]) -> str:
    """The prompt as a paragraph, then the code of a predict question."""
    text = f"<p>{variant['prompt']}</p>"
    if variant["code"]:
        text += f"<pre><code>{html.escape(variant['code'])}</code></pre>"
    return text


def feedback_html(misconception: str | None, explanation: str) -> str:
    """A wrong answer's feedback: the misconception's name in bold, then why."""
    if not misconception:
        return explanation
    return f"<strong>{html.escape(misconception)}.</strong> {explanation}".rstrip()


def weight(count: int) -> str:
    """100 / count, spelled as Moodle's list of grades has it (33.33333, 50, 25)."""
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")
