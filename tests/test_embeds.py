"""The standalone embed pages the build writes for every quiz and exercise, read from the site."""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from lambdanet_edu.course import EXERCISES, compiled_quizzes
from site_build import course, widgets
from tests.conftest import Served

QUIZZES = {quiz["id"]: quiz for quiz in compiled_quizzes()}
ITEMS = [("quiz", quiz_id) for quiz_id in QUIZZES] + [("exercise", ex_id) for ex_id in EXERCISES]
# What a page makes the browser fetch by itself (links a reader may follow are fine).
FETCHED = re.compile(r"""<(?:script|img|iframe|link)\b[^>]*\s(?:src|href)=["']([^"']+)""")


def embed_dir(site: Served, kind: str, item_id: str) -> Path:
    return site.site / "embed" / kind / item_id


@pytest.mark.parametrize(("kind", "item_id"), ITEMS)
def test_embed_page_is_standalone_and_discoverable(site: Served, kind: str, item_id: str) -> None:
    text = (embed_dir(site, kind, item_id) / "index.html").read_text(encoding="utf-8")
    assert f'data-ln-embed="{kind}/{item_id}"' in text
    assert "md-header" not in text and "md-nav" not in text and "md-sidebar" not in text
    oembed_link = re.search(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', text)
    assert oembed_link and oembed_link.group(1) == f"{site.url}embed/{kind}/{item_id}/oembed.json"
    for url in FETCHED.findall(text):
        if url == oembed_link.group(1):
            continue  # a consumer reads it; the browser does not
        assert not re.match(r"^[a-z]+:|^//", url), f"{url} is fetched from elsewhere"
        assert (embed_dir(site, kind, item_id) / url).resolve().exists(), url
    assert "assets/ln/embed.js" in text and "assets/ln/embed.css" in text
    opens = re.search(
        r'<a href="([^"]+)" target="_blank" rel="noopener">Open in lambdanet-edu</a>', text)
    assert opens and opens.group(1).startswith(site.url)
    anchor = opens.group(1).split("#")[1]
    page = site.site / opens.group(1)[len(site.url):].split("#")[0] / "index.html"
    assert f'id="{anchor}"' in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "item_id"), ITEMS)
def test_oembed_json_is_valid_rich_oembed(site: Served, kind: str, item_id: str) -> None:
    data = json.loads((embed_dir(site, kind, item_id) / "oembed.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] == "lambdanet-edu" and data["provider_url"] == site.url
    assert isinstance(data["width"], int) and isinstance(data["height"], int) and data["height"] > 0
    assert data["title"]
    assert data["html"].startswith(f'<iframe src="{site.url}embed/{kind}/{item_id}/"')
    # An iframe's width attribute is a number of pixels, the same as oEmbed's width.
    assert f'width="{data["width"]}"' in data["html"] and "100%" not in data["html"]
    assert f'height="{data["height"]}"' in data["html"]


def test_quiz_embed_carries_the_compiled_quiz(site: Served) -> None:
    for quiz_id, quiz in QUIZZES.items():
        text = (embed_dir(site, "quiz", quiz_id) / "index.html").read_text(encoding="utf-8")
        data = re.search(r'data-ln-quiz-data="([^"]*)"', text).group(1)
        assert json.loads(html.unescape(data)) == quiz
        assert "pyodide" not in text and "exercises.js" not in text


def test_exercise_embed_uses_the_site_widget_data(site: Served) -> None:
    for ex_id, ex in EXERCISES.items():
        text = (embed_dir(site, "exercise", ex_id) / "index.html").read_text(encoding="utf-8")
        config = json.loads(html.unescape(re.search(r'data-ln-config="([^"]*)"', text).group(1)))
        assert config["id"] == ex_id and config["starter"] == ex.starter
        assert (site.site / config["wheel"]).exists()


@pytest.mark.parametrize("quiz_id", list(QUIZZES))
def test_fallback_markdown_holds_every_question_and_links(site: Served, quiz_id: str) -> None:
    text = (embed_dir(site, "quiz", quiz_id) / "fallback.md").read_text(encoding="utf-8")
    for question in QUIZZES[quiz_id]["questions"]:
        variant = question["variants"][0]
        assert widgets.inline_markdown(variant["prompt"]) in text
        for choice in variant["choices"]:
            assert widgets.inline_markdown(choice["html"]) in text
    assert f"({site.url}embed/quiz/{quiz_id}/)" in text
    assert "<" not in re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.S)


@pytest.mark.parametrize(("kind", "item_id"), ITEMS)
def test_fallback_shows_a_preview_picture_linked_to_the_embed(site: Served, kind: str,
                                                              item_id: str) -> None:
    """GitHub wikis drop frames but keep images: the fallback starts with a linked picture."""
    folder = embed_dir(site, kind, item_id)
    embed = f"{site.url}embed/{kind}/{item_id}/"
    first = (folder / "fallback.md").read_text(encoding="utf-8").splitlines()[0]
    assert re.fullmatch(rf"\[!\[[^\n]+\]\({re.escape(embed)}preview\.svg\)\]\({re.escape(embed)}\)",
                        first), first
    svg = ET.fromstring((folder / "preview.svg").read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    title = svg.find(f"{ns}title").text
    lines = " ".join(t.text or "" for t in svg.iter(f"{ns}text"))
    if kind == "quiz":
        quiz = QUIZZES[item_id]
        assert title == f"Quiz: {quiz['title']}"
        assert lines.count(". ") >= min(len(quiz["questions"]), 6)
    else:
        assert title == f"Exercise: {EXERCISES[item_id].title}"


def test_embed_quiz_page_is_light(site: Served) -> None:
    """Under 40 KB of JS and CSS gzipped, and no Python."""
    text = (embed_dir(site, "quiz", next(iter(QUIZZES))) / "index.html").read_text(encoding="utf-8")
    base = embed_dir(site, "quiz", next(iter(QUIZZES)))
    assets = [u for u in FETCHED.findall(text) if u.endswith((".js", ".css", ".mjs"))]
    size = sum(len(gzip.compress((base / u).resolve().read_bytes(), 9)) for u in assets)
    assert size < 40_000, f"{size} bytes gzipped"


def test_embed_docs_page_lists_every_embed_address(site: Served) -> None:
    text = (site.site / "embed" / "index.html").read_text(encoding="utf-8")
    for kind, item_id in ITEMS:
        assert f'href="{site.url}embed/{kind}/{item_id}/"' in text
    assert "lambdanet-edu:height" in text


def test_every_page_offers_the_embed_code_of_its_quiz_and_exercises(site: Served) -> None:
    pages: dict[str, Any] = {}
    for kind, item_id in ITEMS:
        page = (course.page_of_quiz(item_id) if kind == "quiz"
                else course.page_of_exercise(item_id)).removesuffix(".md")
        path = site.site / ("" if page == "index" else page) / "index.html"
        text = pages.setdefault(page, path.read_text(encoding="utf-8"))
        assert f'<details class="ln-embed" id="embed-{kind}-{item_id}">' in text


def test_embed_docs_page_links_every_quiz_download(site: Served) -> None:
    text = (site.site / "embed" / "index.html").read_text(encoding="utf-8")
    links = re.findall(rf'href="{re.escape(site.url)}(downloads/quizzes/[^"]+)"', text)
    expected = [f"downloads/quizzes/{q}{suffix}" for q in ["all", *QUIZZES]
                for suffix in (".qti.zip", ".moodle.xml", ".gift.txt")]
    assert sorted(links) == sorted(expected)
    for link in links:
        assert (site.site / link).stat().st_size > 0
