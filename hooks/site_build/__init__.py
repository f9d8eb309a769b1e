"""The site build's library: everything the MkDocs hooks in ``hooks/`` do.

Each hook file only wires MkDocs events to functions here; no hook imports another. MkDocs puts
``hooks/`` on ``sys.path`` while it loads a hook, so every hook imports this package at its top
(tests reach it through pytest's ``pythonpath``). Modules:

- ``state``: :class:`~site_build.state.BuildState`, what one build's hooks hand each other;
- ``course``: every read of the course (exercises, quizzes, page values, the page of each);
- ``assets``, ``lessons``, ``shortcodes``, ``widgets``, ``embeds``, ``quiz_exports``,
  ``accessibility``, ``preload``, ``security`` and ``host_headers``: one job each.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT"]

#: The repository's root (this package lives in ``hooks/site_build/``).
ROOT = Path(__file__).resolve().parent.parent.parent
