"""MkDocs hook: accessibility fixes to markup the site does not write itself.

Each fix answers a violation axe-core reported (tests/browser/test_accessibility.py):

- Material's search is a ``role="dialog"`` without a name: it gets ``aria-label="Search"``;
- nbconvert's code cells on lesson pages scroll sideways but cannot take focus, so a keyboard
  user could not scroll them: they get ``tabindex="0"`` (as Material gives its own code blocks).
"""

from __future__ import annotations

from typing import Any

__all__ = ["on_post_page", "on_post_template"]

_SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
_NOTEBOOK_CODE = '<div class="highlight-ipynb hl-python">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _fix(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is a theme template, not a page: on_post_page never sees it.
    return _fix(output_content) if template_name.endswith(".html") else output_content


def _fix(output: str) -> str:
    output = output.replace(_SEARCH, _SEARCH[:-1] + ' aria-label="Search">', 1)
    return output.replace(_NOTEBOOK_CODE, _NOTEBOOK_CODE[:-1] + ' tabindex="0">')
