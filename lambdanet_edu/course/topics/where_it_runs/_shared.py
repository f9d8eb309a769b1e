"""Helpers two exercises of the page use: a deployment from tuples, a solution with one change.

Examples:
    >>> [f.name for f in deployment(("api", ["subnet-a"], ["sg-1"]))]
    ['api']
    >>> variant("return a + b\\n", "+", "-")
    'return a - b\\n'
"""

from __future__ import annotations

from collections.abc import Sequence

from lambdanet_edu.functions import LambdaFunction

__all__ = ["deployment", "variant"]


def deployment(*specs: tuple[str, Sequence[str], Sequence[str]]) -> list[LambdaFunction]:
    """One ``LambdaFunction`` per ``(name, subnet_ids, security_group_ids)``."""
    return [LambdaFunction(name, tuple(subnets), tuple(groups)) for name, subnets, groups in specs]


def variant(solution: str, old: str, new: str) -> str:
    """``solution`` with its first ``old`` replaced by ``new``."""
    assert old in solution, old  # a wrong-answer example is the solution with one belief bent
    return solution.replace(old, new, 1)
