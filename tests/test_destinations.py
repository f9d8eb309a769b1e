"""Tests for lambdanet_edu.network.destinations: destination objects and the learner's strings."""

from __future__ import annotations

from ipaddress import IPv4Address

import pytest

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.destinations import AwsService, Internet, VpcAddress, destination


@pytest.mark.parametrize(("text", "expected"), [
    ("internet", Internet()),
    ("INTERNET", Internet()),
    ("internet:80", Internet(port=80)),
    ("s3", AwsService("s3")),
    (" DynamoDB ", AwsService("dynamodb")),
    ("sqs:8443", AwsService("sqs", 8443)),
    ("secretsmanager", AwsService("secretsmanager")),
    ("execute-api", AwsService("execute-api")),
    ("api.example.com", Internet("api.example.com")),
    ("pypi.org:8443", Internet("pypi.org", 8443)),
    ("10.0.2.15:5432", VpcAddress("10.0.2.15", 5432)),
    ("10.0.0.2:53/udp", VpcAddress("10.0.0.2", 53, "udp")),
    ("10.0.2.15:5432/TCP", VpcAddress("10.0.2.15", 5432, "tcp")),
])
def test_strings(text: str, expected: object) -> None:
    assert destination(text) == expected


@pytest.mark.parametrize("obj", [Internet(), AwsService("sqs"), VpcAddress("10.0.2.15", 5432)])
def test_objects_pass_through(obj: object) -> None:
    assert destination(obj) is obj


@pytest.mark.parametrize(("value", "message"), [
    ("", r"^destination must be 'internet', an AWS service name such as 's3', .*got ''$"),
    ("s3 bucket", r"^destination must be 'internet', .*got 's3 bucket'$"),
    ("https://api.example.com", r"^destination must be 'internet', .*got "
                                r"'https://api\.example\.com'$"),
    ("s3:https", r"^destination must be 'internet', .*got 's3:https'$"),
    ("internet:0", r"^destination\.port must be a port number from 1 to 65,535, got 0$"),
    ("internet:99999", r"^destination\.port must be a port number from 1 to 65,535, got 99999$"),
    ("10.0.2.15", r"^destination must be an address with a port, such as '10\.0\.2\.15:5432', got "
                  r"'10\.0\.2\.15'$"),
    ("10.0.2.999:80", r"^destination\.ip must be an IPv4 address such as '10\.0\.2\.15', got "
                      r"'10\.0\.2\.999'$"),
    ("10.0.2.15:5432/icmp", r"^destination must be 'internet'"),
    (None, r"^destination must be .* \(or a destination object\), got None$"),
    (443, r"^destination must be .*got 443$"),
    (("10.0.2.15", 5432), r"^destination must be .*got \('10\.0\.2\.15', 5432\)$"),
])
def test_bad_strings(value: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        destination(value)


@pytest.mark.parametrize(("make", "message"), [
    (lambda: Internet("api example com"), r"^host must be a host name such as 'api\.example\.com', "
                                          r"got 'api example com'$"),
    (lambda: Internet(host=None), r"^host must be a host name .*got None$"),
    (lambda: Internet(port=443.0), r"^port must be a port number from 1 to 65,535, got 443\.0$"),
    (lambda: Internet(protocol="all"), r"^protocol must be one of 'tcp', 'udp', got 'all'$"),
    (lambda: AwsService("s3", port=False), r"^port must be a port number from 1 to 65,535, got "
                                           r"False$"),
    (lambda: AwsService(""), r"^name must be a lower-case AWS service name"),
    (lambda: VpcAddress("10.0.2.15", 65536), r"^port must be a port number from 1 to 65,535, got "
                                             r"65536$"),
    (lambda: VpcAddress("10.0.2", 80), r"^ip must be an IPv4 address"),
    (lambda: VpcAddress("10.0.2.15", 80, "-1"), r"^protocol must be one of 'tcp', 'udp', got "
                                                r"'-1'$"),
])
def test_bad_objects(make: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        make()  # type: ignore[operator]


def test_labels_and_protocols() -> None:
    assert VpcAddress(IPv4Address("10.0.0.2"), 53, "17").protocol == "udp"
    assert AwsService("s3").protocol == "tcp"
    assert AwsService("s3", 443).label == "s3 (tcp port 443)"
    assert Internet("pypi.org", 80, "tcp").label == "the internet (pypi.org, tcp port 80)"
