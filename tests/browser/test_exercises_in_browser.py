"""The exercises as a learner meets them: in the page, in Pyodide, in Chromium.

For every exercise: a known wrong answer gets the feedback that names its misconception, the
reference solution passes, and the code is still there after a reload. Pyodide boots once per
visit and survives instant navigation; Stop ends runaway code with and without isolation.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from lambdanet_edu.course import EXERCISES, TOPICS, Exercise, topic
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

#: Topic name -> its page's URL path, for the topics that have exercises.
PAGES = {t.name: t.slug for t in TOPICS if t.exercises}


def widget(page: Page, exercise_id: str) -> Locator:
    return page.locator(f'.ln-exercise[data-ln-exercise="{exercise_id}"]')


def set_code(page: Page, root: Locator, code: str) -> None:
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    root.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def code_of(root: Locator) -> str:
    return root.evaluate("r => r.lnEditor.value")


def press(root: Locator, name: str) -> None:
    root.get_by_role("button", name=name, exact=True).click()


def feedback(root: Locator, title: str) -> Locator:
    box = root.locator(".ln-feedback")
    expect(box.locator(".ln-feedback__title")).to_have_text(title, timeout=PYTHON_TIMEOUT_MS)
    return box


@pytest.mark.parametrize("name", list(PAGES))
def test_each_exercise_names_a_misconception_then_passes_and_survives_reload(
        site: Served, watched: tuple[Page, Watch], name: str) -> None:
    page, watch = watched
    page.goto(site.url + PAGES[name] + "/")
    exercises: tuple[Exercise, ...] = topic(name).exercises
    for ex in exercises:
        root = widget(page, ex.id)
        wrong = ex.misconceptions[0]
        set_code(page, root, wrong.example)
        press(root, "Check")
        box = feedback(root, wrong.name)
        expect(box.locator(".ln-feedback__message")).to_contain_text(wrong.feedback)
        set_code(page, root, ex.solution)
        press(root, "Check")
        expect(feedback(root, "Correct").locator(".ln-feedback__message")).to_have_text(ex.success)
        expect(root.locator(".ln-badge")).to_have_text("Done")
    page.reload()
    for ex in exercises:
        root = widget(page, ex.id)
        root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
        expect(root.locator(".cm-editor")).to_be_visible()
        assert code_of(root) == ex.solution
    assert watch.count(r"pyodide\.asm\.wasm") == 1, "one Python per page visit"


def test_python_boots_once_across_instant_navigation(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, watch = watched
    first, second = list(EXERCISES.values())[:1][0], topic("ip_addresses").exercises[0]
    page.goto(site.url + "where-it-runs/")
    root = widget(page, first.id)
    set_code(page, root, first.solution)
    press(root, "Run")
    feedback(root, "Ran")
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="IP addresses and subnets").first.click()
    page.wait_for_url("**/ip-addresses/")
    root = widget(page, second.id)
    set_code(page, root, second.solution)
    press(root, "Check")
    feedback(root, "Correct")
    assert page.evaluate("window.lambdanetEdu.python.boots") == 1
    assert watch.count(r"pyodide\.asm\.wasm") == 1
    # The exercise and the progress page agree.
    page.locator("nav.md-nav--primary").get_by_role("link", name="Your progress").first.click()
    status = page.locator(f'[data-ln-status="{second.id}"]')
    expect(status).to_have_text("Done")
    expect(page.locator("[data-ln-summary]")).to_contain_text("exercises done")


def test_keyboard_only_run_and_feedback_in_a_live_region(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    page.goto(site.url + "where-it-runs/")
    root = widget(page, ex.id)
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    root.locator(".cm-content").focus()
    # Focus is intent: Python boots while the learner types, before anything is run.
    # An arrow function, not an expression: Playwright evals expressions, which the CSP refuses.
    page.wait_for_function("() => window.lambdanetEdu.python.bootMs !== null",
                           timeout=PYTHON_TIMEOUT_MS)
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("print('<b>not bold</b>')")
    page.keyboard.press("Control+Enter")
    box = feedback(root, "Ran")
    # Output is text, never markup; feedback sits in a polite live region.
    expect(box.locator(".ln-output")).to_have_text("<b>not bold</b>\n")
    assert box.locator("b").count() == 0
    assert box.get_attribute("aria-live") == "polite"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Run"


@pytest.mark.parametrize("isolated", [True, False], ids=["interrupt", "restart"])
def test_stop_ends_runaway_code_and_keeps_it(
        site: Served, plain_site: Served, watched: tuple[Page, Watch], isolated: bool) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    page.goto((site if isolated else plain_site).url + "where-it-runs/")
    assert page.evaluate("crossOriginIsolated") is isolated
    root = widget(page, ex.id)
    runaway = "while True:\n    pass\n"
    set_code(page, root, runaway)
    press(root, "Run")
    stop = root.get_by_role("button", name="Stop", exact=True)
    expect(stop).to_be_enabled(timeout=PYTHON_TIMEOUT_MS)
    # An arrow function, not an expression: Playwright evals expressions, which the CSP refuses.
    page.wait_for_function("() => window.lambdanetEdu.python.bootMs !== null",
                           timeout=PYTHON_TIMEOUT_MS)
    stop.click()
    box = feedback(root, "Stopped")
    if not isolated:
        expect(box).to_contain_text("restarted")
    assert code_of(root) == runaway
    set_code(page, root, ex.solution)
    press(root, "Check")
    feedback(root, "Correct")


def test_hints_come_one_at_a_time_and_the_solution_only_after_a_real_attempt(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    page.goto(site.url + "where-it-runs/")
    root = widget(page, ex.id)
    solution = root.get_by_role("button", name="Show solution")
    expect(solution).to_be_disabled()
    hint = root.get_by_role("button", name=f"Hint 1 of {len(ex.hints)}")
    hint.click()
    expect(root.locator(".ln-hints li")).to_have_text([ex.hints[0]])
    press(root, "Check")  # the untouched starter is not a real attempt
    feedback(root, "Not yet")
    expect(solution).to_be_disabled()
    set_code(page, root, ex.misconceptions[-1].example)
    press(root, "Check")
    feedback(root, ex.misconceptions[-1].name)
    expect(solution).to_be_enabled()
    solution.click()
    expect(root.locator(".ln-solution pre")).to_have_text(ex.solution)
    # Reset restores the starter and the learner's code is one undo away.
    press(root, "Reset")
    assert code_of(root) == ex.starter
    root.locator(".cm-content").focus()
    page.keyboard.press("Control+Z")
    assert code_of(root) == ex.misconceptions[-1].example


def test_stop_while_python_is_starting_cancels_the_start_and_keeps_the_code(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    page.goto(site.url + "where-it-runs/")
    root = widget(page, ex.id)
    set_code(page, root, ex.solution)
    page.evaluate("window.lambdanetEdu.python.discard()")  # undo the warm start that focus began
    press(root, "Run")
    root.get_by_role("button", name="Stop", exact=True).click()
    expect(feedback(root, "Stopped").locator(".ln-feedback__message")).to_contain_text(
        "stopped while it was starting")
    assert code_of(root) == ex.solution
    press(root, "Check")
    feedback(root, "Correct")
    assert page.evaluate("window.lambdanetEdu.python.boots") == 3
