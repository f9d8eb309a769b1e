"""What the "Your network" page asks Python in the learner's browser: the audit of their files.

The page sends the files the learner dropped (name -> text) as one JSON object; the answer is
JSON the page shows as text and one picture per VPC. Nothing leaves the browser: the files go
to the Python worker of the page and no further.

Examples:
    >>> import json
    >>> reply = json.loads(browser_json("sample"))
    >>> reply["ok"], [v["vpc_id"] for v in reply["vpcs"]]
    (True, ['vpc-0a1b2c3d4e5f60718'])
    >>> json.loads(browser_json('{"describe-vpcs.json": "{"}'))["error"]
    'describe-vpcs.json: not valid JSON: Expecting property name enclosed in double quotes at line
    1 column 2'
"""

from __future__ import annotations

import json
from typing import Any

from lambdanet_edu.aws import (
    Audit,
    Inventory,
    audit,
    load_inventory,
    read_source,
    sample_account,
)
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.pictures import topology_diagram

__all__ = ["browser_json", "sample_bundle"]


def _json_name(name: str) -> str:
    return name if name.endswith(".json") else f"{name}.json"


def sample_bundle() -> str:
    """The sample account as one JSON bundle, for the page's download link.

    Examples:
        >>> json.loads(sample_bundle())["describe-vpcs.json"]["Vpcs"][0]["CidrBlock"]
        '10.20.0.0/16'
    """
    return json.dumps(sample_account(), indent=1)


def _vpc_views(inventory: Inventory, report: Audit) -> list[dict[str, Any]]:
    views = []
    for n, vpc_report in enumerate(report.vpcs):
        vpc = inventory.vpcs[vpc_report.vpc_id]
        picture = topology_diagram(vpc, inventory.functions_in(vpc.vpc_id),
                                   id=f"ln-your-network-{n}",
                                   title=f"{vpc.vpc_id}: subnets, gateways and Lambda ENIs")
        data = report.to_dict()["vpcs"][n]
        views.append({**data, "cidr": str(vpc.cidr), "picture": picture})
    return views


def browser_json(files: str) -> str:
    """Audit the dropped files (a JSON object of file name -> text) or ``"sample"``.

    Returns:
        JSON: ``{"ok": true, "vpcs": [...], "warnings": [...], "functions_outside_vpc":
        [...], "trouble": ...}``, or ``{"ok": false, "error": message}`` with the same message
        the command line prints.

    Examples:
        >>> json.loads(browser_json('{"describe-vpcs.json": "{}"}'))["error"]
        'describe-subnets.json is missing: run `aws ec2 describe-subnets --output json >
        describe-subnets.json`'
    """
    try:
        if files == "sample":
            source: Any = sample_account()
        elif files == "sample-bundle":
            return json.dumps({"ok": True, "bundle": sample_bundle()})
        else:
            source = json.loads(files)
            if not isinstance(source, dict) or not source:
                raise LambdaNetError("no JSON file was given")
            name = next(iter(source))
            if len(source) == 1 and not str(name).startswith(("describe-", "list-")):
                # one bundle file, under its own name: parsed with errors naming it
                source = read_source({name: source[name]})[_json_name(name)]
        inventory = load_inventory(source)
        report = audit(inventory)
    except (LambdaNetError, json.JSONDecodeError) as err:
        return json.dumps({"ok": False, "error": str(err)})
    return json.dumps({"ok": True, "trouble": report.trouble, "vpcs": _vpc_views(inventory, report),
                       "warnings": list(report.warnings),
                       "functions_outside_vpc": list(report.functions_outside_vpc)})
