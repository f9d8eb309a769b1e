"""A standalone page for every quiz and every exercise, for iframes in other sites.

``site/embed/quiz/<ID>/`` and ``site/embed/exercise/<ID>/`` each hold:

- ``index.html``: the widget alone (no Material navigation), its own small stylesheet
  (``assets/ln/embed.css``) and ``assets/ln/embed.js``, which reports the page's height to the
  framing page (the protocol is on the "Embed in your wiki" page);
- ``oembed.json``: oEmbed 1.0 "rich" data, linked from the page for oEmbed discovery;
- ``fallback.md``: the same questions as Markdown, for wikis that strip iframes and scripts;
- ``preview.svg``: the picture ``fallback.md`` shows (a card with the questions or the task).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import markdown

from site_build import course, reference, widgets

__all__ = ["OEMBED_WIDTH", "write_embed_pages"]

#: The width oEmbed's ``html`` and ``width`` declare; its ``height`` fits the content there
#: (measured in Chromium). The embed box lists the height for narrower frames too.
OEMBED_WIDTH = widgets.EMBED_WIDTHS[0]


def write_embed_pages(config: Any) -> None:
    """Write every quiz's and every exercise's embed page and its companions into the site."""
    site = Path(config.site_dir)
    for quiz in course.compiled_quizzes().values():
        title = f"Quiz: {quiz['title']}"
        body = widgets.quiz_section(quiz)
        _write(site, config, "quiz", quiz, title, body, ["quiz.css"], ["quiz.js"],
               widgets.page_url(config, course.page_of_quiz(quiz["id"]), f"quiz-{quiz['id']}"),
               widgets.fallback_markdown(config, "quiz", quiz), widgets.embed_heights("quiz", quiz))
    for ex in course.exercises().values():
        title = f"Exercise: {ex.title}"
        statement = markdown.markdown(ex.statement, extensions=["tables", "fenced_code"])
        body = (
            f'<div class="ln-exercise" id="exercise-{ex.id}" data-ln-exercise="{ex.id}" '
            f'data-ln-config="{widgets.exercise_config(ex, config)}">\n'
            f"<h2>{html.escape(title)}</h2>\n{statement}\n"
            + reference.names_panel(ex, widgets.page_url(config, "index.md"), new_tab=True) +
            '<pre class="ln-exercise__starter">'
            f"<code>{html.escape(ex.starter)}</code></pre>\n</div>\n"
        )
        page = widgets.page_url(config, course.page_of_exercise(ex.id), f"exercise-{ex.id}")
        _write(site, config, "exercise", ex, title, body, ["exercises.css"], ["exercises.js"],
               page, widgets.fallback_markdown(config, "exercise", ex),
               widgets.embed_heights("exercise", ex))


def _write(site: Path, config: Any, kind: str, item: Any, title: str, body: str,
           styles: list[str], scripts: list[str], page: str, fallback: str,
           heights: dict[int, int]) -> None:
    item_id = item.id if kind == "exercise" else item["id"]
    out = site / "embed" / kind / item_id
    out.mkdir(parents=True, exist_ok=True)
    assets = "../../../assets/ln/"
    links = "\n".join(f'<link rel="stylesheet" href="{assets}{name}">'
                      for name in ["embed.css", *styles])
    modules = "\n".join(f'<script type="module" src="{assets}{name}"></script>' for name in scripts)
    oembed_url = widgets.embed_url(config, kind, item_id) + "oembed.json"
    (out / "index.html").write_text(
        "<!doctype html>\n"
        f'<html lang="en" data-ln-embed="{kind}/{item_id}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="../../../assets/images/favicon.png">\n'
        f"<title>{html.escape(title)} · {html.escape(config.site_name)}</title>\n"
        # Search engines and Lighthouse's SEO audit want a description on every page.
        f'<meta name="description" content="{html.escape(title)}: an interactive {kind} from '
        f'{html.escape(config.site_name)}, on AWS Lambda networking.">\n'
        f'<link rel="alternate" type="application/json+oembed" href="{html.escape(oembed_url)}" '
        f'title="{html.escape(title)}">\n{links}\n'
        f'<script src="{assets}embed.js"></script>\n{modules}\n'
        '</head>\n<body>\n<main class="md-typeset ln-embed-page">\n'
        f'<p class="ln-embed-page__open"><a href="{html.escape(page)}" target="_blank" '
        'rel="noopener">'
        "Open in lambdanet-edu</a></p>\n"
        f"{body}</main>\n</body>\n</html>\n",
        encoding="utf-8")
    oembed = {
        "version": "1.0", "type": "rich", "title": title,
        "provider_name": "lambdanet-edu", "provider_url": widgets.page_url(config, "index.md"),
        "html": widgets.iframe_code(config, kind, item_id, title, heights[OEMBED_WIDTH],
                                    script=False),
        "width": OEMBED_WIDTH, "height": heights[OEMBED_WIDTH],
    }
    (out / "oembed.json").write_text(json.dumps(oembed, indent=2) + "\n", encoding="utf-8")
    (out / "fallback.md").write_text(fallback, encoding="utf-8")
    (out / "preview.svg").write_text(widgets.preview_svg(kind, item), encoding="utf-8")
