"""The package in real Pyodide (Python 3.14 compiled to WebAssembly) under Node.

The same calls run in this CPython and in Pyodide; the answers must match exactly. Nothing is
skipped: a missing Node or npm package is a failure that says how to install it.
"""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "pyodide"
SAMPLE = HERE / "sample_calls.py"
ROOT = HERE.parent.parent

pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def pyodide_answer(project_wheel: Path) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), (
        "the npm package pyodide is missing: run ./dev test (it runs npm ci)")
    done = subprocess.run(
        [node, str(HERE / "run_in_pyodide.mjs"), str(project_wheel), str(SAMPLE)],
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


def test_hostile_code_changes_no_later_grading_in_pyodide(project_wheel: Path) -> None:
    """tests/pyodide/hostile.py in real Pyodide: each entry, then every other exercise."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run(
        [node, str(HERE / "run_in_pyodide.mjs"), str(project_wheel), str(HERE / "hostile.py")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout)
    table = runpy.run_path(str(HERE / "hostile.py"), run_name="hostile")["HOSTILE"]
    assert set(report) == set(table)
    for name, entry in report.items():
        assert entry["status"] != "passed", (name, entry)
        assert entry["changed"] == [], (name, entry)


def test_a_restored_snapshot_keeps_a_valid_fingerprint(project_wheel: Path) -> None:
    """The browser starts Python from a memory snapshot taken after the course was imported (and
    so fingerprinted): restored, nothing differs from the fingerprint, a right answer passes, and
    tampering is still found and put back."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide tests (./dev test installs what it needs)"
    done = subprocess.run([node, str(HERE / "snapshot_restore.mjs"), str(project_wheel)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    assert json.loads(done.stdout) == {"changed": [], "solution": "passed",
                                       "tampered": {"status": "error", "reset": True},
                                       "after": "passed"}
