"""Pages with an exercise ask for its entry script, and every module it imports, from the
``<head>``.

A modulepreload starts ``exercises.js`` (and so the widget) while the page is still parsing;
``overrides/main.html`` writes the links (block ``extrahead``). The list is the entry's static
import graph, read from the sources, so a module added to it is preloaded too. Dynamic imports
are not followed: the editor bundle (the largest script on the site) is fetched only when an
exercise is about to be used (in view, focused or pointed at), which kept phones waiting for it
before the first paint. Pyodide is never preloaded: it costs megabytes and loads only when a
learner uses an exercise.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

__all__ = ["ENTRY", "scripts_to_preload", "static_imports"]

ENTRY = "assets/ln/exercises.js"
_DOCS = Path(__file__).resolve().parents[2] / "docs"
# `import ... from "./x.js"` and `import "./x.js"` at the start of a line; not `import(...)`.
_STATIC_IMPORT = re.compile(r"""^import\s+(?:[^"'();]*?\sfrom\s+)?["'](\./[\w.-]+)["']""",
                            re.MULTILINE)


@functools.cache
def static_imports(entry: str = ENTRY, docs: Path = _DOCS) -> tuple[str, ...]:
    """``entry`` and every module it imports statically, as site paths, entry first.

    >>> paths = static_imports()
    >>> paths[0], "assets/ln/python.js" in paths, "assets/ln/editor.js" in paths
    ('assets/ln/exercises.js', True, False)
    """
    found = [entry]
    for path in found:
        text = (docs / path).read_text(encoding="utf-8")
        folder = path.rsplit("/", 1)[0]
        for name in _STATIC_IMPORT.findall(text):
            target = f"{folder}/{name[2:]}"
            if target not in found:
                found.append(target)
    return (found[0], *sorted(found[1:]))


def scripts_to_preload(page: Any) -> tuple[str, ...]:
    """The scripts a page should preload: an exercise's, if it has one (its HTML is rendered)."""
    return static_imports() if 'class="ln-exercise"' in (page.content or "") else ()
