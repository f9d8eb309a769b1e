"""Accessibility in a real browser: axe-core on every page and embed page, in light and dark, and
the exercise and quiz widgets used with the keyboard alone.

axe-core comes from npm (pinned in package-lock.json) and is injected into each page; the context
bypasses the page's Content-Security-Policy for that injection only. A ``serious`` or ``critical``
violation fails, with its rule, impact, targets and help page.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import Locator, Page, expect

from lambdanet_edu.course import EXERCISES
from tests.browser.conftest import PYTHON_TIMEOUT_MS, ROOT, Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
SCHEMES = ["light", "dark"]


@pytest.fixture
def context_options() -> dict[str, object]:
    # axe is injected as a script tag, which a strict Content-Security-Policy would refuse.
    return {"bypass_csp": True}


def site_pages(site: Served) -> list[str]:
    """Every page in the sitemap (navigation, lessons, progress, embed guide) and the 404 page."""
    tree = ET.parse(site.site / "sitemap.xml")
    pages = [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    return [*pages, site.url + "404.html"]


def embed_pages(site: Served) -> list[str]:
    found = sorted((site.site / "embed").glob("*/*/index.html"))
    return [site.url + path.parent.relative_to(site.site).as_posix() + "/" for path in found]


def violations(page: Page) -> list[str]:
    """Serious and critical axe violations on the page as it is now, one line per target.

    Running CSS transitions finish first: on a busy machine axe could otherwise measure a button's
    contrast half-way through its hover fade, a colour no reader sees for more than a moment.
    """
    page.wait_for_function(
        """() => document.getAnimations().every(
             (a) => !(a instanceof CSSTransition) || a.playState !== "running")""")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
             (v) => ({id: v.id, impact: v.impact, help: v.helpUrl,
                      nodes: v.nodes.map((n) => [n.target.join(" "), n.failureSummary])}))""")
    return [f"{v['id']} ({v['impact']}) at {target}: {v['help']}\n    " + summary.replace("\n", " ")
            for v in found if v["impact"] in FAILING_IMPACTS for target, summary in v["nodes"]]


def settle(page: Page) -> None:
    """Wait until every widget on the page has mounted (the editor is loaded lazily)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll(".ln-exercise, .ln-quiz")]
                   .every((w) => w.dataset.lnMounted
                                 && !w.querySelector(".ln-exercise__starter"))""")


def use_scheme(page: Page, scheme: str) -> None:
    """Ask for the scheme as a reader's system would, before the page loads: switching it on a
    loaded page starts Material's colour transitions, which axe would catch half-way."""
    page.emulate_media(color_scheme=scheme)


def check_scheme(page: Page, scheme: str) -> None:
    attribute = page.evaluate("document.body.dataset.mdColorScheme")
    assert attribute == {"light": "default", "dark": "slate"}[scheme]


def test_axe_is_pinned_in_the_lockfile() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["axe-core"]
    assert lock["packages"]["node_modules/axe-core"]["version"] == pinned
    assert AXE.exists(), "node_modules/axe-core is missing: ./dev test runs npm ci"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_site_page_has_no_serious_violations(
        site: Served, watched: tuple[Page, Watch], scheme: str) -> None:
    page, _ = watched
    found: dict[str, list[str]] = {}
    use_scheme(page, scheme)
    for url in site_pages(site):
        page.goto(url, wait_until="networkidle")
        settle(page)
        check_scheme(page, scheme)
        if problems := violations(page):
            found[url] = problems
    assert not found, "\n".join(f"{url}\n  " + "\n  ".join(p) for url, p in found.items())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_embed_page_has_no_serious_violations(
        site: Served, watched: tuple[Page, Watch], scheme: str) -> None:
    page, _ = watched
    urls = embed_pages(site)
    assert len(urls) == len(EXERCISES) + len(list((site.site / "embed" / "quiz").iterdir()))
    found: dict[str, list[str]] = {}
    for url in urls:
        page.goto(f"{url}?theme={scheme}", wait_until="networkidle")
        settle(page)
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        if problems := violations(page):
            found[url] = problems
    assert not found, "\n".join(f"{url}\n  " + "\n  ".join(p) for url, p in found.items())


def answer_every_question(page: Page) -> None:
    """Give each quiz question some answer and check it, so feedback shows."""
    for question in page.locator(".ln-quiz__fieldset").all():
        choices = question.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            choices.first.check()
        else:
            question.locator("input[type=text]").fill("1")
        question.get_by_role("button", name="Check").click()
        expect(question.locator(".ln-quiz__verdict")).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("embedded", [False, True], ids=["site", "embed"])
def test_widgets_in_use_have_no_serious_violations(
        site: Served, watched: tuple[Page, Watch], scheme: str, embedded: bool) -> None:
    """An exercise focused (Python starting) then run, quiz feedback shown, embed code opened."""
    page, _ = watched
    ex = EXERCISES["eni-count"]
    use_scheme(page, scheme)
    if embedded:
        page.goto(f"{site.url}embed/exercise/{ex.id}/?theme={scheme}")
    else:
        page.goto(site.url + "where-it-runs/")
        check_scheme(page, scheme)
    settle(page)
    root = page.locator(f'.ln-exercise[data-ln-exercise="{ex.id}"]')
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    root.locator(".cm-content").focus()
    assert violations(page) == []
    root.get_by_role("button", name="Run", exact=True).click()
    expect(root.locator(".ln-feedback__title")).to_have_text("Ran", timeout=PYTHON_TIMEOUT_MS)
    root.get_by_role("button", name="Hint 1 of", exact=False).click()
    problems = violations(page)
    if embedded:
        page.goto(f"{site.url}embed/quiz/where-it-runs/?theme={scheme}")
        settle(page)
    else:
        for details in page.locator("details.ln-embed").all():
            details.locator("summary").click()
            expect(details.locator("textarea").first).to_be_visible()
    answer_every_question(page)
    problems += violations(page)
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# The keyboard alone.

def focus_ring(page: Page) -> str:
    """The focused element's visible focus indicator: its outline or box-shadow, else ''."""
    return page.evaluate(
        """() => {
             let el = document.activeElement;
             // The editor's focus ring is drawn on its frame, around the content that has focus.
             if (el.classList.contains("cm-content")) el = el.closest(".cm-editor");
             const s = getComputedStyle(el);
             const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
               ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : "";
             return outline || (s.boxShadow !== "none" ? `box-shadow ${s.boxShadow}` : "");
           }""")


def tab_to(page: Page, target: Locator, *, limit: int = 40) -> None:
    """Press Tab until ``target`` has focus; every control passed must show a focus indicator."""
    passed = []
    for _ in range(limit):
        if target.evaluate(
                "el => el === document.activeElement || el.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
        passed.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        assert focus_ring(page), f"no visible focus indicator on {passed[-1]}"
    raise AssertionError(f"Tab never reached {target}; focus went through {passed}")


def test_an_exercise_is_completed_by_keyboard_alone(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    ex = EXERCISES["eni-count"]
    page.goto(site.url + "where-it-runs/")
    settle(page)
    root = page.locator(f'.ln-exercise[data-ln-exercise="{ex.id}"]')
    # Start from the exercise's box, as a reader arriving by its link (#exercise-ID) would.
    page.locator(f"#exercise-{ex.id}").evaluate("el => { el.tabIndex = -1; el.focus(); }")
    tab_to(page, root.locator(".cm-content"))
    assert focus_ring(page), "the editor shows no focus indicator"
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(ex.solution)
    page.keyboard.press("Escape")  # leave the editor's Tab-indents mode
    check = root.get_by_role("button", name="Check", exact=True)
    tab_to(page, check)
    page.keyboard.press("Enter")
    expect(root.locator(".ln-feedback__title")).to_have_text("Correct", timeout=PYTHON_TIMEOUT_MS)
    assert root.evaluate("r => r.lnEditor.value") == ex.solution


def quiz_key(page: Page, quiz_id: str) -> dict[str, object]:
    """Each question's answer in the variant this browser was given (from the page's quiz data)."""
    widget = page.locator(f'[data-ln-quiz="{quiz_id}"]')
    data = json.loads(widget.get_attribute("data-ln-quiz-data") or "")
    progress = page.evaluate("JSON.parse(localStorage.getItem('lambdanet-edu:progress'))")
    saved = progress["quizzes"][quiz_id]
    keys = {}
    for q in data["questions"]:
        variant = q["variants"][saved["questions"][q["id"]]["variant"]]
        if q["input"] in ("single", "multiple"):
            keys[q["id"]] = [i for i, c in enumerate(variant["choices"]) if c["correct"]]
        else:
            keys[q["id"]] = str(variant["answer"]["value"])
    return keys


def test_a_quiz_is_completed_by_keyboard_alone(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "embed/quiz/where-it-runs/")
    settle(page)
    keys = quiz_key(page, "where-it-runs")
    page.locator(".ln-embed-page__open a").focus()
    for question in page.locator(".ln-quiz__fieldset").all():
        key = keys[question.get_attribute("data-question") or ""]
        if isinstance(key, str):
            field = question.locator("input[type=text]")
            tab_to(page, field)
            page.keyboard.type(key)
            page.keyboard.press("Enter")  # Enter in the field checks
        else:
            choices = question.locator("input")
            tab_to(page, choices.first)
            if choices.first.get_attribute("type") == "radio":
                # Arrow keys move within a radio group and select as they go.
                for _ in range(key[0]):
                    page.keyboard.press("ArrowDown")
                    assert focus_ring(page)
                page.keyboard.press("Space")  # Tab onto an unticked group only focuses its first
            else:
                for index in range(choices.count()):
                    if index:
                        page.keyboard.press("Tab")
                        assert focus_ring(page)
                    if index in key:
                        page.keyboard.press("Space")
            tab_to(page, question.get_by_role("button", name="Check"))
            page.keyboard.press("Enter")
        expect(question.locator(".ln-quiz__verdict")).to_have_text("Right")
    total = page.locator(".ln-quiz__fieldset").count()
    expect(page.locator(".ln-quiz__score")).to_contain_text(f"{total} of {total} right")

