"""Content-Security-Policy, framing rules and integrity for the site.

``hooks/security.py`` is registered last: after every other hook has written its files,
:func:`secure_site` reads the final HTML (only final bytes can be hashed) and:

- adds ``integrity="sha384-..."`` to every ``<script src>`` and ``<link rel="stylesheet">``,
  ``"modulepreload"`` or ``"preload"`` that points at this site's own files, and an import map
  whose ``integrity`` section covers the modules those scripts import (``picture.js``, the editor
  bundle): Chromium 127+ checks them, other browsers ignore the map;
- hashes every inline ``<script>`` and ``<style>`` (Material's palette and ``__md_get`` set-up,
  nbconvert's clipboard helper, the import maps) into the policy, so no ``'unsafe-inline'``
  scripts are needed;
- writes one policy for site pages and one for embed pages (``/embed/quiz/*``,
  ``/embed/exercise/*``; ``/embed/`` itself is a site page) into deployable files:
  ``_headers`` (Netlify, and what ``scripts/serve.py`` sends), ``security/nginx.conf`` and
  ``security/cloudfront.json`` (response headers policies for Amazon S3 + CloudFront);
- puts the same policy in a ``<meta http-equiv="Content-Security-Policy">`` on every page, for
  hosts that cannot send headers (GitHub Pages). Browsers ignore ``frame-ancestors`` there, so on
  such hosts nothing stops another site from framing the pages.

The Python worker's files (Pyodide's core, the model's wheel) are loaded by Pyodide, not by a
tag, so :func:`take_worker_digests` puts their digests in the build state for the exercise
config; the worker asks the browser to check each one (``fetch`` with ``integrity``), and
:func:`secure_site` fails the build if a final file no longer matches.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from lambdanet_edu.pictures.svg import STYLE as PICTURE_STYLE
from site_build import ROOT, offline
from site_build.host_headers import (
    cloudfront_policies,
    header_rules,
    netlify_headers,
    nginx_conf,
    profile_of,
)
from site_build.state import state_of

__all__ = ["DEFAULT_FRAME_ANCESTORS", "HEADERS_FILE", "header_rules", "policy", "profile_of",
           "secure_site", "sri", "take_worker_digests"]

#: Who may frame embed pages when mkdocs.yml sets no ``extra.embed_frame_ancestors``: any https
#: site (a wiki's address is not known at build time) and this machine, for trying embeds locally.
DEFAULT_FRAME_ANCESTORS = ("https:", "http://localhost:*", "http://127.0.0.1:*")
HEADERS_FILE = "_headers"
#: Files the Python worker fetches itself, by their paths in the site: Pyodide's core, which
#: hooks/assets.py copies (the wheel from the build state). The worker script itself cannot be
#: checked: the Worker constructor takes no digest and import maps do not reach workers.
WORKER_FILES = {f"assets/pyodide/{name}": ROOT / "node_modules" / "pyodide" / name
                for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                             "python_stdlib.zip", "pyodide-lock.json")}

# Headers every response carries. COOP + COEP give exercise pages SharedArrayBuffer, which lets
# Stop interrupt Python in place; nosniff makes browsers trust only the declared types.
ISOLATION = {"Cross-Origin-Opener-Policy": "same-origin",
             "Cross-Origin-Embedder-Policy": "require-corp"}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_STYLE_ATTR = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_OURS = re.compile(r'\n<meta http-equiv="Content-Security-Policy"[^>]*>'
                   r'|\n<script type="importmap">.*?</script>', re.S)
# Inline <script> types a browser runs (or reads as an import map); others are inert data.
_RUN_TYPES = {"", "text/javascript", "module", "importmap", "application/javascript"}


def sri(data: bytes) -> str:
    """The Subresource Integrity value of ``data`` (SHA-384, as browsers check it).

    >>> sri(b"")
    'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'
    """
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(*, scripts: set[str], styles: set[str], style_attrs: set[str],
           frame_ancestors: tuple[str, ...] | None) -> str:
    """The Content-Security-Policy for a set of pages; ``frame_ancestors`` None leaves it out.

    >>> p = policy(scripts={"'sha256-x'"}, styles=set(), style_attrs=set(),
    ...            frame_ancestors=("'self'",))
    >>> "'unsafe-eval'" in p, "script-src 'self' 'wasm-unsafe-eval' 'sha256-x'" in p
    (False, True)
    """
    directives = [
        # Nothing is loaded from anywhere but this site, unless a directive below says so.
        "default-src 'self'",
        # Our files, the inline scripts Material and nbconvert write (by hash), and WebAssembly
        # compilation for Pyodide (the worker's own copy of this policy is the one that counts).
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(scripts)),
        # <style> blocks (nbconvert's notebook CSS) by hash; CSS files from this site.
        "style-src-elem 'self' " + " ".join(sorted(styles)),
        # style="..." attributes written in the HTML (Material's and nbconvert's), by hash.
        # Scripts that set element.style (CodeMirror, Material) are not subject to CSP.
        "style-src-attr 'unsafe-hashes' " + " ".join(sorted(style_attrs)),
        # Material's icons are data: SVGs in its CSS; pictures are inline SVG.
        "img-src 'self' data:",
        # Instant navigation fetches pages and the sitemap; the search index; the worker fetches
        # Pyodide's wasm, standard library and lock file, and the model's wheel.
        "connect-src 'self'",
        # The Python worker and Material's search worker.
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if frame_ancestors is not None:
        directives.append("frame-ancestors " + " ".join(frame_ancestors))
    return "; ".join(d.strip() for d in directives)


def take_worker_digests(config: Any) -> None:
    """Record the digests of the files the worker fetches, by site path, for the exercise config.

    Computed from the sources the assets hook copies verbatim; :func:`secure_site` checks the
    copies.
    """
    state = state_of(config)
    files = dict(WORKER_FILES)
    if state.wheel_file is not None:
        files[state.wheel_path] = state.wheel_file
    state.integrity = {path: sri(src.read_bytes()) for path, src in files.items() if src.exists()}


def secure_site(config: Any) -> None:
    """Integrity on every tag, the policies in every page, and the hosts' header files."""
    root_path = urlsplit(config.site_url or "/").path or "/"
    site = Path(config.site_dir)
    for path, expected in state_of(config).integrity.items():
        target = site / path
        if not target.exists() or sri(target.read_bytes()) != expected:
            raise PluginError(f"security: {path} changed after its digest was taken; "
                              "the worker would refuse it")
    digests: dict[str, str] = {}

    def digest(path: Path) -> str:
        key = path.as_posix()
        if key not in digests:
            digests[key] = sri(path.read_bytes())
        return digests[key]

    modules = sorted(p for p in (site / "assets" / "ln").iterdir() if p.suffix in (".js", ".mjs"))
    pages = sorted(p for p in site.rglob("*.html")
                   if p.relative_to(site).parts[0] != "security")
    found: dict[str, dict[str, set[str]]] = {
        kind: {"scripts": set(), "styles": set(), "style_attrs": set()}
        for kind in ("site", "embed")}
    rewritten: dict[Path, tuple[str, str]] = {}
    for page in pages:
        rel = page.relative_to(site).as_posix()
        kind = "embed" if profile_of(rel) == "embed" else "site"
        # What an earlier pass over the same files wrote (a rebuild without --clean) goes first.
        text = _OURS.sub("", page.read_text(encoding="utf-8"))
        text = _add_integrity(text, page, site, root_path, digest)
        imported = _imported(text, page, site, root_path, modules)
        if imported:  # Chromium 127+ checks these; other browsers ignore the map's integrity
            text = _insert_head(text, _importmap(page, site, imported, digest))
        for attrs, body in _SCRIPT.findall(text):
            if "src=" in attrs.lower():
                continue
            kind_of_script = {k.lower(): a or b
                              for k, a, b in _ATTR.findall(attrs)}.get("type", "")
            if kind_of_script.lower() in _RUN_TYPES:
                found[kind]["scripts"].add(_csp_hash(body))
        found[kind]["styles"].update(_csp_hash(body) for body in _STYLE.findall(text))
        # A style attribute's hash is over its value as parsed (entities decoded).
        found[kind]["style_attrs"].update(_csp_hash(html.unescape(a or b))
                                          for a, b in _STYLE_ATTR.findall(text))
        rewritten[page] = (kind, text)
    for hashes in found.values():
        # Pictures drawn in the browser (an exercise's feedback) carry the model's <style>.
        hashes["styles"].add(_csp_hash(PICTURE_STYLE))
    ancestors = tuple(config.extra.get("embed_frame_ancestors") or DEFAULT_FRAME_ANCESTORS)
    csp = {"site": policy(**found["site"], frame_ancestors=("'self'",)),
           "embed": policy(**found["embed"], frame_ancestors=("'self'", *ancestors))}
    for page, (kind, text) in rewritten.items():
        # frame-ancestors is ignored (with a console warning) in a <meta> policy: leave it out.
        meta_policy = policy(**found[kind], frame_ancestors=None)
        content = html.escape(meta_policy, quote=False)
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
        page.write_text(_insert_head(text, meta), encoding="utf-8")
    profiles = {
        "site": {**ISOLATION, "Cross-Origin-Resource-Policy": "same-origin",
                 "Content-Security-Policy": csp["site"], "X-Frame-Options": "SAMEORIGIN",
                 "X-Content-Type-Options": "nosniff"},
        # Framed by other sites (wikis), so readable by them, and no X-Frame-Options: it cannot
        # name a list of sites.
        "embed": {**ISOLATION, "Cross-Origin-Resource-Policy": "cross-origin",
                  "Content-Security-Policy": csp["embed"], "X-Content-Type-Options": "nosniff"},
        "host-script": {**ISOLATION, "Cross-Origin-Resource-Policy": "cross-origin",
                        "X-Content-Type-Options": "nosniff"},
    }
    # The service worker lists every final file with its digest (so it goes last but the
    # headers, which cover it too).
    offline.write_service_worker(site, digest)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                   and p.relative_to(site).parts[0] != "security" and p.name != HEADERS_FILE)
    rules = header_rules(files, profiles)
    (site / HEADERS_FILE).write_text(netlify_headers(rules), encoding="utf-8")
    out = site / "security"
    out.mkdir(exist_ok=True)
    (out / "nginx.conf").write_text(nginx_conf(rules), encoding="utf-8")
    (out / "cloudfront.json").write_text(
        json.dumps(cloudfront_policies(profiles, name="lambdanet-edu"), indent=2) + "\n",
        encoding="utf-8")


def _local(ref: str, page: Path, site: Path, root_path: str) -> Path | None:
    """The site file a relative ``src``/``href`` names, or None (another site, data:, missing)."""
    if not ref or re.match(r"^[a-z][\w+.-]*:|^//", ref, re.I):
        return None
    ref = ref.split("#")[0].split("?")[0]
    # 404.html names files from the site's root path (site_url's path), not relatively.
    target = (site / ref.removeprefix(root_path).lstrip("/") if ref.startswith("/")
              else page.parent / ref).resolve()
    return target if target.is_file() and site.resolve() in target.parents else None


def _add_integrity(text: str, page: Path, site: Path, root_path: str,
                   digest: Callable[[Path], str]) -> str:
    def tag(match: re.Match[str], attr: str) -> str:
        whole = match.group(0)
        attrs = {k.lower(): (a or b) for k, a, b in _ATTR.findall(whole)}
        # A modulepreload fills the module map, so the module's own tag would not check it; a
        # preload is only used by a tag with the same integrity.
        if "integrity" in attrs or (attr == "href" and attrs.get("rel") not in
                                    ("stylesheet", "modulepreload", "preload")):
            return whole
        target = _local(attrs.get(attr, ""), page, site, root_path)
        if target is None:
            return whole
        end = whole.rfind(">")
        return f'{whole[:end].rstrip("/").rstrip()} integrity="{digest(target)}">'

    text = re.sub(r"<script\b[^>]*\bsrc=[^>]*>", lambda m: tag(m, "src"), text, flags=re.I)
    return _LINK.sub(lambda m: tag(m, "href"), text)


def _imported(text: str, page: Path, site: Path, root_path: str,
              modules: list[Path]) -> list[Path]:
    """The modules a page's module scripts can import, found by name in their sources
    (``import "./picture.js"``, ``import(new URL("ln/editor.js", ...))``)."""
    names = {m.name: m for m in modules}
    todo = [p for ref in re.findall(r'<script\b[^>]*type="module"[^>]*>', text)
            for src in re.findall(r'\bsrc="([^"]+)"', ref)
            if (p := _local(src, page, site, root_path))]
    seen: set[Path] = set()
    while todo:
        module = todo.pop()
        source = module.read_text(encoding="utf-8")
        for name in re.findall(r"""["'][\w./-]*?([\w-]+\.m?js)["']""", source):
            found = names.get(name)
            if found is not None and found not in seen:
                seen.add(found)
                todo.append(found)
    return sorted(seen)


def _importmap(page: Path, site: Path, modules: list[Path],
               digest: Callable[[Path], str]) -> str:
    rel = PurePosixPath(*([".."] * (len(page.relative_to(site).parts) - 1)) or ["."])
    entries = {f"{rel.as_posix()}/{m.relative_to(site).as_posix()}": digest(m) for m in modules}
    return f'<script type="importmap">{json.dumps({"integrity": entries}, sort_keys=True)}</script>'


def _insert_head(text: str, snippet: str) -> str:
    """Insert right after ``<meta charset>`` (or ``<head>``): before any script or style."""
    match = (re.search(r"<meta\s+charset=[^>]*>", text, re.I)
             or re.search(r"<head\b[^>]*>", text, re.I))
    if match is None:
        raise PluginError("security: a page without <head>")
    return text[:match.end()] + "\n" + snippet + text[match.end():]
