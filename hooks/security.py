"""MkDocs hook (registered last): CSP, framing rules and integrity (site_build.security).

Last because it hashes and signs the final files every other hook wrote.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from site_build import security


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    security.take_worker_digests(config)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    security.secure_site(config)
