"""The quiz format: a bad question fails with a message naming the file, the question and the
problem; the inline markup lets text through escaped, whatever it is."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu import usable_ips
from lambdanet_edu.course.quizzes import Choice, Misconception, Parts, Question, Quiz, QuizError
from lambdanet_edu.course.quizzes.markup import inline_html, plain_text
from lambdanet_edu.errors import LambdaNetError

FILE = "tests/test_quiz_format.py"
RIGHT = Choice(text="Shared ENIs", correct=True)
WRONG = Choice(text="One per function", misconception="Counted one IP per function",
               explanation="ENIs are shared.")


def choices(*options: Choice) -> Callable[[], Parts]:
    def scenario() -> Parts:
        return Parts(prompt="Which?", explanation="Because.", choices=options)
    return scenario


def number(value: Any) -> Callable[..., Parts]:
    def scenario(**_: Any) -> Parts:
        return Parts(prompt="How many?", explanation="Because.", answer=value)
    return scenario


def usable(cidr: str) -> Parts:
    return Parts(prompt=f"Usable in `{cidr}`?", explanation="Five reserved.",
                 answer=usable_ips(cidr))


def predict(code: str) -> Callable[[], Parts]:
    def scenario() -> Parts:
        return Parts(prompt="What does it give?", explanation="It is [[answer]].", code=code)
    return scenario


def block(cidr: str) -> int:
    return 2 ** (32 - int(cidr.split("/")[1]))


BAD: list[tuple[str, Callable[[], object], str]] = [
    ("duplicate ids", lambda: Quiz(id="q", title="Q", questions=(
        Question(id="same", kind="single", scenario=choices(RIGHT, WRONG)),
        Question(id="same", kind="single", scenario=choices(RIGHT, WRONG)))),
     "question 'same': id must be unique in quiz 'q', got it twice"),
    ("bad id slug", lambda: Question(id="Nat Route", kind="single",
                                     scenario=choices(RIGHT, WRONG)),
     "question 'Nat Route': id must be a slug"),
    ("id not a string", lambda: Question(id=3, kind="single", scenario=choices(RIGHT, WRONG)),
     "question 3: id must be a slug .*got 3"),
    ("unknown kind", lambda: Question(id="k", kind="essay", scenario=choices(RIGHT, WRONG)),
     "question 'k': kind must be one of single, multiple, number, address, predict, got 'essay'"),
    ("no correct choice", lambda: Question(id="nat-route", kind="single",
                                           scenario=choices(WRONG, Choice(
                                               text="Other", misconception="M",
                                               explanation="E"))),
     "question 'nat-route' variant 1: no choice is marked correct"),
    ("two correct choices in single", lambda: Question(
        id="two", kind="single",
        scenario=choices(RIGHT, Choice(text="Also right", correct=True))),
     "question 'two' variant 1: 2 choices are marked correct; a single-choice question has "
     "exactly one"),
    ("wrong choice without misconception", lambda: Question(
        id="bare", kind="single", scenario=choices(RIGHT, Choice(text="Wrong", explanation="E"))),
     r"question 'bare' variant 1: wrong choice 2 \('Wrong'\) needs a misconception and an "
     "explanation"),
    ("wrong choice without explanation", lambda: Question(
        id="bare", kind="single", scenario=choices(RIGHT, Choice(text="Wrong", misconception="M"))),
     r"question 'bare' variant 1: wrong choice 2 \('Wrong'\) needs a misconception"),
    ("multiple choice without explanations", lambda: Question(
        id="multi", kind="multiple", scenario=choices(RIGHT, WRONG)),
     r"question 'multi' variant 1: choice 1 \('Shared ENIs'\) needs an explanation"),
    ("same text twice", lambda: Question(
        id="twins", kind="single",
        scenario=choices(RIGHT, WRONG, Choice(text="one  per **function**", misconception="M",
                                              explanation="E"))),
     "question 'twins' variant 1: choices 2 and 3 have the same text"),
    ("one choice", lambda: Question(id="lonely", kind="single", scenario=choices(RIGHT)),
     "question 'lonely' variant 1: choices must be a tuple of at least 2 Choice"),
    ("answer not finite", lambda: Question(id="nan", kind="number", scenario=number(math.nan)),
     "question 'nan' variant 1: answer must be a finite number, got nan"),
    ("answer infinite", lambda: Question(id="inf", kind="number", scenario=number(math.inf)),
     "question 'inf' variant 1: answer must be a finite number, got inf"),
    ("answer a string", lambda: Question(id="text", kind="number", scenario=number("251")),
     "question 'text' variant 1: answer must be a finite number, got '251'"),
    ("answer a bool", lambda: Question(id="yes", kind="number", scenario=number(True)),
     "question 'yes' variant 1: answer must be a finite number, got True"),
    ("misconception predicting the answer", lambda: Question(
        id="usable", kind="number", scenario=usable,
        variants=({"cidr": "10.0.0.0/24"}, {"cidr": "10.0.1.0/28"}),
        misconceptions=(Misconception(name="Forgot nothing", explanation="E",
                                      predict=lambda cidr: (usable_ips(cidr) if cidr.endswith("28")
                                                            else block(cidr))),)),
     r"question 'usable' variant 2: misconception 'Forgot nothing' predicts the right answer "
     r"\(11\)"),
    ("misconception within the tolerance", lambda: Question(
        id="close", kind="number", scenario=number(10), tolerance=1,
        misconceptions=(Misconception(name="Off by one", explanation="E",
                                      predict=lambda: 11),)),
     "question 'close' variant 1: misconception 'Off by one' predicts the right answer"),
    ("two misconceptions, one answer", lambda: Question(
        id="same-wrong", kind="number", scenario=number(10),
        misconceptions=(Misconception(name="A", explanation="E", predict=lambda: 12),
                        Misconception(name="B", explanation="E", predict=lambda: 12))),
     "question 'same-wrong' variant 1: misconceptions 'A' and 'B' predict the same answer"),
    ("misconception that raises", lambda: Question(
        id="broken", kind="number", scenario=number(10),
        misconceptions=(Misconception(name="A", explanation="E", predict=lambda: 1 / 0),)),
     "question 'broken' variant 1: misconception 'A' raised ZeroDivisionError"),
    ("misconception on a choice question", lambda: Question(
        id="mixed", kind="single", scenario=choices(RIGHT, WRONG),
        misconceptions=(Misconception(name="A", explanation="E", predict=lambda: 1),)),
     "question 'mixed': misconceptions belong to number and address answers"),
    ("predict code raises", lambda: Question(
        id="raises", kind="predict", answer_input="number",
        scenario=predict("import lambdanet_edu as ln\nln.usable_ips('10.0.0.0/29')\n")),
     "question 'raises' variant 1: its code raised LambdaNetError: subnet prefix must be "
     "between /16 and /28"),
    ("predict code without a final expression", lambda: Question(
        id="no-value", kind="predict", answer_input="number", scenario=predict("x = 1\n")),
     "question 'no-value' variant 1: its code raised ValueError: the code must end with an "
     "expression"),
    ("predict code that does not parse", lambda: Question(
        id="syntax", kind="predict", answer_input="number", scenario=predict("1 +\n")),
     "question 'syntax' variant 1: its code raised SyntaxError"),
    ("predict without answer_input", lambda: Question(
        id="how", kind="predict", scenario=predict("1")),
     "question 'how': answer_input must be one of number, address, single for a predict "
     "question, got None"),
    ("predict choices matching no result", lambda: Question(
        id="none-match", kind="predict", answer_input="single",
        scenario=lambda: Parts(prompt="P", explanation="E", code="1 + 1", choices=(
            Choice(text="3", value=3, misconception="M", explanation="E"),
            Choice(text="4", value=4, misconception="M", explanation="E")))),
     r"question 'none-match' variant 1: no choices have the value the code returns \(2\)"),
    ("scenario raises", lambda: Question(
        id="scenario", kind="number", scenario=usable, variants=({"cidr": "10.0.0.0/8"},)),
     "question 'scenario' variant 1: its scenario raised LambdaNetError"),
    ("address answer does not parse", lambda: Question(
        id="addr", kind="address", scenario=number("10.0.300.1")),
     r"question 'addr' variant 1: answer must be an IPv4 address or CIDR, got '10.0.300.1'"),
    ("address with host bits", lambda: Question(
        id="addr", kind="address", scenario=number("10.0.0.7/24")),
     "question 'addr' variant 1: answer must be an IPv4 address or CIDR, got '10.0.0.7/24'"),
    ("duplicate variants", lambda: Question(
        id="twice", kind="number", scenario=usable,
        variants=({"cidr": "10.0.0.0/24"}, {"cidr": "10.0.1.0/24"}, {"cidr": "10.0.0.0/24"})),
     "question 'twice' variant 3: duplicates variant 1"),
    ("misconception without a name", lambda: Question(
        id="nameless", kind="number", scenario=number(10),
        misconceptions=(Misconception(name="", explanation="E", predict=lambda: 12),)),
     "question 'nameless': misconceptions must be Misconception values with a name"),
    ("blank unit", lambda: Question(id="unit", kind="number", scenario=number(1), unit=" "),
     "question 'unit': unit must be a word such as 'addresses', or None, got ' '"),
    ("choice explanation not text", lambda: Question(
        id="typed", kind="single",
        scenario=choices(RIGHT, Choice(text="W", misconception="M", explanation=None))),
     r"question 'typed' variant 1: choice 2 \('W'\) needs text for its misconception"),
    ("no variants", lambda: Question(id="empty", kind="number", scenario=usable, variants=()),
     "question 'empty': variants must be a non-empty tuple"),
    ("negative tolerance", lambda: Question(id="tol", kind="number", scenario=number(1),
                                            tolerance=-1),
     "question 'tol': tolerance must be a finite number >= 0, got -1"),
    ("scenario not returning Parts", lambda: Question(id="parts", kind="number",
                                                      scenario=lambda: 251),
     "question 'parts' variant 1: scenario must return Parts, got 251"),
    ("empty prompt", lambda: Question(id="blank", kind="number", scenario=lambda: Parts(
        prompt=" ", explanation="E", answer=1)),
     "question 'blank' variant 1: prompt must be non-empty text"),
]


@pytest.mark.parametrize(("case", "build", "message"), BAD, ids=[case for case, _, _ in BAD])
def test_a_bad_quiz_fails_naming_file_question_and_problem(
        case: str, build: Callable[[], object], message: str) -> None:
    with pytest.raises(QuizError, match=f"^{re.escape(FILE)}: {message}") as caught:
        build()
    assert isinstance(caught.value, LambdaNetError)


def test_a_quiz_without_questions_fails() -> None:
    with pytest.raises(QuizError, match="quiz 'q': questions must be at least one, got none"):
        Quiz(id="q", title="Q", questions=())


def test_a_good_question_renders_every_variant_with_its_model_answer() -> None:
    q = Question(id="usable", kind="number", scenario=usable, unit="addresses",
                 variants=({"cidr": "10.0.0.0/24"}, {"cidr": "10.0.1.0/28"}),
                 misconceptions=(Misconception(name="Forgot the five reserved addresses",
                                               explanation="E", predict=block),))
    assert [(v.answer, v.wrong[0][0]) for v in q.rendered] == [
        (usable_ips("10.0.0.0/24"), block("10.0.0.0/24")),
        (usable_ips("10.0.1.0/28"), block("10.0.1.0/28"))]
    assert q.file == FILE


MARKUP_TAGS = re.compile(r"</?(?:code|strong)>")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_survives_the_markup_escaped(text: str) -> None:
    """Whatever the text, the only tags are <code> and <strong>, and the rest reads as typed."""
    rendered = inline_html(text)
    stripped = MARKUP_TAGS.sub("", rendered)
    assert "<" not in stripped and ">" not in stripped
    assert html.unescape(stripped) == plain_text(text)
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", stripped)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="`*")))
def test_text_without_marks_is_only_escaped(text: str) -> None:
    assert inline_html(text) == html.escape(text)
    assert plain_text(text) == text


@pytest.mark.parametrize(("source", "expected"), [
    ("`a<b`", "<code>a&lt;b</code>"),
    ("**<script>**", "<strong>&lt;script&gt;</strong>"),
    ("`**not bold**`", "<code>**not bold**</code>"),
    ("** not bold**", "** not bold**"),
    ("a `b` **c** d", "a <code>b</code> <strong>c</strong> d"),
    ("lone ` tick", "lone ` tick"),
])
def test_markup_table(source: str, expected: str) -> None:
    assert inline_html(source) == expected
