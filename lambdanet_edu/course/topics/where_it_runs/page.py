"""Markdown for the page "Where your function runs", computed by the model.

Every table here comes from :func:`lambdanet_edu.hyperplane_enis` or
:func:`lambdanet_edu.lifecycle`; no AWS number is typed.
"""

from __future__ import annotations

import dataclasses
from ipaddress import IPv4Network

import lambdanet_edu as ln
from lambdanet_edu.facts import INACTIVE_AFTER_IDLE_DAYS, LAMBDA_EPHEMERAL_PORTS
from lambdanet_edu.pictures import topology_diagram

__all__ = [
    "ephemeral_ports",
    "lifecycle_table",
    "sharing_deployment",
    "sharing_diagram",
    "sharing_enis",
    "sharing_notes",
    "sharing_summary",
    "simplifications",
]


def _example_deployment() -> list[ln.LambdaFunction]:
    """Three functions and a published version: the page's running example.

    ``orders`` published version 1 with ``sg-app`` only, then moved to ``sg-db`` + ``sg-app``
    (listed in the other order than ``reports`` lists them, on purpose).
    """
    orders = ln.LambdaFunction("orders", ("subnet-a", "subnet-b"), ("sg-app",)).publish()
    orders = dataclasses.replace(orders, security_group_ids=("sg-db", "sg-app"))
    billing = ln.LambdaFunction("billing", ("subnet-a", "subnet-b"), ("sg-app",))
    reports = ln.LambdaFunction("reports", ("subnet-a",), ("sg-app", "sg-db"))
    return [orders, billing, reports]


def _code(items: object) -> str:
    return ", ".join(f"`{item}`" for item in items)  # type: ignore[attr-defined]


def sharing_deployment() -> str:
    """The example's functions and versions with the ``VpcConfig`` each one uses.

    Examples:
        >>> sharing_deployment().splitlines()[0]
        '| Function or version | `SubnetIds` | `SecurityGroupIds` |'
    """
    rows = ["| Function or version | `SubnetIds` | `SecurityGroupIds` |", "|---|---|---|"]
    for fn in _example_deployment():
        rows.append(f"| `{fn.name}` | {_code(fn.subnet_ids)} | {_code(fn.security_group_ids)} |")
        for v in fn.published_versions:
            rows.append(f"| `{fn.name}:{v.version}` (published) | {_code(v.subnet_ids)} | "
                        f"{_code(v.security_group_ids)} |")
    return "\n".join(rows)


def sharing_diagram() -> str:
    """The example's ENIs drawn in a small VPC holding its two subnets and security groups.

    Examples:
        >>> sharing_diagram().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    vpc = ln.Vpc("vpc-example", IPv4Network("10.0.0.0/16"),
                 subnets=(ln.Subnet("subnet-a", IPv4Network("10.0.1.0/24")),
                          ln.Subnet("subnet-b", IPv4Network("10.0.2.0/24"))),
                 security_groups=(ln.SecurityGroup("sg-app"), ln.SecurityGroup("sg-db")))
    return topology_diagram(vpc, _example_deployment(), id="sharing-diagram",
                            title="One Hyperplane ENI per subnet and security-group set, "
                                  "shared by every function and version that uses it")


def sharing_enis() -> str:
    """The Hyperplane ENIs the model gives for the example, and who shares each one.

    Examples:
        >>> sharing_enis().splitlines()[0]
        '| ENI | Subnet | Security-group set | Used by |'
    """
    rows = ["| ENI | Subnet | Security-group set | Used by |", "|---|---|---|---|"]
    for i, eni in enumerate(ln.hyperplane_enis(_example_deployment()), start=1):
        rows.append(f"| {i} | `{eni.subnet_id}` | {{{_code(sorted(eni.security_group_ids))}}} | "
                    f"{_code(eni.used_by)} |")
    return "\n".join(rows)


def sharing_summary() -> str:
    """One sentence with the example's counts, against one ENI per function per subnet.

    Examples:
        >>> sharing_summary()
        '3 functions and 1 published version share 4 Hyperplane ENIs, which take 4 addresses f...'
    """
    functions = _example_deployment()
    versions = sum(len(fn.published_versions) for fn in functions)
    enis = ln.hyperplane_enis(functions)
    addresses = sum(e.ip_addresses for e in enis)
    naive = sum(len(c.subnet_ids) for fn in functions for c in fn.network_configs)
    return (f"{len(functions)} functions and {versions} published "
            f"version{'' if versions == 1 else 's'} share {len(enis)} Hyperplane ENIs, which "
            f"take {addresses} addresses from your subnets. One ENI for each function or "
            f"version in each of its subnets would have been {naive}.")


def _numbers(numbers: list[int]) -> str:
    """"ENI 1" or "ENIs 3 and 4": the table's row numbers, as prose."""
    words = [str(n) for n in numbers]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"ENI{'' if len(words) == 1 else 's'} {listed}"


def sharing_notes() -> str:
    """What the ENI table shows about list order and the published version, read off the model.

    The scenario is chosen so that ``orders`` and ``reports`` list one set in two orders, and
    ``orders:1`` shares its old combination with ``billing``; the sentence checks both.

    Examples:
        >>> sharing_notes()
        '`orders` and `reports` share ENI 1 even though they list their groups in a different...'
    """
    functions = _example_deployment()
    by_name = {fn.name: fn for fn in functions}
    orders, reports = by_name["orders"], by_name["reports"]
    assert list(orders.security_group_ids) != list(reports.security_group_ids)
    assert set(orders.security_group_ids) == set(reports.security_group_ids)
    numbered = list(enumerate(ln.hyperplane_enis(functions), start=1))
    shared = [i for i, e in numbered if {"orders", "reports"} <= set(e.used_by)]
    (version,) = orders.published_versions
    label = f"orders:{version.version}"
    kept = [i for i, e in numbered if label in e.used_by]
    partners = sorted({u for i, e in numbered if i in kept for u in e.used_by} - {label})
    assert shared and kept and partners == ["billing"]
    alone = [e for e in ln.hyperplane_enis([orders, by_name["reports"]])
             if e.used_by == (label,)]
    assert len(alone) == len(kept)  # without billing, the version alone keeps them
    it = "it" if len(kept) == 1 else "them"
    return (f"`orders` and `reports` share {_numbers(shared)} even though they list their groups "
            f"in a different order. Version `{label}` still uses the set `orders` had when it "
            f"was published, {{{_code(sorted(version.security_group_ids))}}}, so it uses "
            f"{_numbers(kept)}. Here it shares {it} with `billing`; were `billing` gone, the "
            f"version alone would keep {it} in use.")


def _lifecycle_events() -> list[str]:
    """The page's timeline: a slow start, an idle spell that does and one that does not count."""
    days = INACTIVE_AFTER_IDLE_DAYS
    return ["create", "invoke", "eni_ready", "invoke", f"idle {days - 1}", "invoke",
            "update_vpc_config", f"idle {days // 2}", f"idle {days - days // 2}", "invoke",
            "invoke", "eni_ready", "invoke"]


def lifecycle_table() -> str:
    """The timeline played through :func:`lambdanet_edu.lifecycle`, one row per event.

    Examples:
        >>> lifecycle_table().splitlines()[0]
        '| Step | Event | State after | An invocation | Why |'
    """
    rows = ["| Step | Event | State after | An invocation | Why |", "|---|---|---|---|---|"]
    for i, step in enumerate(ln.lifecycle(_lifecycle_events()), start=1):
        outcome = {"succeeds": "succeeds", "fails": "**fails**", None: ""}[step.invocation]
        rows.append(f"| {i} | `{step.event}` | {step.state.value} | {outcome} | "
                    f"{step.explanation} |")
    return "\n".join(rows)


def ephemeral_ports() -> str:
    """The port range replies reach a Hyperplane ENI on, written as a range (no separators).

    Examples:
        >>> ephemeral_ports()
        '1024-65535'
    """
    low, high = LAMBDA_EPHEMERAL_PORTS
    return f"{low}-{high}"


def simplifications() -> str:
    """The model's simplifications this page's numbers rest on, in the model's own words.

    Examples:
        >>> simplifications().splitlines()[0]
        '- **one_ip_per_eni**: Each ENI Lambda creates (a Hyperplane ENI today, a per-environm...'
    """
    keys = ("one_ip_per_eni", "overflow_enis")
    return "\n".join(f"- **{key}**: {ln.SIMPLIFICATIONS[key].text}" for key in keys)
