"""The simplifications a path check rests on; each path lists those it used.

Private to :mod:`lambdanet_edu.egress`.
"""

from __future__ import annotations

from typing import Final

from lambdanet_edu.simplifications import simplification

__all__ = [
    "ENI_ADDRESS_ANYWHERE_IN_SUBNET",
    "EVERY_ENDPOINT_ENI",
    "NETWORK_PATH_ONLY",
    "PUBLIC_ADDRESS_UNKNOWN",
    "RESOURCE_LISTENS",
]

NETWORK_PATH_ONLY: Final = simplification(
    "egress_network_path_only",
    "can_reach checks the network path only: security groups, network ACLs, routes, gateways "
    "and endpoints. IAM permissions, endpoint policies and the service's own access rules are "
    "not modelled: 'reachable' means packets get there and replies get back.")
PUBLIC_ADDRESS_UNKNOWN: Final = simplification(
    "public_address_unknown",
    "The address of a public destination (an internet host, or an AWS service's public "
    "endpoint) is unknown to the model: only routes and rules for 0.0.0.0/0 apply to it, and "
    "rules for narrower CIDRs are taken not to contain it.")
ENI_ADDRESS_ANYWHERE_IN_SUBNET: Final = simplification(
    "eni_address_anywhere_in_subnet",
    "A function's Hyperplane ENI, and an interface endpoint's network interface, may take any "
    "address of its subnet, so a rule naming a CIDR counts only if it holds for every address "
    "of that subnet.")
RESOURCE_LISTENS: Final = simplification(
    "resource_listens_on_any_port",
    "A Resource is taken to listen on the port asked for: the model checks the network path, "
    "not the software behind the address.")
EVERY_ENDPOINT_ENI: Final = simplification(
    "every_interface_endpoint_eni",
    "DNS answers with all of an interface endpoint's network interfaces and the function may "
    "connect to any of them, so every one must be reachable.")
