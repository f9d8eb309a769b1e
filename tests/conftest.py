"""Shared fixtures, each built once per test run: the project's wheels (the source one pip gets,
and the bytecode one the browser's Python installs), and the site as the README's serve command
builds and serves it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import serve  # scripts/ is on pytest's pythonpath

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Served:
    """A built site and the loopback address it is served at (ending in ``/``)."""

    url: str
    site: Path


def _url(server: serve.http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site, built strictly for the port it is served on, with the isolation headers.

    The server starts first (on a free port) so that ``site_url`` can name that port: instant
    navigation needs them to match.
    """
    out = tmp_path_factory.mktemp("site")
    server = serve.start(str(out))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LN_SITE_URL": _url(server)},
    )
    assert done.returncode == 0, done.stderr
    yield Served(_url(server), out)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def plain_site(site: Served) -> Iterator[Served]:
    """The same files from a host that sends no isolation headers (like GitHub Pages)."""
    server = serve.start(str(site.site), isolation=False)
    yield Served(_url(server), site.site)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def project_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the pure-Python wheel the way the site build does (no pyodide-build needed)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
         str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = out.glob("lambdanet_edu-*-py3-none-any.whl")
    return wheel


def bytecode_wheel(source: Path, out: Path) -> Path:
    """``source`` compiled for the pinned Pyodide's Python, by the command the site build runs."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run(
        [node, str(ROOT / "hooks" / "site_build" / "bytecode_wheel.mjs"),
         str(ROOT / "node_modules" / "pyodide"), str(source), str(out)],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return out / done.stdout.strip()


@pytest.fixture(scope="session")
def browser_wheel(project_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel the browser's Python installs: ``project_wheel`` as bytecode for Pyodide."""
    return bytecode_wheel(project_wheel, tmp_path_factory.mktemp("browser-wheel"))
