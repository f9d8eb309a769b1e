"""The exercise ``proxy-connections``: what RDS Proxy holds open, and what waits, at one moment."""

from __future__ import annotations

import random

from lambdanet_edu import default_max_connections
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    MYSQL_DB_T3_MICRO_MAX_CONNECTIONS,
    PROXY_MAX_CONNECTIONS_PERCENT,
)

__all__ = ["PROXY_CONNECTIONS"]


def _ceil_percent(n: int, percent: int) -> int:
    return -(-n * percent // 100)


def _proxy(environments: int, limit: int, percent: int, pinned_percent: int,
           active_percent: int, *, pinning: bool = True, use_percent: bool = True,
           multiplex: bool = True) -> tuple[int, int]:
    pool = limit * percent // 100 if use_percent else limit
    pinned = _ceil_percent(environments, pinned_percent) if pinning else 0
    needed = (pinned + _ceil_percent(environments - pinned, active_percent) if multiplex
              else environments)
    opened = min(pool, needed)
    return (opened, needed - opened)


def _proxy_case(environments: int, limit: int, percent: int, pinned: int, active: int) -> Case:
    return Case(args=(environments, limit, percent, pinned, active),
                label=(f"{environments:,} environments, max_connections {limit:,}, "
                       f"MaxConnectionsPercent {percent}, {pinned} % pinned and {active} % "
                       "mid-transaction"))


def _random_proxy(rng: random.Random) -> Case:
    limit = default_max_connections(rng.choice(("mysql", "postgres")), rng.choice((1, 2, 4, 8)))
    return _proxy_case(rng.randint(0, 3 * ACCOUNT_CONCURRENCY_DEFAULT), limit,
                       rng.choice((20, 35, 55, PROXY_MAX_CONNECTIONS_PERCENT)),
                       rng.randint(0, 30), rng.randint(0, 50))


_PROXY_SIGNATURE = ("def proxy_connections(environments, max_connections, "
                    "max_connections_percent,\n"
                    "                      pinned_percent, active_percent):\n")

PROXY_CONNECTIONS = Exercise(
    id="proxy-connections",
    title="What does RDS Proxy hold open?",
    statement=(
        "RDS Proxy sits between the function and the database, and each of `environments` "
        "execution environments holds one connection to the proxy. The proxy may open at most "
        "`max_connections_percent` % of the database's `max_connections` (rounded down). "
        "`pinned_percent` % of the environments (rounded up) have pinned their session, so "
        "each keeps one database connection all the time. Of the others, `active_percent` % "
        "(rounded up) are mid-transaction at this moment and need a database connection; the "
        "rest need none.\n\n"
        "Write `proxy_connections(environments, max_connections, max_connections_percent, "
        "pinned_percent, active_percent)` returning a tuple `(open, waiting)`: the database "
        "connections open at this moment and the requests left waiting for one. The checks "
        "compare your answer with `db_connections(..., proxy=RdsProxy(...))`."
    ),
    entry="proxy_connections",
    starter=(
        "import math\n\n\n" + _PROXY_SIGNATURE
        + "    pool = max_connections  # the most the proxy may open\n"
          "    needed = environments  # database connections wanted right now\n"
          "    open_now = min(pool, needed)\n"
          "    return (open_now, needed - open_now)\n"
    ),
    solution=(
        "import math\n\n\n" + _PROXY_SIGNATURE
        + "    pool = max_connections * max_connections_percent // 100\n"
          "    pinned = math.ceil(environments * pinned_percent / 100)\n"
          "    # The proxy lends the others a connection only for a transaction.\n"
          "    active = math.ceil((environments - pinned) * active_percent / 100)\n"
          "    needed = pinned + active\n"
          "    open_now = min(pool, needed)\n"
          "    return (open_now, needed - open_now)\n"
    ),
    hints=(
        "Work out two numbers first: how many connections the proxy may open (its pool), and "
        "how many environments need a database connection right now.",
        "pool = max_connections * max_connections_percent // 100. Needed = the pinned "
        "environments (rounded up) plus active_percent of the remaining ones (rounded up). "
        "Open is the smaller of pool and needed; the rest wait.",
    ),
    cases=(
        _proxy_case(1_200, MYSQL_DB_T3_MICRO_MAX_CONNECTIONS, PROXY_MAX_CONNECTIONS_PERCENT, 0, 5),
        _proxy_case(800, default_max_connections("postgres", 4), 55, 10, 20),
        _proxy_case(2_000, default_max_connections("mysql", 8), 35, 5, 10),
    ),
    misconceptions=(
        Misconception(
            key="no_multiplexing", name="Thought the proxy keeps one connection per environment",
            feedback=("RDS Proxy multiplexes: an environment that is not pinned borrows a "
                      "database connection only for the length of a transaction, so the "
                      "environments between transactions need none."),
            predict=lambda *args: _proxy(*args, multiplex=False),
            example=("import math\n\n\n" + _PROXY_SIGNATURE
                     + "    pool = max_connections * max_connections_percent // 100\n"
                       "    open_now = min(pool, environments)\n"
                       "    return (open_now, environments - open_now)\n"),
        ),
        Misconception(
            key="ignored_pinning", name="Forgot that pinned sessions keep their connection",
            feedback=("A pinned session (one that changed session state, for example with a "
                      "SET statement) holds its database connection until it ends, busy or "
                      "not. Count every pinned environment, then the active share of the rest."),
            predict=lambda *args: _proxy(*args, pinning=False),
            example=("import math\n\n\n" + _PROXY_SIGNATURE
                     + "    pool = max_connections * max_connections_percent // 100\n"
                       "    needed = math.ceil(environments * active_percent / 100)\n"
                       "    open_now = min(pool, needed)\n"
                       "    return (open_now, needed - open_now)\n"),
        ),
        Misconception(
            key="ignored_percent", name="Ignored MaxConnectionsPercent",
            feedback=("The proxy never opens more than MaxConnectionsPercent of the "
                      "database's max_connections (you lower it to leave room for the "
                      "database's other clients). Its pool is max_connections x that "
                      "percentage, rounded down."),
            predict=lambda *args: _proxy(*args, use_percent=False),
            example=("import math\n\n\n" + _PROXY_SIGNATURE
                     + "    pinned = math.ceil(environments * pinned_percent / 100)\n"
                       "    needed = pinned + math.ceil((environments - pinned) * "
                       "active_percent / 100)\n"
                       "    open_now = min(max_connections, needed)\n"
                       "    return (open_now, needed - open_now)\n"),
        ),
    ),
    random_case=_random_proxy,
    success=("Right: the proxy serves the pinned sessions and the transactions in flight from "
             "a pool capped by MaxConnectionsPercent, and queues the rest for up to "
             "ConnectionBorrowTimeout instead of letting the database refuse them."),
)
