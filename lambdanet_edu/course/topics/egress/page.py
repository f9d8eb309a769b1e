"""Markdown for the page "Egress and your network", computed by the model at build time.

Every verdict here comes from :func:`lambdanet_edu.can_reach` on ``starter_vpc(...)`` or a small
change of it, so the page can never disagree with the model.
"""

from __future__ import annotations

import dataclasses

import lambdanet_edu as ln
from lambdanet_edu.course.topics.egress.cheapest_egress import WORKLOAD, design_cost
from lambdanet_edu.course.topics.egress.ipv6_internet import ipv6_deployment
from lambdanet_edu.egress.cost import REGION_NAME
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS, LINUX_EPHEMERAL_PORTS, NAT_GATEWAY_PORTS
from lambdanet_edu.network import HTTPS_PORT
from lambdanet_edu.pictures import egress_cost_chart, topology_diagram

__all__ = [
    "cost_chart",
    "cost_table",
    "endpoint_table",
    "ipv6_table",
    "lambda_ports",
    "linux_gap",
    "linux_nacl_example",
    "linux_ports",
    "nat_hops",
    "nat_ports",
    "price_list",
    "public_subnet_diagram",
    "public_subnet_hops",
    "simplifications",
    "starter_table",
]

PRIVATE = ("subnet-private-a", "subnet-private-b")
DESTINATIONS = ("internet", "s3", "dynamodb", "sqs", "10.0.2.15:5432")
#: The simplifications that matter for egress, in the order the page discusses them.
EGRESS_SIMPLIFICATIONS = ("egress_network_path_only", "public_address_unknown",
                          "eni_address_anywhere_in_subnet", "every_interface_endpoint_eni",
                          "dns_attributes_off_resolve_publicly", "resource_listens_on_any_port",
                          "default_rules_cover_ipv6", "cost_prices_one_region",
                          "cost_no_data_transfer", "cost_one_per_az")


def orders(subnets: tuple[str, ...] | None = None) -> ln.LambdaFunction:
    """The page's function, in the private subnets unless told otherwise."""
    return ln.LambdaFunction("orders", subnets or PRIVATE, ("sg-lambda",))


def _span(ports: tuple[int, int]) -> str:
    return f"{ports[0]}-{ports[1]}"


def _cell(verdict: ln.Verdict) -> str:
    if verdict.reachable:
        return "reachable"
    hop = verdict.blocked_at
    assert hop is not None
    word = "unknown beyond" if verdict.status == "unknown" else "blocked at"
    return f"{word} {hop.component} `{hop.component_id}`"


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _hop_table(verdict: ln.Verdict) -> str:
    rows = ["| # | hop | result | what the model says |", "|---|---|---|---|"]
    for i, hop in enumerate(verdict.hops, 1):
        mark = "passes" if hop.passed else "**blocks**"
        rows.append(f"| {i} | {hop.component} `{hop.component_id}` | {mark} | "
                    f"{_escape(hop.detail)} |")
    return "\n".join(rows)


def lambda_ports() -> str:
    """The ephemeral ports Lambda uses, as ``first-last``.

    Examples:
        >>> lambda_ports()
        '1024-65535'
    """
    return _span(LAMBDA_EPHEMERAL_PORTS)


def nat_ports() -> str:
    """The ports a NAT gateway uses, as ``first-last``.

    Examples:
        >>> nat_ports()
        '1024-65535'
    """
    return _span(NAT_GATEWAY_PORTS)


def linux_ports() -> str:
    """The narrower ephemeral range many Linux kernels use.

    Examples:
        >>> linux_ports()
        '32768-61000'
    """
    return _span(LINUX_EPHEMERAL_PORTS)


def linux_acl() -> ln.NetworkAcl:
    """A network ACL on subnet-private-a that lets in only Linux's ephemeral range."""
    return ln.NetworkAcl("acl-linux", ("subnet-private-a",),
                         inbound=(ln.AclRule(100, "allow", "tcp", LINUX_EPHEMERAL_PORTS),),
                         outbound=(ln.AclRule(100, "allow"),))


def linux_gap() -> str:
    """How many of Lambda's ephemeral ports a Linux-range rule leaves denied.

    Examples:
        >>> linux_gap()
        '36,279 of the 64,512 ports Lambda may pick (56 %)'
    """
    check = linux_acl().evaluate("inbound", "tcp", LAMBDA_EPHEMERAL_PORTS, peer=None)
    total = LAMBDA_EPHEMERAL_PORTS[1] - LAMBDA_EPHEMERAL_PORTS[0] + 1
    denied = sum(d.ports[1] - d.ports[0] + 1 for d in check.denials)
    return (f"{denied:,} of the {total:,} ports Lambda may pick "
            f"({100 * denied / total:.0f} %)")


def linux_nacl_example() -> str:
    """The model's explanation for a function behind a Linux-range network ACL.

    Examples:
        >>> linux_nacl_example()
        "> orders cannot reach the internet (api.example.com, tcp port 443) from subnet-privat..."
    """
    vpc = dataclasses.replace(ln.starter_vpc(), network_acls=(linux_acl(),))
    verdict = ln.can_reach(vpc, orders(("subnet-private-a",)), "internet")
    return f"> {verdict.explanation}"


def starter_table() -> str:
    """Each destination's verdict for ``orders`` in the starter VPC, without and with NAT.

    Examples:
        >>> starter_table().splitlines()[0]
        '| destination | `starter_vpc(nat=False)` | `starter_vpc()` (NAT gateway) |'
    """
    fn = orders()
    rows = ["| destination | `starter_vpc(nat=False)` | `starter_vpc()` (NAT gateway) |",
            "|---|---|---|"]
    for dest in DESTINATIONS:
        cells = [_cell(ln.can_reach(ln.starter_vpc(nat=nat), fn, dest)) for nat in (False, True)]
        rows.append(f"| `{dest}` | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def public_subnet_hops() -> str:
    """The hops of ``orders`` in the public subnet, trying to reach the internet.

    Examples:
        >>> public_subnet_hops().splitlines()[0]
        '| # | hop | result | what the model says |'
    """
    return _hop_table(ln.can_reach(ln.starter_vpc(), orders(("subnet-public-a",)), "internet"))


def public_subnet_diagram() -> str:
    """``orders`` in the public subnet: the diagram, with the hop that stops it.

    Examples:
        >>> public_subnet_diagram().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    vpc, fn = ln.starter_vpc(), orders(("subnet-public-a",))
    return topology_diagram(vpc, [fn], verdict=ln.can_reach(vpc, fn, "internet"),
                            id="public-subnet-diagram",
                            title="orders in a public subnet: stopped at the internet gateway")


def nat_hops() -> str:
    """The hops of ``orders`` in a private subnet reaching the internet through nat-a.

    Examples:
        >>> nat_hops().splitlines()[0]
        '| # | hop | result | what the model says |'
    """
    return _hop_table(ln.can_reach(ln.starter_vpc(), orders(("subnet-private-a",)), "internet"))


def endpoint_vpcs() -> dict[str, tuple[ln.Vpc, str]]:
    """Endpoint variations of ``starter_vpc(nat=False)`` and the destination each is about."""
    base = ln.starter_vpc(nat=False)

    def endpoint_sg(inbound: tuple[ln.SecurityGroupRule, ...]) -> tuple[ln.SecurityGroup, ...]:
        return (*base.security_groups, ln.SecurityGroup("sg-endpoint", inbound=inbound))

    sqs = ln.InterfaceEndpoint("vpce-sqs", "sqs", PRIVATE, ("sg-endpoint",))
    allow = (ln.SecurityGroupRule("tcp", (HTTPS_PORT, HTTPS_PORT), security_group_id="sg-lambda"),)
    return {
        "gateway endpoint for S3 on `rtb-private`": (dataclasses.replace(
            base, gateway_endpoints=(ln.GatewayEndpoint("vpce-s3", "s3", ("rtb-private",)),)),
            "s3"),
        "gateway endpoint for S3 on `rtb-public` only": (dataclasses.replace(
            base, gateway_endpoints=(ln.GatewayEndpoint("vpce-s3", "s3", ("rtb-public",)),)),
            "s3"),
        f"interface endpoint for SQS, its group allows {HTTPS_PORT} from `sg-lambda`": (
            dataclasses.replace(base, interface_endpoints=(sqs,),
                                security_groups=endpoint_sg(allow)), "sqs"),
        "interface endpoint for SQS, its group has no inbound rule": (
            dataclasses.replace(base, interface_endpoints=(sqs,),
                                security_groups=endpoint_sg(())), "sqs"),
    }


def endpoint_table() -> str:
    """Verdicts for S3 and SQS through endpoints, with no NAT gateway anywhere.

    Examples:
        >>> endpoint_table().splitlines()[0]
        '| change to `starter_vpc(nat=False)` | destination | verdict |'
    """
    rows = ["| change to `starter_vpc(nat=False)` | destination | verdict |", "|---|---|---|"]
    for label, (vpc, dest) in endpoint_vpcs().items():
        rows.append(f"| {label} | `{dest}` | {_cell(ln.can_reach(vpc, orders(), dest))} |")
    return "\n".join(rows)


def simplifications() -> str:
    """The model's egress simplifications, as a bullet list.

    Examples:
        >>> simplifications().splitlines()[0]
        "- **egress_network_path_only**: can_reach checks the network path only: security grou..."
    """
    return "\n".join(f"- **{key}**: {ln.SIMPLIFICATIONS[key].text}"
                     for key in EGRESS_SIMPLIFICATIONS)


# --- IPv6, and what egress costs -------------------------------------------------------------

#: Destinations the IPv6 section tries from the dual-stack deployment.
IPV6_DESTINATIONS = ("internet6", "internet", "s3", "sqs", "10.0.2.15:5432")


def ipv6_table() -> str:
    """Verdicts from the dual-stack deployment (``::/0`` to an egress-only gateway, no NAT),
    with the flag on and off.

    Examples:
        >>> ipv6_table().splitlines()[2].startswith("| `internet6` | reachable")
        True
    """
    vpc, fn = ipv6_deployment()
    off = dataclasses.replace(fn, ipv6_allowed_for_dual_stack=False)
    rows = ["| destination | `ipv6_allowed_for_dual_stack=True` | flag off |", "|---|---|---|"]
    for dest in IPV6_DESTINATIONS:
        rows.append(f"| `{dest}` | {_cell(ln.can_reach(vpc, fn, dest))} | "
                    f"{_cell(ln.can_reach(vpc, off, dest))} |")
    return "\n".join(rows)


#: The workload of the cost section and the cheapest-egress exercise.
COST_DESIGNS: tuple[tuple[str, dict[str, bool]], ...] = (
    ("NAT gateways for everything", {"nat": True}),
    ("NAT gateways + S3 gateway endpoint", {"nat": True, "gateway_endpoints": True}),
    ("NAT gateways + S3 gateway endpoint + SQS interface endpoint",
     {"nat": True, "gateway_endpoints": True, "interface_endpoints": True}),
    ("gateway + interface endpoints + egress-only gateway (IPv6 API)",
     {"nat": False, "gateway_endpoints": True, "interface_endpoints": True,
      "ipv6_internet": True}),
)


def price_list() -> str:
    """The prices the cost model uses, with the Region and the day they were checked.

    Examples:
        >>> "us-east-1" in price_list()
        True
    """
    names = ("nat_gateway_usd_per_hour", "nat_gateway_usd_per_gb",
             "interface_endpoint_usd_per_az_hour", "interface_endpoint_usd_per_gb",
             "gateway_endpoint_usd", "egress_only_gateway_usd")
    rows = ["| charge | USD | source |", "|---|---|---|"]
    for name in names:
        f = ln.fact(name)
        rows.append(f"| {f.statement} | {f.value} | [{f.source.title}]({f.source.url}) |")
    region = ln.fact("pricing_region")
    return "\n".join(rows) + (f"\n\nRegion: {region.value} ({REGION_NAME}); prices checked on "
                              f"{region.checked}. They change and differ between Regions.")


def cost_table() -> str:
    """Each design's monthly cost for the cheapest-egress workload.

    Examples:
        >>> cost_table().splitlines()[2]
        '| NAT gateways for everything | 158.85 | reaches everything |'
    """
    rows = [f"| design | USD a month ({ln.fact('pricing_region').value}) | reach |",
            "|---|---|---|"]
    for label, design in COST_DESIGNS:
        cost = design_cost(design)
        reach = ("reaches everything" if cost.reaches_everything
                 else "no way to " + " or ".join(cost.unreachable))
        rows.append(f"| {label} | {cost.total_usd} | {reach} |")
    return "\n".join(rows)


def cost_chart() -> str:
    """Monthly cost as SQS traffic grows: through the NAT gateways, or an interface endpoint.

    Examples:
        >>> cost_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    fixed = {k: v for k, v in WORKLOAD.items() if k != "services_gb"}
    return egress_cost_chart(COST_DESIGNS[1:3], max_gb=800, traffic="services_gb",
                             fixed=fixed, id="egress-cost-chart")
