"""The exercise ``max-safe-concurrency``: how many environments a database's connections serve."""

from __future__ import annotations

import math
import random

from lambdanet_edu import default_max_connections
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    MYSQL_DB_T3_MICRO_MAX_CONNECTIONS,
    UNRESERVED_CONCURRENCY_MIN,
)

__all__ = ["MAX_SAFE_CONCURRENCY"]


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
        "connection. It is the cap you would want reserved concurrency to enforce to protect "
        "the database; ignore here the share of the account that reservations must leave "
        f"unreserved ({UNRESERVED_CONCURRENCY_MIN}). The checks compare your answer with "
        "`db_connections` and the account limit on many databases."
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
             "Lambda instead of failing at the database. (AWS accepts a reservation only if it "
             f"leaves at least {UNRESERVED_CONCURRENCY_MIN} of the account's concurrency "
             "unreserved, so when the account limit is what binds, you reserve a little less.)"),
)
