"""What helps a learner who is stuck, in Chromium: hints as Markdown, a Run's value summarised
with the whole value on demand, "Names you can use" linking into the API reference, and a quiz
that offers its answer after a few wrong tries and names the kind of slip a number suggests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lambdanet_edu.course import EXERCISES, compiled_quizzes, topic_of_exercise
from tests.browser.conftest import Watch
from tests.browser.test_exercises_in_browser import feedback, press, set_code, widget
from tests.browser.test_quizzes_in_browser import question_box, show_number, stored, text_of
from tests.conftest import Served

pytestmark = pytest.mark.browser

QUIZZES = {quiz["id"]: quiz for quiz in compiled_quizzes()}


def test_hints_render_code_spans_and_the_status_line_does_not_repeat_them(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    assert "`" in ex.hints[1], "the second hint holds a code span"
    page.goto(site.url + "where-it-runs/")
    root = widget(page, ex.id)
    for number in range(1, len(ex.hints) + 1):
        root.get_by_role("button", name=f"Hint {number} of {len(ex.hints)}").click()
    hints = root.locator(".ln-hints li")
    expect(hints).to_have_count(len(ex.hints))
    code = hints.nth(1).locator("code")
    expect(code).to_have_text("frozenset(f.security_group_ids)")
    expect(hints.nth(1)).not_to_contain_text("`")
    status = root.locator(".ln-status-line")
    expect(status).to_have_text(f"Hint {len(ex.hints)} of {len(ex.hints)} is in the hints below "
                                "the feedback.")
    assert "frozenset" not in (status.text_content() or "")


def test_run_shows_a_summary_and_the_full_value_on_demand(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["give-internet-access"]
    page.goto(site.url + "egress/")
    root = widget(page, ex.id)
    set_code(page, root, ex.starter)
    press(root, "Run")
    box = feedback(root, "Ran")
    message = box.locator(".ln-feedback__message")
    expect(message).to_contain_text("deployment = (Vpc vpc-starter: cidr 10.0.0.0/16, subnets "
                                    "[subnet-public-a, subnet-private-a, subnet-private-b]")
    expect(message).to_contain_text("route_tables [rtb-public, rtb-private]")
    expect(message).to_contain_text("LambdaFunction orders")
    full = box.locator("details.ln-value")
    expect(full.locator(".ln-value__text")).to_be_hidden()
    full.get_by_text("Show the full value").click()
    expect(full.locator(".ln-value__text")).to_be_visible()
    expect(full.locator(".ln-value__text")).to_contain_text("Vpc(vpc_id='vpc-starter'")
    expect(full.locator(".ln-value__text")).to_contain_text("RouteTable(route_table_id='rtb-private'")
    # A Check's feedback has no value to show.
    press(root, "Check")
    expect(box.locator(".ln-feedback__title")).not_to_have_text("Ran")
    expect(full).to_be_hidden()


def _ids(page: Page) -> set[str]:
    return set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))


def test_names_panels_link_to_entries_of_the_built_reference(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    links: dict[str, set[str]] = {}
    for ex in EXERCISES.values():
        if not ex.names:
            continue
        slug = topic_of_exercise(ex.id).slug
        for url in (site.url + slug + "/", site.url + f"embed/exercise/{ex.id}/"):
            page.goto(url)
            panel = page.locator(f"#names-{ex.id}")
            expect(panel).to_be_visible()
            expect(panel.locator(".ln-names__title")).to_have_text("Names you can use")
            anchors = panel.locator("a")
            expect(anchors).to_have_count(len(ex.names))
            expect(anchors.locator("code")).to_have_text(list(ex.names))
            for href in anchors.evaluate_all("links => links.map(a => a.href)"):
                assert href.startswith(site.url + "reference/"), href
                address, anchor = href.split("#")
                links.setdefault(address, set()).add(anchor)
    assert len(links) >= 3
    for address, anchors in links.items():
        page.goto(address)
        missing = anchors - _ids(page)
        assert not missing, f"{address} lacks {sorted(missing)}"
    # And the link lands on the entry.
    page.goto(site.url + "egress/")
    link = page.locator("#names-give-internet-access").get_by_role(
        "link", name="Vpc.route_table_for")
    # Material records the scroll offset 100 ms after a scroll; a click sooner than a person's
    # would land on the next page at the old offset. Pause as a reader does.
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    link.click()
    page.wait_for_url(re.compile(r".*/reference/network/#lambdanet_edu\.network\.Vpc\.route_table_for$"))
    expect(page.locator("[id='lambdanet_edu.network.Vpc.route_table_for']")).to_be_in_viewport()


def _number_question(quiz: dict[str, Any]) -> dict[str, Any]:
    return next(q for q in quiz["questions"] if q["input"] == "number")


def test_quiz_offers_the_answer_after_three_wrong_tries_and_counts_it_not_first_time(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz_id = "ip-addresses"
    quiz = QUIZZES[quiz_id]
    page.goto(site.url + quiz_id + "/")
    question = _number_question(quiz)
    box = question_box(page, question)
    variant = question["variants"][stored(page, quiz_id)["questions"][question["id"]]["variant"]]
    known = {w["value"] for w in variant["wrong"]} | {
        v for m in variant["mistakes"] for v in m["values"]}
    unknown = variant["answer"]["value"] + 1000
    assert unknown not in known
    field = box.get_by_role("textbox")
    offer = box.get_by_role("button", name="Show the answer")
    for tries in range(1, 4):
        field.fill(show_number(unknown))
        box.get_by_role("button", name="Check").click()
        expect(box.locator(".ln-quiz__verdict")).to_have_text("Not right")
        if tries < 3:
            expect(offer).to_have_count(0)
    expect(box.locator(".ln-quiz__offer")).to_contain_text("3 tries so far")
    offer.click()
    answer = box.locator(".ln-quiz__answer")
    value = variant["answer"]["value"]
    # Shown as it reads in prose: thousands separated (1,019).
    expect(answer).to_contain_text(f"{int(value):,}" if float(value).is_integer() else str(value))
    expect(answer).to_contain_text(text_of(variant["explanation"]))
    expect(answer).to_be_focused()
    expect(offer).to_have_count(0)
    score = page.locator(f"#quiz-{quiz_id} .ln-quiz__score")
    total = len(quiz["questions"])
    expect(score).to_have_text(f"0 of {total} right; 1 answer shown.")
    field.fill(show_number(variant["answer"]["value"]))
    box.get_by_role("button", name="Check").click()
    expect(box.locator(".ln-quiz__verdict")).to_have_text("Right")
    expect(score).to_have_text(f"1 of {total} right; 1 answer shown.")  # never "first try"
    saved = stored(page, quiz_id)["questions"][question["id"]]
    assert saved["revealed"] is True and saved["firstTry"] is False and saved["correct"] is True
    page.reload()
    expect(question_box(page, question).locator(".ln-quiz__answer")).to_be_visible()
    expect(page.locator(f"#quiz-{quiz_id} .ln-quiz__score")).to_have_text(
        f"1 of {total} right; 1 answer shown.")


def test_quiz_says_a_number_is_one_scaling_period_out(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    quiz = QUIZZES["scaling"]
    question = next(q for q in quiz["questions"] if q["id"] == "seconds-to-reach")
    page.goto(site.url + "scaling/")
    box = question_box(page, question)
    variant = question["variants"][stored(page, "scaling")["questions"][question["id"]]["variant"]]
    period = next(m for m in variant["mistakes"] if m["name"] == "One scaling period out")
    box.get_by_role("textbox").fill(show_number(period["values"][-1]))
    box.get_by_role("button", name="Check").click()
    feedback = box.locator(".ln-quiz__feedback")
    expect(feedback.locator(".ln-quiz__verdict")).to_have_text("Not right")
    expect(feedback.locator(".ln-quiz__misconception")).to_have_text(
        "What the numbers suggest: One scaling period out")
    expect(feedback).to_contain_text(text_of(period["explanation"]))
