"""The steps of one subnet's path walk, and the sentences each hop explains itself with.

Private to :mod:`lambdanet_edu.egress`: a :class:`Walker` records each step as a
:class:`~lambdanet_edu.egress.paths.Hop` and stops at the first that does not pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network

from lambdanet_edu.egress._assumptions import (
    ENI_ADDRESS_ANYWHERE_IN_SUBNET,
    PUBLIC_ADDRESS_UNKNOWN,
)
from lambdanet_edu.egress.paths import Component, Hop, Status
from lambdanet_edu.facts import GATEWAY_ENDPOINT_SERVICES, LAMBDA_EPHEMERAL_PORTS, NAT_GATEWAY_PORTS
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.routing import NatGateway
from lambdanet_edu.network.security_groups import check_security_groups
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.traffic import PortRange, format_port_ranges, format_ports
from lambdanet_edu.network.vpc import Vpc
from lambdanet_edu.simplifications import Simplification

__all__ = ["Walker"]

_ACCESS_HINT = ("Put the function in private subnets whose route table sends 0.0.0.0/0 to a NAT "
                "gateway in a public subnet")


def _endpoint_hint(service: str | None, table_id: str) -> str:
    """The cheaper way to an AWS service than a NAT gateway, where there is one."""
    if service is None:
        return ""
    if service in GATEWAY_ENDPOINT_SERVICES:
        return f", or add a gateway endpoint for {service} (free) to route table {table_id}"
    return f", or add an interface endpoint for {service} with private DNS on"


def _plural(ids: Sequence[str]) -> tuple[str, str]:
    """``("security group sg-a", "s")``-style agreement for one or several groups."""
    return (f"security groups {', '.join(ids)}", "") if len(ids) > 1 else (
        f"security group {ids[0]}", "s")


class Walker:
    """Hops recorded so far, and the checks that add them.

    Examples:
        >>> from lambdanet_edu.network.vpc import starter_vpc
        >>> vpc = starter_vpc()
        >>> fn = LambdaFunction("f", ["subnet-private-a"], ["sg-lambda"])
        >>> walk = Walker(vpc, fn, vpc.subnet("subnet-private-a"), "tcp", 443)
        >>> walk.public("the internet", service=None), walk.status, len(walk.hops)
        (True, 'reachable', 11)
    """

    def __init__(self, vpc: Vpc, function: LambdaFunction, subnet: Subnet,
                 protocol: str, port: int) -> None:
        self.vpc, self.function, self.subnet = vpc, function, subnet
        self.protocol, self.port = protocol, port
        self.hops: list[Hop] = []
        self.assumptions: list[Simplification] = []
        self.status: Status = "reachable"
        self.source = f"{subnet.subnet_id} ({subnet.cidr})"

    def hop(self, component: Component, component_id: str, passed: bool, detail: str, *,
            unknown: bool = False) -> bool:
        self.hops.append(Hop(component, component_id, passed, detail))
        if not passed:
            self.status = "unknown" if unknown else "blocked"
        return passed

    def assume(self, assumption: Simplification) -> None:
        if assumption not in self.assumptions:
            self.assumptions.append(assumption)

    @property
    def traffic(self) -> str:
        return f"{self.protocol} port {self.port}"

    def security_groups_out(self, peer: IPv4Network | None, label: str,
                            peer_groups: frozenset[str]) -> bool:
        ids = self.function.security_group_ids
        groups = [self.vpc.security_group(g) for g in ids]
        if peer is not None and peer.num_addresses > 1:
            self.assume(ENI_ADDRESS_ANYWHERE_IN_SUBNET)
        check = check_security_groups(groups, "outbound", self.protocol, self.port,
                                      peer=peer, peer_groups=peer_groups)
        name, verb = _plural(ids)
        if check.passed:
            group_id, rule = check.allowed_by[0]
            return self.hop("security group", ", ".join(ids), True,
                            f"The function's {name} allow{verb} {self.traffic} out to {label}: "
                            f"{group_id} has the outbound rule '{rule.describe('outbound')}'. "
                            "Security groups are stateful, so replies come back without a rule.")
        why = (" (its CIDR rules cover only part of it)" if check.partial else
               " (for a public address only a rule for 0.0.0.0/0 counts)" if peer is None else "")
        return self.hop("security group", ", ".join(ids), False,
                        f"No outbound rule of the function's {name} allows {self.traffic} to "
                        f"{label}{why}. A security group allows only what its rules list.")

    def security_groups_in(self, ids: Sequence[str], owner: str) -> bool:
        groups = [self.vpc.security_group(g) for g in ids]
        self.assume(ENI_ADDRESS_ANYWHERE_IN_SUBNET)
        check = check_security_groups(groups, "inbound", self.protocol, self.port,
                                      peer=self.subnet.cidr,
                                      peer_groups=self.function.security_group_set)
        name, verb = _plural(ids)
        if check.passed:
            group_id, rule = check.allowed_by[0]
            return self.hop("security group", ", ".join(ids), True,
                            f"The {name} of {owner} allow{verb} {self.traffic} in from the "
                            f"function: {group_id} has the inbound rule "
                            f"'{rule.describe('inbound')}'.")
        why = " (its CIDR rules cover only part of that subnet)" if check.partial else ""
        return self.hop("security group", ", ".join(ids), False,
                        f"No inbound rule of the {name} of {owner} allows {self.traffic} from "
                        f"the function, neither from its security groups "
                        f"({', '.join(self.function.security_group_ids)}) nor from every "
                        f"address of {self.source}{why}. Add an inbound rule for "
                        f"{self.traffic} that references "
                        f"{self.function.security_group_ids[0]}.")

    def acl(self, subnet_id: str, direction: str, ports: PortRange,
            peer: IPv4Network | None, label: str, *, reply_by: str = "") -> bool:
        """Check one network ACL; ``reply_by`` names who chose the ports of a reply."""
        acl = self.vpc.network_acl_for(subnet_id)
        if peer is not None and peer.num_addresses > 1:
            self.assume(ENI_ADDRESS_ANYWHERE_IN_SUBNET)
        check = acl.evaluate(direction, self.protocol, ports, peer=peer)
        name = ("The default network ACL" if acl.acl_id == "default"
                else f"Network ACL {acl.acl_id}")
        where = f"{'out of' if direction == 'outbound' else 'into'} {subnet_id}"
        towards = f"{'to' if direction == 'outbound' else 'from'} {label}"
        what = "replies" if reply_by else "the request"
        traffic = f"{self.protocol} {format_ports(ports)}"
        if check.passed:
            rules = ("it allows all traffic" if acl.acl_id == "default" else
                     f"rule {', '.join(str(n) for n in check.allowed_by)}")
            return self.hop("network ACL", acl.acl_id, True,
                            f"{name} lets {what} {where}: {traffic} {towards} ({rules}).")
        denied = check.describe_denials()
        if not reply_by:
            return self.hop("network ACL", acl.acl_id, False,
                            f"{name} blocks the request {where}: {traffic} {towards}: {denied}.")
        span = f"{ports[0]}-{ports[1]}"
        if check.allowed:
            return self.hop(
                "network ACL", acl.acl_id, False,
                f"{name} lets replies {where} only on {self.protocol} ports "
                f"{format_port_ranges(check.allowed)} of the {span} {reply_by} uses: {denied}. "
                "Network ACLs are stateless, so every reply is checked; a connection whose "
                "ephemeral port lands outside the allowed part fails, so invocations will fail "
                "intermittently.")
        return self.hop(
            "network ACL", acl.acl_id, False,
            f"{name} blocks the replies {where} ({self.protocol} ports {span} {towards}): "
            f"{denied}. Network ACLs are stateless: replies come back to the ephemeral ports "
            f"{span} {reply_by} uses, so the rules must allow that whole range.")

    def local(self, target: IPv4Network, subnet: Subnet | None, group_ids: Sequence[str], *,
              owner: str | None, label: str) -> bool:
        """A destination inside the VPC: ``target`` holds its address, ``subnet`` its subnet."""
        here = self.subnet.subnet_id
        if not self.security_groups_out(target, label, frozenset(group_ids)):
            return False
        cross = subnet is not None and subnet.subnet_id != here
        if cross and not self.acl(here, "outbound", (self.port, self.port), target, label):
            return False
        table = self.vpc.route_table_for(here)
        route = table.route_for(target)
        if route is None or route.target != "local":
            shown = "has no route" if route is None else (
                f"sends {route.destination} to {route.target}")
            return self.hop("route table", table.route_table_id, False,
                            f"Route table {table.route_table_id} of {here} {shown} for {label} "
                            "instead of the local route: the traffic leaves the path this model "
                            "follows.", unknown=route is not None)
        self.hop("route table", table.route_table_id, True,
                 f"Route table {table.route_table_id} of {here} sends {label} through the local "
                 f"route {route.destination} (inside the VPC).")
        if subnet is None:
            return self.hop("subnet", str(target.network_address), False,
                            f"No subnet of {self.vpc.vpc_id} contains {label}: nothing in the VPC "
                            "can have that address.")
        if cross and not self.acl(subnet.subnet_id, "inbound", (self.port, self.port),
                                  self.subnet.cidr, self.source):
            return False
        if owner is None:
            return self.hop("resource", str(target.network_address), False,
                            f"Nothing listens at {label}: no resource of {self.vpc.vpc_id} has "
                            "that address (describe it with Resource(...)).")
        if not self.security_groups_in(group_ids, owner):
            return False
        if not cross:
            return True
        return (self.acl(subnet.subnet_id, "outbound", LAMBDA_EPHEMERAL_PORTS, self.subnet.cidr,
                         self.source, reply_by="Lambda")
                and self.acl(here, "inbound", LAMBDA_EPHEMERAL_PORTS, target, label,
                             reply_by="Lambda"))

    def public(self, label: str, *, service: str | None) -> bool:
        """A public destination: the internet, or an AWS service's public endpoint."""
        here = self.subnet.subnet_id
        self.assume(PUBLIC_ADDRESS_UNKNOWN)
        if not (self.security_groups_out(None, label, frozenset())
                and self.acl(here, "outbound", (self.port, self.port), None, label)):
            return False
        table = self.vpc.route_table_for(here)
        table_id = table.route_table_id
        endpoints = [g for g in self.vpc.gateway_endpoints if g.service == service]
        mine = next((g for g in endpoints if table_id in g.route_table_ids), None)
        if mine is not None:
            self.hop("route table", table_id, True,
                     f"Route table {table_id} of {here} has the route of gateway endpoint "
                     f"{mine.endpoint_id} for {service}; it is more specific than any "
                     "0.0.0.0/0 route, so it wins.")
            self.hop("gateway endpoint", mine.endpoint_id, True,
                     f"Gateway endpoint {mine.endpoint_id} carries the traffic to {service} "
                     "inside AWS's network: no NAT gateway or public IP needed.")
            return self.acl(here, "inbound", LAMBDA_EPHEMERAL_PORTS, None, label,
                            reply_by="Lambda")
        hint = "".join(f" Gateway endpoint {g.endpoint_id} for {service} exists but is not "
                       f"associated with {table_id}, so {here} cannot use it." for g in endpoints)
        access = _ACCESS_HINT + _endpoint_hint(service, table_id)
        route = table.route_for(None)
        igw = self.vpc.internet_gateway
        if route is None:
            routes = ", ".join(f"{r.destination} to {r.target}" for r in table.routes)
            return self.hop("route table", table_id, False,
                            f"Route table {table_id} of {here} has no route for {label}: its "
                            f"routes ({routes}) stay inside the VPC or lead elsewhere. "
                            f"{access}.{hint}")
        if igw is not None and route.target == igw.gateway_id:
            self.hop("route table", table_id, True,
                     f"Route table {table_id} of {here} sends 0.0.0.0/0 to internet gateway "
                     f"{igw.gateway_id}.{hint}")
            return self.hop("internet gateway", igw.gateway_id, False,
                            f"The subnet route table {table_id} sends 0.0.0.0/0 to an internet "
                            f"gateway ({igw.gateway_id}), but Lambda ENIs never get a public IP, "
                            "so a public subnet gives a function no internet access. "
                            f"{access}.")
        nat = self.vpc.nat_gateway(route.target)
        if nat is None:
            return self.hop("route table", table_id, False,
                            f"Route table {table_id} of {here} sends 0.0.0.0/0 to "
                            f"{route.target}, which this model does not describe (a peering "
                            "connection, transit gateway, virtual private gateway, ...): whether "
                            f"{label} is reached depends on what lies beyond it.{hint}",
                            unknown=True)
        self.hop("route table", table_id, True,
                 f"Route table {table_id} of {here} sends 0.0.0.0/0 to NAT gateway "
                 f"{nat.nat_gateway_id}.{hint}")
        return self.via_nat(nat, label)

    def via_nat(self, nat: NatGateway, label: str) -> bool:
        nat_id, home = nat.nat_gateway_id, nat.subnet_id
        if not nat.public:
            return self.hop("NAT gateway", nat_id, False,
                            f"{nat_id} is a private NAT gateway: it has no Elastic IP, so it "
                            "cannot reach the internet (it serves other VPCs and networks).")
        self.hop("NAT gateway", nat_id, True,
                 f"NAT gateway {nat_id} in {home} swaps the function's private source address "
                 "for its Elastic IP.")
        cross = home != self.subnet.subnet_id
        if cross and not self.acl(home, "inbound", (self.port, self.port), self.subnet.cidr,
                                  self.source):
            return False
        table = self.vpc.route_table_for(home)
        route, igw = table.route_for(None), self.vpc.internet_gateway
        if route is None or igw is None or route.target != igw.gateway_id:
            outside = route is not None and self.vpc.nat_gateway(route.target) is None and (
                igw is None or route.target != igw.gateway_id)
            sends = "has no 0.0.0.0/0 route" if route is None else (
                f"sends 0.0.0.0/0 to {route.target}")
            return self.hop("route table", table.route_table_id, False,
                            f"{nat_id} sits in {home}, whose route table {table.route_table_id} "
                            f"{sends}, not to an internet gateway: {home} is not a public subnet. "
                            "A NAT gateway reaches the internet only from a public subnet, one "
                            "whose route table sends 0.0.0.0/0 to the VPC's internet gateway.",
                            unknown=outside)
        self.hop("route table", table.route_table_id, True,
                 f"Route table {table.route_table_id} of {home}, where {nat_id} sits, sends "
                 f"0.0.0.0/0 to internet gateway {igw.gateway_id}: {home} is a public subnet, "
                 "as a NAT gateway needs.")
        if not self.acl(home, "outbound", (self.port, self.port), None, label):
            return False
        self.hop("internet gateway", igw.gateway_id, True,
                 f"Internet gateway {igw.gateway_id} carries {nat_id}'s traffic to {label}: the "
                 "NAT gateway's Elastic IP is public.")
        if not self.acl(home, "inbound", NAT_GATEWAY_PORTS, None, label,
                        reply_by="the NAT gateway"):
            return False
        if not cross:
            return True
        return (self.acl(home, "outbound", LAMBDA_EPHEMERAL_PORTS, self.subnet.cidr,
                         self.source, reply_by="Lambda")
                and self.acl(self.subnet.subnet_id, "inbound", LAMBDA_EPHEMERAL_PORTS, None,
                             label, reply_by="Lambda"))
