"""Hyperplane ENIs: one per distinct (account, subnet, set of security groups).

Lambda creates a Hyperplane ENI the first time a function uses a subnet and security-group
combination in an account; every other function and version with the same combination shares
it. A combination carrying more than 65,000 connections gets more ENIs.

Examples:
    >>> api = LambdaFunction("api", ["subnet-a", "subnet-b"], ["sg-app"])
    >>> worker = LambdaFunction("worker", ["subnet-a", "subnet-b"], ["sg-app"])
    >>> [(e.subnet_id, e.used_by) for e in hyperplane_enis([api, worker])]
    [('subnet-a', ('api', 'worker')), ('subnet-b', ('api', 'worker'))]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lambdanet_edu._checks import check_int, check_list
from lambdanet_edu.errors import LambdaNetError, QuotaExceeded
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    ENI_QUOTA_PER_VPC,
    RESERVED_IPS_PER_SUBNET,
    SUBNET_MIN_PREFIX,
)
from lambdanet_edu.functions import LambdaFunction, NetworkConfig
from lambdanet_edu.simplifications import ONE_IP_PER_ENI, Simplification, simplification

__all__ = [
    "MAX_CONNECTIONS_PER_SUBNET",
    "MAX_ENIS_PER_SUBNET",
    "Eni",
    "check_functions",
    "eni_counts",
    "hyperplane_enis",
]

#: Most ENIs one subnet could ever hold, whatever the quota: each takes one of its addresses,
#: and the largest subnet (a /16) has 65,536 minus the 5 AWS reserves. Derived from
#: ``SUBNET_MIN_PREFIX`` and ``RESERVED_IPS_PER_SUBNET`` (see :mod:`lambdanet_edu.facts`).
MAX_ENIS_PER_SUBNET = 2 ** (32 - SUBNET_MIN_PREFIX) - RESERVED_IPS_PER_SUBNET
#: Most connections the ENIs of one subnet could ever carry (65,000 each).
MAX_CONNECTIONS_PER_SUBNET = MAX_ENIS_PER_SUBNET * CONNECTIONS_PER_HYPERPLANE_ENI

OVERFLOW_ENIS = simplification(
    "overflow_enis",
    f"Past {CONNECTIONS_PER_HYPERPLANE_ENI:,} connections a combination gets one more ENI per "
    f"{CONNECTIONS_PER_HYPERPLANE_ENI:,} (rounded up), with the connections shared evenly. AWS "
    "says only that it adds ENIs as traffic requires.",
)
CONNECTIONS_SPREAD = simplification(
    "connections_spread",
    "A function's connections are spread evenly over its subnets; AWS does not say how it "
    "picks a subnet for each execution environment.",
)

_Combination = tuple[str, str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Eni:
    """One Hyperplane ENI in your subnet.

    Attributes:
        subnet_id: The subnet it sits in (it takes one of that subnet's addresses).
        security_group_ids: The set of security groups it carries.
        account_id: The account whose functions share it.
        used_by: The functions and versions (``name:N``) that use it, sorted.
        index: 0 for a combination's first ENI, 1, 2, ... for the ENIs added past 65,000
            connections.
        connections: The connections the model assigns to this ENI.
        assumptions: The simplifications this ENI's existence or numbers rest on.

    Examples:
        >>> (eni,) = hyperplane_enis([LambdaFunction("api", ["subnet-a"], ["sg-2", "sg-1"])])
        >>> account, subnet, groups = eni.combination
        >>> account, subnet, sorted(groups)
        ('123456789012', 'subnet-a', ['sg-1', 'sg-2'])
        >>> print(eni)
        ENI in subnet-a [sg-1,sg-2] used by api
    """

    subnet_id: str
    security_group_ids: frozenset[str]
    account_id: str
    used_by: tuple[str, ...]
    index: int = 0
    connections: int = 0
    assumptions: tuple[Simplification, ...] = (ONE_IP_PER_ENI,)

    @property
    def combination(self) -> _Combination:
        """The key Lambda shares ENIs by: ``(account_id, subnet_id, security_group_ids)``."""
        return (self.account_id, self.subnet_id, self.security_group_ids)

    @property
    def ip_addresses(self) -> int:
        """Addresses it takes from its subnet (one: see ``assumptions``)."""
        return 1

    def __str__(self) -> str:
        groups = ",".join(sorted(self.security_group_ids))
        extra = f" #{self.index + 1}" if self.index else ""
        return f"ENI{extra} in {self.subnet_id} [{groups}] used by {', '.join(self.used_by)}"


def check_functions(functions: object, /, field: str = "functions") -> tuple[LambdaFunction, ...]:
    """Check a list of :class:`LambdaFunction` with names unique per account.

    Examples:
        >>> check_functions("orders")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: functions must be a list of LambdaFunction, got
        'orders'
    """
    checked: list[LambdaFunction] = []
    seen: set[tuple[str, str]] = set()
    for i, fn in enumerate(check_list(field, functions, "a list of LambdaFunction",
                                      refuse=(LambdaFunction,))):
        if not isinstance(fn, LambdaFunction):
            raise LambdaNetError.invalid(f"{field}[{i}]", fn, "a LambdaFunction")
        if (fn.account_id, fn.name) in seen:
            raise LambdaNetError.invalid(
                f"{field}[{i}].name", fn.name, "unique within its account (it is listed twice)")
        seen.add((fn.account_id, fn.name))
        checked.append(fn)
    return tuple(checked)


def hyperplane_enis(
    functions: Iterable[LambdaFunction],
    *,
    connections: Mapping[str, int] | None = None,
    eni_quota: int | None = ENI_QUOTA_PER_VPC,
) -> list[Eni]:
    """The Hyperplane ENIs Lambda keeps for these functions and their published versions.

    Args:
        functions: The functions attached to one VPC (the quota is counted per VPC).
        connections: Optional peak concurrent connections per function or version, spread
            evenly over its subnets. A key is a label (``"orders"``, ``"orders:1"``) when only
            one account has a function of that name, else ``"<account id>/<label>"``
            (``"123456789012/orders"``), which is always accepted. A combination that carries
            more than 65,000 connections gets more ENIs.
        eni_quota: The per-VPC quota of Lambda Hyperplane ENIs (500 today, 250 in older
            documentation), or ``None`` to skip the check.

    Returns:
        The ENIs in order of first use, each naming the functions and versions sharing it.

    Raises:
        LambdaNetError: Bad input, a connections key that names no function or version (or
            a name two accounts share), or more connections than the ENIs of a subnet could
            ever carry (:data:`MAX_CONNECTIONS_PER_SUBNET`).
        QuotaExceeded: The deployment needs more ENIs than ``eni_quota``. ENIs are counted
            arithmetically first, so the check costs the same for any connection count.

    Examples:
        Security-group order does not matter; the set does:

        >>> a = LambdaFunction("a", ["subnet-1"], ["sg-x", "sg-y"])
        >>> b = LambdaFunction("b", ["subnet-1"], ["sg-y", "sg-x"])
        >>> c = LambdaFunction("c", ["subnet-1"], ["sg-x"])
        >>> len(hyperplane_enis([a, b, c]))
        2

        A published version on an older configuration keeps its own ENI:

        >>> from dataclasses import replace
        >>> v1 = a.publish()
        >>> [str(e) for e in hyperplane_enis([replace(v1, security_group_ids=["sg-z"])])]
        ['ENI in subnet-1 [sg-z] used by a', 'ENI in subnet-1 [sg-x,sg-y] used by a:1']

        65,001 connections through one combination need a second ENI:

        >>> [e.connections for e in hyperplane_enis([c], connections={"c": 65_001})]
        [32501, 32500]
        >>> hyperplane_enis([c], eni_quota=0)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.QuotaExceeded: Hyperplane ENIs per VPC would be 1, over the quota of 0:
        ...
        >>> hyperplane_enis([c], connections={"c": 10**18})
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: connections['c'] must be at most 4,259,515,000 (the
        most the ENIs of its 1 subnet could ever carry: 65,531 ENIs of 65,000 connections each),
        got 1000000000000000000
    """
    checked = check_functions(functions)
    if eni_quota is not None:
        check_int("eni_quota", eni_quota, lo=0)
    counted = eni_counts(checked, connections)
    needed = sum(count for _, _, count in counted.values())
    if eni_quota is not None and needed > eni_quota:
        raise QuotaExceeded(
            "Hyperplane ENIs per VPC", needed=needed, quota=eni_quota,
            advice="request a quota increase, delete published versions you no longer run, "
            "or let functions share subnet and security-group combinations")
    enis: list[Eni] = []
    for key, (labels, total, count) in counted.items():
        assumptions = (ONE_IP_PER_ENI, OVERFLOW_ENIS) if count > 1 else (ONE_IP_PER_ENI,)
        if connections is not None:
            assumptions = (*assumptions, CONNECTIONS_SPREAD)
        account_id, subnet_id, groups = key
        used_by = tuple(sorted(labels))
        enis.extend(
            Eni(subnet_id, groups, account_id, used_by, index, share, assumptions)
            for index, share in enumerate(_spread(total, count))
        )
    return enis


def eni_counts(
    functions: tuple[LambdaFunction, ...], connections: object
) -> dict[_Combination, tuple[set[str], int, int]]:
    """Per combination: the labels using it, the connections it carries and its ENI count.

    Counted arithmetically (one division per combination), so the cost does not grow with the
    connection count. ``functions`` must already be checked (:func:`check_functions`).

    Examples:
        >>> fn = LambdaFunction("api", ["subnet-a"], ["sg-app"])
        >>> [(labels, total, count) for labels, total, count in
        ...  eni_counts((fn,), {"api": 130_001}).values()]
        [({'api'}, 130001, 3)]
    """
    configs = [config for fn in functions for config in fn.network_configs]
    load = _connections_by_config(configs, connections)
    users: dict[_Combination, set[str]] = {}
    carried: dict[_Combination, int] = {}
    for config in configs:
        shares = _spread(load.get((config.account_id, config.label), 0),
                         len(config.subnet_ids))
        for subnet_id, share in zip(config.subnet_ids, shares, strict=True):
            key = (config.account_id, subnet_id, config.security_group_set)
            users.setdefault(key, set()).add(config.label)
            carried[key] = carried.get(key, 0) + share
    counted: dict[_Combination, tuple[set[str], int, int]] = {}
    per_subnet: dict[str, int] = {}
    for key, labels in users.items():
        total = carried[key]
        count = max(1, -(-total // CONNECTIONS_PER_HYPERPLANE_ENI))
        subnet_id = key[1]
        per_subnet[subnet_id] = per_subnet.get(subnet_id, 0) + count
        if per_subnet[subnet_id] > MAX_ENIS_PER_SUBNET:
            raise QuotaExceeded(
                f"Hyperplane ENIs in {subnet_id}", needed=per_subnet[subnet_id],
                quota=MAX_ENIS_PER_SUBNET,
                advice="no subnet has more addresses than a /16, whatever the quotas; spread "
                "the connections over more subnets")
        counted[key] = (labels, total, count)
    return counted


def _spread(total: int, parts: int) -> list[int]:
    """Split ``total`` into ``parts`` near-equal whole shares, larger shares first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _connections_by_config(
    configs: list[NetworkConfig], connections: object
) -> dict[tuple[str, str], int]:
    """Connections per ``(account_id, label)``, from keys ``label`` or ``account_id/label``."""
    if connections is None:
        return {}
    if not isinstance(connections, Mapping):
        raise LambdaNetError.invalid(
            "connections", connections, "a mapping of function name to connection count")
    by_full: dict[str, NetworkConfig] = {}  # "account/label" -> config
    by_label: dict[str, list[str]] = {}  # label -> the "account/label" keys it may mean
    for config in configs:
        full = f"{config.account_id}/{config.label}"
        by_full[full] = config
        by_label.setdefault(config.label, []).append(full)
    load: dict[tuple[str, str], int] = {}
    for label, count in connections.items():
        if isinstance(label, str) and label in by_full:
            full = label
        elif isinstance(label, str) and len(by_label.get(label, ())) == 1:
            full = by_label[label][0]
        elif isinstance(label, str) and label in by_label:
            listed = ", ".join(repr(x) for x in by_label[label][:4])
            raise LambdaNetError.invalid(
                "connections key", label,
                f"one account's function: {label!r} is a function in "
                f"{len(by_label[label])} accounts, so write the account too ({listed})")
        else:
            known = ", ".join(repr(x) for x in list(by_label)[:10])
            more = ", ..." if len(by_label) > 10 else ""
            raise LambdaNetError.invalid(
                "connections key", label, f"a function or version label ({known}{more})")
        config = by_full[full]
        field = f"connections[{label!r}]"
        count = check_int(field, count, lo=0)
        hi = MAX_CONNECTIONS_PER_SUBNET * len(config.subnet_ids)
        if count > hi:
            subnets = len(config.subnet_ids)
            raise LambdaNetError.invalid(
                field, count, f"at most {hi:,} (the most the ENIs of its {subnets} subnet"
                f"{'s' if subnets > 1 else ''} could ever carry: {MAX_ENIS_PER_SUBNET:,} ENIs "
                f"of {CONNECTIONS_PER_HYPERPLANE_ENI:,} connections each)")
        load[config.account_id, config.label] = count
    return load
