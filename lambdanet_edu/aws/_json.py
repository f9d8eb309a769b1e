"""Private: reading AWS's JSON with errors that name the file and the JSON path.

Every value the reader takes goes through :class:`At`, so a bad one is reported as
``describe-route-tables.json: RouteTables[2].Routes[0].GatewayId must be ..., got ...``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from ipaddress import IPv4Network, ip_network
from typing import Any

from lambdanet_edu.errors import LambdaNetError

__all__ = ["At", "Unmodelled", "ipv4"]


@dataclass(frozen=True, slots=True)
class Unmodelled:
    """Something the reader found in the account but the model cannot use, named by its id.

    Examples:
        >>> print(Unmodelled("pcx-1", "describe-route-tables.json", "RouteTables[0].Routes[1]",
        ...                  "a peering route; the model cannot follow it"))
        pcx-1 (describe-route-tables.json: RouteTables[0].Routes[1]): a peering route; the model
        cannot follow it
    """

    item_id: str
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.item_id} ({self.file}: {self.path}): {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The warning as JSON-ready fields."""
        return {"id": self.item_id, "file": self.file, "path": self.path, "message": self.message}


@dataclass(frozen=True, slots=True)
class At:
    """A place in one file's JSON: the file name and the path to a value.

    Examples:
        >>> at = At("describe-subnets.json", "Subnets[0]")
        >>> at.text({"SubnetId": "subnet-1"}, "SubnetId")
        'subnet-1'
        >>> at.text({"SubnetId": 7}, "SubnetId")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: describe-subnets.json: Subnets[0].SubnetId must be a
        non-empty string, got 7
    """

    file: str
    path: str = ""

    def key(self, name: str) -> At:
        """The place of ``name`` inside this object."""
        return At(self.file, f"{self.path}.{name}" if self.path else name)

    def index(self, i: int) -> At:
        """The place of item ``i`` of this list."""
        return At(self.file, f"{self.path}[{i}]")

    @property
    def where(self) -> str:
        """``file: path``, as errors and warnings show it."""
        return f"{self.file}: {self.path}" if self.path else self.file

    def error(self, value: object, allowed: str) -> LambdaNetError:
        """The error for a bad value here."""
        return LambdaNetError.invalid(self.where, value, allowed)

    def warn(self, item_id: str, message: str) -> Unmodelled:
        """A warning about something at this place that the model leaves out."""
        return Unmodelled(item_id, self.file, self.path, message)

    def obj(self, value: object) -> dict[str, Any]:
        """``value`` as a JSON object, or the error naming this place."""
        if not isinstance(value, dict):
            raise self.error(value if not isinstance(value, list) else "a list",
                             "a JSON object")
        return value

    def items(self, data: dict[str, Any], name: str, *,
              required: bool = False) -> Iterator[tuple[At, dict[str, Any]]]:
        """Each object of the list ``data[name]`` with its place (missing means empty)."""
        place = self.key(name)
        value = data.get(name)
        if value is None:
            if required:
                raise place.error(None, "a list (is this the output of the right command?)")
            return
        if not isinstance(value, list):
            raise place.error(value if not isinstance(value, dict) else "an object", "a list")
        for i, item in enumerate(value):
            yield place.index(i), place.index(i).obj(item)

    def text(self, data: dict[str, Any], name: str, *, optional: bool = False) -> str:
        """The string ``data[name]``."""
        value = data.get(name)
        if optional and value in (None, ""):
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.key(name).error(value, "a non-empty string")
        return value

    def strings(self, data: dict[str, Any], name: str) -> list[str]:
        """The list of strings ``data[name]`` (missing means empty)."""
        value = data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.key(name).error(value, "a list of ids")
        return value

    def integer(self, data: dict[str, Any], name: str, *, default: int | None = None) -> int:
        """The integer ``data[name]``."""
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.key(name).error(value, "an integer")
        return value

    def flag(self, data: dict[str, Any], name: str, *, default: bool = False) -> bool:
        """The boolean ``data[name]``."""
        value = data.get(name, default)
        if not isinstance(value, bool):
            raise self.key(name).error(value, "true or false")
        return value


def ipv4(at: At, value: object) -> IPv4Network:
    """``value`` as an IPv4 network, or the error naming its place."""
    try:
        network = ip_network(value, strict=True)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise at.error(value, "an IPv4 CIDR such as '10.0.0.0/16'") from None
    if not isinstance(network, IPv4Network):
        raise at.error(value, "an IPv4 CIDR such as '10.0.0.0/16'")
    return network
