"""What the page's judges share: the function's private subnets, and how a failure is worded.

Examples:
    >>> unchecked("vpc must be a Vpc", None)
    ('still_blocked', 'vpc must be a Vpc, got None.')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from lambdanet_edu import Verdict, can_reach
from lambdanet_edu.pictures import topology_diagram

__all__ = ["PRIVATE", "path_picture", "says", "unchecked"]

#: The subnets ``orders`` runs in, in ``starter_vpc()``.
PRIVATE: Final = ("subnet-private-a", "subnet-private-b")


def says(key: str, verdict: Verdict) -> tuple[str, str]:
    """The misconception ``key``, detailed by the model's explanation of ``verdict``."""
    return key, f"The model says: {verdict.explanation}"


def unchecked(what: str, got: object) -> tuple[str, str]:
    """An answer of the wrong shape: ``what`` it must be, and (shortened) what it was."""
    text = repr(got)
    return "still_blocked", f"{what}, got {text if len(text) <= 80 else text[:77] + '...'}."


def path_picture(destination: str, *, id: str, title: str) -> Callable[[Any, Any, Any], str]:
    """An exercise's picture of the learner's ``(vpc, function)``: the VPC and the path to
    ``destination`` the model finds; ``title`` may name the function as ``{name}``."""

    def draw(got: Any, expected: Any, case: Any) -> str:
        vpc, fn = got  # a deployment of another shape raises, and so gets no picture
        return topology_diagram(vpc, [fn], verdict=can_reach(vpc, fn, destination), id=id,
                                title=title.format(name=fn.name))

    return draw
