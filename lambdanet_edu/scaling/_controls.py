"""Checks for the controls a timeline takes besides reservations: provisioned concurrency and
an SQS event source.

Private to :mod:`lambdanet_edu.scaling`.

Examples:
    >>> check_provisioned(None, None, 1000), check_provisioned(200, 300, 1000)
    (0, 200)
    >>> check_provisioned(400, 300, 1000)
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: provisioned_concurrency must be at most the function's
    reserved concurrency 300 (provisioned environments count against it), got 400
"""

from __future__ import annotations

from typing import Final

from lambdanet_edu._checks import check_int
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import PROVISIONED_UNRESERVED_MIN
from lambdanet_edu.scaling.event_sources import SqsEventSource
from lambdanet_edu.simplifications import simplification

__all__ = ["PROVISIONED_READY", "check_provisioned", "check_source"]

PROVISIONED_READY: Final = simplification(
    "provisioned_ready",
    "Provisioned environments are all initialised before second 0 and stay for the whole "
    "timeline. They serve requests at once, count against the account limit and the "
    "function's reservation, and each holds the connections it opened during init, busy or "
    "not. Demand beyond them scales as on-demand concurrency does.")


def check_provisioned(value: object, reserved: int | None, limit: int) -> int:
    """Provisioned concurrency as an int (0 for None), within the reservation and the account."""
    if value is None:
        return 0
    top = limit - PROVISIONED_UNRESERVED_MIN
    number = check_int("provisioned_concurrency", value, lo=1, hi=max(1, top))
    if number > top:
        raise LambdaNetError.invalid(
            "provisioned_concurrency", value,
            f"at most {top:,} (the account limit {limit:,} minus the "
            f"{PROVISIONED_UNRESERVED_MIN} that must stay unreserved)")
    if reserved is not None and number > reserved:
        raise LambdaNetError.invalid(
            "provisioned_concurrency", value,
            f"at most the function's reserved concurrency {reserved:,} (provisioned "
            "environments count against it)")
    return number


def check_source(value: object) -> SqsEventSource | None:
    """None, or an :class:`~lambdanet_edu.scaling.event_sources.SqsEventSource`."""
    if value is not None and not isinstance(value, SqsEventSource):
        raise LambdaNetError.invalid("event_source", value, "None or an SqsEventSource")
    return value
