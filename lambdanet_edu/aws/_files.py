"""Private: which command outputs the reader needs, and reading them from a folder or a mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from lambdanet_edu.errors import LambdaNetError

__all__ = ["MULTI", "OPTIONAL", "PERMISSIONS", "REQUIRED", "read_source", "required_output"]

#: File name -> the read-only command whose JSON output it holds (``--output json``).
REQUIRED: Final = {
    "describe-vpcs.json": "aws ec2 describe-vpcs",
    "describe-subnets.json": "aws ec2 describe-subnets",
    "describe-route-tables.json": "aws ec2 describe-route-tables",
    "describe-internet-gateways.json": "aws ec2 describe-internet-gateways",
    "describe-egress-only-internet-gateways.json": "aws ec2 describe-egress-only-internet-gateways",
    "describe-nat-gateways.json": "aws ec2 describe-nat-gateways",
    "describe-vpc-endpoints.json": "aws ec2 describe-vpc-endpoints",
    "describe-security-groups.json": "aws ec2 describe-security-groups",
    "describe-network-acls.json": "aws ec2 describe-network-acls",
    "describe-network-interfaces.json": "aws ec2 describe-network-interfaces",
    "list-functions.json": "aws lambda list-functions",
}
OPTIONAL: Final = {
    "describe-db-instances.json": "aws rds describe-db-instances",
}
#: Outputs run once per function or per VPC: any file whose name starts with the key (such as
#: ``list-versions-by-function-orders.json``); each holds one output or a list of them.
MULTI: Final = {
    "list-versions-by-function": "aws lambda list-versions-by-function --function-name NAME",
    "describe-vpc-attribute": ("aws ec2 describe-vpc-attribute --vpc-id VPC "
                               "--attribute enableDnsSupport (and enableDnsHostnames)"),
}

#: File name (or MULTI prefix) -> the IAM action its command needs (all read-only).
PERMISSIONS: Final = {
    "describe-vpcs.json": "ec2:DescribeVpcs",
    "describe-subnets.json": "ec2:DescribeSubnets",
    "describe-route-tables.json": "ec2:DescribeRouteTables",
    "describe-internet-gateways.json": "ec2:DescribeInternetGateways",
    "describe-egress-only-internet-gateways.json": "ec2:DescribeEgressOnlyInternetGateways",
    "describe-nat-gateways.json": "ec2:DescribeNatGateways",
    "describe-vpc-endpoints.json": "ec2:DescribeVpcEndpoints",
    "describe-security-groups.json": "ec2:DescribeSecurityGroups",
    "describe-network-acls.json": "ec2:DescribeNetworkAcls",
    "describe-network-interfaces.json": "ec2:DescribeNetworkInterfaces",
    "list-functions.json": "lambda:ListFunctions",
    "describe-db-instances.json": "rds:DescribeDBInstances",
    "list-versions-by-function": "lambda:ListVersionsByFunction",
    "describe-vpc-attribute": "ec2:DescribeVpcAttribute",
}


#: Largest file the reader takes, as the command line's scenario files: far more than the
#: describe-* output of any account the course is for, and reading stays bounded.
MAX_FILE_BYTES: Final = 10_000_000


def _name(key: str) -> str:
    return key if key.endswith(".json") else f"{key}.json"


def _parse(name: str, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise LambdaNetError(f"{name}: not valid JSON: {err.msg} at line {err.lineno} column "
                             f"{err.colno}", field=name) from None


def read_source(source: object) -> dict[str, object]:
    """File name -> parsed JSON, from a folder, one bundle file, or a mapping.

    A bundle is one JSON object whose keys are the file names (``"describe-subnets.json"`` or
    ``"describe-subnets"``) and whose values are the outputs.

    Examples:
        >>> sorted(read_source({"describe-vpcs": {"Vpcs": []}}))
        ['describe-vpcs.json']
        >>> read_source(42)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: source must be a folder, a bundle file or a mapping
        of file names to parsed JSON, got 42
    """
    if isinstance(source, Mapping):
        found: dict[str, object] = {}
        for key, value in source.items():
            if not isinstance(key, str) or not key:
                raise LambdaNetError.invalid("source key", key, "a file name such as "
                                             "'describe-subnets.json'")
            found[_name(key)] = _parse(_name(key), value) if isinstance(value, str) else value
        return found
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except (OSError, ValueError):  # a name too long for the file system, or a NUL in it
            is_dir = is_file = False
        if is_dir:
            files = sorted(path.glob("*.json"))
            if not files:
                raise LambdaNetError.invalid("folder", str(path),
                                             "a folder holding the commands' *.json outputs",
                                             got=f"{str(path)!r} with no *.json file")
            return {f.name: _parse(f.name, _read(f)) for f in files}
        if is_file:
            bundle = _parse(path.name, _read(path))
            if not isinstance(bundle, dict):
                raise LambdaNetError.invalid(path.name, "a list" if isinstance(bundle, list)
                                             else bundle, "a JSON object of file name -> output")
            return read_source(bundle)
        raise LambdaNetError.invalid("folder", str(path), "an existing folder or bundle file")
    raise LambdaNetError.invalid(
        "source", source, "a folder, a bundle file or a mapping of file names to parsed JSON")


def _read(path: Path) -> str:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise LambdaNetError(f"{path.name}: larger than {MAX_FILE_BYTES:,} bytes, the most "
                                 "the reader takes", field=path.name)
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LambdaNetError(f"{path.name}: not UTF-8 text", field=path.name) from None
    except OSError as err:
        raise LambdaNetError(f"{path.name}: cannot read it: {err.strerror or err}",
                             field=path.name) from None


def required_output(files: Mapping[str, object], name: str) -> dict[str, Any]:
    """The parsed output ``name``, or the error naming the command that makes it."""
    if name not in files:
        command = REQUIRED[name]
        raise LambdaNetError(f"{name} is missing: run `{command} --output json > {name}`",
                             field=name)
    value = files[name]
    if not isinstance(value, dict):
        raise LambdaNetError.invalid(name, "a list" if isinstance(value, list) else value,
                                     f"the JSON object `{REQUIRED[name]}` prints")
    return value
