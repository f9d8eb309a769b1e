"""What a quiz question is made of: choices, misconceptions, a scenario's parts, rendered variants.

These values know nothing of checking or rendering, so :mod:`~lambdanet_edu.course.quizzes.format`
(the questions) and the private checks it runs both import them, and neither imports the other
back. Authors import them from :mod:`lambdanet_edu.course.quizzes`.

Examples:
    >>> Parts(prompt="1 + 1?", answer=2, explanation="Two.").answer
    2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "ANSWER",
    "KINDS",
    "Choice",
    "Input",
    "Kind",
    "Misconception",
    "MistakeKind",
    "Parts",
    "QuizError",
    "Variant",
    "module_file",
]

#: Question kinds, and how the learner answers each (a predict question says which it uses).
KINDS = ("single", "multiple", "number", "address", "predict")
#: In a predict question's prompt or explanation, replaced by the result the build computed.
ANSWER = "[[answer]]"
Kind = Literal["single", "multiple", "number", "address", "predict"]
Input = Literal["single", "multiple", "number", "address"]


class QuizError(LambdaNetError):
    """A quiz that cannot be built; the message names the file, the question and the problem.

    Examples:
        >>> str(QuizError("lambdanet_edu/course/topics/egress/quiz.py", "no questions"))
        'lambdanet_edu/course/topics/egress/quiz.py: no questions'
    """

    def __init__(self, file: str, problem: str, *, question: str = "",
                 variant: int | None = None) -> None:
        where = f" question {question!r}" if question else ""
        where += f" variant {variant}" if variant is not None else ""
        super().__init__(f"{file}:{where}{':' if where else ''} {problem}", field=question)
        self.file = file
        self.question = question
        self.variant = variant


def module_file(module: str) -> str:
    """The repository path of a module, as error messages name it.

    Examples:
        >>> module_file("lambdanet_edu.course.topics.egress.quiz")
        'lambdanet_edu/course/topics/egress/quiz.py'
    """
    return module.replace(".", "/") + ".py"


@dataclass(frozen=True, kw_only=True, slots=True)
class Choice:
    """One option of a choice question (inline markup allowed in ``text`` and ``explanation``).

    A wrong choice names the ``misconception`` it reveals and explains it. In a predict
    question, ``value`` is the result the choice stands for; the build marks as correct the
    choice whose value the model's code returns.

    Examples:
        >>> Choice(text="One per function", misconception="Counted one IP per function",
        ...        explanation="ENIs are shared.").correct
        False
    """

    text: str
    correct: bool = False
    misconception: str | None = None
    explanation: str = ""
    value: Any = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Misconception:
    """A wrong belief behind a number or address answer, and the answer it produces.

    ``predict`` takes the variant's parameters and returns what a learner holding the belief
    answers, computed with the model.

    Examples:
        >>> m = Misconception(name="Forgot the five reserved addresses", explanation="...",
        ...                   predict=lambda prefix: 2 ** (32 - prefix))
        >>> m.predict(prefix=24)
        256
    """

    name: str
    explanation: str
    predict: Callable[..., Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class MistakeKind:
    """A kind of slip the model can recognise in a wrong number, without naming a belief.

    ``predict`` is called with the variant's ``answer`` and parameters (as keywords) and
    returns the numbers this slip gives, computed from the model: one scaling period early or
    late, say. The compiler keeps those that are neither the answer nor a misconception's.

    Examples:
        >>> k = MistakeKind(name="One period out", explanation="Count the periods again.",
        ...                 predict=lambda answer, **_: (answer - 10, answer + 10))
        >>> k.predict(answer=30, demand=2500)
        (20, 40)
    """

    name: str
    explanation: str
    predict: Callable[..., Iterable[Any]]


@dataclass(frozen=True, kw_only=True, slots=True)
class Parts:
    """What a scenario returns for one variant.

    ``answer`` is the computed number or address (number, address); ``choices`` hold the
    options (single, multiple, a predict question answered by choice); ``code`` is the Python a
    predict question shows: its last line is an expression, and its value is the answer.

    Examples:
        >>> Parts(prompt="p", explanation="e", answer=3).choices
        ()
    """

    prompt: str
    explanation: str
    choices: tuple[Choice, ...] = ()
    answer: Any = None
    code: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Variant:
    """One rendered, checked variant: what compilation and exports read.

    ``answer`` is normalised (an ``int``/``float``, or an address string); ``wrong`` pairs each
    misconception's answer with it; choices carry their resolved ``correct`` flag.

    Examples:
        >>> Variant(params={}, prompt="p", code=None, choices=(), answer=1, wrong=(),
        ...         explanation="e").answer
        1
    """

    params: Mapping[str, Any]
    prompt: str
    code: str | None
    choices: tuple[Choice, ...]
    answer: int | float | str | None
    wrong: tuple[tuple[int | float | str, Misconception], ...]
    explanation: str
