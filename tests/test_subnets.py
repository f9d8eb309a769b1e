"""Subnet sizing: /16 to /28, five reserved addresses (Amazon VPC user guide, subnet sizing)."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

import pytest

from lambdanet_edu import LambdaNetError, Subnet, usable_ips
from lambdanet_edu.network.subnets import parse_subnet_cidr


@pytest.mark.parametrize(
    ("cidr", "expected"),
    [
        # Values stated in the facts reference (S3), worked out independently as 2**(32-p) - 5.
        ("10.0.0.0/28", 11),
        ("10.0.0.0/27", 27),
        ("10.0.0.0/26", 59),
        ("10.0.0.0/25", 123),
        ("10.0.0.0/24", 251),
        ("10.0.0.0/23", 507),
        ("10.0.0.0/22", 1019),
        ("10.0.0.0/21", 2043),
        ("10.0.0.0/20", 4091),
        ("10.0.0.0/19", 8187),
        ("10.0.0.0/18", 16379),
        ("10.0.0.0/17", 32763),
        ("10.0.0.0/16", 65531),
        (IPv4Network("172.31.16.0/20"), 4091),
        (" 192.168.1.16/28 ", 11),
    ],
)
def test_usable_ips(cidr: object, expected: int) -> None:
    assert usable_ips(cidr) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cidr", "message"),
    [
        ("10.0.0.0/29", r"^subnet prefix must be between /16 and /28, got /29$"),
        ("10.0.0.0/15", r"^subnet prefix must be between /16 and /28, got /15$"),
        ("10.0.0.0/32", r"got /32$"),
        ("10.0.1.7/24", r"no host bits set \(did you mean '10\.0\.1\.0/24'\?\), got "
                        r"'10\.0\.1\.7/24'"),
        ("10.0.0.0", r"^cidr must be an IPv4 CIDR such as '10\.0\.1\.0/24', got '10\.0\.0\.0'$"),
        ("10.0.0.256/24", r"an IPv4 CIDR .*got '10\.0\.0\.256/24'"),
        ("2001:db8::/64", r"covers IPv4"),
        ("", r"got ''$"),
        (None, r"got None$"),
        (24, r"got 24$"),
        (b"10.0.0.0/24", r"got b'10\.0\.0\.0/24' \(bytes\)$"),
        (IPv4Network("10.0.0.0/30"), r"got /30$"),
    ],
)
def test_bad_cidrs_name_the_value_and_the_rule(cidr: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        usable_ips(cidr)  # type: ignore[arg-type]


def test_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="prefix"):
        parse_subnet_cidr("10.0.0.0/12")


def test_reserved_addresses_of_a_24_follow_the_aws_example() -> None:
    # The VPC guide's example for 10.0.0.0/24: .0 network, .1 router, .2 DNS, .3 future, .255.
    reserved = Subnet("subnet-a", "10.0.0.0/24").reserved_addresses
    assert [str(r.address) for r in reserved] == [
        "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255"]
    assert [
        next(w for w in ("network", "router", "DNS", "future", "broadcast") if w in r.purpose)
        for r in reserved
    ] == ["network", "router", "DNS", "future", "broadcast"]


def test_subnet_value_semantics() -> None:
    a = Subnet("subnet-a", "10.0.4.0/22", availability_zone="eu-west-1a")
    assert a == Subnet("subnet-a", IPv4Network("10.0.4.0/22"), "eu-west-1a")
    assert hash(a) == hash(Subnet("subnet-a", "10.0.4.0/22", "eu-west-1a"))
    assert (a.total_ips, a.usable_ips) == (1024, 1019)
    assert "10.0.7.255" in a and IPv4Address("10.0.8.0") not in a and "nonsense" not in a
    with pytest.raises(AttributeError):
        a.cidr = IPv4Network("10.0.0.0/24")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"subnet_id": "", "cidr": "10.0.0.0/24"}, r"^subnet_id must be a non-empty string"),
        ({"subnet_id": 7, "cidr": "10.0.0.0/24"}, r"^subnet_id must be .*, got 7$"),
        ({"subnet_id": "s", "cidr": "10.0.0.0/24", "availability_zone": ""},
         r"^availability_zone must be"),
        ({"subnet_id": "s", "cidr": "10.0.0.0/8"}, r"got /8$"),
    ],
)
def test_bad_subnets(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        Subnet(**kwargs)  # type: ignore[arg-type]
