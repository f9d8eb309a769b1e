"""Quizzes as a learner meets them on the site: in Chromium, with no Python.

Answers come from the compiled quizzes (the model computed them at build time); which variant the
learner got is read from the progress the widget stores, as the widget itself does on reload.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from lambdanet_edu.course import compiled_quizzes
from tests.browser.conftest import Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

QUIZZES = {quiz["id"]: quiz for quiz in compiled_quizzes()}
TOPIC = "ip-addresses"


def text_of(safe_html: str) -> str:
    return re.sub(r"<[^>]+>", "", safe_html).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


def first_question(quiz: dict[str, Any], input_kind: str, *,
                   with_wrong: bool = False) -> dict[str, Any]:
    return next(q for q in quiz["questions"] if q["input"] == input_kind
                and (not with_wrong or all(v["wrong"] for v in q["variants"])))


def stored(page: Page, quiz_id: str) -> dict[str, Any]:
    progress = page.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress'))")
    return progress["quizzes"][quiz_id]


def question_box(page: Page, question: dict[str, Any]) -> Locator:
    return page.locator(f'fieldset[data-question="{question["id"]}"]')


def variant_of(page: Page, quiz_id: str, question: dict[str, Any]) -> dict[str, Any]:
    return question["variants"][stored(page, quiz_id)["questions"][question["id"]]["variant"]]


def show_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def test_wrong_then_right_score_reload_and_progress_page(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz = QUIZZES[TOPIC]
    page.goto(site.url + TOPIC + "/")
    number = first_question(quiz, "number", with_wrong=True)
    box = question_box(page, number)
    variant = variant_of(page, TOPIC, number)
    expect(box.locator(".ln-quiz__prompt")).to_have_text(text_of(variant["prompt"]))
    wrong = variant["wrong"][0]
    field = box.get_by_role("textbox")
    field.fill(show_number(wrong["value"]))
    box.get_by_role("button", name="Check").click()
    feedback = box.locator(".ln-quiz__feedback")
    expect(feedback.locator(".ln-quiz__misconception")).to_have_text(wrong["misconception"])
    expect(feedback).to_contain_text(text_of(wrong["explanation"]))
    expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Not right")

    field.fill(show_number(variant["answer"]["value"]))
    field.press("Enter")  # Enter checks, like the button
    expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Right")
    expect(feedback).to_contain_text(text_of(variant["explanation"]))
    total = len(quiz["questions"])
    score = page.locator(f'#quiz-{TOPIC} .ln-quiz__score')
    expect(score).to_have_text(f"1 of {total} right.")
    saved = stored(page, TOPIC)
    assert saved["score"] == 1 and saved["total"] == total and saved["version"] == quiz["version"]
    assert saved["questions"][number["id"]]["attempts"] == 2
    assert saved["questions"][number["id"]]["firstTry"] is False
    variants = {q: entry["variant"] for q, entry in saved["questions"].items()}

    page.reload()
    expect(box.get_by_role("textbox")).to_have_value(show_number(variant["answer"]["value"]))
    expect(box.locator(".ln-quiz__verdict")).to_have_text("Right")
    expect(score).to_have_text(f"1 of {total} right.")
    after = stored(page, TOPIC)
    assert {q: e["variant"] for q, e in after["questions"].items()} == variants
    assert after["updated"] == saved["updated"], "a page view alone writes nothing"

    page.goto(site.url + "progress/")
    expect(page.locator(f'[data-ln-quiz-score="{TOPIC}"]')).to_have_text(f"1 of {total} right")
    untouched = next(iter(QUIZZES))
    expect(page.locator(f'[data-ln-quiz-score="{untouched}"]')).to_have_text("Not started")
    expect(page.locator("[data-ln-quiz-summary]")).to_have_text(
        f"0 of {len(QUIZZES)} quizzes fully right.")


def test_a_wrong_choice_names_its_misconception_and_keyboard_alone_answers(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz = QUIZZES[TOPIC]
    page.goto(site.url + TOPIC + "/")
    question = first_question(quiz, "single")
    box = question_box(page, question)
    variant = variant_of(page, TOPIC, question)
    choices = variant["choices"]
    first = box.get_by_role("radio").first
    first.focus()  # the learner has tabbed to the question
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")
    expect(box.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    feedback = box.locator(".ln-quiz__feedback")
    if choices[0]["correct"]:
        expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Right")
    else:
        expect(feedback.locator(".ln-quiz__misconception")).to_have_text(
            choices[0]["misconception"])
        expect(feedback).to_contain_text(text_of(choices[0]["explanation"]))
    right = next(i for i, c in enumerate(choices) if c["correct"])
    box.get_by_role("radio").nth(right).check()
    box.get_by_role("button", name="Check").click()
    expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Right")


def test_a_non_number_gets_a_message_not_a_wrong_verdict(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + TOPIC + "/")
    question = first_question(QUIZZES[TOPIC], "number")
    box = question_box(page, question)
    box.get_by_role("textbox").fill("twelve")
    box.get_by_role("button", name="Check").click()
    feedback = box.locator(".ln-quiz__feedback")
    expect(feedback).to_contain_text("Type a number using digits")
    expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Not an answer yet")
    assert stored(page, TOPIC)["questions"][question["id"]]["attempts"] == 0


def test_try_other_numbers_gives_another_variant(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz = QUIZZES[TOPIC]
    page.goto(site.url + TOPIC + "/")
    question = next(q for q in quiz["questions"]
                    if q["input"] == "number" and len(q["variants"]) > 1)
    box = question_box(page, question)
    before = stored(page, TOPIC)["questions"][question["id"]]["variant"]
    box.get_by_role("textbox").fill(show_number(question["variants"][before]["answer"]["value"]))
    box.get_by_role("button", name="Check").click()
    box.get_by_role("button", name="Try other numbers").click()
    after = stored(page, TOPIC)["questions"][question["id"]]["variant"]
    assert after != before
    expect(box.locator(".ln-quiz__prompt")).to_have_text(
        text_of(question["variants"][after]["prompt"]))
    expect(box.get_by_role("textbox")).to_be_focused()
    expect(box.get_by_role("textbox")).to_have_value("")


def test_blocked_storage_says_answers_last_only_this_visit(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.add_init_script(
        "Storage.prototype.setItem = () => { throw new DOMException('blocked'); };")
    page.goto(site.url)
    expect(page.locator("#quiz-start .ln-quiz__score")).to_contain_text("kept only for this visit")


def test_copy_embed_code_copies_the_field(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=site.url.rstrip("/"))
    page.goto(site.url + TOPIC + "/")
    box = page.locator(f"#embed-quiz-{TOPIC}")
    box.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the disclosure
    button = box.get_by_role("button", name="Copy the iframe HTML")
    button.focus()
    page.keyboard.press("Enter")
    expect(button.locator("xpath=following-sibling::*[@data-ln-copied]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == box.locator("textarea").first.input_value()
    assert f'src="{site.url}embed/quiz/{TOPIC}/"' in copied


def test_a_new_quiz_version_keeps_answers_whose_question_and_variant_remain(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz = QUIZZES["start"]
    kept, dropped_variant = quiz["questions"][0], quiz["questions"][1]
    right = next(c["id"] for c in kept["variants"][0]["choices"] if c["correct"])
    old = {
        "exercises": {"eni-count": {"status": "passed", "attempts": 1}},
        "quizzes": {"start": {"version": "000000000000", "score": 2, "total": 9, "questions": {
            kept["id"]: {"variant": 0, "answer": right, "correct": True, "attempts": 1,
                         "firstTry": True},
            dropped_variant["id"]: {"variant": 99, "answer": "x", "correct": True, "attempts": 1,
                                    "firstTry": True},
            "a-question-since-removed": {"variant": 0, "answer": "a", "correct": True,
                                         "attempts": 1},
        }}},
    }
    seed = json.dumps(json.dumps(old))
    page.add_init_script(f"localStorage.setItem('lambdanet-edu:progress', {seed})")
    page.goto(site.url)
    expect(question_box(page, kept).get_by_role("radio", checked=True)).to_have_count(1)
    expect(question_box(page, kept).locator(".ln-quiz__verdict")).to_have_text("Right")
    expect(question_box(page, dropped_variant).locator(".ln-quiz__feedback")).to_be_empty()
    progress = page.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress'))")
    assert progress["exercises"] == old["exercises"]
    entry = progress["quizzes"]["start"]
    assert entry["version"] == quiz["version"]
    assert list(entry["questions"]) == [q["id"] for q in quiz["questions"]]
    assert entry["questions"][dropped_variant["id"]]["answer"] is None
    assert entry["questions"][dropped_variant["id"]]["variant"] < len(dropped_variant["variants"])
    assert entry["score"] == 1 and entry["total"] == len(quiz["questions"])


def test_quizzes_mount_after_instant_navigation(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url)
    expect(page.locator("#quiz-start fieldset")).to_have_count(len(QUIZZES["start"]["questions"]))
    page.evaluate("window.lnMarker = 1")  # gone if the next page were a full load
    nav = page.locator(".md-nav--primary")
    nav.get_by_role("link", name="IP addresses and subnets").first.click()
    expect(page.locator(f"#quiz-{TOPIC} fieldset")).to_have_count(len(QUIZZES[TOPIC]["questions"]))
    expect(page.locator(f"#quiz-{TOPIC} .ln-quiz__fallback")).to_have_count(0)
    assert page.evaluate("window.lnMarker") == 1, "instant navigation kept the page alive"
