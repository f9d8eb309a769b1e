"""How functions that share a concurrency cap split it: max-min fairly, second by second.

Private to :mod:`lambdanet_edu.scaling`. AWS does not say how it divides a shared pool; the
timeline uses this rule and names it in the runs that rely on it (:data:`FAIR_SHARE`).
"""

from __future__ import annotations

from lambdanet_edu.simplifications import simplification

__all__ = ["FAIR_SHARE", "water_fill"]

FAIR_SHARE = simplification(
    "scaling_fair_share",
    "Functions that share a cap split it max-min fairly each second (water-filling: each gets "
    "an equal share or what it asks, if less; a leftover unit goes to the earliest-listed). "
    "AWS does not say how it divides a shared pool.",
)


def water_fill(wants: dict[str, int], capacity: int) -> dict[str, int]:
    """Max-min fair shares of ``capacity``; a leftover unit goes to the earliest-listed.

    Examples:
        >>> water_fill({"api": 900, "batch": 300, "etl": 900}, 1000)
        {'api': 350, 'batch': 300, 'etl': 350}
        >>> water_fill({"a": 1, "b": 1}, 1)
        {'a': 1, 'b': 0}
    """
    if sum(wants.values()) <= capacity:
        return dict(wants)
    # Sort-based water-filling, O(n log n): the smallest wants are met in full while they fit
    # under an equal share of what is left; the rest split what remains equally.
    got = dict.fromkeys(wants, 0)
    ascending = sorted((n for n in wants if wants[n] > 0), key=lambda n: wants[n])
    left, start = capacity, 0
    while start < len(ascending) and wants[ascending[start]] <= left // (len(ascending) - start):
        left -= wants[ascending[start]]
        got[ascending[start]] = wants[ascending[start]]
        start += 1
    rest = set(ascending[start:])
    if rest:
        share, extra = divmod(left, len(rest))
        for i, n in enumerate(n for n in wants if n in rest):  # leftover units in listed order
            got[n] = share + (i < extra)
    return got
