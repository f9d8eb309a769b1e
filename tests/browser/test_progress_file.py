"""Nothing lost: code survives a closed tab and a changed exercise, and progress moves between
browsers as a file (download in one browser context, load into a fresh one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from lambdanet_edu.course import EXERCISES, topic
from tests.browser.conftest import Watch
from tests.browser.test_exercises_in_browser import code_of, feedback, press, set_code, widget
from tests.conftest import Served

pytestmark = pytest.mark.browser

KEY = "lambdanet-edu:"
SOLVED = EXERCISES["eni-count"]         # checked right in the first browser
DRAFTED = topic("ip_addresses").exercises[0]  # only typed in the first browser
QUIZ_ID = "egress"


@pytest.fixture
def second(browser: Browser, site: Served) -> Iterator[tuple[Page, Watch]]:
    """A fresh browser context (another browser or machine): its own, empty storage."""
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(origins=(site.url,))
    page.on("console", watch.on_console)
    page.on("pageerror", lambda err: watch.errors.append(f"uncaught: {err}"))
    page.on("request", watch.on_request)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield page, watch
    context.close()
    assert watch.errors == [], watch.errors
    assert watch.foreign == [], f"requests left the local origin: {watch.foreign}"


def storage(page: Page) -> dict[str, Any]:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter((k) => k.startsWith('lambdanet-edu:'))
        .map((k) => [k, JSON.parse(localStorage.getItem(k))]))""")


def load_file(page: Page, content: str | bytes, name: str = "progress.json") -> None:
    data = content.encode() if isinstance(content, str) else content
    page.get_by_label("Load progress from a file").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}])


def status(page: Page) -> Any:
    return page.locator(".ln-progress-file [role=status]")


def test_code_typed_then_the_tab_closed_at_once_is_there_in_a_new_tab(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "where-it-runs/")
    root = widget(page, SOLVED.id)
    typed = "def eni_count(functions):\n    return 42  # typed, then the tab closed\n"
    set_code(page, root, typed)
    context = page.context
    page.close(run_before_unload=False)  # no waiting, no unload handlers
    fresh = context.new_page()
    fresh.goto(site.url + "where-it-runs/")
    root = widget(fresh, SOLVED.id)
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    expect(root.locator(".cm-editor")).to_be_visible()
    assert code_of(root) == typed


def test_a_changed_exercise_keeps_the_earlier_code_one_click_and_one_undo_away(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    old = {"code": "def eni_count(functions):\n    return 'written for the old version'\n",
           "version": "0ld0ld0ld0ld", "savedAt": 1_700_000_000_000}
    page.goto(site.url + "progress/")  # any page of the site: storage is per origin
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [f"{KEY}code:{SOLVED.id}", old])
    page.goto(site.url + "where-it-runs/")
    root = widget(page, SOLVED.id)
    expect(root.locator(".ln-status-line")).to_contain_text("This exercise changed")
    assert code_of(root) == old["code"]
    assert storage(page)[f"{KEY}code:{SOLVED.id}@{old['version']}"] == old
    # The learner moves on with the new starter; the old attempt stays within reach.
    press(root, "Reset")
    set_code(page, root, SOLVED.solution)
    page.reload()
    root = widget(page, SOLVED.id)
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    expect(root.locator(".cm-editor")).to_be_visible()
    assert code_of(root) == SOLVED.solution
    press(root, "Your earlier code")
    assert code_of(root) == old["code"]
    expect(root.locator(".ln-status-line")).to_contain_text("Your earlier code is back")
    page.keyboard.press("Control+Z")
    assert code_of(root) == SOLVED.solution


def test_progress_downloaded_in_one_browser_loads_into_a_fresh_one(
        site: Served, watched: tuple[Page, Watch], second: tuple[Page, Watch],
        tmp_path: Path) -> None:
    page, _ = watched
    page.goto(site.url + "where-it-runs/")
    root = widget(page, SOLVED.id)
    set_code(page, root, SOLVED.solution)
    press(root, "Check")
    feedback(root, "Correct")
    page.goto(site.url + "ip-addresses/")
    draft = DRAFTED.starter + "# my notes, not finished\n"
    set_code(page, widget(page, DRAFTED.id), draft)
    # A quiz question answered right (the answer key is in the page's quiz data).
    page.goto(site.url + "egress/")
    data = page.locator(f'[data-ln-quiz="{QUIZ_ID}"]').get_attribute("data-ln-quiz-data")
    quiz = json.loads(data or "{}")
    saved = page.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress')).quizzes")
    question = next(q for q in quiz["questions"] if q["input"] == "single")
    variant = question["variants"][saved[QUIZ_ID]["questions"][question["id"]]["variant"]]
    box = page.locator(f'fieldset[data-question="{question["id"]}"]')
    right = next(i for i, c in enumerate(variant["choices"]) if c["correct"])
    box.get_by_role("radio").nth(right).check()
    box.get_by_role("button", name="Check").click()
    expect(box.locator(".ln-quiz__verdict")).to_have_text("Right")

    page.goto(site.url + "progress/")
    with page.expect_download() as started:
        page.get_by_role("button", name="Download my progress").click()
    download = started.value
    assert download.suggested_filename.startswith("lambdanet-edu-progress-")
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert (exported["format"], exported["version"]) == ("lambdanet-edu-progress", 1)
    assert exported["site"] == site.url and exported["exportedAt"]
    assert exported["items"] == storage(page)

    fresh, _ = second
    fresh.goto(site.url + "progress/")
    expect(fresh.locator(f'[data-ln-status="{SOLVED.id}"]')).to_have_text("Not started")
    load_file(fresh, json.dumps(exported))
    expect(status(fresh)).to_contain_text(
        "Loaded 1 exercise result, 1 quiz answered, code for 2 exercises")
    expect(fresh.locator(f'[data-ln-status="{SOLVED.id}"]')).to_have_text("Done")
    expect(fresh.locator(f'[data-ln-quiz-score="{QUIZ_ID}"]')).to_have_text(
        f"1 of {len(quiz['questions'])} right")
    fresh.goto(site.url + "ip-addresses/")
    root = widget(fresh, DRAFTED.id)
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    expect(root.locator(".cm-editor")).to_be_visible()
    assert code_of(root) == draft
    code_key = f"{KEY}code:{SOLVED.id}"
    assert storage(fresh)[code_key] == exported["items"][code_key]


def progress_file(**changes: Any) -> str:
    file = {"format": "lambdanet-edu-progress", "version": 1, "exportedAt": "2026-11-27T10:00:00Z",
            "site": "http://elsewhere.example/", "items": {}}
    return json.dumps({**file, **changes})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "This file is not a progress file: it is not JSON"),
        ("[1, 2]", 'its "format" should be "lambdanet-edu-progress", got a JSON list.'),
        (progress_file(format="someone-else"),
         'its "format" should be "lambdanet-edu-progress", got "someone-else".'),
        (progress_file(version=2),
         "This progress file has format version 2; this site reads version 1."),
        (progress_file(items=[]),
         "This progress file's \"items\" should be an object of saved entries, got []."),
        (progress_file(items={f"{KEY}code:eni-count": {"code": 5}}),
         f'entry "{KEY}code:eni-count" should hold code (text) and the exercise\'s version; '
         "nothing was loaded."),
        (progress_file(items={f"{KEY}progress": {"exercises": {"eni-count": {"status": "won"}}}}),
         'should have a status of "passed" or "tried"; nothing was loaded.'),
    ],
    ids=["not-json", "a-list", "other-format", "newer-version", "items-list", "bad-code",
         "bad-status"],
)
def test_a_wrong_file_is_refused_with_what_is_wrong_and_nothing_changes(
        site: Served, watched: tuple[Page, Watch], content: str, message: str) -> None:
    page, _ = watched
    page.goto(site.url + "progress/")
    before = storage(page)
    load_file(page, content, "mine.json")
    expect(status(page)).to_contain_text("mine.json: ")
    expect(status(page)).to_contain_text(message)
    assert storage(page) == before


def test_merging_keeps_the_better_status_and_the_newer_code_unless_told_to_replace(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    mine = {"code": "mine = 'newer'\n", "version": SOLVED.version, "savedAt": 2_000}
    theirs = {"code": "theirs = 'older'\n", "version": SOLVED.version, "savedAt": 1_000}
    page.goto(site.url + "progress/")
    page.evaluate("""([key, mine, drafted, quiz]) => {
        localStorage.setItem(key + 'code:eni-count', JSON.stringify(mine));
        localStorage.setItem(key + 'progress', JSON.stringify({exercises: {
            'eni-count': {status: 'passed', attempts: 3, realAttempts: 2},
            [drafted]: {status: 'tried', attempts: 1, realAttempts: 1}},
          quizzes: {[quiz]: {version: 'v', score: 1, total: 2, questions: {
            one: {variant: 0, answer: 'a', correct: true, attempts: 1, firstTry: true},
            two: {variant: 0, answer: 'b', correct: false, attempts: 2, firstTry: false}}}}}));
    }""", [KEY, mine, DRAFTED.id, QUIZ_ID])
    incoming = progress_file(items={
        f"{KEY}code:eni-count": theirs,
        f"{KEY}progress": {"exercises": {
            "eni-count": {"status": "tried", "attempts": 5, "realAttempts": 5},
            DRAFTED.id: {"status": "passed", "attempts": 2, "realAttempts": 2}},
            "quizzes": {QUIZ_ID: {"version": "v", "score": 1, "total": 2, "questions": {
                "one": {"variant": 1, "answer": "c", "correct": False, "attempts": 3},
                "two": {"variant": 1, "answer": "d", "correct": True, "attempts": 1}}}}},
        f"{KEY}something-new": {"x": 1},
    })
    load_file(page, incoming)
    expect(status(page)).to_contain_text("Your code for 1 exercise was newer and is kept")
    expect(status(page)).to_contain_text("1 entry this site does not know was skipped.")
    kept = storage(page)
    assert kept[f"{KEY}code:eni-count"] == mine
    assert kept[f"{KEY}code:eni-count@{SOLVED.version}"] == theirs  # "Your earlier code" has it
    exercises = kept[f"{KEY}progress"]["exercises"]
    assert exercises["eni-count"]["status"] == "passed" and exercises["eni-count"]["attempts"] == 5
    assert exercises[DRAFTED.id]["status"] == "passed"
    questions = kept[f"{KEY}progress"]["quizzes"][QUIZ_ID]["questions"]
    assert (questions["one"]["answer"], questions["two"]["answer"]) == ("a", "d")  # right wins
    expect(page.locator(f'[data-ln-status="{DRAFTED.id}"]')).to_have_text("Done")
    expect(page.locator(f'[data-ln-quiz-score="{QUIZ_ID}"]')).to_have_text("2 of 2 right")
    assert f"{KEY}something-new" not in kept
    # Asked to replace: the file's code wins, and the learner's stays within reach.
    # The label's apostrophe is typographic, as the page prints it.
    page.get_by_label("Replace my code with the file’s code", exact=False).check()  # noqa: RUF001
    load_file(page, incoming)
    # "code for 1 exercise" alone would also match the first load's message ("Your code for 1
    # exercise was newer"): wait for this load's own words.
    expect(status(page)).to_contain_text("code for 1 exercise from a file")
    kept = storage(page)
    assert kept[f"{KEY}code:eni-count"] == theirs
    assert kept[f"{KEY}code:eni-count@{SOLVED.version}"] == mine


def test_a_file_that_does_not_fit_in_storage_loads_nothing_and_says_so(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "progress/")
    mine = {"code": "mine = 1\n", "version": SOLVED.version, "savedAt": 1_000}
    page.evaluate("""([key, mine]) => {
        localStorage.setItem(key + 'code:eni-count', JSON.stringify(mine));
        // Fill this origin's storage, leaving room for about 100,000 characters.
        localStorage.setItem('filler:room', 'x'.repeat(100000));
        let i = 0;
        for (let size = 1 << 20; size >= 64; ) {
          try { localStorage.setItem('filler:' + i++, 'x'.repeat(size)); } catch { size >>= 1; }
        }
        localStorage.removeItem('filler:room');
    }""", [KEY, mine])
    before = storage(page)
    big = "x = 1  # " + "y" * 70_000 + "\n"
    incoming = progress_file(items={
        f"{KEY}code:eni-count": {"code": big, "version": SOLVED.version, "savedAt": 2_000},
        f"{KEY}code:{DRAFTED.id}": {"code": big, "version": DRAFTED.version, "savedAt": 2_000},
    })
    load_file(page, incoming)
    expect(status(page)).to_contain_text("Nothing was loaded: this browser did not let the page "
                                         "save the progress")
    assert storage(page) == before  # the entry that fitted was put back as it was
    page.evaluate("""() => Object.keys(localStorage).filter((k) => k.startsWith('filler:'))
                          .forEach((k) => localStorage.removeItem(k))""")
