"""MkDocs hook: pages with an exercise ask for its scripts from the ``<head>``.

Without this the editor bundle is requested only once ``exercises.js`` has run (which Material
loads at the end of the body), so the Run button appears one download later. A modulepreload
starts both while the page is still parsing. Pyodide is never preloaded: it costs megabytes and
loads only when a learner uses an exercise.
"""

from __future__ import annotations

from typing import Any

__all__ = ["on_post_page"]

_SCRIPTS = ("assets/ln/exercises.js", "assets/ln/editor.js")


def on_post_page(output: str, page: Any, config: Any) -> str:
    if 'class="ln-exercise"' not in output:
        return output
    base = "../" * page.url.count("/")
    links = "".join(f'<link rel="modulepreload" href="{base}{path}">' for path in _SCRIPTS)
    return output.replace("</head>", links + "</head>", 1)
