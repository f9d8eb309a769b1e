"""lambdanet_edu.aws on hand-written fixtures: the documented output shapes of the AWS CLI.

``tests/data/aws_documented/`` holds one file per command, written from the shapes the AWS CLI
reference documents for each output (fields the model ignores included): a VPC with a
secondary CIDR and IPv6, peering, transit-gateway, prefix-list and blackhole routes, a deleted
NAT gateway, a VPC Lattice endpoint, security-group rules naming a managed prefix list, ICMP
and IPv6 rules, and a published version.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from lambdanet_edu import LambdaNetError, can_reach
from lambdanet_edu.aws import (
    REQUIRED,
    audit,
    describe_outputs,
    load_inventory,
    sample_account,
    sample_functions,
    sample_vpc,
)
from lambdanet_edu.cli import main

DOCUMENTED = Path(__file__).parent / "data" / "aws_documented"
VPC = "vpc-0a60eb65b4EXAMPLE"


def documented() -> dict[str, Any]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in DOCUMENTED.glob("*.json")}


def test_everything_the_model_cannot_use_is_a_warning_naming_its_id() -> None:
    inventory = load_inventory(DOCUMENTED)
    ids = [w.item_id for w in inventory.warnings]
    for expected in ("pcx-0a1b2c3d4eEXAMPLE", "tgw-0262a0e521EXAMPLE", "pl-0bc1d2e3f4EXAMPLE",
                     "pl-0123abcd4eEXAMPLE", "vpce-0f1f2f3f4fEXAMPLE", "nat-0a2b3c4d5eEXAMPLE",
                     "eigw-015e0e244eEXAMPLE", "subnet-0c0c0c0c0cEXAMPLE", "acl-9aeb5ef7",
                     "rtb-0f1e2d3c4bEXAMPLE", "orders", VPC):
        assert expected in ids, expected
    lattice = next(w for w in inventory.warnings if w.item_id == "vpce-0f1f2f3f4fEXAMPLE")
    assert "VPC Lattice" in lattice.message
    peering = next(w for w in inventory.warnings if w.item_id == "pcx-0a1b2c3d4eEXAMPLE")
    assert (peering.file, peering.path) == ("describe-route-tables.json",
                                            "RouteTables[1].Routes[2]")


def test_fields_other_engineers_will_wire_are_kept() -> None:
    inventory = load_inventory(DOCUMENTED)
    assert inventory.dns_attributes[VPC] == {"enable_dns_support": True,
                                             "enable_dns_hostnames": False}
    assert inventory.nat_addresses["nat-06c018cbd8EXAMPLE"] == ("54.85.121.213", "3.211.231.218")
    assert inventory.ipv6_cidrs[VPC] == ("2001:db8:1234:1a00::/56",)
    assert inventory.ipv6_cidrs["subnet-0a1b2c3d4eEXAMPLE"] == ("2001:db8:1234:1a01::/64",)
    assert inventory.egress_only_gateways[VPC] == "eigw-015e0e244eEXAMPLE"
    messages = " ".join(w.message for w in inventory.warnings)
    # The DNS attributes are in the Vpc now, so they are no longer a warning.
    assert "DNS attributes" not in messages
    vpc = inventory.vpcs[VPC]
    assert (vpc.enable_dns_support, vpc.enable_dns_hostnames) == (True, False)
    assert "Ipv6AllowedForDualStack is on" in messages


def test_the_documented_account_is_read_into_the_model() -> None:
    inventory = load_inventory(DOCUMENTED)
    vpc = inventory.vpcs[VPC]
    assert [s.subnet_id for s in vpc.subnets] == [
        "subnet-0bb1c79de3EXAMPLE", "subnet-0a1b2c3d4eEXAMPLE", "subnet-0f9e8d7c6bEXAMPLE"]
    assert vpc.route_table_for("subnet-0bb1c79de3EXAMPLE").route_table_id == (
        "rtb-09ba434c1bEXAMPLE")  # the main table
    (orders,) = inventory.functions
    assert (orders.memory_mb, orders.account_id) == (1769, "123456789012")
    assert [v.version for v in orders.published_versions] == [1]
    assert inventory.functions_outside_vpc == ("hello",)
    assert inventory.other_enis["subnet-0bb1c79de3EXAMPLE"] == {"NAT gateway": 2}
    assert inventory.other_enis["subnet-0a1b2c3d4eEXAMPLE"] == {"endpoint": 1, "other": 1}
    (db,) = inventory.resources
    assert (db.name, db.ip, db.port) == ("orders-db", "10.0.2.10", 5432)
    assert sorted(e.eni_id for e in inventory.lambda_enis) == [
        "eni-0e0e0e0e0eEXAMPLE", "eni-0f0f0f0f0fEXAMPLE"]


@pytest.mark.parametrize(("destination", "status", "component"), [
    ("internet", "blocked", "route table"),       # the blackhole route of private-b
    # enableDnsHostnames is off, so the endpoint's private DNS name does not answer: private-b
    # looks for SQS's public endpoint and has no route to it.
    ("sqs", "blocked", "route table"),
    ("10.1.0.5:443", None, None),                 # outside the VPC: not a VpcAddress
    ("10.0.2.10:5432", "blocked", "network ACL"),  # replies to Lambda's ports are denied
])
def test_the_documented_account_gets_the_verdicts_its_layout_implies(
        destination: str, status: str | None, component: str | None) -> None:
    inventory = load_inventory(DOCUMENTED)
    (orders,) = inventory.functions
    if status is None:
        with pytest.raises(LambdaNetError, match="must be an address inside"):
            can_reach(inventory.vpcs[VPC], orders, destination)
        return
    verdict = can_reach(inventory.vpcs[VPC], orders, destination)
    assert verdict.status == status
    assert (verdict.blocked_at and verdict.blocked_at.component) == component


def _break(files: dict[str, Any], name: str, path: str, value: object) -> dict[str, Any]:
    broken = copy.deepcopy(files)
    *steps, last = path.split(".")
    here: Any = broken[name]
    for step in steps:
        here = here[int(step)] if step.isdigit() else here[step]
    if value is KeyError:
        del here[int(last) if last.isdigit() else last]
    else:
        here[int(last) if last.isdigit() else last] = value
    return broken


@pytest.mark.parametrize(("name", "path", "value", "message"), [
    ("describe-route-tables.json", "RouteTables.0.Routes.2.GatewayId", "igw-typo",
     r"^describe-route-tables\.json: RouteTables\[0\]\.Routes\[2\]\.GatewayId must be 'local' or "
     r"the id of the internet gateway attached to vpc-0a60eb65b4EXAMPLE"),
    ("describe-route-tables.json", "RouteTables.1.Routes.1.NatGatewayId", "nat-gone",
     r"^describe-route-tables\.json: RouteTables\[1\]\.Routes\[1\]\.NatGatewayId must be the id "
     r"of a NAT gateway"),
    ("describe-subnets.json", "Subnets.0.CidrBlock", "10.0.0.7/24",
     r"^describe-subnets\.json: Subnets\[0\]\.CidrBlock must be an IPv4 CIDR"),
    ("describe-subnets.json", "Subnets.0.SubnetId", 17,
     r"^describe-subnets\.json: Subnets\[0\]\.SubnetId must be a non-empty string, got 17"),
    ("describe-vpcs.json", "Vpcs", {"oops": 1},
     r"^describe-vpcs\.json: Vpcs must be a list, got 'an object'"),
    ("describe-network-acls.json", "NetworkAcls.1.Entries.0.RuleNumber", "100",
     r"^describe-network-acls\.json: NetworkAcls\[1\]\.Entries\[0\]\.RuleNumber must be an "
     r"integer"),
    ("describe-security-groups.json", "SecurityGroups.1.IpPermissions.0.FromPort", "5432",
     r"^describe-security-groups\.json: SecurityGroups\[1\]\.IpPermissions\[0\]\.FromPort must "
     r"be an integer"),
    ("describe-vpc-endpoints.json", "VpcEndpoints.0.ServiceName", "com.amazonaws.us-east-1.sqs",
     r"^describe-vpc-endpoints\.json: VpcEndpoints\[0\]\.ServiceName must be an S3 or DynamoDB"),
    ("list-functions.json", "Functions.0.MemorySize", 20000,
     r"^list-functions\.json: Functions\[0\]: memory_mb must be an integer from 128 to 10,240"),
])
def test_bad_values_are_errors_naming_the_file_and_the_json_path(
        name: str, path: str, value: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        load_inventory(_break(documented(), name, path, value))


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_a_missing_required_file_names_the_command_to_run(name: str) -> None:
    files = documented()
    del files[name]
    with pytest.raises(LambdaNetError, match=rf"^{name} is missing: run `{REQUIRED[name]} "):
        load_inventory(files)


def test_optional_files_may_be_missing() -> None:
    files = {k: v for k, v in documented().items() if k in REQUIRED}
    inventory = load_inventory(files)
    (db,) = inventory.resources
    assert (db.name, db.port) == ("eni-0d0b0d0b0dEXAMPLE", None)
    assert any(w.item_id == db.eni_id and "no port known" in w.message
               for w in inventory.warnings)
    assert inventory.dns_attributes == {}


def test_a_bundle_file_and_unknown_files(tmp_path: Path) -> None:
    bundle = {name.removesuffix(".json"): data for name, data in documented().items()}
    bundle["describe-instances"] = {"Reservations": []}
    (tmp_path / "bundle.json").write_text(json.dumps(bundle), "utf-8")
    inventory = load_inventory(tmp_path / "bundle.json")
    assert VPC in inventory.vpcs
    assert any(w.item_id == "describe-instances.json" and "not an output the reader uses"
               in w.message for w in inventory.warnings)


@pytest.mark.parametrize(("text", "message"), [
    ("{", r"^describe-vpcs\.json: not valid JSON: Expecting property name"),
    ("[]", r"^describe-vpcs\.json must be the JSON object `aws ec2 describe-vpcs` prints"),
])
def test_unreadable_files_are_errors_naming_them(tmp_path: Path, text: str, message: str) -> None:
    for name, data in documented().items():
        (tmp_path / name).write_text(json.dumps(data), "utf-8")
    (tmp_path / "describe-vpcs.json").write_text(text, "utf-8")
    with pytest.raises(LambdaNetError, match=message):
        load_inventory(tmp_path)


def test_the_audit_of_the_documented_account() -> None:
    report = audit(load_inventory(DOCUMENTED))
    (vpc,) = report.vpcs
    assert (vpc.expected_enis, vpc.headroom) == (2, 498)
    assert [(e.expected, e.actual) for e in vpc.enis] == [(1, 1), (1, 1)]
    blocked = {(r.destination, r.blocked_from, r.blocking_hop) for r in vpc.reach
               if not r.reachable}
    assert ("internet", ("subnet-0f9e8d7c6bEXAMPLE",), "route table rtb-0f1e2d3c4bEXAMPLE") in (
        blocked)
    assert report.trouble


@pytest.mark.parametrize(("args", "status", "stream", "text"), [
    (["audit", str(DOCUMENTED)], 1, "out", "orders -> internet: BLOCKED"),
    (["audit", str(DOCUMENTED), "--json"], 1, "out", '"blocking_hop"'),
    (["audit", "no-such-folder"], 2, "err", "no-such-folder: no such folder"),
])
def test_the_audit_command(args: list[str], status: int, stream: str, text: str,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == status
    assert text in getattr(capsys.readouterr(), stream)


def test_the_audit_command_reports_bad_input_with_status_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, data in _break(documented(), "describe-route-tables.json",
                             "RouteTables.0.Routes.2.GatewayId", "igw-typo").items():
        (tmp_path / name).write_text(json.dumps(data), "utf-8")
    assert main(["audit", str(tmp_path)]) == 2
    assert "RouteTables[0].Routes[2].GatewayId must be" in capsys.readouterr().err


def test_the_sample_account_reads_back_as_the_model_wrote_it() -> None:
    inventory = load_inventory(sample_account())
    read = inventory.vpcs[sample_vpc().vpc_id]
    # AWS lists the default network ACL (allow all), which the model leaves implicit.
    assert [a.acl_id for a in read.network_acls] == ["default"]
    assert dataclasses.replace(read, network_acls=()) == sample_vpc()
    assert inventory.functions == sample_functions()
    assert inventory.warnings == ()
    assert describe_outputs(sample_vpc())["describe-egress-only-internet-gateways.json"] == {
        "EgressOnlyInternetGateways": []}


def test_the_readme_lists_every_command_and_permission() -> None:
    from lambdanet_edu.aws import MULTI, OPTIONAL, PERMISSIONS

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    for name, command in (REQUIRED | OPTIONAL | MULTI).items():
        assert command.split()[2] in readme, name  # e.g. describe-subnets
        assert f"`{PERMISSIONS[name]}`" in readme, name


@pytest.mark.parametrize(("support", "hostnames"), [(True, False), (False, True), (False, False)])
def test_a_vpc_with_dns_off_round_trips_with_its_verdicts(support: bool, hostnames: bool) -> None:
    vpc = dataclasses.replace(sample_vpc(), enable_dns_support=support,
                              enable_dns_hostnames=hostnames)
    fns = sample_functions()
    inventory = load_inventory(describe_outputs(vpc, fns))
    back = inventory.vpcs[vpc.vpc_id]
    assert (back.enable_dns_support, back.enable_dns_hostnames) == (support, hostnames)
    assert not [w for w in inventory.warnings if "DNS" in w.message]
    for fn in fns:
        for target in ("internet", "s3", "sqs", "secretsmanager"):
            assert can_reach(back, fn, target).status == can_reach(vpc, fn, target).status


def test_a_nat_gateways_addresses_are_its_elastic_ips() -> None:
    inventory = load_inventory(DOCUMENTED)
    (nat,) = [n for v in inventory.vpcs.values() for n in v.nat_gateways
              if n.nat_gateway_id == "nat-06c018cbd8EXAMPLE"]
    assert nat.elastic_ips == 2  # its two Elastic IPs, no longer a warning
    assert not [w for w in inventory.warnings if "Elastic IPs" in w.message]


@pytest.mark.parametrize(("public", "count"), [(True, 3), (False, 2), (True, 8)])
def test_a_nat_gateways_address_count_round_trips(public: bool, count: int) -> None:
    vpc = sample_vpc()
    nats = [dataclasses.replace(n, public=public, elastic_ips=count) for n in vpc.nat_gateways]
    vpc = dataclasses.replace(vpc, nat_gateways=nats)
    back = load_inventory(describe_outputs(vpc, sample_functions())).vpcs[vpc.vpc_id]
    assert [(n.public, n.elastic_ips) for n in back.nat_gateways] == [(public, count)] * len(nats)
