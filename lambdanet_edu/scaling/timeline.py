"""How fast Lambda adds execution environments: today's rule and the one before November 2023.

Since 2023-11-27 each function may add up to 1,000 execution environments every 10 seconds, up
to the account's concurrency limit or its own reserved concurrency. Before that the whole
account had an initial burst (3,000, 1,000 or 500 by Region), then grew by 500 a minute.

Demand is the number of concurrent requests wanted: one number for the whole run, a list with
one number per second, or a function of the second.

Examples:
    >>> steps = concurrency_timeline(5000, seconds=30, account_limit=10_000)
    >>> [c for second, c in steps if second % 10 == 0]
    [1000, 2000, 3000]
    >>> concurrency_timeline(5000, seconds=121, account_limit=10_000, scaling="pre-2023")[::60]
    [(0, 3000), (60, 3500), (120, 4000)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lambdanet_edu._checks import check_choice, check_id, check_int
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_RAMP_PER_MINUTE,
    SCALING_PERIOD_S,
    SCALING_STEP,
)
from lambdanet_edu.scaling._controls import PROVISIONED_READY, check_provisioned, check_source
from lambdanet_edu.scaling._fair_share import FAIR_SHARE, water_fill
from lambdanet_edu.scaling._inputs import (
    Demand,
    check_burst,
    check_reserved,
    demand_series,
    field_name,
    legacy_initial_burst,
)
from lambdanet_edu.scaling.event_sources import SQS_POLLER_RAMP, SQS_QUEUE_WAITS, SqsEventSource
from lambdanet_edu.simplifications import Simplification, simplification

__all__ = [
    "SCALING_RULES",
    "ConcurrencyRun",
    "Demand",
    "concurrency_timeline",
    "concurrency_timelines",
    "function_run",
    "legacy_initial_burst",
    "simulate_concurrency",
]

#: The two scaling rules: ``"2023"`` (today's) and ``"pre-2023"`` (before 2023-11-27).
SCALING_RULES = ("2023", "pre-2023")

PER_SECOND_DEMAND = simplification(
    "scaling_per_second_demand",
    "Time runs in whole seconds and demand is the number of concurrent requests wanted in each. "
    "Requests over the cap in a second are throttled (HTTP 429) in that second, not queued.",
)
SLIDING_WINDOW = simplification(
    "scaling_sliding_window",
    f"The 2023 rule is read as a sliding window: in any {SCALING_PERIOD_S} consecutive seconds a "
    f"function adds at most {SCALING_STEP:,} new execution environments. AWS describes a "
    "continuous, best-attempt refill.",
)
NO_IDLE_RECLAIM = simplification(
    "scaling_no_idle_reclaim",
    "Execution environments stay warm for the whole timeline once created, so returning to an "
    "earlier level needs no new ones; concurrency falls at once when demand falls.",
)
LEGACY_FROM_SURGE = simplification(
    "scaling_legacy_from_surge",
    f"Under the pre-2023 rule the burst and the +{LEGACY_RAMP_PER_MINUTE} per minute count from "
    "second 0, taken as the start of the surge, and cap the total of all the account's "
    "functions, reserved or not.",
)



@dataclass(frozen=True, slots=True, kw_only=True)
class ConcurrencyRun:
    """What :func:`simulate_concurrency` found: demand and concurrency, second by second.

    Attributes:
        scaling: ``"2023"`` or ``"pre-2023"``.
        account_limit: The account's concurrency limit in the Region.
        reserved_concurrency: Each reserved function's reservation.
        demand: Each function's demand, one value per second.
        concurrency: Each function's concurrency, one value per second.
        assumptions: The simplifications the numbers rest on.

    Examples:
        >>> run = simulate_concurrency({"api": 800, "batch": 800})
        >>> run.timeline("api")[:2], run.throttled["batch"][0]
        ([(0, 500), (1, 500)], 300)
        >>> [a.key for a in run.assumptions][-1]
        'scaling_fair_share'
    """

    scaling: str
    account_limit: int
    reserved_concurrency: Mapping[str, int]
    demand: Mapping[str, tuple[int, ...]]
    concurrency: Mapping[str, tuple[int, ...]]
    assumptions: tuple[Simplification, ...]
    #: Each function's provisioned concurrency (environments initialised before second 0).
    provisioned_concurrency: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({}))
    #: For a function fed by an SQS queue: invocations waiting in the queue after each second.
    queued: Mapping[str, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def environments(self, name: str | None = None) -> tuple[int, ...]:
        """Execution environments alive each second: provisioned ones, and every one created.

        Environments stay warm once created (the run's simplification), so this is the
        running maximum of concurrency, never below the provisioned concurrency. Each holds
        the database connections it opened, busy or not.

        Examples:
            >>> function_run([0, 30, 10], provisioned_concurrency=20).environments()
            (20, 30, 30)
        """
        name = self._only(name)
        floor = self.provisioned_concurrency.get(name, 0)
        alive, out = floor, []
        for c in self.concurrency[name]:
            alive = max(alive, c)
            out.append(alive)
        return tuple(out)

    def peak_environments(self, name: str | None = None) -> int:
        """The most execution environments alive at once (the database's peak clients).

        Examples:
            >>> queue = SqsEventSource(maximum_concurrency=50)
            >>> function_run(500, seconds=3, event_source=queue).peak_environments()
            15
        """
        return max(self.environments(name), default=0)

    def _only(self, name: str | None) -> str:
        if name is None and len(self.concurrency) == 1:
            (name,) = self.concurrency
        if name is None or name not in self.concurrency:
            listed = ", ".join(repr(n) for n in self.concurrency)
            raise LambdaNetError.invalid("name", name, f"one of {listed}")
        return name

    @property
    def seconds(self) -> int:
        """How many seconds the run covers (second 0 to ``seconds - 1``)."""
        return len(next(iter(self.concurrency.values())))

    @property
    def throttled(self) -> Mapping[str, tuple[int, ...]]:
        """Requests over the cap in each second: demand minus concurrency, per function.

        A function fed by an SQS queue throttles no sender: what it cannot take waits in the
        queue (see :attr:`queued`), so its throttled counts are all 0.
        """
        return MappingProxyType({
            name: (tuple(0 for _ in got) if name in self.queued else
                   tuple(d - c for d, c in zip(self.demand[name], got, strict=True)))
            for name, got in self.concurrency.items()
        })

    def timeline(self, name: str | None = None) -> list[tuple[int, int]]:
        """``(second, concurrency)`` pairs of one function (``name`` may be left out if alone)."""
        if name is None and len(self.concurrency) == 1:
            (name,) = self.concurrency
        if name is None or name not in self.concurrency:
            listed = ", ".join(repr(n) for n in self.concurrency)
            raise LambdaNetError.invalid("name", name, f"one of {listed}")
        return list(enumerate(self.concurrency[name]))


def concurrency_timeline(
    demand: Demand, *, seconds: int | None = None,
    account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT, reserved_concurrency: int | None = None,
    scaling: str = "2023", initial_burst: int | str | None = None,
    provisioned_concurrency: int | None = None, event_source: SqsEventSource | None = None,
) -> list[tuple[int, int]]:
    """One function's concurrency, second by second, as the scaling rules allow it.

    Args:
        demand: Concurrent requests wanted: an int, a list (one value per second) or a
            function of the second.
        seconds: How many seconds to model: the list's length for a list, else 60. A
            ``seconds`` longer than a demand list is an error.
        account_limit: The account's concurrency limit in the Region (default 1,000).
        reserved_concurrency: The function's reservation, which caps it and is guaranteed to
            it: 0 (throttles every request) to ``account_limit`` minus 100.
        scaling: ``"2023"`` (+1,000 environments per function every 10 seconds) or
            ``"pre-2023"`` (account-wide burst, then +500 a minute).
        initial_burst: Only with ``"pre-2023"``: 3000, 1000, 500 or a Region name. None means
            us-east-1's 3,000.
        provisioned_concurrency: Environments initialised before second 0, which serve
            requests at once. They count against the account limit and the function's
            reservation (at most the reservation, and at most the account limit minus 100).
        event_source: An :class:`~lambdanet_edu.scaling.event_sources.SqsEventSource`: demand
            arrives through a queue, whose pollers scale as AWS documents and stop at its
            maximum concurrency; what waits stays in the queue instead of being throttled.

    Returns:
        ``(second, concurrency)`` pairs from second 0. The run's simplifications (see
        :func:`simulate_concurrency`, which also reports throttled requests) apply.

    Raises:
        LambdaNetError: A value out of range, or a reservation AWS would refuse.

    Examples:
        >>> concurrency_timeline(2500, seconds=21)[::10]
        [(0, 1000), (10, 1000), (20, 1000)]
        >>> concurrency_timeline(2500, seconds=21, account_limit=3000)[::10]
        [(0, 1000), (10, 2000), (20, 2500)]
        >>> concurrency_timeline([300, 300, 0], reserved_concurrency=200)
        [(0, 200), (1, 200), (2, 0)]
        >>> concurrency_timeline(10, reserved_concurrency=950)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: reserved_concurrency must be an integer from 0 to 900
        (the account limit 1,000 minus the 100 that must stay unreserved), got 950
        >>> concurrency_timeline(1200, seconds=2, provisioned_concurrency=500)
        [(0, 1000), (1, 1000)]
        >>> concurrency_timeline(400, seconds=4, event_source=SqsEventSource(maximum_concurrency=8))
        [(0, 5), (1, 8), (2, 8), (3, 8)]
    """
    return function_run(demand, seconds=seconds, account_limit=account_limit,
                        reserved_concurrency=reserved_concurrency, scaling=scaling,
                        initial_burst=initial_burst,
                        provisioned_concurrency=provisioned_concurrency,
                        event_source=event_source).timeline("")


def function_run(
    demand: Demand, *, seconds: int | None = None,
    account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT, reserved_concurrency: int | None = None,
    scaling: str = "2023", initial_burst: int | str | None = None,
    provisioned_concurrency: int | None = None, event_source: SqsEventSource | None = None,
) -> ConcurrencyRun:
    """One function's whole run, named ``""``; arguments as in :func:`concurrency_timeline`.

    Its errors name ``demand`` and ``reserved_concurrency``, as a learner who asked about one
    function wrote them, not ``demands['']``.

    Examples:
        >>> function_run(1200, seconds=2).throttled[""]
        (200, 200)
    """
    reserved = None if reserved_concurrency is None else {"": reserved_concurrency}
    return _simulate({"": demand}, reserved, seconds, account_limit, scaling, initial_burst,
                     single=True, provisioned=provisioned_concurrency, source=event_source)


def concurrency_timelines(
    demands: Mapping[str, Demand], *, seconds: int | None = None,
    account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT,
    reserved_concurrency: Mapping[str, int] | None = None,
    scaling: str = "2023", initial_burst: int | str | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Several functions sharing one account limit: each one's ``(second, concurrency)`` pairs.

    Arguments as in :func:`simulate_concurrency`.

    Examples:
        >>> both = concurrency_timelines({"api": 900, "batch": 900}, seconds=1)
        >>> both
        {'api': [(0, 500)], 'batch': [(0, 500)]}
        >>> concurrency_timelines({"api": 900, "batch": 900}, seconds=1,
        ...                       reserved_concurrency={"api": 700})
        {'api': [(0, 700)], 'batch': [(0, 300)]}
    """
    run = simulate_concurrency(demands, seconds=seconds, account_limit=account_limit,
                               reserved_concurrency=reserved_concurrency, scaling=scaling,
                               initial_burst=initial_burst)
    return {name: run.timeline(name) for name in run.concurrency}


def simulate_concurrency(
    demands: Mapping[str, Demand], *, seconds: int | None = None,
    account_limit: int = ACCOUNT_CONCURRENCY_DEFAULT,
    reserved_concurrency: Mapping[str, int] | None = None,
    scaling: str = "2023", initial_burst: int | str | None = None,
) -> ConcurrencyRun:
    """Model several functions of one account, second by second, with throttling and caveats.

    Today's rule is per function: in any 10 seconds a function adds at most 1,000 execution
    environments. The pre-2023 rule is per account: all functions together may run at most the
    Region's burst plus 500 for each whole minute since the surge began. Either way a function
    never exceeds its reserved concurrency, and the functions without one share what the
    reservations leave of the account limit max-min fairly.

    Simplifications (each run lists those it used in ``assumptions``): time runs in whole
    seconds and throttled requests are not queued; today's rule is a sliding 10-second window
    and environments stay warm once created; the pre-2023 ramp counts from second 0 for the
    whole account; functions that share a cap split it max-min fairly.

    Args:
        demands: Function name -> demand (an int, a list per second or ``second -> int``).
        seconds: How many seconds: the lists' common length if any demand is a list, else 60.
        account_limit: The account's concurrency limit in the Region (default 1,000).
        reserved_concurrency: Function name -> reservation. The reservations together must
            leave at least 100 unreserved.
        scaling: ``"2023"`` or ``"pre-2023"``.
        initial_burst: Only with ``"pre-2023"``: 3000, 1000, 500 or a Region name (None:
            us-east-1's 3,000).

    Returns:
        A :class:`ConcurrencyRun` with demand, concurrency, throttled requests and assumptions.

    Examples:
        >>> run = simulate_concurrency({"api": 400, "batch": 2000}, seconds=2,
        ...                            reserved_concurrency={"api": 100})
        >>> run.concurrency["api"], run.concurrency["batch"], run.throttled["api"]
        ((100, 100), (900, 900), (300, 300))
        >>> simulate_concurrency({"a": 1, "b": 1}, reserved_concurrency={"a": 500, "b": 450})
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: reserved_concurrency must be at most 900 in total (the
        account limit 1,000 minus the 100 that must stay unreserved), got a total of 950
    """
    if not isinstance(demands, Mapping) or not demands:
        raise LambdaNetError.invalid("demands", demands, "a mapping of function names to demands")
    if reserved_concurrency is not None and not isinstance(reserved_concurrency, Mapping):
        raise LambdaNetError.invalid("reserved_concurrency", reserved_concurrency,
                                     "None or a mapping of function names to reservations")
    return _simulate(dict(demands), None if reserved_concurrency is None
                     else dict(reserved_concurrency), seconds, account_limit, scaling,
                     initial_burst, single=False)


def _simulate(demands: dict[str, Demand], reserved: Mapping[str, object] | None, seconds: object,
              account_limit: object, scaling: object, initial_burst: object, *,
              single: bool, provisioned: object = None, source: object = None) -> ConcurrencyRun:
    if not single:
        for name in demands:
            check_id("function name", name)
    limit = check_int("account_limit", account_limit, lo=1)
    rule = check_choice("scaling", scaling, SCALING_RULES)
    burst = check_burst(initial_burst, rule)
    caps = check_reserved(reserved or {}, demands, limit,
                          lambda n: field_name("reserved_concurrency", n, single))
    series = demand_series(demands, seconds, lambda n: field_name("demands", n, single))
    order = list(series)
    ready = check_provisioned(provisioned, caps.get(order[0]), limit)
    feed = check_source(source)
    backlog, queued = 0, []
    unreserved = [n for n in order if n not in caps]
    pool = limit - sum(caps.values())
    warm = dict.fromkeys(order, 0)
    warm[order[0]] = ready  # provisioned environments exist before the first request
    created: dict[str, list[int]] = {n: [] for n in order}
    got: dict[str, list[int]] = {n: [] for n in order}
    for t in range(len(series[order[0]])):
        want = {n: min(series[n][t], caps.get(n, limit)) for n in order}
        if feed is not None:  # one function: the queue's backlog joins this second's demand
            want[order[0]] = min(series[order[0]][t] + backlog, caps.get(order[0], limit),
                                 feed.pollers_at(t))
        if rule == "2023":
            for n in order:  # new environments in the other 9 seconds of this 10-second window
                recent = sum(created[n][max(0, t - SCALING_PERIOD_S + 1):t])
                want[n] = min(want[n], warm[n] + SCALING_STEP - recent)
        want.update(water_fill({n: want[n] for n in unreserved}, pool))
        if rule == "pre-2023":
            want = water_fill(want, ready + burst + LEGACY_RAMP_PER_MINUTE * (t // 60))
        for n in order:
            created[n].append(max(0, want[n] - warm[n]))
            warm[n] = max(warm[n], want[n])
            got[n].append(want[n])
        if feed is not None:
            backlog += series[order[0]][t] - want[order[0]]
            queued.append(backlog)
    shared = len(unreserved) > 1 or (rule == "pre-2023" and len(order) > 1)
    assumptions = (PER_SECOND_DEMAND,
                   *((SLIDING_WINDOW, NO_IDLE_RECLAIM) if rule == "2023" else (LEGACY_FROM_SURGE,)),
                   *((FAIR_SHARE,) if shared else ()),
                   *((PROVISIONED_READY,) if ready else ()),
                   *((SQS_POLLER_RAMP, SQS_QUEUE_WAITS) if feed is not None else ()))
    return ConcurrencyRun(
        scaling=rule, account_limit=limit, reserved_concurrency=MappingProxyType(caps),
        demand=MappingProxyType(series),
        concurrency=MappingProxyType({n: tuple(v) for n, v in got.items()}),
        assumptions=assumptions,
        provisioned_concurrency=MappingProxyType({order[0]: ready} if ready else {}),
        queued=MappingProxyType({order[0]: tuple(queued)} if feed is not None else {}))
