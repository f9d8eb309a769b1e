"""The exercise editor as a learner types in it: 4-space indentation (PEP 8), like every starter
and solution, and long lines that wrap rather than run out of sight.

The editor once indented by 2 spaces: Enter after a 4-space line gave 2, Tab added 2, and a
``return`` typed after an ``if`` block could land inside it. And a starter's long comment ran
past the right edge with no visible way to read its end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

TYPED = """\
def f(x):
    y = 1
    if x:
        y = 2
    else:
        y = 3
    return y"""


def current_line(root: Locator) -> str:
    return root.evaluate("r => { const s = r.lnEditor.view.state; "
                         "return s.doc.lineAt(s.selection.main.head).text; }")


def exercise_pages(site: Path) -> list[str]:
    """Every site page with an exercise (embeds show the same widgets), as URL paths."""
    return sorted(
        page.parent.relative_to(site).as_posix() + "/"
        for page in site.rglob("index.html")
        if "embed" not in page.relative_to(site).parts
        and "data-ln-exercise=" in page.read_text(encoding="utf-8"))


def test_enter_tab_and_dedent_use_four_spaces(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "where-it-runs/")
    root = page.locator(".ln-exercise").first
    root.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    expect(root.locator(".cm-editor")).to_be_visible()
    root.locator(".cm-content").click()
    keys = page.keyboard
    keys.press("Control+A")
    keys.press("Delete")

    keys.type("def f(x):")
    keys.press("Enter")
    assert current_line(root) == " " * 4
    keys.type("y = 1")
    keys.press("Enter")
    assert current_line(root) == " " * 4, "Enter after a 4-space line keeps 4"
    keys.type("if x:")
    keys.press("Enter")
    assert current_line(root) == " " * 8, "Enter after `if x:` adds 4"
    keys.type("y = 2")
    keys.press("Enter")
    assert current_line(root) == " " * 8
    keys.type("else:")
    assert current_line(root) == "    else:", "`else:` moves back under its `if` as it is typed"
    keys.press("Enter")
    assert current_line(root) == " " * 8
    keys.type("y = 3")
    keys.press("Enter")
    keys.press("Backspace")
    assert current_line(root) == " " * 4, "Backspace in leading space removes one level"
    keys.type("return y")
    assert root.evaluate("r => r.lnEditor.value") == TYPED, "return lands in the function body"

    keys.press("Tab")
    assert current_line(root) == " " * 8 + "return y", "Tab adds 4"
    keys.press("Shift+Tab")
    assert current_line(root) == " " * 4 + "return y", "Shift+Tab removes 4"
    keys.press("End")
    keys.press("Enter")
    before = len(current_line(root))
    keys.press("Tab")
    assert current_line(root) == " " * (before + 4), "Tab on an empty line adds 4"


# Where the longest line of a starter ends, against the editor's visible box.
MEASURE = """r => {
  const scroller = r.querySelector(".cm-scroller");
  const starter = JSON.parse(r.dataset.lnConfig).starter;
  const longest = starter.split("\\n").reduce((a, b) => (b.length > a.length ? b : a), "");
  const line = [...r.querySelectorAll(".cm-line")].find((l) => l.textContent === longest);
  if (!line) return { longest, found: false };
  const range = document.createRange();
  range.selectNodeContents(line);
  const rects = [...range.getClientRects()].filter((box) => box.width > 0);
  const box = scroller.getBoundingClientRect();
  return {
    longest, found: true, hidden: scroller.scrollWidth - scroller.clientWidth,
    left: Math.min(...rects.map((x) => x.left)) - box.left,
    right: box.right - Math.max(...rects.map((x) => x.right)),
  };
}"""


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_longest_starter_line_of_every_exercise_is_fully_visible(
        site: Served, watched: tuple[Page, Watch], width: int) -> None:
    page, _ = watched
    page.set_viewport_size({"width": width, "height": 900})
    pages = exercise_pages(site.site)
    assert len(pages) >= 4, pages
    seen = 0
    for path in pages:
        page.goto(site.url + path)
        widgets = page.locator(".ln-exercise")
        for i in range(widgets.count()):
            root = widgets.nth(i)
            root.scroll_into_view_if_needed()
            expect(root.locator(".cm-editor")).to_be_visible()
            config = json.loads(root.get_attribute("data-ln-config") or "{}")
            assert root.evaluate("r => r.lnEditor.value") == config["starter"]
            where = root.evaluate(MEASURE)
            name = f"{path} {config['id']} at {width} px: {where['longest']!r}"
            assert where["found"], name
            assert where["hidden"] <= 1, f"{name} runs {where['hidden']} px out of sight"
            assert where["left"] >= -1 and where["right"] >= -1, f"{name} is cut off: {where}"
            seen += 1
    assert seen >= 10, seen
