"""Exercises that draw the learner's answer: a picture for right and wrong answers alike, and
feedback that never depends on the picture."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

import pytest

from lambdanet_edu.course import EXERCISES, Case, Exercise, grade, grade_json

NS = "{http://www.w3.org/2000/svg}"
DRAWN = [ex for ex in EXERCISES.values() if ex.picture is not None]
ANSWERS = [(ex, label, code) for ex in DRAWN
           for label, code in [("solution", ex.solution), ("starter", ex.starter),
                               *((m.key, m.example) for m in ex.misconceptions)]]


def text_of(svg: str) -> str:
    root = ET.fromstring(svg)
    assert root.find(f"{NS}title").text and root.find(f"{NS}desc").text
    return " ".join(" ".join("".join(t.itertext()) for t in root.iter(f"{NS}text")).split())


def test_at_least_two_exercises_draw_the_learners_answer() -> None:
    assert {"give-internet-access", "seconds-to-reach"} <= {ex.id for ex in DRAWN}


@pytest.mark.parametrize(("ex", "label", "code"), ANSWERS, ids=lambda v: getattr(v, "id", v)
                         if not isinstance(v, str) or "\n" not in v else "code")
@pytest.mark.parametrize("mode", ["check", "run"])
def test_right_and_wrong_answers_both_get_a_picture(ex: Exercise, label: str, code: str,
                                                    mode: str) -> None:
    reply = json.loads(grade_json(ex.id, code, mode))
    assert reply["status"] in ("passed", "misconception", "wrong", "ran"), reply
    assert f"learner-{ex.id}-title" in reply["picture"]
    text_of(reply["picture"])


@pytest.mark.parametrize(("key", "hop"), [
    ("public_subnet", "internet gateway igw-1"),
    ("igw_route", "internet gateway igw-1"),
    ("nat_in_private", "route table rtb-private"),
    ("still_blocked", "route table rtb-private"),
])
def test_the_learners_vpc_is_drawn_with_the_hop_that_stops_it(key: str, hop: str) -> None:
    ex = EXERCISES["give-internet-access"]
    feedback = grade(ex, ex.misconception(key).example)
    assert feedback.misconception == key
    assert f"✗ blocked at {hop}" in text_of(feedback.picture)


@pytest.mark.parametrize(("answer", "marks"), [
    ("5", ["yours: second 5", "model: second 0"]),
    ("None", ["model: second"]),
    ("10**9", ["model: second"]),
    ("(target - 1) // 1000 * 10", ["your answer = the model's: second"]),
])
def test_seconds_to_reach_marks_the_learners_second_when_the_chart_can_show_it(
        answer: str, marks: list[str]) -> None:
    ex = EXERCISES["seconds-to-reach"]
    feedback = grade(ex, f"def seconds_to_reach(target):\n    return {answer}\n", mode="run")
    text = text_of(feedback.picture)
    assert all(m in text for m in marks) and ("yours:" in text) == ("yours:" in " ".join(marks))


@pytest.mark.parametrize("answer", ["deployment = 5", "deployment = (1, 2)", "deployment = 'vpc'"])
def test_an_answer_the_picture_cannot_draw_still_gets_its_feedback(answer: str) -> None:
    ex = EXERCISES["give-internet-access"]
    for mode in ("check", "run"):
        reply = json.loads(grade_json(ex.id, answer, mode))
        assert "picture" not in reply and reply["status"] in ("misconception", "ran"), reply


@pytest.mark.parametrize("broken", [
    lambda got, expected, case: 1 / 0,
    lambda got, expected, case: None,
    lambda got, expected, case: b"<svg/>",
], ids=["raises", "returns-none", "returns-bytes"])
def test_a_picture_that_fails_never_breaks_grading(broken: object) -> None:
    ex = Exercise(id="double", title="t", statement="s", entry="double", starter="",
                  solution="def double(n):\n    return 2 * n\n", success="Yes.",
                  cases=(Case(args=(2,), label="n = 2"),), picture=broken)
    assert grade(ex, "def double(n):\n    return n + n\n").to_dict() == {
        "status": "passed", "title": "Correct", "message": "Yes.", "misconception": None,
        "output": ""}
    assert grade(ex, "def double(n):\n    return 3\n", mode="run").picture is None
    drawn = dataclasses.replace(ex, picture=lambda got, expected, case: f"<svg>{got}</svg>")
    assert grade(drawn, "def double(n):\n    return 3\n").to_dict()["picture"] == "<svg>3</svg>"
