"""Mistake kinds: what a wrong number that no misconception predicts suggests, computed by the
quiz compiler from the model (lambdanet_edu/course/quizzes/compile.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lambdanet_edu.course import QUIZZES, compiled_quizzes
from lambdanet_edu.course.quizzes import Parts, Question, QuizError
from lambdanet_edu.course.quizzes.compile import OFF_BY_ONE, mistakes
from lambdanet_edu.course.quizzes.format import Misconception, MistakeKind
from lambdanet_edu.facts import SCALING_PERIOD_S

PERIOD = MistakeKind(name="One period out", explanation="Count the `periods`.",
                     predict=lambda answer, **_: (answer - 10, answer + 10))


def _number(answer: float, *, tolerance: float = 0, wrong: tuple[float, ...] = (),
            kinds: tuple[MistakeKind, ...] = ()) -> Question:
    return Question(
        id="q", kind="number", tolerance=tolerance, mistakes=kinds,
        scenario=lambda n: Parts(prompt="How many?", answer=n, explanation="So many."),
        variants=({"n": answer},),
        misconceptions=tuple(Misconception(name=f"Said {w}", explanation="No.",
                                           predict=lambda n, w=w: w) for w in wrong))


def _kinds(q: Question) -> list[tuple[str, list[int | float]]]:
    return [(kind.name, values) for kind, values in mistakes(q, q.rendered[0])]


@pytest.mark.parametrize(("question", "expected"), [
    (_number(20), [("Off by one", [19, 21])]),
    (_number(20, kinds=(PERIOD,)), [("One period out", [10, 30]), ("Off by one", [19, 21])]),
    # A misconception's number is its own; the kind keeps the other.
    (_number(20, wrong=(30,), kinds=(PERIOD,)),
     [("One period out", [10]), ("Off by one", [19, 21])]),
    # Within the tolerance is right, not a slip; a fractional answer has no off-by-one.
    (_number(20, tolerance=1), []),
    (_number(2.5), []),
    # A number claimed by an earlier kind is not repeated by a later one.
    (_number(20, kinds=(MistakeKind(name="Plus one", explanation=".",
                                    predict=lambda answer, **_: (answer + 1,)),)),
     [("Plus one", [21]), ("Off by one", [19])]),
])
def test_mistake_kinds_per_variant(question: Question, expected: list) -> None:
    assert _kinds(question) == expected


def test_scaling_seconds_question_knows_a_result_off_by_one_scaling_period() -> None:
    question = next(q for q in QUIZZES["scaling"].questions if q.id == "seconds-to-reach")
    compiled = next(q for q in next(c for c in compiled_quizzes() if c["id"] == "scaling")[
        "questions"] if q["id"] == "seconds-to-reach")
    for rendered, variant in zip(question.rendered, compiled["variants"], strict=True):
        answer = rendered.answer
        assert isinstance(answer, int)
        period = variant["mistakes"][0]
        assert period["name"] == "One scaling period out"
        assert set(period["values"]) <= {answer - SCALING_PERIOD_S, answer + SCALING_PERIOD_S}
        assert period["values"], "the model's timeline one period off is a slip it can name"
        assert "<code>" not in period["explanation"] or "</code>" in period["explanation"]
        wrong = {w["value"] for w in variant["wrong"]}
        assert not wrong & set(period["values"])


def test_choice_and_address_questions_carry_no_mistakes() -> None:
    for quiz in compiled_quizzes():
        for question in quiz["questions"]:
            for variant in question["variants"]:
                if question["input"] != "number":
                    assert variant["mistakes"] == []


def test_mistakes_belong_to_number_answers_and_must_be_mistake_kinds() -> None:
    with pytest.raises(QuizError, match=r"mistakes belong to number answers"):
        Question(id="q", kind="address", mistakes=(PERIOD,), scenario=lambda: Parts(
            prompt="Which?", answer="10.0.0.1", explanation="That one."))
    with pytest.raises(QuizError, match=r"mistakes must be a tuple of MistakeKind values"):
        Question(id="q", kind="number", mistakes=[PERIOD],  # type: ignore[arg-type]
                 scenario=lambda: Parts(prompt="How many?", answer=1, explanation="One."))


@pytest.mark.parametrize("bad", [None, "ten", True, float("nan"), float("inf")])
def test_a_kind_predicting_something_other_than_a_finite_number_fails(bad: object) -> None:
    question = _number(20, kinds=(MistakeKind(name="Bad", explanation=".",
                                              predict=lambda answer, **_: (bad,)),))
    with pytest.raises(QuizError, match=r"mistake kind 'Bad' must predict finite numbers"):
        mistakes(question, question.rendered[0])


@given(answer=st.integers(min_value=-10**6, max_value=10**6))
def test_off_by_one_never_claims_the_answer(answer: int) -> None:
    """A slip's number is never the right answer, whatever the answer."""
    values = _kinds(_number(answer))
    assert values == [(OFF_BY_ONE.name, [answer - 1, answer + 1])]
