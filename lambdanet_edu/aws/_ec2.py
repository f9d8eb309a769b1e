"""Private: the EC2 outputs, read into the model's parts, one VPC at a time.

Each reader takes one ``describe-*`` output and adds what it finds to :class:`Parts` (per VPC)
and to the warnings; nothing is left out without a warning naming its id.
"""

from __future__ import annotations

import re
from ipaddress import ip_network
from typing import Any, Final

from lambdanet_edu.aws._files import required_output
from lambdanet_edu.aws._json import At, ipv4
from lambdanet_edu.aws._parts import Ec2, Parts
from lambdanet_edu.aws._rules import read_acls, read_security_groups
from lambdanet_edu.facts import NAT_MAX_ADDRESSES
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)
from lambdanet_edu.network.subnets import Subnet

__all__ = ["read_ec2"]

_SERVICE: Final = re.compile(r"com\.amazonaws\.[a-z0-9-]+\.([a-z0-9.-]+)")
#: Route target keys the model cannot follow, and what they lead to.
_OUTSIDE: Final = {
    "VpcPeeringConnectionId": "a VPC peering connection",
    "TransitGatewayId": "a transit gateway",
    "NetworkInterfaceId": "a network interface (an appliance or NAT instance)",
    "InstanceId": "an EC2 instance",
    "CarrierGatewayId": "a carrier gateway",
    "LocalGatewayId": "a local gateway",
    "CoreNetworkArn": "a Cloud WAN core network",
}


def _vpcs(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-vpcs.json").items(doc, "Vpcs", required=True):
        vpc_id = at.text(data, "VpcId")
        cidr = ipv4(at.key("CidrBlock"), data.get("CidrBlock"))
        out.vpcs[vpc_id] = Parts(vpc_id, str(cidr))
        for a_at, assoc in at.items(data, "CidrBlockAssociationSet"):
            extra = assoc.get("CidrBlock")
            if extra and extra != str(cidr) and (assoc.get("CidrBlockState") or {}).get(
                    "State", "associated") == "associated":
                out.warnings.append(a_at.warn(vpc_id, f"secondary CIDR {extra}: the model "
                                              "has one CIDR per VPC; its subnets are left out"))
        ipv6 = tuple(a.get("Ipv6CidrBlock", "") for _, a in
                     at.items(data, "Ipv6CidrBlockAssociationSet") if a.get("Ipv6CidrBlock"))
        _ipv6(out, at, vpc_id, ipv6)


def _ipv6(out: Ec2, at: At, item_id: str, cidrs: tuple[str, ...]) -> None:
    """IPv6 CIDRs of a VPC or subnet: kept in ``ipv6_cidrs``, not used by the model yet."""
    if cidrs:
        out.ipv6_cidrs[item_id] = cidrs
        out.warnings.append(at.warn(item_id, f"IPv6 CIDR {', '.join(cidrs)}: the model covers "
                                    "IPv4 only and does not use it yet"))


def _subnets(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-subnets.json").items(doc, "Subnets", required=True):
        subnet_id = at.text(data, "SubnetId")
        parts = out.vpc(at, data)
        ipv6 = tuple(a.get("Ipv6CidrBlock", "") for _, a in
                     at.items(data, "Ipv6CidrBlockAssociationSet") if a.get("Ipv6CidrBlock"))
        _ipv6(out, at, subnet_id, ipv6)
        if parts is None:
            continue
        out.subnet_vpc[subnet_id] = parts.vpc_id
        if data.get("CidrBlock") is None and ipv6:
            out.warnings.append(at.warn(subnet_id, "an IPv6-only subnet: left out"))
            continue
        cidr = ipv4(at.key("CidrBlock"), data.get("CidrBlock"))
        if not cidr.subnet_of(ip_network(parts.cidr)):  # type: ignore[arg-type]
            out.warnings.append(at.warn(subnet_id, f"{cidr} lies in a secondary CIDR of "
                                        f"{parts.vpc_id}: left out"))
            continue
        zone = data.get("AvailabilityZone")
        try:
            parts.subnets.append(Subnet(subnet_id, cidr, zone if isinstance(zone, str) else None))
        except ValueError as err:
            raise at.error(str(cidr), f"a subnet the model accepts ({err})") from None
        if "AvailableIpAddressCount" in data:
            parts.available_ips[subnet_id] = at.integer(data, "AvailableIpAddressCount")


def _gateways(out: Ec2, igws: dict[str, Any], eigws: dict[str, Any]) -> None:
    for at, data in At("describe-internet-gateways.json").items(
            igws, "InternetGateways", required=True):
        gateway_id = at.text(data, "InternetGatewayId")
        for a_at, attachment in at.items(data, "Attachments"):
            parts = out.vpc(a_at, attachment)
            if parts is not None and attachment.get("State", "available") in (
                    "available", "attached"):
                parts.internet_gateway = InternetGateway(gateway_id)
    for at, data in At("describe-egress-only-internet-gateways.json").items(
            eigws, "EgressOnlyInternetGateways", required=True):
        gateway_id = at.text(data, "EgressOnlyInternetGatewayId")
        for a_at, attachment in at.items(data, "Attachments"):
            vpc_id = a_at.text(attachment, "VpcId")
            egress_only_gateway(out, a_at, vpc_id, gateway_id)


def egress_only_gateway(out: Ec2, at: At, vpc_id: str, gateway_id: str) -> None:
    """An egress-only internet gateway (IPv6): kept, not used by the model yet."""
    out.egress_only_gateways[vpc_id] = gateway_id
    out.warnings.append(at.warn(gateway_id, f"egress-only internet gateway of {vpc_id} (IPv6): "
                                "the model does not use it yet"))


def _nat_gateways(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-nat-gateways.json").items(doc, "NatGateways", required=True):
        nat_id = at.text(data, "NatGatewayId")
        state = data.get("State", "available")
        parts = out.vpc(at, data)
        if parts is None:
            continue
        if state not in ("available", "pending"):
            out.warnings.append(at.warn(nat_id, f"state {state}: left out (routes to it drop "
                                        "traffic)"))
            continue
        subnet_id = at.text(data, "SubnetId")
        public = data.get("ConnectivityType", "public") != "private"
        parts.nat_gateways.append(NatGateway(nat_id, subnet_id, public=public,
                                             elastic_ips=nat_addresses(out, at, nat_id, data)))


def nat_addresses(out: Ec2, at: At, nat_id: str, data: dict[str, Any]) -> int:
    """A NAT gateway's addresses: the Elastic IPs kept in ``nat_addresses``, and how many it
    translates to, for :class:`~lambdanet_edu.network.routing.NatGateway`'s ``elastic_ips``
    (a private NAT gateway's are private addresses). More than the model allows are warned
    about and counted as its maximum."""
    listed = [a for _, a in at.items(data, "NatGatewayAddresses")]
    public = tuple(a["PublicIp"] for a in listed if isinstance(a.get("PublicIp"), str))
    out.nat_addresses[nat_id] = public
    count = len(public) or sum(isinstance(a.get("PrivateIp"), str) for a in listed)
    if count > NAT_MAX_ADDRESSES:
        out.warnings.append(at.warn(nat_id, f"{count} addresses: the model counts at most "
                                    f"{NAT_MAX_ADDRESSES}"))
    return min(max(count, 1), NAT_MAX_ADDRESSES)


def _routes(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-route-tables.json").items(doc, "RouteTables", required=True):
        table_id = at.text(data, "RouteTableId")
        parts = out.vpc(at, data)
        if parts is None:
            continue
        routes = [r for r_at, route in at.items(data, "Routes")
                  if (r := _route(out, parts, table_id, r_at, route)) is not None]
        main, subnets = False, []
        for a_at, assoc in at.items(data, "Associations"):
            if assoc.get("AssociationState", {}).get("State", "associated") != "associated":
                continue
            main = main or a_at.flag(assoc, "Main")
            if assoc.get("SubnetId"):
                subnet_id = a_at.text(assoc, "SubnetId")
                if any(s.subnet_id == subnet_id for s in parts.subnets):
                    subnets.append(subnet_id)
            elif assoc.get("GatewayId"):
                out.warnings.append(a_at.warn(table_id, f"edge association with "
                                              f"{assoc['GatewayId']}: the model does not use it"))
        parts.route_tables.append(RouteTable(table_id, routes, subnets, main=main))


def _route(out: Ec2, parts: Parts, table_id: str, at: At, data: dict[str, Any]) -> Route | None:
    gateway = data.get("GatewayId")
    if data.get("DestinationPrefixListId"):
        if not (isinstance(gateway, str) and gateway.startswith("vpce-")):
            out.warnings.append(at.warn(data["DestinationPrefixListId"], f"a route of {table_id} "
                                        "to a prefix list: the model does not follow it"))
        return None  # a gateway endpoint's route: the endpoint itself is read from its output
    if data.get("DestinationIpv6CidrBlock"):
        out.warnings.append(at.warn(table_id, f"IPv6 route {data['DestinationIpv6CidrBlock']}: "
                                    "the model covers IPv4 only"))
        return None
    destination = ipv4(at.key("DestinationCidrBlock"), data.get("DestinationCidrBlock"))
    if data.get("State") == "blackhole":
        out.warnings.append(at.warn(table_id, f"route {destination} is a blackhole (its target "
                                    "was deleted): left out, so traffic falls to a shorter "
                                    "route or none"))
        return None
    if gateway == "local":
        if str(destination) != parts.cidr:
            return None  # the local route of a secondary CIDR, already warned about
        return Route(destination, "local")
    if data.get("NatGatewayId"):
        nat_id = at.text(data, "NatGatewayId")
        if not any(n.nat_gateway_id == nat_id for n in parts.nat_gateways):
            raise at.key("NatGatewayId").error(
                nat_id, f"the id of a NAT gateway of {parts.vpc_id} in describe-nat-gateways.json")
        return Route(destination, nat_id)
    if isinstance(gateway, str) and gateway.startswith("igw-"):
        igw = parts.internet_gateway
        if igw is None or igw.gateway_id != gateway:
            raise at.key("GatewayId").error(gateway, f"'local' or the id of the internet gateway "
                                            f"attached to {parts.vpc_id} in "
                                            "describe-internet-gateways.json")
        return Route(destination, gateway)
    for key, what in (*_OUTSIDE.items(), ("GatewayId", "a virtual private gateway or another "
                                          "gateway"), ("EgressOnlyInternetGatewayId", "")):
        target = data.get(key)
        if isinstance(target, str) and target:
            out.warnings.append(at.warn(target, f"{table_id} sends {destination} to {what}: the "
                                        "model cannot tell what lies beyond it"))
            return Route(destination, target.replace(" ", ""))
    raise at.error(sorted(data), "a route with a target (GatewayId, NatGatewayId, ...)")


def _endpoints(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-vpc-endpoints.json").items(doc, "VpcEndpoints", required=True):
        endpoint_id = at.text(data, "VpcEndpointId")
        parts = out.vpc(at, data)
        if parts is None:
            continue
        kind, state = data.get("VpcEndpointType", "Interface"), data.get("State", "available")
        name = at.text(data, "ServiceName", optional=True)
        match = _SERVICE.fullmatch(name)
        if state.lower() not in ("available", "pending"):
            out.warnings.append(at.warn(endpoint_id, f"state {state}: left out"))
        elif kind not in ("Gateway", "Interface"):
            what = ("VPC Lattice" if kind in ("ServiceNetwork", "Resource")
                    else name or "no service name")
            out.warnings.append(at.warn(endpoint_id, f"a {kind} endpoint ({what}): the model "
                                        "covers gateway and interface endpoints only"))
        elif match is None:
            out.warnings.append(at.warn(endpoint_id, f"{name} is not an AWS service "
                                        "(a PrivateLink service of another account?): left out"))
        elif kind == "Gateway":
            if match.group(1) not in ("s3", "dynamodb"):
                raise at.key("ServiceName").error(name, "an S3 or DynamoDB service name")
            tables = at.strings(data, "RouteTableIds")
            parts.gateway_endpoints.append(GatewayEndpoint(endpoint_id, match.group(1), tables))
        else:
            subnets = [s for s in at.strings(data, "SubnetIds")
                       if any(p.subnet_id == s for p in parts.subnets)]
            groups = [g.get("GroupId", "") for _, g in at.items(data, "Groups")]
            if not subnets or not groups:
                out.warnings.append(at.warn(endpoint_id, "an interface endpoint with no subnet "
                                            "or no security group the model knows: left out"))
                continue
            parts.interface_endpoints.append(InterfaceEndpoint(
                endpoint_id, match.group(1), subnets, groups,
                private_dns=at.flag(data, "PrivateDnsEnabled", default=False)))


def read_ec2(files: dict[str, object]) -> Ec2:
    """Read every EC2 output (the required ones must be there) into parts per VPC."""
    out = Ec2()
    doc = {name: required_output(files, name) for name in (
        "describe-vpcs.json", "describe-subnets.json", "describe-internet-gateways.json",
        "describe-egress-only-internet-gateways.json", "describe-nat-gateways.json",
        "describe-route-tables.json", "describe-vpc-endpoints.json",
        "describe-security-groups.json", "describe-network-acls.json")}
    _vpcs(out, doc["describe-vpcs.json"])
    _subnets(out, doc["describe-subnets.json"])
    _gateways(out, doc["describe-internet-gateways.json"],
              doc["describe-egress-only-internet-gateways.json"])
    _nat_gateways(out, doc["describe-nat-gateways.json"])
    _routes(out, doc["describe-route-tables.json"])
    read_security_groups(out, doc["describe-security-groups.json"])
    _endpoints(out, doc["describe-vpc-endpoints.json"])
    read_acls(out, doc["describe-network-acls.json"])
    return out
