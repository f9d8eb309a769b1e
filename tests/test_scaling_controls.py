"""Provisioned concurrency, an SQS event source, and db_connections composed with both."""

from __future__ import annotations

import pytest

import lambdanet_edu as ln
from lambdanet_edu.scaling import SqsEventSource, function_run


@pytest.mark.parametrize(("second", "pollers"), [
    (0, 5), (1, 10), (12, 65), (60, 305), (120, 605), (199, 1000), (10_000, 1000)])
def test_sqs_pollers_ramp_as_documented(second: int, pollers: int) -> None:
    assert SqsEventSource().pollers_at(second) == pollers


@pytest.mark.parametrize("value", [0, 1, 1001, 2.5, "50", True])
def test_maximum_concurrency_range(value: object) -> None:
    with pytest.raises(ln.LambdaNetError, match="maximum_concurrency must be an integer from 2"):
        SqsEventSource(maximum_concurrency=value)  # type: ignore[arg-type]


def test_queue_holds_what_the_function_cannot_take() -> None:
    run = function_run([100, 100, 0, 0], event_source=SqsEventSource(maximum_concurrency=60))
    assert run.concurrency[""] == (5, 10, 15, 20)
    assert run.queued[""] == (95, 185, 170, 150)
    assert run.throttled[""] == (0, 0, 0, 0)


def test_reserved_concurrency_throttles_callers() -> None:
    run = function_run([100, 100], reserved_concurrency=60)
    assert run.concurrency[""] == (60, 60)
    assert run.throttled[""] == (40, 40)
    assert run.queued == {}


def test_provisioned_environments_serve_at_once_and_count() -> None:
    run = function_run([0, 1500, 1500], provisioned_concurrency=800, account_limit=3000)
    assert run.concurrency[""] == (0, 1500, 1500)  # 800 warm + 1,000 new in the window
    assert run.environments() == (800, 1500, 1500)
    assert "provisioned_ready" in [a.key for a in run.assumptions]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"provisioned_concurrency": 0}, "provisioned_concurrency must be an integer from 1 to 900"),
    ({"provisioned_concurrency": 901}, "provisioned_concurrency must be an integer from 1 to 900"),
    ({"provisioned_concurrency": 300, "reserved_concurrency": 200},
     "at most the function's reserved concurrency 200"),
    ({"provisioned_concurrency": "5"}, "provisioned_concurrency must be an integer"),
    ({"event_source": "sqs"}, "event_source must be None or an SqsEventSource"),
])
def test_bad_controls(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=match):
        function_run(10, seconds=2, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("control", "open_", "refused"), [
    ({}, 60, 740),
    ({"reserved_concurrency": 50}, 50, 0),
    ({"event_source": SqsEventSource(maximum_concurrency=50)}, 50, 0),
    ({"provisioned_concurrency": 20, "event_source": SqsEventSource(maximum_concurrency=50)},
     50, 0),
    ({"provisioned_concurrency": 80, "reserved_concurrency": 80}, 60, 20),
])
def test_db_connections_composes_with_controls(control: dict[str, object], open_: int,
                                               refused: int) -> None:
    run = function_run(800, seconds=60, **control)  # type: ignore[arg-type]
    got = ln.db_connections(run, max_connections=60)
    assert (got.open, got.refused) == (open_, refused)


def test_db_connections_takes_timeline_pairs() -> None:
    pairs = ln.concurrency_timeline([10, 40, 20])
    assert ln.db_connections(pairs, max_connections=30).refused == 10


def test_db_connections_refuses_a_run_of_several_functions() -> None:
    run = ln.scaling.simulate_concurrency({"a": 1, "b": 1}, seconds=1)
    with pytest.raises(ln.LambdaNetError, match="clients must be a run of one function"):
        ln.db_connections(run, max_connections=30)


def test_proxy_with_queue() -> None:
    run = function_run(800, event_source=SqsEventSource(maximum_concurrency=100))
    got = ln.db_connections(run, max_connections=60, proxy=ln.RdsProxy(), active_fraction=0.5)
    assert (got.clients, got.open, got.refused) == (100, 50, 0)
