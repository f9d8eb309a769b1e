"""MkDocs hook: every quiz as downloadable QTI 2.1, Moodle XML and GIFT files.

Writes ``downloads/quizzes/all.<format>`` and ``<quiz id>.<format>`` into the built site, and
lists them in ``config.extra["ln_quiz_downloads"]`` (``{"quiz": id or None, "format": ...,
"path": ...}``, paths relative to the site root) for the pages to link. A quiz that fails its
checks fails the build with the file, the question and the problem named. Writing everything
takes about 80 ms (measured), so nothing is cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

DOWNLOADS = "downloads/quizzes"
_compiled: dict[str, dict[str, Any]] = {}


def _quizzes() -> list[dict[str, Any]]:
    from lambdanet_edu.errors import LambdaNetError

    try:  # importing the quizzes renders and checks every question
        from lambdanet_edu import quizzes

        return quizzes.compiled_quizzes()
    except LambdaNetError as err:  # a QuizError names the file, the question and the problem
        raise PluginError(f"quizzes: {err}") from err


def on_config(config: Any) -> Any:
    from lambdanet_edu.quizzes.export import FILE_SUFFIXES

    _compiled.clear()
    _compiled.update((quiz["id"], quiz) for quiz in _quizzes())
    ids: list[str | None] = [None, *_compiled]
    config.extra["ln_quiz_downloads"] = [
        {"quiz": quiz_id, "format": fmt, "path": f"{DOWNLOADS}/{quiz_id or 'all'}{suffix}"}
        for quiz_id in ids for fmt, suffix in FILE_SUFFIXES.items()]
    return config


def on_post_build(config: Any) -> None:
    from lambdanet_edu.quizzes.export import export

    quizzes = _compiled or {quiz["id"]: quiz for quiz in _quizzes()}
    for download in config.extra["ln_quiz_downloads"]:
        chosen = list(quizzes.values()) if download["quiz"] is None else [quizzes[download["quiz"]]]
        target = Path(config.site_dir) / download["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(export(chosen, download["format"]))
