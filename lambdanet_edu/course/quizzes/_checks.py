"""Checks and rendering behind :class:`~lambdanet_edu.course.quizzes.format.Question`.

Each problem becomes a :class:`QuizError` naming the file, the question, the variant (counted
from 1, as exports number them) and what is wrong, so a bad quiz fails the build readably.
"""

from __future__ import annotations

import ast
import io
import ipaddress
import math
import re
from collections.abc import Callable, Mapping
from contextlib import redirect_stdout
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Protocol

from lambdanet_edu.course.quizzes.markup import plain_text
from lambdanet_edu.course.quizzes.parts import (
    ANSWER,
    KINDS,
    Choice,
    Input,
    Misconception,
    Parts,
    QuizError,
    Variant,
)

__all__ = ["address_form", "check_question", "render_variants", "run_code", "show"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PREDICT_INPUTS = ("number", "address", "single")


class QuestionLike(Protocol):
    """What the checks read of a question: ``format.Question`` has it, and imports this module
    (so this module names the shape instead of importing the class back)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def scenario(self) -> Callable[..., Parts]: ...
    @property
    def variants(self) -> tuple[Mapping[str, Any], ...]: ...
    @property
    def misconceptions(self) -> tuple[Misconception, ...]: ...
    @property
    def tolerance(self) -> float: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def answer_input(self) -> Input | None: ...
    @property
    def input(self) -> Input: ...
    def fail(self, problem: str, variant: int | None = None) -> QuizError: ...


def check_question(q: QuestionLike) -> None:
    """The checks that need no rendering: id, kind, variants, tolerance, misconceptions."""
    if not isinstance(q.id, str) or not _SLUG.fullmatch(q.id):
        raise q.fail("id must be a slug (lower-case letters, digits and single hyphens), "
                     f"got {q.id!r}")
    if q.kind not in KINDS:
        raise q.fail(f"kind must be one of {', '.join(KINDS)}, got {q.kind!r}")
    if not callable(q.scenario):
        raise q.fail(f"scenario must be a function returning Parts, got {q.scenario!r}")
    if q.kind == "predict" and q.answer_input not in _PREDICT_INPUTS:
        raise q.fail(f"answer_input must be one of {', '.join(_PREDICT_INPUTS)} for a predict "
                     f"question, got {q.answer_input!r}")
    if q.kind != "predict" and q.answer_input is not None:
        raise q.fail(f"answer_input is only for predict questions, got {q.answer_input!r}")
    if not isinstance(q.variants, tuple) or not q.variants:
        raise q.fail(f"variants must be a non-empty tuple of parameter sets, got {q.variants!r}")
    for n, params in enumerate(q.variants, start=1):
        if not isinstance(params, Mapping):
            raise q.fail(f"parameters must be a mapping, got {params!r}", n)
        first = next(i for i, other in enumerate(q.variants, start=1) if other == params)
        if first != n:
            raise q.fail(f"duplicates variant {first} (the same parameters {dict(params)!r})", n)
    tolerance = q.tolerance
    if (isinstance(tolerance, bool) or not isinstance(tolerance, (int, float))
            or not math.isfinite(tolerance) or tolerance < 0):
        raise q.fail(f"tolerance must be a finite number >= 0, got {tolerance!r}")
    if q.unit is not None and (not isinstance(q.unit, str) or not q.unit.strip()):
        raise q.fail(f"unit must be a word such as 'addresses', or None, got {q.unit!r}")
    for m in q.misconceptions:
        if not (isinstance(m, Misconception) and _text(m.name) and _text(m.explanation)
                and callable(m.predict)):
            raise q.fail("misconceptions must be Misconception values with a name, an "
                         f"explanation and a predict function, got {m!r}")
    if q.misconceptions and q.input not in ("number", "address"):
        raise q.fail("misconceptions belong to number and address answers; a choice carries "
                     "its own misconception")


def render_variants(q: QuestionLike) -> tuple[Variant, ...]:
    """Call the scenario for every variant and check what it returns."""
    return tuple(_render(q, n, MappingProxyType(dict(params)))
                 for n, params in enumerate(q.variants, start=1))


def _render(q: QuestionLike, n: int, params: Mapping[str, Any]) -> Variant:
    try:
        parts = q.scenario(**params)
    except Exception as err:
        raise q.fail(f"its scenario raised {type(err).__name__}: {err}", n) from err
    if not isinstance(parts, Parts):
        raise q.fail(f"scenario must return Parts, got {parts!r}", n)
    for name in ("prompt", "explanation"):
        text = getattr(parts, name)
        if not isinstance(text, str) or not text.strip():
            raise q.fail(f"{name} must be non-empty text, got {text!r}", n)
    result: Any = parts.answer
    if q.kind == "predict":
        if not isinstance(parts.code, str) or not parts.code.strip():
            raise q.fail(f"a predict question needs code, got {parts.code!r}", n)
        try:
            result = run_code(parts.code)
        except Exception as err:
            raise q.fail(f"its code raised {type(err).__name__}: {err}", n) from err
    elif parts.code is not None:
        raise q.fail("code is only for predict questions", n)
    answer = None if q.input in ("single", "multiple") else _normalise(q, n, q.input, result)
    choices = _check_choices(q, n, parts.choices, result)
    shown = show(answer if answer is not None else result)
    wrong = _wrong_answers(q, n, params, answer)
    return Variant(params=params, prompt=parts.prompt.replace(ANSWER, shown), code=parts.code,
                   choices=choices, answer=answer, wrong=wrong,
                   explanation=parts.explanation.replace(ANSWER, shown))


def _check_choices(q: QuestionLike, n: int, choices: tuple[Choice, ...],
                   result: Any) -> tuple[Choice, ...]:
    if q.input not in ("single", "multiple"):
        if choices:
            raise q.fail(f"choices are for choice questions, not {q.input} answers", n)
        return ()
    if not isinstance(choices, tuple) or len(choices) < 2 or not all(
            isinstance(c, Choice) for c in choices):
        raise q.fail(f"choices must be a tuple of at least 2 Choice, got {choices!r}", n)
    if q.kind == "predict":
        if any(c.value is None for c in choices):
            raise q.fail("every choice of a predict question needs the value it stands for", n)
        matching = [c for c in choices if c.value == result and type(c.value) is type(result)]
        if len(matching) != 1:
            raise q.fail(f"{len(matching) or 'no'} choices have the value the code returns "
                         f"({result!r}); exactly one must", n)
        choices = tuple(Choice(text=c.text, correct=c is matching[0],
                               misconception=None if c is matching[0] else c.misconception,
                               explanation=c.explanation, value=c.value) for c in choices)
    seen: dict[str, int] = {}
    for i, choice in enumerate(choices, start=1):
        if not isinstance(choice.text, str) or not choice.text.strip():
            raise q.fail(f"choice {i} text must be non-empty, got {choice.text!r}", n)
        key = " ".join(plain_text(choice.text).casefold().split())
        if key in seen:
            raise q.fail(f"choices {seen[key]} and {i} have the same text {choice.text!r}", n)
        seen[key] = i
        if not isinstance(choice.explanation, str) or not (
                choice.misconception is None or _text(choice.misconception)):
            raise q.fail(f"choice {i} ({choice.text!r}) needs text for its misconception and "
                         "explanation", n)
        if not choice.correct and not (choice.misconception and choice.explanation):
            raise q.fail(f"wrong choice {i} ({choice.text!r}) needs a misconception and an "
                         "explanation", n)
        if choice.correct and choice.misconception is not None:
            raise q.fail(f"right choice {i} ({choice.text!r}) cannot have a misconception", n)
        if q.kind == "multiple" and not choice.explanation:
            raise q.fail(f"choice {i} ({choice.text!r}) needs an explanation: in a multiple-"
                         "choice question each says why it is right or wrong", n)
    right = sum(c.correct for c in choices)
    if right == 0:
        raise q.fail("no choice is marked correct", n)
    if q.input == "single" and right > 1:
        raise q.fail(f"{right} choices are marked correct; a single-choice question has "
                     "exactly one", n)
    return choices


def _normalise(q: QuestionLike, n: int, form: str, value: Any, whose: str = "answer") -> Any:
    """A number or an address in canonical form, or a QuizError saying what ``whose`` is."""
    if form == "number":
        if isinstance(value, Fraction) and value.denominator == 1:
            value = int(value)
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value)):
            raise q.fail(f"{whose} must be a finite number, got {value!r}", n)
        return value
    try:
        return address_form(value)[0]
    except ValueError as err:
        raise q.fail(f"{whose} must be an IPv4 address or CIDR, got {value!r} ({err})",
                     n) from None


def _wrong_answers(q: QuestionLike, n: int, params: Mapping[str, Any],
                   answer: Any) -> tuple[tuple[int | float | str, Any], ...]:
    wrong: list[tuple[int | float | str, Any]] = []
    for m in q.misconceptions:
        try:
            predicted = m.predict(**params)
        except Exception as err:
            raise q.fail(f"misconception {m.name!r} raised {type(err).__name__}: {err}",
                         n) from err
        value = _normalise(q, n, q.input, predicted, f"misconception {m.name!r}'s answer")
        if _same(value, answer, q.tolerance):
            raise q.fail(f"misconception {m.name!r} predicts the right answer ({show(value)}), "
                         "so it cannot tell them apart", n)
        for other, earlier in wrong:
            if _same(value, other, q.tolerance):
                raise q.fail(f"misconceptions {earlier.name!r} and {m.name!r} predict the same "
                             f"answer ({show(value)})", n)
        wrong.append((value, m))
    return tuple(wrong)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _same(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return bool(a == b)
    return bool(abs(a - b) <= tolerance)


def address_form(value: Any) -> tuple[str, str]:
    """An IPv4 address or CIDR in canonical form, and which of ``"ip"``/``"cidr"`` it is.

    Examples:
        >>> address_form("10.0.1.0/24"), address_form(ipaddress.ip_address("10.0.1.7"))
        (('10.0.1.0/24', 'cidr'), ('10.0.1.7', 'ip'))
    """
    if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv4Network)):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("not a string")
    if "/" in value:
        return str(ipaddress.IPv4Network(value.strip(), strict=True)), "cidr"
    return str(ipaddress.IPv4Address(value.strip())), "ip"


def run_code(code: str) -> Any:
    """Run a predict question's code; return the value of its last line, an expression.

    Examples:
        >>> run_code("import lambdanet_edu as ln\\nln.usable_ips('10.0.0.0/28')")
        11
    """
    tree = ast.parse(code, "<quiz code>")
    final = tree.body.pop() if tree.body else None
    if not isinstance(final, ast.Expr):
        raise ValueError("the code must end with an expression, whose value is the answer")
    last = ast.Expression(final.value)
    namespace: dict[str, Any] = {"__name__": "__quiz__"}
    with redirect_stdout(io.StringIO()):  # the page shows the code, not what it prints
        exec(compile(tree, "<quiz code>", "exec"), namespace)
        return eval(compile(last, "<quiz code>", "eval"), namespace)


def show(value: Any) -> str:
    """A value as a sentence shows it: numbers with thousands separators.

    Examples:
        >>> show(1670), show("10.0.0.0/24"), show(True)
        ('1,670', '10.0.0.0/24', 'True')
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
