"""The files the exercises need, built from this repository and npm, no CDN.

- the model's wheel, built with hatchling's PEP 517 hook (pyodide-build needs the internet),
  under ``downloads/wheels/<hash>/`` for ``pip install``, and its bytecode twin for the browser
  (``bytecode_wheel.py``: compiled in the pinned Pyodide under Node) under
  ``assets/wheels/<hash>/``; digest-named folders, so a changed model never meets a stale
  browser cache;
- Pyodide's core files, copied from the npm package pinned in package-lock.json;
- the code editor (CodeMirror 6), bundled by esbuild from ``frontend/editor.mjs``;
- the site's own scripts and stylesheets (``docs/assets/ln/``), minified by esbuild as they are
  served: comments and spaces are for the people reading the repository, and they cost every
  page about a tenth of its script and style bytes (gzipped).

Each output is cached under ``.cache/`` by the hash of its inputs, so a rebuild that changes
only a page costs nothing here.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from site_build import ROOT
from site_build.state import state_of

__all__ = ["PYODIDE_FILES", "build_wheel", "copy_assets"]

CACHE = ROOT / ".cache" / "site-assets"
PYODIDE = ROOT / "node_modules" / "pyodide"
#: The files Pyodide needs to boot; the package's other files (types, maps, consoles) are not
#: served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
EDITOR_SOURCE = ROOT / "frontend" / "editor.mjs"


def build_wheel(config: Any) -> None:
    """Build (or find cached) the model's wheels and record them in the build state."""
    wheel = _wheel()
    digest = _digest([wheel])[:12]
    browser = _bytecode_wheel(wheel)
    state = state_of(config)
    state.pip_wheel_file = wheel
    state.pip_wheel_path = f"downloads/wheels/{digest}/{wheel.name}"
    state.wheel_file = browser
    state.wheel_path = f"assets/wheels/{_digest([browser])[:12]}/{browser.name}"
    # The wheel is byte-reproducible, so its digest names the model's code: the lessons key
    # their executed-notebook cache on it.
    state.model_digest = digest


def copy_assets(config: Any) -> None:
    """Copy the wheels, Pyodide's core and the editor bundle into the built site."""
    site = Path(config.site_dir)
    state = state_of(config)
    if state.wheel_file is None or state.pip_wheel_file is None:
        raise PluginError("assets: the wheel was not built (hooks/assets.py's on_config)")
    _copy(state.wheel_file, site / state.wheel_path)
    _copy(state.pip_wheel_file, site / state.pip_wheel_path)
    if not (PYODIDE / "pyodide.mjs").exists():
        raise PluginError("node_modules/pyodide is missing: run ./dev serve (it runs npm ci)")
    for name in PYODIDE_FILES:
        _copy(PYODIDE / name, site / "assets" / "pyodide" / name)
    _copy(_editor(), site / "assets" / "ln" / "editor.js")
    _minify(site / "assets" / "ln")


#: The site's own files that are served minified (the editor bundle already is).
MINIFIED = ("*.js", "*.mjs", "*.css")


def _minify(folder: Path) -> None:
    """Replace the site's own scripts and stylesheets in ``folder`` with esbuild's minified
    versions (cached by the digest of the sources)."""
    own = ROOT / "docs" / "assets" / "ln"
    sources = sorted(p for pattern in MINIFIED for p in own.glob(pattern))
    out = CACHE / "minified" / _digest(sources)[:16]
    if not out.exists():
        esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
        tmp = out.with_name(out.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        flags = ["--minify", "--target=es2022", "--legal-comments=none", f"--outdir={tmp}"]
        modules = [str(p) for p in sources if p.suffix == ".mjs"]
        _run([str(esbuild), *(str(p) for p in sources if p.suffix != ".mjs"), *flags],
             "minifying the site's scripts")
        if modules:  # esbuild names its output .js unless told
            _run([str(esbuild), *modules, *flags, "--out-extension:.js=.mjs"],
                 "minifying the site's worker modules")
        tmp.rename(out)
    for source in sources:
        shutil.copyfile(out / source.name, folder / source.name)


def _wheel() -> Path:
    sources = [*sorted((ROOT / "lambdanet_edu").rglob("*.py")), ROOT / "pyproject.toml",
               ROOT / "README.md"]
    out = CACHE / "wheel" / _digest(sources)[:16]
    found = list(out.glob("*.whl"))
    if not found:
        out.mkdir(parents=True, exist_ok=True)
        code = "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))"
        _run([sys.executable, "-c", code, str(out)], "building the model's wheel")
        found = list(out.glob("*.whl"))
    return found[0]


BYTECODE = Path(__file__).with_name("bytecode_wheel.py")


def _bytecode_wheel(source: Path) -> Path:
    """The browser's wheel: ``source``'s modules compiled by the pinned Pyodide's Python."""
    script = BYTECODE.with_suffix(".mjs")
    inputs = [source, BYTECODE, script, ROOT / "package-lock.json"]
    out = CACHE / "bytecode-wheel" / _digest(inputs)[:16]
    found = list(out.glob("*.whl"))
    if not found:
        node = shutil.which("node")
        if not node or not (PYODIDE / "pyodide.mjs").exists():
            raise PluginError("Node.js or node_modules/pyodide is missing: run ./dev serve "
                              "(it installs both)")
        tmp = out.with_name(out.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        _run([node, str(script), str(PYODIDE), str(source), str(tmp)],
             "compiling the model's wheel for Pyodide")
        tmp.rename(out)
        found = list(out.glob("*.whl"))
    return found[0]


def _editor() -> Path:
    inputs = [EDITOR_SOURCE, ROOT / "package-lock.json"]
    out = CACHE / "editor" / _digest(inputs)[:16] / "editor.js"
    if not out.exists():
        esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
        if not esbuild.exists():
            raise PluginError("esbuild is missing from node_modules: "
                              "run ./dev serve (it runs npm ci)")
        _run([str(esbuild), str(EDITOR_SOURCE), "--bundle", "--format=esm", "--minify",
              "--target=es2020", "--legal-comments=none", f"--outfile={out}"],
             "bundling the editor")
    return out


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"{what} failed:\n{done.stderr[-3000:]}")


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or dest.stat().st_size != src.stat().st_size or \
            dest.stat().st_mtime < src.stat().st_mtime:
        shutil.copy2(src, dest)
