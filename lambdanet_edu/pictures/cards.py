"""A text card: a title and a few lines in a box, for previews where no diagram fits.

Examples:
    >>> svg = text_card("Egress", ["Private subnets", "NAT gateway"], id="egress-card")
    >>> svg.count("<text"), 'id="egress-card-title"' in svg
    (3, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from lambdanet_edu._checks import check_list
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.pictures.svg import document, element, text_lines, wrap

__all__ = ["text_card"]

_W = 480
_CHARS = 64
_MAX_LINES = 12


def text_card(title: str, lines: Sequence[str], *, id: str) -> str:
    """A box with ``title`` in bold and ``lines`` under it (each wrapped to the card's width).

    Args:
        title: The card's title, also its accessible name.
        lines: Up to 12 lines of text.
        id: Prefix of the ids inside the SVG: unique on the page.

    Raises:
        LambdaNetError: ``title`` is not a string, or ``lines`` is not a list of strings.

    Examples:
        >>> text_card("t", "one line", id="c")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: lines must be a list of up to 12 strings, got 'one
        line'
    """
    if not isinstance(title, str):
        raise LambdaNetError.invalid("title", title, "a string")
    allowed = f"a list of up to {_MAX_LINES} strings"
    # check_list, not len(): a range(10**20) has a length too large for len() to return.
    if not isinstance(lines, Sequence):
        raise LambdaNetError.invalid("lines", lines, allowed)
    items = check_list("lines", lines, allowed)
    if len(items) > _MAX_LINES or not all(isinstance(line, str) for line in items):
        raise LambdaNetError.invalid("lines", lines, allowed)
    lines = [str(line) for line in items]
    heading = wrap(title, _CHARS - 8)
    body = [line for text in lines for line in wrap(text, _CHARS)]
    height = 24 + 17 * len(heading) + 16 * len(body) + 12
    return document(
        id=id, title=title, desc=" ".join(lines) or title, width=_W, height=height,
        body=[element("rect", {"class": "ln-pic__box", "x": 1, "y": 1, "width": _W - 2,
                               "height": height - 2, "rx": 8}),
              text_lines(16, 26, heading, step=17, cls="ln-pic__title"),
              text_lines(16, 26 + 17 * len(heading) + 4, body, step=16)])
