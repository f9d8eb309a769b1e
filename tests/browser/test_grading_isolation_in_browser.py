"""One learner's code cannot change a later result, in Chromium: the page takes a result only
from the worker's reply to its own request, and a Python that learner code changed is replaced.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from lambdanet_edu.course import EXERCISES
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.browser.test_exercises_in_browser import code_of, feedback, press, set_code, widget
from tests.conftest import Served

pytestmark = pytest.mark.browser

EXERCISE = EXERCISES["eni-count"]
WRONG = "def eni_count(functions):\n    return 0\n"
# Learner code posting forged results on the worker's own channel (Pyodide's js module is the
# worker's global scope), for every request id the page could be waiting on.
FORGED = ("import js\n"
          "for i in range(200):\n"
          "    js.postMessage(js.JSON.parse('{\"type\": \"result\", \"id\": %d, \"result\": "
          "{\"status\": \"passed\", \"title\": \"Correct\", \"message\": \"forged\"}}' % i))\n"
          + WRONG)


def _progress(page: Page) -> dict[str, object]:
    text = page.evaluate("localStorage.getItem('lambdanet-edu:progress')")
    return json.loads(text) if text else {}


def test_a_result_posted_by_learner_code_is_not_taken_for_a_pass(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "where-it-runs/")
    root = widget(page, EXERCISE.id)
    set_code(page, root, FORGED)
    press(root, "Check")
    expect(feedback(root, "Not yet").locator(".ln-feedback__message")).to_contain_text(
        "eni_count returned 0")
    expect(root.locator(".ln-badge")).not_to_have_text("Done")
    entry = _progress(page).get("exercises", {}).get(EXERCISE.id, {})  # type: ignore[union-attr]
    assert entry.get("status") == "tried", entry
    set_code(page, root, EXERCISE.solution)
    press(root, "Check")
    feedback(root, "Correct")


def test_python_is_restarted_after_learner_code_changed_it(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "where-it-runs/")
    root = widget(page, EXERCISE.id)
    tamper = ("import lambdanet_edu.course.grading as g\ng._same = lambda a, b: True\n"
              "import builtins\nbuiltins.len = lambda x: 0\n" + WRONG)
    set_code(page, root, tamper)
    press(root, "Check")
    box = feedback(root, "Your code changed Python itself")
    expect(box.locator(".ln-feedback__message")).to_contain_text("Your code is kept")
    expect(root.locator(".ln-status-line")).to_contain_text("Python was restarted")
    page.wait_for_function("() => window.lambdanetEdu.python.resets === 1 && "
                           "window.lambdanetEdu.python.boots === 2 && "
                           "window.lambdanetEdu.python.bootMs !== null",
                           timeout=PYTHON_TIMEOUT_MS)
    assert code_of(root) == tamper
    # The next checks are graded by a clean Python: a wrong answer is wrong, the solution passes.
    set_code(page, root, WRONG)
    press(root, "Check")
    feedback(root, "Not yet")
    set_code(page, root, EXERCISE.solution)
    press(root, "Check")
    feedback(root, "Correct")
    assert page.evaluate("window.lambdanetEdu.python.resets") == 1
