"""The values a path check returns: the :class:`Hop` values of one :class:`SubnetPath`.

A connection from one of the function's subnets meets components one after another; each
:class:`Hop` says which, whether it let the connection through, and why. The
:data:`Component` and :data:`Status` types list every value the walk can produce.

Examples:
    >>> from lambdanet_edu.network import starter_vpc
    >>> from lambdanet_edu.functions import LambdaFunction
    >>> from lambdanet_edu.egress import can_reach
    >>> fn = LambdaFunction("orders", ["subnet-public-a"], ["sg-lambda"])
    >>> path = can_reach(starter_vpc(), fn, "internet").paths[0]
    >>> [(h.component, h.passed) for h in path.hops]
    [('security group', True), ('network ACL', True), ('route table', True), ('internet gateway',
    False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

from lambdanet_edu.simplifications import Simplification

__all__ = [
    "COMPONENTS",
    "STATUSES",
    "Component",
    "Hop",
    "Status",
    "SubnetPath",
]

#: What a hop can be: the parts of a VPC a connection meets, in no particular order.
Component = Literal[
    "security group", "network ACL", "route table", "NAT gateway", "internet gateway",
    "gateway endpoint", "interface endpoint", "DNS", "subnet", "resource",
    "egress-only internet gateway", "function",
]
#: A path's outcome: it arrives, a hop blocks it, or it leaves what the model describes.
Status = Literal["reachable", "blocked", "unknown"]

COMPONENTS: Final[tuple[Component, ...]] = get_args(Component)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)


@dataclass(frozen=True, slots=True)
class Hop:
    """One component the connection met, whether it let it through, and why.

    Attributes:
        component: What it is: ``"security group"``, ``"network ACL"``, ``"route table"``,
            ``"NAT gateway"``, ``"internet gateway"``, ``"gateway endpoint"``,
            ``"interface endpoint"``, ``"DNS"``, ``"subnet"`` or ``"resource"``.
        component_id: Its id (several security group ids are joined with ``", "``).
        passed: Whether the connection got past it.
        detail: A sentence or two a learner can read, naming the ids and the rule.

    Examples:
        >>> print(Hop("internet gateway", "igw-1", False, "Lambda ENIs never get a public IP."))
        [blocked] internet gateway igw-1: Lambda ENIs never get a public IP.
    """

    component: Component
    component_id: str
    passed: bool
    detail: str

    def __str__(self) -> str:
        mark = "ok" if self.passed else "blocked"
        return f"[{mark}] {self.component} {self.component_id}: {self.detail}"


@dataclass(frozen=True, slots=True)
class SubnetPath:
    """The path from one of the function's subnets.

    Attributes:
        subnet_id: The subnet the connection starts in.
        hops: The hops taken, ending at the blocking hop when the path is blocked.
        status: ``"reachable"``, ``"blocked"``, or ``"unknown"`` when a route leads outside
            the model (a peering connection, a transit gateway, ...).
        assumptions: The simplifications this path relied on.

    Examples:
        >>> from lambdanet_edu.network import starter_vpc
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> from lambdanet_edu.egress import can_reach
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        >>> (path,) = can_reach(starter_vpc(nat=False), fn, "sqs").paths
        >>> path.status, path.blocked_at.component
        ('blocked', 'route table')
    """

    subnet_id: str
    hops: tuple[Hop, ...]
    status: Status
    assumptions: tuple[Simplification, ...]

    @property
    def reachable(self) -> bool:
        """True when every hop passed."""
        return self.status == "reachable"

    @property
    def blocked_at(self) -> Hop | None:
        """The hop where the path stopped, or ``None`` when it is reachable."""
        return None if self.reachable else self.hops[-1]
