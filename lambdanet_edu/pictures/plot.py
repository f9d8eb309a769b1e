"""Line charts as SVG: axes with round ticks, lines told apart by dash pattern and by name.

:func:`line_chart` draws what it is given and computes nothing about the model: the model's
charts in :mod:`lambdanet_edu.pictures.charts` pass it the model's numbers. Each line carries
them in ``data-values`` (``"x,y x,y ..."``), and each marked point in ``data-x``/``data-y``, so a
test can check the drawing against the model.

Examples:
    >>> svg = line_chart(id="demo", title="Doubling", desc="y is twice x.", x_label="x",
    ...                  y_label="y", lines=[("twice", [(0, 0), (1, 2), (2, 4)])])
    >>> 'data-values="0,0 2,4"' in svg  # the middle point lies on the line, so it is left out
    True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.pictures.svg import document, element, fmt, text_width, wrap_width

__all__ = ["LINE_STYLES", "line_chart", "nice_ticks", "simplify"]

#: How the 1st, 2nd and 3rd line look: solid, long dashes, dots (and a colour each).
LINE_STYLES = ("solid", "dashed", "dotted")
_DASHES = ("", "8 4", "2 3")

_W, _H = 640, 330
_LEFT, _RIGHT, _TOP, _BOTTOM = 62, 170, 62, 48

Point = tuple[float, float]


def nice_ticks(top: float, /, count: int = 5) -> list[float]:
    """Round tick values from 0 up to at least ``top``: steps of 1, 2 or 5 times a power of ten.

    Examples:
        >>> nice_ticks(251)
        [0, 100, 200, 300]
        >>> nice_ticks(0)
        [0, 1]
    """
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step >= 1:
        step = int(step)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def simplify(points: Sequence[Point], /) -> list[Point]:
    """``points`` without those lying exactly on the straight line between their neighbours.

    Examples:
        >>> simplify([(0, 0), (1, 5), (2, 10), (3, 10), (4, 10)])
        [(0, 0), (2, 10), (4, 10)]
    """
    kept: list[Point] = []
    for point in points:
        while len(kept) >= 2:
            (x0, y0), (x1, y1) = kept[-2], kept[-1]
            if (x1 - x0) * (point[1] - y0) != (point[0] - x0) * (y1 - y0):
                break
            kept.pop()
        kept.append(point)
    return kept


def _label(value: float) -> str:
    return f"{value:,}" if float(value).is_integer() and abs(value) < 1e15 \
        else f"{value:,.2f}"


def _spread(wanted: list[float], gap: float, bottom: float = math.inf,
            sizes: Sequence[int] | None = None) -> list[float]:
    """Label heights at least ``gap`` apart, each as near its wanted height as the order allows,
    and none below ``bottom`` (the labels are pushed up together instead). A label of
    ``sizes[i]`` lines takes that many gaps.

    Examples:
        >>> _spread([10, 12, 40], 14)
        [10, 24, 40]
        >>> _spread([100, 100], 14, bottom=100)
        [86, 100]
        >>> _spread([10, 12], 14, sizes=[2, 1])
        [10, 38]
    """
    lines = list(sizes) if sizes is not None else [1] * len(wanted)
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    last, last_lines = -math.inf, 1
    for i in order:
        placed[i] = max(wanted[i], last + gap * last_lines)
        last, last_lines = placed[i], lines[i]
    below = bottom
    for i in reversed(order):  # then up from the bottom, so none falls under the x axis
        placed[i] = min(placed[i], below - gap * (lines[i] - 1))
        below = placed[i] - gap
    return placed


def _text_lines(label: str, x: float, y: float, cls: str | None, *, room: float,
                anchor: str | None = None) -> list[str]:
    """``label`` as text at ``x``, wrapped into lines of at most ``room`` px (by a conservative
    width estimate), so on a narrow screen nothing runs past the picture's edge."""
    return [element("text", {"x": x, "y": y + 14 * n, "class": cls, "text-anchor": anchor},
                    text=line)
            for n, line in enumerate(wrap_width(label, room) or [label])]


def line_chart(*, id: str, title: str, desc: str, x_label: str, y_label: str,
               lines: Sequence[tuple[str, Sequence[Point]]],
               limits: Sequence[tuple[str, float]] = (),
               marks: Sequence[tuple[str, float]] = (),
               points: Sequence[tuple[str, float, float]] = ()) -> str:
    """A line chart with axes, ticks, a legend and each line named at its end.

    Args:
        id: Prefix of the ids inside the SVG.
        title: Its accessible name.
        desc: What it shows, with the numbers.
        x_label: The x axis' name (with its unit).
        y_label: The y axis' name.
        lines: One to three ``(name, [(x, y), ...])``, drawn solid, dashed, then dotted.
        limits: Horizontal lines ``(label, y)``, such as a capacity.
        marks: Vertical lines ``(label, x)``, such as an answer.
        points: Marked points ``(label, x, y)``, such as a crossing.

    Raises:
        LambdaNetError: No line, more than three, or a line without points.

    Examples:
        >>> line_chart(id="c", title="t", desc="d", x_label="x", y_label="y", lines=[])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: lines must be 1 to 3 named lists of points, got []
    """
    if not 1 <= len(lines) <= len(LINE_STYLES) or any(not pts for _, pts in lines):
        raise LambdaNetError.invalid("lines", list(lines), "1 to 3 named lists of points")
    xs = [x for _, pts in lines for x, _ in pts] + [x for _, x in marks] + [p[1] for p in points]
    ys = [y for _, pts in lines for _, y in pts] + [y for _, y in limits] + [p[2] for p in points]
    x_ticks, y_ticks = nice_ticks(max(xs)), nice_ticks(max(ys))
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def sx(x: float) -> float:
        return _LEFT + plot_w * x / x_ticks[-1]

    def sy(y: float) -> float:
        return _TOP + plot_h * (1 - y / y_ticks[-1])

    body = [element("path", {"class": "ln-pic__axis",
                             "d": f"M{_LEFT} {_TOP}V{fmt(sy(0))}H{fmt(_LEFT + plot_w)}"})]
    for y in y_ticks:
        body.append(element("path", {"class": "ln-pic__grid",
                                     "d": f"M{_LEFT} {fmt(sy(y))}h{plot_w}"}))
        body.append(element("text", {"x": _LEFT - 6, "y": sy(y) + 4, "text-anchor": "end",
                                     "class": "ln-pic__muted"}, text=_label(y)))
    for x in x_ticks:
        body.append(element("path", {"class": "ln-pic__tick",
                                     "d": f"M{fmt(sx(x))} {fmt(sy(0))}v5"}))
        body.append(element("text", {"x": sx(x), "y": sy(0) + 18, "text-anchor": "middle",
                                     "class": "ln-pic__muted"}, text=_label(x)))
    body.append(element("text", {"x": _LEFT + plot_w / 2, "y": _H - 8, "text-anchor": "middle"},
                        text=x_label))
    body.append(element("text", {"x": 8, "y": _TOP - 12}, text=y_label))
    ends: list[tuple[str, float, float, str]] = []
    for label, y in limits:
        body.append(element("path", {"class": "ln-pic__limit",
                                     "d": f"M{_LEFT} {fmt(sy(y))}h{plot_w}", "data-y": y}))
        ends.append((f"{label}: {_label(y)}", sx(x_ticks[-1]), sy(y), "ln-pic__bad"))
    for label, x in marks:
        body.append(element("path", {"class": "ln-pic__mark", "data-x": x,
                                     "d": f"M{fmt(sx(x))} {_TOP}V{fmt(sy(0))}"}))
        right, left = _W - 4 - (sx(x) + 4), sx(x) - 8
        if text_width(label) <= right or right >= left:  # right of the line, wrapped if need be
            body.extend(_text_lines(label, sx(x) + 4, _TOP + 12, None, room=right))
        else:  # more room on its left
            body.extend(_text_lines(label, sx(x) - 4, _TOP + 12, None, room=left, anchor="end"))
    legend_x, legend_y = _LEFT, 14
    for i, (name, pts) in enumerate(lines):
        kept = simplify([(x, y) for x, y in pts])
        cls = "ln-pic__line" + (f" ln-pic__line--{i + 1}" if i else "")
        body.append(element("polyline", {
            "class": cls, "data-series": name,
            "data-values": " ".join(f"{x},{y}" for x, y in kept),
            "points": " ".join(f"{fmt(sx(x))},{fmt(sy(y))}" for x, y in kept)}))
        entry = f"{name} ({LINE_STYLES[i]})"
        wide = 33 + 7 * len(entry) + 16
        if legend_x > _LEFT and legend_x + wide > _W:  # next legend row
            legend_x, legend_y = _LEFT, legend_y + 18
        body.append(element("path", {"class": cls, "d": f"M{legend_x} {legend_y - 4}h28"}))
        body.append(element("text", {"x": legend_x + 33, "y": legend_y}, text=entry))
        legend_x += wide
        y_end = kept[-1][1]
        ends.append((name, _LEFT + plot_w, sy(y_end), ""))
    for label, x, y in points:
        body.append(element("circle", {"cx": sx(x), "cy": sy(y), "r": 5, "class": "ln-pic__path",
                                       "data-x": x, "data-y": y}))
        left = min(sx(x) + 8, _W - 4 - 160)  # at least 160 px of room, inside the picture
        body.extend(_text_lines(label, left, sy(y) + 16, "ln-pic__bad", room=_W - 4 - left))
    # End labels sit right of the plot; below the x axis they would run into its last tick label.
    room = _W - 4 - (_LEFT + plot_w + 6)
    wrapped = [len(wrap_width(label, room) or [label]) for label, *_ in ends]
    heights = _spread([y + 4 for *_, y, _ in ends], 14, bottom=sy(0) + 4, sizes=wrapped)
    for (label, x, _, cls), y in zip(ends, heights, strict=True):
        body.extend(_text_lines(label, x + 6, y, cls or None, room=room))
    return document(id=id, title=title, desc=desc, width=_W, height=_H, body=body)
