"""Lambda functions attached to a VPC: the part of their configuration that shapes networking.

Examples:
    >>> fn = LambdaFunction("orders", ["subnet-a", "subnet-b"], ["sg-app"], memory_mb=1024)
    >>> fn.security_group_set
    frozenset({'sg-app'})
    >>> v1 = fn.publish()
    >>> [c.label for c in v1.network_configs]
    ['orders', 'orders:1']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lambdanet_edu._checks import check_id, check_ids, check_int, check_items
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.facts import (
    MAX_MEMORY_MB,
    MAX_SECURITY_GROUPS_PER_FUNCTION,
    MAX_SUBNETS_PER_FUNCTION,
    MIN_MEMORY_MB,
)

__all__ = ["DEFAULT_ACCOUNT_ID", "LambdaFunction", "NetworkConfig", "PublishedVersion"]

#: The example account id AWS uses in its documentation.
DEFAULT_ACCOUNT_ID = "123456789012"


def _check_account(value: object, /) -> str:
    if not (isinstance(value, str) and len(value) == 12 and value.isdigit() and value.isascii()):
        raise LambdaNetError.invalid("account_id", value, "a 12-digit AWS account id as a string")
    return value


def _check_subnets(value: object, /) -> tuple[str, ...]:
    return check_ids("subnet_ids", value, lo=1, hi=MAX_SUBNETS_PER_FUNCTION)


def _check_security_groups(value: object, /) -> tuple[str, ...]:
    return check_ids("security_group_ids", value, lo=1, hi=MAX_SECURITY_GROUPS_PER_FUNCTION)


@dataclass(frozen=True, slots=True)
class NetworkConfig:
    """One VPC configuration in use: a function's ``$LATEST`` or one of its published versions.

    Examples:
        >>> fn = LambdaFunction("orders", ["subnet-a"], ["sg-1"]).publish()
        >>> fn.network_configs[1]
        NetworkConfig(label='orders:1', account_id='123456789012', subnet_ids=('subnet-a',),
        security_group_set=frozenset({'sg-1'}))
    """

    label: str
    account_id: str
    subnet_ids: tuple[str, ...]
    security_group_set: frozenset[str]


@dataclass(frozen=True, slots=True)
class PublishedVersion:
    """A published version, frozen with the VPC configuration the function had when published.

    A version keeps its own configuration, so a version published before a security-group
    change keeps its own Hyperplane ENI alive (AWS advises deleting unused versions).

    Examples:
        >>> PublishedVersion(0, ["subnet-a"], ["sg-1"])
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: version must be an integer >= 1, got 0
    """

    version: int
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, version: int, subnet_ids: Iterable[str], security_group_ids: Iterable[str],
        ) -> None: ...

    def __post_init__(self) -> None:
        check_int("version", self.version, lo=1)
        object.__setattr__(self, "subnet_ids", _check_subnets(self.subnet_ids))
        object.__setattr__(self, "security_group_ids",
                           _check_security_groups(self.security_group_ids))


@dataclass(frozen=True, slots=True)
class LambdaFunction:
    """A function's VPC configuration (``VpcConfig``), memory and account.

    Args:
        name: The function name.
        subnet_ids: 1 to 16 subnets (``VpcConfig.SubnetIds``).
        security_group_ids: 1 to 5 security groups (``VpcConfig.SecurityGroupIds``).
        memory_mb: 128 to 10,240 MB. Only the pre-2019 model's IP count depends on it.
        account_id: The 12-digit account; Hyperplane ENIs are shared only within an account.
        published_versions: Versions published earlier, each with its own VPC configuration.
        ipv6_allowed_for_dual_stack: ``VpcConfig.Ipv6AllowedForDualStack`` (default False):
            outbound IPv6, which AWS allows only when every subnet is dual-stack.

    Change a function with :func:`dataclasses.replace` (it is immutable) and publish a version
    with :meth:`publish`.

    Examples:
        >>> LambdaFunction("orders", ["subnet-a"], [], memory_mb=128)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: security_group_ids must be a list of 1 to 5 ids, got 0
        ids
        >>> LambdaFunction("orders", ["subnet-a"], ["sg-1"], memory_mb=64)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: memory_mb must be an integer from 128 to 10,240, got 64
    """

    name: str
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    memory_mb: int = MIN_MEMORY_MB
    account_id: str = DEFAULT_ACCOUNT_ID
    published_versions: tuple[PublishedVersion, ...] = ()
    ipv6_allowed_for_dual_stack: bool = False

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, name: str, subnet_ids: Iterable[str], security_group_ids: Iterable[str],
            memory_mb: int = MIN_MEMORY_MB, account_id: str = DEFAULT_ACCOUNT_ID,
            published_versions: Iterable[PublishedVersion] = (),
            ipv6_allowed_for_dual_stack: bool = False,
        ) -> None: ...

    def __post_init__(self) -> None:
        check_id("name", self.name)
        object.__setattr__(self, "subnet_ids", _check_subnets(self.subnet_ids))
        object.__setattr__(self, "security_group_ids",
                           _check_security_groups(self.security_group_ids))
        check_int("memory_mb", self.memory_mb, lo=MIN_MEMORY_MB, hi=MAX_MEMORY_MB)
        _check_account(self.account_id)
        object.__setattr__(self, "published_versions", _check_versions(self.published_versions))
        if not isinstance(self.ipv6_allowed_for_dual_stack, bool):
            raise LambdaNetError.invalid("ipv6_allowed_for_dual_stack",
                                         self.ipv6_allowed_for_dual_stack, "True or False")

    @property
    def security_group_set(self) -> frozenset[str]:
        """The security groups as a set: their order never matters to Lambda."""
        return frozenset(self.security_group_ids)

    @property
    def network_configs(self) -> tuple[NetworkConfig, ...]:
        """``$LATEST`` (labelled with the name) then each published version (``name:N``)."""
        latest = NetworkConfig(self.name, self.account_id, self.subnet_ids, self.security_group_set)
        return (latest, *(
            NetworkConfig(f"{self.name}:{v.version}", self.account_id, v.subnet_ids,
                          frozenset(v.security_group_ids))
            for v in self.published_versions
        ))

    def publish(self) -> LambdaFunction:
        """Return this function with a new version that freezes its current VPC configuration.

        Examples:
            >>> fn = LambdaFunction("orders", ["subnet-a"], ["sg-1"]).publish().publish()
            >>> [v.version for v in fn.published_versions]
            [1, 2]
        """
        number = max((v.version for v in self.published_versions), default=0) + 1
        version = PublishedVersion(number, self.subnet_ids, self.security_group_ids)
        return dataclasses.replace(self, published_versions=(*self.published_versions, version))


def _check_versions(value: object, /) -> tuple[PublishedVersion, ...]:
    versions = check_items("published_versions", value, PublishedVersion)
    numbers = [v.version for v in versions]
    if len(set(numbers)) != len(numbers):
        raise LambdaNetError.invalid("published_versions", numbers,
                                     "versions with distinct numbers")
    return versions
