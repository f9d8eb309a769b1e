"""The API reference (``docs/reference/``) and the "Names you can use" panel that links into it.

mkdocstrings renders each reference page from the model's docstrings; an entry's anchor is the
dotted path it is documented under (``lambdanet_edu.network.Vpc.route_table_for``). An exercise
names what the learner needs (``Exercise(names=("RouteTable", "Vpc.route_table_for"))``): each
name is a name :mod:`lambdanet_edu` exports, then attributes. The panel links each one to the
page that documents its module; after the build, :func:`check_built` reads the built pages'
anchors and fails the build on a name the reference does not document.
"""

from __future__ import annotations

import html
import inspect
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import lambdanet_edu
from site_build import course

__all__ = ["REFERENCE_PAGES", "Entry", "check_built", "entry", "names_panel"]

#: Module -> the reference page that documents it (``::: <module>`` in that page).
REFERENCE_PAGES = {
    "lambdanet_edu": "reference/index.md",
    "lambdanet_edu.network": "reference/network.md",
    "lambdanet_edu.egress": "reference/egress.md",
    "lambdanet_edu.scaling": "reference/scaling.md",
    "lambdanet_edu.functions": "reference/functions.md",
    "lambdanet_edu.enis": "reference/functions.md",
    "lambdanet_edu.addresses": "reference/functions.md",
    "lambdanet_edu.states": "reference/functions.md",
    "lambdanet_edu.errors": "reference/functions.md",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a name is documented: ``page`` (a docs path), ``anchor``, and its first line."""

    name: str
    page: str
    anchor: str
    summary: str

    def url(self, base: str) -> str:
        """The entry's address from ``base`` (``"../"`` on a topic page, the site on an embed)."""
        path = self.page.removesuffix(".md")
        path = path.removesuffix("index") if path.endswith("/index") else path + "/"
        return f"{base}{path}#{self.anchor}"


def entry(name: str) -> Entry:
    """The reference entry of ``name`` (``"Vpc.route_table_for"``); unknown names fail."""
    head, *rest = name.split(".")
    if head not in lambdanet_edu.__all__:
        raise PluginError(f"name {name!r}: {head!r} is not exported by lambdanet_edu "
                          "(its __all__), so the API reference has no entry for it")
    target: Any = getattr(lambdanet_edu, head)
    for part in rest:
        if not hasattr(target, part):
            raise PluginError(f"name {name!r}: {head} has no attribute {part!r}")
        target = getattr(target, part)
    home = getattr(getattr(lambdanet_edu, head), "__module__", "lambdanet_edu")
    module = max((m for m in REFERENCE_PAGES if home == m or home.startswith(m + ".")), key=len)
    doc = inspect.getdoc(target) or ""
    first = doc.split("\n\n")[0].replace("\n", " ")
    summary = re.sub(r":\w+:|[`*~]", "", first)
    return Entry(name, REFERENCE_PAGES[module], f"{module}.{name}", summary)


def names_panel(ex: Any, base: str, *, new_tab: bool = False) -> str:
    """The exercise's "Names you can use" panel (raw HTML on one line), or "" without names."""
    if not ex.names:
        return ""
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    items = []
    for name in ex.names:
        try:
            found = entry(name)
        except PluginError as err:
            raise PluginError(f"exercise {ex.id!r}: {err}") from None
        summary = f": {html.escape(found.summary)}" if found.summary else ""
        items.append(f'<li><a href="{html.escape(found.url(base))}"{target}>'
                     f"<code>{html.escape(name)}</code></a>{summary}</li>")
    return (f'<div class="ln-names" id="names-{ex.id}"><p class="ln-names__title">'
            f"Names you can use</p><ul>{''.join(items)}</ul></div>")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for key, value in attrs if key == "id" and value)


def check_built(site_dir: str) -> None:
    """Fail the build if an exercise names something the built reference has no anchor for."""
    anchors: dict[str, set[str]] = {}
    for ex in course.exercises().values():
        for name in ex.names:
            found = entry(name)
            if found.page not in anchors:
                built = Path(site_dir) / found.url("").split("#")[0] / "index.html"
                if not built.is_file():
                    raise PluginError(f"exercise {ex.id!r}: name {name!r} belongs on "
                                      f"{found.page}, which the build did not write")
                parser = _Ids()
                parser.feed(built.read_text(encoding="utf-8"))
                anchors[found.page] = parser.ids
            if found.anchor not in anchors[found.page]:
                raise PluginError(f"exercise {ex.id!r}: name {name!r} has no entry in the API "
                                  f"reference (no #{found.anchor} on {found.page})")
