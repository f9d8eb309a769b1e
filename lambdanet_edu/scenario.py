"""Scenarios read from plain data (JSON), with errors that point at the offending entry.

A scenario file describes subnets, functions and, optionally, a whole VPC. Keys are the
argument names of the model's classes, so what a learner writes in Python and in JSON match.

Examples:
    >>> s = load_scenario({
    ...     "subnets": [{"subnet_id": "subnet-a", "cidr": "10.0.0.0/24"}],
    ...     "functions": [{"name": "api", "subnet_ids": ["subnet-a"],
    ...                    "security_group_ids": ["sg-app"], "memory_mb": 1024}],
    ... })
    >>> s.functions[0].memory_mb, s.subnets[0].usable_ips
    (1024, 251)
    >>> load_scenario({"functions": [{"name": "api", "subnet_ids": ["subnet-a"],
    ...                               "security_group_ids": ["sg-app"], "memory_mb": 64}]})
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: functions[0].memory_mb must be an integer from 128 to
    10,240, got 64
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from lambdanet_edu._checks import check_id, check_int, check_items
from lambdanet_edu.enis import check_functions
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import ENI_QUOTA_PER_VPC
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.subnets import Subnet
from lambdanet_edu.network.vpc import Vpc

__all__ = ["Scenario", "from_data", "load_scenario"]


class _Dataclass(Protocol):
    """Any dataclass, as :func:`dataclasses.fields` takes it."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


_D = TypeVar("_D", bound=_Dataclass)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """Subnets and functions (and optionally a VPC) to run the model on.

    Attributes:
        subnets: The subnets (from ``vpc`` by default when one is given).
        functions: The functions attached to them.
        other_enis: Addresses taken by other ENIs, per subnet id (from ``vpc`` by default).
        connections: Peak connections per function, for Hyperplane ENI overflow.
        eni_quota: The per-VPC Hyperplane ENI quota to check against.
        vpc: A full VPC description (:class:`lambdanet_edu.network.vpc.Vpc`), for egress questions.

    Examples:
        >>> Scenario().eni_quota
        500
        >>> Scenario(eni_quota=float("nan"))
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: eni_quota must be an integer >= 0, got nan
    """

    subnets: tuple[Subnet, ...] = ()
    functions: tuple[LambdaFunction, ...] = ()
    other_enis: Mapping[str, int] = field(default_factory=dict)
    connections: Mapping[str, int] | None = None
    eni_quota: int = ENI_QUOTA_PER_VPC
    vpc: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "subnets",
                           check_items("subnets", self.subnets, Subnet, refuse=(Subnet,)))
        object.__setattr__(self, "functions", check_functions(self.functions))
        for name in ("other_enis", "connections"):
            value = getattr(self, name)
            if value is None and name == "connections":
                continue
            if not isinstance(value, Mapping):
                raise LambdaNetError.invalid(name, value, "an object of id to count")
            for key, count in value.items():
                check_id(f"{name} key", key)
                check_int(f"{name}[{key!r}]", count, lo=0)
        check_int("eni_quota", self.eni_quota, lo=0)
        if self.vpc is not None and not isinstance(self.vpc, Vpc):
            raise LambdaNetError.invalid("vpc", self.vpc, "a Vpc or None")


def load_scenario(data: object) -> Scenario:
    """Build a :class:`Scenario` from parsed JSON, checking every key and value.

    A ``vpc`` entry, when present, is read as a :class:`lambdanet_edu.network.vpc.Vpc`; its subnets
    and
    the addresses its NAT gateways, endpoints and resources take become the scenario's
    ``subnets`` and ``other_enis`` unless those are given too.

    Examples:
        >>> s = load_scenario({"vpc": {"vpc_id": "vpc-1", "cidr": "10.0.0.0/16",
        ...                            "subnets": [{"subnet_id": "a", "cidr": "10.0.0.0/24"}]}})
        >>> [x.subnet_id for x in s.subnets], s.vpc.vpc_id
        (['a'], 'vpc-1')
        >>> load_scenario([])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: scenario must be a JSON object, got []
    """
    if not isinstance(data, Mapping):
        raise LambdaNetError.invalid("scenario", data, "a JSON object")
    values = dict(data)
    if values.get("vpc") is not None:
        vpc = from_data(Vpc, values["vpc"], "vpc")
        values["vpc"] = vpc
        values.setdefault("subnets", vpc.subnets)
        values.setdefault("other_enis", vpc.other_enis())
    return from_data(Scenario, values, "")


def from_data(cls: type[_D], data: object, path: str) -> _D:
    """Build dataclass ``cls`` from a mapping, recursing into nested dataclasses by type hint.

    Errors raised while validating a nested value are re-raised with ``path`` in front.

    Examples:
        >>> from_data(Subnet, {"subnet_id": "a", "cidr": "10.0.0.0/24", "az": "x"}, "subnets[0]")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: subnets[0] must be an object with keys 'subnet_id',
        'cidr', 'availability_zone', 'ipv6_cidr', got unknown key 'az'
    """
    if isinstance(data, cls):
        return data
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    allowed = f"an object with keys {', '.join(repr(k) for k in fields)}"
    if not isinstance(data, Mapping):
        raise LambdaNetError.invalid(path or "scenario", data, allowed)
    for key in data:
        if key not in fields:
            raise LambdaNetError.invalid(path or "scenario", data, allowed,
                                         got=f"unknown key {key!r}")
    hints = typing.get_type_hints(cls)
    kwargs = {name: _convert(hints[name], value, _join(path, name)) for name, value in data.items()}
    for name, f in fields.items():
        if name not in kwargs and f.default is dataclasses.MISSING \
                and f.default_factory is dataclasses.MISSING:
            raise LambdaNetError.invalid(_join(path, name), None, "given (it is required)",
                                         got="nothing")
    try:
        return cls(**kwargs)
    except LambdaNetError as err:
        raise (err.within(path) if path else err) from None


def _convert(hint: Any, value: object, path: str) -> object:
    """Turn nested JSON into the dataclasses a field's type hint names; leave the rest alone."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        targets = [a for a in args if isinstance(a, type) and dataclasses.is_dataclass(a)]
        return from_data(targets[0], value, path) if targets and isinstance(value, Mapping) \
            else value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type) \
            and isinstance(value, Mapping):
        return from_data(hint, value, path)
    item_type = args[0] if origin is tuple and args else None
    if isinstance(item_type, type) and dataclasses.is_dataclass(item_type) \
            and isinstance(value, list):
        # Items that are not objects go through as they are: the class may accept other
        # spellings (a route as a [destination, target] pair) and says what it allows if not.
        return tuple(from_data(item_type, item, f"{path}[{i}]") if isinstance(item, Mapping)
                     else item for i, item in enumerate(value))
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
