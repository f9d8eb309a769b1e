"""HTML for exercises, quizzes and embed codes, shared by the site pages and the embed pages.

:mod:`site_build.shortcodes` and :mod:`site_build.embeds` use it. Quizzes come compiled from
the course (the JSON contract the browser widget reads); their text is already escaped inline
HTML. Everything written here is built from escaped pieces and holds no
blank line, so Markdown keeps it as one raw HTML block.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from mkdocs.exceptions import PluginError

from lambdanet_edu.pictures import text_card
from site_build import course
from site_build.state import state_of

__all__ = ["EMBED_WIDTHS", "embed_box", "embed_height", "embed_heights", "embed_url",
           "exercise_config", "fallback_markdown", "hint_html", "iframe_code", "inline_markdown",
           "page_url", "preview_svg", "quiz_section"]


def exercise_config(ex: Any, config: Any) -> str:
    """The exercise widget's ``data-ln-config`` value (escaped JSON), for pages and embeds."""
    state = state_of(config)
    data = {"id": ex.id, "title": ex.title, "entry": ex.entry, "kind": ex.kind,
            "version": ex.version, "starter": ex.starter,
            "hints": [hint_html(hint, f"{ex.id}.hints[{i}]") for i, hint in enumerate(ex.hints)],
            "wheel": state.wheel_path, "timeLimit": ex.time_limit_seconds,
            # Site path -> SRI digest of each file the worker fetches (the security hook's).
            "integrity": state.integrity}
    # A data attribute, not an inline <script>: instant navigation re-runs inline scripts.
    return html.escape(json.dumps(data), quote=True)


#: The only elements a hint's HTML may hold: what Markdown makes of text, code and emphasis.
HINT_TAGS = frozenset({"p", "code", "strong", "em", "ul", "ol", "li", "pre", "br"})


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(tag if tag in HINT_TAGS and not attrs else f"<{tag} {attrs}>")


def hint_html(text: str, where: str = "hint") -> str:
    """A hint rendered with the Markdown the exercise's statement uses, as safe HTML.

    The widget shows it as HTML (a code span reads as code), so only :data:`HINT_TAGS`, with no
    attributes, may come out: a hint holding raw HTML, a link or an image fails the build.
    """
    rendered = markdown.markdown(text, extensions=["tables", "fenced_code"])
    parser = _Tags()
    parser.feed(rendered)
    unsafe = [tag for tag in parser.found if tag not in HINT_TAGS]
    if unsafe:
        raise PluginError(f"{where} must be Markdown text, code and emphasis only, got "
                          f"{', '.join(unsafe)}")
    return rendered


def page_url(config: Any, page: str, anchor: str = "") -> str:
    """The absolute address of a docs page (``egress.md`` -> ``<site_url>egress/``)."""
    slug = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return _site(config) + slug + (f"#{anchor}" if anchor else "")


def embed_url(config: Any, kind: str, item_id: str) -> str:
    return f"{_site(config)}embed/{kind}/{item_id}/"


def _site(config: Any) -> str:
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


#: Widths the embed code declares a height for: oEmbed's ``width``, and a phone's.
EMBED_WIDTHS = (720, 360)
# Measured in Chromium by scripts/measure_embeds.py; tests/browser/test_embed_sizes.py checks
# that no embed's content outgrows them.
_HEIGHTS = Path(__file__).with_name("embed_heights.json")


@functools.cache
def _measured() -> dict[str, dict[str, int]]:
    data: dict[str, dict[str, int]] = json.loads(_HEIGHTS.read_text(encoding="utf-8"))
    return data


def embed_heights(kind: str, item: Any) -> dict[int, int]:
    """The iframe height that fits the embed's content at each of :data:`EMBED_WIDTHS`.

    Heights measured in Chromium (``scripts/measure_embeds.py``); an embed not measured yet
    gets a generous estimate, and the browser test says to measure it.
    """
    item_id = item.id if kind == "exercise" else item["id"]
    known = _measured().get(f"{kind}/{item_id}")
    if known is not None:
        return {width: known[str(width)] for width in EMBED_WIDTHS}
    base = 300 + 300 * len(item["questions"]) if kind == "quiz" else 900
    return {720: base, 360: base * 2}


def embed_height(kind: str, item: Any) -> int:
    """The iframe height at oEmbed's width (720 px); embed-host.js then follows the content."""
    return embed_heights(kind, item)[EMBED_WIDTHS[0]]


def iframe_code(config: Any, kind: str, item_id: str, title: str, height: int, *,
                script: bool = True, responsive: bool = False) -> str:
    """The iframe HTML: 720 px wide, or (``responsive``) as wide as the column, up to 720 px.

    HTML's ``width`` attribute takes a number of pixels only, so the responsive variant sizes
    the frame with CSS and should be given the height for the narrowest width.
    """
    size = ('style="width:100%;max-width:720px;border:0"' if responsive
            else f'width="{EMBED_WIDTHS[0]}" style="border:0"')
    code = (f'<iframe src="{html.escape(embed_url(config, kind, item_id))}" '
            f'title="{html.escape(title)} (lambdanet-edu)" {size} height="{height}" '
            'loading="lazy"></iframe>')
    if script:
        code += f'\n<script src="{html.escape(_site(config))}assets/ln/embed-host.js"></script>'
    return code


def inline_markdown(safe_html: str) -> str:
    """The compiler's inline HTML (escaped text, ``<code>``, ``<strong>``) as Markdown.

    Code spans show their text as is; elsewhere ``<``, ``>`` and ``&`` stay escaped, so a
    learner-visible ``<b>`` never turns into markup in the wiki.
    """
    parts = re.split(r"<code>(.*?)</code>", re.sub(r"</?strong>", "**", safe_html))
    return "".join(f"`{html.unescape(part)}`" if index % 2
                   else html.escape(html.unescape(part), quote=False)
                   for index, part in enumerate(parts))


def fallback_markdown(config: Any, kind: str, item: Any) -> str:
    """A static stand-in for wikis that strip iframes and scripts: questions and links."""
    if kind == "exercise":
        lines = [f"**Exercise: {item.title}** (lambdanet-edu)", "", item.statement, ""]
        page = course.page_of_exercise(item.id)
        anchor = f"exercise-{item.id}"
    else:
        lines = [f"**Quiz: {html.escape(item['title'], quote=False)}** (lambdanet-edu)", ""]
        for number, question in enumerate(item["questions"], start=1):
            variant = question["variants"][0]
            lines.append(f"{number}. {inline_markdown(variant['prompt'])}")
            if variant["code"]:
                code = [f"   {row}" for row in variant["code"].splitlines()]
                lines.extend(["", "   ```python", *code, "   ```"])
            lines.extend(f"    - {inline_markdown(c['html'])}" for c in variant["choices"])
        lines.append("")
        page, anchor = course.page_of_quiz(item["id"]), f"quiz-{item['id']}"
    item_id = item.id if kind == "exercise" else item["id"]
    # GitHub wikis show images but not frames: a picture of the questions, linked to the embed.
    title = item.title if kind == "exercise" else item["title"]
    alt = re.sub(r"([\[\]])", r"\\\1", html.escape(f"{kind.title()}: {title}", quote=False))
    preview = f"[![{alt}]({embed_url(config, kind, item_id)}preview.svg)]"
    lines[:0] = [f"{preview}({embed_url(config, kind, item_id)})", ""]
    lines.append(f"[Answer it online]({embed_url(config, kind, item_id)}) · "
                 f"[Open the page in lambdanet-edu]({page_url(config, page, anchor)})")
    return "\n".join(lines) + "\n"


def preview_svg(kind: str, item: Any) -> str:
    """The fallback's picture: the quiz's questions, or the exercise's task, on a card."""
    if kind == "exercise":
        task = re.sub(r"[`*]", "", item.statement).split("\n\n")[0]
        return text_card(f"Exercise: {item.title}", [_clip(task, 300)], id=f"preview-{item.id}")
    questions = [f"{n}. {_clip(q['variants'][0]['text'], 120)}"
                 for n, q in enumerate(item["questions"][:6], start=1)]
    return text_card(f"Quiz: {item['title']}", questions, id=f"preview-{item['id']}")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def quiz_section(quiz: dict[str, Any], *, markdown: bool = False) -> str:
    """The quiz's section: heading, data for quiz.js, and the questions as plain HTML for no-JS.

    ``markdown=True`` (site pages) writes the heading in Markdown, so it joins the page's table of
    contents like an exercise's; the embed pages, which no Markdown reaches, get an ``<h2>``.
    """
    qid = quiz["id"]
    payload = html.escape(json.dumps(quiz, separators=(",", ":")), quote=True)
    items = []
    for question in quiz["questions"]:
        variant = question["variants"][0]
        code = (f'<pre><code>{html.escape(variant["code"])}</code></pre>'.replace("\n", "&#10;")
                if variant["code"] else "")
        choices = "".join(f"<li>{c['html']}</li>" for c in variant["choices"])
        listed = f"<ul>{choices}</ul>" if choices else ""
        items.append(f"<li><p>{variant['prompt']}</p>{code}{listed}</li>")
    title = f"Quiz: {html.escape(quiz['title'])}"
    heading = (f"\n## {title} {{#quiz-{qid}-title}}\n\n" if markdown
               else f'<h2 id="quiz-{qid}-title">{title}</h2>\n')
    return (
        f'<section class="ln-quiz" id="quiz-{qid}" data-ln-quiz="{qid}" '
        f'aria-labelledby="quiz-{qid}-title" data-ln-quiz-data="{payload}"'
        + (' markdown="1">\n' if markdown else ">\n") + heading
        + '<div class="ln-quiz__fallback">\n'
        f"<ol>{''.join(items)}</ol>\n"
        "<p><em>Checking answers needs JavaScript; the questions are above.</em></p>\n"
        "</div>\n</section>\n"
    )


def embed_box(config: Any, kind: str, item_id: str, title: str, markdown: str,
              heights: Mapping[int, int]) -> str:
    """The "Embed this ..." disclosure: read-only fields, each with a Copy button, and the
    height that fits at each declared width (measured in Chromium)."""
    base = f"embed-{kind}-{item_id}"
    fixed, narrowest = heights[EMBED_WIDTHS[0]], heights[EMBED_WIDTHS[-1]]
    fields = [
        ("iframe", "the iframe HTML",
         f"HTML for an iframe {EMBED_WIDTHS[0]} px wide (the script lets the frame follow its "
         "content's height)",
         iframe_code(config, kind, item_id, title, fixed)),
        ("responsive", "the full-width iframe HTML",
         f"HTML for an iframe as wide as its column, up to {EMBED_WIDTHS[0]} px (for phones)",
         iframe_code(config, kind, item_id, title, narrowest, responsive=True)),
        ("markdown", "the Markdown", "Markdown for wikis without iframes (GitHub wikis)", markdown),
        ("url", "the address",
         "The bare address (for Notion, and wikis that embed links by oEmbed)",
         embed_url(config, kind, item_id)),
    ]
    sizes = "; ".join(f"{heights[w]:,} px at {w} px wide" for w in EMBED_WIDTHS)
    parts = [f'<details class="ln-embed" id="{base}"><summary>Embed this {kind}</summary>',
             f'<p>Paste one into a team wiki or a course page. <a href="{_site(config)}embed/">'
             "How to embed, wiki by wiki</a>.</p>",
             f"<p>Heights that fit it before any answer, without the script: {sizes}.</p>"]
    for key, what, label, value in fields:
        rows = min(8, value.count("\n") + 2)
        text = html.escape(value).replace("\n", "&#10;")
        parts.append(
            f'<div class="ln-embed__field"><label for="{base}-{key}">{html.escape(label)}</label>'
            f'<textarea id="{base}-{key}" readonly rows="{rows}" spellcheck="false">'
            f"{text}</textarea>"
            f'<button type="button" class="md-button" data-ln-copy="{base}-{key}" '
            f'aria-label="Copy {what}">Copy</button>'
            '<span data-ln-copied role="status" aria-live="polite"></span></div>')
    parts.append("</details>")
    return "\n".join(parts) + "\n"
