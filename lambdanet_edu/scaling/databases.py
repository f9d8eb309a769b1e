"""Database connection fan-out: how many connections RDS allows and what Lambda asks of it.

Every execution environment is one client. Each opens its own connections (often during init)
and keeps them while it stays warm, so a scaling function can ask a database for far more
connections than it allows. RDS Proxy pools them and queues the excess instead.

Examples:
    >>> default_max_connections("mysql", 1)
    85
    >>> direct = db_connections(1000, max_connections=60)
    >>> direct.open, direct.refused
    (60, 940)
    >>> pooled = db_connections(1000, max_connections=60, proxy=RdsProxy())
    >>> pooled.open, pooled.waiting, pooled.refused
    (60, 940, 0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from lambdanet_edu._checks import check_choice, check_fraction, check_int, check_number
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    MARIADB_BYTES_PER_CONNECTION,
    MARIADB_MAX_CONNECTIONS_CAP,
    MYSQL_8_GIB_MAX_CONNECTIONS,
    MYSQL_BYTES_PER_CONNECTION,
    POSTGRES_BYTES_PER_CONNECTION,
    POSTGRES_MAX_CONNECTIONS_CAP,
    PROXY_BORROW_TIMEOUT_S,
    PROXY_MAX_CONNECTIONS_PERCENT,
    PROXY_MAX_IDLE_CONNECTIONS_PERCENT,
)
from lambdanet_edu.scaling.timeline import ConcurrencyRun
from lambdanet_edu.simplifications import Simplification, simplification

__all__ = ["ENGINES", "DbConnections", "RdsProxy", "db_connections", "default_max_connections"]

#: Engines whose default ``max_connections`` formula the model knows.
ENGINES = ("mysql", "postgres", "mariadb")

_GIB = 2**30
# Bytes of DBInstanceClassMemory per connection, and the cap of LEAST(...) where there is one.
_FORMULAS: dict[str, tuple[int, int | None]] = {
    "mysql": (MYSQL_BYTES_PER_CONNECTION, None),
    "postgres": (POSTGRES_BYTES_PER_CONNECTION, POSTGRES_MAX_CONNECTIONS_CAP),
    "mariadb": (MARIADB_BYTES_PER_CONNECTION, MARIADB_MAX_CONNECTIONS_CAP),
}

NOMINAL_MEMORY = simplification(
    "db_nominal_memory",
    "default_max_connections applies RDS's formula to the instance class's nominal memory. RDS "
    "uses DBInstanceClassMemory, which excludes the OS and RDS processes, so real defaults are "
    f"lower (about {MYSQL_8_GIB_MAX_CONNECTIONS:,} rather than "
    f"{8 * 2**30 // MYSQL_BYTES_PER_CONNECTION:,} for 8 GiB MySQL).",
)
ALL_CONNECTIONS_FOR_CLIENTS = simplification(
    "db_all_connections_for_clients",
    "Every one of max_connections is open to the clients. RDS keeps a few for administrators "
    "and its own monitoring, so slightly fewer are really available.",
)
ALL_OR_NOTHING = simplification(
    "db_all_or_nothing",
    "Without a proxy a client (one execution environment) opens all of its connections or is "
    "refused: its connection pool fails to initialise and it holds none.",
)
PROXY_SNAPSHOT = simplification(
    "db_proxy_snapshot",
    "With RDS Proxy the numbers are one moment: pinned clients (clients x pinned_fraction, "
    "rounded up) hold their connections for the whole session; the others need one only while "
    "mid-transaction (the rest x active_fraction, rounded up). Idle connections the proxy keeps "
    "open are not counted, and nobody is refused: requests queue for ConnectionBorrowTimeout.",
)


def default_max_connections(engine: str, memory_gib: float | None = None, *,
                            usable_memory_bytes: int | None = None) -> int:
    """The default ``max_connections`` of an RDS instance, from RDS's parameter-group formula.

    MySQL: ``DBInstanceClassMemory / 12582880``. PostgreSQL: the same over 9531392, at most
    5,000. MariaDB 10.5+: over 25165760, at most 12,000 (MariaDB 10.4 uses MySQL's formula).

    RDS divides ``DBInstanceClassMemory``, the memory left once the OS and RDS's own processes
    have theirs, so from nominal memory this is an upper bound: AWS quotes about 630 for an
    8 GiB MySQL instance, where the nominal 8 GiB gives 682. Pass ``usable_memory_bytes`` if
    you know DBInstanceClassMemory. The result is rounded down, as division in RDS parameter
    formulas truncates (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ParamValuesRef.html);
    AWS's prose examples round to the nearest instead ("683" for 682.67).

    Args:
        engine: ``"mysql"``, ``"postgres"`` or ``"mariadb"``.
        memory_gib: The instance class's nominal memory in GiB (db.t3.micro: 1).
        usable_memory_bytes: DBInstanceClassMemory in bytes, instead of ``memory_gib``.

    Returns:
        The default ``max_connections``.

    Raises:
        LambdaNetError: An unknown engine, or memory that is missing, given twice or not > 0.

    Examples:
        >>> default_max_connections("mysql", 8)
        682
        >>> default_max_connections("postgres", 64)
        5000
        >>> default_max_connections("postgres", usable_memory_bytes=15_250_000_000)
        1599
        >>> default_max_connections("oracle", 8)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: engine must be one of 'mysql', 'postgres', 'mariadb',
        got 'oracle'
    """
    per_connection, cap = _FORMULAS[check_choice("engine", engine, ENGINES)]
    if usable_memory_bytes is not None:
        if memory_gib is not None:
            raise LambdaNetError.invalid("usable_memory_bytes", usable_memory_bytes,
                                         "None when memory_gib is given (pass one of the two)")
        memory = Fraction(check_int("usable_memory_bytes", usable_memory_bytes, lo=1))
    else:
        gib = check_number("memory_gib", memory_gib, allowed="a number of GiB > 0")
        if gib == 0:
            raise LambdaNetError.invalid("memory_gib", memory_gib, "a number of GiB > 0")
        memory = gib * _GIB
    connections = math.floor(memory / per_connection)
    return connections if cap is None else min(connections, cap)


@dataclass(frozen=True, slots=True, kw_only=True)
class RdsProxy:
    """An RDS Proxy in front of the database, with its connection-pool settings.

    Args:
        max_connections_percent: ``MaxConnectionsPercent``, 1 to 100 (default 100): the pool
            may open this share of the database's ``max_connections``, rounded down.
        max_idle_connections_percent: ``MaxIdleConnectionsPercent``, 0 to
            ``max_connections_percent``. None: half of it (50 by default), rounded down.
        connection_borrow_timeout_s: ``ConnectionBorrowTimeout`` (default 120): how long a
            request waits for a free connection before it fails.
        pinned_fraction: Share of clients pinned to one connection for their whole session
            (for example after a ``SET``), 0 to 1.

    Examples:
        >>> RdsProxy(max_connections_percent=95).pool(1000)
        950
        >>> RdsProxy(max_connections_percent=80).max_idle_connections_percent
        40
        >>> RdsProxy(max_connections_percent=0)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: max_connections_percent must be an integer from 1 to
        100, got 0
    """

    max_connections_percent: int = PROXY_MAX_CONNECTIONS_PERCENT
    max_idle_connections_percent: int | None = None
    connection_borrow_timeout_s: int = PROXY_BORROW_TIMEOUT_S
    pinned_fraction: Fraction | float = 0

    def __post_init__(self) -> None:
        percent = check_int("max_connections_percent", self.max_connections_percent, lo=1, hi=100)
        idle = self.max_idle_connections_percent
        if idle is None:  # AWS's default is half of MaxConnectionsPercent: 50 of the default 100
            idle = percent * PROXY_MAX_IDLE_CONNECTIONS_PERCENT // PROXY_MAX_CONNECTIONS_PERCENT
        object.__setattr__(self, "max_idle_connections_percent",
                           check_int("max_idle_connections_percent", idle, lo=0, hi=percent))
        check_int("connection_borrow_timeout_s", self.connection_borrow_timeout_s, lo=0)
        object.__setattr__(self, "pinned_fraction",
                           check_fraction("pinned_fraction", self.pinned_fraction))

    def pool(self, max_connections: int) -> int:
        """The most database connections the proxy opens: ``max_connections`` x the percentage.

        Examples:
            >>> RdsProxy(max_connections_percent=55).pool(85)
            46
        """
        limit = check_int("max_connections", max_connections, lo=1)
        return limit * self.max_connections_percent // 100


@dataclass(frozen=True, slots=True, kw_only=True)
class DbConnections:
    """What a database sees when ``clients`` open connections, directly or through RDS Proxy.

    Attributes:
        clients: Clients (execution environments) connecting.
        connections_per_client: Connections each client opens (its pool size).
        max_connections: The database's ``max_connections``.
        requested: Connections the clients ask for: ``clients x connections_per_client``.
        open: Connections the database holds.
        waiting: Connection requests queued at the proxy for a free database connection (equal
            to the number of waiting clients when each client opens one). 0 without a proxy.
        refused: Clients the database turns away ('Too many connections'). 0 with a proxy.
        proxy_pool: The most connections the proxy may open; None without a proxy.
        explanation: The outcome in one or two sentences.
        assumptions: The simplifications the numbers rest on.

    Examples:
        >>> print(db_connections(1000, max_connections=60).explanation)
        1,000 clients asked for 1,000 connections; the database allows 60, so 940 clients are
        refused with 'Too many connections'.
    """

    clients: int
    connections_per_client: int
    max_connections: int
    requested: int
    open: int
    waiting: int
    refused: int
    proxy_pool: int | None
    explanation: str
    assumptions: tuple[Simplification, ...]


def db_connections(clients: int | ConcurrencyRun | Sequence[tuple[int, int]], *,
                   connections_per_client: int = 1, max_connections: int,
                   proxy: RdsProxy | None = None,
                   active_fraction: Fraction | float = 1) -> DbConnections:
    """Connections a database holds when ``clients`` connect, directly or through RDS Proxy.

    Without a proxy each client opens all its connections or is refused: ``max_connections //
    connections_per_client`` clients get theirs and the rest are refused. Behind a proxy,
    pinned clients hold their connections for the whole session; the others borrow one only
    while mid-transaction, so the database needs connections for the pinned clients plus the
    ``active_fraction`` of the others, up to the proxy's pool. The excess waits.

    It composes with a timeline: pass a one-function
    :class:`~lambdanet_edu.scaling.timeline.ConcurrencyRun` (from
    :func:`~lambdanet_edu.scaling.timeline.function_run`, with its reserved or provisioned
    concurrency or its SQS event source) and the clients are the most execution environments
    it has alive at once, provisioned ones included; pass a timeline's ``(second,
    concurrency)`` pairs and they are its peak concurrency.

    Args:
        clients: Clients connecting: execution environments, so the function's concurrency;
            or a one-function run, or ``(second, concurrency)`` pairs.
        connections_per_client: Connections each client opens (default 1).
        max_connections: The database's ``max_connections``, at least 1.
        proxy: An :class:`RdsProxy`, or None to connect directly.
        active_fraction: Share of the time a client spends inside a transaction, 0 to 1. The
            default 1 is the worst case: every client mid-transaction at once. Only matters
            behind a proxy (directly, each client holds its connections all the time).

    Returns:
        A :class:`DbConnections` (see it for the units of each count).

    Examples:
        >>> pooled = db_connections(1000, max_connections=60, proxy=RdsProxy(),
        ...                         active_fraction=0.05)
        >>> pooled.open, pooled.waiting
        (50, 0)
        >>> print(pooled.explanation)
        1,000 clients asked RDS Proxy for 1,000 connections. At this moment 50 of them are pinned or
        mid-transaction, needing 50 database connections. The proxy may open 60 (100 % of the
        database's 60), so 50 are open and nothing waits.
        >>> db_connections(-1, max_connections=60)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: clients must be an integer >= 0, got -1
        >>> from lambdanet_edu.scaling import SqsEventSource, function_run
        >>> queue = SqsEventSource(maximum_concurrency=50)
        >>> db_connections(function_run(800, event_source=queue), max_connections=60).refused
        0
        >>> warm = function_run(800, provisioned_concurrency=80)
        >>> db_connections(warm, max_connections=60).refused
        740
    """
    n = _clients(clients)
    each = check_int("connections_per_client", connections_per_client, lo=1)
    limit = check_int("max_connections", max_connections, lo=1)
    active = check_fraction("active_fraction", active_fraction)
    if proxy is not None and not isinstance(proxy, RdsProxy):
        raise LambdaNetError.invalid("proxy", proxy, "None or an RdsProxy")
    asked = f"{_count(n, 'client')} asked"
    wanted = f"{_count(n * each, 'connection')}" + (f" ({each} each)" if each > 1 else "")
    if proxy is None:
        served = min(n, limit // each)
        refused = n - served
        outcome = (f"{_count(refused, 'client')} {_are(refused)} refused with 'Too many "
                   "connections'" if refused
                   else f"{_count(served * each, 'connection')} {_are(served * each)} open")
        if refused and each > 1:
            outcome = f"{served * each:,} are open and " + outcome
        return DbConnections(
            clients=n, connections_per_client=each, max_connections=limit, requested=n * each,
            open=served * each, waiting=0, refused=refused, proxy_pool=None,
            explanation=f"{asked} for {wanted}; the database allows {limit:,}, so {outcome}.",
            assumptions=(ALL_OR_NOTHING, ALL_CONNECTIONS_FOR_CLIENTS))
    pool = proxy.pool(limit)
    pinned = math.ceil(n * proxy.pinned_fraction)
    busy = pinned + math.ceil((n - pinned) * active)
    needed = busy * each
    opened = min(pool, needed)
    waiting = needed - opened
    outcome = (f"{opened:,} are open and {_count(waiting, 'request')} wait up to "
               f"{proxy.connection_borrow_timeout_s:,} s for one, then fail" if waiting
               else f"{opened:,} {_are(opened)} open and nothing waits")
    explanation = (
        f"{asked} RDS Proxy for {wanted}. At this moment {busy:,} of them {_are(busy)} pinned or "
        f"mid-transaction, needing {_count(needed, 'database connection')}. The proxy may open "
        f"{pool:,} ({proxy.max_connections_percent} % of the database's {limit:,}), so {outcome}.")
    return DbConnections(
        clients=n, connections_per_client=each, max_connections=limit, requested=n * each,
        open=opened, waiting=waiting, refused=0, proxy_pool=pool, explanation=explanation,
        assumptions=(PROXY_SNAPSHOT, ALL_CONNECTIONS_FOR_CLIENTS))


def _clients(value: object) -> int:
    """A count of clients, from a number, a one-function run or a timeline's pairs."""
    if isinstance(value, ConcurrencyRun):
        if len(value.concurrency) != 1:
            raise LambdaNetError.invalid("clients", f"a run of {len(value.concurrency)} functions",
                                         "a run of one function (use function_run)")
        return value.peak_environments()
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in value):
        return max(check_int(f"clients[{i}][1]", c, lo=0) for i, (_, c) in enumerate(value))
    return check_int("clients", value, lo=0)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _are(number: int) -> str:
    return "is" if number == 1 else "are"
