"""Lambda scaling: 1,000 environments per function every 10 s (2023) and the pre-2023 burst.

Expected values are worked out from AWS's wording (facts C1-C5), not read off the model:
today's staircase adds 1,000 every 10 seconds from second 0; the pre-2023 ramp is the Region's
burst plus 500 per whole minute; reservations are held back from the shared pool.
"""

from __future__ import annotations

import pytest

from lambdanet_edu import LambdaNetError
from lambdanet_edu.facts import LEGACY_BURST_OTHER_REGIONS, LEGACY_BURSTS
from lambdanet_edu.scaling.timeline import (
    SCALING_RULES,
    concurrency_timeline,
    concurrency_timelines,
    legacy_initial_burst,
    simulate_concurrency,
)

BIG = 1_000_000  # an account limit that never binds


def values(timeline: list[tuple[int, int]]) -> list[int]:
    assert [second for second, _ in timeline] == list(range(len(timeline)))
    return [c for _, c in timeline]


def test_step_demand_climbs_the_staircase_of_the_aws_figure() -> None:
    # 1,000 at once, then +1,000 every 10 seconds until demand is met.
    got = values(concurrency_timeline(5500, seconds=70, account_limit=BIG))
    assert got == [min(5500, 1000 * (s // 10 + 1)) for s in range(70)]


@pytest.mark.parametrize(
    ("demand", "kwargs", "expected"),
    [
        (5000, {}, 1000),  # the default account limit of 1,000 binds
        (5000, {"account_limit": 1500}, 1000),  # the 10-second step binds first
        (700, {}, 700),  # demand below every cap is met at once
        (5000, {"reserved_concurrency": 300}, 300),
        (5000, {"reserved_concurrency": 0}, 0),  # reserved 0 throttles everything
        (5000, {"account_limit": 3000, "reserved_concurrency": 2900}, 1000),
        (0, {}, 0),
        (80, {"account_limit": 50}, 50),  # a new account's small limit, nothing reserved
    ],
)
def test_first_ten_seconds(demand: int, kwargs: dict[str, int], expected: int) -> None:
    assert values(concurrency_timeline(demand, seconds=10, **kwargs)) == [expected] * 10


def test_returning_to_an_earlier_level_reuses_warm_environments() -> None:
    demand = [2000] * 10 + [0] * 5 + [2000] * 5
    got = values(concurrency_timeline(demand, account_limit=BIG))
    # 1,000 built in second 0; at second 15 the window (6..15) has built none, so +1,000.
    assert got == [1000] * 10 + [0] * 5 + [2000] * 5


def test_the_window_slides_second_by_second() -> None:
    demand = [900] * 5 + [0] * 3 + [3000] * 4
    got = values(concurrency_timeline(demand, account_limit=BIG))
    # 900 built at second 0 leaves 100 for seconds 1-9; at second 10 it has left the window.
    assert got == [900] * 5 + [0] * 3 + [1000, 1000, 1900, 1900]


@pytest.mark.parametrize(
    ("region", "burst"),
    [
        ("us-east-1", 3000), ("us-west-2", 3000), ("eu-west-1", 3000),
        ("ap-northeast-1", 1000), ("eu-central-1", 1000), ("us-east-2", 1000),
        ("eu-west-3", 500), ("sa-east-1", 500), ("us-gov-west-1", 500),
    ],
)
def test_legacy_bursts_by_region(region: str, burst: int) -> None:
    assert legacy_initial_burst(region) == burst
    got = values(concurrency_timeline(BIG, seconds=241, account_limit=BIG, scaling="pre-2023",
                                      initial_burst=region))
    assert got == [burst + 500 * (s // 60) for s in range(241)]


def test_legacy_bursts_match_the_facts_table() -> None:
    assert set(LEGACY_BURSTS.values()) | {LEGACY_BURST_OTHER_REGIONS} == {3000, 1000, 500}


@pytest.mark.parametrize("burst", [3000, 1000, 500, None])
def test_legacy_burst_as_a_number(burst: int | None) -> None:
    got = values(concurrency_timeline(BIG, seconds=61, account_limit=BIG, scaling="pre-2023",
                                      initial_burst=burst))
    start = 3000 if burst is None else burst  # None is us-east-1's burst
    assert got[0] == got[59] == start
    assert got[60] == start + 500


def test_legacy_stops_at_the_account_limit_and_at_demand() -> None:
    assert set(values(concurrency_timeline(5000, scaling="pre-2023"))) == {1000}
    ramp = values(concurrency_timeline(2000, account_limit=BIG, scaling="pre-2023",
                                       initial_burst=500, seconds=300))
    assert ramp[179] == 1500
    assert set(ramp[180:]) == {2000}


@pytest.mark.parametrize(
    ("demands", "reserved", "expected"),
    [
        ({"a": 900, "b": 900}, None, {"a": 500, "b": 500}),
        ({"a": 100, "b": 900}, None, {"a": 100, "b": 900}),
        ({"a": 100, "b": 900, "c": 900}, None, {"a": 100, "b": 450, "c": 450}),
        ({"a": 1000, "b": 1000, "c": 1000}, None, {"a": 334, "b": 333, "c": 333}),
        ({"a": 900, "b": 900}, {"a": 700}, {"a": 700, "b": 300}),
        ({"a": 900, "b": 900}, {"a": 0}, {"a": 0, "b": 900}),
        # An unused reservation is still held back from the others.
        ({"a": 100, "b": 900}, {"a": 400}, {"a": 100, "b": 600}),
        ({"a": 900, "b": 900}, {"a": 450, "b": 450}, {"a": 450, "b": 450}),
    ],
)
def test_functions_share_one_account_limit(
    demands: dict[str, int], reserved: dict[str, int] | None, expected: dict[str, int]
) -> None:
    both = concurrency_timelines(demands, seconds=3, reserved_concurrency=reserved)
    assert {name: set(values(t)) for name, t in both.items()} == {
        name: {c} for name, c in expected.items()}


def test_legacy_burst_is_shared_by_the_whole_account() -> None:
    both = concurrency_timelines({"a": 1000, "b": 1000}, seconds=61, account_limit=3000,
                                 scaling="pre-2023", initial_burst="eu-west-3")
    assert both["a"][0] == both["b"][0] == (0, 250)
    assert both["a"][60] == both["b"][60] == (60, 500)


def test_simulation_reports_throttling_and_assumptions() -> None:
    run = simulate_concurrency({"api": [1500, 1500, 200], "etl": lambda s: 100}, account_limit=1000)
    assert run.seconds == 3
    assert run.concurrency == {"api": (900, 900, 200), "etl": (100, 100, 100)}
    assert run.throttled == {"api": (600, 600, 0), "etl": (0, 0, 0)}
    assert run.timeline("etl") == [(0, 100), (1, 100), (2, 100)]
    keys = [a.key for a in run.assumptions]
    assert keys == ["scaling_per_second_demand", "scaling_sliding_window",
                    "scaling_no_idle_reclaim", "scaling_fair_share"]
    legacy = simulate_concurrency({"api": 1}, scaling="pre-2023")
    assert [a.key for a in legacy.assumptions] == ["scaling_per_second_demand",
                                                  "scaling_legacy_from_surge"]


def test_seconds_default_to_the_list_or_to_sixty() -> None:
    assert len(concurrency_timeline([1, 2, 3])) == 3
    assert len(concurrency_timeline(5)) == 60
    assert len(concurrency_timeline(lambda second: second)) == 60
    assert len(concurrency_timeline([1, 2, 3], seconds=2)) == 2
    assert values(concurrency_timeline(range(5))) == [0, 1, 2, 3, 4]
    assert set(concurrency_timelines({"a": [1, 2], "b": 7})) == {"a", "b"}


def test_scaling_rules() -> None:
    assert SCALING_RULES == ("2023", "pre-2023")


KINDS = r"an integer >= 0, a list of integers \(one per second\) or a function of the second"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"demand": "100"}, rf"^demand must be {KINDS}, got '100'$"),
        ({"demand": 1.5}, rf"^demand must be {KINDS}, got 1\.5$"),
        ({"demand": True}, rf"^demand must be {KINDS}, got True$"),
        ({"demand": None}, rf"^demand must be {KINDS}, got None$"),
        ({"demand": {"a": 1}}, rf"^demand must be {KINDS}, got {{'a': 1}}$"),
        ({"demand": -1}, r"^demand must be an integer >= 0, got -1$"),
        ({"demand": [1, -2]}, r"^demand\[1\] must be an integer >= 0, got -2$"),
        ({"demand": [1, "2"]}, r"^demand\[1\] must be an integer >= 0, got '2'$"),
        ({"demand": []}, r"^demand must be a non-empty list, got \[\]$"),
        ({"demand": lambda s: -1}, r"^demand\(0\) must be an integer >= 0, got -1$"),
        ({"demand": lambda s: 1.0}, r"^demand\(0\) must be an integer >= 0, got 1\.0$"),
        ({"demand": 1, "seconds": 0}, r"^seconds must be an integer from 1 to 86,400, got 0$"),
        ({"demand": 1, "seconds": "60"}, r"^seconds must be an integer .*, got '60'$"),
        ({"demand": 1, "seconds": 1.5}, r"^seconds must be an integer .*, got 1\.5$"),
        ({"demand": 1, "seconds": 86_401}, r"^seconds must be .*, got 86401$"),
        ({"demand": [1, 2], "seconds": 5},
         r"^seconds must be at most the length of demand \(2\), got 5$"),
        ({"demand": 1, "account_limit": 0}, r"^account_limit must be an integer >= 1, got 0$"),
        ({"demand": 1, "account_limit": "1000"}, r"^account_limit must be .*, got '1000'$"),
        ({"demand": 1, "account_limit": 1000.0}, r"^account_limit must be .*, got 1000\.0$"),
        ({"demand": 1, "account_limit": None}, r"^account_limit must be .*, got None$"),
        ({"demand": 1, "reserved_concurrency": 950},
         r"^reserved_concurrency must be an integer from 0 to 900 \(the account limit 1,000 "
         r"minus the 100 that must stay unreserved\), got 950$"),
        ({"demand": 1, "reserved_concurrency": 1901, "account_limit": 2000},
         r"from 0 to 1,900 \(the account limit 2,000 minus the 100 .*\), got 1901$"),
        ({"demand": 1, "reserved_concurrency": 10, "account_limit": 50},
         r"^reserved_concurrency must be None \(the account limit 50 minus the 100 .* below 0\)"),
        ({"demand": 1, "reserved_concurrency": -1}, r"^reserved_concurrency must be .*, got -1$"),
        ({"demand": 1, "reserved_concurrency": "10"}, r"^reserved_concurrency .*, got '10'$"),
        ({"demand": 1, "reserved_concurrency": True}, r"^reserved_concurrency .*, got True$"),
        ({"demand": 1, "reserved_concurrency": 10.0}, r"^reserved_concurrency .*, got 10\.0$"),
        ({"demand": 1, "scaling": "2024"},
         r"^scaling must be one of '2023', 'pre-2023', got '2024'$"),
        ({"demand": 1, "scaling": 2023}, r"^scaling must be one of .*, got 2023$"),
        ({"demand": 1, "initial_burst": 3000},
         r"^initial_burst must be None with scaling='2023' \(an initial burst exists only in the "
         r"pre-2023 rule\), got 3000$"),
        ({"demand": 1, "scaling": "pre-2023", "initial_burst": 2000},
         r"^initial_burst must be one of 3,000, 1,000, 500 or a Region name such as "
         r"'eu-west-3', got 2000$"),
        ({"demand": 1, "scaling": "pre-2023", "initial_burst": 3000.0}, r"got 3000\.0$"),
        ({"demand": 1, "scaling": "pre-2023", "initial_burst": True}, r"got True$"),
        ({"demand": 1, "scaling": "pre-2023", "initial_burst": "Ireland"},
         r"^region must be a Region name such as 'eu-west-3', got 'Ireland'$"),
        ({"demand": 1, "scaling": "pre-2023", "initial_burst": ""}, r"^region must .*, got ''$"),
    ],
)
def test_bad_single_function_input(kwargs: dict[str, object], message: str) -> None:
    demand = kwargs.pop("demand")
    with pytest.raises(LambdaNetError, match=message):
        concurrency_timeline(demand, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("demands", "kwargs", "message"),
    [
        ({}, {}, r"^demands must be a mapping of function names to demands, got \{\}$"),
        ([1, 2], {}, r"^demands must be a mapping .*, got \[1, 2\]$"),
        ("api", {}, r"^demands must be a mapping .*, got 'api'$"),
        ({"my fn": 1}, {}, r"^function name must be a non-empty string without spaces, got 'my "
                           r"fn'$"),
        ({5: 1}, {}, r"^function name must be .*, got 5$"),
        ({"a": -1}, {}, r"^demands\['a'\] must be an integer >= 0, got -1$"),
        ({"a": [1, None]}, {}, r"^demands\['a'\]\[1\] must be an integer >= 0, got None$"),
        ({"a": [1, 2], "b": [1, 2, 3]}, {},
         r"^seconds must be given when the demand lists differ in length \(\[2, 3\]\), got None$"),
        ({"a": [1, 2], "b": [1, 2, 3]}, {"seconds": 3},
         r"^seconds must be at most the length of demands\['a'\] \(2\), got 3$"),
        ({"a": 1, "b": 1}, {"reserved_concurrency": {"c": 10}},
         r"^reserved_concurrency must be keyed by function names in demands \('a', 'b'\), "
         r"got 'c'$"),
        ({"a": 1}, {"reserved_concurrency": [("a", 10)]},
         r"^reserved_concurrency must be None or a mapping of function names to reservations"),
        ({"a": 1}, {"reserved_concurrency": 10}, r"^reserved_concurrency must be None or a "
                                                 r"mapping"),
        ({"a": 1, "b": 1}, {"reserved_concurrency": {"a": 901}},
         r"^reserved_concurrency\['a'\] must be an integer from 0 to 900 .*, got 901$"),
        ({"a": 1, "b": 1}, {"reserved_concurrency": {"a": 500, "b": 450}},
         r"^reserved_concurrency must be at most 900 in total \(the account limit 1,000 minus the "
         r"100 that must stay unreserved\), got a total of 950$"),
        ({"a": 1, "b": 1}, {"reserved_concurrency": {"a": 4000, "b": 4000}, "account_limit": 8000},
         r"at most 7,900 in total .*, got a total of 8,000$"),
    ],
)
def test_bad_multi_function_input(demands: object, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        concurrency_timelines(demands, **kwargs)  # type: ignore[arg-type]


def test_timeline_needs_a_known_name() -> None:
    run = simulate_concurrency({"a": 1, "b": 2}, seconds=1)
    with pytest.raises(LambdaNetError, match=r"^name must be one of 'a', 'b', got 'c'$"):
        run.timeline("c")
    with pytest.raises(LambdaNetError, match=r"^name must be one of 'a', 'b', got None$"):
        run.timeline()


def test_errors_are_value_errors_not_type_errors() -> None:
    with pytest.raises(ValueError, match="account_limit"):
        concurrency_timeline(1, account_limit="lots")  # type: ignore[arg-type]


def test_the_run_is_immutable() -> None:
    run = simulate_concurrency({"a": 1}, seconds=1)
    with pytest.raises(AttributeError):
        run.scaling = "pre-2023"  # type: ignore[misc]
    with pytest.raises(TypeError):
        run.concurrency["a"] = (5,)  # type: ignore[index]
