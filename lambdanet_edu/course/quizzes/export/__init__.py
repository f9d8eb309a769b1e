"""Quizzes exported for course platforms: QTI 2.1 (Canvas, Blackboard), Moodle XML and GIFT.

Every exporter reads compiled quizzes (:func:`~lambdanet_edu.course.quizzes.compile_quiz`), writes
every variant as its own item (``<quiz>-<question>-v<N>``) with the model's computed values,
and returns the same bytes for the same quizzes.

Examples:
    >>> from lambdanet_edu.course import compiled_quizzes
    >>> data = export(compiled_quizzes()[:1], "gift")
    >>> data.startswith(b"$CATEGORY:"), FILE_SUFFIXES["qti"]
    (True, '.qti.zip')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lambdanet_edu.course.quizzes.export import gift, moodle, qti
from lambdanet_edu.errors import LambdaNetError

__all__ = ["EXPORTERS", "FILE_SUFFIXES", "export"]

#: Format name -> function from compiled quizzes to the file's bytes.
EXPORTERS: dict[str, Callable[[Sequence[dict[str, Any]]], bytes]] = {
    "qti": qti.export_qti, "moodle": moodle.export_moodle, "gift": gift.export_gift}
#: Format name -> the end of its file names.
FILE_SUFFIXES = {"qti": ".qti.zip", "moodle": ".moodle.xml", "gift": ".gift.txt"}


def export(quizzes: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """Compiled ``quizzes`` in the format ``fmt`` (``"qti"``, ``"moodle"`` or ``"gift"``).

    Examples:
        >>> export([], "pdf")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: format must be one of 'qti', 'moodle', 'gift',
        got 'pdf'
    """
    if fmt not in EXPORTERS:
        raise LambdaNetError.invalid("format", fmt,
                                     "one of " + ", ".join(repr(f) for f in EXPORTERS))
    return EXPORTERS[fmt](quizzes)
