"""Function states for VPC functions (Lambda developer guide: function states, VPC ENIs)."""

from __future__ import annotations

import pytest

from lambdanet_edu import LambdaNetError
from lambdanet_edu.facts import FAILED_REASON_CODES
from lambdanet_edu.states import FunctionState, lifecycle

# Pending, Active, iNactive (the letter I reads too much like 1).
P, A, N = FunctionState.PENDING, FunctionState.ACTIVE, FunctionState.INACTIVE


@pytest.mark.parametrize(
    ("events", "states", "invocations"),
    [
        (["create"], [P], [None]),
        (["create", "invoke"], [P, P], [None, "fails"]),
        (["create", "eni_ready", "invoke"], [P, A, A], [None, None, "succeeds"]),
        (["create", "eni_ready", "idle 13"], [P, A, A], [None, None, None]),
        (["create", "eni_ready", "idle 14"], [P, A, N], [None, None, None]),
        # Idle days add up until an invocation resets the clock.
        (["create", "eni_ready", "idle 7", "idle 7"], [P, A, A, N], [None] * 4),
        (["create", "eni_ready", "idle 7", "invoke", "idle 7"], [P, A, A, A, A],
         [None, None, None, "succeeds", None]),
        (["create", "eni_ready", "idle 30", "invoke", "invoke", "eni_ready", "invoke"],
         [P, A, N, P, P, A, A], [None, None, None, "fails", "fails", None, "succeeds"]),
        (["create", "eni_ready", "update_vpc_config", "invoke"], [P, A, A, A],
         [None, None, None, "succeeds"]),
        (["create", "update_vpc_config"], [P, P], [None, None]),
    ],
)
def test_lifecycle(events: list[str], states: list[FunctionState],
                   invocations: list[str | None]) -> None:
    steps = lifecycle(events)
    assert [s.state for s in steps] == states
    assert [s.invocation for s in steps] == invocations
    assert all(s.explanation.endswith(".") for s in steps)


def test_inactive_explanation_names_the_14_days() -> None:
    assert "14 idle days" in lifecycle(["create", "eni_ready", "idle 20"])[-1].explanation


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([], None),
        (["eni_ready"], r"^events\[0\] must be 'create'"),
        (["create", "create"], r"^events\[1\] must be one of 'create', 'eni_ready', 'invoke', "
                               r"'idle N', 'update_vpc_config', 'fail CODE' \('create' only once, "
                               r"first\), got 'create'$"),  # issue 16 adds 'fail CODE'
        (["create", "idle"], r"^events\[1\] must be 'idle N' with N a whole number of days, got "
                             r"'idle'$"),
        (["create", "idle -3"], r"got 'idle -3'$"),
        (["create", "reboot"], r"got 'reboot'$"),
        (["create", 7], r"got 7$"),
        ("create", r"^events must be a list of events, got 'create'$"),
    ],
)
def test_bad_events(events: object, message: str | None) -> None:
    if message is None:
        assert lifecycle(events) == []  # type: ignore[arg-type]
        return
    with pytest.raises(LambdaNetError, match=message):
        lifecycle(events)  # type: ignore[arg-type]


# --- Failed, with a reason code (issue 16) --------------------------------------------------


@pytest.mark.parametrize("code", FAILED_REASON_CODES)
def test_a_create_that_fails_is_failed_with_its_reason_code(code: str) -> None:
    steps = lifecycle(["create", f"fail {code}", "invoke", "eni_ready", "idle 30"])
    assert [(s.state.value, s.reason_code, s.invocation) for s in steps] == [
        ("Pending", None, None), ("Failed", code, None), ("Failed", None, "fails"),
        ("Failed", None, None), ("Failed", None, None)]


def test_an_update_of_a_failed_function_starts_over() -> None:
    steps = lifecycle(["create", "fail EniLimitExceeded", "update_vpc_config", "eni_ready",
                       "invoke"])
    assert [s.state.value for s in steps] == ["Pending", "Failed", "Pending", "Active", "Active"]
    assert steps[-1].invocation == "succeeds"


def test_a_failed_update_leaves_the_function_active() -> None:
    steps = lifecycle(["create", "eni_ready", "update_vpc_config", "fail SubnetOutOfIPAddresses",
                       "invoke"])
    assert steps[3].state.value == "Active" and "LastUpdateStatus" in steps[3].explanation
    assert steps[3].reason_code == "SubnetOutOfIPAddresses"
    assert steps[4].invocation == "succeeds"


@pytest.mark.parametrize("event", ["fail", "fail ", "fail Nope", "fail enilimitexceeded",
                                   "fail EniLimitExceeded x"])
def test_an_unknown_reason_code_is_refused(event: str) -> None:
    with pytest.raises(LambdaNetError, match=r"^events\[1\] must be 'fail CODE' with CODE one of "
                                             r"InvalidSubnet, "):
        lifecycle(["create", event])


def test_failed_is_a_state() -> None:
    assert FunctionState("Failed") is FunctionState.FAILED
