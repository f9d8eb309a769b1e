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

#: Site paths of an exercise's scripts: the entry and every module it imports at load. Not the
#: editor bundle, which exercise.js fetches when an exercise is about to be used.
SCRIPTS = ("assets/ln/exercises.js", "assets/ln/dom.js", "assets/ln/embed-code.js",
           "assets/ln/exercise.js", "assets/ln/offline.js", "assets/ln/picture.js",
           "assets/ln/progress-table.js", "assets/ln/python.js", "assets/ln/store.js",
           "assets/ln/your-network.js")


def scripts_to_preload(page: Any) -> tuple[str, ...]:
    """The scripts a page should preload: an exercise's, if it has one (its HTML is rendered)."""
    return SCRIPTS if 'class="ln-exercise"' in (page.content or "") else ()
