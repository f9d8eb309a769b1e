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
# # Lesson 3: why S3 is unreachable, and two ways to fix it
#
# A function in the private subnets of `starter_vpc(nat=False)` can reach its database but not
# S3. In this lesson you follow its connection to S3 hop by hop, find the hop that drops it,
# then fix it in two ways, with a NAT gateway and with a gateway endpoint, and compare them.
#
# Every number and verdict below is computed by `lambdanet_edu`, the model the site's exercises
# use. To run the lesson yourself, `pip install` the model's wheel (the bar at the top of the
# page has the command and the notebook), then run the cells from top to bottom.
#
# The page [Egress and your network](../../egress/) explains the rules used here.

# %%
import dataclasses

import lambdanet_edu as ln

vpc = ln.starter_vpc(nat=False)
orders = ln.LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])

for subnet in vpc.subnets:
    table = vpc.route_table_for(subnet.subnet_id)
    routes = ", ".join(f"{r.destination} -> {r.target}" for r in table.routes)
    print(f"{subnet.subnet_id:17} {subnet.cidr!s:12} {table.route_table_id:12} {routes}")

# %% [markdown]
# ## 1. Trace the connection to S3
#
# `can_reach` walks the path from each of the function's subnets. Print every hop of the first
# path: the component, whether the connection got past it, and why.

# %%
verdict = ln.can_reach(vpc, orders, "s3")
print("reachable:", verdict.reachable)
print()
for hop in verdict.hops:
    print(hop)

# %% [markdown]
# The same verdict drawn by the model: your subnets, the Hyperplane ENIs `orders` uses in them,
# the route tables, and the path the connection takes until the hop that drops it.

# %%
from IPython.display import HTML, display

from lambdanet_edu.pictures import topology_diagram

# As HTML, the SVG sits inline: its title and description reach screen readers, and its
# colours follow the page's light or dark scheme.
display(HTML(topology_diagram(vpc, [orders], verdict=verdict, id="lesson-s3-path")))

# %% [markdown]
# Read it from the top:
#
# - **DNS.** No interface endpoint answers for S3, so its name resolves to its public endpoint,
#   an address on the internet.
# - **Security group.** `sg-lambda` is a new group: all traffic may go out. Security groups are
#   stateful, so the reply needs no rule.
# - **Network ACL.** The subnets use the default network ACL, which allows everything.
# - **Route table.** Here it stops. `rtb-private` holds only the local route for the VPC's own
#   addresses, and S3 is not one of them.
#
# Both subnets share `rtb-private`, so both paths stop at the same hop:

# %%
for path in verdict.paths:
    stop = path.blocked_at
    print(f"{path.subnet_id}: {path.status} at {stop.component} {stop.component_id}")

# %% [markdown]
# The verdict also names the simplifications it rests on. The first matters most here:
# *reachable* means packets get there and back, not that the bucket policy or IAM lets the
# function in.

# %%
for assumption in verdict.assumptions:
    print(f"- {assumption.key}: {assumption.text}")

# %% [markdown]
# ## 2. Fix one: a NAT gateway
#
# A NAT gateway goes in the **public** subnet, whose route table already sends `0.0.0.0/0` to
# the internet gateway. The private subnets' route table then sends `0.0.0.0/0` to the NAT
# gateway. The VPC is frozen, so `dataclasses.replace` builds a changed copy.

# %%
with_nat = dataclasses.replace(
    vpc,
    nat_gateways=[ln.NatGateway("nat-a", "subnet-public-a")],
    route_tables=[vpc.route_table_for("subnet-public-a"),
                  ln.RouteTable("rtb-private", [ln.Route("0.0.0.0/0", "nat-a")], main=True)],
)
via_nat = ln.can_reach(with_nat, orders, "s3")
print("reachable:", via_nat.reachable)
for hop in via_nat.hops:
    print(f"  {hop.component} {hop.component_id}")

# %% [markdown]
# The connection now crosses two subnets and two route tables. Network ACLs are stateless, so
# the replies are checked again on their way back, by the NAT subnet's network ACL (in, then
# out towards the function) and by the function's own subnet's:

# %%
for hop in via_nat.hops:
    if hop.component == "network ACL" and "replies" in hop.detail:
        print(hop.detail)

# %% [markdown]
# ## 3. Fix two: a gateway endpoint
#
# S3 (and DynamoDB) also have **gateway endpoints**: a route to the service, added to the route
# tables you name. No NAT gateway, no public address, no charge.

# %%
with_endpoint = dataclasses.replace(
    vpc, gateway_endpoints=[ln.GatewayEndpoint("vpce-s3", "s3", ["rtb-private"])])
via_endpoint = ln.can_reach(with_endpoint, orders, "s3")
print("reachable:", via_endpoint.reachable)
for hop in via_endpoint.hops:
    print(f"  {hop.component} {hop.component_id}")

# %% [markdown]
# ## 4. Compare the two fixes
#
# Both reach S3. They differ in the path, and in what **else** the function can now reach.

# %%
destinations = ["s3", "dynamodb", "sqs", "internet", "10.0.2.15:5432"]
fixes = {"no fix": vpc, "NAT gateway": with_nat, "gateway endpoint": with_endpoint}

print(f"{'':17}" + "".join(f"{name:>18}" for name in fixes))
for dest in destinations:
    cells = ["reachable" if ln.can_reach(v, orders, dest).reachable else "blocked"
             for v in fixes.values()]
    print(f"{dest:17}" + "".join(f"{cell:>18}" for cell in cells))
print()
for name, v in (("NAT gateway", via_nat), ("gateway endpoint", via_endpoint)):
    kinds = sorted({h.component for h in v.hops})
    print(f"{name}: {len(v.hops)} hops through {', '.join(kinds)}")

# %% [markdown]
# The NAT gateway opens **every** public destination at once: the internet, and every AWS
# service through its public endpoint. That may be what you need, or a door you did not want.
# The gateway endpoint opens S3 and nothing else.
#
# Cost and limits differ too. A NAT gateway is billed by the hour and for every gigabyte it
# processes, S3 traffic included. It is also a shared bottleneck: each of its addresses holds a
# limited number of simultaneous connections to any one destination, S3's endpoint among them.

# %%
limit = ln.fact("nat_connections_per_destination")
print(f"NAT gateway: {limit.value:,} simultaneous connections per destination per address")
print(f"  ({limit.source.title})")
print("Gateway endpoint services:", ", ".join(ln.fact("gateway_endpoint_services").value))

# %% [markdown]
# ## 5. Both at once: which way does S3 go?
#
# Many VPCs have a NAT gateway **and** a gateway endpoint for S3. The route table then has a
# `0.0.0.0/0` route to the NAT gateway and the endpoint's route for S3. The more specific route
# wins, so S3 traffic skips the NAT gateway (and its per-gigabyte charge).

# %%
both = dataclasses.replace(
    with_nat, gateway_endpoints=[ln.GatewayEndpoint("vpce-s3", "s3", ["rtb-private"])])
for dest in ("s3", "internet"):
    v = ln.can_reach(both, orders, dest)
    path = [f"{h.component} {h.component_id}" for h in v.hops
            if h.component not in ("DNS", "security group", "network ACL")]
    print(f"{dest:9} -> {' -> '.join(path)}")

# %% [markdown]
# ## Try it
#
# Change `SERVICE` to `"dynamodb"` or `"sqs"`, or `TABLES` to `["rtb-public"]`, and run the cell
# again. Which services does the function reach now? When the connection to `SERVICE` is
# stopped, which hop stops it, and what does the model suggest? (Only S3 and DynamoDB have
# gateway endpoints: for SQS, the cell builds an interface endpoint instead. It sits in
# `subnet-private-a` only, yet both subnets reach it: DNS points at it and the local route
# leads there.)

# %%
SERVICE = "s3"
TABLES = ["rtb-private"]

if SERVICE in ln.fact("gateway_endpoint_services").value:
    trial = dataclasses.replace(
        vpc, gateway_endpoints=[ln.GatewayEndpoint(f"vpce-{SERVICE}", SERVICE, TABLES)])
else:
    endpoint_sg = ln.SecurityGroup("sg-endpoint", inbound=[
        ln.SecurityGroupRule("tcp", 443, security_group_id="sg-lambda")])
    trial = dataclasses.replace(
        vpc, security_groups=[*vpc.security_groups, endpoint_sg],
        interface_endpoints=[ln.InterfaceEndpoint(f"vpce-{SERVICE}", SERVICE,
                                                  ["subnet-private-a"], ["sg-endpoint"])])
for dest in ("s3", "dynamodb", "sqs"):
    print(f"{dest:9}", ln.can_reach(trial, orders, dest).reachable)
print()
print(ln.can_reach(trial, orders, SERVICE).explanation)

# %% [markdown]
# ## Try it: one subnet out of two
#
# Lambda may use any of a function's subnets for any invocation. Move `subnet-private-b` to a
# route table of its own with no way out, keep the NAT route for `subnet-private-a`, and read
# the verdict. Then change `ISOLATED` to `[]` and run it again.

# %%
ISOLATED = ["subnet-private-b"]

split = dataclasses.replace(with_nat, route_tables=[
    *with_nat.route_tables, ln.RouteTable("rtb-isolated", [], ISOLATED)])
split_verdict = ln.can_reach(split, orders, "s3")
print("reachable:", split_verdict.reachable)
print(split_verdict.explanation)

# %% [markdown]
# With one subnet blocked the verdict is *not reachable*, even though the invocations that happen
# to use `subnet-private-a` would work. That is the worst kind of failure to debug: it comes and
# goes.
