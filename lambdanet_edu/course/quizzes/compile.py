"""Quizzes compiled to the JSON the browser widget, the embeds and the exports read.

The output is deterministic: the same quiz gives the same bytes, in the author's order, and its
``version`` is a hash of the compiled questions (a changed wording or number changes it).

Examples:
    >>> from lambdanet_edu.course import QUIZZES
    >>> compiled = compile_quiz(QUIZZES["ip-addresses"])
    >>> compiled["format"], compiled["id"], len(compiled["version"])
    (1, 'ip-addresses', 12)
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from lambdanet_edu.course.quizzes._checks import address_form
from lambdanet_edu.course.quizzes.format import (
    FORMAT,
    MistakeKind,
    Question,
    Quiz,
    Variant,
)
from lambdanet_edu.course.quizzes.markup import inline_html, plain_text

__all__ = ["OFF_BY_ONE", "accepted_addresses", "compile_quiz", "mistakes", "to_json"]

#: The slip every whole-number answer can show: one more or one fewer than the model's.
OFF_BY_ONE = MistakeKind(
    name="Off by one",
    explanation=("Your number is one away from the model's: check whether you counted both "
                 "ends, or started from 0 instead of 1."),
    predict=lambda answer, **_: (answer - 1, answer + 1))


def compile_quiz(quiz: Quiz) -> dict[str, Any]:
    """One quiz as the compiled JSON contract (a JSON-ready dict).

    Examples:
        >>> from lambdanet_edu.course import QUIZZES
        >>> first = compile_quiz(QUIZZES["start"])["questions"][0]
        >>> sorted(first), sorted(first["variants"][0])
        (['id', 'input', 'kind', 'variants'],
         ['answer', 'choices', 'code', 'explanation', 'mistakes', 'prompt', 'text', 'wrong'])
    """
    questions = [_question(q) for q in quiz.questions]
    digest = hashlib.sha256(to_json(questions).encode()).hexdigest()[:12]
    return {"format": FORMAT, "id": quiz.id, "title": quiz.title, "version": digest,
            "questions": questions}


def to_json(data: Any) -> str:
    """Compact, stable JSON (what the version hash and the site's data attribute use).

    Examples:
        >>> to_json({"b": 1, "a": [1.5, "é"]})
        '{"b":1,"a":[1.5,"é"]}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def accepted_addresses(value: str) -> list[str]:
    """The spellings an address answer accepts: the canonical one, and ``/32`` for an IP.

    Examples:
        >>> accepted_addresses("10.0.0.7"), accepted_addresses("10.0.0.0/24")
        (['10.0.0.7', '10.0.0.7/32'], ['10.0.0.0/24'])
    """
    return [value] if address_form(value)[1] == "cidr" else [value, f"{value}/32"]


def _question(q: Question) -> dict[str, Any]:
    return {"id": q.id, "kind": q.kind, "input": q.input,
            "variants": [_variant(q, v) for v in q.rendered]}


def _variant(q: Question, v: Variant) -> dict[str, Any]:
    return {
        "prompt": inline_html(v.prompt),
        "code": v.code,
        "choices": [
            {"id": _choice_id(i), "html": inline_html(c.text), "correct": c.correct,
             "misconception": None if c.correct else c.misconception,
             "explanation": inline_html(c.explanation)}
            for i, c in enumerate(v.choices)],
        "answer": _answer(q, v),
        "wrong": [{"value": value, "misconception": m.name, "explanation": inline_html(
            m.explanation)} for value, m in v.wrong],
        "explanation": inline_html(v.explanation),
        "text": plain_text(v.prompt),
        "mistakes": [{"values": values, "name": kind.name,
                      "explanation": inline_html(kind.explanation)}
                     for kind, values in mistakes(q, v)],
    }


def mistakes(q: Question, v: Variant) -> list[tuple[MistakeKind, list[int | float]]]:
    """The kinds of slip a wrong number in this variant may show, each with its numbers.

    The question's own kinds come first, then :data:`OFF_BY_ONE` for a whole-number answer
    checked exactly. A number that is right (within the tolerance), that a misconception
    predicts, or that an earlier kind already claims, is left out; a kind left with no number
    is dropped. Only number answers have them.

    Examples:
        >>> from lambdanet_edu.course import QUIZZES
        >>> q = next(q for q in QUIZZES["scaling"].questions if q.id == "seconds-to-reach")
        >>> v = q.rendered[0]
        >>> v.answer, [(k.name, values) for k, values in mistakes(q, v)]
        (20, [('One scaling period out', [10, 30]), ('Off by one', [19, 21])])
    """
    if q.input != "number" or not isinstance(v.answer, int | float):
        return []
    answer = v.answer
    kinds = list(q.mistakes)
    if isinstance(answer, int) and q.tolerance < 1:
        kinds.append(OFF_BY_ONE)
    claimed: list[int | float] = [answer, *(w for w, _ in v.wrong if not isinstance(w, str))]
    found = []
    for kind in kinds:
        values: list[int | float] = []
        for value in kind.predict(answer=answer, **v.params):
            if isinstance(value, bool) or not isinstance(value, int | float) or not (
                    math.isfinite(value)):
                raise q.fail(f"mistake kind {kind.name!r} must predict finite numbers, got "
                             f"{value!r}")
            if all(abs(value - other) > q.tolerance + 1e-9 for other in claimed):
                values.append(value)
                claimed.append(value)
        if values:
            found.append((kind, values))
    return found


def _answer(q: Question, v: Variant) -> dict[str, Any] | None:
    if q.input == "number":
        return {"value": v.answer, "tolerance": q.tolerance, "unit": q.unit}
    if q.input == "address":
        assert isinstance(v.answer, str)
        return {"value": v.answer, "form": address_form(v.answer)[1],
                "accept": accepted_addresses(v.answer)}
    return None


def _choice_id(index: int) -> str:
    # a, b, ..., z, then aa, ab: ids stay short, letters only (valid QTI identifiers too).
    letters = "abcdefghijklmnopqrstuvwxyz"
    if index < len(letters):
        return letters[index]
    return letters[index // 26 - 1] + letters[index % 26]
