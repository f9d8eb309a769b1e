"""An account's network checked by the model: what ``lambdanet-edu audit FOLDER`` prints.

Per VPC: the Hyperplane ENIs the model expects against the Lambda ENIs the account has,
addresses per subnet, headroom against the ENI quota, and whether each function reaches the
internet, S3, DynamoDB and each database from every one of its subnets.

Examples:
    >>> from lambdanet_edu.aws import load_inventory, sample_account
    >>> report = audit(load_inventory(sample_account()))
    >>> [(r.function, r.destination) for r in report.vpcs[0].reach if not r.reachable]
    [('reports', 'internet'), ('reports', 's3'), ('reports', 'dynamodb'),
    ('thumbnails', 'orders-db (10.20.32.85:5432)')]
    >>> report.trouble
    True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from lambdanet_edu.addresses import SubnetUsage, ip_usage
from lambdanet_edu.aws.inventory import Inventory
from lambdanet_edu.egress import can_reach
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import ENI_QUOTA_PER_VPC

__all__ = ["Audit", "EniComparison", "ReachRow", "VpcAudit", "audit"]

#: What every function is checked against, besides the databases found.
DESTINATIONS = ("internet", "s3", "dynamodb")


@dataclass(frozen=True, slots=True)
class ReachRow:
    """One function and one destination: the verdict, and where it stops from which subnets.

    Examples:
        >>> from lambdanet_edu.aws import load_inventory, sample_account
        >>> rows = audit(load_inventory(sample_account())).vpcs[0].reach
        >>> row = next(r for r in rows if r.function == "reports" and r.destination == "s3")
        >>> row.reachable, row.blocking_hop
        (False, 'route table rtb-0c3d4c5b6a7980912')
    """

    function: str
    destination: str
    status: str
    blocked_from: tuple[str, ...]
    blocking_hop: str
    explanation: str

    @property
    def reachable(self) -> bool:
        """True when every subnet of the function reaches the destination."""
        return self.status == "reachable"


@dataclass(frozen=True, slots=True)
class EniComparison:
    """Hyperplane ENIs per (subnet, security groups): what the model expects, what AWS has.

    Examples:
        >>> row = EniComparison("subnet-a", ("sg-1",), expected=1, actual=2, used_by=("api",))
        >>> row.reason.startswith("more than expected")
        True
    """

    subnet_id: str
    security_group_ids: tuple[str, ...]
    expected: int
    actual: int
    used_by: tuple[str, ...]

    @property
    def reason(self) -> str:
        """Why the two may differ, in words ("" when they agree)."""
        if self.expected == self.actual:
            return ""
        if self.actual > self.expected:
            return ("more than expected: a published version the files do not list "
                    "(list-versions-by-function), another account's function, or ENIs being "
                    "deleted after a configuration change")
        return ("fewer than expected: Lambda creates them when a function is created or updated, "
                "and removes them after weeks without invocations (the function goes Inactive)")


@dataclass(frozen=True, slots=True)
class VpcAudit:
    """One VPC's audit.

    Examples:
        >>> from lambdanet_edu.aws import load_inventory, sample_account
        >>> vpc = audit(load_inventory(sample_account())).vpcs[0]
        >>> vpc.vpc_id, vpc.trouble
        ('vpc-0a1b2c3d4e5f60718', True)
    """

    vpc_id: str
    enis: tuple[EniComparison, ...]
    usage: tuple[SubnetUsage, ...]
    available_by_aws: dict[str, int]
    eni_quota: int
    reach: tuple[ReachRow, ...]

    @property
    def expected_enis(self) -> int:
        """Hyperplane ENIs the model expects in this VPC."""
        return sum(e.expected for e in self.enis)

    @property
    def headroom(self) -> int:
        """ENIs left under the quota (negative when over it)."""
        return self.eni_quota - self.expected_enis

    @property
    def trouble(self) -> bool:
        """Something is blocked or exhausted, or the quota is exceeded."""
        return (self.headroom < 0 or any(u.exhausted for u in self.usage)
                or any(not r.reachable for r in self.reach))


@dataclass(frozen=True, slots=True)
class Audit:
    """The audit of an inventory: one :class:`VpcAudit` per VPC, and what was not modelled.

    Examples:
        >>> from lambdanet_edu.aws import load_inventory, sample_account
        >>> report = audit(load_inventory(sample_account()))
        >>> report.lines()[0], report.to_dict()["trouble"]
        ('VPC vpc-0a1b2c3d4e5f60718', True)
    """

    vpcs: tuple[VpcAudit, ...]
    functions_outside_vpc: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def trouble(self) -> bool:
        """Whether any VPC has something blocked, exhausted or over quota (exit status 1)."""
        return any(v.trouble for v in self.vpcs)

    def to_dict(self) -> dict[str, Any]:
        """The audit as JSON-ready data (``audit --json``)."""
        return {"trouble": self.trouble, "functions_outside_vpc": list(self.functions_outside_vpc),
                "warnings": list(self.warnings), "vpcs": [{
                    "vpc_id": v.vpc_id, "eni_quota": v.eni_quota,
                    "expected_enis": v.expected_enis, "headroom": v.headroom,
                    "enis": [{"subnet_id": e.subnet_id,
                              "security_group_ids": list(e.security_group_ids),
                              "expected": e.expected, "actual": e.actual,
                              "used_by": list(e.used_by), "reason": e.reason} for e in v.enis],
                    "subnets": [{"subnet_id": u.subnet_id, "cidr": str(u.subnet.cidr),
                                 "usable": u.usable, "lambda": u.lambda_ips, "other": u.other_ips,
                                 "used": u.used, "free": u.free, "exhausted": u.exhausted,
                                 "available_by_aws": v.available_by_aws.get(u.subnet_id)}
                                for u in v.usage],
                    "reach": [{"function": r.function, "destination": r.destination,
                               "status": r.status, "blocked_from": list(r.blocked_from),
                               "blocking_hop": r.blocking_hop, "explanation": r.explanation}
                              for r in v.reach]} for v in self.vpcs]}

    def lines(self) -> list[str]:
        """The audit as text, one line each."""
        out: list[str] = []
        for v in self.vpcs:
            out.append(f"VPC {v.vpc_id}")
            out.append(f"  Hyperplane ENIs: {v.expected_enis:,} expected, quota {v.eni_quota:,}, "
                       f"headroom {v.headroom:,}")
            for e in v.enis:
                mark = "" if not e.reason else f"  <- {e.reason}"
                out.append(f"    {e.subnet_id} {{{', '.join(e.security_group_ids)}}}: expected "
                           f"{e.expected}, account has {e.actual}{mark}")
            out.append("  Subnets:")
            for u in v.usage:
                aws = v.available_by_aws.get(u.subnet_id)
                out.append(f"    {u}" + ("" if aws is None else f" (AWS says {aws:,} free)"))
            out.append("  Reach:")
            for r in v.reach:
                where = ("" if r.reachable
                         else f" from {', '.join(r.blocked_from)}: {r.blocking_hop}")
                out.append(f"    {r.function} -> {r.destination}: {r.status.upper()}{where}")
        if self.functions_outside_vpc:
            out.append("Functions with no VPC configuration: "
                       + ", ".join(self.functions_outside_vpc))
        if self.warnings:
            out.append("Not modelled:")
            out.extend(f"  - {w}" for w in self.warnings)
        return out


def _reach(inventory: Inventory, vpc_id: str) -> tuple[ReachRow, ...]:
    vpc = inventory.vpcs[vpc_id]
    targets = [(d, d) for d in DESTINATIONS]
    targets += [(f"{db.name} ({db.target})", db.target) for db in inventory.resources
                if db.vpc_id == vpc_id and db.target is not None]
    rows = []
    for fn in inventory.functions_in(vpc_id):
        for label, target in targets:
            verdict = can_reach(vpc, fn, target)
            bad = [p for p in verdict.paths if not p.reachable]
            hop = verdict.blocked_at
            rows.append(ReachRow(
                fn.name, label, verdict.status, tuple(p.subnet_id for p in bad),
                "" if hop is None else f"{hop.component} {hop.component_id}",
                verdict.explanation))
    return tuple(rows)


def audit(inventory: Inventory) -> Audit:
    """Check every VPC of an inventory with the model.

    Examples:
        >>> from lambdanet_edu.aws import load_inventory, sample_account
        >>> vpc = audit(load_inventory(sample_account())).vpcs[0]
        >>> vpc.expected_enis, vpc.headroom
        (8, 492)
        >>> audit({})
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: inventory must be an Inventory from
        load_inventory(), got {}
    """
    if not isinstance(inventory, Inventory):
        raise LambdaNetError.invalid("inventory", inventory, "an Inventory from load_inventory()")
    vpcs = []
    for vpc_id, vpc in inventory.vpcs.items():
        fns = inventory.functions_in(vpc_id)
        actual = Counter(e.key for e in inventory.lambda_enis if e.vpc_id == vpc_id)
        found = hyperplane_enis(fns, eni_quota=None)
        expected = Counter((e.subnet_id, e.security_group_ids) for e in found)
        users = {(e.subnet_id, e.security_group_ids): e.used_by for e in found}
        enis = tuple(EniComparison(subnet, tuple(sorted(groups)), expected.get((subnet, groups), 0),
                                   actual.get((subnet, groups), 0), users.get((subnet, groups), ()))
                     for subnet, groups in dict.fromkeys([*expected, *actual]))
        usage = ip_usage(vpc.subnets, fns, inventory.other_eni_counts(vpc_id))
        available = {s.subnet_id: inventory.available_ips[s.subnet_id] for s in vpc.subnets
                     if s.subnet_id in inventory.available_ips}
        vpcs.append(VpcAudit(vpc_id, enis, tuple(usage.values()), available,
                             int(ENI_QUOTA_PER_VPC), _reach(inventory, vpc_id)))
    return Audit(tuple(vpcs), inventory.functions_outside_vpc,
                 tuple(str(w) for w in inventory.warnings))
