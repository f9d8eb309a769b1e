"""What the page's judges share: the function's private subnets, and how a failure is worded.

Examples:
    >>> unchecked("vpc must be a Vpc", None)
    ('still_blocked', 'vpc must be a Vpc, got None.')
"""

from __future__ import annotations

from typing import Final

from lambdanet_edu import Verdict

__all__ = ["PRIVATE", "says", "unchecked"]

#: The subnets ``orders`` runs in, in ``starter_vpc()``.
PRIVATE: Final = ("subnet-private-a", "subnet-private-b")


def says(key: str, verdict: Verdict) -> tuple[str, str]:
    """The misconception ``key``, detailed by the model's explanation of ``verdict``."""
    return key, f"The model says: {verdict.explanation}"


def unchecked(what: str, got: object) -> tuple[str, str]:
    """An answer of the wrong shape: ``what`` it must be, and (shortened) what it was."""
    text = repr(got)
    return "still_blocked", f"{what}, got {text if len(text) <= 80 else text[:77] + '...'}."
