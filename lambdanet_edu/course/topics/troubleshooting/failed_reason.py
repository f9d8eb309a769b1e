"""The exercise ``failed-reason``: which ``StateReasonCode`` a VPC function fails with."""

from __future__ import annotations

import fnmatch
import random
from collections.abc import Callable

from lambdanet_edu import create_function_state, starter_vpc, usable_ips
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS
from lambdanet_edu.facts import (
    ENI_QUOTA_PER_VPC,
    ENI_QUOTA_PER_VPC_2023,
    VPC_EXECUTION_ROLE_ACTIONS,
)

__all__ = ["FAILED_REASON", "model_reason"]

_USABLE = usable_ips("10.0.1.0/24")  # both private subnets of starter_vpc() are /24s
_ACTION_SETS: tuple[tuple[str, ...], ...] = (
    VPC_EXECUTION_ROLE_ACTIONS, ("ec2:*",), ("logs:*", "s3:GetObject"),
    VPC_EXECUTION_ROLE_ACTIONS[:4], ("EC2:createnetworkinterface", *VPC_EXECUTION_ROLE_ACTIONS[1:]))


def model_reason(role_actions: tuple[str, ...], existing_enis: int, eni_quota: int,
                 free_addresses: int) -> str | None:
    """What :func:`~lambdanet_edu.create_function_state` says for ``ORDERS`` in
    ``starter_vpc()`` when each private subnet has ``free_addresses`` free.

    Examples:
        >>> model_reason(("ec2:*",), 0, 500, 0)
        'SubnetOutOfIPAddresses'
    """
    others = dict.fromkeys(ORDERS.subnet_ids, _USABLE - free_addresses)
    return create_function_state(ORDERS, starter_vpc(), role_actions=role_actions,
                                 existing_hyperplane_enis=existing_enis, eni_quota=eni_quota,
                                 other_enis=others).reason_code


def _case(actions: tuple[str, ...], existing: int, quota: int, free: int) -> Case:
    return Case(args=(actions, existing, quota, free),
                label=(f"role actions {list(actions)}, {existing:,} ENIs already in the VPC, "
                       f"quota {quota:,}, {free:,} free addresses in each subnet"))


def _random(rng: random.Random) -> Case:
    quota = rng.choice((ENI_QUOTA_PER_VPC_2023, ENI_QUOTA_PER_VPC))
    return _case(rng.choice(_ACTION_SETS), rng.randint(quota - 4, quota),
                 quota, rng.choice((0, 1, 2, 50)))


def _allows(actions: tuple[str, ...], action: str) -> bool:
    return any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in actions)


def _predict(*, check_role: bool = True, count_existing: bool = True,
             exact_case: bool = False) -> Callable[..., str | None]:
    def predict(actions: tuple[str, ...], existing: int, quota: int, free: int) -> str | None:
        if check_role:
            ok = (all(a in actions for a in VPC_EXECUTION_ROLE_ACTIONS) if exact_case
                  else all(_allows(actions, a) for a in VPC_EXECUTION_ROLE_ACTIONS))
            if not ok:
                return "InsufficientRolePermissions"
        if (existing if count_existing else 0) + 2 > quota:
            return "EniLimitExceeded"
        return "SubnetOutOfIPAddresses" if free < 1 else None
    return predict


_SIGNATURE = "def failed_reason(role_actions, existing_enis, eni_quota, free_addresses):\n"
_ORDER = ("    # The role's actions first, then the ENI quota, then the subnets' addresses.\n")

FAILED_REASON = Exercise(
    id="failed-reason",
    title="Why is the function Failed?",
    statement=(
        "`orders` is created in the two private subnets of `starter_vpc()` with one security "
        "group, so it needs one new Hyperplane ENI in each subnet. Write "
        "`failed_reason(role_actions, existing_enis, eni_quota, free_addresses)` that returns "
        "the `StateReasonCode` the function ends with, or `None` when it ends Active:\n\n"
        "- `role_actions`: the IAM actions its execution role allows (IAM matches them without "
        "regard to case, and `*` is a wildcard); the six Lambda needs are in "
        "`lambdanet_edu.facts.VPC_EXECUTION_ROLE_ACTIONS`;\n"
        "- `existing_enis`: the Lambda Hyperplane ENIs the VPC already has; `eni_quota`: the "
        "VPC's quota of them;\n"
        "- `free_addresses`: the free addresses in each of the two subnets.\n\n"
        "Check in this order: the role (`\"InsufficientRolePermissions\"`), the quota "
        "(`\"EniLimitExceeded\"`), the addresses (`\"SubnetOutOfIPAddresses\"`)."),
    entry="failed_reason",
    starter=_SIGNATURE + "    return None\n",
    solution=("import fnmatch\n\nfrom lambdanet_edu.facts import VPC_EXECUTION_ROLE_ACTIONS\n\n\n"
              + _SIGNATURE + _ORDER
              + "    patterns = [a.lower() for a in role_actions]\n"
              "    for needed in VPC_EXECUTION_ROLE_ACTIONS:\n"
              "        if not any(fnmatch.fnmatchcase(needed.lower(), p) for p in patterns):\n"
              '            return "InsufficientRolePermissions"\n'
              "    new_enis = 2  # one per subnet: one security-group set, two subnets\n"
              "    if existing_enis + new_enis > eni_quota:\n"
              '        return "EniLimitExceeded"\n'
              "    if free_addresses < 1:\n"
              '        return "SubnetOutOfIPAddresses"\n'
              "    return None\n"),
    hints=(
        "Each new Hyperplane ENI takes one address in its subnet and counts against the VPC's "
        "quota together with the ENIs already there.",
        "IAM actions are not case-sensitive, and a pattern such as ec2:* allows every EC2 "
        "action: fnmatch.fnmatchcase on lower-cased text does that matching.",
        "Two new ENIs: EniLimitExceeded when existing_enis + 2 > eni_quota; "
        "SubnetOutOfIPAddresses when free_addresses < 1.",
    ),
    cases=(
        _case(VPC_EXECUTION_ROLE_ACTIONS, 0, ENI_QUOTA_PER_VPC, 200),
        _case(("logs:*", "s3:GetObject"), 0, ENI_QUOTA_PER_VPC, 200),
        _case(("ec2:*",), 0, ENI_QUOTA_PER_VPC, 200),
        _case(("EC2:createnetworkinterface", *VPC_EXECUTION_ROLE_ACTIONS[1:]), 0,
              ENI_QUOTA_PER_VPC, 200),
        _case(VPC_EXECUTION_ROLE_ACTIONS, ENI_QUOTA_PER_VPC - 1, ENI_QUOTA_PER_VPC, 200),
        _case(VPC_EXECUTION_ROLE_ACTIONS, ENI_QUOTA_PER_VPC - 2, ENI_QUOTA_PER_VPC, 200),
        _case(VPC_EXECUTION_ROLE_ACTIONS, 0, ENI_QUOTA_PER_VPC, 0),
        _case(VPC_EXECUTION_ROLE_ACTIONS, 0, ENI_QUOTA_PER_VPC, 1),
        _case(VPC_EXECUTION_ROLE_ACTIONS[:4], ENI_QUOTA_PER_VPC, ENI_QUOTA_PER_VPC, 0),
    ),
    random_case=_random,
    misconceptions=(
        Misconception(
            key="role_at_invoke", name="Thought the role matters only when invoked",
            feedback=("Lambda uses the execution role's EC2 permissions to create the "
                      "function's network interfaces, during the create or update: without "
                      "them the function goes straight to Failed with "
                      "InsufficientRolePermissions."),
            example=_SIGNATURE + (
                "    if existing_enis + 2 > eni_quota:\n        return \"EniLimitExceeded\"\n"
                "    if free_addresses < 1:\n        return \"SubnetOutOfIPAddresses\"\n"
                "    return None\n"),
            predict=_predict(check_role=False)),
        Misconception(
            key="no_existing", name="Counted only the function's own ENIs against the quota",
            feedback=("The quota is per VPC: the ENIs that other functions and combinations "
                      "already hold count too, so a VPC near its quota fails a new function "
                      "that needs only two."),
            example=("import fnmatch\n\nfrom lambdanet_edu.facts import "
                     "VPC_EXECUTION_ROLE_ACTIONS\n\n\n" + _SIGNATURE
                     + "    patterns = [a.lower() for a in role_actions]\n"
                     "    for needed in VPC_EXECUTION_ROLE_ACTIONS:\n"
                     "        if not any(fnmatch.fnmatchcase(needed.lower(), p) "
                     "for p in patterns):\n"
                     '            return "InsufficientRolePermissions"\n'
                     "    if 2 > eni_quota:\n        return \"EniLimitExceeded\"\n"
                     "    if free_addresses < 1:\n        return \"SubnetOutOfIPAddresses\"\n"
                     "    return None\n"),
            predict=_predict(count_existing=False)),
        Misconception(
            key="exact_names", name="Matched IAM actions letter for letter",
            feedback=("IAM action names are not case-sensitive, and wildcards such as ec2:* "
                      "cover every action they match: a role with ec2:* has all six."),
            example=("from lambdanet_edu.facts import VPC_EXECUTION_ROLE_ACTIONS\n\n\n"
                     + _SIGNATURE
                     + "    if not all(a in role_actions for a in VPC_EXECUTION_ROLE_ACTIONS):\n"
                     '        return "InsufficientRolePermissions"\n'
                     "    if existing_enis + 2 > eni_quota:\n"
                     '        return "EniLimitExceeded"\n'
                     "    if free_addresses < 1:\n        return \"SubnetOutOfIPAddresses\"\n"
                     "    return None\n"),
            predict=_predict(exact_case=True)),
    ),
    success=("The role, then the quota, then the addresses: each stops the network interfaces "
             "from being made, and StateReasonCode names which. Fix the cause, then update the "
             "function's configuration to try again."),
)
