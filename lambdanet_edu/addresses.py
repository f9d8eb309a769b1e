"""How many subnet addresses Lambda takes: today's Hyperplane rule and the pre-2019 rule.

Examples:
    Ten functions with 1 GB of memory sharing two subnets and one security group, at a peak of
    1,000 concurrent executions each:

    >>> subnets = [Subnet("subnet-a", "10.0.0.0/24"), Subnet("subnet-b", "10.0.1.0/24")]
    >>> fns = [LambdaFunction(f"fn{i}", ["subnet-a", "subnet-b"], ["sg-app"], memory_mb=1024)
    ...        for i in range(10)]
    >>> for row in compare_ip_models(subnets, fns, peak_concurrency=1000).values():
    ...     print(row.subnet_id, row.hyperplane.used, row.legacy.used, row.legacy.exhausted)
    subnet-a 1 1670 True
    subnet-b 1 1670 True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from lambdanet_edu._checks import check_choice, check_int, check_list
from lambdanet_edu.enis import (
    CONNECTIONS_SPREAD,
    OVERFLOW_ENIS,
    _spread,
    check_functions,
    eni_counts,
)
from lambdanet_edu.errors import LambdaNetError, QuotaExceeded
from lambdanet_edu.facts import (
    ENI_QUOTA_PER_VPC,
    LEGACY_ENI_MEMORY_MB,
    MAX_MEMORY_MB,
    MIN_MEMORY_MB,
)
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.simplifications import ONE_IP_PER_ENI, Simplification, simplification

__all__ = [
    "IpModels",
    "SubnetUsage",
    "compare_ip_models",
    "ip_usage",
    "legacy_eni_count",
]

MODELS = ("hyperplane", "legacy")

LEGACY_ROUNDING = simplification(
    "legacy_rounding",
    "The pre-2019 formula is rounded up to whole ENIs and reads 1 GB as 1,024 MB; AWS gave "
    "no worked example.",
)
LEGACY_SPREAD = simplification(
    "legacy_spread",
    "Pre-2019 ENIs are spread evenly over the function's subnets.",
)


def legacy_eni_count(peak_concurrency: int, memory_mb: int) -> int:
    """ENIs (and so IPs) a function needed before Hyperplane (2017-2019 sizing rule).

    ``peak concurrent executions x (memory in GB / 3 GB)``, rounded up, with 1 GB = 1,024 MB.
    Memory was capped at 3,008 MB then; larger values are accepted for side-by-side
    comparisons with today's functions.

    Examples:
        >>> legacy_eni_count(1000, 1024)
        334
        >>> legacy_eni_count(10, 1024)
        4
        >>> legacy_eni_count(100, 2048)
        67
        >>> legacy_eni_count(-1, 1024)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: peak_concurrency must be an integer >= 0, got -1
    """
    check_int("peak_concurrency", peak_concurrency, lo=0)
    check_int("memory_mb", memory_mb, lo=MIN_MEMORY_MB, hi=MAX_MEMORY_MB)
    return -(-peak_concurrency * memory_mb // LEGACY_ENI_MEMORY_MB)


@dataclass(frozen=True, slots=True)
class SubnetUsage:
    """Addresses of one subnet: what AWS reserves, what Lambda and others take, what is left.

    Attributes:
        subnet: The subnet.
        model: ``"hyperplane"`` (today) or ``"legacy"`` (before 2019).
        lambda_enis: Lambda ENIs placed in this subnet.
        other_ips: Addresses taken by other ENIs (NAT gateways, endpoints, databases, ...).
        assumptions: The simplifications these numbers rest on.

    Examples:
        >>> row = ip_usage([Subnet("subnet-a", "10.0.0.0/28")],
        ...                [LambdaFunction("api", ["subnet-a"], ["sg-app"])], {"subnet-a": 10})
        >>> u = row["subnet-a"]
        >>> u.usable, u.used, u.free, u.exhausted
        (11, 11, 0, True)
    """

    subnet: Subnet
    model: str
    lambda_enis: int
    other_ips: int
    assumptions: tuple[Simplification, ...]

    @property
    def subnet_id(self) -> str:
        return self.subnet.subnet_id

    @property
    def usable(self) -> int:
        """Addresses left after the five AWS reserves."""
        return self.subnet.usable_ips

    @property
    def lambda_ips(self) -> int:
        """Addresses Lambda's ENIs need (one per ENI)."""
        return self.lambda_enis

    @property
    def used(self) -> int:
        """Addresses needed: Lambda's plus everyone else's. May exceed ``usable``."""
        return self.lambda_ips + self.other_ips

    @property
    def free(self) -> int:
        """Addresses still free (never negative)."""
        return max(0, self.usable - self.used)

    @property
    def shortfall(self) -> int:
        """Addresses needed beyond what the subnet has: ENIs that cannot be created."""
        return max(0, self.used - self.usable)

    @property
    def exhausted(self) -> bool:
        """No free address is left: the next ENI in this subnet cannot be created."""
        return self.free == 0

    def __str__(self) -> str:
        state = "EXHAUSTED" if self.exhausted else f"{self.free:,} free"
        return (f"{self.subnet_id} ({self.subnet.cidr}): {self.used:,} of {self.usable:,} "
                f"usable addresses used ({self.lambda_ips:,} Lambda, {self.other_ips:,} other), "
                f"{state}")


def ip_usage(
    subnets: Iterable[Subnet],
    functions: Iterable[LambdaFunction],
    other_enis: Mapping[str, int] | None = None,
    *,
    model: str = "hyperplane",
    peak_concurrency: int | Mapping[str, int] | None = None,
    connections: Mapping[str, int] | None = None,
    eni_quota: int | None = ENI_QUOTA_PER_VPC,
) -> dict[str, SubnetUsage]:
    """Address use per subnet id, under today's Hyperplane rule or the pre-2019 rule.

    Args:
        subnets: The subnets to account for.
        functions: The functions placed in them.
        other_enis: Addresses other ENIs take, per subnet id (NAT gateways, interface
            endpoints, databases, ...).
        model: ``"hyperplane"`` (one ENI per account, subnet and security-group set) or
            ``"legacy"`` (ENIs grow with concurrency x memory / 3 GB).
        peak_concurrency: Required by the legacy model: one peak for every function, or a
            mapping of function name to peak. Ignored by the Hyperplane model, which is the point.
        connections: Hyperplane only: peak connections per function (see
            :func:`~lambdanet_edu.enis.hyperplane_enis`).
        eni_quota: Hyperplane only: the per-VPC Hyperplane ENI quota, checked as
            :func:`~lambdanet_edu.enis.hyperplane_enis` checks it (``None`` skips it).

    Raises:
        LambdaNetError: Bad input.
        QuotaExceeded: The functions need more Hyperplane ENIs than ``eni_quota``.

    Examples:
        >>> subnets = [Subnet("subnet-a", "10.0.0.0/28")]
        >>> fn = LambdaFunction("api", ["subnet-a"], ["sg-app"])
        >>> print(ip_usage(subnets, [fn], {"subnet-a": 1})["subnet-a"])
        subnet-a (10.0.0.0/28): 2 of 11 usable addresses used (1 Lambda, 1 other), 9 free
        >>> ip_usage(subnets, [fn], model="legacy")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: peak_concurrency must be an integer >= 0 or a mapping
        of function name to one, for model='legacy', got None
    """
    check_choice("model", model, MODELS)
    by_id = _check_subnets(subnets)
    fns = check_functions(functions)
    for i, fn in enumerate(fns):
        for config in fn.network_configs:
            for subnet_id in config.subnet_ids:
                if subnet_id not in by_id:
                    known = ", ".join(repr(s) for s in by_id)
                    raise LambdaNetError.invalid(
                        f"functions[{i}].subnet_ids", subnet_id, f"one of the subnets ({known})")
    others = _check_other_enis(other_enis, by_id)

    counts = dict.fromkeys(by_id, 0)
    if model == "hyperplane":
        if eni_quota is not None:
            check_int("eni_quota", eni_quota, lo=0)
        assumptions: tuple[Simplification, ...] = (ONE_IP_PER_ENI,)
        # Counted, not built: the cost does not grow with the connection count.
        counted = eni_counts(fns, connections)
        for (_, subnet_id, _), (_, _, count) in counted.items():
            counts[subnet_id] += count
            # In the order hyperplane_enis's ENIs would first bring each simplification in.
            notes: tuple[Simplification, ...] = (OVERFLOW_ENIS,) if count > 1 else ()
            notes += (CONNECTIONS_SPREAD,) if connections is not None else ()
            assumptions += tuple(a for a in notes if a not in assumptions)
        needed = sum(counts.values())
        if eni_quota is not None and needed > eni_quota:
            raise QuotaExceeded(
                "Hyperplane ENIs per VPC", needed=needed, quota=eni_quota,
                advice="request a quota increase, delete published versions you no longer run, "
                "or let functions share subnet and security-group combinations")
    else:
        if connections is not None:
            raise LambdaNetError.invalid(
                "connections", connections, "None for model='legacy' (ENIs followed concurrency)")
        peaks = _check_peaks(peak_concurrency, fns)
        assumptions = (ONE_IP_PER_ENI, LEGACY_ROUNDING, LEGACY_SPREAD)
        for fn in fns:
            enis = legacy_eni_count(peaks[fn.name], fn.memory_mb)
            for subnet_id, share in zip(fn.subnet_ids, _spread(enis, len(fn.subnet_ids)),
                                        strict=True):
                counts[subnet_id] += share
    return {
        subnet_id: SubnetUsage(subnet, model, counts[subnet_id], others.get(subnet_id, 0),
                               assumptions)
        for subnet_id, subnet in by_id.items()
    }


class IpModels(NamedTuple):
    """One subnet under both rules, for side-by-side tables.

    Examples:
        >>> fn = LambdaFunction("api", ["subnet-a"], ["sg-app"], memory_mb=3072)
        >>> row = compare_ip_models([Subnet("subnet-a", "10.0.0.0/28")], [fn],
        ...                         peak_concurrency=20)["subnet-a"]
        >>> row.hyperplane.lambda_enis, row.legacy.lambda_enis, row.legacy.shortfall
        (1, 20, 9)
    """

    subnet_id: str
    hyperplane: SubnetUsage
    legacy: SubnetUsage


def compare_ip_models(
    subnets: Iterable[Subnet],
    functions: Iterable[LambdaFunction],
    other_enis: Mapping[str, int] | None = None,
    *,
    peak_concurrency: int | Mapping[str, int],
) -> dict[str, IpModels]:
    """The same workload under today's rule and the pre-2019 rule, per subnet id.

    Examples:
        >>> subnets = [Subnet("subnet-a", "10.0.0.0/24")]
        >>> fn = LambdaFunction("api", ["subnet-a"], ["sg-app"], memory_mb=1536)
        >>> row = compare_ip_models(subnets, [fn], peak_concurrency=502)["subnet-a"]
        >>> row.hyperplane.free, row.legacy.free, row.legacy.exhausted
        (250, 0, True)
    """
    # Checked once here: a lone Subnet or LambdaFunction is refused with a message, not
    # iterated (tuple() of one would raise TypeError).
    subnets = tuple(_check_subnets(subnets).values())
    functions = check_functions(functions)
    today = ip_usage(subnets, functions, other_enis)
    before = ip_usage(subnets, functions, other_enis, model="legacy",
                      peak_concurrency=peak_concurrency)
    return {key: IpModels(key, today[key], before[key]) for key in today}


def _check_subnets(subnets: object) -> dict[str, Subnet]:
    by_id: dict[str, Subnet] = {}
    for i, subnet in enumerate(check_list("subnets", subnets, "a list of Subnet",
                                          refuse=(Subnet,))):
        if not isinstance(subnet, Subnet):
            raise LambdaNetError.invalid(f"subnets[{i}]", subnet, "a Subnet")
        if subnet.subnet_id in by_id:
            raise LambdaNetError.invalid(f"subnets[{i}].subnet_id", subnet.subnet_id,
                                         "unique (it is listed twice)")
        by_id[subnet.subnet_id] = subnet
    return by_id


def _check_other_enis(other_enis: object, by_id: Mapping[str, Subnet]) -> dict[str, int]:
    if other_enis is None:
        return {}
    if not isinstance(other_enis, Mapping):
        raise LambdaNetError.invalid("other_enis", other_enis,
                                     "a mapping of subnet id to addresses used")
    for subnet_id, count in other_enis.items():
        if subnet_id not in by_id:
            known = ", ".join(repr(s) for s in by_id)
            raise LambdaNetError.invalid("other_enis key", subnet_id,
                                         f"one of the subnets ({known})")
        check_int(f"other_enis[{subnet_id!r}]", count, lo=0)
    return dict(other_enis)


def _check_peaks(peak: object, fns: tuple[LambdaFunction, ...]) -> dict[str, int]:
    allowed = "an integer >= 0 or a mapping of function name to one, for model='legacy'"
    if isinstance(peak, Mapping):
        missing = [fn.name for fn in fns if fn.name not in peak]
        if missing:
            raise LambdaNetError.invalid("peak_concurrency", dict(peak),
                                         f"a peak for every function (missing {missing!r})")
        return {fn.name: check_int(f"peak_concurrency[{fn.name!r}]", peak[fn.name], lo=0)
                for fn in fns}
    if not isinstance(peak, int) or isinstance(peak, bool) or peak < 0:
        raise LambdaNetError.invalid("peak_concurrency", peak, allowed)
    return {fn.name: peak for fn in fns}
