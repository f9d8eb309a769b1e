"""How fast Lambda scales, and what that does to a database.

:mod:`~lambdanet_edu.scaling.timeline` models concurrency second by second (today's rule and
the pre-2023 one); :mod:`~lambdanet_edu.scaling.databases` turns concurrency into database
connections, with or without RDS Proxy. This package re-exports the names a reader needs.

Examples:
    >>> from lambdanet_edu.scaling import concurrency_timeline, db_connections
    >>> concurrency_timeline(1500, seconds=11, account_limit=3000)[::10]
    [(0, 1000), (10, 1500)]
"""

from lambdanet_edu.scaling.databases import (
    ENGINES,
    DbConnections,
    RdsProxy,
    db_connections,
    default_max_connections,
)
from lambdanet_edu.scaling.event_sources import SqsEventSource
from lambdanet_edu.scaling.timeline import (
    SCALING_RULES,
    ConcurrencyRun,
    Demand,
    concurrency_timeline,
    concurrency_timelines,
    function_run,
    simulate_concurrency,
)

__all__ = [
    "ENGINES",
    "SCALING_RULES",
    "ConcurrencyRun",
    "DbConnections",
    "Demand",
    "RdsProxy",
    "SqsEventSource",
    "concurrency_timeline",
    "concurrency_timelines",
    "db_connections",
    "default_max_connections",
    "function_run",
    "simulate_concurrency",
]
