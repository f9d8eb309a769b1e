"""One subnet's path: the hops a function's connection takes from one of its subnets.

Private to :mod:`lambdanet_edu.egress`. :func:`walk_path` follows a new connection from the
function's network interface in one subnet, hop by hop, and stops at the first hop that blocks
it. The order is: the function's security groups (outbound), the subnet's network ACL
(outbound), its route table, then what the route leads to (a subnet and resource in the VPC, a
NAT gateway, an internet gateway, a gateway endpoint, an interface endpoint), and last the
network ACLs the replies cross.

Examples:
    >>> from lambdanet_edu.network import Internet, starter_vpc
    >>> from lambdanet_edu.functions import LambdaFunction
    >>> fn = LambdaFunction("orders", ["subnet-public-a"], ["sg-lambda"])
    >>> path = walk_path(starter_vpc(), fn, "subnet-public-a", Internet())
    >>> [(h.component, h.passed) for h in path.hops]
    [('security group', True), ('network ACL', True), ('route table', True), ('internet gateway',
    False)]
"""

from __future__ import annotations

from ipaddress import IPv4Network

from lambdanet_edu.egress._assumptions import (
    EVERY_ENDPOINT_ENI,
    NETWORK_PATH_ONLY,
    RESOURCE_LISTENS,
)
from lambdanet_edu.egress._dns import note_on_failure, resolve_service
from lambdanet_edu.egress._ipv6 import walk_ipv6_internet
from lambdanet_edu.egress._walker import Walker
from lambdanet_edu.egress.paths import SubnetPath
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.destinations import AwsService, Destination, Internet, VpcAddress
from lambdanet_edu.network.vpc import Vpc

__all__ = ["walk_path"]


def walk_path(vpc: Vpc, function: LambdaFunction, subnet_id: str,
              destination: Destination) -> SubnetPath:
    """Follow a new connection from ``function``'s interface in ``subnet_id`` to ``destination``.

    The arguments are taken as already checked (:func:`~lambdanet_edu.egress.can_reach` does).

    Examples:
        >>> from lambdanet_edu.network import VpcAddress, starter_vpc
        >>> from lambdanet_edu.functions import LambdaFunction
        >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        >>> walk_path(starter_vpc(), fn, "subnet-private-a", VpcAddress("10.0.2.15", 5432)).status
        'reachable'
    """
    walk = Walker(vpc, function, vpc.subnet(subnet_id), destination.protocol, destination.port)
    walk.assume(NETWORK_PATH_ONLY)
    if isinstance(destination, VpcAddress):
        resource = vpc.resource_at(destination.ip)
        if resource is not None:
            walk.assume(RESOURCE_LISTENS)
        walk.local(IPv4Network(destination.ip), vpc.subnet_containing(destination.ip),
                   resource.security_group_ids if resource else (),
                   owner=None if resource is None else f"{resource.name} ({destination.ip})",
                   label=str(destination.ip))
    elif isinstance(destination, AwsService):
        _to_service(walk, vpc, destination)
    elif isinstance(destination, Internet) and destination.ip_version == 6:
        walk_ipv6_internet(walk, destination.label)
    elif isinstance(destination, Internet):
        walk.public("the internet", service=None)
    return SubnetPath(subnet_id, tuple(walk.hops), walk.status, tuple(walk.assumptions))


def _to_service(walk: Walker, vpc: Vpc, service: AwsService) -> None:
    name = service.name
    endpoint, note = resolve_service(walk, vpc, name)
    if endpoint is None:
        walk.public(f"{name}'s public endpoint", service=name)
        note_on_failure(walk, note)
        return
    walk.assume(EVERY_ENDPOINT_ENI)
    for subnet_id in endpoint.subnet_ids:
        subnet = vpc.subnet(subnet_id)
        if not walk.local(subnet.cidr, subnet, endpoint.security_group_ids,
                          owner=f"interface endpoint {endpoint.endpoint_id}",
                          label=f"interface endpoint {endpoint.endpoint_id}'s network interface "
                                f"in {subnet_id} ({subnet.cidr})"):
            return
    walk.hop("interface endpoint", endpoint.endpoint_id, True,
             f"Interface endpoint {endpoint.endpoint_id} carries the request to {name} over AWS "
             "PrivateLink: no NAT gateway or public IP needed.")
