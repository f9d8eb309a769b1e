"""The build hook that puts the model's numbers on the pages, and refuses unknown names."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import unescape
from types import SimpleNamespace

import pytest
import shortcodes as hook  # hooks/ is on pytest's pythonpath
from mkdocs.exceptions import PluginError

from lambdanet_edu import FACTS
from lambdanet_edu.course import EXERCISES, page_value
from site_build import course, shortcodes
from site_build.state import state_of

CONFIG = SimpleNamespace(extra={}, site_url="https://learn.example.com/",
                         nav=[{"Where your function runs": "where-it-runs.md"}])
state_of(CONFIG).wheel_path = "assets/wheels/abc/lambdanet_edu-0.1.0-py3-none-any.whl"
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="topic.md"))


def expand(markdown: str) -> str:
    return hook.on_page_markdown(markdown, PAGE, CONFIG, None)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(65000, "65,000"), (5, "5"), (True, "True"), (("s3", "dynamodb"), "s3, dynamodb"),
     ("2026-11-27", "2026-11-27"), (1.5, "1.5")],
)
def test_format_value(value: object, shown: str) -> None:
    assert shortcodes.format_value(value) == shown


def test_fact_and_source_come_from_the_facts_module() -> None:
    fact = FACTS["connections_per_hyperplane_eni"]
    text = expand("A [[fact connections_per_hyperplane_eni]] limit "
                  "([[source connections_per_hyperplane_eni]]).")
    assert text == f"A {fact.value:,} limit ([{fact.source.title}]({fact.source.url}))."


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("[[fakt reserved_ips_per_subnet]]",
         "topic.md: unknown shortcode '[[fakt reserved_ips_per_subnet]]'"),
        ("[[fact reserved_ips]]", "unknown fact 'reserved_ips'"),
        ("[[value nowhere.table]]",
         "unknown value 'nowhere.table': page value must be '<topic>.<function>' with <topic> "
         "one of"),
        ("[[exercise no-such]]", "unknown exercise 'no-such'"),
    ],
)
def test_unknown_names_fail_the_build_with_the_page_named(markdown: str, message: str) -> None:
    with pytest.raises(PluginError) as err:
        expand(markdown)
    assert message in str(err.value)
    assert "topic.md" in str(err.value)


def test_exercise_renders_statement_fallback_code_and_escaped_data() -> None:
    ex = EXERCISES["eni-count"]
    html = expand("[[exercise eni-count]]")
    assert f'data-ln-exercise="{ex.id}"' in html
    assert f"### Exercise: {ex.title}" in html
    assert ex.statement in html
    data = json.loads(unescape(re.search(r'data-ln-config="([^"]*)"', html).group(1)))
    assert data["starter"] == ex.starter and data["version"] == ex.version
    assert data["wheel"] == state_of(CONFIG).wheel_path
    assert data["timeLimit"] == ex.time_limit_seconds  # the widget's countdown starts from it
    assert "<script" not in html


def test_progress_lists_every_exercise_once() -> None:
    html = expand("[[progress]]")
    ids = re.findall(r'data-ln-status="([\w-]+)"', html)
    assert sorted(ids) == sorted(EXERCISES)


def test_sources_list_every_fact_statement() -> None:
    text = expand("[[sources]]")
    for fact in FACTS.values():
        assert fact.statement in text
        assert fact.source.url in text


@pytest.mark.parametrize("name", sorted(FACTS))
def test_sources_show_the_number_of_every_fact_they_list(name: str) -> None:
    """Each entry starts with the model's value in bold: a statement alone promises a number."""
    fact = FACTS[name]
    entry = next(line for line in expand("[[sources]]").splitlines()
                 if line.endswith(f": {fact.statement}"))
    shown = re.match(r"\s+- \*\*(.+?)\*\*: ", entry)
    assert shown, entry
    values = fact.value.values() if isinstance(fact.value, Mapping) else (
        fact.value if isinstance(fact.value, tuple) else (fact.value,))
    for value in values:
        number = isinstance(value, int) and not isinstance(value, bool)
        assert (f"{value:,}" if number else str(value)) in shown.group(1)


def test_picture_is_a_captioned_figure_of_the_svg_the_page_value_returns() -> None:
    html = expand("Look:\n[[picture start.course_diagram]]\n")
    svg = page_value("start.course_diagram")()
    title = re.search(r"<title[^>]*>([^<]+)</title>", svg).group(1)
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg).group(1)
    assert html == (f'Look:\n\n\n<figure class="ln-figure"><div class="ln-figure__frame" '
                    f'tabindex="0" role="group" aria-label="{title} (scrolls sideways)">{svg}'
                    "</div>"
                    '<details class="ln-figure__words"><summary>The picture in words</summary>'
                    f"<p>{desc}</p></details><figcaption>{title}</figcaption></figure>\n\n\n")


@pytest.mark.parametrize(("returned", "message"), [
    ("<svg", "picture 'fake.draw' is not well-formed SVG"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><desc>d</desc></svg>',
     "picture 'fake.draw' must be an <svg> with a <title> and a <desc>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><title> </title><desc>d</desc></svg>',
     "picture 'fake.draw' must be an <svg> with a <title> and a <desc>"),
    ("<div><title>t</title><desc>d</desc></div>",
     "picture 'fake.draw' must be an <svg> with a <title> and a <desc>"),
    ("", "value 'fake.draw' must return non-empty Markdown"),
])
def test_a_picture_that_is_not_an_accessible_svg_fails_the_build(
        monkeypatch: pytest.MonkeyPatch, returned: str, message: str) -> None:
    real = course.page_value
    monkeypatch.setattr(course, "page_value",
                        lambda name: (lambda: returned) if name == "fake.draw" else real(name))
    with pytest.raises(PluginError) as err:
        expand("[[picture fake.draw]]")
    assert message in str(err.value) and "topic.md" in str(err.value)
