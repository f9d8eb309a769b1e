"""MkDocs hook: every name an exercise lists has an entry in the API reference.

The checks live in site_build.reference.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from site_build import reference


def on_post_build(config: MkDocsConfig) -> None:
    reference.check_built(config.site_dir)
