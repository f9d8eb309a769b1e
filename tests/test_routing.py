"""Tests for lambdanet_edu.network.routing: routes, longest-prefix match, gateways and endpoints."""

from __future__ import annotations

from ipaddress import ip_network

import pytest

from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.routing import (
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
)

TABLE = RouteTable("rtb-1", [("0.0.0.0/0", "nat-a"), ("10.0.0.0/16", "local"),
                             ("10.0.5.0/24", "pcx-1"), ("192.168.0.0/16", "tgw-1")])


@pytest.mark.parametrize(("destination", "target"), [
    ("10.0.2.15/32", "local"),
    ("10.0.5.9/32", "pcx-1"),  # the longer prefix wins over the local route
    ("10.0.5.0/24", "pcx-1"),
    ("192.168.3.4/32", "tgw-1"),
    ("8.8.8.8/32", "nat-a"),
    (None, "nat-a"),  # an unknown public address: only 0.0.0.0/0 holds it
    ("10.0.4.0/22", "local"),  # 10.0.5.0/24 holds only part of it
])
def test_longest_prefix_match(destination: str | None, target: str) -> None:
    network = None if destination is None else ip_network(destination)
    route = TABLE.route_for(network)
    assert route is not None and route.target == target


def test_no_route() -> None:
    table = RouteTable("rtb-1", [("10.0.0.0/16", "local"), ("52.0.0.0/8", "pcx-1")])
    assert table.route_for(None) is None
    assert table.route_for(ip_network("8.8.8.8/32")) is None


def test_pairs_become_routes() -> None:
    assert TABLE.routes[0] == Route("0.0.0.0/0", "nat-a")
    assert RouteTable("rtb-1", [Route("10.0.0.0/16", "local")]).routes == (
        Route(ip_network("10.0.0.0/16"), "local"),)
    # JSON has no tuples: a scenario file spells a pair as a two-item list.
    assert RouteTable("rtb-1", [["0.0.0.0/0", "nat-a"]]).routes[0] == Route("0.0.0.0/0", "nat-a")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"route_table_id": "rtb 1"}, r"^route_table_id must be a non-empty string without spaces"),
    ({"route_table_id": "rtb-1", "routes": "0.0.0.0/0"}, r"^routes must be a list of Route, got "
                                                         r"'0\.0\.0\.0/0'$"),
    ({"route_table_id": "rtb-1", "routes": [["0.0.0.0/0", "igw-1", "extra"]]},
     r"^routes\[0\] must be a Route or a \(destination, target\) pair, got \['0\.0\.0\.0/0', "
     r"'igw-1', 'extra'\]$"),
    ({"route_table_id": "rtb-1", "routes": [("0.0.0.0", "igw-1")]},
     r"^routes\[0\]\.destination must be an IPv4 CIDR"),
    ({"route_table_id": "rtb-1", "routes": [("0.0.0.0/0", "")]},
     r"^routes\[0\]\.target must be a non-empty string without spaces, got ''$"),
    ({"route_table_id": "rtb-1", "routes": [("10.0.0.0/8", "pcx-1"), ("10.0.0.0/8", "tgw-1")]},
     r"^routes\[1\]\.destination must be different from the destination of routes\[0\]"),
    ({"route_table_id": "rtb-1", "main": 1}, r"^main must be True or False, got 1$"),
    ({"route_table_id": "rtb-1", "subnet_ids": "subnet-a"}, r"^subnet_ids must be a list of ids, "
                                                            r"got 'subnet-a'$"),
])
def test_bad_route_table(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        RouteTable(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("make", "message"), [
    (lambda: Route("10.0.0.1/16", "local"), r"^destination must be a network address .*did you "
                                            r"mean '10\.0\.0\.0/16'"),
    (lambda: Route("0.0.0.0/0", None), r"^target must be a non-empty string without spaces, got "
                                       r"None$"),
    (lambda: InternetGateway(""), r"^gateway_id must be a non-empty string"),
    (lambda: NatGateway("nat-a", None), r"^subnet_id must be a non-empty string .*got None$"),
    (lambda: NatGateway("nat-a", "subnet-a", 1), r"^public must be True or False, got 1$"),
    (lambda: GatewayEndpoint("vpce-1", "S3", ["rtb-1"]), r"^service must be one of 's3', "
                                                         r"'dynamodb', got 'S3'$"),
    (lambda: GatewayEndpoint("vpce-1", "sqs"), r"^service must be one of 's3', 'dynamodb', got "
                                               r"'sqs'$"),
    (lambda: GatewayEndpoint("vpce-1", "s3", "rtb-1"), r"^route_table_ids must be a list of ids, "
                                                       r"got 'rtb-1'$"),
    (lambda: InterfaceEndpoint("vpce-1", "sqs", [], ["sg-1"]), r"^subnet_ids must be a list of at "
                                                               r"least 1 id, got 0 ids$"),
    (lambda: InterfaceEndpoint("vpce-1", "sqs", ["subnet-a"], []), r"^security_group_ids must be a "
                                                                   r"list of 1 to 16 ids, got 0 "
                                                                   r"ids$"),
    (lambda: InterfaceEndpoint("vpce-1", "Secrets Manager", ["subnet-a"], ["sg-1"]),
     r"^service must be a lower-case AWS service name"),
    (lambda: InterfaceEndpoint("vpce-1", "9lives", ["subnet-a"], ["sg-1"]), r"^service must be a "
                                                                            r"lower-case"),
    (lambda: InterfaceEndpoint("vpce-1", "sqs", ["subnet-a"], ["sg-1"], private_dns="on"),
     r"^private_dns must be True or False, got 'on'$"),
])
def test_bad_components(make: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        make()  # type: ignore[operator]


@pytest.mark.parametrize("service", ["sqs", "secretsmanager", "ecr.api", "execute-api", "s3"])
def test_interface_endpoint_service_names(service: str) -> None:
    endpoint = InterfaceEndpoint("vpce-1", service, ["subnet-a"], ["sg-1"])
    assert (endpoint.service, endpoint.private_dns) == (service, True)
