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
# # Lesson 1: which functions share which ENI, and a function's life
#
# The page [Where your function runs](../../where-it-runs/) explains that Lambda runs your code
# in its own VPC and reaches into yours through **Hyperplane ENIs**, one per account, subnet
# and set of security groups, and that a VPC function goes through the states Pending, Active
# and Inactive. This lesson works both out with the model, step by step.
#
# To run it yourself, install the `lambdanet_edu` model with `pip install` (the bar above gives
# the exact command), then run the cells from the top. Every number below is computed; change
# the inputs in the **Try it** cells and run them again.

# %%
import dataclasses

import lambdanet_edu as ln
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    ENI_DELETE_MINUTES,
    ENI_QUOTA_PER_VPC,
    INACTIVE_AFTER_IDLE_DAYS,
    MAX_SUBNETS_PER_FUNCTION,
)


def show(functions):
    """Print the Hyperplane ENIs the model gives for these functions and their versions."""
    enis = ln.hyperplane_enis(functions)
    print(f"{len(enis)} ENIs for {len(functions)} function{'s' * (len(functions) != 1)}:")
    for eni in enis:
        print("  ", eni)


# %% [markdown]
# ## 1. One function, then many
#
# A function in two subnets with one security group gets one ENI in each subnet.

# %%
api = ln.LambdaFunction("api", ["subnet-a", "subnet-b"], ["sg-app"])
show([api])

# %% [markdown]
# Add nine more functions with exactly the same `VpcConfig`. They join the same two ENIs:
# no new ENI, no new address.

# %%
team = [api] + [ln.LambdaFunction(f"job{i}", ["subnet-a", "subnet-b"], ["sg-app"])
                for i in range(1, 10)]
enis = ln.hyperplane_enis(team)
print(len(team), "functions,", len(enis), "ENIs")
for eni in enis:
    print(f"  {eni.subnet_id}: shared by {len(eni.used_by)} functions")

# %% [markdown]
# ## 2. What makes a new ENI
#
# The key is the **set** of security groups. In the model, listing the same groups in another
# order changes nothing (AWS does not say that order matters); adding a group, or using a
# subnet nobody used, does.

# %%
same_set = ln.LambdaFunction("audit", ["subnet-b", "subnet-a"], ["sg-app"])
extra_group = ln.LambdaFunction("reports", ["subnet-a"], ["sg-db", "sg-app"])
reordered = ln.LambdaFunction("exports", ["subnet-a"], ["sg-app", "sg-db"])
new_subnet = ln.LambdaFunction("cron", ["subnet-c"], ["sg-app"])
show([api, same_set, extra_group, reordered, new_subnet])

# %% [markdown]
# Drawn by the model: a small VPC holding `subnet-a`, `subnet-b` and `subnet-c`, with one box per
# Hyperplane ENI saying which functions share it.

# %%
from IPython.display import HTML, display

from lambdanet_edu.pictures import topology_diagram

example_vpc = ln.Vpc("vpc-lesson", "10.0.0.0/16",
                     subnets=[ln.Subnet(f"subnet-{x}", f"10.0.{i}.0/24")
                              for i, x in enumerate("abc", start=1)],
                     security_groups=[ln.SecurityGroup("sg-app"), ln.SecurityGroup("sg-db")])
# As HTML, the SVG sits inline: its title and description reach screen readers.
display(HTML(topology_diagram(example_vpc, [api, same_set, extra_group, reordered, new_subnet],
                              id="lesson-sharing")))

# %% [markdown]
# AWS describes the sharing among the functions of one **account**, and the model reads that
# strictly: the same subnet and groups used by a function in another account (a shared VPC,
# say) get their own ENI.

# %%
other_account = ln.LambdaFunction("api", ["subnet-a"], ["sg-app"], account_id="210987654321")
for eni in ln.hyperplane_enis([api, other_account]):
    print(eni.account_id, eni)

# %% [markdown]
# ## 3. Published versions keep their own combination
#
# A published version is frozen with the `VpcConfig` it had. Publish `api` twice, then move it
# to a new security group: the versions keep the old ENIs alive next to the new ones.

# %%
api_v2 = api.publish().publish()
moved = dataclasses.replace(api_v2, security_group_ids=["sg-app-v2"])
show([moved])

# %% [markdown]
# Delete the old versions you no longer run and the old ENIs have no user left: Lambda deletes
# them, which takes up to this many minutes:

# %%
cleaned = dataclasses.replace(moved, published_versions=())
show([cleaned])
print("Lambda needs up to", ENI_DELETE_MINUTES, "minutes to delete each ENI nobody uses.")

# %% [markdown]
# ## 4. How the count grows
#
# Ten functions in three subnets. In the first deployment they all share `sg-app`; in the
# second each function has its own security group. The ENI count, and so the addresses taken
# from your subnets, grows with the number of *combinations*, not the number of functions.

# %%
subnets = ["subnet-a", "subnet-b", "subnet-c"]
print("functions | shared group | a group each")
for n in (1, 2, 5, 10):
    shared = [ln.LambdaFunction(f"f{i}", subnets, ["sg-app"]) for i in range(n)]
    own = [ln.LambdaFunction(f"f{i}", subnets, [f"sg-{i}"]) for i in range(n)]
    print(f"{n:9} | {len(ln.hyperplane_enis(shared)):12} | {len(ln.hyperplane_enis(own)):12}")

# %% [markdown]
# ## 5. The two limits: connections per ENI and ENIs per VPC
#
# One ENI carries a limited number of connections. Past it, the model (like Lambda) adds ENIs
# for the same combination; how Lambda spreads them is not documented, so the model says which
# simplification it used.

# %%
busy = ln.LambdaFunction("busy", ["subnet-a"], ["sg-app"])
load = CONNECTIONS_PER_HYPERPLANE_ENI * 2 + 1
enis = ln.hyperplane_enis([busy], connections={"busy": load})
print(f"{load:,} connections need {len(enis)} ENIs:", [f"{e.connections:,}" for e in enis])
for assumption in enis[-1].assumptions:
    print("Assumed:", assumption.text)

# %% [markdown]
# The VPC's quota of Lambda Hyperplane ENIs is the limit you are more likely to meet, with many
# subnets and many distinct security-group sets. Functions that each use all the subnets a
# function may list and a security group of their own reach it quickly:

# %%
per_function = MAX_SUBNETS_PER_FUNCTION
needed = ENI_QUOTA_PER_VPC // per_function + 1
wide = [ln.LambdaFunction(f"svc{i}", [f"subnet-{s}" for s in range(per_function)], [f"sg-{i}"])
        for i in range(needed)]
try:
    ln.hyperplane_enis(wide)
except ln.QuotaExceeded as err:
    print(f"{needed} functions x {per_function} subnets:")
    print(err)

# %% [markdown]
# ### Try it: your own deployment
#
# Change the deployment below: add functions, give one of them another security group, publish
# a version and then change the function. Predict the ENI count before you run the cell.

# %%
mine = [
    ln.LambdaFunction("orders", ["subnet-a", "subnet-b"], ["sg-app"]).publish(),
    ln.LambdaFunction("billing", ["subnet-a", "subnet-b"], ["sg-app"]),
    ln.LambdaFunction("reports", ["subnet-a"], ["sg-app", "sg-db"]),
]
show(mine)

# %% [markdown]
# ## 6. A function's life: Pending, Active, Inactive
#
# `ln.lifecycle` plays events against a new VPC function. The events are `"create"`,
# `"eni_ready"`, `"invoke"`, `"idle N"` (N days with no invocation) and
# `"update_vpc_config"`.

# %%
events = ["create", "invoke", "eni_ready", "invoke",
          f"idle {INACTIVE_AFTER_IDLE_DAYS}", "invoke", "invoke", "eni_ready", "invoke"]
steps = ln.lifecycle(events)
for step in steps:
    print(f"{step.event:18} {step.state.value:9} {step.invocation or '':9} {step.explanation}")
print(sum(s.invocation == "fails" for s in steps), "of",
      sum(s.invocation is not None for s in steps), "invocations failed")

# %% [markdown]
# The invocation before `eni_ready` fails because the ENI does not exist yet. After the idle
# spell, both invocations before the next `eni_ready` fail: the one that found the function
# Inactive, and the one that came while Lambda was rebuilding the ENI.
#
# ### A rarely used function over a year
#
# Take a function called on a fixed schedule, every `period` days. When a call fails, the caller
# waits until the function is Active and calls again. How many calls fail in a year?

# %%
def failed_calls(period, days=365):
    events = ["create", "eni_ready"]
    for _ in range(days // period):
        events += [f"idle {period}", "invoke"]
        if ln.lifecycle(events)[-1].invocation == "fails":
            events += ["eni_ready", "invoke"]  # the caller retries once the ENI is back
    return sum(step.invocation == "fails" for step in ln.lifecycle(events)), days // period


for period in (1, 7, INACTIVE_AFTER_IDLE_DAYS - 1, INACTIVE_AFTER_IDLE_DAYS, 30):
    failures, calls = failed_calls(period)
    print(f"a call every {period:2} days: {calls:3} calls a year, {failures:2} failed first tries")

# %% [markdown]
# In the model, a schedule shorter than the idle limit never fails; at the limit or beyond,
# *every* scheduled call fails once. The model counts whole idle days, so treat the edge as
# approximate. A monthly job attached to a VPC needs a retry (or a cheap warm-up call
# comfortably more often than the limit).
#
# ### Try it: another schedule
#
# Change `period` and the number of days, or add an `"update_vpc_config"` event in the middle of
# an idle spell: does it reset the idle clock in the model? (AWS does not say whether a
# configuration change counts as activity; the model's answer is its own choice.)

# %%
period = 10
failures, calls = failed_calls(period, days=90)
print(f"every {period} days for 90 days: {calls} calls, {failures} failed")
events = ["create", "eni_ready", "idle 10", "update_vpc_config", "idle 10"]
print(ln.lifecycle(events)[-1].state.value)

# %% [markdown]
# ## What to remember
#
# - Lambda keys Hyperplane ENIs by account, subnet and security-group *set*; functions and
#   versions with the same combination share them, and a new combination costs one ENI per subnet.
# - Old published versions keep old combinations, and their ENIs, alive.
# - A new VPC function is Pending until its ENI exists; an idle one becomes Inactive, and the
#   first invocation after that fails.
