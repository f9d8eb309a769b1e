"""Small validators shared by the value types. Each returns the normalized value or raises.

They reject ``bool`` where a number is wanted (``True`` is an ``int`` in Python, but a learner
who typed it meant something else) and never coerce strings to numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "check_choice",
    "check_fraction",
    "check_id",
    "check_ids",
    "check_int",
    "check_number",
]


def check_int(field: str, value: object, /, lo: int | None = None, hi: int | None = None) -> int:
    """An ``int`` (not ``bool``) within ``lo..hi``, both inclusive and optional."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise LambdaNetError.invalid(field, value, _int_range(lo, hi))
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise LambdaNetError.invalid(field, value, _int_range(lo, hi))
    return value


def check_number(
    field: str, value: object, /, *, lo: float = 0, hi: float | None = None, allowed: str = ""
) -> Fraction:
    """A real number (``int``, ``Fraction`` or finite ``float``, not ``bool``) as a ``Fraction``.

    A float is read as the decimal the learner typed (``0.05`` is 1/20), not as the binary
    float nearest to it, so ``ceil(1000 * 0.05)`` stays 50.
    """
    allowed = allowed or (f"a number from {lo} to {hi}" if hi is not None else f"a number >= {lo}")
    if not isinstance(value, (int, float, Fraction)) or isinstance(value, bool):
        raise LambdaNetError.invalid(field, value, allowed)
    if value != value or value in (float("inf"), float("-inf")):
        raise LambdaNetError.invalid(field, value, allowed)
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    if exact < lo or (hi is not None and exact > hi):
        raise LambdaNetError.invalid(field, value, allowed)
    return exact


def check_fraction(field: str, value: object, /) -> Fraction:
    """A share from 0 to 1 inclusive, as an exact ``Fraction``."""
    return check_number(field, value, lo=0, hi=1, allowed="a number from 0 to 1")


def check_id(field: str, value: object, /) -> str:
    """A non-empty identifier without whitespace, such as ``"subnet-0a1b"`` or ``"orders"``."""
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise LambdaNetError.invalid(field, value, "a non-empty string without spaces")
    return value


def check_ids(field: str, value: object, /, *, lo: int, hi: int) -> tuple[str, ...]:
    """A list of ``lo..hi`` distinct identifiers, returned as a tuple in the order given.

    A lone string is refused: ``"subnet-a"`` would otherwise be read as eight one-letter ids.
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise LambdaNetError.invalid(field, value, f"a list of {lo} to {hi} ids")
    ids = tuple(check_id(f"{field}[{i}]", item) for i, item in enumerate(value))
    if not lo <= len(ids) <= hi:
        raise LambdaNetError.invalid(
            field, list(ids), f"a list of {lo} to {hi} ids", got=f"{len(ids)} ids"
        )
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise LambdaNetError.invalid(field, list(ids), "a list without repeats",
                                         got=f"{item!r} twice")
        seen.add(item)
    return ids


def check_choice(field: str, value: object, /, choices: Iterable[str]) -> str:
    """One of ``choices`` (strings compared exactly)."""
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise LambdaNetError.invalid(field, value, f"one of {listed}")
    return value


def _int_range(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"an integer from {lo:,} to {hi:,}"
    if lo is not None:
        return f"an integer >= {lo:,}"
    if hi is not None:
        return f"an integer <= {hi:,}"
    return "an integer"
