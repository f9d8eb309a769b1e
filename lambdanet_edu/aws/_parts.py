"""Private: what the EC2 outputs hold for each VPC, gathered before the model checks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lambdanet_edu.aws._json import At, Unmodelled
from lambdanet_edu.network.network_acls import NetworkAcl
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    RouteTable,
)
from lambdanet_edu.network.security_groups import SecurityGroup
from lambdanet_edu.network.subnets import Subnet

__all__ = ["Ec2", "Parts"]


@dataclass(slots=True)
class Parts:
    """What one VPC is made of, gathered from the outputs before the model checks it."""

    vpc_id: str
    cidr: str
    subnets: list[Subnet] = field(default_factory=list)
    route_tables: list[RouteTable] = field(default_factory=list)
    internet_gateway: InternetGateway | None = None
    nat_gateways: list[NatGateway] = field(default_factory=list)
    gateway_endpoints: list[GatewayEndpoint] = field(default_factory=list)
    interface_endpoints: list[InterfaceEndpoint] = field(default_factory=list)
    security_groups: list[SecurityGroup] = field(default_factory=list)
    network_acls: list[NetworkAcl] = field(default_factory=list)
    #: subnet id -> the number AWS says is still free (AvailableIpAddressCount)
    available_ips: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Ec2:
    """Everything :func:`read_ec2` found: the VPCs' parts, the extras, the warnings."""

    vpcs: dict[str, Parts] = field(default_factory=dict)
    warnings: list[Unmodelled] = field(default_factory=list)
    ipv6_cidrs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    egress_only_gateways: dict[str, str] = field(default_factory=dict)
    nat_addresses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: subnet id -> vpc id, for every subnet read (modelled or not)
    subnet_vpc: dict[str, str] = field(default_factory=dict)

    def vpc(self, at: At, data: dict[str, Any]) -> Parts | None:
        """The parts of ``data["VpcId"]``'s VPC, or None (with a warning) for an unknown VPC."""
        vpc_id = at.text(data, "VpcId")
        parts = self.vpcs.get(vpc_id)
        if parts is None:
            self.warnings.append(at.warn(vpc_id, "this VPC is not in describe-vpcs.json: "
                                         "left out"))
        return parts
