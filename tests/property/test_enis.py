"""Property tests: Hyperplane ENIs and the addresses they take."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu import LambdaFunction, Subnet, compare_ip_models, hyperplane_enis, ip_usage

SETTINGS = settings(max_examples=200, deadline=None)
SUBNET_IDS = [f"subnet-{c}" for c in "abcdef"]
GROUP_IDS = [f"sg-{c}" for c in "pqrstu"]

configs = st.tuples(
    st.sampled_from(["111111111111", "222222222222"]),
    st.lists(st.sampled_from(SUBNET_IDS), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from(GROUP_IDS), min_size=1, max_size=5, unique=True),
)


def build(spec: list[tuple[str, list[str], list[str]]]) -> list[LambdaFunction]:
    return [LambdaFunction(f"fn{i}", subnets, groups, account_id=account)
            for i, (account, subnets, groups) in enumerate(spec)]


class TestHyperplaneEniSharing:
    """"The first time you attach a function to a VPC using a particular subnet and security
    group combination, Lambda creates a Hyperplane ENI. Other functions in your account that
    use the same subnet and security group combination can also use this ENI."
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    """

    @SETTINGS
    @given(st.lists(configs, max_size=60))
    def test_eni_count_equals_distinct_combinations(
            self, spec: list[tuple[str, list[str], list[str]]]) -> None:
        distinct = {(a, s, frozenset(g)) for a, subnets, g in spec for s in subnets}
        enis = hyperplane_enis(build(spec), eni_quota=None)
        assert len(enis) == len(distinct)
        assert {e.combination for e in enis} == distinct

    @SETTINGS
    @given(st.lists(configs, min_size=1, max_size=30), st.randoms(use_true_random=False))
    def test_order_of_groups_and_functions_does_not_change_the_set(
        self, spec: list[tuple[str, list[str], list[str]]], rnd: random.Random
    ) -> None:
        shuffled = [(a, s, rnd.sample(g, len(g))) for a, s, g in spec]
        rnd.shuffle(shuffled)
        before = {(e.combination, len(e.used_by)) for e in hyperplane_enis(build(spec))}
        after = {(e.combination, len(e.used_by)) for e in hyperplane_enis(build(shuffled))}
        assert before == after

    @SETTINGS
    @given(st.lists(configs, min_size=1, max_size=30))
    def test_every_function_appears_on_one_eni_per_subnet(
        self, spec: list[tuple[str, list[str], list[str]]]
    ) -> None:
        functions = build(spec)
        enis = hyperplane_enis(functions)
        for fn in functions:
            used = sorted(e.subnet_id for e in enis if fn.name in e.used_by)
            assert used == sorted(fn.subnet_ids)


class TestConnectionsPerEni:
    """"each Hyperplane ENI supports up to 65,000 connections/ports"
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    """

    @SETTINGS
    @given(st.lists(st.integers(0, 400_000), min_size=1, max_size=5))
    def test_no_eni_carries_more_than_65000_and_none_are_wasted(self, loads: list[int]) -> None:
        functions = [LambdaFunction(f"f{i}", ["subnet-a"], ["sg-p"]) for i in range(len(loads))]
        enis = hyperplane_enis(functions, connections={f"f{i}": n for i, n in enumerate(loads)})
        assert sum(e.connections for e in enis) == sum(loads)
        assert all(e.connections <= 65_000 for e in enis)
        assert len(enis) == max(1, -(-sum(loads) // 65_000))


class TestAddressUse:
    """Hyperplane: addresses follow distinct combinations, never concurrency. Before 2019:
    "Projected peak concurrent executions * (Memory in GB / 3GB)" ENIs (Lambda developer
    guide, 2017-2019)."""

    @SETTINGS
    @given(st.lists(configs, min_size=1, max_size=20), st.integers(0, 5000))
    def test_legacy_total_follows_the_formula_whatever_the_layout(
        self, spec: list[tuple[str, list[str], list[str]]], peak: int
    ) -> None:
        subnets = [Subnet(s, f"10.0.{i}.0/24") for i, s in enumerate(SUBNET_IDS)]
        functions = build([("111111111111", s, g) for _, s, g in spec])
        rows = compare_ip_models(subnets, functions, peak_concurrency=peak)
        total_legacy = sum(r.legacy.lambda_enis for r in rows.values())
        assert total_legacy == sum(-(-peak * 128 // 3072) for _ in functions)
        for row in rows.values():
            assert row.hyperplane.free + row.hyperplane.used >= row.hyperplane.usable
            assert row.hyperplane.lambda_enis <= len(functions)

    @SETTINGS
    @given(st.integers(0, 300), st.integers(16, 28))
    def test_free_plus_used_is_usable_until_exhausted(self, other: int, prefix: int) -> None:
        subnet = Subnet("subnet-a", f"10.0.0.0/{prefix}")
        fn = LambdaFunction("f", ["subnet-a"], ["sg-p"])
        row = ip_usage([subnet], [fn], {"subnet-a": other})["subnet-a"]
        assert row.used == 1 + other
        assert row.free - row.shortfall == row.usable - row.used
        assert row.exhausted == (row.used >= row.usable)
