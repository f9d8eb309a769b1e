"""The exercise ``nat-addresses``: how many addresses a NAT gateway needs for the traffic."""

from __future__ import annotations

import random
from collections.abc import Callable

from lambdanet_edu import NatGateway, nat_connections
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    NAT_CONNECTIONS_PER_DESTINATION,
    NAT_MAX_ADDRESSES,
)

__all__ = ["NAT_ADDRESSES", "model_addresses"]

PER = NAT_CONNECTIONS_PER_DESTINATION


def model_addresses(connections: int, destinations: int) -> int | None:
    """The fewest addresses (1 to 8) with no ``ErrorPortAllocation``, by
    :func:`~lambdanet_edu.nat_connections`; None when even 8 are not enough.

    Examples:
        >>> model_addresses(120_000, 1), model_addresses(120_000, 3), model_addresses(10**7, 1)
        (3, 1, None)
    """
    for n in range(1, NAT_MAX_ADDRESSES + 1):
        nat = NatGateway("nat-a", "subnet-public-a", elastic_ips=n)
        if nat_connections(nat, connections, destinations=destinations).port_allocation_errors == 0:
            return n
    return None


def _case(connections: int, destinations: int) -> Case:
    return Case(args=(connections, destinations),
                label=f"{connections:,} connections to {destinations:,} unique destinations")


def _random(rng: random.Random) -> Case:
    return _case(rng.randint(0, 600_000), rng.choice((1, 1, 2, 3, 7)))


def _predict(per: int = PER, *, destinations: bool = True,
             cap: bool = True) -> Callable[..., int | None]:
    def predict(connections: int, dests: int) -> int | None:
        busiest = -(-connections // dests) if destinations else connections
        need = max(1, -(-busiest // per))
        return None if cap and need > NAT_MAX_ADDRESSES else need
    return predict


_SIGNATURE = "def addresses_needed(connections, destinations):\n"

NAT_ADDRESSES = Exercise(
    id="nat-addresses",
    title="How many addresses does the NAT gateway need?",
    statement=(
        "Functions behind one NAT gateway hold `connections` connections open at once, spread "
        "evenly over `destinations` unique destinations (address, port and protocol). Each of "
        "the NAT gateway's addresses carries at most "
        "`lambdanet_edu.facts.NAT_CONNECTIONS_PER_DESTINATION` connections to one unique "
        "destination, and it can have 1 to `lambdanet_edu.facts.NAT_MAX_ADDRESSES` addresses. "
        "Write `addresses_needed(connections, destinations)`: the fewest addresses with no "
        "port allocation errors, or `None` if even the most is not enough. With an uneven "
        "spread, the busiest destination gets one connection more."),
    entry="addresses_needed",
    starter=_SIGNATURE + "    return 1\n",
    solution=("from lambdanet_edu.facts import NAT_CONNECTIONS_PER_DESTINATION, "
              "NAT_MAX_ADDRESSES\n\n\n" + _SIGNATURE
              + "    busiest = -(-connections // destinations)  # rounded up\n"
              "    needed = max(1, -(-busiest // NAT_CONNECTIONS_PER_DESTINATION))\n"
              "    return needed if needed <= NAT_MAX_ADDRESSES else None\n"),
    hints=(
        "The limit is per destination: what matters is the busiest destination's share.",
        "The busiest destination gets connections / destinations, rounded up; each address "
        "carries NAT_CONNECTIONS_PER_DESTINATION of them.",
        "needed = max(1, ceil(busiest / NAT_CONNECTIONS_PER_DESTINATION)), and None when it "
        "is over NAT_MAX_ADDRESSES.",
    ),
    cases=(_case(0, 1), _case(PER, 1), _case(PER + 1, 1), _case(120_000, 1),
           _case(120_000, 3), _case(2 * PER + 1, 2), _case(NAT_MAX_ADDRESSES * PER + 1, 1),
           _case(1_000_000, 3)),
    random_case=_random,
    misconceptions=(
        Misconception(
            key="total_not_per_destination", name="Divided all connections by the limit",
            feedback=("The 55,000 limit applies to each unique destination separately: "
                      "connections to different destinations do not compete for ports, so "
                      "only the busiest destination's share counts."),
            example=("from lambdanet_edu.facts import NAT_CONNECTIONS_PER_DESTINATION, "
                     "NAT_MAX_ADDRESSES\n\n\n" + _SIGNATURE
                     + "    needed = max(1, -(-connections // NAT_CONNECTIONS_PER_DESTINATION))\n"
                     "    return needed if needed <= NAT_MAX_ADDRESSES else None\n"),
            predict=_predict(destinations=False)),
        Misconception(
            key="hyperplane_number", name="Used the Hyperplane ENI's 65,000",
            feedback=("65,000 is what one Hyperplane ENI carries between Lambda and your VPC. "
                      "A NAT gateway's limit is its own: 55,000 connections per address to "
                      "each unique destination."),
            example=("from lambdanet_edu.facts import NAT_MAX_ADDRESSES\n\n\n" + _SIGNATURE
                     + "    busiest = -(-connections // destinations)\n"
                     f"    needed = max(1, -(-busiest // {CONNECTIONS_PER_HYPERPLANE_ENI}))\n"
                     "    return needed if needed <= NAT_MAX_ADDRESSES else None\n"),
            predict=_predict(CONNECTIONS_PER_HYPERPLANE_ENI)),
        Misconception(
            key="no_cap", name="Forgot that a NAT gateway has at most 8 addresses",
            feedback=("A NAT gateway has at most 8 addresses. Past that, spread the traffic: "
                      "more destinations, or more NAT gateways each with its own subnets' "
                      "traffic."),
            example=("from lambdanet_edu.facts import NAT_CONNECTIONS_PER_DESTINATION\n\n\n"
                     + _SIGNATURE
                     + "    busiest = -(-connections // destinations)\n"
                     "    return max(1, -(-busiest // NAT_CONNECTIONS_PER_DESTINATION))\n"),
            predict=_predict(cap=False)),
    ),
    success=("The ceiling is per address and per unique destination, so the busiest "
             "destination decides; past eight addresses, spread the traffic instead."),
)
