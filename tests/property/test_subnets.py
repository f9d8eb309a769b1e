"""Property tests for subnet arithmetic."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu import Subnet, usable_ips

SETTINGS = settings(max_examples=300, deadline=None)

networks = st.builds(
    lambda address, prefix: IPv4Network(f"{IPv4Address(address)}/{prefix}", strict=False),
    st.integers(0, 2**32 - 1),
    st.integers(16, 28),
)


class TestUsableAddresses:
    """"The first four IP addresses and the last IP address in each subnet CIDR block are not
    available for your use" - https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
    """

    @SETTINGS
    @given(networks)
    def test_usable_is_size_minus_five(self, network: IPv4Network) -> None:
        assert usable_ips(str(network)) == 2 ** (32 - network.prefixlen) - 5

    @SETTINGS
    @given(networks)
    def test_reserved_are_five_distinct_addresses_inside_the_block(
            self, network: IPv4Network) -> None:
        reserved = [r.address for r in Subnet("s", network).reserved_addresses]
        assert len(set(reserved)) == 5
        assert all(a in network for a in reserved)
        assert reserved[:4] == [network.network_address + i for i in range(4)]
        assert reserved[4] == network.broadcast_address
