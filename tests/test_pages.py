"""What every course page, lesson and page-values module must keep true, topic by topic.

Facts reach prose only through shortcodes (pages) or code (lessons, page values), so a page can
never disagree with the model; each topic page places its exercises, in order, and links its lesson.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lambdanet_edu import FACTS
from lambdanet_edu.course import EXERCISES, QUIZZES, TOPICS, page_value, topic
from tests.conftest import Served

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LESSONS = ROOT / "lessons"
#: Topic name -> its exercises, for the topics that have exercises (every one but the start page).
TOPIC_EXERCISES = {t.name: t.exercises for t in TOPICS if t.exercises}

# Numbers of 100 and up that only an AWS fact explains. 100 and 128 are too common to tell, and
# so is 1,024 inside a port range (it is also a memory size pages choose as an input).
DISTINCTIVE = {n for f in FACTS.values()
               for n in (f.value if isinstance(f.value, tuple) else (f.value,))
               if isinstance(n, int) and not isinstance(n, bool) and n >= 100
               # 300 (SQS pollers added a minute) is also a round number lessons use for other
               # things, such as a count of functions.
               and n not in (100, 128, 300) and (n > 1024 or not isinstance(f.value, tuple))}
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w.])|(?<![\w.,])\d+(?![\w.,]\d)")
SHORTCODE = re.compile(r"\[\[(\w+)(?:\s+([\w.\-]+))?\]\]")


def page_of(name: str) -> Path:
    return DOCS / f"{name.replace('_', '-')}.md"


def lesson_of(name: str) -> Path:
    (lesson,) = LESSONS.glob(f"[0-9][0-9]_{name}.py")
    return lesson


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")) + sorted(LESSONS.glob("*.py")),
                         ids=lambda p: p.name)
def test_pages_and_lessons_never_type_an_aws_number(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    numbers = {int(n.replace(",", "")) for n in NUMBER.findall(text)}
    assert numbers & DISTINCTIVE == set(), f"{path.name}: use [[fact ...]] or compute it"


@pytest.mark.parametrize("name", list(TOPIC_EXERCISES))
def test_topic_page_places_its_exercises_in_order_and_links_its_lesson(name: str) -> None:
    text = page_of(name).read_text(encoding="utf-8")
    placed = [arg for kind, arg in SHORTCODE.findall(text) if kind == "exercise"]
    assert placed == [ex.id for ex in TOPIC_EXERCISES[name]]
    if topic(name).lesson is not None:  # a topic may have no lesson ("Your network")
        assert f"](lessons/{lesson_of(name).name})" in text
    assert text.startswith("# ")


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_shortcodes_name_real_facts_values_and_exercises(path: Path) -> None:
    for kind, arg in SHORTCODE.findall(path.read_text(encoding="utf-8")):
        if kind in ("fact", "source"):
            assert arg in FACTS, arg
        elif kind in ("value", "picture"):
            module, _, func = arg.partition(".")
            assert func in topic(module).values.__all__, arg
        elif kind == "exercise":
            assert arg in EXERCISES, arg
        elif kind == "quiz":
            assert arg in QUIZZES, arg
        else:
            assert kind in ("progress", "sources", "embeds", "downloads") and not arg, kind


def test_every_exercise_is_placed_exactly_once() -> None:
    placed = [arg for p in DOCS.glob("*.md")
              for kind, arg in SHORTCODE.findall(p.read_text(encoding="utf-8"))
              if kind == "exercise"]
    assert sorted(placed) == sorted(EXERCISES)


VALUES = [(t.name, name) for t in sorted(TOPICS, key=lambda t: t.name)
          for name in t.values.__all__]


@pytest.mark.parametrize(("module", "name"), VALUES, ids=lambda v: v)
def test_every_page_value_is_used_and_returns_markdown(module: str, name: str) -> None:
    text = page_value(f"{module}.{name}")()
    assert isinstance(text, str) and text.strip()
    used = "".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    assert f"[[value {module}.{name}]]" in used or f"[[picture {module}.{name}]]" in used, \
        "an unused page value is dead code"


TEACHING = [t.page for t in TOPICS]
FIGURE = re.compile(r'<figure class="ln-figure"><div class="ln-figure__frame"[^>]*>'
                    r'<svg\b[^>]*>\s*<title id="[\w-]+">[^<]+</title>'
                    r'<desc id="[\w-]+">[^<]+</desc>.*?</svg></div>'
                    r'<details class="ln-figure__words"><summary>[^<]+</summary><p>[^<]+</p>'
                    r"</details><figcaption>[^<]+</figcaption></figure>",
                    re.DOTALL)


@pytest.mark.parametrize("page", TEACHING)
def test_every_teaching_page_shows_a_picture_drawn_by_the_model(site: Served, page: str) -> None:
    built = site.site / ("" if page == "index.md" else page.removesuffix(".md")) / "index.html"
    html = built.read_text(encoding="utf-8")
    assert FIGURE.search(html), f"{page}: add a [[picture MODULE.FUNC]] where a learner would look"
    assert "<p><figure" not in html


LESSON_NAMES = sorted(path.stem for path in (ROOT / "lessons").glob("*.py"))


@pytest.mark.parametrize("lesson", LESSON_NAMES)
def test_every_lesson_draws_a_picture_inline(site: Served, lesson: str) -> None:
    html = (site.site / "lessons" / lesson / "index.html").read_text(encoding="utf-8")
    # The notebook renderer re-serialises the SVG (attributes sorted), so look for the parts.
    assert re.search(r'<svg [^>]*class="ln-pic"[^>]*role="img"[^>]*>\s*<title id="[\w-]+">', html)
