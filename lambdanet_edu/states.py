"""A VPC function's life: Pending while its ENI is made, Active, Inactive after idle days,
or Failed with a reason code when Lambda cannot set up its network interfaces.

Examples:
    >>> step = lifecycle(["create", "eni_ready", "invoke", "idle 14", "invoke", "eni_ready"])
    >>> [(s.event, s.state.value, s.invocation) for s in step]  # doctest: +NORMALIZE_WHITESPACE
    [('create', 'Pending', None), ('eni_ready', 'Active', None), ('invoke', 'Active', 'succeeds'),
     ('idle 14', 'Inactive', None), ('invoke', 'Pending', 'fails'), ('eni_ready', 'Active', None)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, EnumMeta
from typing import Any

from lambdanet_edu._checks import check_list, is_ascii_digits
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import FAILED_REASON_CODES, INACTIVE_AFTER_IDLE_DAYS

__all__ = ["EVENTS", "FunctionState", "Step", "lifecycle"]

#: What can happen to a function, as :func:`lifecycle` spells it ("idle N" takes a day count,
#: "fail CODE" one of :data:`~lambdanet_edu.facts.FAILED_REASON_CODES`).
EVENTS = ("create", "eni_ready", "invoke", "idle N", "update_vpc_config", "fail CODE")


class _StateType(EnumMeta):
    """Refuses a value that is not a string before ``Enum`` tries it: ``Enum`` words its own
    error with ``repr(value)``, which a deeply nested value cannot survive."""

    def __call__(cls, value: object, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and not isinstance(value, (str, cls)):
            members: list[Enum] = list(cls.__members__.values())
            names = [repr(member.value) for member in members]
            raise LambdaNetError.invalid("state", value, f"one of {', '.join(names)}")
        return super().__call__(value, *args, **kwargs)


class FunctionState(Enum, metaclass=_StateType):
    """The ``State`` Lambda reports for a function (``GetFunctionConfiguration``).

    Examples:
        >>> FunctionState("Inactive") is FunctionState.INACTIVE
        True
    """

    PENDING = "Pending"
    ACTIVE = "Active"
    INACTIVE = "Inactive"
    FAILED = "Failed"

    @classmethod
    def _missing_(cls, value: object) -> FunctionState:
        """An unknown state is a :class:`LambdaNetError` (a ``ValueError``), like every error."""
        raise LambdaNetError.invalid("state", value,
                                     f"one of {', '.join(repr(s.value) for s in cls)}")


@dataclass(frozen=True, slots=True)
class Step:
    """The state after one event, what an invocation at that moment does, and why.

    Examples:
        >>> step = lifecycle(["create", "invoke"])[-1]
        >>> step.state, step.invocation
        (<FunctionState.PENDING: 'Pending'>, 'fails')
    """

    event: str
    state: FunctionState
    invocation: str | None
    explanation: str
    reason_code: str | None = None


def lifecycle(events: Iterable[str]) -> list[Step]:
    """Play events against a new VPC function and report each resulting state.

    Args:
        events: Starting with ``"create"``; then ``"eni_ready"``, ``"invoke"``,
            ``"idle N"`` (N whole days without an invocation), ``"update_vpc_config"`` or
            ``"fail CODE"`` (Lambda could not set up the network interfaces; CODE is a
            ``StateReasonCode`` such as ``"EniLimitExceeded"``, see
            :func:`~lambdanet_edu.creation.create_function_state`).

    Returns:
        One :class:`Step` per event. ``invocation`` is ``"succeeds"`` or ``"fails"`` for
        ``invoke`` events, else ``None``.

    Raises:
        LambdaNetError: An unknown event, a bad day count, or no ``"create"`` first.

    Examples:
        An update keeps the old ENI serving invocations while the new one is made:

        >>> [s.explanation for s in lifecycle(["create", "eni_ready", "update_vpc_config"])][-1]
        'The function stays Active and invocations keep using the old configuration until the update
        completes; other updates and PublishVersion fail meanwhile.'

        A create that fails, and the update that fixes it:

        >>> steps = lifecycle(["create", "fail SubnetOutOfIPAddresses", "invoke",
        ...                    "update_vpc_config", "eni_ready"])
        >>> [(s.state.value, s.reason_code, s.invocation) for s in steps]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('Pending', None, None), ('Failed', 'SubnetOutOfIPAddresses', None),
         ('Failed', None, 'fails'), ('Pending', None, None), ('Active', None, None)]
        >>> lifecycle(["invoke"])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: events[0] must be 'create' (a function's life starts
        there), got 'invoke'
    """
    steps: list[Step] = []
    state: FunctionState | None = None
    idle = 0  # days since the last invocation, summed over consecutive "idle N" events
    for i, event in enumerate(check_list("events", events, "a list of events")):
        field = f"events[{i}]"
        if state is None:
            if event != "create":
                raise LambdaNetError.invalid(field, event,
                                             "'create' (a function's life starts there)")
            state = FunctionState.PENDING
            steps.append(Step("create", state, None,
                              "Lambda is creating or assigning a Hyperplane ENI; "
                              "invocations fail while the function is Pending."))
            continue
        if isinstance(event, str) and event.partition(" ")[0] == "fail":
            code = _parse_failure(field, event)
            state, invocation, why = _fail(state, code)
            steps.append(Step(event, state, invocation, why, code))
            continue
        text, kind, days = _parse(field, event)
        idle = idle + days if kind == "idle" else 0 if kind == "invoke" else idle
        if state is FunctionState.FAILED:
            state, invocation, why = _from_failed(kind)
        else:
            state, invocation, why = _transition(state, kind, idle)
        steps.append(Step(text, state, invocation, why))
    return steps


def _parse_failure(field: str, event: str) -> str:
    """The reason code of a ``"fail CODE"`` event."""
    code = event.partition(" ")[2]
    if code not in FAILED_REASON_CODES:
        codes = ", ".join(FAILED_REASON_CODES)
        raise LambdaNetError.invalid(field, event, f"'fail CODE' with CODE one of {codes}")
    return code


def _fail(state: FunctionState, code: str) -> tuple[FunctionState, str | None, str]:
    """Lambda could not set up the network interfaces of a create or an update."""
    if state is FunctionState.ACTIVE:
        return state, None, (f"The update failed ({code}): LastUpdateStatus is Failed with that "
                             "reason code, and the function stays Active on its old "
                             "configuration.")
    return FunctionState.FAILED, None, (
        f"Lambda could not set up the function's network interfaces: State is Failed, "
        f"StateReasonCode {code}. Invocations fail until you fix the cause and update the "
        "function's configuration.")


def _from_failed(kind: str) -> tuple[FunctionState, str | None, str]:
    """A Failed function recovers only through an update of its configuration."""
    if kind == "invoke":
        return FunctionState.FAILED, "fails", "Invoking a Failed function fails."
    if kind == "update_vpc_config":
        return FunctionState.PENDING, None, ("Updating the configuration of a Failed function "
                                             "starts over: it is Pending while Lambda sets up "
                                             "its network interfaces again.")
    return FunctionState.FAILED, None, "Nothing changes a Failed function but an update."


def _parse(field: str, event: object) -> tuple[str, str, int]:
    """The event as text, its kind and its day count (0 but for ``"idle N"``)."""
    allowed = f"one of {', '.join(repr(e) for e in EVENTS)}"
    if not isinstance(event, str):
        raise LambdaNetError.invalid(field, event, allowed)
    kind, _, rest = event.partition(" ")
    if kind == "idle":
        if not is_ascii_digits(rest) or len(rest) > 6:  # a million days is ample
            raise LambdaNetError.invalid(field, event, "'idle N' with N a whole number of days")
        return event, kind, int(rest)
    if rest or kind not in EVENTS or kind == "create":
        raise LambdaNetError.invalid(field, event, allowed + " ('create' only once, first)")
    return event, kind, 0


def _transition(state: FunctionState, kind: str,
                days: int) -> tuple[FunctionState, str | None, str]:
    pending, active, inactive = FunctionState.PENDING, FunctionState.ACTIVE, FunctionState.INACTIVE
    if kind == "eni_ready":
        if state is pending:
            return active, None, "The Hyperplane ENI is ready: the function is Active."
        return state, None, f"Nothing to do: the function is {state.value}, not waiting for an ENI."
    if kind == "invoke":
        if state is active:
            return active, "succeeds", ("An Active function runs; the invocation also resets its "
                                        "idle clock.")
        if state is inactive:
            return pending, "fails", ("Invoking an Inactive function fails and sends it back to "
                                      "Pending while Lambda recreates or reassigns its Hyperplane "
                                      "ENI.")
        return pending, "fails", "Invocations fail while the function is Pending."
    if kind == "idle":  # ``days`` is the idle total so far
        if state is active and days >= INACTIVE_AFTER_IDLE_DAYS:
            return inactive, None, (f"After {INACTIVE_AFTER_IDLE_DAYS} idle days Lambda reclaims "
                                    "unused Hyperplane ENIs and marks the function Inactive.")
        if state is active:
            return active, None, (f"{days} idle days in a row is under {INACTIVE_AFTER_IDLE_DAYS}: "
                                  "the function stays Active.")
        return state, None, f"Idle time does not change a {state.value} function."
    # update_vpc_config
    if state is active:
        return active, None, ("The function stays Active and invocations keep using the old "
                              "configuration until the update completes; other updates and "
                              "PublishVersion fail meanwhile.")
    if state is pending:
        return pending, None, "Updates fail while the function is Pending."
    return inactive, None, ("AWS does not document updates to an Inactive function; the model "
                            "leaves it Inactive until the next invocation.")
