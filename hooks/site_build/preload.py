"""Pages with an exercise ask for its scripts from the ``<head>``.

Without this the editor bundle is requested only once ``exercises.js`` has run (which Material
loads at the end of the body), so the Run button appears one download later. A modulepreload
starts both while the page is still parsing; ``overrides/main.html`` writes the links (block
``extrahead``). Pyodide is never preloaded: it costs megabytes and loads only when a learner uses
an exercise.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SCRIPTS", "scripts_to_preload"]

#: Site paths of an exercise's scripts: the entry, every module it imports, and the editor.
SCRIPTS = ("assets/ln/exercises.js", "assets/ln/dom.js", "assets/ln/embed-code.js",
           "assets/ln/exercise.js", "assets/ln/picture.js", "assets/ln/progress-table.js",
           "assets/ln/python.js", "assets/ln/store.js", "assets/ln/editor.js")


def scripts_to_preload(page: Any) -> tuple[str, ...]:
    """The scripts a page should preload: an exercise's, if it has one (its HTML is rendered)."""
    return SCRIPTS if 'class="ln-exercise"' in (page.content or "") else ()
