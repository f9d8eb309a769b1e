"""Every quiz of the course: each variant's answer key re-derived here from the model (or from
the facts by hand where the arithmetic is short), the misconceptions, the JSON contract, and ids
that stay stable."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lambdanet_edu as ln
from lambdanet_edu import FACTS
from lambdanet_edu.aws import sample_functions
from lambdanet_edu.course import QUIZZES, compiled_quizzes
from lambdanet_edu.course.quizzes import FORMAT, compile_quiz
from lambdanet_edu.course.quizzes.markup import inline_html

GOLDEN = Path(__file__).parent / "golden" / "quiz_ids.json"


def fact(name: str) -> Any:
    return FACTS[name].value


def private_fn() -> ln.LambdaFunction:
    return ln.LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], ["sg-lambda"])


def service_paths(service: str) -> list[bool]:
    """Which of the four changes reach the service, in the order the question lists them."""
    def endpoint_on(table: str) -> ln.Vpc:
        return dataclasses.replace(ln.starter_vpc(nat=False), gateway_endpoints=(
            ln.GatewayEndpoint("vpce-x", service, [table]),))
    public_fn = ln.LambdaFunction("orders", ["subnet-public-a"], ["sg-lambda"])
    return [ln.can_reach(endpoint_on("rtb-private"), private_fn(), service).reachable,
            ln.can_reach(ln.starter_vpc(), private_fn(), service).reachable,
            ln.can_reach(endpoint_on("rtb-public"), private_fn(), service).reachable,
            ln.can_reach(ln.starter_vpc(nat=False), public_fn, service).reachable]


def idle_events(story: str) -> list[str]:
    days = fact("inactive_after_idle_days")
    return {"new": ["create", "invoke"],
            "idle": ["create", "eni_ready", f"idle {days}", "invoke"],
            "almost": ["create", "eni_ready", f"idle {days - 1}", "invoke"]}[story]


def postgres_limit(gib: int) -> int:
    return min(gib * 2**30 // fact("postgres_bytes_per_connection"),
               fact("postgres_max_connections_cap"))


def mysql_limit(gib: int) -> int:
    return gib * 2**30 // fact("mysql_bytes_per_connection")


#: "quiz/question" -> the answer key from a variant's parameters: a number, an address, the
#: value of the right choice (predict) or the list of correct flags (computed choices).
ORACLES: dict[str, Callable[..., Any]] = {
    # one ENI per (subnet, security groups) pair of every configuration, versions included
    "your-network/sample-enis": lambda function_count: len({
        (s, c.security_group_set) for f in sample_functions()[:function_count]
        for c in f.network_configs for s in c.subnet_ids}),
    "start/database-fan-out": lambda concurrency: (
        concurrency - fact("mysql_db_t3_micro_max_connections")),
    "where-it-runs/enis-for-group-order": lambda subnets: subnets,  # one shared set per subnet
    "where-it-runs/version-keeps-eni": lambda subnets: 2 * subnets,  # two sets per subnet
    "where-it-runs/invoke-after-events": lambda story: ln.lifecycle(
        idle_events(story))[-1].invocation,
    "where-it-runs/eni-delete-minutes": lambda: fact("eni_delete_minutes"),
    "ip-addresses/usable-addresses": lambda cidr: (
        ipaddress.ip_network(cidr).num_addresses - fact("reserved_ips_per_subnet")),
    "ip-addresses/shared-enis": lambda count, subnets, concurrency: len(ln.hyperplane_enis(
        [ln.LambdaFunction(f"f{i}", [f"s{j}" for j in range(subnets)], ["sg"])
         for i in range(count)])),
    "ip-addresses/legacy-enis": lambda peak, memory_mb: math.ceil(
        peak * memory_mb / fact("legacy_eni_memory_mb")),
    "ip-addresses/router-address": lambda cidr: str(ipaddress.ip_network(cidr)[1]),
    "ip-addresses/free-after-enis": lambda cidr, count: (
        ipaddress.ip_network(cidr).num_addresses - fact("reserved_ips_per_subnet") - 1),
    "egress/public-subnet": lambda nat: ln.can_reach(
        ln.starter_vpc(nat=nat), ln.LambdaFunction("f", ["subnet-public-a"], ["sg-lambda"]),
        "internet").reachable,
    "egress/reach-without-nat": lambda destination: ln.can_reach(
        ln.starter_vpc(nat=False), private_fn(), destination).reachable,
    "egress/service-paths": service_paths,
    "scaling/seconds-to-reach": lambda demand, account_limit: (
        fact("scaling_period_s") * (math.ceil(demand / fact("scaling_step")) - 1)),
    "scaling/reserved-cap": lambda demand, reserved: min(demand, reserved),
    "scaling/most-to-reserve": lambda account_limit: (
        account_limit - fact("unreserved_concurrency_min")),
    "scaling/pool-refused": lambda clients, pool_size, memory_gib: (
        clients - postgres_limit(memory_gib) // pool_size),
    "scaling/proxy-open": lambda clients, percent_active: min(
        math.ceil(clients * percent_active / 100), mysql_limit(2)),
    "troubleshooting/dns-attributes": lambda support, hostnames: support and hostnames,
    "troubleshooting/failed-reason": lambda existing, role: (
        "InsufficientRolePermissions" if role != "managed" else
        "EniLimitExceeded" if existing + 2 > fact("eni_quota_per_vpc") else "Active"),
    "troubleshooting/nat-idle": lambda idle_seconds: (
        0 if idle_seconds >= fact("nat_idle_timeout_s") else 40),
    "troubleshooting/nat-errors": lambda connections, addresses: max(
        0, connections - addresses * fact("nat_connections_per_destination")),
    # Only an IPv6 destination gets out through the egress-only gateway.
    "egress/ipv6-reach": lambda destination: destination == "internet6",
    # The endpoint adds its hours in 2 AZs and saves the NAT/endpoint per-GB difference.
    "egress/cheaper-for-sqs": lambda gb: "endpoint" if (
        2 * fact("hours_per_month") * fact("interface_endpoint_usd_per_az_hour")
        < gb * (fact("nat_gateway_usd_per_gb") - fact("interface_endpoint_usd_per_gb")))
        else "nat",
    # The pollers reach any maximum up to 300 within the minute (5 + 300 a minute).
    "scaling/queue-cap": lambda maximum, surge: min(maximum, surge),
    "scaling/provisioned-hold": lambda provisioned: provisioned,
}

#: Choice questions whose key the author states (no number in them to compute).
AUTHORED = {"start/where-code-runs", "start/what-takes-addresses", "where-it-runs/who-can-connect",
            "ip-addresses/what-adds-addresses", "egress/nat-route", "egress/nacl-replies",
            "scaling/rate-per-function", "troubleshooting/where-to-look",
            "your-network/what-the-reader-needs",
            "your-network/more-enis-than-expected", "your-network/one-subnet-fails",
            "egress/ipv6-flag", "scaling/over-the-cap"}

VARIANTS = [(quiz.id, q, n, v) for quiz in QUIZZES.values() for q in quiz.questions
            for n, v in enumerate(q.rendered, start=1)]


def variant_id(case: tuple[str, Any, int, Any]) -> str:
    return f"{case[0]}/{case[1].id}/v{case[2]}"


def test_every_question_is_checked_here_or_authored() -> None:
    keys = {f"{quiz.id}/{q.id}" for quiz in QUIZZES.values() for q in quiz.questions}
    assert keys == set(ORACLES) | AUTHORED
    assert not set(ORACLES) & AUTHORED


@pytest.mark.parametrize("case", VARIANTS, ids=[variant_id(c) for c in VARIANTS])
def test_answer_key_matches_the_model(case: tuple[str, Any, int, Any]) -> None:
    quiz_id, question, _, variant = case
    key = f"{quiz_id}/{question.id}"
    if key in AUTHORED:
        assert question.kind in ("single", "multiple") and len(question.variants) == 1
        assert sum(c.correct for c in variant.choices) >= 1
        return
    expected = ORACLES[key](**variant.params)
    if question.kind == "multiple":
        assert [c.correct for c in variant.choices] == expected
    elif question.input == "single":
        (right,) = [c for c in variant.choices if c.correct]
        assert right.value == expected
    elif question.input == "address":
        assert variant.answer == expected
    else:
        assert variant.answer == expected and type(variant.answer) is type(expected)


@pytest.mark.parametrize("case", VARIANTS, ids=[variant_id(c) for c in VARIANTS])
def test_every_wrong_answer_names_a_misconception_and_differs_from_the_key(
        case: tuple[str, Any, int, Any]) -> None:
    _, question, _, variant = case
    for choice in variant.choices:
        if not choice.correct:
            assert choice.misconception and choice.explanation
    for value, misconception in variant.wrong:
        assert misconception.name and misconception.explanation
        assert value != variant.answer
        if question.input == "number":
            assert abs(value - variant.answer) > question.tolerance
    values = [value for value, _ in variant.wrong]
    assert len(set(values)) == len(values)


def test_every_page_quiz_has_four_to_nine_questions_and_the_start_three() -> None:
    # Nine, not six, since the Egress and Scaling pages gained IPv6, cost and database-control
    # sections (issue 17), each with its questions.
    sizes = {quiz_id: len(quiz.questions) for quiz_id, quiz in QUIZZES.items()}
    assert list(sizes) == ["start", "where-it-runs", "ip-addresses", "egress", "scaling",
                          "troubleshooting", "your-network"]
    assert sizes.pop("start") == 3
    assert all(4 <= size <= 9 for size in sizes.values()), sizes


def _check_html(value: object) -> None:
    assert isinstance(value, str)
    stripped = value.replace("<code>", "").replace("</code>", "").replace(
        "<strong>", "").replace("</strong>", "")
    assert "<" not in stripped and ">" not in stripped, value


@pytest.mark.parametrize("compiled", compiled_quizzes(), ids=lambda c: c["id"])
def test_compiled_json_follows_the_contract(compiled: dict[str, Any]) -> None:
    assert list(compiled) == ["format", "id", "title", "version", "questions"]
    assert compiled["format"] == FORMAT == 1
    assert isinstance(compiled["title"], str) and compiled["title"]
    assert len(compiled["version"]) == 12 and int(compiled["version"], 16) >= 0
    assert json.loads(json.dumps(compiled, allow_nan=False)) == compiled
    for question in compiled["questions"]:
        assert list(question) == ["id", "kind", "input", "variants"]
        assert question["kind"] in ("single", "multiple", "number", "address", "predict")
        assert question["input"] in ("single", "multiple", "number", "address")
        assert question["variants"]
        for v in question["variants"]:
            assert list(v) == ["prompt", "code", "choices", "answer", "wrong", "explanation",
                               "text", "mistakes"]
            for m in v["mistakes"]:  # kinds of slip the compiler found (number answers only)
                assert list(m) == ["values", "name", "explanation"] and m["values"]
                _check_html(m["explanation"])
            for text in (v["prompt"], v["explanation"]):
                _check_html(text)
            assert isinstance(v["text"], str) and "<" not in inline_html(v["text"]).replace(
                "&lt;", "")
            assert (v["code"] is None) == (question["kind"] != "predict")
            if question["input"] in ("single", "multiple"):
                assert v["answer"] is None and v["wrong"] == [] and len(v["choices"]) >= 2
                for c in v["choices"]:
                    assert list(c) == ["id", "html", "correct", "misconception", "explanation"]
                    _check_html(c["html"])
                    _check_html(c["explanation"])
                    assert (c["misconception"] is None) == c["correct"]
                assert len({c["id"] for c in v["choices"]}) == len(v["choices"])
            else:
                assert v["choices"] == []
                for w in v["wrong"]:
                    assert list(w) == ["value", "misconception", "explanation"]
                    _check_html(w["explanation"])
            if question["input"] == "number":
                answer = v["answer"]
                assert list(answer) == ["value", "tolerance", "unit"]
                assert isinstance(answer["value"], int | float)
                assert all(isinstance(w["value"], int | float) for w in v["wrong"])
            if question["input"] == "address":
                assert v["answer"]["form"] in ("ip", "cidr")
                assert v["answer"]["value"] in v["answer"]["accept"]
                assert all(isinstance(w["value"], str) for w in v["wrong"])


def test_compiling_is_deterministic_and_the_version_follows_the_content() -> None:
    quiz = QUIZZES["ip-addresses"]
    assert json.dumps(compile_quiz(quiz)) == json.dumps(compile_quiz(quiz))
    shorter = dataclasses.replace(quiz, questions=quiz.questions[:-1])
    assert compile_quiz(shorter)["version"] != compile_quiz(quiz)["version"]


def test_question_ids_are_stable() -> None:
    """Ids are what saved progress and LMS imports refer to: they change only on purpose."""
    ids = [f"{quiz.id}/{q.id}" for quiz in QUIZZES.values() for q in quiz.questions]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(ids, indent=2) + "\n", encoding="utf-8")
    assert ids == json.loads(GOLDEN.read_text(encoding="utf-8"))
