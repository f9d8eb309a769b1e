"""Where the model simplifies what AWS leaves undocumented, said once and by name.

Each module declares its simplifications with :func:`simplification` next to the code that
makes them; results carry the ones they relied on in an ``assumptions`` attribute, so a
learner sees the caveat beside the number rather than in a footnote.

Examples:
    >>> from lambdanet_edu import SIMPLIFICATIONS
    >>> print(SIMPLIFICATIONS["one_ip_per_eni"].text)
    Each ENI Lambda creates (a Hyperplane ENI today, a per-environment ENI before 2019) takes one
    private IPv4 address from its subnet. AWS does not document a per-ENI count; one is the working
    rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["SIMPLIFICATIONS", "Simplification", "simplification"]


@dataclass(frozen=True, slots=True)
class Simplification:
    """A named assumption the model makes where AWS is silent or vague.

    Examples:
        >>> ONE_IP_PER_ENI.key
        'one_ip_per_eni'
    """

    key: str
    text: str

    def __str__(self) -> str:
        return self.text


_registry: dict[str, Simplification] = {}
SIMPLIFICATIONS: Final[Mapping[str, Simplification]] = MappingProxyType(_registry)


def simplification(key: str, text: str) -> Simplification:
    """Declare a simplification once; declaring the same key twice is a programming error.

    Examples:
        >>> simplification("one_ip_per_eni", "again")
        Traceback (most recent call last):
        ...
        RuntimeError: simplification 'one_ip_per_eni' declared twice
    """
    if key in _registry:  # pragma: no cover - guards against two modules claiming one key
        raise RuntimeError(f"simplification {key!r} declared twice")
    _registry[key] = Simplification(key, text)
    return _registry[key]


ONE_IP_PER_ENI: Final = simplification(
    "one_ip_per_eni",
    "Each ENI Lambda creates (a Hyperplane ENI today, a per-environment ENI before 2019) takes "
    "one private IPv4 address from its subnet. AWS does not document a per-ENI count; one is the "
    "working rule.",
)
