"""MkDocs hook: every quiz as QTI 2.1, Moodle XML and GIFT downloads (site_build.quiz_exports)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from site_build import quiz_exports


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    quiz_exports.plan_downloads(config)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    quiz_exports.write_downloads(config)
