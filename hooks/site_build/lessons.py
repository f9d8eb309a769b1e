"""The Jupytext lessons in ``lessons/`` as pages, with notebook downloads.

mkdocs-jupyter renders and executes them (``allow_errors: false``: an error fails the build).
They live outside ``docs/`` so no stray ``.py`` is ever rendered: :func:`add_lesson_files` adds
them to the site's files. Each one is also written as a ``.ipynb`` next to its page, so a learner
can run it in a local Jupyter after installing the model's wheel; the page's "Run this lesson
yourself" box is drawn by ``overrides/main.html`` from :func:`download`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext
from mkdocs.structure.files import File, Files

from site_build import ROOT
from site_build.notebook_css import prune_page_styles
from site_build.state import state_of

__all__ = ["LessonDownload", "add_lesson_files", "download", "drop_third_party_scripts",
           "key_cache_on_model", "prune_notebook_css"]

LESSONS = ROOT / "lessons"
# nbconvert's page template carries a Mermaid loader that imports from cdnjs, and a MathJax
# set-up: lessons use neither, and nothing may be fetched from a third party.
_THIRD_PARTY_SCRIPTS = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*?(?:cdnjs\.cloudflare|init_mathjax)(?:(?!</script>).)*?</script>",
    re.S)
# The template also leaves script tags that load nothing (``<script src="">``): an empty src is
# invalid HTML and makes the browser fetch the page again.
_EMPTY_SCRIPTS = re.compile(r"""<script\b[^>]*\ssrc=(?:""|'')[^>]*>\s*</script>""")


@dataclass(frozen=True)
class LessonDownload:
    """What a lesson page's download box names (the template's ``ln_download``)."""

    notebook: str  # the .ipynb file's name, next to the page
    source: str  # the Jupytext .py file's name, which mkdocs-jupyter copies next to the page
    wheel_url: str  # the model's wheel, for pip install


def key_cache_on_model(config: Any) -> None:
    """Key mkdocs-jupyter's cache on the model's code as well as the notebook's text.

    mkdocs-jupyter keys its cache on the notebook's text alone, so a change to the model would
    leave stale outputs on lesson pages. The assets hook, listed before the lessons hook, has
    hashed the model's wheel.
    """
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None and plugin.config.get("cache"):
        plugin.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" /
                                         state_of(config).model_digest)


def add_lesson_files(files: Files, config: Any) -> Files:
    for path in sorted(LESSONS.glob("*.py")):
        files.append(File(f"lessons/{path.name}", str(ROOT), config.site_dir,
                          config.use_directory_urls))
    return files


def download(page: Any, config: Any) -> LessonDownload | None:
    """For a lesson page, write its notebook next to it and say what its download box names."""
    if not page.file.src_uri.startswith("lessons/"):
        return None
    source = ROOT / page.file.src_uri
    notebook = Path(page.file.abs_dest_path).parent / f"{source.stem}.ipynb"
    notebook.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(jupytext.read(source), notebook, fmt="ipynb")
    return LessonDownload(notebook.name, source.name, state_of(config).wheel_url(config.site_url))


def drop_third_party_scripts(output: str, page: Any) -> str:
    """A lesson page without nbconvert's scripts that fetch from other sites or load nothing."""
    if not page.file.src_uri.startswith("lessons/"):
        return output
    return _EMPTY_SCRIPTS.sub("", _THIRD_PARTY_SCRIPTS.sub("", output))


def prune_notebook_css(output: str, page: Any) -> str:
    """A lesson page with only the notebook CSS it uses (:mod:`site_build.notebook_css`)."""
    if not page.file.src_uri.startswith("lessons/"):
        return output
    return prune_page_styles(output)
