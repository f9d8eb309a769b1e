# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 4: watch a database drown as a function scales
#
# A function scales by adding execution environments, and every environment opens its own
# connections to the database. In this lesson you replay a sudden surge second by second with
# the `lambdanet_edu` model, watch the connections it asks for overtake the database's
# `max_connections`, then try the two standard fixes, reserved concurrency and RDS Proxy, and
# compare them.
#
# To run it yourself, `pip install` the model's wheel (the bar at the top of this page gives
# the exact command) and open the notebook in Jupyter. Everything runs offline in a second.
#
# The page [Scaling and your database](../../scaling/) explains the rules used here.

# %%
from fractions import Fraction

import lambdanet_edu as ln
from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP
from lambdanet_edu.scaling import simulate_concurrency

print(f"Today's rule: each function adds up to {SCALING_STEP:,} execution environments "
      f"every {SCALING_PERIOD_S} seconds.")

# %% [markdown]
# ## The scenario
#
# An `orders` function talks to PostgreSQL on an instance with 4 GiB of memory. Its code opens
# a small pool of connections in every execution environment during initialisation. The
# account's concurrency limit has been raised, so only the scaling rate and the database hold
# the function back. At second 0 a sale starts and demand jumps from nothing to a steady
# surge. These are the inputs; change them later in the "Try it" cells.

# %%
ENGINE, MEMORY_GIB = "postgres", 4
POOL = 2  # connections each execution environment opens
SURGE = 2_400  # concurrent requests wanted from second 0
SECONDS = 40
ACCOUNT_LIMIT = 4_000

max_connections = ln.default_max_connections(ENGINE, MEMORY_GIB)
print(f"{ENGINE} on {MEMORY_GIB} GiB: default max_connections {max_connections:,} "
      "(an upper bound: RDS subtracts the memory of the OS and its own processes)")
print(f"Each environment needs {POOL} connections, so the database can serve "
      f"{max_connections // POOL:,} environments.")

# %% [markdown]
# ## The surge, second by second
#
# `concurrency_timeline` gives the function's concurrency in each second under today's rule:
# a staircase, one step per period, until demand is met. For each second, `db_connections`
# says what the database does with that many environments each asking for `POOL`
# connections: how many connections are open and how many environments are refused with
# "Too many connections".

# %%
timeline = ln.concurrency_timeline(SURGE, seconds=SECONDS, account_limit=ACCOUNT_LIMIT)


def show(rows, every=5):
    """Print every `every`-th second of (second, concurrency, DbConnections) rows.

    The bar compares the database connections wanted with max_connections: ten # are the
    limit. Directly, every connection asked for is wanted from the database; behind a proxy,
    only those the proxy needs (open plus waiting).
    """
    print(f"{'second':>6} {'concurrency':>11} {'asked':>7} {'open':>6} {'waiting':>8} "
          f"{'refused':>8}  wanted from the database / max_connections")
    for second, concurrency, db in rows[::every]:
        wanted = db.requested if db.proxy_pool is None else db.open + db.waiting
        ratio = wanted / db.max_connections
        bar = "#" * min(40, round(10 * ratio))
        print(f"{second:>6} {concurrency:>11,} {db.requested:>7,} {db.open:>6,} "
              f"{db.waiting:>8,} {db.refused:>8,}  {bar} {ratio:.1f}x")


direct = [(t, c, ln.db_connections(c, connections_per_client=POOL,
                                   max_connections=max_connections))
          for t, c in timeline]
show(direct)

# %% [markdown]
# Ten `#` mark the database's limit. The database is full from the very first second: the
# first step alone brings far more environments than it can serve, and each further step
# only adds refused environments. Each refused environment fails its initialisation, so its
# request fails, and a client that retries at once sends it straight back at the database.
#
# When exactly did it tip over, and how far past the limit did it go?

# %%
first_refusal = next(t for t, c, db in direct if db.refused)
peak = max(direct, key=lambda row: row[2].refused)
print(f"First refusal at second {first_refusal}.")
print(f"Worst second: {peak[0]}, with {peak[1]:,} environments asking for "
      f"{peak[2].requested:,} connections; {peak[2].refused:,} environments refused.")
print(peak[2].explanation)

# %% [markdown]
# ## The old rule was no gentler
#
# Before November 2023 the account got a burst at once (its size depended on the Region) and
# then a fixed number more per minute. Replay the same surge under that rule in a Region with
# the largest burst and in one with the smallest.

# %%
for region in ("us-east-1", "eu-west-3"):
    old = ln.concurrency_timeline(SURGE, seconds=SECONDS, account_limit=ACCOUNT_LIMIT,
                                  scaling="pre-2023", initial_burst=region)
    refused = [ln.db_connections(c, connections_per_client=POOL,
                                 max_connections=max_connections).refused for _, c in old]
    print(f"pre-2023 in {region}: concurrency at second 0 = {old[0][1]:,}, "
          f"environments refused at second 0 = {refused[0]:,}, "
          f"at the last second = {refused[-1]:,}")

# %% [markdown]
# Either way the database is flooded in the first second. The scaling rate decides how fast
# the function grows; what the database can take is a separate limit that you must set
# yourself.
#
# ## Fix 1: reserved concurrency sized to the database
#
# Reserved concurrency caps the function (and guarantees it that much of the account's
# limit). Set it to the number of environments whose pools fit in `max_connections`. Lambda
# then throttles the extra requests with HTTP 429 before they ever reach the database.
# `simulate_concurrency` reports those throttled requests too.

# %%
safe = min(max_connections // POOL, ACCOUNT_LIMIT)
capped = simulate_concurrency({"orders": SURGE}, seconds=SECONDS, account_limit=ACCOUNT_LIMIT,
                              reserved_concurrency={"orders": safe})
reserved = [(t, c, ln.db_connections(c, connections_per_client=POOL,
                                     max_connections=max_connections))
            for t, c in capped.timeline("orders")]
print(f"Reserved concurrency: {safe:,}")
show(reserved)
print(f"Requests throttled per second at the peak: {max(capped.throttled['orders']):,}")

# %% [markdown]
# The database now stays exactly at its limit and refuses nobody. The price is plain: most
# of the surge is throttled. The function serves only what the database can hold with one
# pool per environment.
#
# ## Fix 2: RDS Proxy
#
# With RDS Proxy in front, each environment keeps one connection to the *proxy*. The proxy
# lends a database connection only while a transaction runs, so what matters is how many
# environments are mid-transaction at one moment. Say a request spends a tenth of its time in
# a transaction. The proxy's pool may use `MaxConnectionsPercent` of `max_connections`; keep
# the default here.

# %%
ACTIVE = Fraction(1, 10)  # share of the time an environment is mid-transaction
proxy = ln.RdsProxy()
# One connection per environment to the proxy; the chart below draws from these same settings.
PROXY_CALL = {"max_connections": max_connections, "proxy": proxy, "active_fraction": ACTIVE,
              "connections_per_client": 1}
pooled = [(t, c, ln.db_connections(c, **PROXY_CALL)) for t, c in timeline]
show(pooled)
print(pooled[-1][2].explanation)

# %% [markdown]
# Both runs drawn against `max_connections`: connections each second straight to the database,
# and through the proxy.

# %%
from IPython.display import HTML, display

from lambdanet_edu.pictures import db_connections_chart

proxy_chart = db_connections_chart(
    SURGE, max_connections=max_connections, seconds=SECONDS, account_limit=ACCOUNT_LIMIT,
    proxy=PROXY_CALL["proxy"], active_fraction=PROXY_CALL["active_fraction"],
    connections_per_client=POOL, proxy_connections_per_client=PROXY_CALL["connections_per_client"],
    id="lesson-db-connections")
display(HTML(proxy_chart))

# %% [markdown]
# The same surge, unthrottled, and the database holds only part of its connections: the
# "asked" column now counts connections to the proxy, not to the database. Nobody is refused;
# if the pool ran short, requests would wait up to `ConnectionBorrowTimeout` and then fail.
#
# Multiplexing stops where pinning starts. A session that changes its state (a `SET`, a
# temporary table, ...) is pinned to one database connection until it ends. Suppose one kind
# of request runs a `SET` statement, so a third of the sessions end up pinned:

# %%
PINNED = Fraction(1, 3)
pinned_proxy = ln.RdsProxy(pinned_fraction=PINNED)
pinned = [(t, c, ln.db_connections(c, max_connections=max_connections, proxy=pinned_proxy,
                                   active_fraction=ACTIVE))
          for t, c in timeline]
show(pinned)
print(pinned[-1][2].explanation)

# %% [markdown]
# Pinned sessions cost a database connection each, busy or not, so the proxy fills up and
# requests queue. The proxy turns refusals into waiting, which is better, but it cannot create
# connections the database does not have.
#
# ## Both together
#
# A proxy and a reservation combine: the proxy multiplexes, and the reservation stops the
# function at the point where even the multiplexed connections would no longer fit. With a
# pinned share and an active share, each environment needs on average
# `pinned + (1 - pinned) x active` database connections; the reservation is the pool divided
# by that.

# %%
per_environment = PINNED + (1 - PINNED) * ACTIVE
proxy_safe = min(int(proxy.pool(max_connections) / per_environment), ACCOUNT_LIMIT)
both_run = simulate_concurrency({"orders": SURGE}, seconds=SECONDS, account_limit=ACCOUNT_LIMIT,
                                reserved_concurrency={"orders": proxy_safe})
both = [(t, c, ln.db_connections(c, max_connections=max_connections, proxy=pinned_proxy,
                                 active_fraction=ACTIVE))
        for t, c in both_run.timeline("orders")]
print(f"Reserved concurrency behind the proxy: {proxy_safe:,} "
      f"(each environment needs {float(per_environment):.2f} database connections on average)")
show(both)

# %% [markdown]
# ## Compare
#
# One line per set-up, over the whole surge: the peak of each column and the requests Lambda
# throttled in total (request-seconds, since the model counts each second's excess).

# %%
no_throttling = simulate_concurrency({"orders": SURGE}, seconds=SECONDS,
                                     account_limit=ACCOUNT_LIMIT)
setups = {
    "direct": (direct, no_throttling),
    "reserved concurrency": (reserved, capped),
    "RDS Proxy": (pooled, no_throttling),
    "RDS Proxy, pinning": (pinned, no_throttling),
    "RDS Proxy + reserved": (both, both_run),
}
print(f"{'set-up':<22} {'peak served':>11} {'peak refused':>12} {'peak waiting':>12} "
      f"{'throttled':>10}")
for name, (rows, run) in setups.items():
    served = max(c - db.refused for _, c, db in rows)
    print(f"{name:<22} {served:>11,} {max(db.refused for *_, db in rows):>12,} "
          f"{max(db.waiting for *_, db in rows):>12,} {sum(run.throttled['orders']):>10,}")

# %% [markdown]
# Read the table from the database's side: *refused* means errors at the database, *waiting*
# means requests stuck in the proxy's queue, *throttled* means Lambda answered HTTP 429 before
# any database work began. The proxy serves far more environments from the same instance; the
# reservation turns the remaining overload into throttling, which callers can retry with
# backoff.
#
# ## Try it
#
# Change the inputs and run this cell: a bigger instance, a pool of one connection, a longer
# transaction share. Which set-up refuses nobody and throttles least?

# %%
MEMORY_GIB_TRY, POOL_TRY, ACTIVE_TRY = 8, 1, Fraction(1, 4)

limit_try = ln.default_max_connections(ENGINE, MEMORY_GIB_TRY)
for t, c in timeline[::10]:
    plain = ln.db_connections(c, connections_per_client=POOL_TRY, max_connections=limit_try)
    behind = ln.db_connections(c, max_connections=limit_try, proxy=ln.RdsProxy(),
                               active_fraction=ACTIVE_TRY)
    print(f"second {t:>2}: {c:>5,} environments | direct: {plain.refused:>5,} refused | "
          f"proxy: {behind.open:>4,} open, {behind.waiting:>5,} waiting")

# %% [markdown]
# ## Try it: a neighbour in the same account
#
# Reserved concurrency is also a guarantee. Add a `reports` function that surges at the same
# time in an account with the default limit. Without a reservation the two share what there is
# (the model splits it evenly; AWS does not say how it divides the pool). With one, `orders`
# can always run up to its reservation, whatever `reports` does. The reservation is a cap too:
# at the 300 below, `orders` runs fewer environments than its even share. Try a larger
# `RESERVE`, then one that leaves less than the required unreserved part of the account: the
# model refuses it with an error, as AWS would.

# %%
RESERVE = 300
for reservation in (None, {"orders": RESERVE}):
    run = simulate_concurrency({"orders": SURGE, "reports": SURGE}, seconds=1,
                               reserved_concurrency=reservation)
    print(f"reserved={reservation}: orders runs {run.concurrency['orders'][0]:,}, "
          f"reports runs {run.concurrency['reports'][0]:,} "
          f"(account limit {run.account_limit:,})")
