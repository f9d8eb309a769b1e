"""Pages with an exercise or a quiz ask for its entry script, and every module it imports, from
the ``<head>``.

A modulepreload starts ``exercises.js`` (and so the widget) while the page is still parsing;
``overrides/main.html`` writes the links (block ``extrahead``). The list is the entry's static
import graph, read from the sources, so a module added to it is preloaded too. Dynamic imports
are not followed: the editor bundle (the largest script on the site) is fetched only when an
exercise is about to be used (in view, focused or pointed at), which kept phones waiting for it
before the first paint. Pyodide is never preloaded: it costs megabytes and loads only when a
learner uses an exercise.

``quiz.js`` is a module script at the end of the body, so Chromium asked for it only once the
parser had run Material's bundle, and for ``quiz-answers.js`` after that: the page's
DOMContentLoaded (and an exercise's Run) waited for that chain. Material's bundle, a classic
script at the end of the body, was requested as late and held the parser; pages with an
exercise preload it too (:func:`theme_bundle`), so the Run button is there and working sooner.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

__all__ = ["ENTRY", "QUIZ_ENTRY", "bundle_to_preload", "scripts_to_preload", "static_imports",
           "theme_bundle"]

ENTRY = "assets/ln/exercises.js"
QUIZ_ENTRY = "assets/ln/quiz.js"
_EXERCISE = 'class="ln-exercise"'
#: Each entry script, by the markup of the widget it mounts.
_ENTRIES = {_EXERCISE: ENTRY, 'class="ln-quiz"': QUIZ_ENTRY}
_DOCS = Path(__file__).resolve().parents[2] / "docs"
# Material names its bundle by digest in base.html's `scripts` block.
_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
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
    """The scripts a page should preload: those of the widgets it has (its HTML is rendered).

    >>> from types import SimpleNamespace as Page
    >>> scripts_to_preload(Page(content="<p>Prose only.</p>"))
    ()
    >>> quiz = scripts_to_preload(Page(content='<div class="ln-quiz">'))
    >>> quiz[0], "assets/ln/quiz-answers.js" in quiz, ENTRY in quiz
    ('assets/ln/quiz.js', True, False)
    >>> both = scripts_to_preload(Page(content='<div class="ln-exercise"><div class="ln-quiz">'))
    >>> both[0], len(both) == len(set(both)), set(quiz) <= set(both)
    ('assets/ln/exercises.js', True, True)
    """
    content = page.content or ""
    found = [path for marker, entry in _ENTRIES.items() if marker in content
             for path in static_imports(entry)]
    return tuple(dict.fromkeys(found))


@functools.cache
def theme_bundle(theme_dirs: tuple[str, ...]) -> str:
    """Material's script bundle, as the theme's ``base.html`` names it.

    >>> from mkdocs.theme import Theme
    >>> theme_bundle(tuple(Theme("material").dirs)).startswith("assets/javascripts/bundle.")
    True
    """
    for folder in theme_dirs:
        base = Path(folder) / "base.html"
        found = _BUNDLE.findall(base.read_text(encoding="utf-8")) if base.is_file() else []
        if found:
            return found[0]
    raise PluginError("no Material bundle (assets/javascripts/bundle.*.min.js) is named in the "
                      f"theme's base.html (looked in {', '.join(theme_dirs)}): the exercise "
                      "pages' preload of it needs the new name (hooks/site_build/preload.py)")


def bundle_to_preload(page: Any, theme_dirs: tuple[str, ...]) -> str | None:
    """Material's bundle, on a page with an exercise (its Run waits for the page's scripts)."""
    return theme_bundle(theme_dirs) if _EXERCISE in (page.content or "") else None
