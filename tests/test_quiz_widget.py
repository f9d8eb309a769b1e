"""The ``[[quiz ID]]`` shortcode, the embed-code box and the progress table, built from a
hand-written quiz that follows the compiled JSON contract; then the quizzes on the built site."""

from __future__ import annotations

import gzip
import html
import json
import re
from types import SimpleNamespace
from typing import Any

import pytest
import shortcodes  # the hook: hooks/ is on pytest's pythonpath
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from site_build import course, widgets
from site_build.state import state_of
from tests.conftest import ROOT, Served

FIXTURE = json.loads((ROOT / "tests" / "data" / "quiz_fixture.json").read_text(encoding="utf-8"))

CONFIG = SimpleNamespace(site_url="https://learn.example.com/lambda/", site_name="lambdanet-edu",
                         extra={},
                         nav=[{"Start here": "index.md"}, {"Egress and your network": "egress.md"}])
state_of(CONFIG).wheel_path = "assets/wheels/abc/lambdanet_edu-0.1-py3-none-any.whl"


def expand(markdown: str, page: str = "topic.md") -> str:
    where = SimpleNamespace(file=SimpleNamespace(src_uri=page))
    return shortcodes.on_page_markdown(markdown, where, CONFIG, None)


@pytest.fixture
def fixture_quiz(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(course, "compiled_quizzes", lambda: {FIXTURE["id"]: FIXTURE})
    # The fixture is no topic of the registry: it sits on a page named after it.
    monkeypatch.setattr(course, "page_of_quiz", lambda quiz_id: f"{quiz_id}.md")
    return FIXTURE


def test_quiz_section_carries_the_compiled_quiz_and_a_readable_fallback(fixture_quiz: dict) -> None:
    out = expand("Text.\n\n[[quiz fixture]]\n")
    section = re.search(r'<section class="ln-quiz" id="quiz-fixture" data-ln-quiz="fixture" '
                        r'aria-labelledby="quiz-fixture-title" data-ln-quiz-data="([^"]*)" '
                        r'markdown="1">', out)
    assert section, out[:300]
    assert json.loads(html.unescape(section.group(1))) == fixture_quiz
    # A Markdown heading, so the quiz joins the page's table of contents.
    assert "\n## Quiz: A &lt;hand-written&gt; quiz {#quiz-fixture-title}\n" in out
    fallback = out[out.index('<div class="ln-quiz__fallback">'):out.index("</section>")]
    for question in fixture_quiz["questions"]:
        variant = question["variants"][0]
        assert variant["prompt"] in fallback
        for choice in variant["choices"]:
            assert f"<li>{choice['html']}</li>" in fallback
    assert "<script" not in out
    for start, end in [('<div class="ln-quiz__fallback">', "</section>"),
                       ("<details", "</details>")]:
        block = out[out.index(start):out.index(end)]
        assert "\n\n" not in block, "a blank line would end Markdown's raw HTML block"


def test_embed_box_offers_iframe_markdown_and_address_each_labelled_with_a_copy_button(
        fixture_quiz: dict) -> None:
    out = expand("[[quiz fixture]]")
    box = out[out.index('<details class="ln-embed"'):]
    assert "<summary>Embed this quiz</summary>" in box
    areas = re.findall(r'<textarea id="([^"]+)" readonly[^>]*>([^<]*)</textarea>', box)
    assert [a for a, _ in areas] == ["embed-quiz-fixture-iframe", "embed-quiz-fixture-responsive",
                                     "embed-quiz-fixture-markdown", "embed-quiz-fixture-url"]
    for area_id, _ in areas:
        assert f'<label for="{area_id}">' in box
        assert f'data-ln-copy="{area_id}"' in box
    iframe, responsive, markdown, url = (html.unescape(text) for _, text in areas)
    assert url == "https://learn.example.com/lambda/embed/quiz/fixture/"
    heights = widgets.embed_heights("quiz", fixture_quiz)
    assert iframe.startswith(
        f'<iframe src="{url}" title="Quiz: A &lt;hand-written&gt; quiz (lambdanet-edu)" '
        f'width="720" style="border:0" height="{heights[720]}" loading="lazy"></iframe>')
    # HTML's width attribute is a number of pixels: the full-width variant uses CSS, and the
    # height that fits at the narrowest declared width.
    assert responsive.startswith(
        f'<iframe src="{url}" title="Quiz: A &lt;hand-written&gt; quiz (lambdanet-edu)" '
        'style="width:100%;max-width:720px;border:0" '
        f'height="{heights[360]}" loading="lazy"></iframe>')
    assert 'width="100%"' not in box
    assert f"{heights[720]:,} px at 720 px wide; {heights[360]:,} px at 360 px wide" in box
    host = "https://learn.example.com/lambda/assets/ln/embed-host.js"
    assert f'<script src="{host}"></script>' in iframe
    assert markdown == widgets.fallback_markdown(CONFIG, "quiz", fixture_quiz)


def test_fallback_markdown_lists_every_question_and_links_online(fixture_quiz: dict) -> None:
    text = widgets.fallback_markdown(CONFIG, "quiz", fixture_quiz)
    embed = "https://learn.example.com/lambda/embed/quiz/fixture/"
    picture, blank, title = text.splitlines()[:3]
    assert picture == f"[![Quiz: A &lt;hand-written&gt; quiz]({embed}preview.svg)]({embed})"
    assert blank == "" and title == "**Quiz: A &lt;hand-written&gt; quiz** (lambdanet-edu)"
    assert "1. Which one is **right**? &lt;b&gt;" in text
    assert "    - The `right` one" in text
    assert "   print('<done>')" in text  # code stays as is inside its fence
    assert "(https://learn.example.com/lambda/embed/quiz/fixture/)" in text
    assert "(https://learn.example.com/lambda/fixture/#quiz-fixture)" in text


@pytest.mark.parametrize(
    ("safe_html", "markdown"),
    [("plain", "plain"), ("<strong>bold</strong>", "**bold**"),
     ("<code>a &lt; b</code>", "`a < b`"),
     ("&lt;script&gt;", "&lt;script&gt;"), ("it&#x27;s &amp; more", "it's &amp; more")],
)
def test_inline_markdown(safe_html: str, markdown: str) -> None:
    assert widgets.inline_markdown(safe_html) == markdown


@given(st.text())
def test_inline_markdown_never_lets_markup_through(text: str) -> None:
    """Escaped learner text stays text in a wiki: no raw < survives, and nothing is lost."""
    out = widgets.inline_markdown(html.escape(text, quote=False))
    assert "<" not in out
    assert html.unescape(out) == text


def test_progress_lists_every_quiz_with_a_score_cell(fixture_quiz: dict) -> None:
    out = expand("[[progress]]")
    assert re.findall(r'data-ln-quiz-score="([\w-]+)"', out) == ["fixture"]
    assert "[fixture.md](fixture.md#quiz-fixture)" in out
    assert "data-ln-quiz-summary" in out
    assert "data-ln-summary" in out  # the exercises' summary is still there


def test_embeds_lists_every_quiz_and_exercise_address(fixture_quiz: dict) -> None:
    from lambdanet_edu.course import EXERCISES

    out = expand("[[embeds]]")
    assert "<https://learn.example.com/lambda/embed/quiz/fixture/>" in out
    for exercise_id in EXERCISES:
        assert f"<https://learn.example.com/lambda/embed/exercise/{exercise_id}/>" in out


def test_unknown_quiz_fails_the_build_naming_the_page(fixture_quiz: dict) -> None:
    with pytest.raises(PluginError, match=r"^egress\.md: unknown quiz 'nope'; ids are fixture$"):
        expand("[[quiz nope]]", page="egress.md")


def test_exercise_shortcode_adds_its_embed_box() -> None:
    out = expand("[[exercise eni-count]]")
    assert '<details class="ln-embed" id="embed-exercise-eni-count">' in out
    assert "https://learn.example.com/lambda/embed/exercise/eni-count/" in out
    page_link = "(https://learn.example.com/lambda/where-it-runs/#exercise-eni-count)"
    assert page_link in html.unescape(out)


# -----------------------------------------------------------------------------------------------
# The built site.

def _quizzes() -> list[dict[str, Any]]:
    from lambdanet_edu.course import compiled_quizzes

    return compiled_quizzes()


def test_every_quiz_sits_once_on_its_own_page(site: Served) -> None:
    pages = [*sorted(site.site.glob("*/index.html")), site.site / "index.html"]
    placed: dict[str, list[str]] = {}
    for page in pages:
        for quiz_id in re.findall(r'<section\b[^>]*\sdata-ln-quiz="([\w-]+)"',
                                  page.read_text(encoding="utf-8")):
            placed.setdefault(quiz_id, []).append(page.parent.relative_to(site.site).as_posix())
    expected = {q["id"]: ["." if q["id"] == "start" else q["id"]] for q in _quizzes()}
    assert placed == expected


def test_progress_page_has_a_score_cell_for_every_quiz(site: Served) -> None:
    text = (site.site / "progress" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-ln-quiz-score="([\w-]+)"', text) == [q["id"] for q in _quizzes()]


def test_quiz_script_is_small(site: Served) -> None:
    size = len(gzip.compress((site.site / "assets" / "ln" / "quiz.js").read_bytes(), 9))
    assert size < 8_000, f"quiz.js is {size} bytes gzipped"


def test_downloads_lists_each_file_with_its_format(fixture_quiz: dict,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state_of(CONFIG), "quiz_downloads", [
        {"quiz": None, "format": "qti", "path": "downloads/quizzes/all.qti.zip"},
        {"quiz": "fixture", "format": "gift", "path": "downloads/quizzes/fixture.gift.txt"}])
    rows = expand("[[downloads]]").splitlines()[2:]
    assert rows == [
        "| All quizzes | QTI 2.1 package (Canvas, Blackboard) | "
        "[all.qti.zip](https://learn.example.com/lambda/downloads/quizzes/all.qti.zip) |",
        "| A &lt;hand-written&gt; quiz | GIFT (Moodle) | "
        "[fixture.gift.txt](https://learn.example.com/lambda/downloads/quizzes/fixture.gift.txt) |"]


def test_downloads_without_the_exports_hook_fail_the_build() -> None:
    with pytest.raises(PluginError, match=r"embed\.md: no quiz downloads to list: register "
                                          r"hooks/quiz_exports\.py"):
        expand("[[downloads]]", page="embed.md")
