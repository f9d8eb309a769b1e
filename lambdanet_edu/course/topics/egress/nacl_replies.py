"""The exercise ``nacl-replies``: inbound network ACL rules that let a function's replies back in.

The network it is judged on is public (:data:`NACL_OUTBOUND`, :func:`nacl_vpc`), so the page and
its tests can build the same one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from ipaddress import IPv4Network
from typing import Any, Final, cast

from lambdanet_edu import AclRule, NetworkAcl, Vpc, can_reach, starter_vpc
from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.egress._shared import says
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS, LINUX_EPHEMERAL_PORTS
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network import HTTPS_PORT, format_port_ranges

__all__ = ["NACL_OUTBOUND", "NACL_REPLIES", "nacl_vpc"]

#: The well-known (system) ports, by IANA convention; port 0 is not a valid port here.
WELL_KNOWN_PORTS: Final = (1, 1023)
DB_PORT: Final = 5432  # orders-db in starter_vpc() is PostgreSQL
LO, HI = LAMBDA_EPHEMERAL_PORTS
L_LO, L_HI = LINUX_EPHEMERAL_PORTS

#: The outbound rules of acl-lambda in the network ACL exercise.
NACL_OUTBOUND: Final = (
    AclRule(100, "allow", "tcp", (HTTPS_PORT, HTTPS_PORT)),
    AclRule(110, "allow", "tcp", (DB_PORT, DB_PORT), IPv4Network("10.0.2.0/24")))


def nacl_vpc(inbound: Sequence[AclRule]) -> Vpc:
    """``starter_vpc()`` with network ACL ``acl-lambda`` on subnet-private-a.

    Its inbound rules are ``inbound``, its outbound rules :data:`NACL_OUTBOUND`.

    Examples:
        >>> nacl_vpc([]).network_acl_for("subnet-private-a").acl_id
        'acl-lambda'
    """
    # The learner's rules reach the model as written (a list, or anything else they assigned):
    # its checks, not a conversion here, must say what is wrong with them.
    rules = cast("tuple[AclRule, ...]", inbound)
    acl = NetworkAcl("acl-lambda", ("subnet-private-a",), inbound=rules, outbound=NACL_OUTBOUND)
    return dataclasses.replace(starter_vpc(), network_acls=(acl,))


def _judge_nacl(got: Any, expected: Any, case: Case) -> str | tuple[str, str] | None:
    try:
        vpc = nacl_vpc(got)
    except LambdaNetError as err:
        return "still_blocked", f"The model could not build acl-lambda: {err}."
    fn = LambdaFunction("orders", ("subnet-private-a",), ("sg-lambda",))
    failing = [v for v in (can_reach(vpc, fn, "internet"),
                           can_reach(vpc, fn, f"10.0.2.15:{DB_PORT}")) if not v.reachable]
    acl = vpc.network_acl_for("subnet-private-a")
    if not failing:
        for protocol in ("tcp", "udp"):
            for peer, where in ((None, "anywhere"), (vpc.cidr, f"every address of {vpc.cidr}")):
                opened = acl.evaluate("inbound", protocol, WELL_KNOWN_PORTS, peer=peer).allowed
                if opened:
                    shown = format_port_ranges(opened)
                    return "too_open", f"Inbound it allows {protocol} {shown} from {where}."
        udp = acl.evaluate("inbound", "udp", LAMBDA_EPHEMERAL_PORTS, peer=None)
        if not udp.passed:
            return "narrow_range", (f"TCP replies get in, but not udp {LO}-{HI}: "
                                    f"{udp.describe_denials()}.")
        return None
    widths = [r.ports for r in acl.inbound
              if r.action == "allow" and r.ports[1] >= LO and r.ports[0] <= HI]
    if all(lo == hi for lo, hi in widths):
        return says("stateful", failing[0])
    check = acl.evaluate("inbound", "tcp", LAMBDA_EPHEMERAL_PORTS, peer=None)
    if check.allowed and all(d.rule_number is None for d in check.denials):
        return says("narrow_range", failing[0])
    return says("still_blocked", failing[0])


_NACL_START = ("from lambdanet_edu import AclRule\n\n"
               "# Inbound rules of acl-lambda, the network ACL of subnet-private-a.\n")


def _inbound(*rules: str) -> str:
    return _NACL_START + "inbound = [\n" + "".join(f"    {r},\n" for r in rules) + "]\n"


NACL_REPLIES = Exercise(
    id="nacl-replies",
    title="Let the replies through a network ACL",
    kind="value",
    entry="inbound",
    statement=(
        "`orders` runs in `subnet-private-a` of `starter_vpc()` (with NAT gateway `nat-a`), and "
        "the security team gave that subnet its own network ACL, `acl-lambda`. Its outbound "
        "rules are set:\n\n"
        "| rule | action | protocol | ports | to |\n|---|---|---|---|---|\n"
        + "".join(f"| {r.rule_number} | {r.action} | {r.protocol} | {r.ports[0]} | {r.cidr} |\n"
                  for r in NACL_OUTBOUND)
        + f"\nWrite its inbound rules: assign `inbound`, a list of `AclRule(rule_number, "
        f"action, protocol, ports, cidr=\"0.0.0.0/0\")`, where `ports` is one port or a "
        f"`(first, last)` range, so that `orders` reaches both the "
        f"internet (HTTPS through `nat-a`) and `orders-db` at `10.0.2.15:{DB_PORT}`, that "
        f"UDP replies get back in too (Lambda asks network ACLs to allow its ephemeral ports "
        f"for TCP and UDP), while "
        f"nobody can open a connection to a well-known port ({WELL_KNOWN_PORTS[0]} to "
        f"{WELL_KNOWN_PORTS[1]}, such as SSH on 22) in the subnet."),
    starter=_inbound(f'AclRule(100, "allow", "tcp", {HTTPS_PORT})'),
    solution=(_NACL_START + "from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS\n\n"
              "# Replies come back to the ephemeral port each connection left from, for TCP\n"
              "# and UDP alike.\n"
              'inbound = [AclRule(100, "allow", "tcp", LAMBDA_EPHEMERAL_PORTS),\n'
              '           AclRule(110, "allow", "udp", LAMBDA_EPHEMERAL_PORTS)]\n'),
    names=("AclRule", "NetworkAcl"),
    hints=(
        "Network ACLs are stateless: the replies from the internet and from the database "
        "come back in through acl-lambda and are checked like any other traffic. Which "
        "ports do they arrive on?",
        f"A reply goes to the ephemeral port its connection left from, and Lambda picks "
        f"those anywhere in {LO}-{HI}, not only in Linux's {L_LO}-{L_HI}.",
        f'Two rules do it: AclRule(100, "allow", "tcp", ({LO}, {HI})) and the same for "udp" '
        "(Lambda asks for both protocols, so UDP replies, such as DNS answers, get back too). "
        "Their cidr defaults to 0.0.0.0/0, which covers the replies from the internet and "
        "from the database.",
    ),
    cases=(Case(label="your inbound rules"),),
    judge=_judge_nacl,
    misconceptions=(
        Misconception(
            key="stateful", name="Treated the network ACL as stateful",
            feedback=("Security groups remember connections and let their replies in; network "
                      "ACLs do not. Every reply is checked against the inbound rules, and "
                      "replies arrive on the function's ephemeral ports, not on 443 or "
                      f"{DB_PORT}."),
            example=_inbound(f'AclRule(100, "allow", "tcp", {HTTPS_PORT})',
                             f'AclRule(110, "allow", "tcp", {DB_PORT}, "10.0.2.0/24")')),
        Misconception(
            key="narrow_range", name="Allowed only part of Lambda's ephemeral ports",
            feedback=(f"Lambda may pick any port from {LO} to {HI} for a connection, TCP or "
                      f"UDP. Linux's {L_LO}-{L_HI}, a common default, covers only part of "
                      "that, so the connections whose port falls outside it fail: intermittent "
                      "errors. A rule for TCP alone leaves out the UDP replies (DNS answers, "
                      "for one), which Lambda asks network ACLs to let in as well."),
            example=_inbound(f'AclRule(100, "allow", "tcp", ({L_LO}, {L_HI}))')),
        Misconception(
            key="too_open", name="Opened the well-known ports too",
            feedback=(f"It works, but it also lets new connections in to ports below {LO}, "
                      f"such as SSH on 22. Replies need only {LO}-{HI}: allow that range and "
                      "nothing lower."),
            example=_inbound('AclRule(100, "allow")')),
        Misconception(
            key="still_blocked", name="Still blocked",
            feedback=("A rule still stops a request or a reply. Rules are evaluated lowest "
                      "number first and the first match decides, whatever their order in "
                      "the list."),
            example=_inbound(f'AclRule(100, "allow", "tcp", ({LO}, {HI}), "10.0.0.0/16")')),
    ),
    success=(f"Replies come back to the port their connection left from, anywhere in {LO}-{HI} "
             "for Lambda, and a stateless network ACL checks each one; a rule for that range "
             "per protocol, TCP and UDP, lets every reply in, and nothing below it is open."),
)
