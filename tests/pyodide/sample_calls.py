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
    }


def python_version():
    return list(sys.version_info[:2])


json.dumps({"answer": sample(), "python": python_version()}, sort_keys=True)
