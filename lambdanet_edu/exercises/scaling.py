"""Exercises for the page "Scaling and your database".

Three rules the learner applies by hand, each checked against the model: how long today's
per-function scaling rate takes to reach a concurrency (``concurrency_timeline``), how many
execution environments a database's ``max_connections`` can serve when each opens its own pool
(``db_connections``), and what RDS Proxy holds open at one moment.
"""

from __future__ import annotations

import math
import random

from lambdanet_edu.databases import default_max_connections
from lambdanet_edu.exercises.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_BURSTS,
    LEGACY_RAMP_PER_MINUTE,
    MYSQL_DB_T3_MICRO_MAX_CONNECTIONS,
    PROXY_MAX_CONNECTIONS_PERCENT,
    SCALING_PERIOD_S,
    SCALING_STEP,
)

__all__ = ["EXERCISES"]

_MINUTE = 60
_REGION = "us-east-1"
_LEGACY_BURST = LEGACY_BURSTS[_REGION]

# ---------------------------------------------------------------------------------------------
# seconds-to-reach: today's rule, by the learner's own reasoning.


def _reach_today(target: int) -> int:
    return SCALING_PERIOD_S * ((target - 1) // SCALING_STEP)


def _reach_legacy(target: int) -> int:
    if target <= _LEGACY_BURST:
        return 0
    return _MINUTE * math.ceil((target - _LEGACY_BURST) / LEGACY_RAMP_PER_MINUTE)


def _target_case(target: int) -> Case:
    return Case(args=(target,), label=f"a target of {target:,} environments")


def _random_target(rng: random.Random) -> Case:
    return _target_case(rng.randint(1, 20 * SCALING_STEP))


SECONDS_TO_REACH = Exercise(
    id="seconds-to-reach",
    title="How long until the function is at full size?",
    statement=(
        f"A function in {_REGION} sits idle until second 0, when demand jumps to a steady "
        "`target` concurrent requests and stays there. The account's concurrency limit has "
        "been raised far above `target`, so only the scaling rate holds the function back.\n\n"
        "Write `seconds_to_reach(target)`: the first whole second at which the function runs "
        "`target` execution environments under today's rule. Count as the model does: at every "
        f"second, the environments the function created in the last {SCALING_PERIOD_S} seconds "
        f"(this one included) number at most {SCALING_STEP:,}. `target` is at least 1. The "
        "checks compare your answer with `concurrency_timeline` for many targets."
    ),
    entry="seconds_to_reach",
    starter=(
        "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
        "def seconds_to_reach(target):\n"
        "    # How many steps of SCALING_STEP does target need, and when does each come?\n"
        "    return 0\n"
    ),
    solution=(
        "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
        "def seconds_to_reach(target):\n"
        "    # The first step is granted at second 0; each further step one period later.\n"
        "    steps_after_the_first = (target - 1) // SCALING_STEP\n"
        "    return steps_after_the_first * SCALING_PERIOD_S\n"
    ),
    hints=(
        f"The window allows {SCALING_STEP:,} new environments in any {SCALING_PERIOD_S} "
        "seconds, and second 0 is inside the first window: how many environments run at "
        "second 0?",
        f"Up to {SCALING_STEP:,} are reached at second 0, up to {2 * SCALING_STEP:,} at second "
        f"{SCALING_PERIOD_S}, and so on. Count the steps after the first: "
        "`(target - 1) // SCALING_STEP`, then multiply by `SCALING_PERIOD_S`.",
    ),
    cases=tuple(_target_case(t) for t in (
        800, SCALING_STEP, SCALING_STEP + 1, 2_500, 4_200, 11_500)),
    misconceptions=(
        Misconception(
            key="instant", name="Thought scaling is instant",
            feedback=("Concurrency is capped by the account limit, but it is not reached at "
                      f"once: each function adds at most {SCALING_STEP:,} execution "
                      f"environments every {SCALING_PERIOD_S} seconds, so a large surge climbs "
                      "a staircase and the requests above it are throttled meanwhile."),
            predict=lambda target: 0,
            example="def seconds_to_reach(target):\n    return 0\n",
        ),
        Misconception(
            key="legacy_burst", name="Used the pre-2023 burst rule",
            feedback=(f"Before November 2023 an account in {_REGION} had an initial burst of "
                      f"{_LEGACY_BURST:,} and then gained {LEGACY_RAMP_PER_MINUTE} a minute. "
                      "That rule is gone: today each function scales on its own, "
                      f"{SCALING_STEP:,} environments every {SCALING_PERIOD_S} seconds, with "
                      "no burst."),
            predict=_reach_legacy,
            example=(
                "import math\n"
                "from lambdanet_edu.facts import LEGACY_BURSTS, LEGACY_RAMP_PER_MINUTE\n\n\n"
                "def seconds_to_reach(target):\n"
                f"    burst = LEGACY_BURSTS[{_REGION!r}]\n"
                "    if target <= burst:\n"
                "        return 0\n"
                "    return 60 * math.ceil((target - burst) / LEGACY_RAMP_PER_MINUTE)\n"
            ),
        ),
        Misconception(
            key="per_minute", name="Counted the step per minute",
            feedback=(f"The step of {SCALING_STEP:,} environments comes every "
                      f"{SCALING_PERIOD_S} seconds, not every minute: a function can add six "
                      "steps in a minute. A per-minute ramp belongs to the pre-2023 rule."),
            predict=lambda target: _MINUTE * ((target - 1) // SCALING_STEP),
            example=(
                "from lambdanet_edu.facts import SCALING_STEP\n\n\n"
                "def seconds_to_reach(target):\n"
                "    return 60 * ((target - 1) // SCALING_STEP)\n"
            ),
        ),
        Misconception(
            key="first_step_waits", name="Waited a period for the first step",
            feedback=(f"The first {SCALING_STEP:,} environments come at once: second 0 opens "
                      f"the first {SCALING_PERIOD_S}-second window. A target up to "
                      f"{SCALING_STEP:,} is reached at second 0, and each further step takes "
                      f"{SCALING_PERIOD_S} more seconds."),
            predict=lambda target: SCALING_PERIOD_S * math.ceil(target / SCALING_STEP),
            example=(
                "import math\n"
                "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
                "def seconds_to_reach(target):\n"
                "    return SCALING_PERIOD_S * math.ceil(target / SCALING_STEP)\n"
            ),
        ),
    ),
    random_case=_random_target,
    success=(f"Right: {SCALING_STEP:,} environments arrive at second 0 and each further "
             f"{SCALING_STEP:,} takes {SCALING_PERIOD_S} seconds, per function, whatever the "
             "Region. Before November 2023 the same surge waited on an account-wide burst and "
             "a per-minute ramp."),
)

# ---------------------------------------------------------------------------------------------
# max-safe-concurrency: fan-out against max_connections.


def _db_case(max_connections: int, pool: int, account_limit: int) -> Case:
    return Case(args=(max_connections, pool, account_limit),
                label=(f"max_connections {max_connections:,}, pools of {pool} and an account "
                       f"limit of {account_limit:,}"))


def _random_db(rng: random.Random) -> Case:
    limit = default_max_connections(rng.choice(("mysql", "postgres")), rng.choice((1, 2, 4, 8, 16)))
    return _db_case(limit, rng.randint(1, 10),
                    rng.choice((ACCOUNT_CONCURRENCY_DEFAULT, 2 * ACCOUNT_CONCURRENCY_DEFAULT,
                                10 * ACCOUNT_CONCURRENCY_DEFAULT)))


MAX_SAFE_CONCURRENCY = Exercise(
    id="max-safe-concurrency",
    title="How many environments can the database serve?",
    statement=(
        "Every execution environment of your function opens a pool of `connections_per_env` "
        "connections to an RDS database when it starts, and keeps it while it stays warm. The "
        "database allows `max_connections` connections (take all of them as free for the "
        "function), and the account's concurrency limit in the Region is `account_limit`.\n\n"
        "Write `max_safe_concurrency(max_connections, connections_per_env, account_limit)`: the "
        "highest concurrency the function can actually run at without the database refusing a "
        "connection. It is the reserved concurrency you would give the function to protect the "
        "database. The checks compare your answer with `db_connections` and the account limit "
        "on many databases."
    ),
    entry="max_safe_concurrency",
    starter=(
        "def max_safe_concurrency(max_connections, connections_per_env, account_limit):\n"
        "    # Which limit does the function hit first?\n"
        "    return account_limit\n"
    ),
    solution=(
        "def max_safe_concurrency(max_connections, connections_per_env, account_limit):\n"
        "    # Each environment needs its whole pool; a partial pool does not count.\n"
        "    environments_the_database_serves = max_connections // connections_per_env\n"
        "    # The function can never run more environments than the account allows.\n"
        "    return min(environments_the_database_serves, account_limit)\n"
    ),
    hints=(
        "How many connections does the database see when the function runs N environments?",
        "N environments open N x connections_per_env connections. Find the largest whole N "
        "that fits in max_connections (`//`), then cap it by the account limit with `min`.",
    ),
    cases=(
        _db_case(MYSQL_DB_T3_MICRO_MAX_CONNECTIONS, 5, ACCOUNT_CONCURRENCY_DEFAULT),
        _db_case(default_max_connections("postgres", 4), 1, ACCOUNT_CONCURRENCY_DEFAULT),
        _db_case(default_max_connections("mysql", 8), 3, ACCOUNT_CONCURRENCY_DEFAULT),
        _db_case(default_max_connections("postgres", 16), 1, ACCOUNT_CONCURRENCY_DEFAULT),
        _db_case(default_max_connections("postgres", 8), 2, 2 * ACCOUNT_CONCURRENCY_DEFAULT),
    ),
    misconceptions=(
        Misconception(
            key="ignored_pool", name="Forgot each environment opens its own pool",
            feedback=("Every execution environment is a separate sandbox with its own "
                      "connection pool, so N environments open N x connections_per_env "
                      "connections. Divide max_connections by the pool size."),
            predict=lambda limit, pool, account: min(limit, account),
            example=("def max_safe_concurrency(max_connections, connections_per_env, "
                     "account_limit):\n"
                     "    return min(max_connections, account_limit)\n"),
        ),
        Misconception(
            key="shared_pool", name="Thought environments share their connections",
            feedback=("Execution environments share nothing: each keeps its own pool, so the "
                      "connections multiply with concurrency and the database, not only the "
                      "account, limits how far the function can safely go."),
            predict=lambda limit, pool, account: account,
            example=("def max_safe_concurrency(max_connections, connections_per_env, "
                     "account_limit):\n"
                     "    return account_limit\n"),
        ),
        Misconception(
            key="account_as_database", name="Used the account limit instead of the database's",
            feedback=("The account concurrency limit counts execution environments, not "
                      "database connections. The connections the database accepts are its "
                      "max_connections: divide those by the pool size, then cap the result by "
                      "the account limit."),
            predict=lambda limit, pool, account: account // pool,
            example=("def max_safe_concurrency(max_connections, connections_per_env, "
                     "account_limit):\n"
                     "    return account_limit // connections_per_env\n"),
        ),
        Misconception(
            key="rounded_up", name="Counted an environment whose pool only partly fits",
            feedback=("An environment that cannot open its whole pool fails to initialise and "
                      "gets 'Too many connections', so round down: only whole pools fit."),
            predict=lambda limit, pool, account: min(math.ceil(limit / pool), account),
            example=("import math\n\n\n"
                     "def max_safe_concurrency(max_connections, connections_per_env, "
                     "account_limit):\n"
                     "    return min(math.ceil(max_connections / connections_per_env), "
                     "account_limit)\n"),
        ),
    ),
    random_case=_random_db,
    success=("Right: the database serves max_connections // connections_per_env whole pools, "
             "and the function never runs more environments than the account allows. Set that "
             "as the function's reserved concurrency and the surplus requests are throttled by "
             "Lambda instead of failing at the database."),
)

# ---------------------------------------------------------------------------------------------
# proxy-connections: RDS Proxy multiplexing and pinning at one moment.


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

EXERCISES: tuple[Exercise, ...] = (SECONDS_TO_REACH, MAX_SAFE_CONCURRENCY, PROXY_CONNECTIONS)
