"""``[[kind argument]]`` shortcodes that put the model's numbers on the pages.

A page never types an AWS number or a computed result: it writes
``[[fact reserved_ips_per_subnet]]`` or ``[[value ip_addresses.model_table]]`` and the build fills
in what the model says. An unknown
shortcode, fact, value or exercise fails the build with the page and the shortcode named.

Kinds:
    ``[[fact NAME]]``        the value of ``lambdanet_edu.FACTS[NAME]`` (integers get thousands
                             separators)
    ``[[source NAME]]``      a link to the AWS page that states that fact
    ``[[value TOPIC.FUNC]]`` the Markdown returned by ``FUNC()`` in the topic's ``page.py``
                             (``lambdanet_edu/course/topics/TOPIC/page.py``)
    ``[[picture TOPIC.FUNC]]`` the SVG returned by that topic's ``FUNC()``, in a
                             ``<figure class="ln-figure">`` captioned with the SVG's ``<title>``
    ``[[exercise ID]]``      the exercise's statement and its in-browser widget
    ``[[quiz ID]]``          the quiz compiled under that id, and its embed code
    ``[[progress]]``         the table of every exercise and quiz, filled in from the learner's
                             browser
    ``[[embeds]]``           every embed page's address
    ``[[downloads]]``        the quiz exports for course platforms (``hooks/quiz_exports.py``
                             writes them)
    ``[[sources]]``          every AWS source the model rests on, with the facts it gives
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

import lambdanet_edu as ln
from site_build import course, reference, widgets
from site_build.state import state_of

__all__ = ["DOWNLOAD_FORMATS", "expand", "format_value"]

SHORTCODE = re.compile(r"\[\[(\w+)(?:\s+([\w.\-]+))?\]\]")


def expand(markdown: str, where: str, config: Any) -> str:
    """``markdown`` (the page ``where``, a ``docs/`` path) with every shortcode filled in."""

    def one(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2) or ""
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise PluginError(f"{where}: unknown shortcode {match.group(0)!r}; "
                              f"kinds are {', '.join(sorted(_HANDLERS))}")
        try:
            return handler(arg, config)
        except PluginError as err:
            raise PluginError(f"{where}: {err}") from None
        except Exception as err:
            raise PluginError(f"{where}: {match.group(0)} failed: {err}") from err

    return SHORTCODE.sub(one, markdown)


def format_value(value: object) -> str:
    """How a fact reads in prose: 65000 -> '65,000'; a tuple -> 'a, b'."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, tuple | list | frozenset):
        return ", ".join(format_value(v) for v in value)
    return str(value)


def _fact(name: str, config: Any) -> str:
    return format_value(_lookup_fact(name).value)


def _source(name: str, config: Any) -> str:
    source = _lookup_fact(name).source
    return f"[{source.title}]({source.url})"


def _lookup_fact(name: str) -> ln.Fact:
    if name not in ln.FACTS:
        raise PluginError(f"unknown fact {name!r}; see lambdanet_edu/facts.py for the names")
    return ln.FACTS[name]


def _value(name: str, config: Any) -> str:
    text = course.page_value(name)()
    if not isinstance(text, str) or not text:
        raise PluginError(f"value {name!r} must return non-empty Markdown, got {text!r}")
    return text


def _picture(name: str, config: Any) -> str:
    # _value finds the function and checks it returns a non-empty string; here it must be an SVG.
    svg = _value(name, config)
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as err:
        raise PluginError(f"picture {name!r} is not well-formed SVG: {err}") from None
    ns = "{http://www.w3.org/2000/svg}"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    if root.tag != f"{ns}svg" or title is None or desc is None or not (title.text or "").strip():
        raise PluginError(f"picture {name!r} must be an <svg> with a <title> and a <desc>")
    caption = html.escape(title.text or "")
    words = html.escape(" ".join((desc.text or "").split()), quote=False)
    # On a phone the picture keeps its own size (text stays 12 px) in a frame that pans
    # sideways; keyboard users scroll it once focused. Its description is there as text too.
    return (f'\n\n<figure class="ln-figure"><div class="ln-figure__frame" tabindex="0" '
            f'role="group" aria-label="{caption} (scrolls sideways)">{svg}</div>'
            '<details class="ln-figure__words"><summary>The picture in words</summary>'
            f"<p>{words}</p></details><figcaption>{caption}</figcaption></figure>\n\n")


def _exercise(exercise_id: str, config: Any) -> str:
    exercises = course.exercises()
    if exercise_id not in exercises:
        raise PluginError(f"unknown exercise {exercise_id!r}; ids are {', '.join(exercises)}")
    ex = exercises[exercise_id]
    payload = widgets.exercise_config(ex, config)
    return (
        f'<div class="ln-exercise" id="exercise-{ex.id}" data-ln-exercise="{ex.id}" '
        f'data-ln-config="{payload}" markdown="1">\n\n'
        f"### Exercise: {ex.title}\n\n{ex.statement}\n\n"
        + _names(ex, config) +
        f'<pre class="ln-exercise__starter"><code>{html.escape(ex.starter)}</code></pre>\n\n'
        "</div>\n\n"
        + widgets.embed_box(config, "exercise", ex.id, f"Exercise: {ex.title}",
                            widgets.fallback_markdown(config, "exercise", ex),
                            widgets.embed_heights("exercise", ex))
    )


def _names(ex: Any, config: Any) -> str:
    """The exercise's "Names you can use" panel, linked relative to its topic page."""
    page = course.page_of_exercise(ex.id)
    depth = 0 if page == "index.md" else page.count("/") + 1
    panel = reference.names_panel(ex, "../" * depth)
    return f"{panel}\n\n" if panel else ""


def _quiz(quiz_id: str, config: Any) -> str:
    quizzes = course.compiled_quizzes()
    if quiz_id not in quizzes:
        raise PluginError(f"unknown quiz {quiz_id!r}; ids are {', '.join(quizzes)}")
    quiz = quizzes[quiz_id]
    return "\n" + widgets.quiz_section(quiz, markdown=True) + "\n" + widgets.embed_box(
        config, "quiz", quiz_id, f"Quiz: {quiz['title']}",
        widgets.fallback_markdown(config, "quiz", quiz), widgets.embed_heights("quiz", quiz))


def _progress(arg: str, config: Any) -> str:
    rows = ['<p class="ln-summary" data-ln-summary>Your progress is kept in this browser.</p>', "",
            "| Page | Exercise | Status |", "|---|---|---|"]
    for topic in course.topics():
        page = topic.page
        for ex in topic.exercises:
            rows.append(f"| [{_page_title(config, page)}]({page}#exercise-{ex.id}) | {ex.title} | "
                        f'<span class="ln-status" data-ln-status="{ex.id}">not started</span> |')
    rows += ["", '<p class="ln-summary" data-ln-quiz-summary>Quiz scores are kept in this '
             "browser.</p>", "", "| Page | Quiz | Score |", "|---|---|---|"]
    for quiz in course.compiled_quizzes().values():
        page = course.page_of_quiz(quiz["id"])
        title = html.escape(quiz["title"], quote=False)
        rows.append(f"| [{_page_title(config, page)}]({page}#quiz-{quiz['id']}) | {title} | "
                    f'<span class="ln-status" data-ln-quiz-score="{quiz["id"]}">'
                    "not started</span> |")
    # Filled in by assets/ln/progress.js: download the progress as a file, or load one.
    rows += ["", "## Move your progress to another browser", "",
             '<div class="ln-progress-file" data-ln-progress-file><p>Saving and loading a progress '
             "file needs JavaScript.</p></div>"]
    return "\n".join(rows)


def _embeds(arg: str, config: Any) -> str:
    rows = ["| Page | What | Embed address |", "|---|---|---|"]
    for quiz in course.compiled_quizzes().values():
        page = course.page_of_quiz(quiz["id"])
        url = widgets.embed_url(config, "quiz", quiz["id"])
        title = html.escape(quiz["title"], quote=False)
        rows.append(f"| {_page_title(config, page)} | Quiz: {title} | <{url}> |")
    for topic in course.topics():
        page = topic.page
        for ex in topic.exercises:
            url = widgets.embed_url(config, "exercise", ex.id)
            title = html.escape(ex.title, quote=False)
            rows.append(f"| {_page_title(config, page)} | Exercise: {title} | <{url}> |")
    return "\n".join(rows)


def _page_title(config: Any, page: str) -> str:
    for item in config.nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if target == page:
                    return str(title)
    return page


def _sources(arg: str, config: Any) -> str:
    lines = []
    for source in ln.SOURCES.values():
        facts = [f for f in ln.FACTS.values() if f.source is source]
        if not facts:
            continue
        checked = sorted({f.checked for f in facts})
        lines.append(f"- [{source.title}]({source.url}) (checked {', '.join(checked)})")
        lines.extend(f"    - **{_number(f.value)}**: {f.statement}" for f in facts)
    return "\n".join(lines)


def _number(value: object) -> str:
    """A fact's value as "Further reading" lists it: a range, a table by Region, or the value."""
    if isinstance(value, Mapping):
        return "; ".join(f"{key} {format_value(v)}" for key, v in value.items())
    if (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        return f"{format_value(value[0])}-{format_value(value[1])}"
    return format_value(value)


#: How each export format reads on a page: the platforms that import it.
DOWNLOAD_FORMATS = {"qti": "QTI 2.1 package (Canvas, Blackboard)", "moodle": "Moodle XML",
                    "gift": "GIFT (Moodle)"}


def _downloads(arg: str, config: Any) -> str:
    downloads = state_of(config).quiz_downloads
    if not downloads:
        raise PluginError("no quiz downloads to list: register hooks/quiz_exports.py in mkdocs.yml")
    titles = {quiz["id"]: quiz["title"] for quiz in course.compiled_quizzes().values()}
    rows = ["| Quizzes | Format | File |", "|---|---|---|"]
    for item in downloads:
        which = "All quizzes" if item["quiz"] is None else titles[item["quiz"]]
        url = widgets.page_url(config, "index.md") + item["path"]
        name = item["path"].rsplit("/", 1)[-1]
        fmt = DOWNLOAD_FORMATS.get(item["format"], item["format"])
        rows.append(f"| {html.escape(which, quote=False)} | {fmt} | [{name}]({url}) |")
    return "\n".join(rows)


_HANDLERS: dict[str, Callable[[str, Any], str]] = {
    "fact": _fact, "source": _source, "value": _value, "picture": _picture, "exercise": _exercise,
    "progress": _progress, "sources": _sources, "quiz": _quiz, "embeds": _embeds,
    "downloads": _downloads,
}
