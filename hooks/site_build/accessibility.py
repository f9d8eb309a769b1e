"""Accessibility fixes to markup the site does not write itself.

Each fix answers a violation axe-core reported (tests/browser/test_accessibility.py):

- Material's search is a ``role="dialog"`` without a name: it gets ``aria-label="Search"``
  (Material's ``partials/search.html`` offers no block to override, and copying the whole
  partial would fork Material's search markup);
- nbconvert's code cells on lesson pages scroll sideways but cannot take focus, so a keyboard
  user could not scroll them: they get ``tabindex="0"`` (as Material gives its own code blocks).
"""

from __future__ import annotations

__all__ = ["fix"]

_SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
_NOTEBOOK_CODE = '<div class="highlight-ipynb hl-python">'


def fix(output: str) -> str:
    """A page or theme template (404.html) with the fixes made."""
    output = output.replace(_SEARCH, _SEARCH[:-1] + ' aria-label="Search">', 1)
    return output.replace(_NOTEBOOK_CODE, _NOTEBOOK_CODE[:-1] + ' tabindex="0">')
