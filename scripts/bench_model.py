"""Time the model on the input sizes that used to grow faster than linearly.

Run it as ``.venv/bin/python scripts/bench_model.py [--runs N]``; it prints the median (and the
range) of N runs of each case, in seconds. The sizes are those of issue 13:

- a network ACL with 40 rules per direction (AWS's highest quota), evaluated many times with a
  peer CIDR that every rule's CIDR cuts;
- ``hyperplane_enis`` with a connections mapping for 30,000 functions;
- ``concurrency_timelines`` for 10,000 functions sharing the account limit;
- ``Vpc`` with 4,096 subnets (every /28 of a /16).

It only uses the public API, so the same script measures an older copy of the package
(``PYTHONPATH=/path/to/old/copy python scripts/bench_model.py``). These are measurements, not
tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from ipaddress import IPv4Network

import lambdanet_edu as ln

ACL_RULES = 40
ACL_EVALUATIONS = 200
FUNCTIONS = 30_000
TIMELINE_FUNCTIONS = 10_000
TIMELINE_SECONDS = 10
SUBNETS = 4_096


def acl_case() -> Callable[[], object]:
    # Alternating allow/deny rules on nested port ranges and CIDRs: every rule cuts both the
    # port range and the peer's addresses, the worst case for first-match evaluation.
    rules = [ln.AclRule(10 * (i + 1), "deny" if i % 2 else "allow", "tcp",
                        (1024 + 100 * i, 65535 - 100 * i), f"10.0.{i}.0/24")
             for i in range(ACL_RULES)]
    acl = ln.NetworkAcl("acl-bench", inbound=rules)
    peer = IPv4Network("10.0.0.0/16")

    def run() -> object:
        return [acl.evaluate("inbound", "tcp", (0, 65535), peer=peer)
                for _ in range(ACL_EVALUATIONS)]
    return run


def enis_case() -> Callable[[], object]:
    functions = [ln.LambdaFunction(f"fn{i}", [f"subnet-{i % 16}"], [f"sg-{i % 50}"])
                 for i in range(FUNCTIONS)]
    connections = {f"fn{i}": 1_000 + i for i in range(FUNCTIONS)}

    def run() -> object:
        return ln.hyperplane_enis(functions, connections=connections, eni_quota=None)
    return run


def timelines_case() -> Callable[[], object]:
    demands = {f"fn{i}": (i * 7) % 50 + 1 for i in range(TIMELINE_FUNCTIONS)}

    def run() -> object:
        return ln.concurrency_timelines(demands, seconds=TIMELINE_SECONDS,
                                        account_limit=100_000)
    return run


def vpc_case() -> Callable[[], object]:
    subnets = [ln.Subnet(f"subnet-{i}", f"10.0.{i // 16}.{(i % 16) * 16}/28")
               for i in range(SUBNETS)]

    def run() -> object:
        return ln.Vpc("vpc-bench", "10.0.0.0/16", subnets=subnets)
    return run


CASES = {
    f"NetworkAcl.evaluate, {ACL_RULES} rules, {ACL_EVALUATIONS} evaluations": acl_case,
    f"hyperplane_enis, connections for {FUNCTIONS:,} functions": enis_case,
    f"concurrency_timelines, {TIMELINE_FUNCTIONS:,} functions x {TIMELINE_SECONDS} s":
        timelines_case,
    f"Vpc(), {SUBNETS:,} subnets": vpc_case,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (default 3)")
    args = parser.parse_args()
    for name, case in CASES.items():
        run = case()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        print(f"{name}: median {statistics.median(times):.3f} s "
              f"({min(times):.3f}-{max(times):.3f}, {args.runs} runs)", flush=True)


if __name__ == "__main__":
    main()
