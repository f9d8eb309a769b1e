"""Pages with an exercise ask for its entry script from the ``<head>``.

A modulepreload starts ``exercises.js`` (and so the widget) while the page is still parsing;
``overrides/main.html`` writes the links (block ``extrahead``). The editor bundle is not
preloaded: it is the largest script on the site, and ``exercise.js`` fetches it only when an
exercise is about to be used (in view, focused or pointed at), which kept phones waiting for it
before the first paint. Pyodide is never preloaded: it costs megabytes and loads only when a
learner uses an exercise.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SCRIPTS", "scripts_to_preload"]

#: Site paths of an exercise's scripts.
SCRIPTS = ("assets/ln/exercises.js",)


def scripts_to_preload(page: Any) -> tuple[str, ...]:
    """The scripts a page should preload: an exercise's, if it has one (its HTML is rendered)."""
    return SCRIPTS if 'class="ln-exercise"' in (page.content or "") else ()
