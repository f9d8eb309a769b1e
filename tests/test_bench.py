"""The benchmark script starts, and formats its figures (it is run by ./dev bench, not here)."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import bench  # scripts/ is on pytest's pythonpath
from tests.conftest import ROOT


def test_help_names_the_options() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for option in ("--runs", "--out", "--skip-cold-build"):
        assert option in done.stdout


@pytest.mark.parametrize(("values", "expected"), [
    ([3.0], {"median": 3.0, "min": 3.0, "max": 3.0}),
    ([5.0, 1.0, 3.0], {"median": 3.0, "min": 1.0, "max": 5.0}),
    ([4.0, 1.0, 2.0, 10.0], {"median": 3.0, "min": 1.0, "max": 10.0}),
])
def test_spread(values: list[float], expected: dict[str, float]) -> None:
    assert bench.spread(values) == expected


def test_table_doctest() -> None:
    failures, tried = doctest.testmod(bench)
    assert tried and not failures


def test_a_bad_run_count_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        bench.main(["--runs", "0"])
    assert "--runs must be at least 1, got 0" in capsys.readouterr().err


# The model's benchmark (scripts/bench_model.py) is pasted into results.md by hand; ./dev bench
# keeps it, under either heading it has had.
@pytest.mark.parametrize("heading", ["## Model", "## The model on large inputs (issue 13)"])
def test_the_model_section_survives_a_rewrite(tmp_path: Path, heading: str) -> None:
    old = tmp_path / "results.md"
    text = f"# Benchmark\n\n| a | b |\n\n{heading}\n\n| case | before |\n"
    old.write_text(text, encoding="utf-8")
    assert bench.keep_model_section(old) == f"\n{heading}\n\n| case | before |\n"
    assert bench.keep_model_section(tmp_path / "none.md") == ""
