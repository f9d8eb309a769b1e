"""Measure every embed page's content height in Chromium, at each width the embed code declares.

The build declares these heights (oEmbed's ``height`` at 720 px, and the embed box's list per
width); the browser test ``tests/browser/test_embed_sizes.py`` measures again and fails when
content outgrows a declared height. After changing a quiz, an exercise or the embed styles:

    .venv/bin/python scripts/measure_embeds.py   # builds the site, measures, rewrites the file

It writes ``hooks/site_build/embed_heights.json``: ``"quiz/<id>"`` -> ``{"720": px, "360": px}``,
each the measured height plus a margin (fonts differ a little between machines).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEIGHTS = ROOT / "hooks" / "site_build" / "embed_heights.json"
WIDTHS = (720, 360)
CHROMIUM = "/usr/bin/chromium"
# Shown once the widget has mounted: the quiz's score line, the exercise's editor.
READY = {"quiz": ".ln-quiz__score", "exercise": ".ln-exercise .cm-editor"}


def content_height(page: Any, url: str, kind: str, width: int) -> int:
    """The embed page's content height in CSS px at ``width``, once its widget has mounted."""
    # A short viewport, so the document is as tall as its content and no taller.
    page.set_viewport_size({"width": width, "height": 120})
    page.goto(url)
    page.wait_for_selector(READY[kind], state="attached", timeout=60_000)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => new Promise(r => setTimeout(r, 200)))")
    height: int = page.evaluate("Math.ceil(document.documentElement.scrollHeight)")
    return height


def declared(measured: int) -> int:
    """The height to declare for a measured one: 4 % and 24 px more, rounded up to 10 px."""
    return int(math.ceil((measured * 1.04 + 24) / 10) * 10)


def embeds(site: Path) -> list[str]:
    """``kind/id`` of every embed page in a built site."""
    return sorted(f"{p.parent.parent.name}/{p.parent.name}"
                  for p in (site / "embed").glob("*/*/index.html"))


def measure_all(base_url: str, site: Path) -> dict[str, dict[str, int]]:
    """Measured (not yet declared) heights of every embed of the site served at ``base_url``."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, int]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for key in embeds(site):
            kind = key.split("/")[0]
            found[key] = {str(w): content_height(page, f"{base_url}embed/{key}/", kind, w)
                          for w in WIDTHS}
        browser.close()
    return found


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    import serve  # scripts/serve.py, next to this file

    with tempfile.TemporaryDirectory() as out:
        server = serve.start(out)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--site-dir", out], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LN_SITE_URL": url})
        try:
            measured = measure_all(url, Path(out))
        finally:
            server.shutdown()
            server.server_close()
    heights = {key: {w: declared(h) for w, h in sizes.items()} for key, sizes in measured.items()}
    HEIGHTS.write_text(json.dumps(heights, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, sizes in measured.items():
        print(key, sizes, "->", heights[key])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
