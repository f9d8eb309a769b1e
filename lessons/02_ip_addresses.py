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
# # Lesson 2: sizing subnets for ten functions, today and before 2019
#
# The page [IP addresses and subnets](../../ip-addresses/) gives the rules. This lesson uses
# them on a realistic deployment of ten functions:
#
# 1. how many addresses the ten functions take today, and how many they took before 2019;
# 2. the smallest subnet each rule needs, next to a database and a few interface endpoints;
# 3. the concurrency at which the old rule fills a /24;
# 4. what still adds addresses today, and the quota on Hyperplane ENIs.
#
# Every number below is computed by `lambdanet_edu`, the model behind the site's exercises. To
# run the lesson yourself, `pip install` the model's wheel (the bar at the top of the page has
# the exact command), download the notebook and run the cells from top to bottom.

# %%
from dataclasses import replace

import lambdanet_edu as ln

RESERVED = ln.FACTS["reserved_ips_per_subnet"].value
print(f"AWS reserves {RESERVED} addresses in every subnet.")

# %% [markdown]
# ## The subnets
#
# Two /24 subnets, one per Availability Zone: the usual layout for a function that must survive
# the loss of a zone. Each one loses the reserved addresses before Lambda places anything.

# %%
subnets = [
    ln.Subnet("subnet-a", "10.0.0.0/24", availability_zone="eu-west-1a"),
    ln.Subnet("subnet-b", "10.0.1.0/24", availability_zone="eu-west-1b"),
]
for subnet in subnets:
    print(f"{subnet.subnet_id} {subnet.cidr}: {subnet.total_ips} addresses, "
          f"{subnet.usable_ips} usable")
for reserved in subnets[1].reserved_addresses:
    print(f"  {reserved.address}: {reserved.purpose}")

# %% [markdown]
# In `subnet-b` the DNS address, `10.0.1.2`, is still reserved, although the DNS server itself
# answers at the VPC's base plus two (`10.0.0.2` in a `10.0.0.0/16` VPC).
#
# ## Ten functions
#
# Seven functions only need the application's security group, `sg-app`. Three also talk to the
# database, so they carry `sg-app` and `sg-db`. All ten are attached to both subnets. Memory
# and peak concurrency differ from function to function; the peaks only matter to the old
# rule.

# %%
SPECS = {  # name: (security groups, memory in MB, peak concurrent executions)
    "api": (["sg-app"], 512, 300),
    "orders": (["sg-app"], 1024, 200),
    "payments": (["sg-app", "sg-db"], 1024, 80),
    "invoices": (["sg-db", "sg-app"], 512, 40),
    "emails": (["sg-app"], 256, 60),
    "thumbnails": (["sg-app"], 2048, 150),
    "search": (["sg-app"], 1536, 90),
    "reports": (["sg-app", "sg-db"], 1024, 20),
    "export": (["sg-app"], 2048, 30),
    "audit": (["sg-app"], 256, 10),
}
functions = [ln.LambdaFunction(name, ["subnet-a", "subnet-b"], groups, memory_mb=memory)
             for name, (groups, memory, _) in SPECS.items()]
peaks = {name: peak for name, (_, _, peak) in SPECS.items()}
print(f"{len(functions)} functions, {sum(peaks.values()):,} concurrent executions at the peak")

# %% [markdown]
# ## Today: one ENI per subnet and security-group set
#
# `invoices` lists its groups in a different order from `payments` and `reports`, but the set is
# the same, so the three share ENIs.

# %%
enis = ln.hyperplane_enis(functions)
for eni in enis:
    print(eni)
print(f"\n{len(enis)} Hyperplane ENIs for {len(functions)} functions")

# %% [markdown]
# ## Before 2019: ENIs grew with concurrency and memory
#
# The old rule gave each function `peak x memory / 3 GB` ENIs. `legacy_eni_count` rounds that up
# to whole ENIs (the model's convention: AWS gave no worked example). The model also spreads a
# function's ENIs evenly over its subnets, which AWS did not describe either.

# %%
total = 0
for fn in functions:
    count = ln.legacy_eni_count(peaks[fn.name], fn.memory_mb)
    total += count
    print(f"{fn.name:>10}: peak {peaks[fn.name]:>3} x {fn.memory_mb:>4} MB -> {count:>3} ENIs")
print(f"{'total':>10}: {total} ENIs")

# %% [markdown]
# `compare_ip_models` puts both rules side by side for each subnet. Each subnet also holds a
# database instance and three interface endpoints (say SQS, Secrets Manager and STS): four more
# addresses that Lambda competes with.

# %%
OTHERS = {"subnet-a": 4, "subnet-b": 4}
comparison = ln.compare_ip_models(subnets, functions, OTHERS, peak_concurrency=peaks)
for row in comparison.values():
    print("today:     ", row.hyperplane)
    print("before 2019:", row.legacy)

# %% [markdown]
# ## The smallest subnet that fits
#
# A subnet must hold Lambda's ENIs plus everything else in it. The helper below returns the
# smallest subnet size (the longest prefix) whose usable addresses cover a need. It walks from
# the smallest subnet AWS allows to the largest.

# %%
SMALLEST = ln.FACTS["subnet_max_prefix"].value
LARGEST = ln.FACTS["subnet_min_prefix"].value


def smallest_prefix(needed: int) -> int | None:
    """The longest prefix whose subnet has at least ``needed`` usable addresses."""
    for prefix in range(SMALLEST, LARGEST - 1, -1):
        if ln.usable_ips(f"10.0.0.0/{prefix}") >= needed:
            return prefix
    return None  # more than the largest subnet holds


for row in comparison.values():
    for name, usage in (("today", row.hyperplane), ("before 2019", row.legacy)):
        prefix = smallest_prefix(usage.used)
        print(f"{row.subnet_id}, {name}: needs {usage.used} addresses -> a /{prefix} "
              f"({ln.usable_ips(f'10.0.0.0/{prefix}')} usable)")

# %% [markdown]
# Compare the two prefixes for each subnet. Today's need does not change however far the
# functions scale (short of the connection limit per ENI). The pre-2019 need is for these peaks
# only: raise them and it grows, as the next section shows.
#
# ### Leave headroom
#
# The smallest subnet that fits today's need is too tight to deploy. Lambda may delete and
# recreate an ENI (to balance load or after a failed health check), and the new one needs a
# free address while the old one goes; past the connection limit per ENI it adds overflow
# ENIs; and every new security-group combination a function gets takes one more address in
# each of its subnets. A subnet with no free address turns the next create or update into a
# `Failed` function with `SubnetOutOfIPAddresses`. The cell below sizes for twice today's need,
# a rule of thumb of ours, not an AWS figure.

# %%
HEADROOM = 2  # our rule of thumb: room for as many ENIs again

for row in comparison.values():
    need = row.hyperplane.used
    prefix = smallest_prefix(HEADROOM * need)
    print(f"{row.subnet_id}: needs {need} today; with headroom {HEADROOM * need} -> a /{prefix} "
          f"({ln.usable_ips(f'10.0.0.0/{prefix}')} usable)")

# %% [markdown]
# ## When does the old rule fill a /24?
#
# Put every function at the same peak `p` and raise it until `subnet-a` cannot take the next
# ENI. That is the moment scaling started to fail: the cold start that needed a new ENI got an
# EC2 error instead of an execution environment.


# %%
def legacy_subnet_a(peak: int) -> ln.SubnetUsage:
    return ln.ip_usage(subnets, functions, OTHERS, model="legacy",
                       peak_concurrency=peak)["subnet-a"]


peak = 0
while not legacy_subnet_a(peak + 1).shortfall:
    peak += 1
print(f"highest peak that fits, {peak} per function: {legacy_subnet_a(peak)}")
print(f"one more, {peak + 1} per function:           {legacy_subnet_a(peak + 1)}")
print(f"  ({legacy_subnet_a(peak + 1).shortfall} ENIs short, at "
      f"{(peak + 1) * len(functions):,} concurrent executions across the ten functions)")
print(f"today, at any peak: {ln.ip_usage(subnets, functions, OTHERS)['subnet-a']}")
ACCOUNT = ln.FACTS["account_concurrency_default"].value
side = "above" if (peak + 1) * len(functions) > ACCOUNT else "within"
print(f"(that is {side} the default account concurrency quota of {ACCOUNT:,})")

# %% [markdown]
# The same comparison as a picture: addresses used in `subnet-a` as every function's peak grows,
# under both rules, against the addresses the subnet can give.

# %%
from IPython.display import HTML, display

from lambdanet_edu.pictures import ip_usage_chart

display(HTML(ip_usage_chart(subnets, functions, OTHERS, max_concurrency=2 * (peak + 1),
                            subnet_id="subnet-a", id="lesson-ip-usage")))

# %% [markdown]
# For a single function alone in a subnet there is a closed form: ENIs stay within the usable
# addresses as long as `peak x memory <= usable x 3 GB`. Check it against the model.

# %%
GB3 = ln.FACTS["legacy_eni_memory_mb"].value  # the formula's 3 GB, in MB
usable_24 = ln.usable_ips("10.0.0.0/24")
for memory in (512, 1024, 1536, 2048):
    highest = usable_24 * GB3 // memory
    fits, next_one = (ln.legacy_eni_count(p, memory) for p in (highest, highest + 1))
    assert fits <= usable_24 < next_one
    print(f"{memory:>4} MB: a /24 carried one function up to a peak of {highest:,}")

# %% [markdown]
# ### Try it: memory and prefix
#
# Change `MEMORY_SCALE` (every function's memory is multiplied by it, within Lambda's limits)
# or `PREFIX`, then run the cell again. Which grows the old rule's demand faster? What does
# today's rule say?

# %%
MEMORY_SCALE = 1.0  # try 0.5 or 1.5
PREFIX = 24  # try 23 or 25

LOW, HIGH = ln.FACTS["min_memory_mb"].value, ln.FACTS["max_memory_mb"].value
scaled = [replace(fn, memory_mb=max(LOW, min(HIGH, round(fn.memory_mb * MEMORY_SCALE))))
          for fn in functions]
trial_subnets = [ln.Subnet("subnet-a", f"10.0.0.0/{PREFIX}"),
                 ln.Subnet("subnet-b", f"10.1.0.0/{PREFIX}")]
p = 0
while not ln.ip_usage(trial_subnets, scaled, OTHERS, model="legacy",
                      peak_concurrency=p + 1)["subnet-a"].shortfall:
    p += 1
today = ln.ip_usage(trial_subnets, scaled, OTHERS)["subnet-a"]
print(f"/{PREFIX}, memory x {MEMORY_SCALE}: before 2019 the functions could reach a peak of "
      f"{p} each; today they use {today.lambda_ips} addresses at any peak ({today.free} free).")

# %% [markdown]
# ## What still adds addresses today
#
# Concurrency no longer does, but configuration does. Starting from the ten functions:
#
# - a new function with its own security group adds one ENI per subnet it lists;
# - changing a function's security groups leaves its published versions on the old set, and
#   each old set keeps its ENIs;
# - a combination carrying more connections than one ENI supports gets more ENIs.

# %%
base = len(ln.hyperplane_enis(functions))
billing = ln.LambdaFunction("billing", ["subnet-a", "subnet-b"], ["sg-billing"])
with_new_group = [*functions, billing]
print(f"{base} ENIs; add a function with its own group: {len(ln.hyperplane_enis(with_new_group))}")

api = functions[0].publish()  # version 1 keeps sg-app
api = replace(api, security_group_ids=("sg-api",))  # then $LATEST moves to sg-api
with_version = [api, *functions[1:]]
print(f"api on a new group, version 1 still on the old one: "
      f"{len(ln.hyperplane_enis(with_version))} ENIs")

PER_ENI = ln.FACTS["connections_per_hyperplane_eni"].value
busy = ln.hyperplane_enis(functions, connections={"api": 3 * PER_ENI})
print(f"api opening {3 * PER_ENI:,} connections (spread over 2 subnets): {len(busy)} ENIs")
for eni in busy:
    if eni.index:
        print("  extra:", eni, f"carrying {eni.connections:,} connections")

# %% [markdown]
# ## The quota on Hyperplane ENIs per VPC
#
# Addresses are one limit; the number of Lambda ENIs in the VPC is another. Give each of many
# functions its own security group and the combinations add up quickly. `QuotaExceeded` is the
# model's way of saying Lambda would refuse to create the next ENI.

# %%
QUOTA = ln.FACTS["eni_quota_per_vpc"].value
OLD_QUOTA = ln.FACTS["eni_quota_per_vpc_2023"].value
many = [ln.LambdaFunction(f"fn{i}", ["subnet-a", "subnet-b"], [f"sg-{i}"]) for i in range(300)]
for quota in (QUOTA, OLD_QUOTA):
    try:
        ln.hyperplane_enis(many, eni_quota=quota)
        print(f"quota {quota}: fits")
    except ln.QuotaExceeded as err:
        print(f"quota {quota}: {err.needed} ENIs needed, {err.needed - err.quota} too many")
shared = [replace(fn, security_group_ids=("sg-app",)) for fn in many]
print(f"the same {len(many)} functions sharing sg-app: {len(ln.hyperplane_enis(shared))} ENIs")

# %% [markdown]
# ### Try it: the quota
#
# How many functions, each with its own security group and two subnets, fit under each quota?
# Change `N` until the first one fails.

# %%
N = 200  # try other values
trial = [ln.LambdaFunction(f"fn{i}", ["subnet-a", "subnet-b"], [f"sg-{i}"]) for i in range(N)]
for quota in (QUOTA, OLD_QUOTA):
    try:
        count = len(ln.hyperplane_enis(trial, eni_quota=quota))
        print(f"{N} functions, quota {quota}: {count} ENIs, fits")
    except ln.QuotaExceeded as err:
        print(f"{N} functions, quota {quota}: refused, {err.needed} ENIs needed")

# %% [markdown]
# ## What these numbers assume
#
# AWS does not document everything the counts above need. Each result carries the model's
# simplifications that it relied on:

# %%
row = comparison["subnet-a"]
for usage in (row.hyperplane, row.legacy):
    print(f"{usage.model}:")
    for assumption in usage.assumptions:
        print(f"  - {assumption.key}: {assumption}")
