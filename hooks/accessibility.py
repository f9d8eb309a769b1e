"""MkDocs hook: accessibility fixes to markup the site does not write (site_build.accessibility)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build import accessibility


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return accessibility.fix(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page: on_post_page never sees it.
    return accessibility.fix(output_content) if template_name.endswith(".html") else output_content
