"""The built site's markup, page by page: unique ids, table-of-contents links that lead
somewhere, no broken internal link or anchor (scripts/check_links.py, offline), no empty script
tags, numbered lesson titles, and zero errors from the Nu HTML checker in the markup this project
writes (vnu-jar, pinned in package-lock.json; it needs Java, which ./dev test installs)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from check_links import broken_links, pages, parse  # scripts/ is on pytest's pythonpath

from tests.conftest import Served

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def built_pages(site: Served) -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in pages(site.site).items()}


def test_every_page_gives_each_id_once(site: Served) -> None:
    """Lessons 1 and 2 had two "Try it" headings each: the same id twice on a page."""
    twice = {}
    for name, text in built_pages(site).items():
        repeated = [i for i, n in Counter(parse(text).ids).items() if n > 1]
        if repeated:
            twice[name] = repeated
    assert twice == {}


TOC_LINK = re.compile(r'<a href="(#[^"]*)" class="md-nav__link">')


def test_every_table_of_contents_link_points_at_a_heading_on_its_page(site: Served) -> None:
    missing = {}
    for name, text in built_pages(site).items():
        ids = set(parse(text).ids)
        lost = [href for href in TOC_LINK.findall(text) if href[1:] not in ids]
        if lost:
            missing[name] = lost
    assert missing == {}


def test_no_internal_link_or_anchor_is_broken(site: Served) -> None:
    assert [str(b) for b in broken_links(site.site, site.url)] == []


def test_link_checker_finds_a_missing_file_a_missing_anchor_and_an_empty_address(
        tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h2 id="top">Top</h2><a href="a/#there">ok</a><a href="#nowhere">x</a>'
        '<a href="b/">x</a><script src=""></script><a href="https://example.com/#x">out</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<p id="there"><a href="../#top">back</a><a href="http://h/#top">abs</a></p>',
        encoding="utf-8")
    found = sorted(str(b) for b in broken_links(tmp_path, "http://h/"))
    assert found == [":  (empty address)", ": #nowhere (no id 'nowhere' in /)",
                     ": b/ (no file b/)"]


def test_lesson_pages_carry_no_empty_script_tags(site: Served) -> None:
    for name, text in built_pages(site).items():
        assert not re.search(r"<script\b[^>]*\ssrc=(\"\"|'')", text), name


def test_every_lesson_is_numbered_in_the_navigation(site: Served) -> None:
    text = (site.site / "index.html").read_text(encoding="utf-8")
    lessons = sorted((ROOT / "lessons").glob("*.py"))
    for number, path in enumerate(lessons, start=1):
        link = re.search(rf'<a href="lessons/{path.stem}/" class="md-nav__link">\s*'
                         r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', text)
        assert link, path.stem
        assert link.group(1).startswith(f"Lesson {number}:"), link.group(1)


# --- the Nu HTML checker ----------------------------------------------------------------------

#: Errors in markup this project does not write, with how many the site holds: Material for
#: MkDocs' and mkdocs-jupyter's (nbconvert's page template and its inlined Jupyter CSS). Each
#: count is exact, so a new one fails, and so does one fixed upstream (then lower the count).
KNOWN: dict[str, tuple[str, int]] = {
    # Material: its drawer and search toggles are checkboxes with autocomplete="off" (2 a page).
    "Attribute “autocomplete” is only allowed when the input type is": ("Material", 42),
    # mkdocs-jupyter: a <style> element in the body, before the notebook (4 a lesson).
    "A “style” element in “body” must be the first child of its parent.": ("mkdocs-jupyter", 20),
    # mkdocs-jupyter: Jupyter's copy buttons, a custom element with an aria-label and no role.
    "The “aria-label” attribute must not be specified on any “clipboard-copy” element":
        ("mkdocs-jupyter", 66),
    # mkdocs-jupyter: Jupyter's CSS, inlined in each lesson page; only the rules a lesson uses
    # are kept (site_build.notebook_css), which leaves 3 a lesson.
    "CSS: ": ("mkdocs-jupyter", 15),
}


def _vnu(files: list[Path]) -> list[dict[str, str]]:
    java = shutil.which("java")
    assert java, "Java is missing: ./dev test installs it (apt-get install default-jre-headless)"
    assert VNU.exists(), "vnu-jar is missing: ./dev test installs it (npm ci)"
    done = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, check=False)
    messages: list[dict[str, str]] = json.loads(done.stderr or done.stdout)["messages"]
    return messages


@pytest.fixture(scope="module")
def vnu_errors(site: Served) -> list[tuple[str, str]]:
    """(page, message) of every error the Nu HTML checker finds in the built site."""
    files = list(pages(site.site).values())
    return [(Path(m.get("url", "")).as_posix().split(site.site.as_posix())[-1], m["message"])
            for m in _vnu(files) if m.get("type") == "error"]


def _known(message: str) -> str | None:
    return next((key for key in KNOWN if message.startswith(key) or key in message), None)


def test_the_nu_html_checker_finds_no_error_in_our_markup(vnu_errors: list[tuple[str, str]]
                                                          ) -> None:
    ours = [f"{page}: {message}" for page, message in vnu_errors if _known(message) is None]
    assert ours == []


def test_the_known_errors_from_material_and_mkdocs_jupyter_are_counted(
        vnu_errors: list[tuple[str, str]]) -> None:
    counted = Counter(_known(message) for _page, message in vnu_errors)
    del counted[None]
    assert dict(counted) == {key: count for key, (_who, count) in KNOWN.items()}


def test_the_embed_page_says_where_the_answer_key_is_and_offers_the_exports(site: Served) -> None:
    text = (site.site / "embed" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="quizzes-for-self-study-exports-for-grades"'):]
    section = section[:section.index("<h2")]
    assert "answer key is in the page" in section and "self-study" in section
    assert 'href="#download-for-your-course"' in section
