"""How a function's lookup of an AWS service's name is answered: the DNS hop of a path.

Private to :mod:`lambdanet_edu.egress`. :func:`resolve_service` records the DNS hop and says
where the name leads: to an interface endpoint (its private DNS answers in the VPC), or to the
service's public addresses (no endpoint with private DNS, the VPC's DNS attributes off, or an
S3/DynamoDB endpoint whose private DNS answers only on-premises lookups). When the public path
then fails, :func:`note_on_failure` adds the DNS reason to the hop that decided, so the verdict
names it.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from lambdanet_edu.egress._walker import Walker
from lambdanet_edu.facts import PRIVATE_DNS_VPC_ATTRIBUTES
from lambdanet_edu.network.routing import InterfaceEndpoint
from lambdanet_edu.network.vpc import Vpc
from lambdanet_edu.simplifications import simplification

__all__ = ["DNS_OFF_RESOLVES_PUBLICLY", "note_on_failure", "resolve_service"]

DNS_OFF_RESOLVES_PUBLICLY: Final = simplification(
    "dns_attributes_off_resolve_publicly",
    "With a VPC DNS attribute off, the model takes a service's name to resolve to its public "
    "addresses (as through a DNS server of your own). With enableDnsSupport off and no DNS "
    "server of your own, nothing named resolves at all: the function fails before it connects.")


def resolve_service(walk: Walker, vpc: Vpc, name: str) -> tuple[InterfaceEndpoint | None, str]:
    """Record the DNS hop for ``name``: the endpoint it resolves to, or None (public), and a
    note to add to the deciding hop if the public path fails ("" when none is needed).

    Examples:
        >>> import dataclasses
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> from lambdanet_edu.network import InterfaceEndpoint, starter_vpc
        >>> vpc = dataclasses.replace(
        ...     starter_vpc(nat=False), enable_dns_hostnames=False, interface_endpoints=[
        ...         InterfaceEndpoint("vpce-sqs", "sqs", ["subnet-private-a"], ["sg-lambda"])])
        >>> fn = LambdaFunction("f", ["subnet-private-a"], ["sg-lambda"])
        >>> walk = Walker(vpc, fn, vpc.subnet("subnet-private-a"), "tcp", 443)
        >>> endpoint, note = resolve_service(walk, vpc, "sqs")
        >>> endpoint is None, "enableDnsHostnames" in note
        (True, True)
    """
    endpoints = [e for e in vpc.interface_endpoints if e.service == name]
    private = next((e for e in endpoints if e.private_dns), None)
    if private is not None and not vpc.private_dns_works:
        off = [attr for attr, on in zip(PRIVATE_DNS_VPC_ATTRIBUTES,
                                        (vpc.enable_dns_support, vpc.enable_dns_hostnames),
                                        strict=True) if not on]
        both = " and ".join(PRIVATE_DNS_VPC_ATTRIBUTES)
        note = (f"Interface endpoint {private.endpoint_id} for {name} has private DNS on, but "
                f"{vpc.vpc_id} has {' and '.join(off)} off: private DNS takes effect only when "
                f"{both} are both on, so {name}'s name resolves to its public endpoint. Turn "
                "both attributes on.")
        walk.assume(DNS_OFF_RESOLVES_PUBLICLY)
        walk.hop("DNS", name, True, note)
        return None, note
    if private is not None and private.private_dns_only_for_inbound_resolver_endpoint:
        note = (f"Interface endpoint {private.endpoint_id} for {name} has private DNS only for "
                "inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint): "
                f"lookups from the VPC get {name}'s public addresses, meant for a gateway "
                f"endpoint, and only on-premises lookups get {private.endpoint_id}'s.")
        walk.hop("DNS", name, True, note)
        return None, note
    if private is None:
        silent = next(iter(endpoints), None)
        extra = "" if silent is None else (
            f" Interface endpoint {silent.endpoint_id} has private DNS off, so only its own "
            "endpoint-specific DNS names lead to it.")
        walk.hop("DNS", name, True,
                 f"{name}'s name resolves to its public endpoint: {vpc.vpc_id} has no interface "
                 f"endpoint for {name} with private DNS on.{extra}")
        return None, ""
    table = vpc.route_table_for(walk.subnet.subnet_id)
    gateway = next((g for g in vpc.gateway_endpoints if g.service == name
                    and table.route_table_id in g.route_table_ids), None)
    beside = "" if gateway is None else (
        f" Gateway endpoint {gateway.endpoint_id} on {table.route_table_id} is not used: the "
        "name resolves to the interface endpoint's private addresses, which the local route "
        "carries (set PrivateDnsOnlyForInboundResolverEndpoint to use the gateway endpoint).")
    walk.hop("DNS", private.endpoint_id, True,
             f"With private DNS on, {name}'s name resolves to the network interfaces of "
             f"interface endpoint {private.endpoint_id} in {', '.join(private.subnet_ids)}."
             f"{beside}")
    return private, ""


def note_on_failure(walk: Walker, note: str) -> None:
    """Add the DNS reason ``note`` to the hop that stopped the walk, if it stopped."""
    if note and walk.status != "reachable" and walk.hops and not walk.hops[-1].passed:
        last = walk.hops[-1]
        walk.hops[-1] = dataclasses.replace(last, detail=f"{last.detail} {note}")
