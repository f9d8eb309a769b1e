"""Property tests for IPv6 egress, egress cost and the database controls.

Rules quoted:
- "Allows outbound IPv6 traffic on VPC functions that are connected to dual-stack subnets"
  (Lambda API VpcConfig.Ipv6AllowedForDualStack, off by default):
  https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html
- "Limits the number of concurrent instances that the Amazon SQS event source can invoke"
  (ScalingConfig.MaximumConcurrency): https://docs.aws.amazon.com/lambda/latest/dg/API_ScalingConfig.html
- Gateway endpoints: "There is no additional charge for using gateway endpoints":
  https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.scaling import SqsEventSource, function_run
from tests.test_ipv6 import dual_stack_vpc

SETTINGS = settings(max_examples=150, deadline=None)

demands = st.lists(st.integers(0, 3000), min_size=1, max_size=90)


class TestIpv6NeedsTheFlag:
    """A function with ipv6_allowed_for_dual_stack=False never reaches an IPv6 destination."""

    @SETTINGS
    @given(route=st.sampled_from([None, "eigw-1", "igw-1", "pcx-1"]),
           nat=st.booleans(), port=st.integers(1, 65535),
           subnets=st.sampled_from([("subnet-private-a",), ("subnet-private-b",),
                                    ("subnet-private-a", "subnet-public-a")]))
    def test_flag_off_never_reaches(self, route: str | None, nat: bool, port: int,
                                    subnets: tuple[str, ...]) -> None:
        vpc = dual_stack_vpc(route=route, nat=nat)
        fn = ln.LambdaFunction("f", subnets, ["sg-lambda"])
        verdict = ln.can_reach(vpc, fn, ln.Internet(port=port, ip_version=6))
        assert not verdict.reachable
        assert all(p.hops[-1].component == "function" for p in verdict.paths)

    @SETTINGS
    @given(port=st.integers(1, 65535), nat=st.booleans())
    def test_ipv6_never_needs_nat(self, port: int, nat: bool) -> None:
        vpc = dual_stack_vpc(nat=nat)
        fn = ln.LambdaFunction("f", ["subnet-private-a"], ["sg-lambda"],
                               ipv6_allowed_for_dual_stack=True)
        verdict = ln.can_reach(vpc, fn, ln.Internet(port=port, ip_version=6))
        assert verdict.reachable
        assert "NAT gateway" not in [h.component for h in verdict.hops]


class TestSqsMaximumConcurrency:
    """A timeline fed by an SQS queue never exceeds the queue's maximum concurrency, never
    throttles, and loses no message: what it has not served waits in the queue."""

    @SETTINGS
    @given(demand=demands, cap=st.integers(2, 1000), reserved=st.none() | st.integers(0, 900),
           provisioned=st.none() | st.integers(1, 900))
    def test_never_above_the_cap(self, demand: list[int], cap: int, reserved: int | None,
                                 provisioned: int | None) -> None:
        if provisioned is not None and reserved is not None and provisioned > reserved:
            provisioned = None
        run = function_run(demand, reserved_concurrency=reserved,
                           provisioned_concurrency=provisioned,
                           event_source=SqsEventSource(maximum_concurrency=cap))
        served = run.concurrency[""]
        assert max(served) <= cap
        assert all(t == 0 for t in run.throttled[""])
        assert all(q >= 0 for q in run.queued[""])
        assert sum(demand) == sum(served) + run.queued[""][-1]

    @SETTINGS
    @given(demand=demands, cap=st.integers(2, 1000))
    def test_database_sees_at_most_the_cap(self, demand: list[int], cap: int) -> None:
        run = function_run(demand, event_source=SqsEventSource(maximum_concurrency=cap))
        got = ln.db_connections(run, max_connections=cap)
        assert got.refused == 0


class TestProvisionedConcurrency:
    """Provisioned environments serve at once and hold their connections from init."""

    @SETTINGS
    @given(demand=demands, provisioned=st.integers(1, 900))
    def test_served_at_once_and_counted(self, demand: list[int], provisioned: int) -> None:
        run = function_run(demand, provisioned_concurrency=provisioned)
        for d, c, alive in zip(demand, run.concurrency[""], run.environments(), strict=True):
            assert c >= min(d, provisioned)
            assert alive >= provisioned
        assert run.peak_environments() >= provisioned


workloads = st.fixed_dictionaries({
    "s3_gb": st.integers(0, 10**6), "services_gb": st.integers(0, 10**6),
    "internet_gb": st.integers(0, 10**6)})
designs = st.fixed_dictionaries({
    "nat": st.booleans(), "gateway_endpoints": st.booleans(),
    "interface_endpoints": st.booleans(), "ipv6_internet": st.booleans(),
    "availability_zones": st.integers(1, 6), "services": st.integers(0, 10)})


class TestEgressCost:
    """Cost grows with traffic; gateway endpoints (and the egress-only gateway) cost nothing."""

    @SETTINGS
    @given(workload=workloads, design=designs, kind=st.sampled_from(
        ["s3_gb", "services_gb", "internet_gb"]), more=st.integers(0, 10**6))
    def test_monotone_in_traffic(self, workload: dict[str, int], design: dict[str, object],
                                 kind: str, more: int) -> None:
        base = ln.egress_cost(**workload, **design)  # type: ignore[arg-type]
        bigger = ln.egress_cost(**{**workload, kind: workload[kind] + more},  # type: ignore[arg-type]
                                **design)
        assert bigger.total_usd >= base.total_usd

    @SETTINGS
    @given(workload=workloads, design=designs)
    def test_gateway_endpoints_cost_nothing(self, workload: dict[str, int],
                                            design: dict[str, object]) -> None:
        with_gw = ln.egress_cost(**workload, **{**design, "gateway_endpoints": True})  # type: ignore[arg-type]
        only_s3 = ln.egress_cost(**{**workload, "s3_gb": 0},  # type: ignore[arg-type]
                                 **{**design, "gateway_endpoints": True})
        assert with_gw.total_usd == only_s3.total_usd
        assert all(line.usd == 0 for line in with_gw.lines if "gateway endpoints" in line.item)

    @SETTINGS
    @given(workload=workloads, design=designs)
    def test_every_result_names_its_region(self, workload: dict[str, int],
                                           design: dict[str, object]) -> None:
        cost = ln.egress_cost(**workload, **design)  # type: ignore[arg-type]
        assert cost.region == "us-east-1"
        assert cost.region in cost.explanation


def test_dual_stack_helper_is_a_vpc() -> None:
    assert dataclasses.is_dataclass(dual_stack_vpc())
