"""The package in real Pyodide (Python 3.14 compiled to WebAssembly) under Node.

The same calls run in this CPython and in Pyodide; the answers must match exactly. Nothing is
skipped: a missing Node or npm package is a failure that says how to install it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import runpy
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import bytecode_wheel

HERE = Path(__file__).resolve().parent / "pyodide"
SAMPLE = HERE / "sample_calls.py"
ROOT = HERE.parent.parent

pytestmark = pytest.mark.pyodide


# Both wheels: the source one (as pip gets it; Pyodide compiles it on import) and the bytecode
# one the site's exercises install.
@pytest.fixture(scope="module", params=["project_wheel", "browser_wheel"])
def pyodide_answer(request: pytest.FixtureRequest) -> dict[str, object]:
    wheel: Path = request.getfixturevalue(request.param)
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), (
        "the npm package pyodide is missing: run ./dev test (it runs npm ci)")
    done = subprocess.run(
        [node, str(HERE / "run_in_pyodide.mjs"), str(wheel), str(SAMPLE)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


def test_wheel_is_pure_python_and_holds_only_the_package(project_wheel: Path) -> None:
    with zipfile.ZipFile(project_wheel) as wheel:
        names = wheel.namelist()
    assert project_wheel.name.endswith("-py3-none-any.whl")
    assert all(n.startswith(("lambdanet_edu/", "lambdanet_edu-")) for n in names), names
    assert "lambdanet_edu/__init__.py" in names


def test_pyodide_runs_a_newer_python_than_the_host(pyodide_answer: dict[str, object]) -> None:
    major, minor = pyodide_answer["python"]  # type: ignore[misc]
    assert (major, minor) >= (3, 12), "the Pyodide pinned in package.json should be Python 3.12+"


def test_pyodide_answers_match_cpython(pyodide_answer: dict[str, object]) -> None:
    here = json.loads(json.dumps(runpy.run_path(str(SAMPLE))["sample"](), sort_keys=True))
    there = pyodide_answer["answer"]
    assert isinstance(there, dict)
    assert there.keys() == here.keys()
    for key in here:
        assert there[key] == here[key], key


def test_hostile_code_changes_no_later_grading_in_pyodide(browser_wheel: Path) -> None:
    """tests/pyodide/hostile.py in real Pyodide: each entry, then every other exercise."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run(
        [node, str(HERE / "run_in_pyodide.mjs"), str(browser_wheel), str(HERE / "hostile.py")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)
    table = runpy.run_path(str(HERE / "hostile.py"), run_name="hostile")["HOSTILE"]
    assert set(report) == set(table)
    for name, entry in report.items():
        assert entry["status"] != "passed", (name, entry)
        assert entry["changed"] == [], (name, entry)


def test_a_restored_snapshot_keeps_a_valid_fingerprint(browser_wheel: Path) -> None:
    """The browser starts Python from a memory snapshot taken after the course was imported (and
    so fingerprinted): restored, nothing differs from the fingerprint, a right answer passes, and
    tampering is still found and put back. The wheel is the browser's, installed the worker's
    way: every module of the package comes from its bytecode, before and after the restore."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run([node, str(HERE / "snapshot_restore.mjs"), str(browser_wheel)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)
    with zipfile.ZipFile(browser_wheel) as wheel:
        modules = {n.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")
                   for n in wheel.namelist() if n.endswith(".pyc")}
    for moment in ("first", "restored"):
        loaders = report.pop(f"loaders_{moment}")
        assert set(loaders) <= modules and "lambdanet_edu.course.grading" in loaders, moment
        assert set(loaders.values()) == {"SourcelessFileLoader"}, (moment, loaders)
    # A module first imported after the restore comes from the files written again.
    assert report.pop("later") == ["SourcelessFileLoader", "gift.pyc"]
    assert report == {"changed": [], "solution": "passed",
                      "tampered": {"status": "error", "reset": True}, "after": "passed"}


def test_the_browser_wheel_is_the_source_wheel_compiled(project_wheel: Path,
                                                        browser_wheel: Path,
                                                        tmp_path: Path) -> None:
    """Every module as bytecode at its place and nothing else changed but the tag and RECORD,
    which lists every file with its digest; the same source gives the same bytes."""
    with zipfile.ZipFile(project_wheel) as source, zipfile.ZipFile(browser_wheel) as built:
        before = {n: source.read(n) for n in source.namelist()}
        after = {n: built.read(n) for n in built.namelist()}
    info = next(n.rpartition("/")[0] for n in before if n.endswith(".dist-info/WHEEL"))
    python = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(
        encoding="utf-8"))["info"]["python"]
    tag = "cp" + "".join(python.split(".")[:2])
    assert browser_wheel.name == project_wheel.name.replace("-py3-none-any", f"-{tag}-none-any")
    modules = [n for n in before if n.endswith(".py")]
    assert len(modules) > 50
    assert sorted(after) == sorted([n + "c" for n in modules]
                                   + [n for n in before if not n.endswith(".py")])
    assert all(after[n + "c"][4:8] == b"\x01\0\0\0" for n in modules)  # PEP 552, unchecked hash
    assert len({after[n + "c"][:4] for n in modules}) == 1  # one Python's magic number
    assert after[f"{info}/WHEEL"] == before[f"{info}/WHEEL"].replace(
        b"Tag: py3-none-any", f"Tag: {tag}-none-any".encode())
    for name, data in before.items():
        if not name.endswith(".py") and name.rpartition("/")[2] not in ("WHEEL", "RECORD"):
            assert after[name] == data, name
    record = after[f"{info}/RECORD"].decode().splitlines()
    assert record[-1] == f"{info}/RECORD,,"
    listed = {}
    for line in record[:-1]:
        name, digest, size = line.rsplit(",", 2)
        listed[name] = (digest, int(size))
    assert listed == {n: ("sha256=" + base64.urlsafe_b64encode(
        hashlib.sha256(data).digest()).rstrip(b"=").decode(), len(data))
        for n, data in after.items() if n != f"{info}/RECORD"}
    again = bytecode_wheel(project_wheel, tmp_path)
    assert again.read_bytes() == browser_wheel.read_bytes()
