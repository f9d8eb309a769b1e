"""Every quiz as downloadable QTI 2.1, Moodle XML and GIFT files.

Writes ``downloads/quizzes/all.<format>`` and ``<quiz id>.<format>`` into the built site, and
lists them in the build state's ``quiz_downloads`` for the pages to link. A quiz that fails its
checks fails the build with the file, the question and the problem named. Writing everything
takes about 80 ms (measured), so nothing is cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from lambdanet_edu.errors import LambdaNetError
from site_build import course
from site_build.state import QuizDownload, state_of

__all__ = ["DOWNLOADS", "plan_downloads", "write_downloads"]

DOWNLOADS = "downloads/quizzes"


def _quizzes() -> dict[str, dict[str, Any]]:
    try:  # compiling the quizzes renders and checks every question
        return course.compiled_quizzes()
    except LambdaNetError as err:  # a QuizError names the file, the question and the problem
        raise PluginError(f"quizzes: {err}") from err


def plan_downloads(config: Any) -> None:
    """Compile the quizzes and record the files :func:`write_downloads` will write."""
    state = state_of(config)
    state.quizzes = _quizzes()
    ids: list[str | None] = [None, *state.quizzes]
    state.quiz_downloads = [
        QuizDownload(quiz=quiz_id, format=fmt, path=f"{DOWNLOADS}/{quiz_id or 'all'}{suffix}")
        for quiz_id in ids for fmt, suffix in course.export_suffixes().items()]


def write_downloads(config: Any) -> None:
    state = state_of(config)
    quizzes = state.quizzes or _quizzes()
    for download in state.quiz_downloads:
        chosen = list(quizzes.values()) if download["quiz"] is None else [quizzes[download["quiz"]]]
        target = Path(config.site_dir) / download["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(course.export_quizzes(chosen, download["format"]))
