"""A tiny SVG builder: every text and attribute escaped, the same input always the same bytes.

Pictures are built from :func:`element` strings and wrapped by :func:`document`, which adds the
accessible name (``<title>``, ``<desc>``, ``aria-labelledby``) and a small ``<style>`` whose
colours follow Material for MkDocs' light and dark schemes when the SVG sits inline in a page,
and the viewer's ``prefers-color-scheme`` anywhere else (a notebook, an ``<img>``, a file).

Examples:
    >>> print(element("text", {"x": 1, "y": 2.50, "class": "a"}, text="<b> & co"))
    <text x="1" y="2.5" class="a">&lt;b&gt; &amp; co</text>
    >>> svg = document(id="demo", title="A box", desc="One box.", width=40, height=20,
    ...                body=[element("rect", {"width": 40, "height": 20})])
    >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    True
    >>> 'aria-labelledby="demo-title demo-desc"' in svg
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lambdanet_edu.errors import LambdaNetError

__all__ = ["STYLE", "check_id", "clean", "clip_width", "document", "element", "fmt", "text_lines",
           "text_width", "wrap", "wrap_width"]

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# Characters XML 1.0 cannot hold at all, even escaped: control characters and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: The rules every picture carries, scoped under ``.ln-pic`` so they never leak into a page.
#: Material's variables win inline; ``--ln-*`` are the fallbacks for light and dark viewers.
STYLE = (
    ".ln-pic{--ln-fg:#1f2328;--ln-muted:#57606a;--ln-bg:#fff;--ln-ok:#1a5fb4;--ln-bad:#b3261e;"
    "font-family:system-ui,sans-serif;font-size:12px}"
    "@media (prefers-color-scheme:dark){.ln-pic{--ln-fg:#e6edf3;--ln-muted:#9da7b3;"
    "--ln-bg:#161b22;--ln-ok:#79b8ff;--ln-bad:#ff8a80}}"
    "[data-md-color-scheme=slate] .ln-pic{--ln-ok:#79b8ff;--ln-bad:#ff8a80}"
    "[data-md-color-scheme=default] .ln-pic{--ln-ok:#1a5fb4;--ln-bad:#b3261e}"
    ".ln-pic text{fill:var(--md-default-fg-color,var(--ln-fg))}"
    ".ln-pic .ln-pic__muted{fill:var(--md-default-fg-color--light,var(--ln-muted))}"
    ".ln-pic .ln-pic__title{font-weight:bold;font-size:13px}"
    ".ln-pic__bg{fill:var(--md-default-bg-color,var(--ln-bg))}"
    ".ln-pic__box{fill:none;stroke:var(--md-default-fg-color--light,var(--ln-muted))}"
    ".ln-pic__zone{fill:none;stroke:var(--md-default-fg-color--lighter,var(--ln-muted));"
    "stroke-dasharray:2 3}"
    ".ln-pic__box--path{stroke:var(--ln-ok);stroke-width:2.5}"
    ".ln-pic__box--blocked{stroke:var(--ln-bad);stroke-width:2.5;stroke-dasharray:6 3}"
    ".ln-pic__edge,.ln-pic__axis,.ln-pic__tick{stroke:var(--md-default-fg-color--light,"
    "var(--ln-muted));fill:none}"
    ".ln-pic__path{stroke:var(--ln-ok);stroke-width:2.5;fill:none}"
    ".ln-pic__path--blocked{stroke:var(--ln-bad);stroke-width:2.5;stroke-dasharray:6 3;fill:none}"
    ".ln-pic .ln-pic__bad{fill:var(--ln-bad);font-weight:bold}"
    ".ln-pic .ln-pic__good{fill:var(--ln-ok);font-weight:bold}"
    ".ln-pic__grid{stroke:var(--md-default-fg-color--lightest,var(--ln-muted));stroke-opacity:.5}"
    ".ln-pic__line{fill:none;stroke-width:2.5;stroke:var(--ln-ok)}"
    ".ln-pic__line--2{stroke:var(--md-default-fg-color,var(--ln-fg));stroke-dasharray:8 4}"
    ".ln-pic__line--3{stroke:var(--ln-bad);stroke-dasharray:2 3}"
    ".ln-pic__limit{stroke:var(--ln-bad);stroke-width:1.5;stroke-dasharray:10 3 2 3;fill:none}"
    ".ln-pic__mark{stroke:var(--md-default-fg-color,var(--ln-fg));stroke-dasharray:3 3}"
)


def clean(value: object, /) -> str:
    """``value`` as text XML can hold: characters XML forbids become U+FFFD.

    Examples:
        >>> clean("a\\x00b")
        'a\ufffdb'
    """
    return _NOT_XML.sub("\ufffd", str(value))


def _escape(value: object, /) -> str:
    text = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def fmt(number: float, /) -> str:
    """A coordinate as short, stable text: two decimals at most, no trailing zeros.

    Examples:
        >>> fmt(2.0), fmt(1/3), fmt(-0.0001)
        ('2', '0.33', '0')
    """
    text = f"{round(float(number), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def element(tag: str, attrs: Mapping[str, object] | None = None, *children: str,
            text: object = None) -> str:
    """One element: attributes escaped in the order given (numbers through :func:`fmt`).

    ``children`` are element strings (already escaped); ``text``, if given, is escaped here.
    Attributes whose value is ``None`` are left out.

    Examples:
        >>> element("g", {"class": "x", "id": None}, element("circle", {"r": 2}))
        '<g class="x"><circle r="2"/></g>'
        >>> element("text", {}, text="<script>")
        '<text>&lt;script&gt;</text>'
    """
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None:
            continue
        shown = fmt(value) if isinstance(value, int | float) and not isinstance(value, bool) \
            else _escape(value)
        parts.append(f'{name}="{shown}"')
    inner = "".join(children) + ("" if text is None else _escape(text))
    head = " ".join(parts)
    return f"<{head}>{inner}</{tag}>" if inner else f"<{head}/>"


def wrap(text: str, width: int, /) -> list[str]:
    """Split ``text`` into lines of at most ``width`` characters, at spaces where possible.

    Examples:
        >>> wrap("one two three four", 9)
        ['one two', 'three', 'four']
    """
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        while len(word) > width:  # a word longer than a line is cut
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines or [""]


# Advance widths in 2048ths of an em (TrueType's unit) of DejaVu Sans Bold, measured in Chromium
# and rounded up: the widest of the fonts system-ui usually resolves to (Segoe UI, San Francisco,
# Roboto and Cantarell are narrower), so text measured with them is never wider on screen.
# ASCII from " " to "~".
_ASCII_WIDTHS = (
    715, 936, 1068, 1717, 1426, 2053, 1788, 629, 938, 938, 1072, 1717, 779, 852, 779, 750, 1426,
    1426, 1426, 1426, 1426, 1426, 1426, 1426, 1426, 1426, 820, 820, 1717, 1717, 1717, 1190, 2048,
    1586, 1563, 1504, 1702, 1401, 1401, 1682, 1715, 764, 764, 1588, 1307, 2040, 1715, 1743, 1502,
    1743, 1580, 1477, 1399, 1666, 1586, 2261, 1580, 1485, 1487, 938, 750, 938, 1717, 1024, 1024,
    1383, 1467, 1215, 1467, 1391, 893, 1467, 1459, 703, 703, 1364, 703, 2135, 1459, 1410, 1467,
    1467, 1012, 1221, 981, 1459, 1336, 1893, 1324, 1336, 1194, 1459, 750, 1459, 1717,
)
_EM = 2048
_OTHER_WIDTHS = {
    "\u00b7": 779, "\u2192": 1717, "\u2713": 1717, "\u2717": 1717, "\u03bb": 1297,
    "\u2026": 2048, "\u2013": 1024, "\u2014": 2048, "\u00e9": 1391,
}


def text_width(text: str, /, size: float = 12) -> float:
    """How wide ``text`` may be at ``size`` px, at most: measured conservatively, so a line
    wrapped to a width never runs past it (characters not in the table count one em).

    Examples:
        >>> text_width("iii") < text_width("WWW")
        True
        >>> text_width("W", 10)
        11.04
    """
    total = 0
    for char in str(text):
        code = ord(char)
        total += (_ASCII_WIDTHS[code - 32] if 32 <= code < 127
                  else _OTHER_WIDTHS.get(char, _EM))
    return round(total * size / _EM, 2)


def wrap_width(text: str, width: float, /, size: float = 12) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` px (by :func:`text_width`), at spaces
    where possible; a word wider than a line is cut.

    Examples:
        >>> wrap_width("one two three four", 60)
        ['one two', 'three', 'four']
    """
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        while text_width(word, size) > width:
            if line:
                lines.append(line)
                line = ""
            cut = max(1, max(n for n in range(len(word) + 1)
                             if text_width(word[:n], size) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        if not word:
            continue
        joined = f"{line} {word}" if line else word
        if line and text_width(joined, size) > width:
            lines.append(line)
            line = word
        else:
            line = joined
    if line:
        lines.append(line)
    return lines or [""]


def clip_width(text: str, width: float, /, size: float = 12) -> str:
    """``text`` cut to fit ``width`` px, ending in "…" when cut.

    Examples:
        >>> clip_width("subnet-private-a", 60)
        'subnet…'
    """
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def text_lines(x: float, y: float, lines: Iterable[str], *, step: float = 15,
               cls: str | None = None, anchor: str | None = None) -> str:
    """Several ``<text>`` lines, one under the other, starting at baseline ``y``.

    Examples:
        >>> text_lines(0, 10, ["a", "b"])
        '<text x="0" y="10">a</text><text x="0" y="25">b</text>'
    """
    return "".join(element("text", {"x": x, "y": y + i * step, "class": cls,
                                    "text-anchor": anchor}, text=line)
                   for i, line in enumerate(lines))


def check_id(value: object, /) -> str:
    """A prefix for the ids inside one picture: a letter, then letters, digits, ``_`` or ``-``.

    Examples:
        >>> check_id("eni-diagram")
        'eni-diagram'
    """
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise LambdaNetError.invalid(
            "id", value, "a letter followed by up to 63 letters, digits, '_' or '-'")
    return value


def document(*, id: str, title: str, desc: str, width: float, height: float,
             body: Iterable[str]) -> str:
    """A complete, accessible ``<svg>`` element around ``body``.

    Args:
        id: Prefix of the ids inside (``ID-title``, ``ID-desc``): unique per page.
        title: The accessible name, also shown as the figure's caption on pages.
        desc: What the picture shows, in sentences, with the model's numbers.
        width: Width of the drawing, in user units (it scales to its container).
        height: Height of the drawing.
        body: The picture's elements.

    Raises:
        LambdaNetError: ``id`` is not a usable prefix.

    Examples:
        >>> document(id="1x", title="t", desc="d", width=1, height=1, body=[])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: id must be a letter followed by up to 63 letters,
        digits, '_' or '-', got '1x'
    """
    prefix = check_id(id)
    return element(
        "svg", {"xmlns": "http://www.w3.org/2000/svg", "class": "ln-pic", "role": "img",
                "viewBox": f"0 0 {fmt(width)} {fmt(height)}", "width": width,
                "aria-labelledby": f"{prefix}-title {prefix}-desc"},
        element("title", {"id": f"{prefix}-title"}, text=title),
        element("desc", {"id": f"{prefix}-desc"}, text=desc),
        element("style", {}, text=STYLE),
        element("rect", {"class": "ln-pic__bg", "width": width, "height": height}),
        *body,
    )
