"""Every generic input check of the model, once. Each returns the normalized value or raises.

Private to the model: value types call these from ``__post_init__`` and functions call them on
their arguments, so a learner's mistake is reported as a
:class:`~lambdanet_edu.errors.LambdaNetError` naming the field. The checks
reject ``bool`` where a number is wanted (``True`` is an ``int`` in Python, but a learner
who typed it meant something else) and never coerce strings to numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from ipaddress import IPv4Network, IPv6Network
from itertools import islice
from typing import TypeVar

from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "MAX_ID_CHARS",
    "MAX_ITEMS",
    "check_choice",
    "check_fraction",
    "check_id",
    "check_id_list",
    "check_ids",
    "check_int",
    "check_items",
    "check_list",
    "check_number",
]

_T = TypeVar("_T")

#: Most items any list the model takes may hold. A bound of the model, not of AWS: ten times
#: the largest input the benchmarks use, so work stays bounded whatever a caller passes
#: (a ``range(10**20)`` or an endless generator is refused after this many items).
MAX_ITEMS = 100_000
#: Longest id or name the model takes (AWS ids and names are far shorter).
MAX_ID_CHARS = 255
# A network is iterable address by address: a learner who passed one meant one item.
_NOT_LISTS = (str, bytes, bytearray, IPv4Network, IPv6Network)


def is_ascii_digits(text: object, /) -> bool:
    """True for a non-empty string of ASCII digits ``0-9`` only.

    ``str.isdigit`` also accepts superscripts and other scripts' digits, which ``int`` then
    refuses or reads as another number, so the model never uses it.

    Examples:
        >>> is_ascii_digits("5432"), is_ascii_digits("\u00b2"), is_ascii_digits("")
        (True, False, False)
        >>> is_ascii_digits("\u0665\u0664")  # ARABIC-INDIC DIGITS FIVE, FOUR
        False
    """
    return isinstance(text, str) and text.isascii() and text.isdigit()


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
    # float.__repr__, not repr(): a float subclass may override __repr__ with anything.
    exact = (Fraction(float.__repr__(float.__float__(value))) if isinstance(value, float)
             else Fraction(value))
    if exact < lo or (hi is not None and exact > hi):
        raise LambdaNetError.invalid(field, value, allowed)
    return exact


def check_fraction(field: str, value: object, /) -> Fraction:
    """A share from 0 to 1 inclusive, as an exact ``Fraction``."""
    return check_number(field, value, lo=0, hi=1, allowed="a number from 0 to 1")


def check_id(field: str, value: object, /) -> str:
    """A non-empty identifier without whitespace, such as ``"subnet-0a1b"`` or ``"orders"``.

    Control, format and unassigned characters (NUL, escape, zero-width space, right-to-left
    marks, lone surrogates) are refused too: they make two ids that print alike differ.

    Examples:
        >>> check_id("name", "ord\\u200bers")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: name must be a string of printable characters (no
        control, format or zero-width characters), got 'ord\\u200bers'
    """
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise LambdaNetError.invalid(field, value, "a non-empty string without spaces")
    # isprintable() is False for Cc, Cf, Cs, Co and Cn characters (and spaces, refused above).
    if not value.isprintable():
        raise LambdaNetError.invalid(
            field, value,
            "a string of printable characters (no control, format or zero-width characters)")
    if len(value) > MAX_ID_CHARS:
        raise LambdaNetError.invalid(field, value, f"at most {MAX_ID_CHARS} characters long",
                                     got=f"{len(value):,} characters")
    return value


def check_ids(field: str, value: object, /, *, lo: int, hi: int) -> tuple[str, ...]:
    """A list of ``lo..hi`` distinct identifiers, returned as a tuple in the order given.

    A lone string is refused: ``"subnet-a"`` would otherwise be read as eight one-letter ids.
    """
    items = check_list(field, value, f"a list of {lo} to {hi} ids")
    ids = tuple(check_id(f"{field}[{i}]", item) for i, item in enumerate(items))
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


def check_list(field: str, value: object, allowed: str, /, *,
               refuse: tuple[type, ...] = ()) -> tuple[object, ...]:
    """Any iterable but a string, as a tuple; ``allowed`` words the error.

    A lone string is iterable too, but a learner who passed ``"subnet-a"`` meant a list of one,
    not eight one-letter items. ``refuse`` names other types that are one item, not a list.

    Examples:
        >>> check_list("subnet_ids", ["subnet-a"], "a list of ids")
        ('subnet-a',)
        >>> check_list("subnet_ids", "subnet-a", "a list of ids")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnet_ids must be a list of ids, got 'subnet-a'
    """
    if isinstance(value, (*_NOT_LISTS, *refuse)) or not isinstance(value, Iterable):
        raise LambdaNetError.invalid(field, value, allowed)
    items = tuple(islice(value, MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise LambdaNetError.invalid(field, value, f"{allowed} (at most {MAX_ITEMS:,} items)",
                                     got=f"more than {MAX_ITEMS:,} items")
    return items


def check_items(field: str, value: object, kind: type[_T], /, *, article: str = "a",
                refuse: tuple[type, ...] = ()) -> tuple[_T, ...]:
    """A list whose every item is a ``kind``, as a tuple.

    Examples:
        >>> check_items("subnet_ids", ["subnet-a", 7], str)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnet_ids[1] must be a str, got 7
    """
    checked: list[_T] = []
    for i, item in enumerate(check_list(field, value, f"a list of {kind.__name__}",
                                        refuse=refuse)):
        if not isinstance(item, kind):
            raise LambdaNetError.invalid(f"{field}[{i}]", item, f"{article} {kind.__name__}")
        checked.append(item)
    return tuple(checked)


def check_id_list(field: str, value: object, /, *, at_least: int = 0) -> tuple[str, ...]:
    """A list of distinct ids with no upper bound (the model enforces no quota on it).

    Examples:
        >>> check_id_list("subnet_ids", ["subnet-a", "subnet-b"])
        ('subnet-a', 'subnet-b')
        >>> check_id_list("subnet_ids", [], at_least=1)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnet_ids must be a list of at least 1 id, got 0 ids
    """
    items = check_list(field, value, "a list of ids")
    if len(items) < at_least:
        raise LambdaNetError.invalid(field, list(items), f"a list of at least {at_least} id",
                                     got=f"{len(items)} ids")
    return check_ids(field, items, lo=at_least, hi=max(len(items), at_least))


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
