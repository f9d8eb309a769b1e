"""The quizzes' tiny inline markup: `` `code` `` and ``**bold**``, nothing else.

Text is escaped first, so whatever an author (or a model result) puts in a prompt reaches the
page as text; only the two marks become tags.

Examples:
    >>> inline_html("A `/24` has **251** usable addresses, not <256>.")
    'A <code>/24</code> has <strong>251</strong> usable addresses, not &lt;256&gt;.'
    >>> plain_text("A `/24` has **251** usable addresses.")
    'A /24 has 251 usable addresses.'
"""

from __future__ import annotations

import html
import re

__all__ = ["inline_html", "plain_text"]

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)\*\*")


def inline_html(text: str) -> str:
    """``text`` as safe inline HTML: escaped, with ``<code>`` and ``<strong>`` from the marks.

    Examples:
        >>> inline_html("`a**b**` **&**")
        '<code>a**b**</code> <strong>&amp;</strong>'
    """
    pieces = _CODE.split(text)  # even indexes: prose; odd indexes: code, never bolded
    return "".join(
        f"<code>{html.escape(piece)}</code>" if i % 2
        else _BOLD.sub(r"<strong>\1</strong>", html.escape(piece))
        for i, piece in enumerate(pieces))


def plain_text(text: str) -> str:
    """``text`` without its marks, unescaped (for exports and text-only fallbacks).

    Examples:
        >>> plain_text("**Not** `0.0.0.0/0`")
        'Not 0.0.0.0/0'
    """
    pieces = _CODE.split(text)
    return "".join(piece if i % 2 else _BOLD.sub(r"\1", piece) for i, piece in enumerate(pieces))
