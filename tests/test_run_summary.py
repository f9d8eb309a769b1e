"""A Run shows a short, readable summary of the value, and the full value apart
(lambdanet_edu/course/summary.py, and the run mode of grading.grade)."""

from __future__ import annotations

import json

import pytest

from lambdanet_edu import RouteTable, Subnet, Vpc, starter_vpc
from lambdanet_edu.course import grade_json
from lambdanet_edu.course.summary import VALUE_LIMIT, full_value, summary


@pytest.mark.parametrize(("value", "expected"), [
    (42, "42"),
    ("ok", "'ok'"),
    (None, "None"),
    ([1, 2, 3], "[1, 2, 3]"),
    (list(range(100)), "a list of 100: [0, 1, 2, 3, 4, ...]"),
    (frozenset({"b", "a"}), "['a', 'b']"),
    # A few model values side by side each get a summary; more are named by their ids.
    ((Subnet("subnet-a", "10.0.1.0/24"), Subnet("subnet-b", "10.0.2.0/24")),
     "(Subnet subnet-a: cidr 10.0.1.0/24; Subnet subnet-b: cidr 10.0.2.0/24)"),
    ([Subnet(f"subnet-{n}", f"10.0.{n}.0/24") for n in range(4)],
     "[subnet-0, subnet-1, subnet-2, subnet-3]"),
    (Vpc("vpc-1", "10.0.0.0/16", subnets=(Subnet("subnet-a", "10.0.1.0/24"),),
         route_tables=(RouteTable("rtb-main", main=True),)),
     "Vpc vpc-1: cidr 10.0.0.0/16, subnets [subnet-a], route_tables [rtb-main]"),
])
def test_summary_reads_short(value: object, expected: str) -> None:
    assert summary(value) == expected


def test_a_starter_vpc_summary_names_its_parts_and_stays_short() -> None:
    text = summary(starter_vpc())
    assert text.startswith("Vpc vpc-starter: cidr 10.0.0.0/16, subnets [subnet-public-a, ")
    assert "route_tables [rtb-public, rtb-private]" in text
    assert len(text) <= 300


def test_a_value_whose_repr_raises_still_gets_a_summary() -> None:
    class Odd:
        def __repr__(self) -> str:
            raise ValueError("no")

    assert summary(Odd()) == "a Odd value"
    assert full_value(Odd()) == "(the value could not be shown: ValueError)"


def test_full_value_is_laid_out_and_capped() -> None:
    assert "\n" in full_value(starter_vpc())
    assert len(full_value("x" * (VALUE_LIMIT * 2))) <= VALUE_LIMIT + 4


def test_run_returns_the_summary_and_the_full_value() -> None:
    code = ("from lambdanet_edu import LambdaFunction, starter_vpc\n"
            "vpc = starter_vpc(nat=False)\n"
            'orders = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])\n'
            "deployment = (vpc, orders)\n")
    reply = json.loads(grade_json("give-internet-access", code, "run"))
    assert reply["status"] == "ran"
    assert reply["message"].startswith(
        "deployment = (Vpc vpc-starter: cidr 10.0.0.0/16, subnets [subnet-public-a, ")
    assert reply["message"].endswith("; LambdaFunction orders: subnet_ids ['subnet-private-a'], "
                                     "security_group_ids ['sg-lambda'])")
    assert reply["value"].startswith("(Vpc(vpc_id='vpc-starter'")
    # A check carries no full value: its feedback is the explanation.
    assert "value" not in json.loads(grade_json("give-internet-access", code, "check"))


def test_a_function_run_summarises_what_it_returned() -> None:
    code = "def eni_count(functions):\n    return len(functions)\n"
    reply = json.loads(grade_json("eni-count", code, "run"))
    assert reply["message"].endswith(f"eni_count returned {reply['value']}.")
