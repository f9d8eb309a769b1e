"""Property: a VPC written as AWS prints it and read back gives the same can_reach verdicts.

The VPCs are the egress property tests' random teaching VPCs (NAT gateways public or private,
extra route tables, endpoints, random security-group rules and network ACLs).
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu.aws import describe_outputs, load_inventory
from lambdanet_edu.egress import can_reach
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.vpc import Vpc
from tests.property.test_egress import DESTINATIONS, SUBNETS, vpcs

SETTINGS = settings(max_examples=100, deadline=None)


class TestInventoryRoundTrip:
    """"The AWS CLI ... output: json" (https://docs.aws.amazon.com/cli/latest/userguide/
    cli-usage-output-format.html): the reader takes what the commands print, so writing a model
    VPC in that shape and reading it back must change no verdict."""

    @SETTINGS
    @given(vpc=vpcs(), subnets=st.lists(st.sampled_from(SUBNETS), min_size=1, max_size=3,
                                        unique=True),
           groups=st.lists(st.sampled_from(["sg-lambda", "sg-extra"]), min_size=1, max_size=2,
                           unique=True),
           dns=st.tuples(st.booleans(), st.booleans()))
    def test_verdicts_survive_the_round_trip(self, vpc: Vpc, subnets: list[str],
                                             groups: list[str], dns: tuple[bool, bool]) -> None:
        # The DNS attributes round-trip too (describe-vpc-attribute), and with them the
        # interface endpoints' private DNS.
        vpc = dataclasses.replace(vpc, enable_dns_support=dns[0], enable_dns_hostnames=dns[1])
        known = {g.group_id for g in vpc.security_groups}
        fn = LambdaFunction("orders", subnets, [g for g in groups if g in known] or ["sg-lambda"])
        inventory = load_inventory(describe_outputs(vpc, [fn]))
        (read_fn,) = inventory.functions
        assert read_fn == fn
        back = inventory.vpcs[vpc.vpc_id]
        assert (back.enable_dns_support, back.enable_dns_hostnames) == dns
        for target in DESTINATIONS:
            before, after = can_reach(vpc, fn, target), can_reach(back, read_fn, target)
            assert [p.status for p in after.paths] == [p.status for p in before.paths], target
            assert [(h.component, h.component_id, h.passed) for h in after.hops] == [
                (h.component, h.component_id, h.passed) for h in before.hops], target
