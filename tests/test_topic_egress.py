"""The topic "Egress and your network": its exercises, page values, page and lesson.

The judges are checked on tables of answers a learner might give, each with the misconception
it must be told (or ``None`` for a pass); property tests compare them with the AWS rule behind
each exercise, and the page and lesson take their numbers and verdicts from the model.
"""

from __future__ import annotations

import dataclasses
import runpy
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.course import grade, topic
from lambdanet_edu.course.topics.egress import (
    EXERCISES,
    GIVE_INTERNET_ACCESS,
    LINUX_EPHEMERAL_PORTS,
    NACL_OUTBOUND,
    NACL_REPLIES,
    S3_WITHOUT_NAT,
    nacl_vpc,
)
from lambdanet_edu.course.topics.egress import page as values
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS, NAT_GATEWAY_PORTS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "egress.md"
LESSON = ROOT / "lessons" / "03_egress.py"

SETTINGS = settings(max_examples=50, deadline=None)
LO, HI = LAMBDA_EPHEMERAL_PORTS
PRIVATE = ["subnet-private-a", "subnet-private-b"]
SUBNETS = ["subnet-public-a", *PRIVATE]
ORDERS = ln.LambdaFunction("orders", PRIVATE, ["sg-lambda"])
NO_NAT = ln.starter_vpc(nat=False)
PUBLIC_TABLE = NO_NAT.route_table_for("subnet-public-a")


def judge(ex: ln.exercises.Exercise, value: Any) -> str | None:  # type: ignore[name-defined]
    verdict = ex.judge(value, None, ex.cases[0])
    return verdict[0] if isinstance(verdict, tuple) else verdict


def private_routes(target: str | None, *, nat_subnet: str | None = None,
                   public: bool = True) -> ln.Vpc:
    routes = [ln.Route("0.0.0.0/0", target)] if target else []
    nats = [ln.NatGateway("nat-a", nat_subnet, public=public)] if nat_subnet else []
    return dataclasses.replace(NO_NAT, nat_gateways=nats, route_tables=[
        PUBLIC_TABLE, ln.RouteTable("rtb-private", routes, main=True)])


def with_endpoint(vpc: ln.Vpc, tables: list[str], service: str = "s3") -> ln.Vpc:
    return dataclasses.replace(vpc, gateway_endpoints=[
        ln.GatewayEndpoint(f"vpce-{service}", service, tables)])


def sqs_like(service: str, *, allow: bool) -> ln.Vpc:
    rules = [ln.SecurityGroupRule("tcp", 443, security_group_id="sg-lambda")] if allow else []
    return dataclasses.replace(
        NO_NAT, security_groups=[*NO_NAT.security_groups, ln.SecurityGroup("sg-e", rules)],
        interface_endpoints=[ln.InterfaceEndpoint("vpce-1", service, PRIVATE, ["sg-e"])])


def isolated_b(vpc: ln.Vpc) -> ln.Vpc:
    return dataclasses.replace(vpc, route_tables=[
        *vpc.route_tables, ln.RouteTable("rtb-isolated", [], ["subnet-private-b"])])


# --- give-internet-access -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ((private_routes("nat-a", nat_subnet="subnet-public-a"), ORDERS), None),
        ((ORDERS, private_routes("nat-a", nat_subnet="subnet-public-a")), None),
        ((ln.starter_vpc(), dataclasses.replace(ORDERS, subnet_ids=["subnet-private-b"])), None),
        ((NO_NAT, dataclasses.replace(ORDERS, subnet_ids=["subnet-public-a"])), "public_subnet"),
        ((ln.starter_vpc(), dataclasses.replace(
            ORDERS, subnet_ids=["subnet-private-a", "subnet-public-a"])), "public_subnet"),
        ((private_routes("igw-1"), ORDERS), "igw_route"),
        ((dataclasses.replace(NO_NAT, route_tables=[
            ln.RouteTable("rtb-public", [("0.0.0.0/0", "igw-1")], SUBNETS),
            ln.RouteTable("rtb-private", [], main=True)]), ORDERS), "igw_route"),
        ((private_routes("nat-a", nat_subnet="subnet-private-a"), ORDERS), "nat_in_private"),
        ((private_routes("nat-a", nat_subnet="subnet-private-b"), ORDERS), "nat_in_private"),
        ((private_routes("nat-a", nat_subnet="subnet-public-a", public=False), ORDERS),
         "still_blocked"),
        ((NO_NAT, ORDERS), "still_blocked"),
        ((private_routes(None, nat_subnet="subnet-public-a"), ORDERS), "still_blocked"),
        ((private_routes("pcx-1"), ORDERS), "still_blocked"),
        ((isolated_b(ln.starter_vpc()), ORDERS), "still_blocked"),
        ((dataclasses.replace(ln.starter_vpc(), security_groups=[
            ln.SecurityGroup("sg-lambda", outbound=[]), ln.starter_vpc().security_group("sg-db")]),
          ORDERS), "still_blocked"),
        ((ln.starter_vpc(), dataclasses.replace(ORDERS, subnet_ids=["subnet-x"])),
         "still_blocked"),
        ((ln.starter_vpc(),), "still_blocked"),
        (ln.starter_vpc(), "still_blocked"),
        ("internet", "still_blocked"),
    ],
)
def test_internet_judge(answer: Any, key: str | None) -> None:
    assert judge(GIVE_INTERNET_ACCESS, answer) == key


def test_internet_judge_quotes_where_the_model_stops() -> None:
    _, detail = GIVE_INTERNET_ACCESS.judge(  # type: ignore[misc]
        (private_routes("igw-1"), ORDERS), None, GIVE_INTERNET_ACCESS.cases[0])
    verdict = ln.can_reach(private_routes("igw-1"), ORDERS, "internet")
    assert detail == f"The model says: {verdict.explanation}"
    assert "never get a public IP" in detail


class TestPublicSubnetsGiveNoInternet:
    """"Connecting a function to a public subnet doesn't give it internet access or a public IP
    address." - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html
    """

    @SETTINGS
    @given(st.lists(st.sampled_from(SUBNETS), min_size=1, max_size=3, unique=True),
           st.booleans())
    def test_with_the_starter_vpc_any_public_subnet_spoils_it(self, subnets: list[str],
                                                             nat: bool) -> None:
        fn = dataclasses.replace(ORDERS, subnet_ids=subnets)
        key = judge(GIVE_INTERNET_ACCESS, (ln.starter_vpc(nat=nat), fn))
        if "subnet-public-a" in subnets:
            assert key == "public_subnet"
        else:
            assert key == (None if nat else "still_blocked")


# --- s3-without-nat -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("vpc", "key"),
    [
        (with_endpoint(NO_NAT, ["rtb-private"]), None),
        (with_endpoint(NO_NAT, ["rtb-public", "rtb-private"]), None),
        (with_endpoint(ln.starter_vpc(), ["rtb-private"]), None),
        (sqs_like("s3", allow=True), None),
        (with_endpoint(NO_NAT, ["rtb-public"]), "wrong_route_table"),
        (with_endpoint(isolated_b(NO_NAT), ["rtb-private"]), "wrong_route_table"),
        (ln.starter_vpc(), "used_nat"),
        (with_endpoint(ln.starter_vpc(), ["rtb-public"]), "used_nat"),
        (NO_NAT, "default_access"),
        (with_endpoint(NO_NAT, ["rtb-private"], "dynamodb"), "still_blocked"),
        (sqs_like("s3", allow=False), "still_blocked"),
        (sqs_like("sqs", allow=True), "still_blocked"),
        (private_routes("igw-1"), "still_blocked"),
        (dataclasses.replace(NO_NAT, subnets=NO_NAT.subnets[:2], resources=[]), "still_blocked"),
        ("s3", "still_blocked"),
    ],
)
def test_s3_judge(vpc: Any, key: str | None) -> None:
    assert judge(S3_WITHOUT_NAT, vpc) == key


class TestGatewayEndpointsAreRoutes:
    """"Gateway endpoints ... do not use AWS PrivateLink": a gateway endpoint is a route in the
    route tables you associate with it, so only subnets using those tables reach S3 through it.
    - https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
    """

    @SETTINGS
    @given(st.lists(st.sampled_from(["rtb-public", "rtb-private", "rtb-isolated"]),
                    min_size=1, max_size=3, unique=True), st.booleans())
    def test_the_function_passes_exactly_when_all_its_tables_have_the_route(
            self, tables: list[str], split: bool) -> None:
        base = isolated_b(NO_NAT) if split else NO_NAT
        tables = [t for t in tables if split or t != "rtb-isolated"] or ["rtb-public"]
        used = {base.route_table_for(s).route_table_id for s in PRIVATE}
        key = judge(S3_WITHOUT_NAT, with_endpoint(base, tables))
        assert key == (None if used <= set(tables) else "wrong_route_table")


# --- nacl-replies -------------------------------------------------------------------------------

R = ln.AclRule


@pytest.mark.parametrize(
    ("inbound", "key"),
    [
        # Issue 16: Lambda asks for TCP and UDP, so TCP alone is now the narrow_range
        # misconception (it leaves out UDP).
        ([R(100, "allow", "tcp", (LO, HI))], "narrow_range"),
        ([R(100, "allow", "tcp", (LO, HI)), R(110, "allow", "udp", (LO, HI))], None),
        ([R(100, "allow", "tcp", (LO, 30000)), R(110, "allow", "tcp", (30001, HI)),
          R(120, "allow", "udp", (LO, HI))], None),
        ([R(100, "allow", "tcp", (LO, 30000)), R(110, "allow", "tcp", (30001, HI))],
         "narrow_range"),
        ([R(90, "deny", "tcp", 22), R(100, "allow", "tcp", (LO, HI)),
          R(110, "allow", "udp", (LO, HI))], None),
        ([R(100, "allow", "tcp", (LO, HI)), R(110, "allow", "udp", (LO, 30000))], "narrow_range"),
        ([R(100, "allow", "tcp", (LO, HI)), R(110, "allow", "udp", (1, HI))], "too_open"),
        ([R(100, "allow")], "too_open"),
        ([R(100, "allow", "tcp", (1, HI))], "too_open"),
        ([R(100, "allow", "tcp", (LO, HI)), R(110, "allow", "tcp", 443)], "too_open"),
        ([], "stateful"),
        ([R(100, "allow", "tcp", 443)], "stateful"),
        ([R(100, "allow", "tcp", 443), R(110, "allow", "tcp", 5432, "10.0.2.0/24")], "stateful"),
        ([R(100, "allow", "tcp", LINUX_EPHEMERAL_PORTS)], "narrow_range"),
        ([R(100, "allow", "tcp", (LO, 60000))], "narrow_range"),
        ([R(100, "allow", "tcp", (LO, HI), "10.0.0.0/16")], "still_blocked"),
        ([R(90, "deny", "tcp", (LO, 2000)), R(100, "allow", "tcp", (LO, HI))], "still_blocked"),
        ([R(200, "allow", "tcp", (LO, HI)), R(100, "deny")], "still_blocked"),
        ([R(100, "allow", "udp", (LO, HI))], "still_blocked"),
        ([R(90, "allow", "tcp", 22, "10.0.0.0/16"), R(100, "allow", "tcp", (LO, HI))], "too_open"),
        ([R(90, "deny", "tcp", 22), R(100, "allow", "tcp", (1, HI))], "too_open"),
        ("all", "still_blocked"),
        ([R(100, "allow"), "tcp"], "still_blocked"),
    ],
)
def test_nacl_judge(inbound: Any, key: str | None) -> None:
    assert judge(NACL_REPLIES, inbound) == key


def test_nacl_vpc_puts_the_given_rules_on_subnet_private_a_only() -> None:
    vpc = nacl_vpc([R(100, "allow")])
    acl = vpc.network_acl_for("subnet-private-a")
    assert (acl.acl_id, acl.outbound) == ("acl-lambda", NACL_OUTBOUND)
    assert vpc.network_acl_for("subnet-private-b").acl_id == "default"


def test_linux_range_is_a_strict_part_of_lambdas() -> None:
    assert LO < LINUX_EPHEMERAL_PORTS[0] < LINUX_EPHEMERAL_PORTS[1] < HI
    assert NAT_GATEWAY_PORTS == LAMBDA_EPHEMERAL_PORTS


class TestNetworkAclsAreStateless:
    """"Network ACLs are stateless ... responses to allowed inbound traffic are subject to the
    rules for outbound traffic (and vice versa)"; Lambda's Hyperplane ENIs use ephemeral ports
    1024-65535, so "network ACLs must allow" that range for the return traffic.
    - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html and
    https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-networking.html
    """

    @SETTINGS
    @given(st.integers(1, 65535), st.integers(1, 65535))
    def test_one_allow_rule_is_judged_by_how_it_covers_the_ephemeral_range(
            self, a: int, b: int) -> None:
        lo, hi = min(a, b), max(a, b)
        key = judge(NACL_REPLIES, [R(100, "allow", "tcp", (lo, hi))])
        if lo <= LO and hi >= HI:
            assert key == ("narrow_range" if lo == LO else "too_open")
        elif hi < LO or lo == hi:
            assert key == "stateful"
        else:
            assert key == "narrow_range"

    @SETTINGS
    @given(st.integers(LO, HI))
    def test_a_gap_anywhere_in_the_range_breaks_the_replies(self, port: int) -> None:
        rules = [R(90, "deny", "tcp", port), R(100, "allow", "tcp", (LO, HI))]
        vpc = nacl_vpc(rules)
        fn = ln.LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
        verdict = ln.can_reach(vpc, fn, "internet")
        assert not verdict.reachable
        assert verdict.blocked_at is not None and verdict.blocked_at.component_id == "acl-lambda"
        assert judge(NACL_REPLIES, rules) == "still_blocked"


# --- every exercise -----------------------------------------------------------------------------

def test_the_topic_has_its_exercises_in_course_order() -> None:
    assert [ex.id for ex in topic("egress").exercises] == [
        "give-internet-access", "ipv6-internet", "s3-without-nat", "cheapest-egress",
        "nacl-replies"]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_each_exercise_has_two_to_four_misconceptions_and_a_judge(ex: Any) -> None:
    assert ex.kind == "value" and ex.judge is not None
    assert 2 <= len(ex.misconceptions) <= 4
    assert judge(ex, _value(ex.solution, ex.entry)) is None


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_grading_is_fast(ex: Any) -> None:
    start = time.perf_counter()
    for code in (ex.solution, ex.starter, *(m.example for m in ex.misconceptions)):
        grade(ex, code)
    assert time.perf_counter() - start < 0.5  # Pyodide is several times slower than CPython


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_feedback_ends_with_the_models_explanation(ex: Any) -> None:
    for m in ex.misconceptions:
        message = grade(ex, m.example).message
        assert message.startswith(m.feedback)
        assert "The model says: " in message or "The model's path" in message or \
            "Inbound it allows" in message


def _value(code: str, name: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace[name]


# --- page values ----------------------------------------------------------------------------------

def test_starter_table_shows_each_verdict_of_the_model() -> None:
    rows = values.starter_table().splitlines()[2:]
    assert len(rows) == len(values.DESTINATIONS)
    for row, dest in zip(rows, values.DESTINATIONS, strict=True):
        for nat in (False, True):
            verdict = ln.can_reach(ln.starter_vpc(nat=nat), ORDERS, dest)
            hop = verdict.blocked_at
            want = ("reachable" if hop is None else
                    f"blocked at {hop.component} `{hop.component_id}`")
            assert want in row.split("|")[2 + nat], (dest, nat)


@pytest.mark.parametrize(("name", "subnet"), [("public_subnet_hops", "subnet-public-a"),
                                              ("nat_hops", "subnet-private-a")])
def test_hop_tables_list_every_hop(name: str, subnet: str) -> None:
    verdict = ln.can_reach(ln.starter_vpc(), dataclasses.replace(ORDERS, subnet_ids=[subnet]),
                           "internet")
    rows = getattr(values, name)().splitlines()[2:]
    assert len(rows) == len(verdict.hops)
    for i, (row, hop) in enumerate(zip(rows, verdict.hops, strict=True), 1):
        assert row.startswith(f"| {i} | {hop.component} `{hop.component_id}` |")
        assert hop.detail in row and ("**blocks**" in row) is (not hop.passed)


def test_endpoint_table_matches_the_model() -> None:
    table = values.endpoint_table()
    for label, (vpc, dest) in values.endpoint_vpcs().items():
        verdict = ln.can_reach(vpc, ORDERS, dest)
        row = next(r for r in table.splitlines() if r.startswith(f"| {label} |"))
        assert row.endswith("| reachable |") is verdict.reachable


def test_port_values_come_from_the_facts() -> None:
    assert values.lambda_ports() == f"{LO}-{HI}"
    assert values.nat_ports() == f"{NAT_GATEWAY_PORTS[0]}-{NAT_GATEWAY_PORTS[1]}"
    assert values.linux_ports() == "-".join(map(str, LINUX_EPHEMERAL_PORTS))


def test_linux_gap_counts_the_ports_outside_linuxs_range() -> None:
    total = HI - LO + 1
    denied = total - (LINUX_EPHEMERAL_PORTS[1] - LINUX_EPHEMERAL_PORTS[0] + 1)
    assert values.linux_gap() == (f"{denied:,} of the {total:,} ports Lambda may pick "
                                  f"({round(100 * denied / total)} %)")
    assert "intermittently" in values.linux_nacl_example()


def test_simplifications_are_quoted_from_the_model() -> None:
    text = values.simplifications()
    for key in values.EGRESS_SIMPLIFICATIONS:
        assert ln.SIMPLIFICATIONS[key].text in text


# --- page and lesson ------------------------------------------------------------------------------


def test_lesson_runs_top_to_bottom(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(LESSON), run_name="__main__")
    out = capsys.readouterr().out
    assert "subnet-private-a: blocked at route table rtb-private" in out
    assert "s3        -> route table rtb-private -> gateway endpoint vpce-s3" in out
    assert "invocations will fail intermittently" in out
