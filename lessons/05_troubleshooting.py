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
# # Lesson 5: diagnose a function that does not work
#
# A function attached to a VPC that cannot reach what it calls does not fail loudly: it times
# out. In this lesson you diagnose broken VPCs with `can_reach`, predict how a create ends with
# `create_function_state`, and measure what a NAT gateway does to many connections with
# `nat_connections`. Every verdict and number below is computed by `lambdanet_edu`.
#
# To run it yourself, `pip install` the model's wheel (the bar at the top of this page gives
# the exact command) and open the notebook in Jupyter. Everything runs offline in a second.
#
# The page [When it does not work](../../troubleshooting/) explains the rules used here.

# %%
import dataclasses

import lambdanet_edu as ln
from lambdanet_edu.course.topics.troubleshooting.scenarios import BROKEN, ORDERS, dns_off_vpc

# %% [markdown]
# ## Four ways to time out
#
# Each scenario is a VPC in which `orders` (in the two private subnets) times out. The model
# names the hop that stops the connection; the fix makes it reachable.

# %%
for broken in BROKEN:
    before = ln.can_reach(broken.vpc, ORDERS, broken.destination)
    after = ln.can_reach(broken.fixed, ORDERS, broken.destination)
    hop = before.blocked_at
    print(f"{broken.key:15} stops at {hop.component} {hop.component_id}; "
          f"after the fix: reachable={after.reachable}")

# %% [markdown]
# ## The DNS attributes
#
# The VPC below has an interface endpoint for Secrets Manager with private DNS on, and no NAT
# gateway. Read what the model says, then turn the two attributes on.

# %%
from IPython.display import HTML, display

from lambdanet_edu.pictures import topology_diagram

vpc = dns_off_vpc()
verdict = ln.can_reach(vpc, ORDERS, "secretsmanager")
print(verdict.explanation)
display(HTML(topology_diagram(vpc, [ORDERS], verdict=verdict, id="lesson-dns-off")))

# %% [markdown]
# ## Try it: one attribute or two
#
# Set `SUPPORT` and `HOSTNAMES` and run the cell again. Which combinations reach Secrets
# Manager?

# %%
SUPPORT, HOSTNAMES = True, False

trial = dataclasses.replace(vpc, enable_dns_support=SUPPORT, enable_dns_hostnames=HOSTNAMES)
print("reachable:", ln.can_reach(trial, ORDERS, "secretsmanager").reachable)

# %% [markdown]
# ## How a create ends
#
# Lambda makes the function's network interfaces during a create or an update. If it cannot,
# the function is `Failed` with a `StateReasonCode`.

# %%
start = ln.starter_vpc()
for options in ({}, {"role_actions": ["logs:*"]}, {"existing_hyperplane_enis": 499},
                {"other_enis": {"subnet-private-a": ln.usable_ips("10.0.1.0/24")}}):
    outcome = ln.create_function_state(ORDERS, start, **options)
    print(outcome.state, outcome.reason_code)

# %% [markdown]
# The same event in the function's life: a failed create, the failed invocation, and the update
# that starts over.

# %%
for step in ln.lifecycle(["create", "fail EniLimitExceeded", "invoke", "update_vpc_config",
                          "eni_ready", "invoke"]):
    print(f"{step.event:24} {step.state.value:8} {step.invocation or ''}")

# %% [markdown]
# ## NAT gateway limits
#
# One address carries a limited number of connections to each unique destination; more
# addresses raise the ceiling. Idle connections are dropped after the idle timeout.

# %%
for addresses in (1, 2):
    nat = ln.NatGateway("nat-a", "subnet-public-a", elastic_ips=addresses)
    usage = ln.nat_connections(nat, 100_000)
    print(f"{addresses} address(es): {usage.port_allocation_errors:,} connections fail")

# %% [markdown]
# ## Try it: keepalives
#
# A pool sends a keepalive every `KEEPALIVE_S` seconds, so no connection is idle longer than
# that. Find the largest value that keeps every connection alive.

# %%
KEEPALIVE_S = 400

pooled = ln.nat_connections(ln.NatGateway("nat-a", "subnet-public-a"), 20,
                            idle_seconds=KEEPALIVE_S)
print(pooled.explanation)

# %%
# Any interval under the timeout keeps the pool alive; the largest whole second is one less.
largest = ln.fact("nat_idle_timeout_s").value - 1
print(largest, ln.nat_connections(ln.NatGateway("nat-a", "subnet-public-a"), 20,
                                  idle_seconds=largest).ok)
