"""Subnet address use under the Hyperplane rule and the pre-2019 rule."""

from __future__ import annotations

import pytest

from lambdanet_edu import (
    LambdaFunction,
    LambdaNetError,
    Subnet,
    compare_ip_models,
    ip_usage,
    legacy_eni_count,
)

A, B = Subnet("subnet-a", "10.0.0.0/24"), Subnet("subnet-b", "10.0.1.0/28")


@pytest.mark.parametrize(
    ("peak", "memory_mb", "expected"),
    [
        (0, 128, 0),
        (1, 128, 1),          # any concurrency needs at least one ENI
        (24, 128, 1),         # 24 x 128 = 3,072 MB: exactly one 3 GB share
        (25, 128, 2),
        (10, 1024, 4),        # 3.33 rounded up (the ServerFault example)
        (100, 2048, 67),      # 66.7 rounded up (that answer's "80" was an arithmetic slip)
        (1000, 1024, 334),    # 333.3: the "334 ENIs versus 2" contrast
        (502, 1536, 251),     # a /24 holds exactly 502 executions at 1.5 GB
        (3, 3072, 3),
        (1000, 3008, 980),    # 979.2 -> 980 (3,008 MB was the maximum then)
        (1, 10_240, 4),
    ],
)
def test_legacy_eni_count(peak: int, memory_mb: int, expected: int) -> None:
    assert legacy_eni_count(peak, memory_mb) == expected


@pytest.mark.parametrize(
    ("peak", "memory_mb", "message"),
    [
        (-1, 128, r"^peak_concurrency must be an integer >= 0, got -1$"),
        (1.5, 128, r"^peak_concurrency must be an integer >= 0, got 1\.5$"),
        ("10", 128, r"got '10'$"),
        (10, 64, r"^memory_mb must be an integer from 128 to 10,240, got 64$"),
        (10, None, r"^memory_mb must be .*, got None$"),
    ],
)
def test_legacy_eni_count_bad_input(peak: object, memory_mb: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        legacy_eni_count(peak, memory_mb)  # type: ignore[arg-type]


def test_hyperplane_usage_counts_enis_and_other_consumers() -> None:
    api = LambdaFunction("api", ["subnet-a", "subnet-b"], ["sg-app"])
    jobs = LambdaFunction("jobs", ["subnet-b"], ["sg-jobs"])
    usage = ip_usage([A, B], [api, jobs], {"subnet-a": 3})
    a, b = usage["subnet-a"], usage["subnet-b"]
    assert (a.usable, a.lambda_ips, a.other_ips, a.used, a.free, a.exhausted) == (
        251, 1, 3, 4, 247, False)
    assert (b.usable, b.lambda_ips, b.other_ips, b.used, b.free, b.exhausted) == (
        11, 2, 0, 2, 9, False)
    assert list(usage) == ["subnet-a", "subnet-b"]
    assert str(a) == ("subnet-a (10.0.0.0/24): 4 of 251 usable addresses used "
                      "(1 Lambda, 3 other), 247 free")


def test_a_subnet_can_fill_up_and_overflow() -> None:
    functions = [LambdaFunction(f"f{i}", ["subnet-b"], [f"sg-{i}"]) for i in range(12)]
    b = ip_usage([B], functions)["subnet-b"]
    assert (b.used, b.free, b.shortfall, b.exhausted) == (12, 0, 1, True)
    full = ip_usage([B], functions[:10], {"subnet-b": 1})["subnet-b"]
    assert (full.used, full.free, full.shortfall, full.exhausted) == (11, 0, 0, True)
    assert "EXHAUSTED" in str(full)


def test_legacy_usage_grows_with_concurrency_and_memory() -> None:
    api = LambdaFunction("api", ["subnet-a", "subnet-b"], ["sg-app"], memory_mb=1024)
    usage = ip_usage([A, B], [api], model="legacy", peak_concurrency=100)
    # 100 x 1 GB / 3 GB = 33.3 -> 34 ENIs, split 17 / 17 over the two subnets.
    assert (usage["subnet-a"].lambda_enis, usage["subnet-b"].lambda_enis) == (17, 17)
    assert usage["subnet-b"].shortfall == 6
    assert {a.key for a in usage["subnet-a"].assumptions} == {
        "one_ip_per_eni", "legacy_rounding", "legacy_spread"}


def test_legacy_peaks_per_function() -> None:
    small = LambdaFunction("small", ["subnet-a"], ["sg"], memory_mb=128)
    big = LambdaFunction("big", ["subnet-a"], ["sg"], memory_mb=3008)
    usage = ip_usage([A], [small, big], model="legacy", peak_concurrency={"small": 48, "big": 10})
    assert usage["subnet-a"].lambda_enis == 2 + 10


def test_side_by_side_for_the_same_workload() -> None:
    fns = [LambdaFunction(f"f{i}", ["subnet-a"], ["sg-app"], memory_mb=512) for i in range(10)]
    row = compare_ip_models([A], fns, peak_concurrency=60)["subnet-a"]
    assert row.subnet_id == "subnet-a"
    assert (row.hyperplane.used, row.legacy.used) == (1, 10 * 10)
    assert (row.hyperplane.model, row.legacy.model) == ("hyperplane", "legacy")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ip_usage([A], [LambdaFunction("f", ["subnet-x"], ["g"])]),
         r"^functions\[0\]\.subnet_ids must be one of the subnets \('subnet-a'\), got 'subnet-x'$"),
        (lambda: ip_usage([A, A], []), r"^subnets\[1\]\.subnet_id must be unique"),
        (lambda: ip_usage(A, []), r"^subnets must be a list of Subnet"),
        (lambda: ip_usage(["10.0.0.0/24"], []), r"^subnets\[0\] must be a Subnet, got "
                                                r"'10\.0\.0\.0/24'$"),
        (lambda: ip_usage([A], [], {"subnet-z": 1}),
         r"^other_enis key must be one of the subnets \('subnet-a'\), got 'subnet-z'$"),
        (lambda: ip_usage([A], [], {"subnet-a": -2}), r"^other_enis\['subnet-a'\] must be an "
                                                      r"integer >= 0, got -2$"),
        (lambda: ip_usage([A], [], 3), r"^other_enis must be a mapping of subnet id"),
        (lambda: ip_usage([A], [], model="2019"), r"^model must be one of 'hyperplane', 'legacy', "
                                                  r"got '2019'$"),
        (lambda: ip_usage([A], [LambdaFunction("f", ["subnet-a"], ["g"])], model="legacy",
                          peak_concurrency={"g": 1}),
         r"^peak_concurrency must be a peak for every function \(missing \['f'\]\)"),
        (lambda: ip_usage([A], [], model="legacy", peak_concurrency=10, connections={}),
         r"^connections must be None for model='legacy'"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        call()  # type: ignore[operator]
