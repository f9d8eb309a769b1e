"""load_inventory on JSON that no one here wrote: moto's EC2 and Lambda responses.

moto implements the EC2 and Lambda APIs in process (no network) and returns their real
response shapes. Each test builds a layout through boto3, dumps every describe-* response as
the command line prints it (the response minus ResponseMetadata), reads the folder back and
checks that the model gives the answers the layout implies.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

from lambdanet_edu import can_reach  # noqa: E402
from lambdanet_edu.aws import audit, load_inventory  # noqa: E402
from lambdanet_edu.cli import main  # noqa: E402

REGION = "eu-west-1"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    for key, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                       ("AWS_SESSION_TOKEN", "testing"), ("AWS_DEFAULT_REGION", REGION)):
        monkeypatch.setenv(key, value)
    with moto.mock_aws():
        yield {"ec2": boto3.client("ec2", region_name=REGION),
               "lambda": boto3.client("lambda", region_name=REGION),
               "iam": boto3.client("iam", region_name=REGION)}


def dump(aws: dict[str, Any], folder: Path) -> Path:
    """Write each read-only command's output as `aws ... --output json` would."""
    ec2 = aws["ec2"]
    calls = {
        "describe-vpcs": ec2.describe_vpcs, "describe-subnets": ec2.describe_subnets,
        "describe-route-tables": ec2.describe_route_tables,
        "describe-internet-gateways": ec2.describe_internet_gateways,
        "describe-egress-only-internet-gateways": ec2.describe_egress_only_internet_gateways,
        "describe-nat-gateways": ec2.describe_nat_gateways,
        "describe-vpc-endpoints": ec2.describe_vpc_endpoints,
        "describe-security-groups": ec2.describe_security_groups,
        "describe-network-acls": ec2.describe_network_acls,
        "describe-network-interfaces": ec2.describe_network_interfaces,
        "list-functions": aws["lambda"].list_functions,
    }
    folder.mkdir(exist_ok=True)
    for name, call in calls.items():
        response = call()
        response.pop("ResponseMetadata", None)
        (folder / f"{name}.json").write_text(json.dumps(response, default=str), "utf-8")
    return folder


def _function(aws: dict[str, Any], name: str, subnets: list[str], groups: list[str]) -> None:
    role = aws["iam"].create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument="{}")
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return None\n")
    aws["lambda"].create_function(
        FunctionName=name, Runtime="python3.12", Role=role["Role"]["Arn"], Handler="app.handler",
        Code={"ZipFile": code.getvalue()}, MemorySize=1024,
        VpcConfig={"SubnetIds": subnets, "SecurityGroupIds": groups})


def build(aws: dict[str, Any], *, nat: bool, s3_endpoint: bool, db_rule: bool,
          nacl_replies: bool = True) -> dict[str, str]:
    """Public and private subnets in two zones; optional NAT, S3 endpoint and database rule."""
    ec2 = aws["ec2"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ids = {"vpc": vpc}
    for name, cidr, zone in (("public-a", "10.0.0.0/24", "a"), ("private-a", "10.0.1.0/24", "a"),
                             ("private-b", "10.0.2.0/24", "b"), ("data", "10.0.3.0/24", "b")):
        ids[name] = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr,
                                      AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=public, SubnetId=ids["public-a"])
    private = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ids["rtb-private"] = private
    for name in ("private-a", "private-b"):
        ec2.associate_route_table(RouteTableId=private, SubnetId=ids[name])
    if nat:
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat_id = ec2.create_nat_gateway(SubnetId=ids["public-a"],
                                        AllocationId=allocation)["NatGateway"]["NatGatewayId"]
        ec2.create_route(RouteTableId=private, DestinationCidrBlock="0.0.0.0/0",
                         NatGatewayId=nat_id)
    if s3_endpoint:
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.s3",
                                VpcEndpointType="Gateway", RouteTableIds=[private])
    fn_sg = ec2.create_security_group(GroupName="fn", Description="functions",
                                      VpcId=vpc)["GroupId"]
    db_sg = ec2.create_security_group(GroupName="db", Description="database",
                                      VpcId=vpc)["GroupId"]
    if db_rule:
        ec2.authorize_security_group_ingress(GroupId=db_sg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
            "UserIdGroupPairs": [{"GroupId": fn_sg}]}])
    ec2.create_network_interface(SubnetId=ids["data"], PrivateIpAddress="10.0.3.15",
                                 Groups=[db_sg], Description="RDSNetworkInterface")
    if not nacl_replies:  # a network ACL on the private subnets that lets no reply back in
        acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
        for egress in (True, False):
            ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6",
                                         RuleAction="allow", Egress=egress,
                                         CidrBlock="0.0.0.0/0",
                                         PortRange={"From": 443 if egress else 22,
                                                    "To": 443 if egress else 22})
        described = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])
        for a in described["NetworkAcls"]:
            for assoc in a["Associations"]:
                if assoc["SubnetId"] in (ids["private-a"], ids["private-b"]):
                    ec2.replace_network_acl_association(
                        AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=acl)
    ids["sg-fn"], ids["sg-db"] = fn_sg, db_sg
    _function(aws, "orders", [ids["private-a"], ids["private-b"]], [fn_sg])
    _function(aws, "outside", [], [])
    return ids


def statuses(folder: Path) -> dict[str, str]:
    inventory = load_inventory(folder)
    (orders,) = inventory.functions
    vpc = inventory.vpcs[inventory.function_vpcs["orders"]]
    return {d: can_reach(vpc, orders, d).status
            for d in ("internet", "s3", "dynamodb", "10.0.3.15:5432")}


@pytest.mark.parametrize(("nat", "s3_endpoint", "db_rule", "expected"), [
    (True, False, True, {"internet": "reachable", "s3": "reachable", "dynamodb": "reachable",
                         "10.0.3.15:5432": "reachable"}),
    (False, True, True, {"internet": "blocked", "s3": "reachable", "dynamodb": "blocked",
                         "10.0.3.15:5432": "reachable"}),
    (False, False, False, {"internet": "blocked", "s3": "blocked", "dynamodb": "blocked",
                           "10.0.3.15:5432": "blocked"}),
])
def test_moto_layouts_get_the_verdicts_they_imply(
        aws: dict[str, Any], tmp_path: Path, nat: bool, s3_endpoint: bool, db_rule: bool,
        expected: dict[str, str]) -> None:
    build(aws, nat=nat, s3_endpoint=s3_endpoint, db_rule=db_rule)
    assert statuses(dump(aws, tmp_path / "account")) == expected


def test_a_network_acl_without_reply_ports_blocks_the_internet(
        aws: dict[str, Any], tmp_path: Path) -> None:
    build(aws, nat=True, s3_endpoint=False, db_rule=True, nacl_replies=False)
    inventory = load_inventory(dump(aws, tmp_path / "account"))
    (orders,) = inventory.functions
    verdict = can_reach(inventory.vpcs[inventory.function_vpcs["orders"]], orders, "internet")
    assert verdict.status == "blocked"
    assert verdict.blocked_at is not None and verdict.blocked_at.component == "network ACL"


def test_the_inventory_holds_what_moto_built(aws: dict[str, Any], tmp_path: Path) -> None:
    ids = build(aws, nat=True, s3_endpoint=True, db_rule=True)
    inventory = load_inventory(dump(aws, tmp_path / "account"))
    vpc = inventory.vpcs[ids["vpc"]]
    assert {s.subnet_id for s in vpc.subnets} >= {ids["public-a"], ids["private-a"]}
    assert vpc.route_table_for(ids["private-a"]).route_table_id == ids["rtb-private"]
    assert [e.service for e in vpc.gateway_endpoints] == ["s3"]
    assert len(vpc.nat_gateways) == 1 and vpc.internet_gateway is not None
    assert inventory.functions_outside_vpc == ("outside",)
    (orders,) = inventory.functions
    assert orders.memory_mb == 1024 and orders.account_id == "123456789012"
    assert [d.ip for d in inventory.resources] == ["10.0.3.15"]
    assert inventory.other_enis[ids["data"]] == {"database": 1}
    # moto's default VPC (172.31.0.0/16) is read too
    assert len(inventory.vpcs) == 2


def test_the_audit_command_exits_1_when_something_is_blocked(
        aws: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(aws, nat=False, s3_endpoint=True, db_rule=True)
    folder = dump(aws, tmp_path / "account")
    assert main(["audit", str(folder), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    rows = {(r["function"], r["destination"]): r for v in report["vpcs"] for r in v["reach"]}
    assert rows[("orders", "internet")]["status"] == "blocked"
    assert rows[("orders", "internet")]["blocking_hop"].startswith("route table rtb-")
    assert rows[("orders", "s3")]["status"] == "reachable"
    assert audit(load_inventory(folder)).trouble


def test_the_audit_command_exits_0_when_all_is_reachable(
        aws: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(aws, nat=True, s3_endpoint=False, db_rule=True)
    folder = dump(aws, tmp_path / "account")
    assert main(["audit", str(folder)]) == 0
    assert "orders -> s3: REACHABLE" in capsys.readouterr().out


def test_a_vpc_with_dns_hostnames_off_is_read_into_the_vpc(aws: dict[str, Any],
                                                            tmp_path: Path) -> None:
    ids = build(aws, nat=True, s3_endpoint=True, db_rule=True)
    ec2 = aws["ec2"]
    ec2.modify_vpc_attribute(VpcId=ids["vpc"], EnableDnsHostnames={"Value": False})
    folder = dump(aws, tmp_path / "account")
    outputs = [{k: v for k, v in ec2.describe_vpc_attribute(VpcId=ids["vpc"], Attribute=a).items()
                if k != "ResponseMetadata"} for a in ("enableDnsSupport", "enableDnsHostnames")]
    (folder / f"describe-vpc-attribute-{ids['vpc']}.json").write_text(json.dumps(outputs),
                                                                        "utf-8")
    inventory = load_inventory(folder)
    vpc = inventory.vpcs[ids["vpc"]]
    assert (vpc.enable_dns_support, vpc.enable_dns_hostnames) == (True, False)
    assert not vpc.private_dns_works
    assert not [w for w in inventory.warnings if "DNS" in w.message]
