"""Every reproducer of issue 13 (the model and the command line): one table, each row a call
that used to hang, raise another exception type or be accepted, and the error it gets now."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from collections.abc import Callable
from ipaddress import IPv4Network
from pathlib import Path

import pytest

import lambdanet_edu as ln
from lambdanet_edu import (
    Internet,
    LambdaFunction,
    LambdaNetError,
    NetworkAcl,
    QuotaExceeded,
    Subnet,
    compare_ip_models,
    concurrency_timeline,
    destination,
    hyperplane_enis,
    ip_usage,
    lifecycle,
    load_scenario,
)
from lambdanet_edu.aws import audit, describe_outputs, load_inventory
from lambdanet_edu.errors import MAX_MESSAGE_CHARS
from lambdanet_edu.pictures import egress_cost_chart

API = LambdaFunction("api", ["subnet-a"], ["sg-app"])
SUBNET_A = Subnet("subnet-a", "10.0.0.0/24")


class _LyingFloat(float):
    def __repr__(self) -> str:
        return "not a number at all"


class _RaisingFloat(float):
    def __repr__(self) -> str:
        raise RuntimeError("repr refused")


def _deep(depth: int) -> list[object]:
    nested: list[object] = []
    for _ in range(depth):
        nested = [nested]
    return nested


def _twins() -> list[LambdaFunction]:
    return [LambdaFunction("api", ["subnet-a"], ["sg-app"], account_id="111111111111"),
            LambdaFunction("api", ["subnet-a"], ["sg-app"], account_id="222222222222")]


REPRODUCERS: dict[str, tuple[Callable[[], object], str]] = {
    # Overflow ENIs: built one per 65,000 connections before the quota was checked.
    "connections 10**18": (lambda: hyperplane_enis([API], connections={"api": 10**18}),
                           r"^connections\['api'\] must be at most 4,259,515,000"),
    "connections 10**11": (lambda: hyperplane_enis([API], connections={"api": 10**11}),
                           r"could ever carry"),
    "ip_usage connections 10**11": (
        lambda: ip_usage([SUBNET_A], [API], connections={"api": 10**11}), r"could ever carry"),
    "ip_usage checks the ENI quota": (
        lambda: ip_usage([SUBNET_A], [API], connections={"api": 65_000 * 3}, eni_quota=2),
        r"^Hyperplane ENIs per VPC would be 3, over the quota of 2"),
    "ip_usage's default quota": (
        lambda: ip_usage([Subnet("subnet-a", "10.0.0.0/16")],
                         [LambdaFunction(f"f{i}", ["subnet-a"], [f"sg-{i}"]) for i in range(501)]),
        r"would be 501, over the quota of 500"),
    # Other exception types.
    "compare_ip_models(Subnet)": (
        lambda: compare_ip_models(SUBNET_A, [API], peak_concurrency=1),
        r"^subnets must be a list of Subnet"),
    "compare_ip_models(function)": (
        lambda: compare_ip_models([SUBNET_A], API, peak_concurrency=1),
        r"^functions must be a list of LambdaFunction"),
    "lifecycle(None)": (lambda: lifecycle(None), r"^events must be a list"),  # type: ignore[arg-type]
    "lifecycle(5)": (lambda: lifecycle(5), r"^events must be a list"),  # type: ignore[arg-type]
    "destination s3:superscript two": (lambda: destination("s3:\u00b2"), r"^destination must be"),
    "idle superscript two": (lambda: lifecycle(["create", "idle \u00b2"]),
                             r"^events\[1\] must be 'idle N'"),
    "port in Arabic-Indic digits": (
        lambda: destination("10.0.0.9:\u0665\u0664\u0663\u0662"), r"^destination must be"),
    "region in Arabic-Indic digits": (
        lambda: concurrency_timeline(1, scaling="pre-2023", initial_burst="eu-west-\u0663"),
        r"^region must be a Region name"),
    "range(10**20) as demand": (lambda: concurrency_timeline(range(10**20)),
                                r"^demand must be a list of at most 86,400 values"),
    "range(10**20) as a list": (lambda: LambdaFunction("api", range(10**20), ["sg"]),  # type: ignore[arg-type]
                                r"^subnet_ids must be a list of 1 to 16 ids \(at most 100,000"),
    "IPv4Network as a list": (
        lambda: LambdaFunction("api", IPv4Network("10.0.0.0/8"), ["sg"]),  # type: ignore[arg-type]
        r"^subnet_ids must be a list of 1 to 16 ids, got IPv4Network\('10.0.0.0/8'\)"),
    "IPv4Network as subnets": (lambda: ip_usage(IPv4Network("10.0.0.0/8"), []),  # type: ignore[arg-type]
                               r"^subnets must be a list of Subnet"),
    "deeply nested list": (lambda: LambdaFunction("api", [_deep(100_000)], ["sg"]),
                           r"^subnet_ids\[0\] must be a non-empty string"),
    "float subclass with its own repr": (
        lambda: ln.default_max_connections("mysql", _LyingFloat(-1.5)),
        r"^memory_gib must be a number of GiB > 0, got -1.5 \(_LyingFloat\)$"),
    "float subclass whose repr raises": (
        lambda: ln.RdsProxy(pinned_fraction=_RaisingFloat(2.0)),
        r"^pinned_fraction must be a number from 0 to 1, got 2.0 \(_RaisingFloat\)$"),
    # Accepted without complaint.
    "a name two accounts share": (
        lambda: hyperplane_enis(_twins(), connections={"api": 100_000}),
        r"'api' is a function in 2 accounts, so write the account too"),
    "a private address as an internet host": (lambda: Internet(host="10.0.2.15"),
                                              r"^host must be a public host name or address"),
    "functions=''": (lambda: load_scenario({"functions": ""}),
                     r"^functions must be a list of LambdaFunction, got ''$"),
    "an id with NUL": (lambda: LambdaFunction("a\x00b", ["s"], ["g"]),
                       r"^name must be a string of printable characters"),
    "an id with a zero-width space": (lambda: Subnet("subnet-\u200ba", "10.0.0.0/24"),
                                      r"^subnet_id must be a string of printable characters"),
    "an id with an escape": (lambda: LambdaFunction("api", ["s\x1b[31m"], ["g"]),
                             r"^subnet_ids\[0\] must be a string of printable characters"),
    "an id with a right-to-left mark": (lambda: LambdaFunction("api", ["s"], ["g\u200f"]),
                                        r"^security_group_ids\[0\] must be a string of printable"),
    "a lone surrogate": (lambda: LambdaFunction("\ud800", ["s"], ["g"]),
                         r"^name must be a string of printable characters"),
    "eni_quota 'x'": (lambda: load_scenario({"eni_quota": "x"}),
                      r"^eni_quota must be an integer >= 0, got 'x'$"),
    "eni_quota null": (lambda: load_scenario({"eni_quota": None}),
                       r"^eni_quota must be an integer >= 0, got None$"),
    "eni_quota -1": (lambda: load_scenario({"eni_quota": -1}),
                     r"^eni_quota must be an integer >= 0, got -1$"),
    "eni_quota NaN": (lambda: load_scenario({"eni_quota": math.nan}),
                      r"^eni_quota must be an integer >= 0, got nan$"),
    # Quadratic corners: AWS allows at most 40 network ACL rules per direction.
    "41 network ACL rules": (
        lambda: NetworkAcl("acl-1", inbound=[ln.AclRule(i, "allow") for i in range(1, 42)]),
        r"^inbound must be a list of at most 40 rules .*got 41 rules$"),
    # The account reader and writer (issue 15), after the hardening met them.
    "describe_outputs over a whole network": (
        lambda: describe_outputs(ln.starter_vpc(), IPv4Network("0.0.0.0/0")),  # type: ignore[arg-type]
        r"^functions must be a list of LambdaFunction, got IPv4Network"),
    "describe_outputs without a Vpc": (lambda: describe_outputs(range(10**20)),  # type: ignore[arg-type]
                                       r"^vpc must be a Vpc, got range"),
    "describe_outputs with a port 'y'": (
        lambda: describe_outputs(ln.starter_vpc(), database_ports={"orders-db": "y"}),  # type: ignore[dict-item]
        r"^database_ports\['orders-db'\] must be an integer from 1 to 65,535, got 'y'$"),
    "audit without an Inventory": (lambda: audit(range(10**20)),  # type: ignore[arg-type]
                                   r"^inventory must be an Inventory from load_inventory\(\)"),
    "load_inventory from a NUL path": (lambda: load_inventory("a\x00b"),
                                       r"^folder must be an existing folder or bundle file"),
    "load_inventory from a name too long": (lambda: load_inventory("x" * 5_000),
                                            r"^folder must be an existing folder or bundle file"),
    # Egress cost (issue 17): a huge amount overflowed Decimal's 28 digits when cut to cents.
    "egress_cost over 10**4000 GB": (lambda: ln.egress_cost(s3_gb=10**4000),
                                     r"^s3_gb must be at most 1,000,000,000 GB a month"),
    "egress_cost over 1e308 GB": (lambda: ln.egress_cost(internet_gb=1e308),
                                  r"^internet_gb must be at most 1,000,000,000 GB a month"),
    "egress_cost_chart designs 5": (
        lambda: egress_cost_chart(5, max_gb=100),  # type: ignore[arg-type]
        r"^designs must be 1 to 3 \(name, switches\) pairs"),
    "egress_cost_chart with a design ''": (
        lambda: egress_cost_chart([""], max_gb=1),  # type: ignore[list-item]
        r"^designs\[0\] must be a \(name, switches\) pair, got ''$"),
    "text_card with range(10**20) lines": (
        lambda: ln.pictures.text_card("", range(10**20), id="card"),  # type: ignore[arg-type]
        r"^lines must be a list of up to 12 strings"),
    "egress_cost_chart with an unknown switch": (
        lambda: egress_cost_chart([("NAT", {"x": True})], max_gb=100),
        r"^designs\[0\] switches key must be one of 'nat'"),
    "egress_cost_chart with fixed as a range": (
        lambda: egress_cost_chart([("NAT", {})], max_gb=100, fixed=range(10**20)),  # type: ignore[arg-type]
        r"^fixed must be a mapping of egress_cost argument"),
}


@pytest.mark.parametrize("name", list(REPRODUCERS))
def test_reproducer_raises_lambdaneterror_quickly(name: str) -> None:
    call, message = REPRODUCERS[name]
    start = time.perf_counter()
    with pytest.raises(LambdaNetError, match=message) as caught:
        call()
    # Generous: each used to take seconds or forever; now each is one check.
    assert time.perf_counter() - start < 5, name
    assert len(str(caught.value)) <= MAX_MESSAGE_CHARS


def test_a_huge_value_is_cut_in_the_message() -> None:
    huge = "x" * 50_000_000
    with pytest.raises(LambdaNetError) as caught:
        LambdaFunction("api", ["s"], ["g"], memory_mb=huge)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 500
    assert caught.value.value is huge  # the whole value stays on the error for code to inspect
    with pytest.raises(LambdaNetError) as caught:
        hyperplane_enis([API], connections={huge: 1})
    assert len(str(caught.value)) <= MAX_MESSAGE_CHARS


def test_forty_acl_rules_are_allowed() -> None:
    acl = NetworkAcl("acl-1", inbound=[ln.AclRule(i, "allow") for i in range(1, 41)])
    assert len(acl.inbound) == 40


def test_connections_keyed_per_account() -> None:
    a, b = _twins()
    enis = hyperplane_enis([a, b], connections={"111111111111/api": 100_000})
    assert [(e.account_id, e.connections) for e in enis] == [
        ("111111111111", 50_000), ("111111111111", 50_000), ("222222222222", 0)]
    # An unambiguous name still works, and so does the account-qualified key.
    assert hyperplane_enis([API], connections={"api": 1})[0].connections == 1
    assert hyperplane_enis([API], connections={"123456789012/api": 1})[0].connections == 1


def test_overflow_is_counted_not_built_before_the_quota() -> None:
    start = time.perf_counter()
    with pytest.raises(QuotaExceeded, match=r"would be 65,531|would be 65531"):
        hyperplane_enis([API], connections={"api": 65_000 * 65_531})
    assert time.perf_counter() - start < 1


def test_a_public_address_is_an_internet_host() -> None:
    assert Internet(host="8.8.8.8").host == "8.8.8.8"


# The command line: one line on stderr, exit 2, never a traceback.

def _cli(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "lambdanet_edu", *args], capture_output=True,
                          check=False, timeout=60)


def _scenario(tmp_path: Path, data: object, name: str = "s.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def _one_line(done: subprocess.CompletedProcess[bytes], pattern: str) -> None:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("lambdanet-edu: "), err
    assert re.search(pattern, err), err


VPC_SCENARIO = str(Path(__file__).resolve().parent / "data" / "nacl_linux_ports.json")
HUGE = {"subnets": [{"subnet_id": "subnet-a", "cidr": "10.0.0.0/24"}],
        "functions": [{"name": "api", "subnet_ids": ["subnet-a"],
                       "security_group_ids": ["sg-app"]}],
        "connections": {"api": 10**18}}


@pytest.mark.parametrize(
    ("make_args", "pattern"),
    [
        (lambda tmp: ["enis", _scenario(tmp, "[" * 100_000 + "]" * 100_000)],
         r"JSON nested too deeply"),
        (lambda tmp: ["enis", _scenario(tmp, '{"functions": [{"name": "\\ud800", "subnet_ids": '
                                             '["s"], "security_group_ids": ["g"]}]}')],
         r"functions\[0\]\.name must be a string of printable characters.*'\\ud800'"),
        (lambda tmp: ["reach", VPC_SCENARIO, "--function", "\ud800", "--to", "s3"],
         r"no function named '\\ud800'"),
        (lambda tmp: ["reach", VPC_SCENARIO, "--function", b"api\xff", "--to", "s3"],
         r"no function named 'api\\udcff'"),
        (lambda tmp: ["reach", VPC_SCENARIO, "--function", "a\x1b[31mb", "--to", "s3"],
         r"no function named 'a\\x1b\[31mb'"),
        (lambda tmp: ["reach", VPC_SCENARIO, "--function", "api", "--to", "s3:\u00b2"],
         r"destination must be"),
        (lambda tmp: ["enis", _scenario(tmp, HUGE)], r"connections\['api'\] must be at most"),
        (lambda tmp: ["enis", _scenario(tmp, {"eni_quota": "x"})], r"eni_quota must be"),
        (lambda tmp: ["enis", "/dev/zero"], r"/dev/zero is larger than 10,000,000 bytes"),
        (lambda tmp: ["enis", "/dev/urandom"], r"/dev/urandom is larger than 10,000,000 bytes"),
        (lambda tmp: ["enis", _scenario(tmp, {}), "--legacy-peak", "\u0665"],
         r"--legacy-peak: .* is not a whole number"),
        (lambda tmp: ["enis"], r"the following arguments are required: scenario"),
    ],
)
def test_command_line_bad_input(tmp_path: Path, make_args: Callable[[Path], list[str | bytes]],
                                pattern: str) -> None:
    args = make_args(tmp_path)
    if "\ud800" in args:  # an argv a terminal cannot hold: run main() itself
        script = ("import sys; from lambdanet_edu.cli import main; "
                  f"sys.exit(main({args!r}))")
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False,
                              timeout=60)
    else:
        done = _cli(*args)
    _one_line(done, pattern)


def test_help_says_how_large_a_scenario_may_be() -> None:
    done = _cli("enis", "--help")
    assert done.returncode == 0
    assert b"at most 10,000,000 bytes" in done.stdout
