"""MkDocs hook: a standalone page for every quiz and exercise, for iframes (site_build.embeds)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from site_build import embeds


def on_post_build(config: MkDocsConfig) -> None:
    embeds.write_embed_pages(config)
