"""Where a function's code connects to: the internet, an AWS service, or an address in the VPC.

:func:`destination` also reads the short strings a learner types: ``"internet"``, ``"s3"``,
``"api.example.com:8443"`` or ``"10.0.2.15:5432"``.

Examples:
    >>> destination("s3")
    AwsService(name='s3', port=443)
    >>> destination("10.0.2.15:5432")
    VpcAddress(ip=IPv4Address('10.0.2.15'), port=5432, protocol='tcp')
    >>> destination("api.example.com").label
    'the internet (api.example.com, tcp port 443)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address, ip_address
from typing import TYPE_CHECKING, Final

from lambdanet_edu._checks import is_ascii_digits
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.network.routing import check_service_name
from lambdanet_edu.network.traffic import IpInput, check_ip, check_port, check_protocol

__all__ = ["HTTPS_PORT", "AwsService", "Destination", "Internet", "VpcAddress", "destination"]

#: HTTPS, the port AWS service APIs answer on (a protocol convention, not an AWS quota).
HTTPS_PORT: Final = 443

# re.ASCII: \d would otherwise match any script's digits ("٥٤٣٢" read as 5432).
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", re.ASCII)
_SERVICE = re.compile(r"[a-z][a-z0-9-]*", re.ASCII)
_ADDRESS = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?(?:/(tcp|udp))?", re.ASCII)
# A host name is at most 253 characters (RFC 1035), which also bounds the regex's work.
_MAX_HOST_CHARS = 253
_ALLOWED = ("'internet', an AWS service name such as 's3', a host name such as "
            "'api.example.com', or an address and port such as '10.0.2.15:5432'")


@dataclass(frozen=True, slots=True)
class Internet:
    """A host on the public internet. Its address is unknown to the model.

    ``ip_version=6`` means the function connects to it over IPv6 (the host must have an IPv6
    address; the model takes your word for it), and :func:`~lambdanet_edu.egress.can_reach`
    then follows the IPv6 path.

    Examples:
        >>> Internet(ip_version=6).label
        'the internet over IPv6 (api.example.com, tcp port 443)'
        >>> Internet(port=80).label
        'the internet (api.example.com, tcp port 80)'
        >>> Internet(port=0)
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: port must be a port number from 1 to 65,535, got 0
    """

    host: str = "api.example.com"
    port: int = HTTPS_PORT
    protocol: str = "tcp"
    ip_version: int = 4

    def __post_init__(self) -> None:
        if not isinstance(self.host, str) or len(self.host) > _MAX_HOST_CHARS \
                or not _HOST.fullmatch(self.host):
            raise LambdaNetError.invalid("host", self.host, "a host name such as 'api.example.com'")
        if _ADDRESS.fullmatch(self.host):
            try:
                private = not ip_address(self.host).is_global
            except ValueError:
                private = False  # not an address after all (e.g. 999.1.1.1): a name
            if private:
                raise LambdaNetError.invalid(
                    "host", self.host, "a public host name or address (a private address is "
                    "inside a network, not on the internet: use VpcAddress for one in the VPC)")
        check_port("port", self.port)
        object.__setattr__(self, "protocol",
                           check_protocol("protocol", self.protocol, allow_all=False))
        if self.ip_version not in (4, 6) or isinstance(self.ip_version, bool):
            raise LambdaNetError.invalid("ip_version", self.ip_version, "4 or 6")

    @property
    def label(self) -> str:
        """The destination in words, for explanations."""
        over = " over IPv6" if self.ip_version == 6 else ""
        return f"the internet{over} ({self.host}, {self.protocol} port {self.port})"


@dataclass(frozen=True, slots=True)
class AwsService:
    """An AWS service API, such as ``"s3"``, ``"dynamodb"``, ``"sqs"`` or ``"secretsmanager"``.

    S3 and DynamoDB can be reached through a gateway endpoint, any service through an
    interface endpoint; otherwise the function reaches the service's public endpoint like any
    internet host. The connection is always TCP.

    Examples:
        >>> AwsService("sqs").label
        'sqs (tcp port 443)'
        >>> AwsService("Amazon SQS")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: name must be a lower-case AWS service name such as
        's3', 'sqs' or 'secretsmanager', got 'Amazon SQS'
    """

    name: str
    port: int = HTTPS_PORT

    def __post_init__(self) -> None:
        check_service_name("name", self.name)
        check_port("port", self.port)

    @property
    def protocol(self) -> str:
        """Always ``"tcp"``: AWS APIs are HTTPS."""
        return "tcp"

    @property
    def label(self) -> str:
        """The destination in words, for explanations."""
        return f"{self.name} ({self.protocol} port {self.port})"


@dataclass(frozen=True, slots=True)
class VpcAddress:
    """An address and port inside the VPC, such as a database.

    Examples:
        >>> VpcAddress("10.0.2.15", 5432).label
        '10.0.2.15 (tcp port 5432)'
        >>> VpcAddress("10.0.2.15", "5432")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: port must be a port number from 1 to 65,535, got '5432'
    """

    ip: IPv4Address
    port: int
    protocol: str = "tcp"

    if TYPE_CHECKING:  # what the constructor accepts; __post_init__ normalizes it
        def __init__(
            self, ip: IpInput, port: int, protocol: str = "tcp",
        ) -> None: ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "ip", check_ip("ip", self.ip))
        check_port("port", self.port)
        object.__setattr__(self, "protocol",
                           check_protocol("protocol", self.protocol, allow_all=False))

    @property
    def label(self) -> str:
        """The destination in words, for explanations."""
        return f"{self.ip} ({self.protocol} port {self.port})"


Destination = Internet | AwsService | VpcAddress


def destination(value: object, /) -> Destination:
    """A destination object, or one read from a learner's string.

    Strings (not case-sensitive): ``"internet"`` or ``"internet:80"``; ``"internet6"`` (the
    internet over IPv6, port 443); a service name such as
    ``"s3"`` or ``"sqs:443"``; a host name with a dot such as ``"api.example.com:8443"``
    (the internet); an address with a port such as ``"10.0.2.15:5432"`` or
    ``"10.0.0.2:53/udp"``. Service names with a dot (``"ecr.api"``) need
    ``AwsService("ecr.api")``.

    Examples:
        >>> destination("internet:80")
        Internet(host='api.example.com', port=80, protocol='tcp', ip_version=4)
        >>> destination("internet6").ip_version
        6
        >>> destination("10.0.0.2:53/udp").protocol
        'udp'
        >>> destination("10.0.2.15")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: destination must be an address with a port, such as
        '10.0.2.15:5432', got '10.0.2.15'
        >>> destination("s3 bucket")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: destination must be 'internet', an AWS service name
        such as 's3', a host name such as 'api.example.com', or an address and port such as
        '10.0.2.15:5432', got 's3 bucket'
    """
    if isinstance(value, (Internet, AwsService, VpcAddress)):
        return value
    if not isinstance(value, str):
        raise LambdaNetError.invalid("destination", value, _ALLOWED + " (or a destination object)")
    text = value.strip().lower()
    address = _ADDRESS.fullmatch(text)
    if address:
        ip, port, protocol = address.groups()
        if port is None:
            raise LambdaNetError.invalid("destination", value,
                                         "an address with a port, such as '10.0.2.15:5432'")
        try:
            return VpcAddress(ip, int(port), protocol or "tcp")
        except LambdaNetError as err:
            raise err.within("destination") from None
    name, _, port_text = text.partition(":")
    port = HTTPS_PORT
    if port_text:
        if not is_ascii_digits(port_text) or len(port_text) > 5:
            raise LambdaNetError.invalid("destination", value, _ALLOWED)
        port = int(port_text)
    try:
        if name == "internet":
            return Internet(port=port)
        if name == "internet6":
            return Internet(port=port, ip_version=6)
        if _SERVICE.fullmatch(name):
            return AwsService(name, port)
        if _HOST.fullmatch(name):
            return Internet(name, port)
    except LambdaNetError as err:
        raise err.within("destination") from None
    raise LambdaNetError.invalid("destination", value, _ALLOWED)
