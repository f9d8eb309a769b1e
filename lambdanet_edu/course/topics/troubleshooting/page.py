"""Markdown and pictures for the page "When it does not work", computed by the model at build
time.

Every verdict and number here comes from :func:`lambdanet_edu.can_reach`,
:func:`lambdanet_edu.create_function_state` or :func:`lambdanet_edu.nat_connections` on the
scenarios in ``scenarios``, so the page can never disagree with the model.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import lambdanet_edu as ln
from lambdanet_edu.course.topics.troubleshooting.scenarios import (
    BROKEN,
    ORDERS,
    PRIVATE,
    dns_off_vpc,
    endpoint_vpc,
)
from lambdanet_edu.facts import (
    ENI_QUOTA_PER_VPC,
    NAT_CONNECTIONS_PER_DESTINATION,
    NAT_IDLE_TIMEOUT_S,
    VPC_EXECUTION_ROLE_ACTIONS,
)
from lambdanet_edu.pictures import topology_diagram
from lambdanet_edu.pictures.plot import line_chart

__all__ = [
    "dns_off_diagram",
    "dns_off_hops",
    "endpoint_addresses",
    "endpoint_services",
    "endpoint_table",
    "nat_chart",
    "nat_idle_table",
    "reason_table",
    "role_actions",
    "simplifications",
    "timeout_table",
]

#: The services real code calls that need an endpoint when there is no NAT gateway.
SERVICES = ("secretsmanager", "sts", "kms", "sqs")
#: What each is for, in the page's words.
USES = {"secretsmanager": "database credentials", "sts": "assuming another role",
        "kms": "decrypting secrets and environment variables", "sqs": "sending messages"}
#: The simplifications that matter here, in the order the page discusses them.
TROUBLESHOOTING_SIMPLIFICATIONS = (
    "dns_attributes_off_resolve_publicly", "create_combinations_new", "create_first_reason",
    "nat_even_destinations", "nat_same_idle_time")


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _stop(verdict: ln.Verdict) -> str:
    hop = verdict.blocked_at
    if hop is None:
        return "reachable"
    return f"{hop.component} `{hop.component_id}`"


def timeout_table() -> str:
    """The four causes of a timeout: where ``can_reach`` stops, the fix, and the verdict after.

    Examples:
        >>> timeout_table().splitlines()[0]
        '| cause | destination | where can_reach stops | fix | after the fix |'
    """
    rows = ["| cause | destination | where can_reach stops | fix | after the fix |",
            "|---|---|---|---|---|"]
    for b in BROKEN:
        before = ln.can_reach(b.vpc, ORDERS, b.destination)
        after = ln.can_reach(b.fixed, ORDERS, b.destination)
        rows.append(f"| {b.cause} | `{b.destination}` | {_stop(before)} | {b.fix} | "
                    f"{'reachable' if after.reachable else _stop(after)} |")
    return "\n".join(rows)


def dns_off_hops() -> str:
    """The hops of the Secrets Manager call with the VPC's DNS attributes off.

    Examples:
        >>> "enableDnsSupport and enableDnsHostnames" in dns_off_hops()
        True
    """
    verdict = ln.can_reach(dns_off_vpc(), ORDERS, "secretsmanager")
    rows = ["| # | hop | result | what the model says |", "|---|---|---|---|"]
    for i, hop in enumerate(verdict.hops, 1):
        mark = "passes" if hop.passed else "**blocks**"
        rows.append(f"| {i} | {hop.component} `{hop.component_id}` | {mark} | "
                    f"{_escape(hop.detail)} |")
    return "\n".join(rows)


def dns_off_diagram() -> str:
    """The DNS-off VPC, with the path the Secrets Manager call takes and where it stops.

    Examples:
        >>> dns_off_diagram().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    vpc = dns_off_vpc()
    return topology_diagram(vpc, [ORDERS], verdict=ln.can_reach(vpc, ORDERS, "secretsmanager"),
                            id="dns-off-diagram",
                            title="DNS attributes off: secretsmanager resolves to its public "
                                  "endpoint, and there is no NAT gateway")


def role_actions() -> str:
    """The six EC2 actions, as inline code.

    Examples:
        >>> role_actions().split(", ")[0]
        '`ec2:CreateNetworkInterface`'
    """
    return ", ".join(f"`{a}`" for a in VPC_EXECUTION_ROLE_ACTIONS)


def reason_table() -> str:
    """One create per reason code, with the model's explanation (which holds the fix).

    Examples:
        >>> [row.split(" | ")[0] for row in reason_table().splitlines()[2:]]
        ['| `InvalidSubnet`', '| `InvalidSecurityGroup`', '| `InsufficientRolePermissions`', \
'| `EniLimitExceeded`', '| `SubnetOutOfIPAddresses`']
    """
    vpc = ln.starter_vpc()
    creates: tuple[tuple[str, ln.LambdaFunction, dict[str, Any]], ...] = (
        ("a subnet of another VPC", dataclasses.replace(ORDERS, subnet_ids=("subnet-other",)),
         {}),
        ("a security group of another VPC",
         dataclasses.replace(ORDERS, security_group_ids=("sg-other",)), {}),
        ("a role with only logs:*", ORDERS, {"role_actions": ["logs:*"]}),
        (f"{ENI_QUOTA_PER_VPC - 1} ENIs already in the VPC", ORDERS,
         {"existing_hyperplane_enis": ENI_QUOTA_PER_VPC - 1}),
        ("subnet-private-a full", ORDERS,
         {"other_enis": {"subnet-private-a": ln.usable_ips("10.0.1.0/24")}}),
    )
    rows = ["| StateReasonCode | what was wrong | what the model says |", "|---|---|---|"]
    for what, fn, options in creates:
        outcome = ln.create_function_state(fn, vpc, **options)
        rows.append(f"| `{outcome.reason_code}` | {what} | {_escape(outcome.explanation)} |")
    return "\n".join(rows)


def endpoint_services() -> str:
    """The services the page names, as inline code.

    Examples:
        >>> endpoint_services()
        '`secretsmanager`, `sts`, `kms` and `sqs`'
    """
    names = [f"`{s}`" for s in SERVICES]
    return ", ".join(names[:-1]) + " and " + names[-1]


def endpoint_addresses() -> str:
    """Addresses the four endpoints take in the function's two subnets.

    Examples:
        >>> endpoint_addresses()
        '8'
    """
    return str(sum(len(e.subnet_ids) for e in endpoint_vpc(*SERVICES).interface_endpoints))


def endpoint_table() -> str:
    """Each service without a NAT gateway: reachable before and after its endpoint, and the
    addresses the endpoint takes.

    Examples:
        >>> endpoint_table().splitlines()[2].startswith("| `secretsmanager` | database")
        True
    """
    bare = ln.starter_vpc(nat=False)
    rows = ["| service | used for | without endpoint | with endpoint | addresses it takes |",
            "|---|---|---|---|---|"]
    for service in SERVICES:
        vpc = endpoint_vpc(service)
        before = ln.can_reach(bare, ORDERS, service)
        after = ln.can_reach(vpc, ORDERS, service)
        taken = sum(len(e.subnet_ids) for e in vpc.interface_endpoints)
        rows.append(f"| `{service}` | {USES[service]} | {_stop(before)} | "
                    f"{'reachable' if after.reachable else _stop(after)} | "
                    f"{taken} (one in each of {len(PRIVATE)} subnets) |")
    return "\n".join(rows)


def nat_chart() -> str:
    """Port allocation errors against connections to one destination, for 1 and 2 addresses.

    Examples:
        >>> nat_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    top = 3 * NAT_CONNECTIONS_PER_DESTINATION
    xs = range(0, top + 1, NAT_CONNECTIONS_PER_DESTINATION // 4)
    lines = []
    for n in (1, 2):
        nat = ln.NatGateway("nat-a", "subnet-public-a", elastic_ips=n)
        pts = [(float(x), float(ln.nat_connections(nat, x).port_allocation_errors)) for x in xs]
        lines.append((f"{n} address{'es' if n > 1 else ''}", pts))
    return line_chart(
        id="nat-chart", title="Connections that fail with ErrorPortAllocation",
        desc=(f"Connections to one unique destination through a NAT gateway: with 1 address, "
              f"those past {NAT_CONNECTIONS_PER_DESTINATION:,} fail; with 2, those past "
              f"{2 * NAT_CONNECTIONS_PER_DESTINATION:,}. Drawn by nat_connections, which "
              "assumes every connection is open at once."),
        x_label="connections to one destination", y_label="failed connections", lines=lines)


def nat_idle_table() -> str:
    """Pooled connections after idle spells under and over the timeout.

    Examples:
        >>> nat_idle_table().splitlines()[2]
        '| 60 s | 0 | every connection still works |'
    """
    nat = ln.NatGateway("nat-a", "subnet-public-a")
    rows = ["| idle for | connections dropped (of 20) | what the next request meets |",
            "|---|---|---|"]
    for idle in (60, NAT_IDLE_TIMEOUT_S - 50, NAT_IDLE_TIMEOUT_S, 900):
        usage = ln.nat_connections(nat, 20, idle_seconds=idle)
        effect = ("every connection still works" if not usage.dropped_by_idle_timeout else
                  "a dead connection: the request hangs or is reset")
        rows.append(f"| {idle} s | {usage.dropped_by_idle_timeout} | {effect} |")
    return "\n".join(rows)


def simplifications() -> str:
    """The simplifications behind this page's numbers, as a bullet list.

    Examples:
        >>> simplifications().splitlines()[0].startswith("- **dns_attributes_off")
        True
    """
    return "\n".join(f"- **{key}**: {ln.SIMPLIFICATIONS[key].text}"
                     for key in TROUBLESHOOTING_SIMPLIFICATIONS)
