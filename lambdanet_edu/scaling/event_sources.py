"""Event sources in front of a function: an SQS queue, and how Lambda scales its pollers.

For a standard queue Lambda starts with five concurrent batches (five concurrent invocations)
once messages are available, adds up to 300 a minute while messages remain, and processes at
most 1,000 batches at once. ``ScalingConfig.MaximumConcurrency`` (2 to 1,000) caps the
concurrent invocations one event source mapping makes. Messages the pollers do not take yet
wait in the queue: the sender is never throttled.
(https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html)

Examples:
    >>> source = SqsEventSource(maximum_concurrency=50)
    >>> [source.pollers_at(s) for s in (0, 1, 9, 60)]
    [5, 10, 50, 50]
    >>> SqsEventSource().pollers_at(600)
    1000
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lambdanet_edu._checks import check_id, check_int
from lambdanet_edu.facts import (
    SQS_INITIAL_CONCURRENCY,
    SQS_MAX_CONCURRENT_BATCHES,
    SQS_MAXIMUM_CONCURRENCY_MAX,
    SQS_MAXIMUM_CONCURRENCY_MIN,
    SQS_SCALE_PER_MINUTE,
)
from lambdanet_edu.simplifications import simplification

__all__ = ["SQS_POLLER_RAMP", "SQS_QUEUE_WAITS", "SqsEventSource"]

SQS_POLLER_RAMP: Final = simplification(
    "sqs_poller_ramp",
    f"Lambda's SQS pollers are taken to start at {SQS_INITIAL_CONCURRENCY} concurrent batches at "
    f"second 0 and to grow evenly by {SQS_SCALE_PER_MINUTE} a minute "
    f"({SQS_SCALE_PER_MINUTE // 60} a second) while messages wait, up to "
    f"{SQS_MAX_CONCURRENT_BATCHES:,}; AWS says 'up to' {SQS_SCALE_PER_MINUTE} a minute and "
    "does not say how the minute is spread. One batch is one invocation.")
SQS_QUEUE_WAITS: Final = simplification(
    "sqs_queue_waits",
    "With an SQS queue in front, demand is invocations wanted per second; what the function "
    "cannot take in a second waits in the queue for a later second (nothing expires or goes to "
    "a dead-letter queue), so the sender is never throttled.")


@dataclass(frozen=True, slots=True, kw_only=True)
class SqsEventSource:
    """An SQS standard queue feeding the function through an event source mapping.

    Args:
        maximum_concurrency: ``ScalingConfig.MaximumConcurrency``, 2 to 1,000, or None (no
            cap but the pollers' own 1,000).
        queue_name: A name for explanations.

    Examples:
        >>> SqsEventSource(maximum_concurrency=1)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: maximum_concurrency must be an integer from 2 to
        1,000, got 1
    """

    maximum_concurrency: int | None = None
    queue_name: str = "queue"

    def __post_init__(self) -> None:
        if self.maximum_concurrency is not None:
            check_int("maximum_concurrency", self.maximum_concurrency,
                      lo=SQS_MAXIMUM_CONCURRENCY_MIN, hi=SQS_MAXIMUM_CONCURRENCY_MAX)
        check_id("queue_name", self.queue_name)

    @property
    def cap(self) -> int:
        """The most concurrent invocations the mapping ever makes."""
        top = SQS_MAX_CONCURRENT_BATCHES
        return top if self.maximum_concurrency is None else min(top, self.maximum_concurrency)

    def pollers_at(self, second: int) -> int:
        """Concurrent batches the pollers may run ``second`` seconds after messages arrived.

        Examples:
            >>> SqsEventSource().pollers_at(120)
            605
        """
        s = check_int("second", second, lo=0)
        return min(self.cap, SQS_INITIAL_CONCURRENCY + SQS_SCALE_PER_MINUTE * s // 60)
