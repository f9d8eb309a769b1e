"""The exercise ``protect-database``: the control that keeps a database under its limit.

A surge of orders meets a MySQL db.t3.micro. The learner builds the function's run with
:func:`~lambdanet_edu.scaling.function_run` and one or more controls (reserved concurrency,
provisioned concurrency, an SQS queue with a maximum concurrency); the judge asks
:func:`~lambdanet_edu.scaling.db_connections` what the database sees and the run whether any
caller was throttled.

Examples:
    >>> from lambdanet_edu.course.grading import grade
    >>> grade(PROTECT_DATABASE, PROTECT_DATABASE.solution).status
    'passed'
"""

from __future__ import annotations

from typing import Any, Final

from lambdanet_edu import ConcurrencyRun, db_connections
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import MYSQL_DB_T3_MICRO_MAX_CONNECTIONS

__all__ = ["DB_LIMIT", "PROTECT_DATABASE", "SURGE", "SURGE_SECONDS"]

#: Orders wanting to be processed at once, each second of the surge.
SURGE: Final = 400
SURGE_SECONDS: Final = 60
#: What the database allows: RDS for MySQL on a db.t3.micro, about 60 by default.
DB_LIMIT: Final = MYSQL_DB_T3_MICRO_MAX_CONNECTIONS


def _judge(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    if not isinstance(got, ConcurrencyRun) or len(got.concurrency) != 1:
        text = repr(got)
        return "no_control", ("run must be what function_run(...) returns, got "
                              f"{text if len(text) <= 80 else text[:77] + '...'}.")
    ((name, demand),) = got.demand.items()
    if demand != (SURGE,) * SURGE_SECONDS:
        return "no_control", (f"run must model the surge: function_run({SURGE}, "
                              f"seconds={SURGE_SECONDS}, ...).")
    seen = db_connections(got, max_connections=DB_LIMIT)
    if seen.refused:
        key = "provisioned_holds" if got.provisioned_concurrency else "no_control"
        return key, f"The model says: {seen.explanation}"
    throttled = sum(got.throttled[name])
    if throttled:
        return "reserved_throttles", (f"The database is safe ({seen.explanation}) but "
                                      f"{throttled:,} requests were throttled with 429 over the "
                                      f"{SURGE_SECONDS} seconds.")
    return None


_START = ("from lambdanet_edu import SqsEventSource, db_connections, function_run\n\n"
          f"# {SURGE} orders want processing at once, every second for {SURGE_SECONDS} s.\n"
          f"# The database (MySQL, db.t3.micro) allows {DB_LIMIT} connections, one per "
          "environment.\n")


def _run(controls: str) -> str:
    extra = f", {controls}" if controls else ""
    return (f"run = function_run({SURGE}, seconds={SURGE_SECONDS}{extra})\n"
            f"print(db_connections(run, max_connections={DB_LIMIT}).explanation)\n")


PROTECT_DATABASE = Exercise(
    id="protect-database",
    title="Keep the database under its limit during a surge",
    kind="value",
    entry="run",
    statement=(
        f"A sale sends {SURGE} orders a second to `orders`, each wanting its own invocation, "
        f"for {SURGE_SECONDS} seconds. Every execution environment opens one connection to a "
        f"MySQL db.t3.micro that allows {DB_LIMIT}. Nobody may be turned away: the order "
        "service must not see throttling errors, and orders may wait a little.\n\n"
        f"Assign `run = function_run({SURGE}, seconds={SURGE_SECONDS}, ...)` with the control "
        "or controls you choose: `reserved_concurrency=N`, `provisioned_concurrency=N`, or "
        "`event_source=SqsEventSource(maximum_concurrency=N)` (the orders go through an SQS "
        "queue). The check: `db_connections(run, max_connections="
        f"{DB_LIMIT})` refuses nobody, and `run.throttled` is all zeros."),
    starter=_START + "\n# Choose a control.\n" + _run(""),
    solution=(_START + "\n# A queue in front: the orders wait in SQS, and the pollers never run\n"
              "# more than 50 invocations at once.\n"
              + _run("event_source=SqsEventSource(maximum_concurrency=50)")),
    hints=(
        "Without a control, the function scales to the surge and each environment asks the "
        "database for a connection.",
        "Reserved concurrency caps the function, but what happens to the requests over the "
        "cap? Look at run.throttled.",
        "With an SQS queue in front, what the function cannot take yet waits in the queue "
        "(run.queued); SqsEventSource(maximum_concurrency=N) caps the pollers.",
    ),
    cases=(Case(label="your run"),),
    judge=_judge,
    misconceptions=(
        Misconception(
            key="no_control", name="Left the function uncapped",
            feedback=(f"Each environment holds a connection, and the function scales far past "
                      f"{DB_LIMIT}: the database refuses the rest with 'Too many connections'."),
            example=_START + _run("")),
        Misconception(
            key="reserved_throttles", name="Capped with reserved concurrency alone",
            feedback=("Reserved concurrency keeps the database safe, but Lambda throttles every "
                      "request over the cap (429) and the caller must retry or lose the order. "
                      "With a queue in front, the same surge waits in SQS instead."),
            example=_START + _run("reserved_concurrency=50")),
        Misconception(
            key="provisioned_holds", name="Expected provisioned concurrency to protect the "
                                          "database",
            feedback=("Provisioned concurrency makes environments ready before traffic comes; "
                      "it caps nothing. Those environments open their connections at init and "
                      "hold them, and the function still scales past them."),
            example=_START + _run("provisioned_concurrency=50")),
    ),
    success=("The orders wait in the queue and the pollers never run more than the maximum "
             "concurrency, so the database never sees more connections than it allows and no "
             "caller is throttled. Reserved concurrency alone would have kept the database "
             "safe too, but by throttling the order service. RDS Proxy is the other way: it "
             "makes clients wait for a pooled connection at the proxy."),
)
