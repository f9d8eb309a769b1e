"""The page "IP addresses and subnets": exercises, page values and lesson agree with the model."""

from __future__ import annotations

import contextlib
import copy
import io
import math
import re
import runpy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lambdanet_edu as ln
from lambdanet_edu.course import EXERCISES, Exercise
from lambdanet_edu.course.topics import ip_addresses as topic
from lambdanet_edu.course.topics.ip_addresses import page as values
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    ENI_QUOTA_PER_VPC,
    ENI_QUOTA_PER_VPC_2023,
    LEGACY_ENI_MEMORY_MB,
    LEGACY_MAX_MEMORY_MB,
    MIN_MEMORY_MB,
    RESERVED_IPS_PER_SUBNET,
    SUBNET_MAX_PREFIX,
    SUBNET_MIN_PREFIX,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "ip-addresses.md"
LESSON = ROOT / "lessons" / "02_ip_addresses.py"

SETTINGS = settings(max_examples=50, deadline=None)
IDS = [ex.id for ex in topic.EXERCISES]


def _reference(ex: Exercise):
    namespace: dict[str, object] = {}
    exec(ex.solution, namespace)
    return namespace[ex.entry]


free_ips = _reference(EXERCISES["subnet-free-ips"])
legacy_ips = _reference(EXERCISES["legacy-eni-formula"])


# --- the exercises --------------------------------------------------------------------------

def test_the_page_has_two_exercises_with_known_wrong_answers() -> None:
    assert IDS == ["legacy-eni-formula", "subnet-free-ips"]
    assert all(2 <= len(ex.misconceptions) <= 4 for ex in topic.EXERCISES)


@pytest.mark.parametrize("ex", topic.EXERCISES, ids=IDS)
def test_each_misconception_differs_from_the_answer_and_the_others_on_a_fixed_case(
        ex: Exercise) -> None:
    right = _reference(ex)
    answers = {m.key: [m.predict(*copy.deepcopy(c.args)) for c in ex.cases]
               for m in ex.misconceptions}
    truth = [right(*copy.deepcopy(c.args)) for c in ex.cases]
    for key, predicted in answers.items():
        assert predicted != truth, key
    keys = list(answers)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            assert answers[a] != answers[b], (a, b)


@pytest.mark.parametrize(
    ("peak", "memory_mb", "expected"),
    [(10, 1024, 4), (100, 2048, 67), (502, 1536, 251), (503, 1536, 252), (0, 512, 0),
     (1, MIN_MEMORY_MB, 1), (3, LEGACY_ENI_MEMORY_MB, 3)],
)
def test_legacy_solution_on_known_examples(peak: int, memory_mb: int, expected: int) -> None:
    """ServerFault's 10 x 1 GB -> 4 and the corrected 100 x 2 GB -> 67; a /24 at 1.5 GB -> 502."""
    assert legacy_ips(peak, memory_mb) == ln.legacy_eni_count(peak, memory_mb) == expected


@SETTINGS
@given(st.integers(0, 20_000), st.integers(MIN_MEMORY_MB, LEGACY_MAX_MEMORY_MB))
def test_legacy_solution_agrees_with_the_model(peak: int, memory_mb: int) -> None:
    """Pre-2019: "Projected peak concurrent executions * (Memory in GB / 3GB)" ENIs."""
    got = legacy_ips(peak, memory_mb)
    assert got == ln.legacy_eni_count(peak, memory_mb)
    assert got - 1 < peak * memory_mb / LEGACY_ENI_MEMORY_MB <= got


GROUPS = ["sg-app", "sg-db", "sg-cache"]
OTHER_SUBNETS = ["subnet-b", "subnet-c"]
_config = st.tuples(st.lists(st.sampled_from(OTHER_SUBNETS), unique=True, max_size=2),
                    st.lists(st.sampled_from(GROUPS), unique=True, min_size=1, max_size=3))
_function = st.tuples(_config, st.lists(st.tuples(st.booleans(), _config), max_size=2))


def _build(specs) -> list[ln.LambdaFunction]:
    functions = []
    for i, ((others, groups), versions) in enumerate(specs):
        published = []
        for n, (here, (v_others, v_groups)) in enumerate(versions, start=1):
            v_subnets = ([topic.SUBNET] if here else []) + v_others
            published.append(ln.PublishedVersion(n, v_subnets or ["subnet-b"], v_groups))
        functions.append(ln.LambdaFunction(f"fn{i}", [topic.SUBNET, *others], groups,
                                           published_versions=published))
    return functions


def _subnets(cidr: str) -> list[ln.Subnet]:
    return [ln.Subnet(topic.SUBNET, cidr), ln.Subnet("subnet-b", "10.1.0.0/24"),
            ln.Subnet("subnet-c", "10.2.0.0/24")]


@SETTINGS
@given(st.integers(24, SUBNET_MAX_PREFIX), st.lists(_function, min_size=1, max_size=4))
def test_free_ips_solution_agrees_with_ip_usage(prefix: int, specs) -> None:
    """Lambda shares one Hyperplane ENI per subnet and security-group combination, functions
    and published versions alike, and AWS reserves five addresses of every subnet."""
    functions = _build(specs)
    cidr = f"10.0.0.0/{prefix}"
    assert free_ips(cidr, functions) == ln.ip_usage(_subnets(cidr), functions)[topic.SUBNET].free


@pytest.mark.parametrize("ex", topic.EXERCISES, ids=IDS)
def test_random_cases_are_valid_and_fast_to_grade(ex: Exercise) -> None:
    cases = ex.all_cases(seed=7)
    right = _reference(ex)
    for case in cases:
        right(*copy.deepcopy(case.args))
    if ex.id == "subnet-free-ips":
        for case in cases:
            cidr, functions = case.args
            usage = ln.ip_usage(_subnets(cidr), functions)[topic.SUBNET]
            assert usage.free == right(cidr, functions) and not usage.shortfall


# --- the AWS rules the page states ----------------------------------------------------------

@SETTINGS
@given(st.integers(SUBNET_MIN_PREFIX, SUBNET_MAX_PREFIX), st.integers(0, 255))
def test_usable_addresses_are_the_block_minus_five(prefix: int, second: int) -> None:
    """"The first four IP addresses and the last IP address in each subnet CIDR block are not
    available for your use" (Amazon VPC, subnet sizing); subnets run from /16 to /28."""
    network = f"10.{second}.0.0/{prefix}"
    subnet = ln.Subnet("subnet-a", network)
    expected = 2 ** (32 - prefix) - RESERVED_IPS_PER_SUBNET
    assert subnet.usable_ips == ln.usable_ips(network) == expected
    base = int(subnet.cidr.network_address)
    reserved = [int(r.address) - base for r in subnet.reserved_addresses]
    assert reserved == [0, 1, 2, 3, subnet.total_ips - 1]


@SETTINGS
@given(st.integers(1, 40), st.integers(0, 5_000))
def test_todays_addresses_do_not_grow_with_concurrency(functions_count: int, peak: int) -> None:
    """"Other functions in your account that use the same subnet and security group
    combination can also use this ENI": addresses follow combinations, not concurrency."""
    subnets = [ln.Subnet("subnet-a", "10.0.0.0/22")]
    functions = [ln.LambdaFunction(f"fn{i}", ["subnet-a"], [f"sg-{i % 3}"], memory_mb=1024)
                 for i in range(functions_count)]
    row = ln.compare_ip_models(subnets, functions, peak_concurrency=peak)["subnet-a"]
    assert row.hyperplane.lambda_enis == min(functions_count, 3)
    assert row.legacy.lambda_enis == functions_count * ln.legacy_eni_count(peak, 1024)


@SETTINGS
@given(st.integers(SUBNET_MIN_PREFIX + 4, SUBNET_MAX_PREFIX),
       st.integers(MIN_MEMORY_MB, LEGACY_MAX_MEMORY_MB))
def test_the_highest_legacy_peak_a_subnet_carries(prefix: int, memory_mb: int) -> None:
    """Before 2019 "the subnets you specify should have sufficient available IP addresses to
    match the number of ENIs": the peak that fits is usable x 3 GB / memory, rounded down."""
    cidr = f"10.0.0.0/{prefix}"
    usable = ln.usable_ips(cidr)
    highest = usable * LEGACY_ENI_MEMORY_MB // memory_mb
    assert ln.legacy_eni_count(highest, memory_mb) <= usable
    assert ln.legacy_eni_count(highest + 1, memory_mb) > usable
    if prefix >= 24:  # keep the page's search loop cheap in the test too
        assert values._largest_peak(cidr, memory_mb) == highest


# --- page values ----------------------------------------------------------------------------



def _model_numbers() -> dict[str, list[str]]:
    subnet = ln.Subnet("subnet-a", "10.0.0.0/24")
    quota_needed = values.QUOTA_FUNCTIONS * values.QUOTA_SUBNETS
    overflow = values.OVERFLOW_CONNECTIONS
    return {
        "sharing_example": [f"**{len(ln.hyperplane_enis(values._ten_functions()))} "
                            "Hyperplane ENI**"],
        "exhaust_24": [f"**{ln.usable_ips('10.0.0.0/24') * LEGACY_ENI_MEMORY_MB // 1536:,} "
                       "concurrent executions**"],
        "legacy_examples": [f"| {ln.legacy_eni_count(p, m):,} |"
                            for p, m in values.LEGACY_EXAMPLES],
        "legacy_formula": [f"{LEGACY_ENI_MEMORY_MB // 2**10} GB)"],
        "mb_per_gb": ["1,024"],
        "reserved_table": [f"`{r.address}`" for r in subnet.reserved_addresses],
        "prefix_table": [f"| /{p} | {2 ** (32 - p):,} | {ln.usable_ips(f'10.0.0.0/{p}'):,} |"
                         for p in (SUBNET_MAX_PREFIX, 24, SUBNET_MIN_PREFIX)],
        "smallest_subnet": [f"{ln.usable_ips(f'10.0.0.0/{SUBNET_MAX_PREFIX}'):,}"],
        "largest_subnet": [f"{ln.usable_ips(f'10.0.0.0/{SUBNET_MIN_PREFIX}'):,}"],
        "quota_example": [f"**{quota_needed:,} combinations**",
                          f"over the quota of {ENI_QUOTA_PER_VPC}",
                          f"**{ENI_QUOTA_PER_VPC // values.QUOTA_SUBNETS:,}**",
                          f"**{ENI_QUOTA_PER_VPC_2023 // values.QUOTA_SUBNETS:,}**"],
        "overflow_note": [f"need {math.ceil(overflow / CONNECTIONS_PER_HYPERPLANE_ENI)} ENIs",
                          f"{CONNECTIONS_PER_HYPERPLANE_ENI:,}"],
        "simplifications": [ln.SIMPLIFICATIONS[k].text for k in values._SIMPLIFIED],
        "runs_out_example": [str(ln.ip_usage(*values._crowded())["subnet-a"])],
        "claim_table": [f"| {claim} | {model} |" for _, claim, model in values._claims()],
    }


@pytest.mark.parametrize(("name", "expected"), sorted(_model_numbers().items()))
def test_page_values_show_the_models_numbers(name: str, expected: list[str]) -> None:
    text = getattr(values, name)()
    for piece in expected:
        assert piece in text, (name, piece)


def test_the_claim_table_holds_only_for_one_combination_per_function() -> None:
    """Holds for own SG sets in one subnet; fewer when shared; more for subnets, versions and
    connection overflow."""
    verdicts = [claim == model for _, claim, model in values._claims()]
    assert verdicts == [True, False, False, False, False]


@pytest.mark.parametrize("name", ["today_tab", "legacy_tab"])
def test_tab_values_stay_inside_their_tab(name: str) -> None:
    text = getattr(values, name)()
    for line in text.splitlines()[1:]:
        assert line.startswith("    "), line
    rows = values._side_by_side_rows()
    column = "hyperplane" if name == "today_tab" else "legacy"
    for peak, row in rows:
        usage = getattr(row, column)
        assert f"| {peak:,} | {usage.lambda_enis:,} | {usage.free:,} |" in text


# --- the page and the lesson ----------------------------------------------------------------

SHORTCODE = re.compile(r"\[\[(\w+)(?:\s+([\w.\-]+))?\]\]")


#: A number as a page or code types it: 65,000, 65_000 or 65000 (not parts of 10.0.0.255).
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[,_]\d{3})+(?!\w)|(?<![\w.,])\d+(?![\w,])")


def test_the_lesson_runs_top_to_bottom() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(LESSON), run_name="__main__")
    printed = out.getvalue()
    assert "Hyperplane ENIs for 10 functions" in printed
    assert "highest peak that fits" in printed
