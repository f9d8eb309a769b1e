"""Pictures in Chromium: legible in both colour schemes, the learner's drawn after Run, and a
hostile SVG handed to showPicture runs nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lambdanet_edu.course import EXERCISES
from tests.browser.conftest import ARTIFACTS, PYTHON_TIMEOUT_MS, Watch
from tests.browser.test_exercises_in_browser import feedback, press, set_code, widget
from tests.conftest import Served

pytestmark = pytest.mark.browser

# Contrast of the picture's first text against its background, alpha-blended, as WCAG counts it.
CONTRAST = """svg => {
  const rgba = s => {
    const v = s.match(/[\\d.]+/g).map(Number);
    return [v[0], v[1], v[2], v[3] ?? 1];
  };
  const bg = rgba(getComputedStyle(svg.querySelector(".ln-pic__bg")).fill);
  const fg = rgba(getComputedStyle(svg.querySelector("text")).fill);
  const mix = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
  const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.03928 ? c / 12.92
    : ((c + 0.055) / 1.055) ** 2.4; }).reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [lum(mix), lum(bg.slice(0, 3))].sort((x, y) => y - x);
  return { ratio: (a + 0.05) / (b + 0.05), bg: lum(bg.slice(0, 3)) };
}"""


@pytest.mark.parametrize(("path", "kind"), [("", "diagram"), ("scaling/", "chart")])
def test_a_diagram_and_a_chart_are_legible_in_both_colour_schemes(
        site: Served, watched: tuple[Page, Watch], path: str, kind: str) -> None:
    page, _ = watched
    page.goto(site.url + path)
    svg = page.locator("figure.ln-figure svg").first
    expect(svg).to_be_visible()
    expect(page.locator("figure.ln-figure figcaption").first).not_to_be_empty()
    backgrounds = {}
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150, box
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        svg.screenshot(path=str(ARTIFACTS / f"picture-{kind}-{scheme}.png"))
        seen = svg.evaluate(CONTRAST)
        assert seen["ratio"] >= 4.5, (scheme, seen)
        backgrounds[scheme] = seen["bg"]
    assert backgrounds["slate"] < 0.1 < backgrounds["default"], "the picture follows the scheme"


def test_run_draws_the_learners_deployment_and_clears_it_when_there_is_none(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "egress/")
    ex = EXERCISES["give-internet-access"]
    root = widget(page, ex.id)
    set_code(page, root, ex.misconception("public_subnet").example)
    press(root, "Run")
    feedback(root, "Ran")
    picture = root.locator(".ln-picture svg")
    expect(picture.locator("title")).to_have_text(
        "Your deployment: orders and its path to the internet")
    expect(picture).to_contain_text("✗ blocked at internet gateway igw-1")
    box = picture.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    set_code(page, root, "deployment = 5\n")
    press(root, "Run")
    expect(root.locator(".ln-feedback__message")).to_have_text("deployment = 5",
                                                               timeout=PYTHON_TIMEOUT_MS)
    expect(root.locator(".ln-picture svg")).to_have_count(0)


HOSTILE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  class="ln-pic" onload="window.pwned = 'onload'" role="img" aria-labelledby="h-title">
  <title id="h-title">hostile</title>
  <script>window.pwned = 'script'</script>
  <rect width="5" height="5" onclick="window.pwned = 'click'" onmouseover="window.pwned = 'over'"
        style="fill: url(http://evil.example/a.svg#x)"/>
  <a href="javascript:window.pwned = 'link'"><text y="20">click me</text></a>
  <foreignObject width="50" height="50"><div xmlns="http://www.w3.org/1999/xhtml">
    <img src="http://evil.example/x.png" onerror="window.pwned = 'img'"/></div></foreignObject>
  <image href="http://evil.example/y.png" width="5" height="5"/>
  <use xlink:href="http://evil.example/z.svg#a"/><use href="#h-title"/>
  <style>@import url(http://evil.example/x.css);</style>
  <text y="40">&lt;img src=x onerror="window.pwned='text'"&gt; &amp; more</text>
</svg>"""

SHOW = """async ([url, svg]) => {
  const { showPicture } = await import(url);
  const box = document.createElement("div");
  document.body.append(box);
  const shown = showPicture(box, svg);
  box.querySelector("rect")?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  box.querySelector("rect")?.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
  await new Promise(r => setTimeout(r, 300));
  const names = [...box.querySelectorAll("*")].map(e => e.localName);
  const attrs = [...box.querySelectorAll("*")]
    .flatMap(e => [...e.attributes].map(a => a.name + "=" + a.value));
  const broken = showPicture(document.createElement("div"), "<svg><unclosed></svg>");
  return { shown, broken, pwned: window.pwned ?? null, names, attrs, text: box.textContent };
}"""


def test_show_picture_keeps_only_safe_svg_and_runs_nothing(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, watch = watched
    page.goto(site.url)
    seen = page.evaluate(SHOW, [site.url + "assets/ln/picture.js", HOSTILE])
    # Parsing the hostile SVG (before picture.js drops what it must) already meets the site's
    # Content-Security-Policy, which refuses its handlers and styles and logs each refusal.
    refused = [e for e in watch.errors if "Content Security Policy" in e]
    assert refused and all("has been blocked" in e or "violates" in e for e in refused)
    watch.errors[:] = [e for e in watch.errors if e not in refused]
    assert seen["shown"] is True and seen["broken"] is False
    assert seen["pwned"] is None
    assert set(seen["names"]) <= {"svg", "title", "rect", "text", "use"}, seen["names"]
    assert not [a for a in seen["attrs"] if a.startswith("on") or "url(" in a or "evil" in a
                or "javascript" in a], seen["attrs"]
    assert "href=#h-title" in seen["attrs"]
    assert "<img src=x onerror=\"window.pwned='text'\"> & more" in seen["text"]
    assert not [url for url in watch.requests if "evil" in url]
