"""The README's Python examples run as written (doctest), so its numbers come from the model."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_readme_examples_run() -> None:
    result = doctest.testfile(str(README), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


def test_readme_gives_two_setup_commands_that_exist() -> None:
    text = README.read_text(encoding="utf-8")
    setup = re.search(r"## Set-up: two commands\n\n```sh\n(.*?)```", text, re.S)
    assert setup, "the README must open its set-up with one sh block"
    commands = [line.split("#")[0].strip() for line in setup.group(1).splitlines() if line.strip()]
    assert commands == ["./dev serve", "./dev test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./dev test" in ci
