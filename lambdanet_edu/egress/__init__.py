"""Can a VPC-attached function reach a destination? :func:`can_reach` answers, hop by hop.

Once attached to a VPC, a function can reach only what the VPC's security groups, network
ACLs, routes, gateways and endpoints let it reach. A public subnet gives it no internet access
(Lambda ENIs never get a public IP): IPv4 internet access needs a route ``0.0.0.0/0`` to a NAT
gateway that sits in a public subnet. S3 and DynamoDB can also be reached through a gateway
endpoint, any AWS service through an interface endpoint.

Lambda may use any of a function's subnets for any invocation, so the verdict checks the path
from each one and is reachable only if every path is.

Note:
    ``can_reach`` is about connections the function's code opens. Lambda delivers the
    function's own logs to CloudWatch Logs without using the VPC's routes, so a function with
    no way out of its VPC still writes logs.

Examples:
    >>> from lambdanet_edu.network import starter_vpc
    >>> from lambdanet_edu.functions import LambdaFunction
    >>> fn = LambdaFunction("orders", ["subnet-public-a"], ["sg-lambda"])
    >>> verdict = can_reach(starter_vpc(), fn, "internet")
    >>> verdict.reachable, verdict.blocked_at.component
    (False, 'internet gateway')
    >>> "Lambda ENIs never get a public IP" in verdict.explanation
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from lambdanet_edu.egress._walk import walk_path
from lambdanet_edu.egress.cost import CostLine, EgressCost, egress_cost
from lambdanet_edu.egress.paths import Hop, Status, SubnetPath
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.destinations import Destination, VpcAddress
from lambdanet_edu.network.destinations import destination as _destination
from lambdanet_edu.network.vpc import Vpc
from lambdanet_edu.simplifications import Simplification

# Destinations live in lambdanet_edu.network; can_reach's argument is named ``destination``,
# which would hide the function of that name, hence the alias above.
__all__ = ["CostLine", "EgressCost", "Hop", "SubnetPath", "Verdict", "can_reach", "egress_cost"]


def _join(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a function reaches a destination, from each of its subnets, and why.

    Attributes:
        function_name: The function's name.
        destination: Where it connects to.
        paths: One :class:`~lambdanet_edu.egress.paths.SubnetPath` per subnet of the function,
            in the function's order.

    Examples:
        >>> from lambdanet_edu.network import starter_vpc
        >>> fn = LambdaFunction("orders", ["subnet-private-a", "subnet-public-a"], ["sg-lambda"])
        >>> verdict = can_reach(starter_vpc(), fn, "internet")
        >>> verdict.reachable, [p.status for p in verdict.paths]
        (False, ['reachable', 'blocked'])
        >>> "fail intermittently" in verdict.explanation
        True
    """

    function_name: str
    destination: Destination
    paths: tuple[SubnetPath, ...]

    @property
    def reachable(self) -> bool:
        """True only if the destination is reachable from every subnet of the function."""
        return all(p.reachable for p in self.paths)

    @property
    def status(self) -> Status:
        """``"reachable"``, ``"blocked"`` (some path is blocked) or ``"unknown"`` (some path
        leaves the model and none is blocked)."""
        if self.reachable:
            return "reachable"
        return "blocked" if any(p.status == "blocked" for p in self.paths) else "unknown"

    @property
    def hops(self) -> tuple[Hop, ...]:
        """The hops of the first path that fails (else of the first path)."""
        return self._shown.hops

    @property
    def blocked_at(self) -> Hop | None:
        """The hop where the first failing path stopped, or ``None`` when reachable."""
        return self._shown.blocked_at

    @property
    def assumptions(self) -> tuple[Simplification, ...]:
        """The simplifications any path relied on."""
        seen: dict[str, Simplification] = {}
        for path in self.paths:
            for item in path.assumptions:
                seen.setdefault(item.key, item)
        return tuple(seen.values())

    @property
    def _shown(self) -> SubnetPath:
        return next((p for p in self.paths if not p.reachable), self.paths[0])

    @property
    def explanation(self) -> str:
        """Plain sentences: the answer, then the hop that decided it, per failing subnet."""
        name, label = self.function_name, self.destination.label
        good = [p.subnet_id for p in self.paths if p.reachable]
        if not self.paths or len(good) == len(self.paths):
            where = (f"from its subnet {good[0]}" if len(good) == 1
                     else f"from each of its subnets ({_join(good)})")
            steps = " ".join(h.detail for h in self.paths[0].hops)
            return f"{name} can reach {label} {where}. From {good[0]}: {steps}"
        bad = [p for p in self.paths if not p.reachable]
        bad_ids = [p.subnet_id for p in bad]
        if good:
            head = (f"{name} reaches {label} from {_join(good)} but not from {_join(bad_ids)}. "
                    "Lambda may use any of a function's subnets for any invocation, so "
                    "invocations will fail intermittently.")
        elif self.status == "unknown":
            head = f"The model cannot tell whether {name} reaches {label}."
        else:
            head = f"{name} cannot reach {label}" + (
                " from any of its subnets." if len(self.paths) > 1 else f" from {bad_ids[0]}.")
        reasons: dict[str, list[str]] = {}
        for path in bad:
            if path.blocked_at is not None:
                reasons.setdefault(path.blocked_at.detail, []).append(path.subnet_id)
        return " ".join([head, *(f"From {_join(ids)}: {detail}"
                                 for detail, ids in reasons.items())])


def can_reach(vpc: Vpc, function: LambdaFunction, destination: object) -> Verdict:
    """Whether ``function``'s code can open a connection to a destination, and why.

    Args:
        vpc: The VPC the function is attached to.
        function: A function whose subnets and security groups belong to ``vpc``.
        destination: An :class:`~lambdanet_edu.network.destinations.Internet`,
            :class:`~lambdanet_edu.network.destinations.AwsService` or
            :class:`~lambdanet_edu.network.destinations.VpcAddress`, or a string such as
            ``"internet"``, ``"s3"``, ``"sqs"`` or ``"10.0.2.15:5432"``.

    Returns:
        A :class:`Verdict` with ``reachable``, the ``hops`` taken, ``blocked_at``, an
        ``explanation`` and the ``assumptions`` it rests on.

    Raises:
        LambdaNetError: An argument of the wrong type, an id the VPC does not have, an
            unreadable destination, or a ``VpcAddress`` outside the VPC's CIDR.

    Examples:
        >>> from lambdanet_edu.network import starter_vpc
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        >>> verdict = can_reach(starter_vpc(), fn, "10.0.2.15:5432")
        >>> verdict.reachable, [h.component for h in verdict.hops]
        (True, ['security group', 'network ACL', 'route table', 'network ACL', 'security group',
        'network ACL', 'network ACL'])
        >>> can_reach(starter_vpc(), fn, "172.16.0.5:5432")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: destination.ip must be an address inside vpc-starter's
        CIDR 10.0.0.0/16 (use Internet(...) for a public host), got '172.16.0.5'
    """
    if not isinstance(vpc, Vpc):
        raise LambdaNetError.invalid("vpc", vpc, "a Vpc")
    vpc.check_function(function)
    target = _destination(destination)
    if isinstance(target, VpcAddress) and target.ip not in vpc.cidr:
        raise LambdaNetError.invalid(
            "destination.ip", str(target.ip),
            f"an address inside {vpc.vpc_id}'s CIDR {vpc.cidr} "
            "(use Internet(...) for a public host)")
    paths = tuple(walk_path(vpc, function, s, target) for s in function.subnet_ids)
    return Verdict(function.name, target, paths)

