"""An AWS account's network, read from the JSON its command line prints: :func:`load_inventory`.

Examples:
    >>> from lambdanet_edu.aws import sample_account
    >>> inventory = load_inventory(sample_account())
    >>> sorted(inventory.vpcs)
    ['vpc-0a1b2c3d4e5f60718']
    >>> [f.name for f in inventory.functions]
    ['orders', 'reports', 'thumbnails']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from lambdanet_edu.aws._ec2 import read_ec2
from lambdanet_edu.aws._files import MULTI, OPTIONAL, REQUIRED, read_source, required_output
from lambdanet_edu.aws._json import At, Unmodelled
from lambdanet_edu.aws._parts import Ec2, Parts
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction, PublishedVersion
from lambdanet_edu.network.vpc import Resource, Vpc

__all__ = ["Database", "Inventory", "LambdaEni", "load_inventory"]

#: The kinds of network interfaces that are not Lambda's, as ``other_enis`` groups them.
ENI_KINDS: Final = ("NAT gateway", "endpoint", "database", "other")


@dataclass(frozen=True, slots=True)
class LambdaEni:
    """A Lambda network interface the account really has.

    Examples:
        >>> LambdaEni("eni-1", "vpc-1", "subnet-a", frozenset({"sg-1"}), "in-use").key
        ('subnet-a', frozenset({'sg-1'}))
    """

    eni_id: str
    vpc_id: str
    subnet_id: str
    security_group_ids: frozenset[str]
    status: str

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        """The (subnet, security groups) combination it serves."""
        return self.subnet_id, self.security_group_ids


@dataclass(frozen=True, slots=True)
class Database:
    """A database found in the account: its network interface and, from RDS, its name and port.

    Examples:
        >>> Database("orders-db", "vpc-1", "eni-1", "10.0.2.15", 5432, ("sg-db",)).target
        '10.0.2.15:5432'
    """

    name: str
    vpc_id: str
    eni_id: str
    ip: str
    port: int | None
    security_group_ids: tuple[str, ...]

    @property
    def target(self) -> str | None:
        """``"IP:PORT"`` for :func:`~lambdanet_edu.egress.can_reach`, or None without a port."""
        return None if self.port is None else f"{self.ip}:{self.port}"


@dataclass(frozen=True, slots=True)
class Inventory:
    """What :func:`load_inventory` read: the account's VPCs and functions as the model sees them.

    Attributes:
        vpcs: VPC id -> :class:`~lambdanet_edu.network.vpc.Vpc`.
        functions: The functions attached to a VPC (with their published versions).
        function_vpcs: Function name -> the id of its VPC.
        functions_outside_vpc: Names of the functions with no VPC configuration.
        other_enis: Subnet id -> kind (``"NAT gateway"``, ``"endpoint"``, ``"database"``,
            ``"other"``) -> addresses their network interfaces take.
        lambda_enis: The Lambda network interfaces the account has.
        resources: The databases found.
        available_ips: Subnet id -> free addresses as AWS counts them.
        warnings: Everything read that the model cannot use, each naming its id.
        dns_attributes: VPC id -> ``{"enable_dns_support": ..., "enable_dns_hostnames": ...}``.
        nat_addresses: NAT gateway id -> its Elastic IPs.
        ipv6_cidrs: VPC or subnet id -> its IPv6 CIDRs.
        egress_only_gateways: VPC id -> its egress-only internet gateway.

    Examples:
        >>> from lambdanet_edu.aws import sample_account
        >>> inventory = load_inventory(sample_account())
        >>> inventory.other_eni_counts("vpc-0a1b2c3d4e5f60718")["subnet-0d93f8e7a6b5c4b82"]
        1
        >>> inventory.other_enis["subnet-0d93f8e7a6b5c4b82"]
        {'database': 1}
    """

    vpcs: Mapping[str, Vpc]
    functions: tuple[LambdaFunction, ...]
    function_vpcs: Mapping[str, str]
    functions_outside_vpc: tuple[str, ...]
    other_enis: Mapping[str, Mapping[str, int]]
    lambda_enis: tuple[LambdaEni, ...]
    resources: tuple[Database, ...]
    available_ips: Mapping[str, int]
    warnings: tuple[Unmodelled, ...]
    dns_attributes: Mapping[str, Mapping[str, bool]]
    nat_addresses: Mapping[str, tuple[str, ...]]
    ipv6_cidrs: Mapping[str, tuple[str, ...]]
    egress_only_gateways: Mapping[str, str]

    def functions_in(self, vpc_id: str) -> tuple[LambdaFunction, ...]:
        """The functions attached to one VPC."""
        return tuple(f for f in self.functions if self.function_vpcs[f.name] == vpc_id)

    def other_eni_counts(self, vpc_id: str) -> dict[str, int]:
        """Subnet id -> addresses other network interfaces take, for one VPC's subnets."""
        subnets = {s.subnet_id for s in self.vpcs[vpc_id].subnets}
        return {s: sum(kinds.values()) for s, kinds in self.other_enis.items() if s in subnets}


def _eni_kind(data: dict[str, Any]) -> str:
    kind, text = data.get("InterfaceType", ""), str(data.get("Description", ""))
    if kind == "lambda" or text.startswith("AWS Lambda VPC ENI"):
        return "lambda"
    if kind == "nat_gateway" or text.startswith("Interface for NAT Gateway"):
        return "NAT gateway"
    if kind in ("vpc_endpoint", "gateway_load_balancer_endpoint") or text.startswith(
            "VPC Endpoint Interface"):
        return "endpoint"
    if data.get("RequesterId") == "amazon-rds" or text == "RDSNetworkInterface":
        return "database"
    return "other"


def _enis(files: dict[str, object], ec2: Ec2, warnings: list[Unmodelled]) -> tuple[
        dict[str, dict[str, int]], list[LambdaEni], list[tuple[str, str, str, tuple[str, ...]]]]:
    doc = required_output(files, "describe-network-interfaces.json")
    other: dict[str, dict[str, int]] = {}
    lambdas: list[LambdaEni] = []
    databases: list[tuple[str, str, str, tuple[str, ...]]] = []
    for at, data in At("describe-network-interfaces.json").items(
            doc, "NetworkInterfaces", required=True):
        eni_id, subnet_id = at.text(data, "NetworkInterfaceId"), at.text(data, "SubnetId")
        if subnet_id not in ec2.subnet_vpc:
            warnings.append(at.warn(eni_id, f"in {subnet_id}, a subnet not read: left out"))
            continue
        kind = _eni_kind(data)
        groups = tuple(g.get("GroupId", "") for _, g in at.items(data, "Groups"))
        addresses = max(len(data.get("PrivateIpAddresses") or []), 1)
        addresses += 16 * len(data.get("Ipv4Prefixes") or [])  # a /28 prefix: 16 addresses
        if kind == "lambda":
            lambdas.append(LambdaEni(eni_id, ec2.subnet_vpc[subnet_id], subnet_id,
                                     frozenset(groups), str(data.get("Status", "in-use"))))
            continue
        per_kind = other.setdefault(subnet_id, {})
        per_kind[kind] = per_kind.get(kind, 0) + addresses
        if kind == "database":
            databases.append((eni_id, subnet_id, at.text(data, "PrivateIpAddress"), groups))
    return other, lambdas, databases


def _databases(files: dict[str, object], ec2: Ec2, found: list[tuple[str, str, str, tuple[
        str, ...]]], warnings: list[Unmodelled]) -> list[Database]:
    rds = files.get("describe-db-instances.json")
    instances = list(At("describe-db-instances.json").items(
        At("describe-db-instances.json").obj(rds), "DBInstances")) if rds is not None else []
    result: list[Database] = []
    used: set[int] = set()
    for eni_id, subnet_id, ip, groups in found:
        name, port = eni_id, None
        for i, (at, db) in enumerate(instances):
            wanted = {g.get("VpcSecurityGroupId") for _, g in at.items(db, "VpcSecurityGroups")}
            subnets = {s.get("SubnetIdentifier") for _, s in at.key("DBSubnetGroup").items(
                db.get("DBSubnetGroup") or {}, "Subnets")}
            if i not in used and wanted == set(groups) and (not subnets or subnet_id in subnets):
                used.add(i)
                name = at.text(db, "DBInstanceIdentifier")
                endpoint = db.get("Endpoint") or {}
                port = at.key("Endpoint").integer(endpoint, "Port") if "Port" in endpoint else None
                break
        if port is None:
            warnings.append(Unmodelled(eni_id, "describe-network-interfaces.json", ip,
                                       "a database interface with no port known (add "
                                       "describe-db-instances.json): reach is not checked"))
        result.append(Database(name, ec2.subnet_vpc[subnet_id], eni_id, ip, port, groups))
    for i, (at, db) in enumerate(instances):
        if i not in used:
            warnings.append(at.warn(str(db.get("DBInstanceIdentifier", "?")),
                                    "no network interface of it found: left out"))
    return result


def _versions(files: dict[str, object]) -> dict[str, list[tuple[At, dict[str, Any]]]]:
    found: dict[str, list[tuple[At, dict[str, Any]]]] = {}
    for name, doc in files.items():
        if not name.startswith("list-versions-by-function"):
            continue
        outputs = doc if isinstance(doc, list) else [doc]
        for i, out in enumerate(outputs):
            base = At(name, f"[{i}]" if isinstance(doc, list) else "")
            for at, version in base.items(base.obj(out), "Versions", required=True):
                if version.get("Version") != "$LATEST":
                    found.setdefault(at.text(version, "FunctionName"), []).append((at, version))
    return found


def _functions(files: dict[str, object], ec2: Ec2, warnings: list[Unmodelled]) -> tuple[
        list[LambdaFunction], dict[str, str], list[str]]:
    doc = required_output(files, "list-functions.json")
    versions = _versions(files)
    functions: list[LambdaFunction] = []
    vpc_of: dict[str, str] = {}
    outside: list[str] = []
    for at, data in At("list-functions.json").items(doc, "Functions", required=True):
        name = at.text(data, "FunctionName")
        config = data.get("VpcConfig") or {}
        subnets = at.key("VpcConfig").strings(config, "SubnetIds")
        if not subnets:
            outside.append(name)
            continue
        arn = at.text(data, "FunctionArn")
        account = arn.split(":")[4] if arn.count(":") >= 6 else ""
        vpcs = {ec2.subnet_vpc.get(s) for s in subnets}
        kept = [s for s in subnets if any(p.subnet_id == s for p in ec2.vpcs[
            ec2.subnet_vpc[s]].subnets)] if None not in vpcs and len(vpcs) == 1 else []
        if not kept:
            warnings.append(at.warn(name, "its subnets are not among the subnets read: "
                                    "left out"))
            continue
        if len(kept) < len(subnets):
            warnings.append(at.warn(name, "some of its subnets are left out: "
                                    f"{', '.join(s for s in subnets if s not in kept)}"))
        dual = config.get("Ipv6AllowedForDualStack")
        if dual:
            ipv6_allowed_for_dual_stack(warnings, at, name)
        published = [PublishedVersion(int(v["Version"]), [s for s in v_at.key("VpcConfig").strings(
            v.get("VpcConfig") or {}, "SubnetIds") if s in kept] or kept,
            v_at.key("VpcConfig").strings(v.get("VpcConfig") or {}, "SecurityGroupIds")
            or at.key("VpcConfig").strings(config, "SecurityGroupIds"))
            for v_at, v in versions.get(name, []) if str(v.get("Version", "")).isdigit()]
        try:
            functions.append(LambdaFunction(
                name, kept, at.key("VpcConfig").strings(config, "SecurityGroupIds"),
                memory_mb=at.integer(data, "MemorySize", default=128), account_id=account,
                published_versions=published))
        except LambdaNetError as err:
            raise LambdaNetError(f"{at.where}: {err}", field=at.where) from None
        vpc_of[name] = ec2.subnet_vpc[kept[0]]
    return functions, vpc_of, outside


def ipv6_allowed_for_dual_stack(warnings: list[Unmodelled], at: At, name: str) -> None:
    """``VpcConfig.Ipv6AllowedForDualStack``: noted, not used by the model yet."""
    warnings.append(at.warn(name, "Ipv6AllowedForDualStack is on: the model does not use "
                            "IPv6 yet"))


def dns_attributes(files: dict[str, object]) -> dict[
        str, dict[str, bool]]:
    """VPC id -> its DNS attributes, from ``describe-vpc-attribute`` outputs (see
    :func:`vpc_dns`)."""
    found: dict[str, dict[str, bool]] = {}
    for name, doc in files.items():
        if not name.startswith("describe-vpc-attribute"):
            continue
        outputs = doc if isinstance(doc, list) else [doc]
        for i, out in enumerate(outputs):
            at = At(name, f"[{i}]" if isinstance(doc, list) else "")
            data = at.obj(out)
            vpc_id = at.text(data, "VpcId")
            for key, attr in (("EnableDnsSupport", "enable_dns_support"),
                              ("EnableDnsHostnames", "enable_dns_hostnames")):
                if key in data:
                    value = at.key(key).flag(at.key(key).obj(data[key]), "Value")
                    found.setdefault(vpc_id, {})[attr] = value
    return found


def vpc_dns(attributes: Mapping[str, bool]) -> tuple[bool, bool]:
    """``(enable_dns_support, enable_dns_hostnames)`` for the
    :class:`~lambdanet_edu.network.vpc.Vpc`; an attribute not read keeps the model's default
    (on).

    Examples:
        >>> vpc_dns({"enable_dns_hostnames": False})
        (True, False)
    """
    return (attributes.get("enable_dns_support", True),
            attributes.get("enable_dns_hostnames", True))


def _build(parts: Parts, ec2: Ec2, databases: list[Database],
           dns: Mapping[str, bool]) -> Vpc:
    support, hostnames = vpc_dns(dns)
    try:
        return Vpc(parts.vpc_id, parts.cidr, enable_dns_support=support,
                   enable_dns_hostnames=hostnames, subnets=parts.subnets,
                   route_tables=parts.route_tables, internet_gateway=parts.internet_gateway,
                   nat_gateways=parts.nat_gateways, gateway_endpoints=parts.gateway_endpoints,
                   interface_endpoints=parts.interface_endpoints,
                   security_groups=parts.security_groups, network_acls=parts.network_acls,
                   resources=[Resource(d.name, d.ip, d.security_group_ids) for d in databases
                              if d.vpc_id == parts.vpc_id])
    except LambdaNetError as err:
        raise LambdaNetError(f"{parts.vpc_id} (from describe-*.json): {err}",
                             field=parts.vpc_id) from None


def load_inventory(source: object) -> Inventory:
    """Read an account's network from the JSON output of AWS's read-only commands.

    Args:
        source: A folder holding one file per command (``describe-subnets.json``, ...), one
            JSON bundle file of file name -> output, or such a mapping.

    Returns:
        The :class:`Inventory`.

    Raises:
        LambdaNetError: A required file is missing (the message names the command to run), or
            a value is wrong (the message names the file and the JSON path).

    Examples:
        >>> load_inventory({"describe-vpcs.json": {"Vpcs": []}})
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: describe-subnets.json is missing: run `aws ec2
        describe-subnets --output json > describe-subnets.json`
    """
    files = read_source(source)
    ec2 = read_ec2(files)
    warnings = ec2.warnings
    known = (*REQUIRED, *OPTIONAL)
    for name in files:
        if name not in known and not name.startswith(tuple(MULTI)):
            warnings.append(Unmodelled(name, name, "", "not an output the reader uses: ignored"))
    other, lambdas, found = _enis(files, ec2, warnings)
    databases = _databases(files, ec2, found, warnings)
    functions, vpc_of, outside = _functions(files, ec2, warnings)
    dns = dns_attributes(files)
    vpcs = {vpc_id: _build(parts, ec2, databases, dns.get(vpc_id, {}))
            for vpc_id, parts in ec2.vpcs.items()}
    for fn in functions:
        try:
            vpcs[vpc_of[fn.name]].check_function(fn)
        except LambdaNetError as err:
            raise LambdaNetError(f"list-functions.json: {fn.name}: {err}", field=fn.name) from None
    available = {s: n for p in ec2.vpcs.values() for s, n in p.available_ips.items()}
    return Inventory(
        vpcs=MappingProxyType(vpcs), functions=tuple(functions),
        function_vpcs=MappingProxyType(vpc_of), functions_outside_vpc=tuple(outside),
        other_enis=MappingProxyType(other), lambda_enis=tuple(lambdas),
        resources=tuple(databases), available_ips=MappingProxyType(available),
        warnings=tuple(warnings), dns_attributes=MappingProxyType(dns),
        nat_addresses=MappingProxyType(ec2.nat_addresses),
        ipv6_cidrs=MappingProxyType(ec2.ipv6_cidrs),
        egress_only_gateways=MappingProxyType(ec2.egress_only_gateways))
