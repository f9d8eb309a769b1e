"""MkDocs hook: the model's wheel, Pyodide and the code editor, self-hosted (site_build.assets)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from site_build import assets


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    assets.build_wheel(config)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    assets.copy_assets(config)
