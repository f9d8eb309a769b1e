"""Command line: the model on a JSON scenario, outside the site.

Examples:
    >>> main(["usable", "10.0.0.0/24", "10.0.1.0/28"])
    10.0.0.0/24: 251 usable of 256 (AWS reserves 5)
    10.0.1.0/28: 11 usable of 16 (AWS reserves 5)
    0
    >>> main(["usable", "10.0.0.0/29"])  # the message goes to standard error
    2

The course adds its ``quiz`` command on top of these (:mod:`lambdanet_edu.course.cli`, which is
what the ``lambdanet-edu`` program runs); the model itself never imports the course.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

from lambdanet_edu._checks import is_ascii_digits
from lambdanet_edu.addresses import ip_usage
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import FACTS
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.scenario import Scenario, load_scenario

__all__ = ["MAX_SCENARIO_BYTES", "CommandFailure", "Commands", "main"]

PROG = "lambdanet-edu"
#: Largest scenario file read: far above any real scenario, and it keeps ``enis /dev/zero``
#: from reading forever.
MAX_SCENARIO_BYTES = 10_000_000
EXAMPLE = f"scenario files are JSON, at most {MAX_SCENARIO_BYTES:,} bytes.\n" + """\
example scenario.json:
  {"subnets": [{"subnet_id": "subnet-a", "cidr": "10.0.0.0/24"}],
   "functions": [{"name": "api", "subnet_ids": ["subnet-a"],
                  "security_group_ids": ["sg-app"], "memory_mb": 1024}],
   "other_enis": {"subnet-a": 2}}
"""


class CommandFailure(Exception):
    """A problem to report in one line, with the exit status to use.

    A command raises it; :func:`main` prints ``lambdanet-edu: <message>`` and returns the status.

    Examples:
        >>> CommandFailure("cannot read x.json").status
        2
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


#: What ``argparse.ArgumentParser.add_subparsers`` returns: where more commands are added.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def main(argv: Sequence[str] | None = None, *,
         extend: Callable[[Commands], None] | None = None) -> int:
    """Run the command line; return the exit status.

    0: all is well; 1: a subnet is exhausted, the ENI quota is exceeded or the destination is
    unreachable; 2: the input is wrong (one line on standard error says where and why).
    ``extend`` adds more commands (each sets ``run``, a function of the parsed arguments).

    Examples:
        >>> main(["usable", "10.0.0.0/20"])
        10.0.0.0/20: 4,091 usable of 4,096 (AWS reserves 5)
        0
    """
    _never_fail_to_print()
    try:
        args = _parser(extend).parse_args(argv)
    except SystemExit as done:  # --help (0) or a usage error (2, already reported)
        return done.code if isinstance(done.code, int) else 2
    try:
        return int(args.run(args))
    except CommandFailure as failure:
        _complain(str(failure))
        return failure.status
    except LambdaNetError as err:
        where = f"{args.scenario}: " if getattr(args, "scenario", None) else ""
        _complain(f"{where}{err}")
        return 2


def _escape(text: str) -> str:
    """``text`` with control, format and surrogate characters written as escapes.

    Examples:
        >>> print(_escape("no function named a\\x1b[31m\\u202e"))
        no function named a\\x1b[31m\\u202e
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _complain(message: str) -> None:
    """One line on standard error, whatever the message holds."""
    print(f"{PROG}: {_escape(message)}", file=sys.stderr)


def _never_fail_to_print() -> None:
    """Let output that the terminal's encoding cannot hold come out escaped, not as a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and the help says where to look)."""

    def error(self, message: str) -> NoReturn:
        _complain(f"{self.prog.removeprefix(PROG).strip() or 'error'}: {message} "
                  f"(see {self.prog} --help)")
        raise SystemExit(2)


def _count(text: str) -> int:
    """A whole number of ASCII digits (``int`` would also take other scripts' digits)."""
    if not is_ascii_digits(text) or len(text) > 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (digits 0-9)")
    return int(text)


def _parser(extend: Callable[[Commands], None] | None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="AWS Lambda VPC networking, modelled exactly.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands: Commands = parser.add_subparsers(
        required=True, metavar="COMMAND", parser_class=_Parser)

    enis = commands.add_parser("enis", help="Hyperplane ENIs and subnet address use",
                               epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    enis.add_argument("scenario", type=Path, help="a JSON scenario file")
    enis.add_argument("--legacy-peak", type=_count, metavar="N",
                      help="also show the pre-2019 model at this peak concurrency per function")
    enis.add_argument("--json", action="store_true", help="print JSON instead of text")
    enis.set_defaults(run=_enis)

    usable = commands.add_parser("usable", help="usable addresses of IPv4 subnets")
    usable.add_argument("cidrs", nargs="+", metavar="CIDR")
    usable.set_defaults(run=_usable)

    facts = commands.add_parser("facts", help="the AWS facts the model uses, with sources")
    facts.add_argument("--json", action="store_true", help="print JSON instead of text")
    facts.set_defaults(run=_facts)

    reach = commands.add_parser("reach", help="can a function reach a destination?")
    reach.add_argument("scenario", type=Path, help="a JSON scenario file with a 'vpc'")
    reach.add_argument("--function", required=True, help="the function's name")
    reach.add_argument("--to", required=True, dest="destination",
                       help="'internet', an AWS service such as 's3', or 'IP:PORT'")
    reach.set_defaults(run=_reach)

    audit = commands.add_parser(
        "audit", help="check an AWS account's network from its read-only JSON outputs",
        description="Read the JSON outputs of AWS's read-only commands (one file each, named "
                    "after the command, such as describe-subnets.json; see the README) and "
                    "check every VPC: Hyperplane ENIs expected and found, addresses per subnet, "
                    "headroom against the ENI quota, and each function's reach.")
    audit.add_argument("folder", type=Path, help="the folder of JSON outputs (or one bundle file)")
    audit.add_argument("--json", action="store_true", help="print JSON instead of text")
    audit.set_defaults(run=_audit)

    if extend is not None:
        extend(commands)
    return parser


def _read(path: Path) -> Scenario:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SCENARIO_BYTES + 1)
    except OSError as err:
        raise CommandFailure(f"cannot read {path}: {err.strerror or err}") from None
    if len(raw) > MAX_SCENARIO_BYTES:
        raise CommandFailure(f"{path} is larger than {MAX_SCENARIO_BYTES:,} bytes, the most a "
                             "scenario file may be")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandFailure(f"{path} is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise CommandFailure(f"{path}: not valid JSON: {err.msg} at line {err.lineno} column "
                       f"{err.colno}") from None
    except RecursionError:
        raise CommandFailure(f"{path}: JSON nested too deeply to be a scenario") from None
    return load_scenario(data)


def _enis(args: argparse.Namespace) -> int:
    scenario = _read(args.scenario)
    enis = hyperplane_enis(scenario.functions, connections=scenario.connections, eni_quota=None)
    # The quota is reported below (exit 1), not raised: hence None here and above.
    usage = ip_usage(scenario.subnets, scenario.functions, scenario.other_enis,
                     connections=scenario.connections, eni_quota=None)
    legacy = (ip_usage(scenario.subnets, scenario.functions, scenario.other_enis,
                       model="legacy", peak_concurrency=args.legacy_peak)
              if args.legacy_peak is not None else None)
    over = len(enis) > scenario.eni_quota
    trouble = over or any(u.exhausted for u in usage.values())
    if args.json:
        print(json.dumps({
            "enis": [{"subnet_id": e.subnet_id, "security_group_ids": sorted(e.security_group_ids),
                      "account_id": e.account_id, "used_by": list(e.used_by),
                      "connections": e.connections} for e in enis],
            "eni_quota": {"used": len(enis), "quota": scenario.eni_quota, "exceeded": over},
            "subnets": {k: _usage_json(u) for k, u in usage.items()},
            "legacy": None if legacy is None else {k: _usage_json(u) for k, u in legacy.items()},
        }, indent=2))
        return 1 if trouble else 0
    print(f"Hyperplane ENIs: {len(enis)} (VPC quota {scenario.eni_quota:,}"
          f"{', EXCEEDED' if over else ''})")
    for eni in enis:
        print(f"  {eni}")
    print("Subnets:")
    for row in usage.values():
        print(f"  {row}")
    if legacy is not None:
        print(f"Before 2019, at a peak of {args.legacy_peak:,} concurrent executions per function:")
        for row in legacy.values():
            print(f"  {row}")
    notes = {a.key: a for row in usage.values() for a in row.assumptions}
    print("Simplifications:")
    for note in notes.values():
        print(f"  - {note}")
    return 1 if trouble else 0


def _usage_json(u: Any) -> dict[str, Any]:
    return {"cidr": str(u.subnet.cidr), "usable": u.usable, "lambda": u.lambda_ips,
            "other": u.other_ips, "used": u.used, "free": u.free, "exhausted": u.exhausted}


def _usable(args: argparse.Namespace) -> int:
    for cidr in args.cidrs:
        subnet = Subnet("cli", cidr)
        print(f"{subnet.cidr}: {subnet.usable_ips:,} usable of {subnet.total_ips:,} "
              f"(AWS reserves {subnet.total_ips - subnet.usable_ips})")
    return 0


def _json_value(value: object) -> object:
    """Tuples and mappings as lists; prices (``Decimal``) as exact strings such as "0.045"."""
    return str(value) if isinstance(value, Decimal) else list(value)  # type: ignore[call-overload]


def _facts(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps({name: {"value": f.value, "statement": f.statement,
                                 "source": f.source.url, "checked": f.checked}
                          for name, f in FACTS.items()}, indent=2, default=_json_value))
        return 0
    for name, f in FACTS.items():
        print(f"{name} = {f.value!r}\n  {f.statement}\n  {f.source.url} (checked {f.checked})")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from lambdanet_edu.aws import audit, load_inventory

    if not args.folder.exists():
        raise CommandFailure(f"{args.folder}: no such folder")
    try:
        report = audit(load_inventory(args.folder))
    except LambdaNetError as err:
        raise CommandFailure(f"{args.folder}: {err}") from None
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print("\n".join(report.lines()))
    return 1 if report.trouble else 0


def _reach(args: argparse.Namespace) -> int:
    from lambdanet_edu.egress import can_reach

    scenario = _read(args.scenario)
    if scenario.vpc is None:
        raise CommandFailure(f"{args.scenario}: 'reach' needs a 'vpc' object in the scenario")
    matches = [f for f in scenario.functions if f.name == args.function]
    if not matches:
        known = ", ".join(repr(f.name) for f in scenario.functions) or "none"
        raise CommandFailure(f"{args.scenario}: no function named {args.function!r} "
                             f"(functions: {known})")
    verdict = can_reach(scenario.vpc, matches[0], args.destination)
    print(verdict.explanation)
    return 0 if verdict.reachable else 1
