"""What the hooks of one build hand each other: one typed object per build.

``hooks/assets.py`` builds the model's wheel in ``on_config`` and records it here; the lessons,
shortcodes and security hooks read it; ``hooks/security.py`` records the digests the Python
worker checks; ``hooks/quiz_exports.py`` records the quiz downloads the pages link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

__all__ = ["BuildState", "QuizDownload", "state_of"]


class QuizDownload(TypedDict):
    """One quiz export file: ``quiz`` is a quiz id, or None for every quiz in one file."""

    quiz: str | None
    format: str
    #: Relative to the site's root, e.g. ``downloads/quizzes/egress.gift.txt``.
    path: str


@dataclass
class BuildState:
    """Filled in while MkDocs runs ``on_config`` (hooks in mkdocs.yml's order), read after."""

    #: The model's wheel the browser's Python installs, its modules as bytecode for Pyodide's
    #: Python, as built under ``.cache/`` (set by the assets hook).
    wheel_file: Path | None = None
    #: Where the site serves it: ``assets/wheels/<digest>/<wheel name>`` (set by the assets hook).
    wheel_path: str = ""
    #: The model's source wheel, for ``pip install`` on any Python (set by the assets hook).
    pip_wheel_file: Path | None = None
    #: Where the site serves it: ``downloads/wheels/<digest>/<wheel name>``.
    pip_wheel_path: str = ""
    #: The wheel's digest, which names the model's code (set by the assets hook).
    model_digest: str = ""
    #: Site path -> SRI digest of each file the Python worker fetches (set by the security hook).
    integrity: dict[str, str] = field(default_factory=dict)
    #: Quiz id -> compiled quiz, as the quiz exports hook compiled them in ``on_config``.
    quizzes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The export files the quiz exports hook writes (and the downloads shortcode lists).
    quiz_downloads: list[QuizDownload] = field(default_factory=list)

    def wheel_url(self, site_url: str | None) -> str:
        """The source wheel's absolute address, for ``pip install``."""
        return (site_url or "").rstrip("/") + "/" + self.pip_wheel_path


# One build is one config object (``mkdocs serve`` loads a new one for every rebuild), so the
# state rides on it: a rebuild starts afresh, and two configs (tests) never share state.
_ATTRIBUTE = "_lambdanet_build_state"


def state_of(config: Any) -> BuildState:
    """The build state of the build ``config`` configures (created empty on first use)."""
    state = getattr(config, _ATTRIBUTE, None)
    if not isinstance(state, BuildState):
        state = BuildState()
        setattr(config, _ATTRIBUTE, state)
    return state
