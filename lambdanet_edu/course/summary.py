"""How a Run shows a value: a short, readable summary, and the whole value apart.

A learner's Run returns a model value (a ``Vpc``, a ``(vpc, function)`` pair) whose ``repr`` runs
to thousands of characters. :mod:`~lambdanet_edu.course.grading` puts :func:`summary` in the
feedback's message and :func:`full_value` behind the page's "Show the full value" disclosure.
Both run in CPython and in Pyodide alike, on whatever the learner's code returned: a value that
cannot be shown gets a note, never an error.
"""

from __future__ import annotations

import dataclasses
import pprint
from ipaddress import IPv4Address, IPv4Network
from typing import Any

__all__ = ["VALUE_LIMIT", "full_value", "summary"]

#: Characters of the full value kept (as much as printed output).
VALUE_LIMIT = 20_000

#: Items of a list, or fields of a model value, a Run's one-line summary names before "...".
_SUMMARY_ITEMS = 5
_SUMMARY_LIMIT = 400
#: A list of up to this many model values summarises each of them in full.
_SUMMARY_PAIR = 3
#: Sets up to this size are summarised in a stable order.
_SORTED_UP_TO = 2000


def summary(value: Any) -> str:
    """A short, readable description of a value, for a Run's message (the full value is apart).

    A model value names its scalar fields and the ids of what it holds; a list is summarised
    by its length and first items.

    Examples:
        >>> from lambdanet_edu import RouteTable, Subnet, Vpc
        >>> vpc = Vpc("vpc-1", "10.0.0.0/16",
        ...           subnets=(Subnet("subnet-a", "10.0.1.0/24"),),
        ...           route_tables=(RouteTable("rtb-main", main=True),))
        >>> print(summary(vpc))
        Vpc vpc-1: cidr 10.0.0.0/16, subnets [subnet-a], route_tables [rtb-main]
        >>> summary(list(range(8)))
        'a list of 8: [0, 1, 2, 3, 4, ...]'
        >>> summary({"a": 1}), summary("text"), summary(None)
        ("{'a': 1}", "'text'", 'None')
    """
    try:
        text = _summarise(value, top=True)
    except (KeyboardInterrupt, MemoryError, RecursionError):
        raise
    except Exception:  # a learner's own class whose repr or fields misbehave
        text = f"a {type(value).__name__} value"
    return text if len(text) <= _SUMMARY_LIMIT else text[:_SUMMARY_LIMIT - 3] + "..."


def full_value(value: Any) -> str:
    """The whole value, laid out over lines, for the page's "Full value" disclosure.

    Examples:
        >>> full_value([1, 2])
        '[1, 2]'
    """
    try:
        text = pprint.pformat(value, width=88, sort_dicts=False)
    except (KeyboardInterrupt, MemoryError, RecursionError):
        raise
    except Exception as err:
        text = f"(the value could not be shown: {type(err).__name__})"
    return text if len(text) <= VALUE_LIMIT else text[:VALUE_LIMIT] + "\n..."


def _summarise(value: Any, *, top: bool = False) -> str:
    if isinstance(value, IPv4Address | IPv4Network):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = [f for f in dataclasses.fields(value) if f.repr and not f.name.startswith("_")]
        name = _ident(value)
        parts = []
        for f in shown:
            item = getattr(value, f.name)
            unchanged = f.default is not dataclasses.MISSING and _same(item, f.default)
            if item is None or item == () or unchanged or (name is not None and item == name):
                continue  # what is empty, left at its default, or the name itself says nothing
            parts.append(f"{f.name} {_summarise(item)}")
        more = ", ..." if len(parts) > _SUMMARY_ITEMS else ""
        head = f"{type(value).__name__} {name}" if name else type(value).__name__
        if not top:
            return name or head
        return f"{head}: {', '.join(parts[:_SUMMARY_ITEMS])}{more}" if parts else head
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if isinstance(value, set | frozenset) and len(items) <= _SORTED_UP_TO:
            items = sorted(items, key=repr)  # the same order every Run; a huge set is not sorted
        if top and 0 < len(items) <= _SUMMARY_PAIR and any(
                dataclasses.is_dataclass(v) for v in items):
            # A few model values side by side, (vpc, function) say: each gets its own summary.
            return "(" + "; ".join(_summarise(v, top=True) for v in items) + ")"
        inner = ", ".join(_summarise(v) for v in items[:_SUMMARY_ITEMS])
        inner += ", ..." if len(items) > _SUMMARY_ITEMS else ""
        text = f"[{inner}]"
        kind = type(value).__name__
        return f"a {kind} of {len(items)}: {text}" if top and len(items) > _SUMMARY_ITEMS else text
    return repr(value)


def _ident(value: Any) -> str | None:
    """A model value's id or name (its first field, when that is a string called ``*id`` or
    ``name``: ``vpc_id``, ``subnet_id``, a function's ``name``)."""
    first = dataclasses.fields(value)[0]
    item = getattr(value, first.name)
    named = first.name.endswith("id") or first.name == "name"
    return item if isinstance(item, str) and named else None


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(type(a) is type(b) and a == b)
    except Exception:
        return False
