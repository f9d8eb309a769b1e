"""MkDocs hook: pages with an exercise preload its scripts (site_build.preload).

``overrides/main.html`` writes the links from the ``ln_preload`` context value.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build import preload


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    context["ln_preload"] = preload.scripts_to_preload(page)
    context["ln_preload_bundle"] = preload.bundle_to_preload(page, tuple(config.theme.dirs))
    return context
