"""Checks for the inputs of :mod:`lambdanet_edu.scaling.timeline`: demands, reservations and bursts.

Each check returns the normalized value or raises a :class:`LambdaNetError` that names the
field, such as ``"demands['api'][3]"`` for one entry of one function's demand list.

Examples:
    >>> demand_series({"api": [5, 7]}, None, lambda name: f"demands[{name!r}]")
    {'api': (5, 7)}
    >>> demand_series({"api": [5, -7]}, None, lambda name: f"demands[{name!r}]")
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: demands['api'][1] must be an integer >= 0, got -7
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from lambdanet_edu._checks import check_int
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    LEGACY_BURST_OTHER_REGIONS,
    LEGACY_BURSTS,
    UNRESERVED_CONCURRENCY_MIN,
)

__all__ = [
    "MAX_CELLS",
    "MAX_SECONDS",
    "Demand",
    "check_burst",
    "check_reserved",
    "demand_series",
    "field_name",
    "legacy_initial_burst",
]

Demand = int | Sequence[int] | Callable[[int], int]
"""Concurrent requests wanted: a constant, one value per second, or ``second -> int``."""

#: Longest run modelled: a day is long enough for any surge, short enough for a browser tab.
MAX_SECONDS = 86_400
#: Most (function, second) values one run models: the work and memory of a run grow with it.
#: Ten thousand functions for 500 seconds, or one function for the whole day (a model bound).
MAX_CELLS = 5_000_000
_DEFAULT_SECONDS = 60
_LEGACY_DEFAULT_REGION = "us-east-1"
_REGION = re.compile(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}", re.ASCII)
_DEMAND_KINDS = "an integer >= 0, a list of integers (one per second) or a function of the second"

# Names the field of one function's value: "demand" alone, "demands['api']" among several.
_FieldOf = Callable[[str], str]


def legacy_initial_burst(region: str) -> int:
    """The pre-2023 initial burst of a Region: 3,000, 1,000, or 500 in the Regions not listed.

    Examples:
        >>> legacy_initial_burst("eu-west-1"), legacy_initial_burst("eu-central-1")
        (3000, 1000)
        >>> legacy_initial_burst("eu-west-3")
        500
        >>> legacy_initial_burst("Ireland")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: region must be a Region name such as 'eu-west-3', got
        'Ireland'
    """
    if not isinstance(region, str) or not _REGION.fullmatch(region):
        raise LambdaNetError.invalid("region", region, "a Region name such as 'eu-west-3'")
    return LEGACY_BURSTS.get(region, LEGACY_BURST_OTHER_REGIONS)


def check_burst(value: object, rule: str) -> int:
    """The initial burst for ``rule``: 0 under ``"2023"`` (which has none), else 3,000/1,000/500.

    Examples:
        >>> check_burst(None, "pre-2023"), check_burst("us-east-2", "pre-2023")
        (3000, 1000)
        >>> check_burst(2000, "pre-2023")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: initial_burst must be one of 3,000, 1,000, 500 or a
        Region name such as 'eu-west-3', got 2000
    """
    if rule == "2023":
        if value is not None:
            raise LambdaNetError.invalid(
                "initial_burst", value,
                "None with scaling='2023' (an initial burst exists only in the pre-2023 rule)")
        return 0
    if value is None:
        return LEGACY_BURSTS[_LEGACY_DEFAULT_REGION]
    if isinstance(value, str):
        return legacy_initial_burst(value)
    allowed = sorted({*LEGACY_BURSTS.values(), LEGACY_BURST_OTHER_REGIONS}, reverse=True)
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        listed = ", ".join(f"{b:,}" for b in allowed)
        raise LambdaNetError.invalid("initial_burst", value,
                                     f"one of {listed} or a Region name such as 'eu-west-3'")
    return value


def check_reserved(reserved: Mapping[str, object], demands: Mapping[str, Demand], limit: int,
                   field_of: _FieldOf) -> dict[str, int]:
    """Reservations of 0 to ``limit - 100`` each that together leave 100 unreserved.

    Examples:
        >>> check_reserved({"api": 900}, {"api": 5}, 1000, lambda name: "reserved_concurrency")
        {'api': 900}
        >>> check_reserved({"api": 5}, {"api": 5}, 50, lambda name: "reserved_concurrency")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: reserved_concurrency must be None (the account limit 50
        minus the 100 that must stay unreserved is below 0), got 5
    """
    hi = limit - UNRESERVED_CONCURRENCY_MIN
    why = (f"the account limit {limit:,} minus the {UNRESERVED_CONCURRENCY_MIN} that must stay "
           "unreserved")
    allowed = f"an integer from 0 to {hi:,} ({why})" if hi >= 0 else f"None ({why} is below 0)"
    checked: dict[str, int] = {}
    for name, value in reserved.items():
        if name not in demands:
            listed = ", ".join(repr(n) for n in demands)
            raise LambdaNetError.invalid("reserved_concurrency", name,
                                         f"keyed by function names in demands ({listed})")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= hi:
            raise LambdaNetError.invalid(field_of(name), value, allowed)
        checked[name] = value
    total = sum(checked.values())
    if checked and total > hi:
        raise LambdaNetError.invalid("reserved_concurrency", total,
                                     f"at most {hi:,} in total ({why})",
                                     got=f"a total of {total:,}")
    return checked


def demand_series(demands: dict[str, Demand], seconds: object,
                  field_of: _FieldOf) -> dict[str, tuple[int, ...]]:
    """Each function's demand as one value per second, for the run's length.

    ``seconds`` defaults to the length of the demand lists (which must then agree), or 60 when
    no demand is a list. A ``seconds`` longer than a list is an error naming both.

    Examples:
        >>> demand_series({"api": 3}, 2, lambda name: "demand")
        {'api': (3, 3)}
        >>> demand_series({"api": lambda second: 10 * second}, 3, lambda name: "demand")
        {'api': (0, 10, 20)}
        >>> demand_series({"api": [1, 2]}, 5, lambda name: "demand")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: seconds must be at most the length of demand (2), got 5
    """
    lists = {name: d for name, d in demands.items()
             if isinstance(d, Sequence) and not isinstance(d, (str, bytes))}
    for name, values in lists.items():
        if _length(values) > MAX_SECONDS:  # also a range(10**20), whose len() overflows
            raise LambdaNetError.invalid(field_of(name), values,
                                         f"a list of at most {MAX_SECONDS:,} values (a day)",
                                         got="a longer list")
    if seconds is None:
        lengths = sorted({len(d) for d in lists.values()})
        if len(lengths) > 1:
            raise LambdaNetError.invalid(
                "seconds", None, f"given when the demand lists differ in length ({lengths})")
        seconds = lengths[0] if lengths else _DEFAULT_SECONDS
        if seconds == 0:
            raise LambdaNetError.invalid(field_of(next(iter(lists))), [], "a non-empty list")
    n_seconds = check_int("seconds", seconds, lo=1, hi=MAX_SECONDS)
    if len(demands) * n_seconds > MAX_CELLS:
        raise LambdaNetError.invalid(
            "seconds", n_seconds,
            f"at most {MAX_CELLS // len(demands):,} for {len(demands):,} functions (a run models "
            f"at most {MAX_CELLS:,} function-seconds)")
    series: dict[str, tuple[int, ...]] = {}
    for name, demand in demands.items():
        field = field_of(name)
        if isinstance(demand, int) and not isinstance(demand, bool):
            series[name] = (check_int(field, demand, lo=0),) * n_seconds
        elif name in lists:
            values = lists[name]
            if n_seconds > len(values):
                raise LambdaNetError.invalid(
                    "seconds", n_seconds, f"at most the length of {field} ({len(values):,})")
            series[name] = tuple(check_int(f"{field}[{t}]", values[t], lo=0)
                                 for t in range(n_seconds))
        elif callable(demand):
            series[name] = tuple(check_int(f"{field}({t})", demand(t), lo=0)
                                 for t in range(n_seconds))
        else:
            raise LambdaNetError.invalid(field, demand, _DEMAND_KINDS)
    return series


def _length(values: Sequence[object]) -> int:
    """``len(values)``, or one past the longest run for a sequence too long for ``len``."""
    try:
        return len(values)
    except OverflowError:
        return MAX_SECONDS + 1


def field_name(base: str, name: str, single: bool) -> str:
    """How an error names one function's value: ``demands['api']``, or ``demand`` alone.

    Examples:
        >>> field_name("demands", "api", False), field_name("demands", "", True)
        ("demands['api']", 'demand')
    """
    if single:  # one function: "demand", not "demands['']"
        return base.removesuffix("s") if base == "demands" else base
    return f"{base}[{name!r}]"
