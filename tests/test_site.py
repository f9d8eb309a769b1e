"""The site the README's serve command builds, and the server that sends its headers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, Served, serve


@pytest.fixture(scope="module")
def built_site(site: Served) -> Path:
    return site.site


@pytest.fixture(scope="module")
def server(site: Served) -> str:
    (site.site / "probe.mjs").write_text("export {};", encoding="utf-8")
    (site.site / "probe.wasm").write_bytes(b"\0asm")
    return site.url.rstrip("/")


DOCS = ROOT / "docs"
LESSONS = ROOT / "lessons"


def test_docs_hold_no_python_files_for_mkdocs_jupyter_to_pick_up() -> None:
    assert list(DOCS.rglob("*.py")) == []
    assert list(DOCS.rglob("*.ipynb")) == []


def test_site_ships_pyodide_the_wheel_and_the_editor(built_site: Path) -> None:
    pyodide = built_site / "assets" / "pyodide"
    assert sorted(p.name for p in pyodide.iterdir()) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
         "pyodide-lock.json"])
    # Two wheels: bytecode for the browser's Python (the exercises name it), source for pip.
    (wheel,) = (built_site / "assets" / "wheels").glob("*/*.whl")
    assert re.fullmatch(r"lambdanet_edu-[0-9.]+-cp3\d+-none-any\.whl", wheel.name)
    (source,) = (built_site / "downloads" / "wheels").glob("*/*.whl")
    assert re.fullmatch(r"lambdanet_edu-[0-9.]+-py3-none-any\.whl", source.name)
    assert wheel.stat().st_size > 10_000
    assert (built_site / "assets" / "ln" / "editor.js").stat().st_size > 100_000
    assert (built_site / "assets" / "ln" / "worker.mjs").exists()
    html = (built_site / "where-it-runs" / "index.html").read_text(encoding="utf-8")
    assert wheel.relative_to(built_site).as_posix() in html
    assert "downloads/wheels/" not in html
    # Neither kept by the service worker (no browser needs it) nor fetched when Python runs.
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    assert wheel.relative_to(built_site).as_posix() in sw
    assert "downloads/wheels/" not in sw


def test_lessons_render_with_a_notebook_download(built_site: Path) -> None:
    for source in sorted(LESSONS.glob("*.py")):
        page = built_site / "lessons" / source.stem
        html = (page / "index.html").read_text(encoding="utf-8")
        assert f'href="{source.stem}.ipynb"' in html
        notebook = json.loads((page / f"{source.stem}.ipynb").read_text(encoding="utf-8"))
        assert notebook["nbformat"] == 4 and notebook["cells"]
        assert "Traceback (most recent call last)" not in html
        assert not re.search(r'<div[^>]*data-mime-type="application/vnd.jupyter.stderr"', html)


def test_site_builds_strict_and_references_no_third_party_host(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "lambdanet-edu" in html
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Links a reader may follow are fine; anything the browser fetches by itself is not.
        fetched = re.findall(
            r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=["'](https?://[^"']+)"""
            r"""|<link\b(?![^>]*rel=["'](?:canonical|alternate))[^>]*\shref=["'](https?://[^"']+)""",
            text)
        assert fetched == [], page
        assert "fonts.googleapis" not in text, page
        # Nor may inline scripts import from elsewhere (nbconvert's Mermaid loader did).
        imports = re.findall(r"""import\(\s*["']https?://|cdnjs|unpkg\.com|jsdelivr""", text)
        assert imports == [], page


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/", "text/html"), ("/probe.mjs", "text/javascript"), ("/probe.wasm", "application/wasm")],
)
def test_server_sends_isolation_headers_and_right_types(server: str, path: str,
                                                        content_type: str) -> None:
    with urllib.request.urlopen(server + path, timeout=10) as response:  # loopback only
        headers = response.headers
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert headers["Content-Type"].startswith(content_type)


def test_downloaded_lesson_notebooks_run_in_jupyter(built_site: Path) -> None:
    """What a learner downloads runs top to bottom in a plain Jupyter kernel."""
    import nbclient
    import nbformat

    for notebook_path in sorted((built_site / "lessons").glob("*/*.ipynb")):
        notebook = nbformat.read(notebook_path, as_version=4)
        nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
        outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
        assert outputs, notebook_path.name
        assert not [o for o in outputs if o.output_type == "error"], notebook_path.name


def test_the_install_command_on_lesson_pages_works(server: str, built_site: Path,
                                                   tmp_path: Path) -> None:
    html = (built_site / "lessons" / "01_where_it_runs" / "index.html").read_text(
        encoding="utf-8")
    (url,) = set(re.findall(r"pip install (\S+\.whl)", html))
    assert url.endswith("-py3-none-any.whl"), url  # any Python, not only Pyodide's
    url = server + urllib.parse.urlsplit(url).path
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(tmp_path), url], check=True, timeout=120)
    done = subprocess.run([sys.executable, "-I", "-c",
                           "import sys; sys.path.insert(0, sys.argv[1]); "
                           "import lambdanet_edu as ln; "
                           "print(ln.__file__, ln.usable_ips('10.0.0.0/28'))", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith(str(tmp_path))


def test_a_lesson_that_raises_fails_the_build(tmp_path: Path) -> None:
    """The site's mkdocs-jupyter settings, applied to a lesson with an error: the build stops."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    (options,) = [p["mkdocs-jupyter"] for p in config["plugins"]
                  if isinstance(p, dict) and "mkdocs-jupyter" in p]
    assert options["execute"] is True and options["allow_errors"] is False
    docs = tmp_path / "docs"
    (docs / "lessons").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "lessons" / "01_broken.py").write_text(
        (LESSONS / "01_where_it_runs.py").read_text(encoding="utf-8").split("# %%", 1)[0]
        + "# %%\nraise RuntimeError('a lesson cell failed')\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "t", "plugins": [{"mkdocs-jupyter": {**options, "cache": False}}]}),
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "a lesson cell failed" in done.stderr + done.stdout


def test_pages_hold_no_unrendered_markdown(built_site: Path) -> None:
    """A table or shortcode that fails to render shows up as raw text; none may."""
    for page in [*sorted(built_site.glob("*/index.html")), built_site / "index.html"]:
        html = page.read_text(encoding="utf-8")
        body = html[html.index("<article"):html.index("</article>")]
        assert not re.search(r"<p>\s*\|[^<\n]*\|", body), f"{page}: a Markdown table did not render"
        assert not re.search(r"<code>\s*\|[^<\n]*\|", body), f"{page}: a table became a code block"
        assert "[[" not in body, f"{page}: a shortcode was not expanded"


@pytest.mark.parametrize(("error", "reported"), [
    (ConnectionResetError(104, "Connection reset by peer"), False),
    (BrokenPipeError(32, "Broken pipe"), False),
    (ValueError("a real fault"), True),
])
def test_server_reports_faults_but_not_a_browser_dropping_a_download(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], error: Exception,
        reported: bool) -> None:
    server = serve.make_server(str(tmp_path), port=0)
    try:
        try:
            raise error
        except Exception:
            server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    assert (type(error).__name__ in capsys.readouterr().err) == reported
