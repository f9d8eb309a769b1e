"""What a NAT gateway does to many connections: ports per destination and the idle timeout.

A NAT gateway gives each connection one of its addresses and a source port. To one unique
destination (address, port and protocol) each of its addresses carries at most 55,000
connections at once; past that, new connections fail and CloudWatch counts them in
``ErrorPortAllocation``. More addresses (up to 8) or more destinations raise the ceiling. A
connection idle for 350 seconds or more is dropped without a word to either end, which is how
pooled database or HTTP connections die in a function that sits idle between invocations.

Examples:
    >>> from lambdanet_edu.network.routing import NatGateway
    >>> usage = nat_connections(NatGateway("nat-a", "subnet-public-a"), 60_000)
    >>> usage.capacity_per_destination, usage.port_allocation_errors
    (55000, 5000)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lambdanet_edu._checks import check_int
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import NAT_CONNECTIONS_PER_DESTINATION, NAT_IDLE_TIMEOUT_S
from lambdanet_edu.network.routing import NatGateway
from lambdanet_edu.simplifications import Simplification, simplification

__all__ = ["MAX_CONNECTIONS", "NatUsage", "nat_connections"]

#: The largest connection or destination count the model takes: far above what one NAT
#: gateway carries, and small enough that every result stays an exact, readable number.
MAX_CONNECTIONS: Final = 1_000_000_000

EVEN_DESTINATIONS: Final = simplification(
    "nat_even_destinations",
    "Connections through a NAT gateway are spread evenly over the unique destinations (a "
    "destination is an address, port and protocol), and all of them stay open at once. Real "
    "traffic is lumpier: one busy destination reaches the limit first.")
SAME_IDLE_TIME: Final = simplification(
    "nat_same_idle_time",
    "Every connection has been idle for the same idle_seconds, so the idle timeout drops all "
    "open connections or none.")


@dataclass(frozen=True, slots=True)
class NatUsage:
    """How a NAT gateway copes with a number of simultaneous connections.

    Attributes:
        nat_gateway_id: The NAT gateway.
        addresses: Its IPv4 addresses (``elastic_ips``).
        connections: Simultaneous connections asked for.
        destinations: Unique destinations they are spread over.
        idle_seconds: How long the connections have sat idle.
        capacity_per_destination: Connections it can hold to one unique destination
            (55,000 per address).
        connections_per_destination: Connections asked of the busiest destination.
        port_allocation_errors: Connections that fail to open (``ErrorPortAllocation``).
        dropped_by_idle_timeout: Open connections the idle timeout drops.
        assumptions: The simplifications the numbers rest on.

    Examples:
        >>> usage = nat_connections(NatGateway("nat-a", "subnet-public-a"),
        ...                         120_000, destinations=2, idle_seconds=400)
        >>> usage.port_allocation_errors, usage.dropped_by_idle_timeout, usage.ok
        (10000, 110000, False)
    """

    nat_gateway_id: str
    addresses: int
    connections: int
    destinations: int
    idle_seconds: int
    capacity_per_destination: int
    connections_per_destination: int
    port_allocation_errors: int
    dropped_by_idle_timeout: int
    assumptions: tuple[Simplification, ...]

    @property
    def open_connections(self) -> int:
        """Connections that open (all but the port allocation errors)."""
        return self.connections - self.port_allocation_errors

    @property
    def ok(self) -> bool:
        """True when every connection opens and none is dropped for idling."""
        return self.port_allocation_errors == 0 and self.dropped_by_idle_timeout == 0

    @property
    def explanation(self) -> str:
        """Plain sentences: the ceiling per destination, what fails, what is dropped, the fix.

        Examples:
            >>> print(nat_connections(NatGateway("nat-a", "subnet-public-a"), 10).explanation)
            nat-a has 1 address, so it holds up to 55,000 connections to each unique
            destination; the busiest of 1 destination gets 10: every connection opens. None has
            been idle for the 350 s timeout.
        """
        plural = "es" if self.addresses != 1 else ""
        dest = "destination" if self.destinations == 1 else "destinations"
        parts = [f"{self.nat_gateway_id} has {self.addresses:,} address{plural}, so it holds up "
                 f"to {self.capacity_per_destination:,} connections to each unique destination; "
                 f"the busiest of {self.destinations:,} {dest} gets "
                 f"{self.connections_per_destination:,}"]
        if self.port_allocation_errors:
            parts[0] += (f": {self.port_allocation_errors:,} connections fail to open "
                         "(ErrorPortAllocation). Add addresses (up to 8) or spread the traffic "
                         "over more destinations.")
        else:
            parts[0] += ": every connection opens."
        if self.dropped_by_idle_timeout:
            parts.append(f"After {self.idle_seconds:,} s idle, at or past the "
                         f"{NAT_IDLE_TIMEOUT_S} s timeout, {self.dropped_by_idle_timeout:,} open "
                         "connections are dropped silently: the next use of a pooled "
                         "connection fails or hangs. Send keepalives more often than every "
                         f"{NAT_IDLE_TIMEOUT_S} s, or reconnect after an idle spell.")
        else:
            parts.append(f"None has been idle for the {NAT_IDLE_TIMEOUT_S} s timeout.")
        return " ".join(parts)


def nat_connections(nat_gateway: NatGateway, connections: int, *, destinations: int = 1,
                    idle_seconds: int = 0) -> NatUsage:
    """What ``connections`` simultaneous connections through ``nat_gateway`` run into.

    Args:
        nat_gateway: The NAT gateway; its ``elastic_ips`` sets the ceiling.
        connections: Simultaneous connections, 0 to 1,000,000,000.
        destinations: Unique destinations (address, port, protocol) they go to, spread evenly,
            1 to 1,000,000,000.
        idle_seconds: How long the connections have been idle, 0 to 1,000,000,000 s.

    Returns:
        A :class:`NatUsage`. Computed in constant time, whatever the counts.

    Raises:
        LambdaNetError: An argument of the wrong type or out of range.

    Examples:
        Two addresses double the ceiling to one destination:

        >>> nat = NatGateway("nat-a", "subnet-public-a", elastic_ips=2)
        >>> nat_connections(nat, 100_000).port_allocation_errors
        0
        >>> nat_connections(nat, 10, idle_seconds=350).dropped_by_idle_timeout
        10
        >>> nat_connections("nat-a", 10)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: nat_gateway must be a NatGateway, got 'nat-a'
    """
    if not isinstance(nat_gateway, NatGateway):
        raise LambdaNetError.invalid("nat_gateway", nat_gateway, "a NatGateway")
    check_int("connections", connections, lo=0, hi=MAX_CONNECTIONS)
    check_int("destinations", destinations, lo=1, hi=MAX_CONNECTIONS)
    check_int("idle_seconds", idle_seconds, lo=0, hi=MAX_CONNECTIONS)
    capacity = NAT_CONNECTIONS_PER_DESTINATION * nat_gateway.elastic_ips
    base, extra = divmod(connections, destinations)
    busiest = base + (1 if extra else 0)
    # ``extra`` destinations get base + 1 connections, the rest get base: no loop needed.
    errors = extra * max(0, base + 1 - capacity) + (destinations - extra) * max(0, base - capacity)
    opened = connections - errors
    dropped = opened if idle_seconds >= NAT_IDLE_TIMEOUT_S else 0
    return NatUsage(nat_gateway.nat_gateway_id, nat_gateway.elastic_ips, connections,
                    destinations, idle_seconds, capacity, busiest, errors, dropped,
                    (EVEN_DESTINATIONS, SAME_IDLE_TIME))
