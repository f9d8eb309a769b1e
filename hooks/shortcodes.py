"""MkDocs hook: ``[[kind argument]]`` shortcodes put the model's numbers on the pages.

The shortcodes are listed in :mod:`site_build.shortcodes`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_build import shortcodes


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return shortcodes.expand(markdown, page.file.src_uri, config)
