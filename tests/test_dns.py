"""DNS in the VPC: the DNS attributes, private DNS and the S3/DynamoDB inbound-only option
(issue 16). can_reach says which name resolves where, in the hop that decides."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS, PRIVATE, endpoint_vpc

SETTINGS = settings(max_examples=20, deadline=None)


def with_dns(vpc: ln.Vpc, support: bool, hostnames: bool) -> ln.Vpc:
    return dataclasses.replace(vpc, enable_dns_support=support, enable_dns_hostnames=hostnames)


@pytest.mark.parametrize(("field", "value"), [
    ("enable_dns_support", None), ("enable_dns_support", 1), ("enable_dns_hostnames", "yes"),
])
def test_dns_attributes_must_be_booleans(field: str, value: object) -> None:
    with pytest.raises(ln.LambdaNetError, match=rf"^{field} must be True or False, got "):
        dataclasses.replace(ln.starter_vpc(), **{field: value})


def test_dns_attributes_default_on() -> None:
    vpc = ln.Vpc("vpc-1", "10.0.0.0/16")
    assert (vpc.enable_dns_support, vpc.enable_dns_hostnames, vpc.private_dns_works) == (
        True, True, True)


@pytest.mark.parametrize(("service", "private_dns", "value", "message"), [
    ("sqs", True, True, r"must be False for sqs \(only 's3' and 'dynamodb'"),
    ("s3", False, True, r"must be False when private_dns is off, got True$"),
    ("s3", True, "yes", r"must be True or False, got 'yes'$"),
])
def test_inbound_only_option_is_checked(service: str, private_dns: bool, value: Any,
                                        message: str) -> None:
    with pytest.raises(ln.LambdaNetError,
                       match=r"^private_dns_only_for_inbound_resolver_endpoint " + message):
        ln.InterfaceEndpoint("vpce-1", service, ["subnet-a"], ["sg-1"], private_dns,
                             private_dns_only_for_inbound_resolver_endpoint=value)


class TestPrivateDnsNeedsBothAttributes:
    """"To use a private hosted zone, you must set the following VPC attributes to true:
    enableDnsHostnames and enableDnsSupport."
    - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """

    @SETTINGS
    @given(st.booleans(), st.booleans(), st.sampled_from(["sqs", "secretsmanager", "kms", "sts"]))
    def test_without_nat_the_endpoint_is_reached_only_with_both_on(
            self, support: bool, hostnames: bool, service: str) -> None:
        verdict = ln.can_reach(with_dns(endpoint_vpc(service), support, hostnames), ORDERS,
                               service)
        assert verdict.reachable is (support and hostnames)
        dns = verdict.hops[0]
        assert dns.component == "DNS"
        if not (support and hostnames):
            assert "resolves to its public endpoint" in dns.detail
            assert verdict.blocked_at is not None
            assert "enableDnsSupport and enableDnsHostnames" in verdict.blocked_at.detail
            assert "enableDnsSupport and enableDnsHostnames" in verdict.explanation
            assert "dns_attributes_off_resolve_publicly" in {a.key for a in verdict.assumptions}

    @SETTINGS
    @given(st.booleans(), st.booleans())
    def test_with_a_nat_gateway_the_public_endpoint_is_reached_instead(
            self, support: bool, hostnames: bool) -> None:
        vpc = with_dns(endpoint_vpc("sqs"), support, hostnames)
        vpc = dataclasses.replace(vpc, nat_gateways=ln.starter_vpc().nat_gateways,
                                  route_tables=ln.starter_vpc().route_tables)
        verdict = ln.can_reach(vpc, ORDERS, "sqs")
        assert verdict.reachable
        used = {h.component for h in verdict.hops}
        assert ("interface endpoint" in used) is (support and hostnames)
        assert ("NAT gateway" in used) is not (support and hostnames)


def s3_vpc(*, inbound_only: bool, gateway: bool, nat: bool = False) -> ln.Vpc:
    vpc = endpoint_vpc("s3") if not nat else dataclasses.replace(
        endpoint_vpc("s3"), nat_gateways=ln.starter_vpc().nat_gateways,
        route_tables=ln.starter_vpc().route_tables)
    endpoint = ln.InterfaceEndpoint("vpce-s3", "s3", PRIVATE, ["sg-endpoint"],
                                    private_dns_only_for_inbound_resolver_endpoint=inbound_only)
    table = vpc.route_table_for("subnet-private-a").route_table_id
    gateways = [ln.GatewayEndpoint("vpce-s3-gw", "s3", [table])] if gateway else []
    return dataclasses.replace(vpc, interface_endpoints=[endpoint], gateway_endpoints=gateways)


class TestInboundOnlyPrivateDns:
    """PrivateDnsOnlyForInboundResolverEndpoint "routes traffic that originates from the VPC to
    the gateway endpoint and traffic that originates from on-premises to the interface
    endpoint." - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html
    """

    @pytest.mark.parametrize(("inbound_only", "gateway", "nat", "reachable", "through"), [
        (False, True, False, True, "interface endpoint"),
        (False, False, False, True, "interface endpoint"),
        (True, True, False, True, "gateway endpoint"),
        (True, False, False, False, None),
        (True, False, True, True, "NAT gateway"),
    ])
    def test_which_endpoint_carries_s3(self, inbound_only: bool, gateway: bool, nat: bool,
                                       reachable: bool, through: str | None) -> None:
        verdict = ln.can_reach(s3_vpc(inbound_only=inbound_only, gateway=gateway, nat=nat),
                               ORDERS, "s3")
        assert verdict.reachable is reachable
        used = [h.component for h in verdict.hops]
        if through is not None:
            assert through in used
        if inbound_only:
            assert "PrivateDnsOnlyForInboundResolverEndpoint" in verdict.hops[0].detail
            assert "interface endpoint" not in used

    def test_the_interface_endpoint_wins_by_rule_not_by_simplification(self) -> None:
        verdict = ln.can_reach(s3_vpc(inbound_only=False, gateway=True), ORDERS, "s3")
        assert "is not used" in verdict.hops[0].detail
        assert "interface_endpoint_private_dns_wins" not in {a.key for a in verdict.assumptions}
        assert "interface_endpoint_private_dns_wins" not in ln.SIMPLIFICATIONS
