"""A 390 px phone in Chromium: pictures keep 12 px text (their frame pans) and give their
description as text, picture text stays inside its SVG, embed pages have no text under 12 px,
and the lessons' Copy buttons never cover code."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from lambdanet_edu.course import EXERCISES, compiled_quizzes
from lambdanet_edu.pictures.svg import text_width
from tests.browser.conftest import Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PICTURE_PAGES = ["", "where-it-runs/", "ip-addresses/", "egress/", "scaling/",
                 "lessons/01_where_it_runs/", "lessons/02_ip_addresses/", "lessons/03_egress/",
                 "lessons/04_scaling/"]
LESSONS = [p for p in PICTURE_PAGES if p.startswith("lessons/")]
EMBEDS = ([f"embed/quiz/{q['id']}/" for q in compiled_quizzes()]
          + [f"embed/exercise/{ex_id}/" for ex_id in EXERCISES])

# Each picture text's rendered size (font size times the SVG's scale on screen), its drawn
# extent in the SVG's own units, and the drawing's width.
PICTURE_TEXT = """() => [...document.querySelectorAll("svg.ln-pic")].map(svg => ({
  id: svg.querySelector("title").id,
  width: svg.viewBox.baseVal.width,
  desc: svg.querySelector("desc").textContent,
  words: svg.closest("figure")?.querySelector(".ln-figure__words p")?.textContent ?? null,
  texts: [...svg.querySelectorAll("text")].map(t => {
    const box = t.getBBox();
    const m = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize);
    return { text: t.textContent, size, bold: getComputedStyle(t).fontWeight >= 600,
             shown: size * Math.hypot(m.a, m.b), left: box.x, right: box.x + box.width,
             length: t.getComputedTextLength() };
  }),
}))"""

# Text nodes whose element is rendered smaller than 12 CSS px.
SMALL_TEXT = """() => {
  const small = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!node.data.trim() || !el || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push(`${el.localName}.${el.className}: ${size}px "${node.data.trim()}"`);
  }
  return small;
}"""


@pytest.fixture
def context_options() -> dict[str, object]:
    """A phone's context; each test sets the phone's viewport (the fixture sets a desktop one)."""
    return {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_pictures_keep_12px_text_on_a_phone_and_stay_inside_their_svg(
        site: Served, watched: tuple[Page, Watch], path: str) -> None:
    page, _ = watched
    page.set_viewport_size(PHONE)
    page.goto(site.url + path)
    pictures = page.evaluate(PICTURE_TEXT)
    assert pictures, f"{path}: no picture"
    for picture in pictures:
        if not path.startswith("lessons/"):  # a page figure: its description as text too
            assert picture["words"] == " ".join(picture["desc"].split()), picture["id"]
        for text in picture["texts"]:
            where = f"{path} {picture['id']}: {text['text']!r}"
            assert text["shown"] >= 11.99, f"{where} is {text['shown']:.1f} px on a phone"
            assert text["left"] >= 0 and text["right"] <= picture["width"] + 0.5, where
            # The width the pictures wrap by is never less than what Chromium draws.
            assert text["length"] <= text_width(text["text"], text["size"]) + 0.5, where


def test_a_figure_pans_sideways_on_a_phone(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.set_viewport_size(PHONE)
    page.goto(site.url + "egress/")
    frame = page.locator(".ln-figure__frame").first
    sizes = frame.evaluate("f => [f.clientWidth, f.scrollWidth, f.tabIndex]")
    assert sizes[0] < sizes[1] and sizes[2] == 0, sizes
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle())


@pytest.mark.parametrize("path", EMBEDS)
def test_embed_pages_have_no_text_under_12px_on_a_phone(
        site: Served, watched: tuple[Page, Watch], path: str) -> None:
    page, _ = watched
    page.set_viewport_size(PHONE)
    page.goto(site.url + path)
    page.wait_for_selector(".ln-quiz__score, .ln-exercise .ln-buttons", state="attached")
    assert page.evaluate(SMALL_TEXT) == []


# The Copy button's box against every line box of its code, as far as the code's scrolling box
# shows it (a long line runs on out of sight, under whatever is beside it).
COVERED = """() => [...document.querySelectorAll(".jupyter-wrapper .zeroclipboard-container")]
  .flatMap(copy => {
    const button = copy.getBoundingClientRect();
    const code = copy.parentElement.querySelector("pre");
    const view = code.closest(".highlight-ipynb").getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(code);
    return [...range.getClientRects()].map(r => ({
      left: Math.max(r.left, view.left), right: Math.min(r.right, view.right),
      top: Math.max(r.top, view.top), bottom: Math.min(r.bottom, view.bottom),
    })).filter(r => r.left < r.right && r.top < r.bottom
      && r.left < button.right && button.left < r.right
      && r.top < button.bottom && button.top < r.bottom)
      .map(() => code.textContent.slice(0, 40));
  })"""


@pytest.mark.parametrize("path", LESSONS)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_lessons_copy_buttons_cover_no_code(site: Served, watched: tuple[Page, Watch],
                                                path: str, width: int) -> None:
    page, _ = watched
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + path)
    assert page.locator(".jupyter-wrapper .zeroclipboard-container").count() > 3
    assert page.evaluate(COVERED) == []


def test_the_progress_file_input_is_a_labelled_button_styled_as_the_sites(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "progress/")
    chooser = page.get_by_label("Load progress from a file")
    assert chooser.get_attribute("type") == "file"
    seen = chooser.evaluate("""input => {
      const button = getComputedStyle(input, "::file-selector-button");
      const primary = getComputedStyle(document.body).getPropertyValue("--md-primary-fg-color");
      const probe = document.createElement("span");
      probe.style.color = primary;
      document.body.append(probe);
      const wanted = getComputedStyle(probe).color;
      probe.remove();
      return { color: button.color, wanted, border: button.borderTopStyle,
               weight: button.fontWeight, background: button.backgroundColor };
    }""")
    assert seen["color"] == seen["wanted"] and seen["border"] == "solid", seen
    assert seen["weight"] == "700" and seen["background"] == "rgba(0, 0, 0, 0)", seen
