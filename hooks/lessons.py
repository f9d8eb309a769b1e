"""MkDocs hook: the Jupytext lessons in ``lessons/`` become pages, with notebook downloads.

mkdocs-jupyter renders and executes them (``allow_errors: false``: an error fails the build).
This hook adds them to the site's files (they live outside ``docs/`` so no stray ``.py`` is
ever rendered) and writes each one as a ``.ipynb`` next to its page, so a learner can run it in
a local Jupyter after installing the model's wheel.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jupytext
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
# nbconvert's page template carries a Mermaid loader that imports from cdnjs, and a MathJax
# set-up: lessons use neither, and nothing may be fetched from a third party.
_THIRD_PARTY_SCRIPTS = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*?(?:cdnjs\.cloudflare|init_mathjax)(?:(?!</script>).)*?</script>",
    re.S)


def on_config(config: Any) -> Any:
    # mkdocs-jupyter keys its cache on the notebook's text alone, so a change to the model would
    # leave stale outputs on lesson pages. Key the cache directory on the model's code as well
    # (hooks/assets.py, listed before this hook, has hashed it).
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None and plugin.config.get("cache"):
        plugin.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" /
                                         config.extra["ln_model_digest"])
    return config


@event_priority(100)  # before mkdocs-jupyter wraps notebook files
def on_files(files: Files, config: Any) -> Files:
    for path in sorted(LESSONS.glob("*.py")):
        files.append(File(f"lessons/{path.name}", str(ROOT), config.site_dir,
                          config.use_directory_urls))
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not page.file.src_uri.startswith("lessons/"):
        return output
    source = ROOT / page.file.src_uri
    notebook = Path(page.file.abs_dest_path).parent / f"{source.stem}.ipynb"
    notebook.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(jupytext.read(source), notebook, fmt="ipynb")
    wheel = config.site_url.rstrip("/") + "/" + config.extra["ln_wheel"]
    bar = (
        '<aside class="ln-download admonition info"><p class="admonition-title">Run this lesson '
        f'yourself</p><p>Download <a href="{notebook.name}" download>{notebook.name}</a> '
        f'(or the text version, <a href="{source.name}" download>{source.name}</a>), install '
        f"the model with <code>pip install {wheel}</code>, then open it in Jupyter.</p></aside>"
    )
    output = _THIRD_PARTY_SCRIPTS.sub("", output)
    return output.replace('<article class="md-content__inner md-typeset">',
                          '<article class="md-content__inner md-typeset">' + bar, 1)
