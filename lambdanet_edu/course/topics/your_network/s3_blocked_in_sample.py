"""The exercise ``s3-blocked-in-sample``: why one function of the sample account cannot reach S3."""

from __future__ import annotations

from typing import Final

from lambdanet_edu import can_reach
from lambdanet_edu.aws import SAMPLE_VPC_ID, load_inventory, sample_account
from lambdanet_edu.course.grading import Case, Exercise, Misconception

__all__ = ["S3_BLOCKED_IN_SAMPLE"]

_START: Final = (
    "from lambdanet_edu import can_reach\n"
    "from lambdanet_edu.aws import SAMPLE_VPC_ID, load_inventory, sample_account\n\n"
    "inventory = load_inventory(sample_account())  # the JSON files, read by the model\n"
    "vpc = inventory.vpcs[SAMPLE_VPC_ID]\n"
    "reports = next(f for f in inventory.functions if f.name == \"reports\")\n")


def _ids() -> dict[str, str]:
    """The ids a learner may name, read from the sample account itself."""
    inventory = load_inventory(sample_account())
    vpc = inventory.vpcs[SAMPLE_VPC_ID]
    reports = next(f for f in inventory.functions if f.name == "reports")
    verdict = can_reach(vpc, reports, "s3")
    bad = next(p.subnet_id for p in verdict.paths if not p.reachable)
    good = next(p.subnet_id for p in verdict.paths if p.reachable)
    return {"culprit": vpc.route_table_for(bad).route_table_id, "subnet": bad,
            "working_table": vpc.route_table_for(good).route_table_id,
            "endpoint": vpc.gateway_endpoints[0].endpoint_id,
            "group": reports.security_group_ids[0]}


_IDS: Final = _ids()


def _answer(value: str) -> str:
    return _START + f"\nculprit = {value!r}\n"


S3_BLOCKED_IN_SAMPLE = Exercise(
    id="s3-blocked-in-sample",
    title="Why can't reports reach S3?",
    kind="value",
    entry="culprit",
    statement=(
        "The sample account on this page has a function, `reports`, whose reads from Amazon S3 "
        "fail now and then, while `orders` and `thumbnails` never fail. Read the account with "
        "`load_inventory(sample_account())`, ask the model, and assign `culprit` the id of "
        "the route table that leaves `reports` without a way to S3."),
    starter=_START + "\n# Which route table stops reports' traffic to S3? Assign its id.\n"
                     "culprit = \"\"\n",
    solution=(_START + "\nverdict = can_reach(vpc, reports, \"s3\")\n"
              "print(verdict.explanation)\n"
              "culprit = verdict.blocked_at.component_id\n"),
    hints=(
        "`can_reach(vpc, reports, \"s3\")` checks every subnet of the function; print its "
        "`explanation`.",
        "`verdict.blocked_at` is the hop where the failing path stops: its `component` and "
        "`component_id` name the part of the network.",
        "Compare `vpc.route_table_for(subnet_id)` for each of `reports.subnet_ids`, and which "
        "route tables the S3 gateway endpoint names (`vpc.gateway_endpoints`).",
    ),
    cases=(Case(label="the sample account"),),
    misconceptions=(
        Misconception(
            key="endpoint", name="Blamed the gateway endpoint",
            feedback=("The S3 gateway endpoint works: orders reaches S3 through it. A gateway "
                      "endpoint is a route in the route tables it names, and the route table of "
                      "one of reports' subnets is not among them."),
            example=_answer(_IDS["endpoint"]), predict=lambda: _IDS["endpoint"]),
        Misconception(
            key="subnet", name="Named the subnet instead of its route table",
            feedback=("That is the subnet from which reports fails, but a subnet has no routes "
                      "of its own: it uses its route table (the main one when it has no "
                      "association). Name that table."),
            example=_answer(_IDS["subnet"]), predict=lambda: _IDS["subnet"]),
        Misconception(
            key="working_table", name="Named the route table that works",
            feedback=("From that route table's subnets reports reaches S3: it holds the "
                      "endpoint's route. reports has two subnets, and Lambda may use either for "
                      "any invocation; look at the other one."),
            example=_answer(_IDS["working_table"]), predict=lambda: _IDS["working_table"]),
        Misconception(
            key="group", name="Blamed the security group",
            feedback=("reports' security group allows HTTPS (443) out to anywhere, which is all "
                      "S3 needs. The connection stops earlier, at the route table."),
            example=_answer(_IDS["group"]), predict=lambda: _IDS["group"]),
    ),
    success=(
        "That is it: one of reports' subnets is a data subnet on the main route table, which has "
        "only the local route, while the S3 gateway endpoint was added to the application "
        "subnets' table only. Lambda picks any of a function's subnets for any invocation, so "
        "reads fail only some of the time. Add the endpoint to that route table too (it is "
        "free), or keep reports in the application subnets."),
)
