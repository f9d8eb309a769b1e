"""create_function_state: what creating or updating a VPC function ends in (issue 16)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.facts import ENI_QUOTA_PER_VPC, FAILED_REASON_CODES, VPC_EXECUTION_ROLE_ACTIONS

SETTINGS = settings(max_examples=60, deadline=None)
VPC = ln.starter_vpc()
ORDERS = ln.LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])
USABLE = ln.usable_ips("10.0.1.0/24")


@pytest.mark.parametrize(("function", "options", "state", "code"), [
    (ORDERS, {}, "Active", None),
    (ORDERS, {"role_actions": VPC_EXECUTION_ROLE_ACTIONS}, "Active", None),
    (ORDERS, {"role_actions": ["ec2:*"]}, "Active", None),
    (ORDERS, {"role_actions": ["*"]}, "Active", None),
    (ORDERS, {"role_actions": [a.upper() for a in VPC_EXECUTION_ROLE_ACTIONS]}, "Active", None),
    (ORDERS, {"role_actions": []}, "Failed", "InsufficientRolePermissions"),
    (ORDERS, {"role_actions": VPC_EXECUTION_ROLE_ACTIONS[:-1]}, "Failed",
     "InsufficientRolePermissions"),
    (ORDERS, {"existing_hyperplane_enis": ENI_QUOTA_PER_VPC - 2}, "Active", None),
    (ORDERS, {"existing_hyperplane_enis": ENI_QUOTA_PER_VPC - 1}, "Failed", "EniLimitExceeded"),
    (ORDERS, {"eni_quota": 1}, "Failed", "EniLimitExceeded"),
    (ORDERS, {"other_enis": {"subnet-private-a": USABLE - 1}}, "Active", None),
    (ORDERS, {"other_enis": {"subnet-private-b": USABLE}}, "Failed", "SubnetOutOfIPAddresses"),
    (dataclasses.replace(ORDERS, subnet_ids=("subnet-x",)), {}, "Failed", "InvalidSubnet"),
    (dataclasses.replace(ORDERS, security_group_ids=("sg-x",)), {}, "Failed",
     "InvalidSecurityGroup"),
    (dataclasses.replace(ORDERS.publish(), security_group_ids=("sg-db",)), {"eni_quota": 3},
     "Failed", "EniLimitExceeded"),
    # The first reason in the documented order wins.
    (dataclasses.replace(ORDERS, subnet_ids=("subnet-x",)), {"role_actions": []}, "Failed",
     "InvalidSubnet"),
    (ORDERS, {"role_actions": [], "eni_quota": 0}, "Failed", "InsufficientRolePermissions"),
    (ORDERS, {"eni_quota": 0, "other_enis": {"subnet-private-a": USABLE}}, "Failed",
     "EniLimitExceeded"),
])
def test_outcomes(function: ln.LambdaFunction, options: dict[str, Any], state: str,
                  code: str | None) -> None:
    outcome = ln.create_function_state(function, VPC, **options)
    assert (outcome.state, outcome.reason_code) == (state, code)
    assert outcome.failed is (state == "Failed")
    assert code is None or code in FAILED_REASON_CODES
    assert {a.key for a in outcome.assumptions} >= {"create_combinations_new", "one_ip_per_eni"}


def test_missing_actions_are_named() -> None:
    outcome = ln.create_function_state(ORDERS, VPC, role_actions=["ec2:Describe*"])
    assert "ec2:CreateNetworkInterface" in outcome.explanation
    assert "ec2:DescribeSubnets" not in outcome.explanation.split("lacks")[1].split("which")[0]


def test_other_enis_default_to_the_vpcs_own() -> None:
    # orders-db sits in subnet-private-b: with it, one free address short of full is full.
    full = {"subnet-private-b": USABLE - 1}
    assert ln.create_function_state(ORDERS, VPC, other_enis=full).reason_code is None
    crowded = dataclasses.replace(VPC, resources=[
        *VPC.resources, *(ln.Resource(f"db{i}", f"10.0.2.{i}", ["sg-db"])
                          for i in range(4, 255) if i != 15)])  # every usable address of .2/24
    assert ln.create_function_state(ORDERS, crowded).reason_code == "SubnetOutOfIPAddresses"


@pytest.mark.parametrize(("options", "message"), [
    ({"role_actions": "ec2:*"}, r"^role_actions must be a list of IAM actions"),
    ({"role_actions": [7]}, r"^role_actions\[0\] must be an IAM action"),
    ({"role_actions": ["ec2:*"] * 257}, r"^role_actions must be at most 256 actions"),
    ({"existing_hyperplane_enis": -1}, r"^existing_hyperplane_enis must be an integer from 0"),
    ({"existing_hyperplane_enis": True}, r"^existing_hyperplane_enis must be an integer"),
    ({"eni_quota": 10**7}, r"^eni_quota must be an integer from 0 to 1,000,000, got 10000000$"),
    ({"other_enis": {"subnet-x": 1}}, r"^other_enis key must be one of the subnets"),
    ({"other_enis": {"subnet-private-a": -1}}, r"^other_enis\['subnet-private-a'\] must be"),
])
def test_bad_input_names_the_field(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=message):
        ln.create_function_state(ORDERS, VPC, **options)


@pytest.mark.parametrize(("function", "vpc", "message"), [
    ("orders", VPC, r"^function must be a LambdaFunction"),
    (ORDERS, None, r"^vpc must be a Vpc, got None$"),
])
def test_wrong_types(function: Any, vpc: Any, message: str) -> None:
    with pytest.raises(ln.LambdaNetError, match=message):
        ln.create_function_state(function, vpc)


class TestTheQuotaCountsExistingEnis:
    """"Elastic network interfaces per virtual private cloud (VPC)": default 500, shared by the
    Lambda Hyperplane ENIs of the VPC; a create whose new ENIs would pass it ends Failed with
    StateReasonCode EniLimitExceeded.
    - https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html and
    https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
    """

    @SETTINGS
    @given(st.integers(0, 1000), st.integers(0, 1000))
    def test_failed_exactly_when_existing_plus_new_pass_the_quota(self, existing: int,
                                                                  quota: int) -> None:
        outcome = ln.create_function_state(ORDERS, VPC, existing_hyperplane_enis=existing,
                                           eni_quota=quota)
        assert (outcome.reason_code == "EniLimitExceeded") is (existing + 2 > quota)
        assert outcome.new_enis == 2

    @SETTINGS
    @given(st.integers(0, USABLE))
    def test_a_subnet_fails_exactly_when_no_address_is_left(self, taken: int) -> None:
        outcome = ln.create_function_state(ORDERS, VPC, other_enis={"subnet-private-a": taken})
        assert (outcome.reason_code == "SubnetOutOfIPAddresses") is (taken >= USABLE)
