"""A Griffe extension for the API reference: the model's docstrings name other objects with
Sphinx roles (``:class:`~lambdanet_edu.network.subnets.Subnet```), which Markdown would show
literally. Each becomes a code span of the name as a reader writes it (``Subnet``).

mkdocs.yml loads this file by path (``extensions:`` of the mkdocstrings Python handler).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

__all__ = ["SphinxRoles", "plain_roles"]

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const):`(~?)([^`]+)`")


def plain_roles(text: str) -> str:
    """``text`` with each Sphinx role as a Markdown code span (``~`` keeps the last part).

    Examples:
        >>> plain_roles("A :class:`~lambdanet_edu.network.subnets.Subnet` in :mod:`x.y`.")
        'A `Subnet` in `x.y`.'
    """
    return _ROLE.sub(lambda m: f"`{m.group(2).rsplit('.', 1)[-1] if m.group(1) else m.group(2)}`",
                     text)


class SphinxRoles(griffe.Extension):
    """Rewrites Sphinx roles in every docstring Griffe reads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(obj.docstring.value)
