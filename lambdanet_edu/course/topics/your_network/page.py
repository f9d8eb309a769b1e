"""Values and pictures for the page "Your network", computed from the reader and the sample.

Examples:
    >>> "aws ec2 describe-subnets" in commands_table()
    True
"""

from __future__ import annotations

from lambdanet_edu.aws import (
    MULTI,
    OPTIONAL,
    PERMISSIONS,
    REQUIRED,
    SAMPLE_VPC_ID,
    load_inventory,
    sample_account,
)
from lambdanet_edu.pictures import topology_diagram

__all__ = ["commands_table", "permissions_list", "sample_topology"]


def commands_table() -> str:
    """The commands to run, the file each writes, and the IAM permission each needs.

    Examples:
        >>> commands_table().splitlines()[2]
        '| `describe-vpcs.json` | `aws ec2 describe-vpcs` | `ec2:DescribeVpcs` | yes |'
    """
    rows = ["| file | command | IAM permission | needed |", "| --- | --- | --- | --- |"]
    for files, needed in ((REQUIRED, "yes"), (OPTIONAL, "no"), (MULTI, "no")):
        for name, command in files.items():
            shown = name if name.endswith(".json") else f"{name}-*.json"
            rows.append(f"| `{shown}` | `{command}` | `{PERMISSIONS[name]}` | {needed} |")
    return "\n".join(rows)


def permissions_list() -> str:
    """The IAM actions, as one comma-separated line for a policy.

    Examples:
        >>> permissions_list().split(", ")[-1]
        '`ec2:DescribeVpcAttribute`'
    """
    return ", ".join(f"`{p}`" for p in dict.fromkeys(PERMISSIONS.values()))


def sample_topology() -> str:
    """The sample account's VPC and functions.

    Examples:
        >>> sample_topology().startswith("<svg")
        True
    """
    inventory = load_inventory(sample_account())
    vpc = inventory.vpcs[SAMPLE_VPC_ID]
    return topology_diagram(vpc, inventory.functions_in(SAMPLE_VPC_ID), id="sample-account",
                            title="The sample account: one VPC, three functions")
