"""Only the notebook CSS a lesson page uses.

nbconvert inlines JupyterLab's whole stylesheet (about 570 KB) into every lesson page, and a page
uses a few percent of it: Lighthouse measured lesson pages at 703 KB of HTML with the style 96%
unused, and a phone paid for it in parse time before the first paint. :func:`prune_css` keeps a
rule when one of its selectors can match the page: every class it names must appear in the
page's HTML. It errs on the side of keeping (a selector it cannot judge stays), and nothing on a
lesson page adds notebook classes at run time (nbconvert's scripts are dropped,
:func:`site_build.lessons.drop_third_party_scripts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["classes_in", "prune_css", "prune_page_styles"]

_CLASS_ATTR = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""", re.I)
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
# :not(.x) matches where .x is absent; :is()/:where()/:has() arguments are judged too loosely
# by a class check: drop every functional pseudo-class's argument before looking for classes.
_PSEUDO_ARGS = re.compile(r":[a-zA-Z-]+\((?:[^()]|\([^()]*\))*\)")
_STRINGS = re.compile(r"""\"(?:[^"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'""")
_VAR = re.compile(r"var\(\s*(--[a-zA-Z0-9-]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S | re.I)
#: Below this size a <style> block is left alone (Pygments' and the pictures' styles are small).
_LARGE = 8_000


def classes_in(html: str) -> set[str]:
    """Every class name written in the page's ``class`` attributes.

    >>> sorted(classes_in('<div class="a b"><p class=\\'c\\'>x</p></div>'))
    ['a', 'b', 'c']
    """
    found: set[str] = set()
    for double, single in _CLASS_ATTR.findall(html):
        found.update((double or single).split())
    return found


def _past_string_or_comment(css: str, i: int) -> int | None:
    """The index just past the string or comment that starts at ``i`` (the end of ``css`` if it
    is never closed), or None when neither starts there."""
    if css[i] in "\"'":
        m = _STRINGS.match(css, i)
        return m.end() if m else len(css)
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    return None


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level items of ``css``: (prelude, body) for a block, (statement, None) for ``@charset``
    and other statements. Strings and comments are respected."""
    items: list[tuple[str, str | None]] = []
    i, n, start = 0, len(css), 0
    while i < n:
        c = css[i]
        past = _past_string_or_comment(css, i)
        if past is not None:
            i = past
            continue
        if c == ";":
            items.append((_COMMENT.sub("", css[start:i + 1]).strip(), None))
            start = i = i + 1
            continue
        if c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                past = _past_string_or_comment(css, j)
                if past is not None:
                    j = past
                    continue
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            items.append((_COMMENT.sub("", css[start:i]).strip(), css[i + 1:j - 1]))
            start = i = j
            continue
        i += 1
    return items


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def _can_match(selector: str, classes: set[str]) -> bool:
    plain = _PSEUDO_ARGS.sub("", _STRINGS.sub('""', selector))
    plain = re.sub(r"\[[^\]]*\]", "", plain)  # attribute values may contain dots
    return all(name in classes for name in _SELECTOR_CLASS.findall(plain))


def _prune(css: str, classes: set[str]) -> str:
    out: list[str] = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@"):
            name = prelude[1:].split(None, 1)[0].split("(")[0].lower()
            if name in _GROUPS:
                inner = _prune(body, classes)
                if inner:
                    out.append(f"{prelude}{{{inner}}}")
            else:  # @keyframes, @font-face, @page: kept whole
                out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s.strip() for s in _split_selectors(prelude) if _can_match(s, classes)]
            if kept and body.strip():
                out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "".join(out)


def _declarations(body: str) -> list[str]:
    """A rule body's declarations, split at the semicolons outside strings and parentheses
    (``url(data:image/svg+xml;base64,...)`` holds one)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c in "\"'":
            m = _STRINGS.match(body, i)
            i = m.end() if m else len(body)
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == ";" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return [d.strip() for d in out if d.strip()]


def _map_bodies(css: str, change: Callable[[str], str]) -> str:
    """``css`` with ``change`` applied to every style rule's body (inside at-rules too)."""
    out: list[str] = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@"):
            name = prelude[1:].split(None, 1)[0].split("(")[0].lower()
            inner = _map_bodies(body, change) if name in _GROUPS else body
            out.append(f"{prelude}{{{inner}}}")
        else:
            out.append(f"{prelude}{{{change(body)}}}")
    return "".join(out)


def _custom_name(declaration: str) -> str | None:
    name = declaration.split(":", 1)[0].strip()
    return name if _DROPPABLE.fullmatch(name) else None


def _drop_unused_properties(css: str) -> str:
    """Drop the notebook's own custom properties (``--jp-*``, and Material's colour palette that
    nbconvert copies in, ``--md-red-50``...) that nothing left in ``css`` reads."""
    declarations: list[str] = []
    _map_bodies(css, lambda body: declarations.extend(_declarations(body)) or body)
    used: set[str] = set()
    while True:
        # A property read only by a dropped property is unused too: repeat until nothing changes.
        reading = {name for d in declarations
                   if _custom_name(d) is None or _custom_name(d) in used
                   for name in _VAR.findall(d)}
        if reading == used:
            break
        used = reading

    def keep(body: str) -> str:
        return ";".join(d for d in _declarations(body)
                        if _custom_name(d) is None or _custom_name(d) in used)
    return _map_bodies(css, keep)


_GROUPS = ("media", "supports", "layer", "container", "document")
_DROPPABLE = re.compile(r"--jp-[a-zA-Z0-9-]+|--md-[a-z-]+-(?:50|[1-9]00|A[1-7]00)")


def prune_css(css: str, classes: set[str]) -> str:
    """The rules of ``css`` that can match a page whose elements carry ``classes``.

    >>> prune_css(".a{color:red}.b{color:blue}.a .c,.a{x:1}@media print{.b{y:2}}", {"a"})
    '.a{color:red}.a{x:1}'
    >>> prune_css(".a{--jp-x:1;--jp-y:url(a;b);--md-red-50:#f00;color:var(--jp-x)}", {"a"})
    '.a{--jp-x:1;color:var(--jp-x)}'
    """
    return _drop_unused_properties(_prune(css, classes))


def prune_page_styles(html: str) -> str:
    """``html`` with each large ``<style>`` block cut down to what the page uses."""
    classes = classes_in(html)

    def cut(m: re.Match[str]) -> str:
        body = m.group(2)
        if len(body) < _LARGE:
            return m.group(0)
        return m.group(1) + prune_css(body, classes) + m.group(3)

    return _STYLE.sub(cut, html)
