"""What creating or updating a VPC function ends in: ``Active``, or ``Failed`` with a reason.

Lambda sets up a VPC function's Hyperplane ENIs after ``CreateFunction`` (or an update of its
``VpcConfig``) returns. If it cannot, the function's ``State`` (``LastUpdateStatus`` for an
update) becomes ``Failed`` and ``StateReasonCode`` says why. :func:`create_function_state`
works that out from the function, its VPC and the execution role's permissions.

Examples:
    >>> from lambdanet_edu.functions import LambdaFunction
    >>> from lambdanet_edu.network import starter_vpc
    >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
    >>> outcome = create_function_state(fn, starter_vpc(), existing_hyperplane_enis=500)
    >>> outcome.state, outcome.reason_code
    ('Failed', 'EniLimitExceeded')
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from lambdanet_edu._checks import check_int, check_list
from lambdanet_edu.addresses import ip_usage
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import ENI_QUOTA_PER_VPC, VPC_EXECUTION_ROLE_ACTIONS
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.vpc import Vpc
from lambdanet_edu.simplifications import ONE_IP_PER_ENI, Simplification, simplification

__all__ = ["MAX_ROLE_ACTIONS", "CreateOutcome", "ReasonCode", "create_function_state"]

ReasonCode = Literal["InvalidSubnet", "InvalidSecurityGroup", "InsufficientRolePermissions",
                     "EniLimitExceeded", "SubnetOutOfIPAddresses"]

#: The most IAM actions ``role_actions`` takes: far more than a role lists, and a bound on the work.
MAX_ROLE_ACTIONS: Final = 256
#: A bound on ENI counts, far above any quota AWS grants, that keeps the numbers readable.
_MAX_ENIS: Final = 1_000_000

COMBINATIONS_NEW: Final = simplification(
    "create_combinations_new",
    "Every subnet and security-group combination of the function is taken to be new to the "
    "VPC, so each needs a new Hyperplane ENI; existing_hyperplane_enis counts only others. A "
    "combination another function already uses would need no new ENI.")
FIRST_REASON: Final = simplification(
    "create_first_reason",
    "When several things are wrong, the model reports the first of: InvalidSubnet, "
    "InvalidSecurityGroup, InsufficientRolePermissions, EniLimitExceeded, "
    "SubnetOutOfIPAddresses. AWS reports one reason code and does not say which it checks first.")


@dataclass(frozen=True, slots=True)
class CreateOutcome:
    """The state a create or update of a VPC function ends in, and why.

    Attributes:
        function_name: The function.
        state: ``"Active"`` or ``"Failed"``.
        reason_code: ``None`` when Active, else AWS's ``StateReasonCode``.
        explanation: What happened and, when Failed, the fix.
        new_enis: The Hyperplane ENIs the function needs.
        assumptions: The simplifications the outcome rests on.

    Examples:
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> from lambdanet_edu.network import starter_vpc
        >>> ok = create_function_state(LambdaFunction("f", ["subnet-private-a"], ["sg-lambda"]),
        ...                            starter_vpc())
        >>> ok.state, ok.reason_code, ok.new_enis, ok.failed
        ('Active', None, 1, False)
    """

    function_name: str
    state: Literal["Active", "Failed"]
    reason_code: ReasonCode | None
    explanation: str
    new_enis: int
    assumptions: tuple[Simplification, ...]

    @property
    def failed(self) -> bool:
        """True when the function ends ``Failed``."""
        return self.state == "Failed"


def create_function_state(
    function: LambdaFunction,
    vpc: Vpc,
    *,
    role_actions: Iterable[str] | None = None,
    existing_hyperplane_enis: int = 0,
    eni_quota: int = ENI_QUOTA_PER_VPC,
    other_enis: Mapping[str, int] | None = None,
) -> CreateOutcome:
    """What creating ``function`` in ``vpc`` (or updating it to this configuration) ends in.

    Args:
        function: The function, with its published versions.
        vpc: The VPC its subnets and security groups should belong to.
        role_actions: The IAM actions its execution role allows (``"ec2:*"``-style wildcards
            work, case does not matter), or ``None`` for the managed policy
            ``AWSLambdaVPCAccessExecutionRole``, which has all six Lambda needs.
        existing_hyperplane_enis: Lambda Hyperplane ENIs the VPC already has for other
            combinations, 0 to 1,000,000.
        eni_quota: The per-VPC quota of Lambda Hyperplane ENIs (500 by default).
        other_enis: Addresses other network interfaces take, per subnet id; ``None`` counts
            the VPC's own (NAT gateways, interface endpoints, resources).

    Returns:
        A :class:`CreateOutcome`.

    Raises:
        LambdaNetError: An argument of the wrong type or out of range.

    Examples:
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> from lambdanet_edu.network import starter_vpc
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        >>> out = create_function_state(fn, starter_vpc(), role_actions=["logs:*"])
        >>> out.reason_code
        'InsufficientRolePermissions'
        >>> out = create_function_state(fn, starter_vpc(), other_enis={"subnet-private-a": 251})
        >>> out.reason_code
        'SubnetOutOfIPAddresses'
        >>> create_function_state(fn, starter_vpc(), eni_quota=-1)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: eni_quota must be an integer from 0 to 1,000,000,
        got -1
    """
    if not isinstance(function, LambdaFunction):
        raise LambdaNetError.invalid("function", function, "a LambdaFunction")
    if not isinstance(vpc, Vpc):
        raise LambdaNetError.invalid("vpc", vpc, "a Vpc")
    actions = _check_actions(role_actions)
    check_int("existing_hyperplane_enis", existing_hyperplane_enis, lo=0, hi=_MAX_ENIS)
    check_int("eni_quota", eni_quota, lo=0, hi=_MAX_ENIS)
    others = vpc.other_enis() if other_enis is None else other_enis
    assumptions = (COMBINATIONS_NEW, FIRST_REASON, ONE_IP_PER_ENI)
    name = function.name

    def failed(code: ReasonCode, why: str, enis: int = 0) -> CreateOutcome:
        return CreateOutcome(name, "Failed", code, f"{name} is Failed ({code}): {why}", enis,
                             assumptions)

    subnets = {s.subnet_id for s in vpc.subnets}
    groups = {g.group_id for g in vpc.security_groups}
    for config in function.network_configs:
        missing = [s for s in config.subnet_ids if s not in subnets]
        if missing:
            return failed("InvalidSubnet",
                          f"{config.label} names subnet {missing[0]}, which {vpc.vpc_id} does "
                          f"not have. Use subnets of {vpc.vpc_id}: "
                          f"{', '.join(sorted(subnets)) or 'it has none'}.")
        bad = sorted(g for g in config.security_group_set if g not in groups)
        if bad:
            return failed("InvalidSecurityGroup",
                          f"{config.label} names security group {bad[0]}, which {vpc.vpc_id} "
                          "does not have. Use security groups of the function's own VPC.")
    if actions is not None:
        lacking = [a for a in VPC_EXECUTION_ROLE_ACTIONS
                   if not any(fnmatch.fnmatchcase(a.lower(), p) for p in actions)]
        if lacking:
            return failed("InsufficientRolePermissions",
                          f"the execution role lacks {', '.join(lacking)}, which Lambda needs "
                          "to create the function's network interfaces. Attach the managed "
                          "policy AWSLambdaVPCAccessExecutionRole, or add the missing actions.")
    usage = ip_usage(vpc.subnets, [function], others)  # checks other_enis, naming the field
    needed = len(hyperplane_enis([function], eni_quota=None))
    total = existing_hyperplane_enis + needed
    if total > eni_quota:
        return failed("EniLimitExceeded",
                      f"it needs {needed:,} new Hyperplane ENI{'s' if needed != 1 else ''}, "
                      f"and with the {existing_hyperplane_enis:,} already in {vpc.vpc_id} that "
                      f"is {total:,}, over the quota of {eni_quota:,}. Let functions share "
                      "subnet and security-group combinations, delete published versions you "
                      "no longer run, or ask for a quota increase.", needed)
    used = {s for c in function.network_configs for s in c.subnet_ids}
    full = [u for subnet_id, u in usage.items() if subnet_id in used and u.shortfall > 0]
    if full:
        u = full[0]
        return failed("SubnetOutOfIPAddresses",
                      f"subnet {u.subnet_id} ({u.subnet.cidr}) has {u.usable:,} usable "
                      f"addresses, {u.other_ips:,} taken by other network interfaces, and the "
                      f"function needs {u.lambda_ips:,} more. Add a larger subnet to the "
                      "function or free addresses in this one.", needed)
    return CreateOutcome(name, "Active", None,
                         f"{name} is Active: Lambda created its {needed:,} Hyperplane "
                         f"ENI{'s' if needed != 1 else ''} ({total:,} of the quota of "
                         f"{eni_quota:,} in {vpc.vpc_id}) and every subnet had the addresses.",
                         needed, assumptions)


def _check_actions(value: object, /) -> tuple[str, ...] | None:
    """The role's actions, lower-cased for IAM's case-insensitive matching; None = managed."""
    if value is None:
        return None
    items = check_list("role_actions", value, "a list of IAM actions such as "
                       "'ec2:CreateNetworkInterface', or None")
    if len(items) > MAX_ROLE_ACTIONS:
        raise LambdaNetError.invalid("role_actions", f"{len(items)} actions",
                                     f"at most {MAX_ROLE_ACTIONS:,} actions")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item or len(item) > 128 or not item.isascii():
            raise LambdaNetError.invalid(f"role_actions[{i}]", item,
                                         "an IAM action such as 'ec2:CreateNetworkInterface'")
    return tuple(str(a).lower() for a in items)
