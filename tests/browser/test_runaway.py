"""Runaway and hostile learner code, in Chromium, with and without cross-origin isolation.

Every case ends with the same three checks: the page's main thread kept ticking while the code
ran (a timer probe in the page), the editor still holds the learner's code, and the next Check
of the reference solution passes. ``site`` sends COOP/COEP (Stop and the time limit interrupt
Python in place); ``plain_site`` does not (they restart the worker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from lambdanet_edu.course import EXERCISES
from lambdanet_edu.course.grading import OUTPUT_LIMIT
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.browser.test_exercises_in_browser import code_of, feedback, press, set_code, widget
from tests.conftest import Served

pytestmark = pytest.mark.browser

EXERCISE = EXERCISES["eni-count"]
LIMIT = EXERCISE.time_limit_seconds
# The longest the main thread may go without running a 50 ms timer. Rendering a result takes a
# few milliseconds (the worst seen here, about 1 s, is a loaded machine starving the page), while
# showing the 10 MB printed below as text stalls this Chromium for about 7 s.
MAX_STALL_MS = 2_000
PROBE = """() => {
  const probe = { last: performance.now(), worst: 0 };
  const tick = () => {
    const now = performance.now();
    probe.worst = Math.max(probe.worst, now - probe.last);
    probe.last = now;
    probe.timer = setTimeout(tick, 50);
  };
  probe.timer = setTimeout(tick, 50);
  window.lnProbe = probe;
}"""


@dataclass(frozen=True)
class Runaway:
    code: str
    title: str
    message: str  # part of the feedback's message


CASES = {
    "deep-recursion": Runaway("def f():\n    return f()\n\nf()\n", "Your code raised an error",
                              "called itself too deeply (RecursionError)"),
    # 2**31 bytes or 10**10 items do not even fit Pyodide's 32-bit sizes (OverflowError);
    # a billion list items fit the size but not the memory.
    "huge-allocation": Runaway("x = [0] * 10**9\n", "Your code raised an error",
                               "line 1 ran out of memory (MemoryError)"),
    "os-exit": Runaway("import os\nos._exit(0)\n", "Python stopped working",
                       "Python was restarted"),
    # Past the recursion limit's guard, the WebAssembly stack overflows: a fatal error in Pyodide.
    "stack-overflow": Runaway(
        "import sys\nsys.setrecursionlimit(10**6)\ndef f():\n    return f()\n\nf()\n",
        "Python stopped working", "Python was restarted"),
    "print-10-mb": Runaway("for _ in range(1_000_000):\n    print('012345678')\n",
                           "No eni_count yet", "Define a function called eni_count"),
}


def open_exercise(page: Page, served: Served, isolated: bool) -> Locator:
    page.goto(served.url + "where-it-runs/")
    assert page.evaluate("crossOriginIsolated") is isolated
    return widget(page, EXERCISE.id)


def run_probed(page: Page, root: Locator, code: str) -> None:
    set_code(page, root, code)
    page.wait_for_function("() => window.lambdanetEdu.python.bootMs !== null",
                           timeout=PYTHON_TIMEOUT_MS)
    page.evaluate(PROBE)
    press(root, "Run")


def stall_ms(page: Page) -> float:
    return page.evaluate("clearTimeout(window.lnProbe.timer), window.lnProbe.worst")


def next_run_works(page: Page, root: Locator, code: str) -> None:
    assert code_of(root) == code, "the learner's code is kept"
    set_code(page, root, EXERCISE.solution)
    press(root, "Check")
    feedback(root, "Correct")


@pytest.mark.parametrize("isolated", [True, False], ids=["isolated", "plain"])
@pytest.mark.parametrize("case", list(CASES))
def test_runaway_code_is_reported_and_the_next_run_works(
        site: Served, plain_site: Served, watched: tuple[Page, Watch], case: str,
        isolated: bool) -> None:
    page, _ = watched
    runaway = CASES[case]
    root = open_exercise(page, site if isolated else plain_site, isolated)
    run_probed(page, root, runaway.code)
    box = feedback(root, runaway.title)
    expect(box.locator(".ln-feedback__message")).to_contain_text(runaway.message)
    stall = stall_ms(page)
    assert stall < MAX_STALL_MS, f"the main thread stalled for {stall:.0f} ms"
    if case == "print-10-mb":  # kept short: the first characters and a note of the rest
        output = box.locator(".ln-output").text_content() or ""
        assert output.startswith("012345678\n" * 100)
        assert output.endswith(f"{10_000_000 - OUTPUT_LIMIT:,} more characters not shown")
        assert len(output) < 25_000
    if case in ("os-exit", "stack-overflow"):  # a new Python, started for the next Run
        page.wait_for_function("() => window.lambdanetEdu.python.boots === 2",
                               timeout=PYTHON_TIMEOUT_MS)
    next_run_works(page, root, runaway.code)


@pytest.mark.parametrize("isolated", [True, False], ids=["interrupt", "restart"])
def test_time_limit_counts_down_then_stops_an_endless_loop(
        site: Served, plain_site: Served, watched: tuple[Page, Watch], isolated: bool) -> None:
    page, _ = watched
    root = open_exercise(page, site if isolated else plain_site, isolated)
    endless = "while True:\n    pass\n"
    run_probed(page, root, endless)
    countdown = root.locator(".ln-countdown")
    expect(countdown).to_have_text(f"{LIMIT} s left", timeout=PYTHON_TIMEOUT_MS)
    expect(countdown).to_have_text(f"{LIMIT - 1} s left", timeout=3_000)
    assert countdown.get_attribute("aria-live") is None, "the ticking is not read out"
    expect(root.locator(".ln-status-line")).to_have_text(
        re.compile(r"Still running: the time limit stops it in [1-3] s\."), timeout=LIMIT * 1000)
    box = feedback(root, "Time limit reached")
    message = box.locator(".ln-feedback__message")
    expect(message).to_contain_text(f"Your code ran for {LIMIT} s, this exercise's time limit")
    expect(message).to_contain_text("Your code is kept")
    if not isolated:
        expect(message).to_contain_text("Python was restarted")
    expect(countdown).to_be_hidden()
    stall = stall_ms(page)
    assert stall < MAX_STALL_MS, f"the main thread stalled for {stall:.0f} ms"
    next_run_works(page, root, endless)
    assert page.evaluate("window.lambdanetEdu.python.boots") == (1 if isolated else 2)


def test_stop_restarts_python_when_an_interrupt_cannot_land(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    root = open_exercise(page, site, True)
    # sum() over a range is one long loop in C: the interrupt is only seen between bytecodes.
    stuck = "sum(range(10**13))\n"
    run_probed(page, root, stuck)
    expect(root.locator(".ln-countdown")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    press(root, "Stop")
    expect(feedback(root, "Stopped").locator(".ln-feedback__message")).to_contain_text(
        "Python did not answer the interrupt (it was busy inside one long step), "
        "so it was restarted.")
    next_run_works(page, root, stuck)
    assert page.evaluate("window.lambdanetEdu.python.boots") == 2


@pytest.mark.parametrize("isolated", [True, False], ids=["isolated", "plain"])
def test_output_that_looks_like_html_is_shown_as_text_and_never_runs(
        site: Served, plain_site: Served, watched: tuple[Page, Watch], isolated: bool) -> None:
    page, _ = watched
    root = open_exercise(page, site if isolated else plain_site, isolated)
    lines = ["<img src=x onerror=window.pwned=1>", "<script>window.pwned=2</script>",
             '<svg onload="window.pwned=3"></svg>']
    code = "".join(f"print({line!r})\n" for line in lines) + (
        "def eni_count(functions):\n    raise ValueError('<img src=y onerror=window.pwned=4>')\n")
    run_probed(page, root, code)
    box = feedback(root, "Your code raised an error")
    expect(box.locator(".ln-output")).to_have_text("\n".join(lines) + "\n")
    expect(box.locator(".ln-feedback__message")).to_contain_text(
        "ValueError: <img src=y onerror=window.pwned=4>")
    assert box.locator("img, script, svg").count() == 0
    assert page.evaluate("window.pwned") is None
    next_run_works(page, root, code)
