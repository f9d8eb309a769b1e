"""Embed pages inside a cross-origin iframe, as a team wiki would show them.

The host page is served from a second local server (another port, so another origin, with no
isolation headers, like a wiki); it frames the site's embed page and includes embed-host.js
from the site. The frame's height must follow its content through the postMessage protocol.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

from lambdanet_edu.course import EXERCISES, compiled_quizzes
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.conftest import Served, serve

pytestmark = pytest.mark.browser

QUIZ = next(q for q in compiled_quizzes() if q["id"] == "egress")


@pytest.fixture
def host(tmp_path: Path, site: Served, watched: tuple[Page, Watch]) -> Iterator[str]:
    """A wiki-like page on another port; returns its address (the test writes the page)."""
    server = serve.start(str(tmp_path), isolation=False)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    _, watch = watched
    watch.origins = (*watch.origins, url)
    yield url
    server.shutdown()
    server.server_close()


def host_page(directory: Path, site: Served, embed: str) -> None:
    (directory / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Team wiki</title>'
        '<link rel="icon" href="data:,"></head><body><h1>Onboarding</h1>'
        f'<iframe id="embed" src="{site.url}{embed}" title="Embedded" width="100%" height="150" '
        'style="border:0"></iframe>'
        f'<script src="{site.url}assets/ln/embed-host.js"></script></body></html>',
        encoding="utf-8")


def frame_of(page: Page, site: Served) -> Frame:
    frame = next(f for f in page.frames if f.url.startswith(site.url))
    frame.wait_for_load_state()
    return frame


def iframe_height(page: Page) -> float:
    return page.evaluate("document.getElementById('embed').getBoundingClientRect().height")


def follows_content(page: Page, frame: Frame) -> None:
    """The iframe is as tall as the framed document's content, within a few pixels."""
    for _ in range(50):
        content = frame.evaluate("document.documentElement.scrollHeight")
        if abs(iframe_height(page) - content) <= 3:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"iframe {iframe_height(page)} px, its content {content} px")


def answer(frame: Frame, question: dict[str, Any], variant: dict[str, Any]) -> None:
    box = frame.locator(f'fieldset[data-question="{question["id"]}"]')
    if question["input"] in ("single", "multiple"):
        role = "radio" if question["input"] == "single" else "checkbox"
        for index, choice in enumerate(variant["choices"]):
            if choice["correct"]:
                box.get_by_role(role).nth(index).check()
    else:
        value = variant["answer"]["value"]
        shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        box.get_by_role("textbox").fill(shown)
    box.get_by_role("button", name="Check").click()
    expect(box.locator(".ln-quiz__verdict")).to_have_text("Right")
    if question["input"] == "multiple":  # each choice says why it is right or wrong
        expect(box.locator(".ln-quiz__notes li")).to_have_count(
            sum(1 for c in variant["choices"] if c["explanation"]))


def test_quiz_completes_in_a_cross_origin_frame_that_follows_its_height(
        site: Served, watched: tuple[Page, Watch], host: str, tmp_path: Path) -> None:
    page, watch = watched
    host_page(tmp_path, site, f"embed/quiz/{QUIZ['id']}/")
    page.goto(host)
    frame = frame_of(page, site)
    expect(frame.locator(".ln-quiz__score")).to_have_text(f"0 of {len(QUIZ['questions'])} right.")
    assert frame.evaluate("window.origin") != page.evaluate("window.origin")
    follows_content(page, frame)
    before = iframe_height(page)
    saved = frame.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress')).quizzes")
    for question in QUIZ["questions"]:
        chosen = saved[QUIZ["id"]]["questions"][question["id"]]["variant"]
        answer(frame, question, question["variants"][chosen])
    total = len(QUIZ["questions"])
    expect(frame.locator(".ln-quiz__score")).to_have_text(
        f"{total} of {total} right ({total} on the first try).")
    follows_content(page, frame)
    assert iframe_height(page) > before + 50, "the feedback made the frame taller"
    # Storage in the frame is the frame's own (partitioned by the wiki's site), and it works.
    kept = frame.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress')).quizzes")
    assert kept[QUIZ["id"]]["score"] == total
    assert watch.count(r"pyodide") == 0, "a quiz needs no Python"


def test_host_script_ignores_messages_that_are_not_from_its_frames(
        site: Served, watched: tuple[Page, Watch], host: str, tmp_path: Path) -> None:
    page, _ = watched
    host_page(tmp_path, site, f"embed/quiz/{QUIZ['id']}/")
    page.goto(host)
    frame = frame_of(page, site)
    follows_content(page, frame)
    height = iframe_height(page)
    page.evaluate(  # from the host page itself, not from a frame
        "window.postMessage({type: 'lambdanet-edu:height', id: 'quiz/egress', height: 5}, '*')")
    frame.evaluate("parent.postMessage({type: 'lambdanet-edu:height', height: 'tall'}, '*')")
    frame.evaluate("parent.postMessage({type: 'other', height: 9}, '*')")
    page.wait_for_timeout(300)
    assert iframe_height(page) == height


def test_exercise_runs_its_solution_in_a_cross_origin_frame(
        site: Served, watched: tuple[Page, Watch], host: str, tmp_path: Path) -> None:
    page, watch = watched
    exercise = next(iter(EXERCISES.values()))
    host_page(tmp_path, site, f"embed/exercise/{exercise.id}/")
    page.goto(host)
    frame = frame_of(page, site)
    assert frame.evaluate("crossOriginIsolated") is False
    root = frame.locator(f'.ln-exercise[data-ln-exercise="{exercise.id}"]')
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    expect(root.locator(".cm-editor")).to_be_visible()
    assert watch.count(r"pyodide") == 0, "Python starts only when the learner uses the exercise"
    root.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(exercise.solution)
    root.get_by_role("button", name="Check", exact=True).click()
    expect(root.locator(".ln-feedback__title")).to_have_text("Correct", timeout=PYTHON_TIMEOUT_MS)
    assert watch.count(r"pyodide\.asm\.wasm") == 1
    follows_content(page, frame)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_parameter_sets_the_colours(site: Served, watched: tuple[Page, Watch],
                                          theme: str) -> None:
    page, _ = watched
    page.goto(f"{site.url}embed/quiz/{QUIZ['id']}/?theme={theme}")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", background)
    assert dark and (sum(map(int, dark.groups())) < 200) == (theme == "dark"), background


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_a_theme_the_embed_follows_the_readers_system(
        site: Served, watched: tuple[Page, Watch], scheme: str) -> None:
    page, _ = watched
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}embed/quiz/{QUIZ['id']}/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", background)
    assert dark and (sum(map(int, dark.groups())) < 200) == (scheme == "dark"), background
    # and it follows a change made while the page is open
    other = "light" if scheme == "dark" else "dark"
    page.emulate_media(color_scheme=other)
    expect(page.locator("html")).to_have_attribute("data-theme", other)
