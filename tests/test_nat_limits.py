"""nat_connections and NatGateway.elastic_ips: NAT gateway limits (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.facts import NAT_CONNECTIONS_PER_DESTINATION as PER
from lambdanet_edu.facts import NAT_IDLE_TIMEOUT_S, NAT_MAX_ADDRESSES

SETTINGS = settings(max_examples=100, deadline=None)


def nat(ips: int = 1) -> ln.NatGateway:
    return ln.NatGateway("nat-a", "subnet-public-a", elastic_ips=ips)


@pytest.mark.parametrize(("ips", "connections", "destinations", "idle", "expected"), [
    (1, 0, 1, 0, (PER, 0, 0, 0)),
    (1, PER, 1, 0, (PER, PER, 0, 0)),
    (1, PER + 1, 1, 0, (PER, PER + 1, 1, 0)),
    (2, 2 * PER + 5, 1, 0, (2 * PER, 2 * PER + 5, 5, 0)),
    (1, 2 * PER + 3, 2, 0, (PER, PER + 2, 3, 0)),  # PER + 2 and PER + 1: 2 + 1 fail
    (8, 8 * PER, 1, 0, (8 * PER, 8 * PER, 0, 0)),
    (1, 10, 1, NAT_IDLE_TIMEOUT_S - 1, (PER, 10, 0, 0)),
    (1, 10, 1, NAT_IDLE_TIMEOUT_S, (PER, 10, 0, 10)),
    (1, PER + 10, 1, 10**6, (PER, PER + 10, 10, PER)),
    (1, 3, 5, 0, (PER, 1, 0, 0)),
])
def test_usage(ips: int, connections: int, destinations: int, idle: int,
               expected: tuple[int, int, int, int]) -> None:
    usage = ln.nat_connections(nat(ips), connections, destinations=destinations,
                               idle_seconds=idle)
    assert (usage.capacity_per_destination, usage.connections_per_destination,
            usage.port_allocation_errors, usage.dropped_by_idle_timeout) == expected
    assert usage.ok is (expected[2] == 0 and expected[3] == 0)
    assert {a.key for a in usage.assumptions} == {"nat_even_destinations", "nat_same_idle_time"}


def test_explanation_names_the_metric_and_the_fix() -> None:
    text = ln.nat_connections(nat(), PER + 1, idle_seconds=NAT_IDLE_TIMEOUT_S).explanation
    assert "ErrorPortAllocation" in text and "keepalives" in text and "up to 8" in text


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    (("nat-a", 1), {}, r"^nat_gateway must be a NatGateway, got 'nat-a'$"),
    ((nat(), -1), {}, r"^connections must be an integer from 0 to 1,000,000,000, got -1$"),
    ((nat(), 10**9 + 1), {}, r"^connections must be an integer from 0 to 1,000,000,000"),
    ((nat(), 1.5), {}, r"^connections must be an integer"),
    ((nat(), True), {}, r"^connections must be an integer"),
    ((nat(), 1), {"destinations": 0}, r"^destinations must be an integer from 1"),
    ((nat(), 1), {"idle_seconds": -5}, r"^idle_seconds must be an integer from 0"),
    ((nat(), 1), {"idle_seconds": "400"}, r"^idle_seconds must be an integer"),
])
def test_bad_input(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=message):
        ln.nat_connections(*args, **kwargs)


@pytest.mark.parametrize("ips", [0, 9, -1, None, "2", 2.0, True])
def test_elastic_ips_must_be_1_to_8(ips: object) -> None:
    with pytest.raises(ln.LambdaNetError, match=r"^elastic_ips must be an integer from 1 to 8"):
        ln.NatGateway("nat-a", "subnet-public-a", elastic_ips=ips)  # type: ignore[arg-type]


def test_the_largest_inputs_take_no_time() -> None:
    usage = ln.nat_connections(nat(8), 10**9, destinations=7, idle_seconds=10**9)
    assert usage.port_allocation_errors == 10**9 - 7 * 8 * PER


class TestPortsPerDestination:
    """"Each IPv4 address can support up to 55,000 simultaneous connections to each unique
    destination ... you can increase this limit by associating up to 8 IPv4 addresses";
    "If a connection that's using a NAT gateway is idle for 350 seconds or more, the
    connection times out." - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
    """

    @SETTINGS
    @given(st.integers(1, NAT_MAX_ADDRESSES), st.integers(0, 5 * 10**6), st.integers(1, 50))
    def test_errors_are_the_excess_over_each_destinations_ceiling(
            self, ips: int, connections: int, destinations: int) -> None:
        usage = ln.nat_connections(nat(ips), connections, destinations=destinations)
        shares = [connections // destinations + (1 if i < connections % destinations else 0)
                  for i in range(destinations)]
        assert usage.port_allocation_errors == sum(max(0, s - ips * PER) for s in shares)
        assert usage.connections_per_destination == max(shares)
        assert usage.open_connections + usage.port_allocation_errors == connections

    @SETTINGS
    @given(st.integers(0, 10**6), st.integers(0, 10**4))
    def test_idle_connections_are_dropped_from_the_timeout_on(self, connections: int,
                                                              idle: int) -> None:
        usage = ln.nat_connections(nat(), connections, idle_seconds=idle)
        dropped = usage.open_connections if idle >= NAT_IDLE_TIMEOUT_S else 0
        assert usage.dropped_by_idle_timeout == dropped

    @SETTINGS
    @given(st.integers(1, NAT_MAX_ADDRESSES - 1), st.integers(0, 10**7))
    def test_another_address_never_adds_errors(self, ips: int, connections: int) -> None:
        fewer = ln.nat_connections(nat(ips), connections).port_allocation_errors
        more = ln.nat_connections(nat(ips + 1), connections).port_allocation_errors
        assert more == max(0, fewer - PER)
