"""The browser code's pure parts (quiz answers, the progress file, the saved-progress format)
under Node's own test runner: ``tests/js/*.test.mjs`` import ``docs/assets/ln/`` as the browser
does (ES modules: package.json says ``"type": "module"``).

By hand: ``node --test tests/js/*.test.mjs`` (Node 20 also takes ``node --test tests/js/``;
later versions read that as a glob naming the folder itself, so the files are listed here).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lambdanet_edu.course import compiled_quizzes
from tests.conftest import ROOT

TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_node_unit_tests_pass(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, ("Node.js is required for the JavaScript unit tests "
                  "(./dev test installs what it needs)")
    assert len(TESTS) >= 4, TESTS
    quizzes = tmp_path / "quizzes.json"
    quizzes.write_text(json.dumps(compiled_quizzes()), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", "--test-reporter=spec", *(str(t.relative_to(ROOT)) for t in TESTS)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "LN_COMPILED_QUIZZES": str(quizzes)},
    )
    output = done.stdout + done.stderr
    if done.returncode != 0:  # pytest.fail: node's own report, whole, not an abridged assert
        pytest.fail(f"node --test failed:\n{output[-20000:]}", pytrace=False)
    counts = {name: int(n) for name, n in re.findall(r"^\S* ?(pass|fail|skipped|cancelled) (\d+)$",
                                                     output, re.M)}
    assert counts.get("pass", 0) > 200, output[-4000:]
    failed = (counts.get("fail"), counts.get("skipped"), counts.get("cancelled"))
    assert failed == (0, 0, 0), output[-4000:]
