"""Hyperplane ENIs: one per (account, subnet, security-group set), 65,000 connections each."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lambdanet_edu import Eni, LambdaFunction, LambdaNetError, QuotaExceeded, hyperplane_enis


def fn(name: str, subnets: list[str], groups: list[str], **kw: object) -> LambdaFunction:
    return LambdaFunction(name, subnets, groups, **kw)  # type: ignore[arg-type]


def keys(enis: list[Eni]) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.account_id[-1], e.subnet_id, tuple(sorted(e.security_group_ids)), e.used_by)
            for e in enis]


@pytest.mark.parametrize(
    ("functions", "expected"),
    [
        # One function in two subnets: one ENI (and one address) per subnet, not per function.
        ([fn("a", ["s1", "s2"], ["g1"])],
         [("2", "s1", ("g1",), ("a",)), ("2", "s2", ("g1",), ("a",))]),
        # Twenty functions sharing a subnet and a security group share one ENI.
        ([fn(f"f{i:02}", ["s1"], ["g1"]) for i in range(20)],
         [("2", "s1", ("g1",), tuple(f"f{i:02}" for i in range(20)))]),
        # The security-group SET matters, its order does not.
        ([fn("a", ["s1"], ["g1", "g2"]), fn("b", ["s1"], ["g2", "g1"]), fn("c", ["s1"], ["g1"])],
         [("2", "s1", ("g1", "g2"), ("a", "b")), ("2", "s1", ("g1",), ("c",))]),
        # Same subnet and groups in different accounts (a shared VPC): separate ENIs.
        ([fn("a", ["s1"], ["g1"]), fn("a", ["s1"], ["g1"], account_id="210987654321")],
         [("2", "s1", ("g1",), ("a",)), ("1", "s1", ("g1",), ("a",))]),
        ([], []),
    ],
)
def test_one_eni_per_distinct_combination(
    functions: list[LambdaFunction],
    expected: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]],
) -> None:
    assert keys(hyperplane_enis(functions)) == expected


def test_versions_with_the_current_config_share_and_older_configs_keep_their_own() -> None:
    orders = fn("orders", ["s1"], ["g1"])
    for _ in range(9):  # nine published versions, all on today's configuration
        orders = orders.publish()
    assert len(hyperplane_enis([orders])) == 1
    changed = replace(orders, security_group_ids=["g2"])
    enis = hyperplane_enis([changed])
    assert keys(enis) == [
        ("2", "s1", ("g2",), ("orders",)),
        ("2", "s1", ("g1",), tuple(f"orders:{i}" for i in range(1, 10))),
    ]


@pytest.mark.parametrize(
    ("connections", "subnets", "expected"),
    [
        (0, 1, [0]),
        (65_000, 1, [65_000]),
        (65_001, 1, [32_501, 32_500]),
        (130_001, 1, [43_334, 43_334, 43_333]),
        (130_002, 2, [65_001 // 2 + 1, 65_001 // 2, 65_001 // 2 + 1, 65_001 // 2]),
    ],
)
def test_connections_past_65000_add_enis(connections: int, subnets: int,
                                         expected: list[int]) -> None:
    f = fn("api", [f"s{i}" for i in range(subnets)], ["g1"])
    enis = hyperplane_enis([f], connections={"api": connections})
    assert [e.connections for e in enis] == expected
    assert all(e.connections <= 65_000 for e in enis)
    if len(enis) > subnets:
        assert all("overflow_enis" in {a.key for a in e.assumptions} for e in enis)
        assert [e.index for e in enis[:2]] == [0, 1]


def test_connections_of_functions_sharing_a_combination_add_up() -> None:
    a, b = fn("a", ["s1"], ["g1"]), fn("b", ["s1"], ["g1"])
    assert len(hyperplane_enis([a, b], connections={"a": 40_000, "b": 30_000})) == 2
    assert len(hyperplane_enis([a, b], connections={"a": 40_000, "b": 25_000})) == 1


@pytest.mark.parametrize(
    ("quota", "needed", "raises"),
    [(500, 500, False), (500, 501, True), (250, 251, True), (None, 600, False)],
)
def test_eni_quota_per_vpc(quota: int | None, needed: int, raises: bool) -> None:
    functions = [fn(f"f{i}", ["s1"], [f"g{i}"]) for i in range(needed)]
    if raises:
        over = rf"would be {needed}, over the quota of {quota}: "
        with pytest.raises(QuotaExceeded, match=over) as err:
            hyperplane_enis(functions, eni_quota=quota)
        assert (err.value.needed, err.value.quota) == (needed, quota)
        assert isinstance(err.value, LambdaNetError)
    else:
        assert len(hyperplane_enis(functions, eni_quota=quota)) == needed


def test_default_quota_is_todays_500() -> None:
    with pytest.raises(QuotaExceeded, match="quota of 500"):
        hyperplane_enis([fn(f"f{i}", ["s1"], [f"g{i}"]) for i in range(501)])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hyperplane_enis("api"), r"^functions must be a list of LambdaFunction, got "
                                         r"'api'$"),
        (lambda: hyperplane_enis(fn("a", ["s"], ["g"])), r"^functions must be a list of "
                                                         r"LambdaFunction"),
        (lambda: hyperplane_enis([fn("a", ["s"], ["g"]), "b"]), r"^functions\[1\] must be a "
                                                                r"LambdaFunction, got 'b'$"),
        (lambda: hyperplane_enis([fn("a", ["s"], ["g"]), fn("a", ["t"], ["g"])]),
         r"^functions\[1\]\.name must be unique within its account"),
        (lambda: hyperplane_enis([fn("a", ["s"], ["g"])], connections={"b": 1}),
         r"^connections key must be a function or version label \('a'\), got 'b'$"),
        (lambda: hyperplane_enis([fn("a", ["s"], ["g"])], connections={"a": -1}),
         r"^connections\['a'\] must be an integer >= 0, got -1$"),
        (lambda: hyperplane_enis([fn("a", ["s"], ["g"])], connections=[("a", 1)]),
         r"^connections must be a mapping"),
        (lambda: hyperplane_enis([], eni_quota=-1), r"^eni_quota must be an integer >= 0, got -1$"),
        (lambda: hyperplane_enis([], eni_quota="500"), r"^eni_quota must be an integer >= 0, got "
                                                       r"'500'$"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        call()  # type: ignore[operator]


def test_every_eni_takes_one_address_and_says_so() -> None:
    (eni,) = hyperplane_enis([fn("a", ["s1"], ["g1"])])
    assert eni.ip_addresses == 1
    assert [a.key for a in eni.assumptions] == ["one_ip_per_eni"]
    assert str(eni) == "ENI in s1 [g1] used by a"
