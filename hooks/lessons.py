"""MkDocs hook: the lessons in ``lessons/`` as pages, with notebook downloads (site_build.lessons).

The download box is drawn by ``overrides/main.html`` from the ``ln_download`` context value.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_build import lessons


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lessons.key_cache_on_model(config)
    return config


@event_priority(100)  # before mkdocs-jupyter wraps notebook files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return lessons.add_lesson_files(files, config)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    context["ln_download"] = lessons.download(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return lessons.prune_notebook_css(lessons.drop_third_party_scripts(output, page), page)
