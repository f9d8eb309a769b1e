"""The site the README's serve command builds, and the server that sends its headers."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import serve


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    (built_site / "probe.mjs").write_text("export {};", encoding="utf-8")
    (built_site / "probe.wasm").write_bytes(b"\0asm")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = lambda *a, **k: serve.Handler(*a, directory=str(built_site), **k)
    httpd = serve.http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


def test_site_builds_strict_and_references_no_third_party_host(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "lambdanet-edu" in html
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Links a reader may follow are fine; anything the browser fetches by itself is not.
        fetched = re.findall(r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=["'](https?://[^"']+)"""
                             r"""|<link\b(?![^>]*rel=["']canonical)[^>]*\shref=["'](https?://[^"']+)""", text)
        assert fetched == [], page
        assert "fonts.googleapis" not in text, page


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/", "text/html"), ("/probe.mjs", "text/javascript"), ("/probe.wasm", "application/wasm")],
)
def test_server_sends_isolation_headers_and_right_types(server: str, path: str, content_type: str) -> None:
    with urllib.request.urlopen(server + path, timeout=10) as response:  # loopback only
        headers = response.headers
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert headers["Content-Type"].startswith(content_type)
