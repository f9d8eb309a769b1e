"""Calls made in both CPython and Pyodide; the two answers must be identical.

Run in Pyodide by run_in_pyodide.mjs (the last expression is the JSON answer) and in CPython
by tests/test_pyodide.py through ``runpy``.
"""

import json
import sys
from dataclasses import replace

import lambdanet_edu as ln


def _error(call):
    try:
        call()
    except ln.LambdaNetError as err:
        return f"{type(err).__name__}: {err}"
    return "no error"


def sample():
    subnets = [ln.Subnet("subnet-a", "10.0.0.0/24"), ln.Subnet("subnet-b", "10.0.1.0/28")]
    api = ln.LambdaFunction("api", ["subnet-a", "subnet-b"], ["sg-app", "sg-db"], memory_mb=1024)
    worker = ln.LambdaFunction("worker", ["subnet-a"], ["sg-db", "sg-app"], memory_mb=2048)
    old = replace(api.publish(), security_group_ids=["sg-app"])
    enis = ln.hyperplane_enis([old, worker], connections={"api": 140_000})
    usage = ln.ip_usage(subnets, [old, worker], {"subnet-b": 3})
    legacy = ln.compare_ip_models(subnets, [api, worker], peak_concurrency=300)
    return {
        "usable": [ln.usable_ips(f"10.0.0.0/{p}") for p in range(16, 29)],
        "reserved": [str(r.address) for r in subnets[1].reserved_addresses],
        "enis": [[str(e), e.connections, [a.key for a in e.assumptions]] for e in enis],
        "usage": {k: [u.usable, u.used, u.free, u.exhausted] for k, u in usage.items()},
        "legacy": {k: [r.hyperplane.used, r.legacy.used, r.legacy.shortfall]
                   for k, r in legacy.items()},
        "legacy_count": [ln.legacy_eni_count(p, m) for p in (1, 10, 1000) for m in (128, 3008)],
        "errors": [
            _error(lambda: ln.usable_ips("10.0.0.0/29")),
            _error(lambda: ln.Subnet("s", "10.0.0.9/24")),
            _error(lambda: ln.LambdaFunction("f", ["s"] * 2, ["sg"])),
            _error(lambda: ln.hyperplane_enis([api] * 1)),
            _error(lambda: ln.hyperplane_enis([api], eni_quota=1)),
        ],
        "facts": sorted(ln.FACTS),
        "states": [s.state.value
                   for s in ln.lifecycle(["create", "eni_ready", "idle 15", "invoke"])],
        **_scaling_and_databases(),
        **_egress(),
    }


def _scaling_and_databases():
    shared = ln.concurrency_timelines({"api": 900, "jobs": [0, 500, 2000] * 20}, seconds=60,
                                      reserved_concurrency={"api": 300})
    return {
        "timeline": ln.concurrency_timeline(5000, seconds=35, account_limit=3000),
        "timeline_2017": ln.concurrency_timeline(4000, seconds=130, scaling="pre-2023",
                                                 initial_burst="eu-central-1", account_limit=5000),
        "shared": shared,
        "max_connections": [ln.default_max_connections(e, g)
                            for e in ("mysql", "postgres", "mariadb")
                            for g in (1, 8, 0.5, 64, 768)],
        "direct": _fields(ln.db_connections(1000, max_connections=60, connections_per_client=2)),
        "proxied": _fields(ln.db_connections(
            1000, max_connections=200, active_fraction=0.3,
            proxy=ln.RdsProxy(max_connections_percent=75, pinned_fraction=0.05))),
    }


def _fields(result):
    return [result.requested, result.open, result.waiting, result.refused, result.explanation]


def _egress():
    vpc = ln.starter_vpc()
    fn = ln.LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])
    public = ln.LambdaFunction("orders", ["subnet-public-a", "subnet-private-a"], ["sg-lambda"])
    verdicts = [ln.can_reach(vpc, fn, d)
                for d in ("internet", "s3", "10.0.2.15:5432", "10.0.2.15:3306")]
    verdicts += [ln.can_reach(ln.starter_vpc(nat=False), fn, "sqs"),
                 ln.can_reach(vpc, public, "internet")]
    return {"verdicts": [[v.reachable, v.status, [str(h) for h in v.hops], v.explanation]
                         for v in verdicts]}


def python_version():
    return list(sys.version_info[:2])


json.dumps({"answer": sample(), "python": python_version()}, sort_keys=True)
