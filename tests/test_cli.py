"""The command line, run as a learner would: ``python -m lambdanet_edu``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "subnets": [{"subnet_id": "subnet-a", "cidr": "10.0.0.0/24"},
                {"subnet_id": "subnet-b", "cidr": "10.0.1.0/28",
                 "availability_zone": "eu-west-1b"}],
    "functions": [
        {"name": "api", "subnet_ids": ["subnet-a", "subnet-b"], "security_group_ids": ["sg-app"],
         "memory_mb": 1024},
        {"name": "jobs", "subnet_ids": ["subnet-a"], "security_group_ids": ["sg-app"],
         "published_versions": [{"version": 1, "subnet_ids": ["subnet-a"],
                                 "security_group_ids": ["sg-old"]}]},
    ],
    "other_enis": {"subnet-b": 2},
}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lambdanet_edu", *args], capture_output=True,
                          text=True, check=False, cwd=cwd)


def write(tmp_path: Path, data: object, name: str = "scenario.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_enis_text(tmp_path: Path) -> None:
    done = run("enis", str(write(tmp_path, GOOD)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:4] == [
        "Hyperplane ENIs: 3 (VPC quota 500)",
        "  ENI in subnet-a [sg-app] used by api, jobs",
        "  ENI in subnet-b [sg-app] used by api",
        "  ENI in subnet-a [sg-old] used by jobs:1",
    ]
    assert "subnet-b (10.0.1.0/28): 3 of 11 usable addresses used (1 Lambda, 2 other), 8 free" \
        in done.stdout
    assert "Simplifications:" in done.stdout and "one private IPv4 address" in done.stdout


def test_enis_json_with_the_legacy_model(tmp_path: Path) -> None:
    done = run("enis", str(write(tmp_path, GOOD)), "--json", "--legacy-peak", "30")
    assert done.returncode == 0, "the pre-2019 figures are for comparison: only today's can fail"
    out = json.loads(done.stdout)
    assert out["eni_quota"] == {"used": 3, "quota": 500, "exceeded": False}
    assert out["subnets"]["subnet-a"]["used"] == 2
    # api: 30 x 1 GB / 3 GB = 10 ENIs over two subnets; jobs: 30 x 128 MB / 3 GB -> 2 ENIs.
    assert out["legacy"]["subnet-a"]["lambda"] == 5 + 2
    assert out["legacy"]["subnet-b"] == {"cidr": "10.0.1.0/28", "usable": 11, "lambda": 5,
                                         "other": 2, "used": 7, "free": 4, "exhausted": False}


def test_quota_exceeded_exits_1(tmp_path: Path) -> None:
    done = run("enis", str(write(tmp_path, {**GOOD, "eni_quota": 2})))
    assert done.returncode == 1
    assert done.stdout.startswith("Hyperplane ENIs: 3 (VPC quota 2, EXCEEDED)")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", r"scenario\.json: not valid JSON: Expecting property name enclosed in double quotes "
              r"at line 1 column 2"),
        ([], r"scenario\.json: scenario must be a JSON object, got \[\]"),
        ({"subnet": []}, r"scenario\.json: scenario must be an object with keys 'subnets', .*got "
                         r"unknown key 'subnet'"),
        ({**GOOD, "functions": [{**GOOD["functions"][0], "memory_mb": "1GB"}]},
         r"scenario\.json: functions\[0\]\.memory_mb must be an integer from 128 to 10,240, got "
         r"'1GB'"),
        ({**GOOD, "functions": [{"name": "x", "subnet_ids": ["subnet-a"]}]},
         r"scenario\.json: functions\[0\]\.security_group_ids must be given \(it is required\), "
         r"got nothing"),
        ({**GOOD, "subnets": [{"subnet_id": "subnet-a", "cidr": "10.0.0.0/30"}]},
         r"scenario\.json: subnets\[0\]\.subnet prefix must be between /16 and /28, got /30"),
        ({**GOOD, "functions": [{**GOOD["functions"][1], "published_versions": [
            {"version": 1, "subnet_ids": [], "security_group_ids": ["sg"]}]}]},
         r"functions\[0\]\.published_versions\[0\]\.subnet_ids must be a list of 1 to 16 ids, got "
         r"0 ids"),
        ({**GOOD, "other_enis": {"subnet-q": 1}},
         r"other_enis key must be one of the subnets \('subnet-a', 'subnet-b'\), got 'subnet-q'"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, content: object, message: str) -> None:
    done = run("enis", str(write(tmp_path, content)))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("lambdanet-edu: ")
    assert re.search(message, done.stderr), done.stderr


def test_missing_file(tmp_path: Path) -> None:
    done = run("enis", str(tmp_path / "nope.json"))
    assert (done.returncode, done.stderr.strip()) == (
        2, f"lambdanet-edu: cannot read {tmp_path / 'nope.json'}: No such file or directory")


def test_usable_and_facts() -> None:
    done = run("usable", "10.0.0.0/16", "10.0.0.0/28")
    assert done.stdout.splitlines() == ["10.0.0.0/16: 65,531 usable of 65,536 (AWS reserves 5)",
                                        "10.0.0.0/28: 11 usable of 16 (AWS reserves 5)"]
    facts = json.loads(run("facts", "--json").stdout)
    assert facts["connections_per_hyperplane_eni"]["value"] == 65_000
    assert facts["eni_quota_per_vpc"]["source"].startswith("https://docs.aws.amazon.com/lambda/")
    assert "checked" in run("facts").stdout


def test_usage_errors_go_through_argparse() -> None:
    done = run("enis")
    assert done.returncode == 2 and "the following arguments are required: scenario" in done.stderr


DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("destination", "status", "words"),
    [
        # The NACL lets replies in on the Linux range only: blocked, and said to be intermittent.
        ("s3", 1, ["32768-61000", "1024-65535", "intermittently"]),
        ("internet", 1, ["acl-1", "fail intermittently"]),
    ],
)
def test_reach_from_a_vpc_scenario(destination: str, status: int, words: list[str]) -> None:
    done = run("reach", str(DATA / "nacl_linux_ports.json"), "--function", "api",
               "--to", destination)
    assert done.returncode == status, done.stderr
    for word in words:
        assert word in done.stdout


def test_reach_names_unknown_functions_and_needs_a_vpc(tmp_path: Path) -> None:
    done = run("reach", str(DATA / "nacl_linux_ports.json"), "--function", "apx", "--to", "s3")
    assert done.returncode == 2 and "no function named 'apx' (functions: 'api')" in done.stderr
    done = run("reach", str(write(tmp_path, GOOD)), "--function", "api", "--to", "s3")
    assert done.returncode == 2 and "'reach' needs a 'vpc' object" in done.stderr


def test_a_vpc_scenario_counts_the_nat_gateway_address() -> None:
    done = run("enis", str(DATA / "nacl_linux_ports.json"), "--json")
    out = json.loads(done.stdout)
    assert out["subnets"]["subnet-public"]["other"] == 1  # nat-1 sits there
    assert out["subnets"]["subnet-private"]["lambda"] == 1
