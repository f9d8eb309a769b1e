"""Charts for two decisions: what egress costs, and what keeps a database safe in a surge.

Every plotted number is a result of :func:`~lambdanet_edu.egress.egress_cost`,
:func:`~lambdanet_edu.scaling.function_run` or :func:`~lambdanet_edu.scaling.db_connections`.

Examples:
    >>> svg = db_controls_chart(400, max_connections=60, seconds=30, reserved=50, sqs_maximum=50)
    >>> "throttled" in svg and "wait in the queue" in svg
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lambdanet_edu._checks import check_int, check_list
from lambdanet_edu.egress import egress_cost
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.pictures.plot import line_chart
from lambdanet_edu.pictures.svg import check_id
from lambdanet_edu.scaling import Demand, SqsEventSource, db_connections, function_run

__all__ = ["db_controls_chart", "egress_cost_chart"]

_SAMPLES = 40
_TRAFFIC = {"s3_gb": "GB a month to S3", "services_gb": "GB a month to other AWS services",
            "internet_gb": "GB a month to the internet"}


#: egress_cost's design switches, and the workload arguments ``fixed`` may give.
_SWITCHES = ("nat", "gateway_endpoints", "interface_endpoints", "ipv6_internet")
_WORKLOAD = (*_TRAFFIC, "services", "availability_zones", "hours")


def _arguments(field: str, value: object, traffic: str, *,
               names: tuple[str, ...] = _WORKLOAD) -> dict[str, object]:
    """A mapping of egress_cost argument names, without the one the chart varies; the values
    are egress_cost's to check."""
    if not isinstance(value, Mapping):
        raise LambdaNetError.invalid(field, value, "a mapping of egress_cost argument -> value")
    allowed = [n for n in names if n != traffic]
    found: dict[str, object] = {}
    for key in check_list(field, value, "a mapping of egress_cost argument -> value"):
        if not isinstance(key, str) or key not in allowed:
            raise LambdaNetError.invalid(f"{field} key", key,
                                         "one of " + ", ".join(repr(n) for n in allowed))
        found[key] = value[key]
    return found


def _design(i: int, pair: object, traffic: str) -> tuple[str, dict[str, object]]:
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise LambdaNetError.invalid(f"designs[{i}]", pair, "a (name, switches) pair")
    name = pair[0]
    if not isinstance(name, str) or not name.strip() or not name.isprintable() or len(name) > 60:
        raise LambdaNetError.invalid(f"designs[{i}] name", name,
                                     "a printable name of 1 to 60 characters")
    return name, _arguments(f"designs[{i}] switches", pair[1], traffic, names=_SWITCHES)


def egress_cost_chart(designs: Sequence[tuple[str, Mapping[str, bool]]], *, max_gb: int,
                      traffic: str = "services_gb", fixed: Mapping[str, float] | None = None,
                      id: str = "ln-egress-cost") -> str:
    """Monthly cost of up to three egress designs as one kind of traffic grows.

    Args:
        designs: ``(name, switches)`` pairs; the switches are :func:`egress_cost`'s design
            arguments (``nat``, ``gateway_endpoints``, ...).
        max_gb: The right end of the x axis, 1 to 10,000,000 GB.
        traffic: Which traffic grows: ``"s3_gb"``, ``"services_gb"`` or ``"internet_gb"``.
        fixed: The workload's other arguments (other GB, ``services``, ``availability_zones``).
        id: Prefix of the ids inside the SVG.

    Raises:
        LambdaNetError: Bad input, or a design that leaves some traffic with no way out.

    Examples:
        >>> svg = egress_cost_chart([("NAT", {}), ("endpoint", {"interface_endpoints": True})],
        ...                         max_gb=1000)
        >>> "us-east-1" in svg and "cheaper from" in svg
        True
    """
    check_id(id)
    gb_max = check_int("max_gb", max_gb, lo=1, hi=10_000_000)
    if traffic not in _TRAFFIC:
        raise LambdaNetError.invalid("traffic", traffic, "'s3_gb', 'services_gb' or 'internet_gb'")
    pairs = check_list("designs", designs, "1 to 3 (name, switches) pairs")
    if not 1 <= len(pairs) <= 3:
        raise LambdaNetError.invalid("designs", list(pairs), "1 to 3 (name, switches) pairs")
    checked = [_design(i, pair, traffic) for i, pair in enumerate(pairs)]
    base = _arguments("fixed", {} if fixed is None else fixed, traffic)
    xs = [gb_max * i / _SAMPLES for i in range(_SAMPLES + 1)]
    lines: list[tuple[str, list[tuple[float, float]]]] = []
    last = None
    for name, switches in checked:
        points = []
        for x in xs:
            cost = egress_cost(**{**base, traffic: x, **switches})  # type: ignore[arg-type]
            if cost.unreachable:
                raise LambdaNetError.invalid(f"designs[{name!r}]", dict(switches),
                                             "a design that reaches every kind of traffic")
            points.append((x, float(cost.total_usd)))
            last = cost
        lines.append((name, points))
    assert last is not None  # at least one design, checked above
    marks: list[tuple[str, float]] = []
    if len(lines) >= 2:  # where the second design first costs less than the first
        first, second = lines[0][1], lines[1][1]
        flip = next((x for (x, a), (_, b) in zip(first, second, strict=True) if b < a), None)
        if flip is not None:
            marks.append((f"{lines[1][0]} cheaper from about {flip:,.0f} GB", flip))
    ends = "; ".join(f"{name}: USD {pts[-1][1]:,.2f}" for name, pts in lines)
    return line_chart(
        id=id, title=f"Monthly egress cost against traffic, {last.region} prices",
        desc=(f"Cost a month of each design as {_TRAFFIC[traffic]} grows to {gb_max:,} GB, at "
              f"{last.region} ({last.region_name}) prices checked on {last.prices_checked}; "
              f"prices change and differ between Regions. At {gb_max:,} GB: {ends}."),
        x_label=_TRAFFIC[traffic], y_label=f"USD a month ({last.region})",
        lines=lines, marks=marks)


def db_controls_chart(demand: Demand, *, max_connections: int, seconds: int | None = None,
                      reserved: int, sqs_maximum: int, id: str = "ln-db-controls") -> str:
    """Database connections asked for during a surge: no control, reserved concurrency, SQS.

    Each line is the function's execution environments alive each second (one connection
    each), from :func:`~lambdanet_edu.scaling.function_run`; the database's limit is a line.

    Examples:
        >>> db_controls_chart(400, max_connections=60, reserved=0, sqs_maximum=50)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: reserved must be an integer from 1 to 900, got 0
    """
    check_id(id)
    cap = check_int("reserved", reserved, lo=1, hi=900)
    none = function_run(demand, seconds=seconds)
    capped = function_run(demand, seconds=seconds, reserved_concurrency=cap)
    queued = function_run(demand, seconds=seconds,
                          event_source=SqsEventSource(maximum_concurrency=sqs_maximum))
    refused = db_connections(none, max_connections=max_connections).refused
    throttled = sum(capped.throttled[""])
    waiting = max(queued.queued[""], default=0)
    return line_chart(
        id=id, title="Connections a surge asks of the database, under three controls",
        desc=(f"Without a control the function scales to {none.peak_environments():,} "
              f"environments and the database, allowing {max_connections:,}, refuses "
              f"{refused:,}. Reserved concurrency {cap} keeps it at {capped.peak_environments()}"
              f" but {throttled:,} requests are throttled. An SQS queue with maximum "
              f"concurrency {sqs_maximum} keeps it at {queued.peak_environments()} and at most "
              f"{waiting:,} invocations wait in the queue; none is throttled."),
        x_label="seconds since the surge began", y_label="connections asked for",
        lines=[("no control", list(enumerate(none.environments()))),
               (f"reserved concurrency {cap}", list(enumerate(capped.environments()))),
               (f"SQS maximum concurrency {sqs_maximum}",
                list(enumerate(queued.environments())))],
        limits=[("max_connections", max_connections)])
