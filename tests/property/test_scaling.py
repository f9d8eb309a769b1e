"""Property tests: scaling timelines respect every cap and never fall while demand holds.

The checks recompute each cap from the outputs alone (new environments are the rise above the
highest concurrency reached so far), so they do not reuse the model's own bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu.scaling.timeline import concurrency_timeline, simulate_concurrency

SETTINGS = settings(max_examples=200, deadline=None)
STEP, PERIOD, RAMP = 1000, 10, 500


@dataclass(frozen=True)
class Case:
    demands: dict[str, list[int]]
    account_limit: int
    reserved: dict[str, int]
    scaling: str
    burst: int | None

    def kwargs(self) -> dict[str, object]:
        return {"account_limit": self.account_limit, "scaling": self.scaling,
                "initial_burst": self.burst}

    def ramp(self, second: int) -> int:
        return (3000 if self.burst is None else self.burst) + RAMP * (second // 60)


def plateaus(max_seconds: int) -> st.SearchStrategy[list[int]]:
    """Demand that holds for a while, then jumps: the shape that exercises both rules."""
    segment = st.tuples(st.integers(0, 6000), st.integers(1, 40))
    return st.lists(segment, min_size=1, max_size=6).map(
        lambda parts: [v for value, length in parts for v in [value] * length][:max_seconds])


@st.composite
def cases(draw: st.DrawFn, *, functions: int, constant: bool = False) -> Case:
    count = draw(st.integers(1, functions))
    seconds = draw(st.integers(1, 150))
    demand = st.integers(0, 6000).map(lambda v: [v] * seconds) if constant else plateaus(seconds)
    demands = {f"fn{i}": draw(demand) for i in range(count)}
    shortest = min(len(d) for d in demands.values())
    demands = {name: d[:shortest] for name, d in demands.items()}
    limit = draw(st.sampled_from([50, 100, 1000, 3000]) | st.integers(1, 12_000))
    reserved: dict[str, int] = {}
    left = limit - 100
    for name in demands:
        if left >= 0 and draw(st.booleans()):
            reserved[name] = draw(st.integers(0, left))
            left -= reserved[name]
    scaling = draw(st.sampled_from(["2023", "pre-2023"]))
    burst = draw(st.sampled_from([None, 3000, 1000, 500])) if scaling == "pre-2023" else None
    return Case(demands, limit, reserved, scaling, burst)


def created(concurrency: tuple[int, ...] | list[int]) -> list[int]:
    """Environments each second adds: its rise above the highest level reached before."""
    highest, out = 0, []
    for c in concurrency:
        out.append(max(0, c - highest))
        highest = max(highest, c)
    return out


def reach(concurrency: tuple[int, ...], second: int) -> int:
    """The most the 2023 rule lets a function run at ``second``, given what it built before."""
    built = created(concurrency)
    warm = max(concurrency[:second], default=0)
    return warm + STEP - sum(built[max(0, second - PERIOD + 1):second])


class TestCapsAreNeverExceeded:
    """"Every 10 seconds, Lambda can allocate at most 1,000 additional execution environment
    instances ... to each of your functions", and it scales "until your account reaches its
    concurrency quota" - https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html.
    "You can reserve concurrency for as many functions as you like, as long as you leave at
    least 100 simultaneous executions unreserved" -
    https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html. Before
    2023-11-27: "For an initial burst of traffic, your cumulative concurrency in a Region can
    reach between 500 and 3000 ... After this initial burst, functions can scale by an
    additional 500 instances per minute" -
    https://docs.aws.amazon.com/lambda/latest/operatorguide/scaling-concurrency.html
    """

    @SETTINGS
    @given(cases(functions=4))
    def test_every_cap_holds(self, case: Case) -> None:
        run = simulate_concurrency(case.demands, reserved_concurrency=case.reserved,
                                   **case.kwargs())  # type: ignore[arg-type]
        got = run.concurrency
        pool = case.account_limit - sum(case.reserved.values())
        for t in range(run.seconds):
            assert all(0 <= got[n][t] <= case.demands[n][t] for n in got)
            assert all(got[n][t] <= r for n, r in case.reserved.items())
            assert sum(got[n][t] for n in got) <= case.account_limit
            assert sum(got[n][t] for n in got if n not in case.reserved) <= pool
            if case.scaling == "pre-2023":
                assert sum(got[n][t] for n in got) <= case.ramp(t)
        if case.scaling == "2023":
            for n in got:
                built = created(got[n])
                assert all(sum(built[t:t + PERIOD]) <= STEP for t in range(run.seconds))

    @SETTINGS
    @given(cases(functions=1))
    def test_single_function_matches_the_simulation(self, case: Case) -> None:
        ((name, demand),) = case.demands.items()
        timeline = concurrency_timeline(demand, reserved_concurrency=case.reserved.get(name),
                                        **case.kwargs())  # type: ignore[arg-type]
        run = simulate_concurrency(case.demands, reserved_concurrency=case.reserved,
                                   **case.kwargs())  # type: ignore[arg-type]
        assert timeline == run.timeline(name)
        assert [s for s, _ in timeline] == list(range(len(demand)))


class TestNeverDecreasesWhileDemandHolds:
    """"As your function receives more requests, Lambda automatically scales up the number of
    execution environments to handle these requests until your account reaches its
    concurrency quota" - https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html.
    Nothing in the rules takes environments away from a load that holds steady.
    """

    @SETTINGS
    @given(cases(functions=1))
    def test_one_function(self, case: Case) -> None:
        ((name, demand),) = case.demands.items()
        got = [c for _, c in concurrency_timeline(
            demand, reserved_concurrency=case.reserved.get(name),
            **case.kwargs())]  # type: ignore[arg-type]
        for t in range(1, len(got)):
            if demand[t] == demand[t - 1]:
                assert got[t] >= got[t - 1], (t, demand[t], got[t - 1], got[t])

    @SETTINGS
    @given(cases(functions=4, constant=True))
    def test_functions_with_steady_demand_share_without_losing_ground(self, case: Case) -> None:
        run = simulate_concurrency(case.demands, reserved_concurrency=case.reserved,
                                   **case.kwargs())  # type: ignore[arg-type]
        for got in run.concurrency.values():
            assert all(a <= b for a, b in pairwise(got))


class TestThrottlingOnlyAtACap:
    """"If requests arrive faster than a function can scale, or if a function reaches maximum
    capacity, additional requests will fail with a throttling error (status code 429)" -
    https://docs.aws.amazon.com/lambda/latest/operatorguide/scaling-concurrency.html. So a
    request is throttled only at a cap. How a shared pool is split is the model's choice
    (max-min fair shares, declared as a simplification), so that test checks the model's rule.
    """

    @SETTINGS
    @given(cases(functions=1))
    def test_one_function_is_throttled_only_at_a_cap(self, case: Case) -> None:
        ((name, demand),) = case.demands.items()
        got = tuple(c for _, c in concurrency_timeline(
            demand, reserved_concurrency=case.reserved.get(name),
            **case.kwargs()))  # type: ignore[arg-type]
        for t, c in enumerate(got):
            if c < demand[t]:
                caps = {case.account_limit, case.reserved.get(name, -1)}
                caps.add(reach(got, t) if case.scaling == "2023" else case.ramp(t))
                assert c in caps, (t, demand[t], c, caps)

    @SETTINGS
    @given(cases(functions=4).filter(lambda c: c.scaling == "2023"))
    def test_a_shared_pool_is_split_max_min_fairly(self, case: Case) -> None:
        run = simulate_concurrency(case.demands, reserved_concurrency=case.reserved,
                                   **case.kwargs())  # type: ignore[arg-type]
        got = run.concurrency
        shared = [n for n in got if n not in case.reserved]
        pool = case.account_limit - sum(case.reserved.values())
        for t in range(run.seconds):
            for n in shared:
                if got[n][t] < min(case.demands[n][t], reach(got[n], t)):
                    # Held back by the pool: the pool is full and nobody sharing it has more
                    # than one more than this function.
                    assert sum(got[m][t] for m in shared) == pool
                    assert got[n][t] >= max(got[m][t] for m in shared) - 1
