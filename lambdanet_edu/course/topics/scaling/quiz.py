"""The quiz for "Scaling and your database": scaling rate, reserved concurrency, connections.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['seconds-to-reach', 'rate-per-function', 'reserved-cap', 'most-to-reserve', 'pool-refused',
     'proxy-open', 'queue-cap', 'over-the-cap', 'provisioned-hold']
"""

from __future__ import annotations

import math

from lambdanet_edu import RdsProxy, concurrency_timeline, db_connections, default_max_connections
from lambdanet_edu.course.quizzes.format import (
    Choice,
    Misconception,
    MistakeKind,
    Parts,
    Question,
    Quiz,
)
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_RAMP_PER_MINUTE,
    SCALING_PERIOD_S,
    SCALING_STEP,
    UNRESERVED_CONCURRENCY_MIN,
)

__all__ = ["QUIZ"]

_MINUTE_S = 60


def _first_second_at(demand: int, account_limit: int) -> int:
    seconds = SCALING_PERIOD_S * (math.ceil(demand / SCALING_STEP) + 1)
    timeline = concurrency_timeline(demand, seconds=seconds, account_limit=account_limit)
    return next(second for second, concurrency in timeline if concurrency >= demand)


def _seconds(demand: int, account_limit: int) -> Parts:
    seconds = _first_second_at(demand, account_limit)
    return Parts(
        prompt=(f"Today a function may add {SCALING_STEP:,} execution environments every "
                f"{SCALING_PERIOD_S} seconds. Demand jumps from nothing to {demand:,} concurrent "
                f"requests at second 0, in an account whose limit is {account_limit:,}. At which "
                "second does the function first run all of them?"),
        answer=seconds,
        explanation=(f"{SCALING_STEP:,} at second 0, {SCALING_STEP:,} more each "
                     f"{SCALING_PERIOD_S} seconds: {demand:,} is reached at second {seconds}."))


SECONDS = Question(
    id="seconds-to-reach", kind="number", scenario=_seconds, unit="seconds",
    variants=({"demand": 2500, "account_limit": 3000}, {"demand": 4200, "account_limit": 6000},
              {"demand": 1800, "account_limit": 2000}),
    misconceptions=(
        Misconception(
            name="Thought concurrency jumps to demand at once",
            explanation=("A function grows by a fixed step every few seconds, up to its demand "
                         "or the account limit."),
            predict=lambda demand, account_limit: 0),
        Misconception(
            name="Added the step once a minute",
            explanation=(f"The step comes every {SCALING_PERIOD_S} seconds; the old rule's "
                         f"+{LEGACY_RAMP_PER_MINUTE} a minute is gone."),
            predict=lambda demand, account_limit: (
                (math.ceil(demand / SCALING_STEP) - 1) * _MINUTE_S)),
    ),
    mistakes=(
        MistakeKind(
            name="One scaling period out",
            explanation=(f"Your second is one scaling period ({SCALING_PERIOD_S} seconds) from "
                         f"the model's: count the steps again. The first {SCALING_STEP:,} "
                         "environments come at second 0, not after a period."),
            # One step before or after the second the model's timeline gives.
            predict=lambda answer, demand, account_limit: (
                answer - SCALING_PERIOD_S, answer + SCALING_PERIOD_S)),
    ))


def _rate_per_function() -> Parts:
    return Parts(
        prompt="Two functions in one account surge at the same moment. How do they scale today?",
        choices=(
            Choice(text=(f"Each adds up to {SCALING_STEP:,} environments every "
                         f"{SCALING_PERIOD_S} seconds, sharing only the account limit"),
                   correct=True, explanation="Since November 2023 the rate is per function."),
            Choice(text="They share one initial burst, then grow together each minute",
                   misconception="Applied the pre-2023 account-wide rule",
                   explanation="That was the rule before November 2023."),
            Choice(text="Both reach their full demand at once",
                   misconception="Thought concurrency jumps to demand at once",
                   explanation="Each function grows step by step."),
        ),
        explanation=("Today's scaling rate is per function; the functions compete only for the "
                     "account's concurrency limit."))


def _reserved(demand: int, reserved: int) -> Parts:
    return Parts(
        prompt=(f"A function with reserved concurrency {reserved} meets a steady demand of "
                f"{demand} concurrent requests. What does the code give?"),
        code=("import lambdanet_edu as ln\n\n"
              f"timeline = ln.concurrency_timeline({demand}, reserved_concurrency={reserved})\n"
              "max(concurrency for second, concurrency in timeline)\n"),
        explanation=("Reserved concurrency is a cap as well as a guarantee: the function never "
                     "runs more than [[answer]] environments; the other requests are throttled."))


RESERVED = Question(
    id="reserved-cap", kind="predict", answer_input="number", scenario=_reserved,
    unit="environments",
    variants=({"demand": 800, "reserved": 200}, {"demand": 600, "reserved": 340}),
    misconceptions=(
        Misconception(
            name="Thought reserved concurrency is only a minimum",
            explanation="A reservation also caps the function: requests past it are throttled.",
            predict=lambda demand, reserved: max(c for _, c in concurrency_timeline(demand))),
    ))


def _most(account_limit: int) -> Parts:
    most = account_limit - UNRESERVED_CONCURRENCY_MIN
    return Parts(
        prompt=(f"An account's concurrency limit is {account_limit:,}. What is the most reserved "
                "concurrency one function can get, if no other function reserves any?"),
        answer=most,
        explanation=(f"Reservations must leave {UNRESERVED_CONCURRENCY_MIN} unreserved for the "
                     f"other functions: {account_limit:,} - {UNRESERVED_CONCURRENCY_MIN} = "
                     f"{most:,}."))


MOST = Question(
    id="most-to-reserve", kind="number", scenario=_most, unit="environments",
    variants=({"account_limit": ACCOUNT_CONCURRENCY_DEFAULT}, {"account_limit": 3000},
              {"account_limit": 1500}),
    misconceptions=(
        Misconception(
            name="Reserved the whole account limit",
            explanation=(f"AWS keeps at least {UNRESERVED_CONCURRENCY_MIN} unreserved so the "
                         "account's other functions can run."),
            predict=lambda account_limit: account_limit),
    ))


def _pool(clients: int, pool_size: int, memory_gib: int) -> Parts:
    limit = default_max_connections("postgres", memory_gib)
    outcome = db_connections(clients, connections_per_client=pool_size, max_connections=limit)
    return Parts(
        prompt=(f"{clients} execution environments each open a pool of {pool_size} connections "
                f"to a PostgreSQL database that allows {limit} connections. How many "
                "environments are refused (an environment gets its whole pool or nothing)?"),
        answer=outcome.refused,
        explanation=(f"{limit} connections make room for {limit // pool_size} whole pools of "
                     f"{pool_size}; the other {outcome.refused} environments are refused."))


POOL = Question(
    id="pool-refused", kind="number", scenario=_pool, unit="environments",
    variants=({"clients": 200, "pool_size": 5, "memory_gib": 1},
              {"clients": 300, "pool_size": 2, "memory_gib": 2},
              {"clients": 480, "pool_size": 10, "memory_gib": 4}),
    misconceptions=(
        Misconception(
            name="Counted one connection per environment",
            explanation="Each environment opens its whole pool, so the connections multiply.",
            predict=lambda clients, pool_size, memory_gib: db_connections(
                clients, max_connections=default_max_connections("postgres", memory_gib)).refused),
        Misconception(
            name="Thought the database queues the extra connections",
            explanation=("Without a proxy the database refuses connections past its limit; "
                         "nothing waits."),
            predict=lambda clients, pool_size, memory_gib: 0),
    ))


def _proxy(clients: int, percent_active: int) -> Parts:
    limit = default_max_connections("mysql", 2)
    return Parts(
        prompt=(f"{clients:,} environments connect through RDS Proxy to a MySQL database "
                f"allowing {limit}; each is mid-transaction {percent_active} % of the time. How "
                "many database connections are open at that moment?"),
        code=("import lambdanet_edu as ln\n\n"
              f'limit = ln.default_max_connections("mysql", 2)  # {limit}\n'
              f"result = ln.db_connections({clients}, max_connections=limit, proxy=ln.RdsProxy(),\n"
              f"                           active_fraction={percent_active / 100})\n"
              "result.open\n"),
        explanation=("The proxy lends a database connection only for a transaction, so it needs "
                     "connections for the clients mid-transaction: [[answer]]."))


PROXY = Question(
    id="proxy-open", kind="predict", answer_input="number", scenario=_proxy, unit="connections",
    variants=({"clients": 1200, "percent_active": 5}, {"clients": 800, "percent_active": 10}),
    misconceptions=(
        Misconception(
            name="Thought the proxy opens one connection per client",
            explanation=("The proxy multiplexes: clients share connections between "
                         "transactions."),
            predict=lambda clients, percent_active: min(
                clients, RdsProxy().pool(default_max_connections("mysql", 2)))),
    ))

def _queue_cap(maximum: int, surge: int) -> Parts:
    return Parts(
        prompt=(f"{surge} orders a second arrive through an SQS queue whose event source has "
                f"maximum concurrency {maximum}. Each environment holds one connection to a "
                "database that allows 60. How many connections does the database hold at most "
                "during the first minute?"),
        code=("import lambdanet_edu as ln\n\n"
              f"queue = ln.SqsEventSource(maximum_concurrency={maximum})\n"
              f"run = ln.function_run({surge}, seconds=60, event_source=queue)\n"
              "ln.db_connections(run, max_connections=60).open\n"),
        explanation=("The pollers never run more than the maximum concurrency, so the function "
                     "never has more environments: [[answer]] connections. The rest of the "
                     "orders wait in the queue."))


QUEUE_CAP = Question(
    id="queue-cap", kind="predict", answer_input="number", scenario=_queue_cap,
    unit="connections",
    variants=({"maximum": 20, "surge": 400}, {"maximum": 50, "surge": 800}),
    misconceptions=(
        Misconception(
            name="Thought the queue changes nothing for the database",
            explanation="The maximum concurrency caps the invocations, and so the environments.",
            predict=lambda maximum, surge: min(surge, 60)),
    ))


def _over_the_cap() -> Parts:
    return Parts(
        prompt=("An API calls a function synchronously; reserved concurrency caps it at 50 to "
                "protect a database. During a surge, what happens to the 51st concurrent "
                "request?"),
        choices=(
            Choice(text="Lambda throttles it (429); the caller must retry", correct=True,
                   explanation="Reserved concurrency caps; it does not queue."),
            Choice(text="It waits in a queue until an environment is free",
                   misconception="Thought reserved concurrency queues the excess",
                   explanation=("Only a queue in front (SQS) makes work wait; a synchronous "
                                "caller over the cap is refused.")),
            Choice(text="It runs anyway, and the database refuses the connection",
                   misconception="Thought reserved concurrency is only a minimum",
                   explanation="The reservation is also the function's maximum."),
        ),
        explanation=("Reserved concurrency protects the database by throttling callers. Put "
                     "an SQS queue in front with a maximum concurrency, and the same surge "
                     "waits in the queue instead."))


def _provisioned_hold(provisioned: int) -> Parts:
    return Parts(
        prompt=(f"A function has provisioned concurrency {provisioned} and no traffic yet. "
                "Each environment opens one database connection during init. How many "
                "connections does it ask the database for?"),
        code=("import lambdanet_edu as ln\n\n"
              f"run = ln.function_run(0, seconds=10, provisioned_concurrency={provisioned})\n"
              "ln.db_connections(run, max_connections=1000).requested\n"),
        explanation=("Provisioned environments are initialised before traffic and keep what "
                     "they opened at init: [[answer]] connections, busy or not."))


PROVISIONED_HOLD = Question(
    id="provisioned-hold", kind="predict", answer_input="number",
    scenario=_provisioned_hold, unit="connections",
    variants=({"provisioned": 40}, {"provisioned": 90}),
    misconceptions=(
        Misconception(
            name="Thought idle environments hold no connections",
            explanation="They opened their connections during init and keep them.",
            predict=lambda provisioned: 0),
    ))

#: The page's quiz.
QUIZ = Quiz(id="scaling", title="Scaling and your database", questions=(
    SECONDS,
    Question(id="rate-per-function", kind="single", scenario=_rate_per_function),
    RESERVED, MOST, POOL, PROXY,
    QUEUE_CAP,
    Question(id="over-the-cap", kind="single", scenario=_over_the_cap),
    PROVISIONED_HOLD,
))
