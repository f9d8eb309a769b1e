"""Function configuration: VpcConfig limits, memory limits, accounts, published versions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lambdanet_edu import LambdaFunction, LambdaNetError, PublishedVersion

SUBNETS_16 = [f"subnet-{i}" for i in range(16)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, r"^name must be a non-empty string without spaces, got ''$"),
        ({"name": None}, r"^name must be .*, got None$"),
        ({"subnet_ids": []}, r"^subnet_ids must be a list of 1 to 16 ids, got 0 ids$"),
        ({"subnet_ids": [*SUBNETS_16, "subnet-16"]}, r"^subnet_ids must be a list of 1 to 16 ids, "
                                                     r"got 17 ids$"),
        ({"subnet_ids": "subnet-a"}, r"^subnet_ids must be a list of 1 to 16 ids, got 'subnet-a'$"),
        ({"subnet_ids": ["subnet-a", "subnet-a"]}, r"^subnet_ids must be a list without repeats, "
                                                   r"got 'subnet-a' twice$"),
        ({"subnet_ids": ["subnet-a", 3]}, r"^subnet_ids\[1\] must be a non-empty string without "
                                          r"spaces, got 3$"),
        ({"security_group_ids": []}, r"^security_group_ids must be a list of 1 to 5 ids, got 0 "
                                     r"ids$"),
        ({"security_group_ids": [f"sg-{i}" for i in range(6)]}, r"got 6 ids$"),
        ({"security_group_ids": None}, r"^security_group_ids must be a list of 1 to 5 ids, got "
                                       r"None$"),
        ({"memory_mb": 127}, r"^memory_mb must be an integer from 128 to 10,240, got 127$"),
        ({"memory_mb": 10_241}, r"got 10241$"),
        ({"memory_mb": 1024.0}, r"^memory_mb must be an integer from 128 to 10,240, got 1024\.0$"),
        ({"memory_mb": "1024"}, r"got '1024'$"),
        ({"memory_mb": True}, r"got True$"),
        ({"account_id": "12345"}, r"^account_id must be a 12-digit AWS account id as a string, got "
                                  r"'12345'$"),
        ({"account_id": 123456789012}, r"got 123456789012$"),
        ({"published_versions": [("subnet-a",)]}, r"^published_versions\[0\] must be a "
                                                  r"PublishedVersion"),
        ({"published_versions": [PublishedVersion(1, ["s"], ["g"]),
                                 PublishedVersion(1, ["s"], ["h"])]},
         r"^published_versions must be versions with distinct numbers, got \[1, 1\]$"),
    ],
)
def test_bad_functions(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"name": "f", "subnet_ids": ["subnet-a"],
                               "security_group_ids": ["sg-1"]}
    with pytest.raises(LambdaNetError, match=message):
        LambdaFunction(**{**args, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, (128, "123456789012")),
        ({"memory_mb": 10_240, "account_id": "000000000001"}, (10_240, "000000000001")),
    ],
)
def test_defaults_and_limits_accepted(kwargs: dict[str, object], expected: tuple[int, str]) -> None:
    fn = LambdaFunction("f", SUBNETS_16, [f"sg-{i}" for i in range(5)], **kwargs)  # type: ignore[arg-type]
    assert (fn.memory_mb, fn.account_id) == expected
    assert fn.subnet_ids == tuple(SUBNETS_16)


def test_lists_become_tuples_and_the_value_is_immutable_and_hashable() -> None:
    fn = LambdaFunction("f", ["subnet-a"], ["sg-2", "sg-1"])
    assert fn.security_group_ids == ("sg-2", "sg-1")
    assert fn.security_group_set == {"sg-1", "sg-2"}
    assert hash(fn) == hash(LambdaFunction("f", ("subnet-a",), ("sg-2", "sg-1")))
    with pytest.raises(AttributeError):
        fn.memory_mb = 256  # type: ignore[misc]


def test_publish_freezes_the_configuration_of_the_moment() -> None:
    fn = LambdaFunction("orders", ["subnet-a"], ["sg-old"]).publish()
    fn = replace(fn, security_group_ids=["sg-new"]).publish()
    assert [(c.label, sorted(c.security_group_set)) for c in fn.network_configs] == [
        ("orders", ["sg-new"]), ("orders:1", ["sg-old"]), ("orders:2", ["sg-new"])]


def test_replace_revalidates() -> None:
    fn = LambdaFunction("orders", ["subnet-a"], ["sg-1"])
    with pytest.raises(LambdaNetError, match="memory_mb"):
        replace(fn, memory_mb=64)
