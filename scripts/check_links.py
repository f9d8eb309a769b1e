"""Check a built site's internal links and anchors, offline: every address a page links to or
loads on this site must be a file of the site, and every ``#anchor`` an id (or ``name``) in the
page it points to.

    python scripts/check_links.py site http://127.0.0.1:8000/

Links to other sites are not followed (nothing is fetched). ``tests/test_site_markup.py`` runs
it on the site the tests build.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

__all__ = ["Broken", "Page", "broken_links", "pages", "parse"]

# Attributes that hold an address the browser follows or loads.
_LINKS = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
          "iframe": "src", "source": "src", "form": "action"}


@dataclass(frozen=True)
class Page:
    """What a page holds: its ids (and anchor names) and the addresses it links to."""

    ids: tuple[str, ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class Broken:
    """A link that leads nowhere: the page it is on, the address, and why."""

    page: str
    link: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} ({self.why})"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.append(str(values[name]))
        wanted = _LINKS.get(tag)
        link = values.get(wanted) if wanted else None
        # rel="alternate" oEmbed links and the like are for other programs, still on this site.
        if link is not None:
            self.links.append(link)


def parse(text: str) -> Page:
    """The ids and links of one HTML document.

    Examples:
        >>> parse('<h2 id="a">A</h2><a href="#a">up</a><a name="b"></a>')
        Page(ids=('a', 'b'), links=('#a',))
    """
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return Page(tuple(reader.ids), tuple(reader.links))


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site, by its path from the site's root (``egress/``)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        found[rel.removesuffix("index.html")] = path
    return found


def broken_links(site: Path, base_url: str) -> list[Broken]:
    """Every internal link or anchor of the site at ``site`` (built for ``base_url``) that
    leads nowhere."""
    base = urlsplit(base_url if base_url.endswith("/") else base_url + "/")

    @cache
    def read(path: Path) -> Page:
        return parse(path.read_text(encoding="utf-8"))

    broken = []
    for name, path in pages(site).items():
        here = f"{base.scheme}://{base.netloc}{base.path}{name}"
        if path.name != "index.html":
            here = f"{base.scheme}://{base.netloc}{base.path}{path.relative_to(site).as_posix()}"
        for link in read(path).links:
            if not link.strip() or link.startswith(("mailto:", "javascript:", "data:")):
                if not link.strip():
                    broken.append(Broken(name, link, "empty address"))
                continue
            target = urlsplit(urljoin(here, link))
            if (target.scheme, target.netloc) != (base.scheme, base.netloc) or \
                    not target.path.startswith(base.path):
                continue  # another site: not fetched
            rel = unquote(target.path[len(base.path):])
            file = site / rel
            if rel.endswith("/") or rel == "":
                file = file / "index.html"
            if not file.is_file():
                if file.is_dir() and (file / "index.html").is_file():
                    file = file / "index.html"
                else:
                    broken.append(Broken(name, link, f"no file {rel or '/'}"))
                    continue
            if target.fragment and file.suffix == ".html" and \
                    unquote(target.fragment) not in read(file).ids:
                broken.append(Broken(name, link, f"no id {target.fragment!r} in {rel or '/'}"))
    return broken


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    found = broken_links(Path(argv[0]), argv[1])
    for item in found:
        print(item)
    print(f"{len(found)} broken internal links or anchors")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
