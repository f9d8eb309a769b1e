"""The model's charts: addresses as concurrency grows, scaling over time, database connections.

Every plotted number is a result of :func:`~lambdanet_edu.addresses.ip_usage`,
:func:`~lambdanet_edu.scaling.concurrency_timeline` or
:func:`~lambdanet_edu.scaling.db_connections`; the chart code only chooses where to look.

Examples:
    >>> from lambdanet_edu import LambdaFunction, Subnet
    >>> svg = ip_usage_chart([Subnet("subnet-a", "10.0.0.0/24")],
    ...                      [LambdaFunction("api", ["subnet-a"], ["sg-app"], memory_mb=1536)],
    ...                      max_concurrency=1000)
    >>> "runs out at 503 concurrent executions" in svg
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from lambdanet_edu._checks import check_int
from lambdanet_edu.addresses import SubnetUsage, ip_usage
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_BURST_OTHER_REGIONS,
    LEGACY_BURSTS,
)
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network import Subnet
from lambdanet_edu.pictures.plot import line_chart
from lambdanet_edu.pictures.svg import check_id
from lambdanet_edu.scaling import (
    ConcurrencyRun,
    Demand,
    RdsProxy,
    db_connections,
    function_run,
)
from lambdanet_edu.scaling.timeline import legacy_initial_burst

__all__ = ["db_connections_chart", "ip_usage_chart", "scaling_chart"]

_SAMPLES = 40


def _short(usage: SubnetUsage) -> bool:
    """True when the subnet needs more addresses than it has usable."""
    return usage.shortfall > 0


def ip_usage_chart(subnets: Iterable[Subnet], functions: Iterable[LambdaFunction],
                   other_enis: Mapping[str, int] | None = None, *, max_concurrency: int,
                   subnet_id: str | None = None, id: str = "ln-ip-usage") -> str:
    """Addresses used in one subnet as peak concurrency grows: pre-2019 rule against Hyperplane.

    The subnet's usable addresses are a horizontal line; the concurrency at which the pre-2019
    rule runs out, the first at which it needs more addresses than the subnet has usable, is
    marked (found with the model, by bisection).

    Args:
        subnets: The subnets, as for :func:`~lambdanet_edu.addresses.ip_usage`.
        functions: The functions in them.
        other_enis: Addresses other ENIs take, per subnet id.
        max_concurrency: The right end of the x axis: peak concurrency, 1 to 1,000,000.
        subnet_id: The subnet to draw (default: the first).
        id: Prefix of the ids inside the SVG.

    Raises:
        LambdaNetError: Bad input (the model's own checks), or an unknown ``subnet_id``.

    Examples:
        >>> ip_usage_chart([Subnet("subnet-a", "10.0.0.0/24")], [], max_concurrency=0)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: max_concurrency must be an integer from 1 to 1,000,000,
        got 0
    """
    check_id(id)
    top = check_int("max_concurrency", max_concurrency, lo=1, hi=1_000_000)
    subnets, functions = tuple(subnets), tuple(functions)
    ids = [s.subnet_id for s in subnets if isinstance(s, Subnet)]
    key = subnet_id if subnet_id is not None else (ids[0] if ids else None)
    if key not in ids:
        raise LambdaNetError.invalid("subnet_id", subnet_id,
                                     f"one of the subnets ({', '.join(map(repr, ids))})")

    def legacy(peak: int) -> SubnetUsage:
        return ip_usage(subnets, functions, other_enis, model="legacy",
                        peak_concurrency=peak)[key]

    today = ip_usage(subnets, functions, other_enis)[key]
    peaks = sorted({top * i // _SAMPLES for i in range(_SAMPLES + 1)})
    before = [(p, legacy(p).used) for p in peaks]
    crossing = None
    # "Runs out" has one meaning across the site: the first peak at which the rule needs more
    # addresses than the subnet has (a shortfall), not the peak at which the last one is taken.
    if _short(legacy(top)):
        lo, hi = 0, top  # legacy(lo) fits or lo == 0; legacy(hi) falls short
        if not _short(legacy(0)):
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if _short(legacy(mid)) else (mid, hi)
            crossing = hi
        else:
            crossing = 0
    points = []
    if crossing is None:
        outcome = (f"Up to {top:,} concurrent executions the pre-2019 rule stays within the "
                   f"{today.usable:,} usable addresses, using {legacy(top).used:,} at the peak.")
    else:
        at = legacy(crossing)
        before = sorted({*before, (crossing, at.used)})
        points.append((f"runs out at {crossing:,}", crossing, at.used))
        outcome = (f"The pre-2019 rule runs out at {crossing:,} concurrent executions, the "
                   f"first peak at which it needs more than the {today.usable:,} usable "
                   f"addresses ({at.used:,}).")
    desc = (f"Addresses used in {key} ({today.subnet.cidr}) as peak concurrency grows from 0 to "
            f"{top:,}. Today's Hyperplane ENIs use {today.used:,} at every concurrency; before "
            f"2019 use grew with concurrency, to {legacy(top).used:,} at {top:,}. {outcome}")
    return line_chart(
        id=id, title=f"Addresses used in {key}: Hyperplane against the pre-2019 rule",
        desc=desc, x_label="peak concurrent executions", y_label=f"addresses used in {key}",
        lines=[("Hyperplane (today)", [(p, today.used) for p in peaks]),
               ("pre-2019 rule", before)],
        limits=[("usable", today.usable)], points=points)


def _run(demand: Demand, seconds: int | None, account_limit: int, scaling: str = "2023",
         initial_burst: int | str | None = None) -> ConcurrencyRun:
    """One function's run, its errors worded as :func:`concurrency_timeline`'s (``demand``)."""
    return function_run(demand, seconds=seconds, account_limit=account_limit, scaling=scaling,
                        initial_burst=initial_burst)


def _old_rule(initial_burst: int | str | None) -> tuple[str, str]:
    """The pre-2023 line's short name and its burst in words, naming the Region(s) it is from.

    Examples:
        >>> _old_rule(None)
        ('pre-2023, us-east-1', "us-east-1's initial burst of 3,000")
        >>> _old_rule(500)[1]
        'the initial burst of 500 (Regions not listed by AWS)'
    """
    if initial_burst is None or isinstance(initial_burst, str):
        region = initial_burst or "us-east-1"  # concurrency_timeline's default
        burst = legacy_initial_burst(region)
        return f"pre-2023, {region}", f"{region}'s initial burst of {burst:,}"
    regions = [r for r, b in LEGACY_BURSTS.items() if b == initial_burst]
    where = ", ".join(regions) if regions else "Regions not listed by AWS"
    if initial_burst == LEGACY_BURST_OTHER_REGIONS and regions:
        where += ", other Regions"
    return (f"pre-2023, burst {initial_burst:,}",
            f"the initial burst of {initial_burst:,} ({where})")


def _reached(series: Sequence[int], goal: int) -> int | None:
    return next((s for s, value in enumerate(series) if value >= goal), None)


def scaling_chart(demand: Demand, *, seconds: int | None = None,
                  account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT,
                  initial_burst: int | str | None = None,
                  marks: Sequence[tuple[str, int]] = (), id: str = "ln-scaling") -> str:
    """One function's concurrency over time under today's rule and the pre-2023 rule.

    Args:
        demand: Concurrent requests wanted, as for
            :func:`~lambdanet_edu.scaling.concurrency_timeline`.
        seconds: How many seconds to draw (as there).
        account_limit: The account's concurrency limit.
        initial_burst: The pre-2023 rule's burst (3000, 1000, 500 or a Region; None is
            us-east-1's). The line's name says which Region's burst it is.
        marks: Vertical lines ``(label, second)``, such as an answer to compare.
        id: Prefix of the ids inside the SVG.

    Raises:
        LambdaNetError: Bad input (the model's checks) or a mark that is not a second shown.

    Examples:
        >>> svg = scaling_chart(2500, seconds=31, account_limit=5000)
        >>> "Today's rule reaches 2,500 at second 20" in svg
        True
    """
    check_id(id)
    runs = {rule: _run(demand, seconds, account_limit, rule,
                       initial_burst if rule != "2023" else None)
            for rule in ("2023", "pre-2023")}
    wanted = runs["2023"].demand[""]
    last = len(wanted) - 1
    for i, (_label, second) in enumerate(marks):
        check_int(f"marks[{i}]", second, lo=0, hi=last)
    peak = max(wanted)
    old_name, old_burst = _old_rule(initial_burst)
    said = []
    for rule, name in (("2023", "Today's rule"),
                       ("pre-2023", f"The pre-2023 rule, with {old_burst},")):
        got = runs[rule].concurrency[""]
        when = _reached(got, peak)
        throttled = sum(runs[rule].throttled[""])
        said.append(f"{name} reaches {peak:,} at second {when}" if when is not None
                    else f"{name} reaches {max(got):,} by second {last}")
        said[-1] += f" and throttles {throttled:,} requests in all."
    return line_chart(
        id=id, title="Concurrency over time: today's scaling rule and the pre-2023 rule",
        desc=(f"Demand peaks at {peak:,} concurrent requests; the account limit is "
              f"{account_limit:,}. " + " ".join(said)),
        x_label="seconds since the surge began", y_label="concurrent executions",
        lines=[("today (2023 rule)", list(enumerate(runs["2023"].concurrency[""]))),
               (old_name, list(enumerate(runs["pre-2023"].concurrency[""]))),
               ("demand", list(enumerate(wanted)))],
        marks=marks)


def db_connections_chart(demand: Demand, *, max_connections: int, seconds: int | None = None,
                         account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT,
                         proxy: RdsProxy | None = None, active_fraction: float = 1,
                         connections_per_client: int = 1, id: str = "ln-db",
                         proxy_connections_per_client: int | None = None) -> str:
    """Database connections over time as a function scales, with and without RDS Proxy.

    Clients are the function's execution environments under today's scaling rule; each
    second's connections come from :func:`~lambdanet_edu.scaling.db_connections`.

    Args:
        demand: Concurrent requests wanted, as for
            :func:`~lambdanet_edu.scaling.concurrency_timeline`.
        max_connections: The database's ``max_connections`` (drawn as a line).
        seconds: How many seconds to draw.
        account_limit: The account's concurrency limit.
        proxy: The proxy for the "with RDS Proxy" line (default ``RdsProxy()``).
        active_fraction: Share of time a client is mid-transaction (behind the proxy).
        connections_per_client: Connections each client opens.
        id: Prefix of the ids inside the SVG.
        proxy_connections_per_client: Connections each client opens to the proxy, when it
            differs from ``connections_per_client`` (a client that pools connections to the
            database usually needs one to the proxy), so the chart can draw exactly what a
            table computed with ``db_connections(..., proxy=...)`` shows.

    Examples:
        >>> svg = db_connections_chart(200, max_connections=60, seconds=5, active_fraction=0.05)
        >>> "140 clients are refused" in svg
        True
    """
    check_id(id)
    proxy = RdsProxy() if proxy is None else proxy
    clients = _run(demand, seconds, account_limit).concurrency[""]
    direct = [db_connections(c, connections_per_client=connections_per_client,
                             max_connections=max_connections) for c in clients]
    to_proxy = (connections_per_client if proxy_connections_per_client is None
                else proxy_connections_per_client)
    pooled = [db_connections(c, connections_per_client=to_proxy,
                             max_connections=max_connections, proxy=proxy,
                             active_fraction=active_fraction) for c in clients]
    peak = max(range(len(clients)), key=lambda s: clients[s])
    return line_chart(
        id=id, title="Database connections as the function scales, with and without RDS Proxy",
        desc=(f"At second {peak}, {clients[peak]:,} execution environments connect. Without a "
              f"proxy: {direct[peak].explanation} With RDS Proxy: {pooled[peak].explanation}"),
        x_label="seconds since the surge began", y_label="database connections",
        lines=[("open, no proxy", [(s, d.open) for s, d in enumerate(direct)]),
               ("open, RDS Proxy", [(s, p.open) for s, p in enumerate(pooled)]),
               ("requested", [(s, d.requested) for s, d in enumerate(direct)])],
        limits=[("max_connections", max_connections)])
