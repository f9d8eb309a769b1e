"""Numbers for the page "Scaling and your database", computed by the model at build time.

Scenario inputs (a surge of ``SURGE`` requests, a pool of ``POOL`` connections, ...) are chosen
here; every result is the model's. Nothing here types an AWS number.
"""

from __future__ import annotations

from fractions import Fraction

import lambdanet_edu as ln
from lambdanet_edu.course.topics.scaling.protect_database import DB_LIMIT, SURGE_SECONDS
from lambdanet_edu.course.topics.scaling.protect_database import SURGE as SURGE_ORDERS
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_BURST_OTHER_REGIONS,
    LEGACY_BURSTS,
    MYSQL_BYTES_PER_CONNECTION,
    MYSQL_DB_T3_MICRO_MAX_CONNECTIONS,
    SCALING_PERIOD_S,
)
from lambdanet_edu.pictures import db_connections_chart, db_controls_chart, scaling_chart
from lambdanet_edu.scaling import ENGINES, simulate_concurrency

__all__ = [
    "account_sharing",
    "concurrency_estimate",
    "connections_chart",
    "controls_chart",
    "controls_table",
    "fanout_example",
    "legacy_burst_table",
    "max_connections_table",
    "mysql_mib_per_connection",
    "proxy_table",
    "ramp_chart",
    "ramp_table",
    "reach_summary",
    "reserved_guard",
    "simplifications",
]

#: The concurrency estimate: requests per second and average duration in seconds.
RATE_PER_SECOND, DURATION_S = 40, Fraction(1, 2)
#: The surge of the ramp example: concurrent requests wanted from second 0.
SURGE = 6_000
#: An account limit raised well above the surge, so only the scaling rules show.
RAISED_LIMIT = 10 * ACCOUNT_CONCURRENCY_DEFAULT
#: Seconds shown in the ramp table (the later ones whole minutes).
RAMP_SECONDS = (0, 10, 20, 30, 50, 60, 2 * 60, 5 * 60, 10 * 60, 11 * 60)
#: The fan-out example: environments, and the connection pool each one opens.
ENVIRONMENTS = 800
POOL = 5
#: The proxy example: a 4 GiB PostgreSQL instance.
PROXY_ENGINE, PROXY_MEMORY_GIB = "postgres", 4
#: (share mid-transaction, share pinned) of the proxy rows.
PROXY_CASES = (
    (Fraction(1, 20), Fraction(0)),
    (Fraction(1, 20), Fraction(1, 4)),
    (Fraction(1, 20), Fraction(3, 5)),
    (Fraction(1), Fraction(0)),
)
#: Functions sharing the default account limit.
SHARED_DEMAND = 900
RESERVED = 700
#: Instance sizes of the max_connections table (nominal GiB).
MEMORIES_GIB = (1, 2, 4, 8, 16, 32, 64)

_REGIONS = {  # one Region per legacy burst size, for the ramp table
    "us-east-1": LEGACY_BURSTS["us-east-1"],
    "eu-central-1": LEGACY_BURSTS["eu-central-1"],
    "eu-west-3": LEGACY_BURST_OTHER_REGIONS,
}


def _rules() -> dict[str, list[int]]:
    seconds = max(RAMP_SECONDS) + 1
    today = ln.concurrency_timeline(SURGE, seconds=seconds, account_limit=RAISED_LIMIT)
    columns = {"Today, any Region": [c for _, c in today]}
    for region, burst in _REGIONS.items():
        legacy = ln.concurrency_timeline(SURGE, seconds=seconds, account_limit=RAISED_LIMIT,
                                         scaling="pre-2023", initial_burst=region)
        columns[f"Before Nov 2023, {region} (burst {burst:,})"] = [c for _, c in legacy]
    return columns


def _first_second(values: list[int], target: int) -> int:
    return next(t for t, c in enumerate(values) if c >= target)


def concurrency_estimate() -> str:
    """Concurrency from request rate and duration (Little's law), as a worked example.

    Examples:
        >>> concurrency_estimate()
        '40 requests a second that each take 0.5 s keep about 20 environments busy.'
    """
    rate, duration = RATE_PER_SECOND, DURATION_S
    return (f"{rate:,} requests a second that each take {float(duration):g} s keep about "
            f"{float(rate * duration):g} environments busy.")


def _tabbed(markdown: str) -> str:
    """Indent every line after the first, so a multi-line value stays inside a content tab."""
    return markdown.replace("\n", "\n    ")


def ramp_chart() -> str:
    """The ramp example as a chart: the surge under both rules, until the old one catches up.

    Examples:
        >>> ramp_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    region = next(iter(_REGIONS))  # the table's first pre-2023 column; the line names it
    old = simulate_concurrency({"f": SURGE}, seconds=max(RAMP_SECONDS) + 1,
                               account_limit=RAISED_LIMIT, scaling="pre-2023",
                               initial_burst=region)
    # Draw until a minute after the slower, pre-2023 rule meets the surge.
    until = _first_second(list(old.concurrency["f"]), SURGE) + 60
    return scaling_chart(SURGE, seconds=until + 1, account_limit=RAISED_LIMIT,
                         initial_burst=region, id="ramp-chart")


def connections_chart() -> str:
    """The proxy table's first two rows over time: the same environments, limit and proxy.

    The chart draws the scenario of :func:`proxy_table` (from :func:`_proxy_case`, the call that
    table makes), so its peak is the table's "direct" and first "RDS Proxy" rows.

    Examples:
        >>> connections_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    limit, proxy, active = _proxy_case(*PROXY_CASES[0])
    return db_connections_chart(ENVIRONMENTS, max_connections=limit, seconds=SCALING_PERIOD_S + 1,
                                account_limit=RAISED_LIMIT, proxy=proxy,
                                # exact, as db_connections takes it; the picture's annotation
                                # says float (a model typing gap, reported)
                                active_fraction=active,  # type: ignore[arg-type]
                                id="connections-chart")


def legacy_burst_table() -> str:
    """The pre-2023 initial burst by Region (indented for a content tab).

    Examples:
        >>> legacy_burst_table().splitlines()[0]
        '| Region | Initial burst (before November 2023) |'
    """
    rows = ["| Region | Initial burst (before November 2023) |", "|---|---|"]
    rows += [f"| `{region}` | {burst:,} |" for region, burst in LEGACY_BURSTS.items()]
    rows.append(f"| every other Region | {LEGACY_BURST_OTHER_REGIONS:,} |")
    return _tabbed("\n".join(rows))


def ramp_table() -> str:
    """Concurrency after a surge, second by second, under both rules.

    Examples:
        >>> ramp_table().splitlines()[0]
        '| Second | Today, any Region | Before Nov 2023, us-east-1 (burst 3,000) | Before Nov...'
    """
    columns = _rules()
    rows = ["| Second | " + " | ".join(columns) + " |",
            "|---:|" + "---:|" * len(columns)]
    rows += [f"| {t} | " + " | ".join(f"{v[t]:,}" for v in columns.values()) + " |"
             for t in RAMP_SECONDS]
    return "\n".join(rows)


def reach_summary() -> str:
    """How long the surge takes to be fully served under each rule.

    Examples:
        >>> reach_summary()
        'Demand jumps from nothing to **6,000** concurrent requests at second 0, in an account...'
    """
    columns = _rules()
    times = {name: _first_second(values, SURGE) for name, values in columns.items()}
    today, *legacy = times.items()
    old = ", ".join(f"{t:,} s in {region}" for region, (_, t) in zip(_REGIONS, legacy, strict=True))
    return (f"Demand jumps from nothing to **{SURGE:,}** concurrent requests at second 0, in an "
            f"account whose limit was raised to {RAISED_LIMIT:,}. Today the function serves all "
            f"of it from second **{today[1]:,}**, in any Region. Under the old rule it had to wait "
            f"{old}.")


def account_sharing() -> str:
    """Two functions in one default account, without and with a reservation.

    Examples:
        >>> account_sharing().splitlines()[0]
        'Two functions each want 900 concurrent executions in an account with the default limi...'
    """
    demands = {"api": SHARED_DEMAND, "reports": SHARED_DEMAND}
    free = simulate_concurrency(demands, seconds=1)
    held = simulate_concurrency(demands, seconds=1, reserved_concurrency={"api": RESERVED})
    rows = ["| Reserved concurrency | `api` runs | `reports` runs | requests throttled |",
            "|---|---:|---:|---:|"]
    for label, run in (("none", free), (f"`api`: {RESERVED:,}", held)):
        throttled = sum(v[0] for v in run.throttled.values())
        rows.append(f"| {label} | {run.concurrency['api'][0]:,} | "
                    f"{run.concurrency['reports'][0]:,} | {throttled:,} |")
    return (f"Two functions each want {SHARED_DEMAND:,} concurrent executions in an account with "
            f"the default limit of {free.account_limit:,}:\n\n" + "\n".join(rows))


def mysql_mib_per_connection() -> str:
    """MySQL's bytes-per-connection divisor in MiB, rounded for prose.

    Examples:
        >>> mysql_mib_per_connection()
        'about 12 MiB'
    """
    return f"about {MYSQL_BYTES_PER_CONNECTION / 2**20:.0f} MiB"


def max_connections_table() -> str:
    """RDS default max_connections by engine and nominal instance memory.

    Examples:
        >>> max_connections_table().splitlines()[0]
        '| Instance memory | `mysql` | `postgres` | `mariadb` |'
    """
    rows = ["| Instance memory | " + " | ".join(f"`{e}`" for e in ENGINES) + " |",
            "|---:|" + "---:|" * len(ENGINES)]
    rows += [f"| {gib} GiB | " + " | ".join(f"{ln.default_max_connections(e, gib):,}"
                                            for e in ENGINES) + " |"
             for gib in MEMORIES_GIB]
    return "\n".join(rows)


def fanout_example() -> str:
    """A function at ENVIRONMENTS environments with pools of POOL against a db.t3.micro.

    Examples:
        >>> fanout_example()
        "Take a function at 800 concurrent executions whose code opens a pool of 5 connections..."
    """
    direct = ln.db_connections(ENVIRONMENTS, connections_per_client=POOL,
                               max_connections=MYSQL_DB_T3_MICRO_MAX_CONNECTIONS)
    served = direct.clients - direct.refused
    return (f"Take a function at {ENVIRONMENTS:,} concurrent executions whose code opens a pool "
            f"of {POOL} connections in every execution environment, against a MySQL "
            f"db.t3.micro that allows about {MYSQL_DB_T3_MICRO_MAX_CONNECTIONS:,}. The model "
            f"says: *{direct.explanation}* Only {served:,} environments get a working pool.")


def _percent(share: Fraction) -> str:
    return f"{float(share * 100):g} %"


def _proxy_case(active: Fraction, pinned: Fraction) -> tuple[int, ln.RdsProxy, Fraction]:
    """The proxy example's database limit, proxy and share mid-transaction, for one row."""
    limit = ln.default_max_connections(PROXY_ENGINE, PROXY_MEMORY_GIB)
    return limit, ln.RdsProxy(pinned_fraction=pinned), active


def _proxy_rows() -> list[tuple[str, ln.DbConnections]]:
    limit = ln.default_max_connections(PROXY_ENGINE, PROXY_MEMORY_GIB)
    rows = [("direct, one connection each", ln.db_connections(ENVIRONMENTS, max_connections=limit))]
    for active, pinned in PROXY_CASES:
        label = f"RDS Proxy, {_percent(active)} mid-transaction"
        label += f", {_percent(pinned)} pinned" if pinned else ", none pinned"
        limit, proxy, share = _proxy_case(active, pinned)
        rows.append((label, ln.db_connections(ENVIRONMENTS, max_connections=limit, proxy=proxy,
                                              active_fraction=share)))
    return rows


def proxy_table() -> str:
    """The same environments directly and behind RDS Proxy, with and without pinning.

    Examples:
        >>> proxy_table().splitlines()[0]
        "800 execution environments, one connection each, against PostgreSQL on a 4 GiB instan..."
    """
    rows = _proxy_rows()
    limit = rows[0][1].max_connections
    table = ["| Connection path | connections open | requests waiting | environments refused |",
             "|---|---:|---:|---:|"]
    table += [f"| {label} | {r.open:,} | {r.waiting:,} | {r.refused:,} |" for label, r in rows]
    return (f"{ENVIRONMENTS:,} execution environments, one connection each, against PostgreSQL "
            f"on a {PROXY_MEMORY_GIB} GiB instance (default max_connections {limit:,}), with the "
            "proxy's default settings:\n\n" + "\n".join(table))


def reserved_guard() -> str:
    """Reserved concurrency sized to the database, during a surge.

    Examples:
        >>> reserved_guard()
        'With pools of 5 against the db.t3.micro, 60 // 5 = **12** environments fit. Reserve 1...'
    """
    limit = MYSQL_DB_T3_MICRO_MAX_CONNECTIONS
    safe = limit // POOL
    run = simulate_concurrency({"orders": ENVIRONMENTS}, seconds=SCALING_PERIOD_S,
                               reserved_concurrency={"orders": safe})
    running = run.concurrency["orders"][0]
    db = ln.db_connections(running, connections_per_client=POOL, max_connections=limit)
    return (f"With pools of {POOL} against the db.t3.micro, {limit:,} // {POOL} = **{safe:,}** "
            f"environments fit. Reserve {safe:,} for the function and, when {ENVIRONMENTS:,} "
            f"requests arrive at once, it runs {running:,} environments holding {db.open:,} "
            f"connections ({db.refused:,} refused), and Lambda throttles the other "
            f"{run.throttled['orders'][0]:,} requests with HTTP 429, which callers can retry.")


#: The model's simplifications this page's numbers rest on.
SIMPLIFICATION_KEYS = (
    "scaling_sliding_window", "scaling_per_second_demand", "scaling_legacy_from_surge",
    "scaling_fair_share", "db_nominal_memory", "db_all_or_nothing",
    "db_all_connections_for_clients", "db_proxy_snapshot",
    "provisioned_ready", "sqs_poller_ramp", "sqs_queue_waits",
)


def simplifications() -> str:
    """The simplifications behind this page's numbers, in the model's own words.

    Examples:
        >>> simplifications().splitlines()[0]
        '- **scaling_sliding_window**: The 2023 rule is read as a sliding window: in any 10 co...'
    """
    return "\n".join(f"- **{key}**: {ln.SIMPLIFICATIONS[key].text}" for key in SIMPLIFICATION_KEYS)


# --- controls that protect a database (the protect-database exercise's surge) --------------

#: Reserved concurrency and SQS maximum concurrency the controls section compares.
CONTROL_CAP = 50
#: Provisioned concurrency the controls section tries.
CONTROL_PROVISIONED = 80


def _control_runs() -> list[tuple[str, ln.ConcurrencyRun]]:
    return [
        ("no control", ln.function_run(SURGE_ORDERS, seconds=SURGE_SECONDS)),
        (f"reserved concurrency {CONTROL_CAP}",
         ln.function_run(SURGE_ORDERS, seconds=SURGE_SECONDS, reserved_concurrency=CONTROL_CAP)),
        (f"provisioned concurrency {CONTROL_PROVISIONED}",
         ln.function_run(SURGE_ORDERS, seconds=SURGE_SECONDS,
                         provisioned_concurrency=CONTROL_PROVISIONED)),
        (f"SQS queue, maximum concurrency {CONTROL_CAP}",
         ln.function_run(SURGE_ORDERS, seconds=SURGE_SECONDS,
                         event_source=ln.SqsEventSource(maximum_concurrency=CONTROL_CAP))),
    ]


def controls_table() -> str:
    """Each control under the protect-database surge: connections, refusals, throttles, waits.

    Examples:
        >>> controls_table().splitlines()[3]
        '| reserved concurrency 50 | 50 | 0 | 21,000 | 0 |'
    """
    rows = [f"| control | peak connections (the database allows {DB_LIMIT}) | refused | "
            "requests throttled | most waiting in the queue |", "|---|---|---|---|---|"]
    for label, run in _control_runs():
        db = ln.db_connections(run, max_connections=DB_LIMIT)
        waiting = max(run.queued.get("", ()), default=0)
        rows.append(f"| {label} | {run.peak_environments():,} | {db.refused:,} | "
                    f"{sum(run.throttled['']):,} | {waiting:,} |")
    proxy = ln.db_connections(_control_runs()[0][1], max_connections=DB_LIMIT,
                              proxy=ln.RdsProxy())
    rows.append(f"| RDS Proxy, no other control | {proxy.open:,} open, {proxy.waiting:,} waiting "
                f"at the proxy | {proxy.refused:,} | 0 | 0 |")
    return "\n".join(rows)


def controls_chart() -> str:
    """Connections the surge asks for: no control, reserved concurrency, an SQS queue.

    Examples:
        >>> controls_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    return db_controls_chart(SURGE_ORDERS, max_connections=DB_LIMIT, seconds=SURGE_SECONDS,
                             reserved=CONTROL_CAP, sqs_maximum=CONTROL_CAP,
                             id="controls-chart")
