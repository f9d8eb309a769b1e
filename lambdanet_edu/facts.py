"""Every AWS number the model uses, with the page that states it and the day it was checked.

Nothing else in the package types these numbers: modules import the constants below, and the
site looks facts up by name in :data:`FACTS` so a page can never disagree with the model.
``checked`` is the day the value was last compared with its source's text.

Examples:
    >>> RESERVED_IPS_PER_SUBNET
    5
    >>> f = FACTS["connections_per_hyperplane_eni"]
    >>> f.value, f.source.key
    (65000, 'LDG-VPC-CUR')
    >>> fact("no_such_fact")
    Traceback (most recent call last):
    ...
    lambdanet_edu.errors.LambdaNetError: fact name must be one of the names in FACTS, got
    'no_such_fact'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, TypeVar

from lambdanet_edu.errors import LambdaNetError

__all__ = [
    "ACCOUNT_CONCURRENCY_DEFAULT",
    "ACL_RULES_PER_DIRECTION_DEFAULT",
    "ACL_RULES_PER_DIRECTION_MAX",
    "ACL_RULE_NUMBER_MAX",
    "ACL_RULE_NUMBER_MIN",
    "CONNECTIONS_PER_HYPERPLANE_ENI",
    "ENI_DELETE_MINUTES",
    "ENI_QUOTA_PER_VPC",
    "ENI_QUOTA_PER_VPC_2023",
    "FACTS",
    "GATEWAY_ENDPOINT_SERVICES",
    "INACTIVE_AFTER_IDLE_DAYS",
    "LAMBDA_EPHEMERAL_PORTS",
    "LEGACY_BURSTS",
    "LEGACY_BURST_OTHER_REGIONS",
    "LEGACY_ENI_MEMORY_MB",
    "LEGACY_MAX_MEMORY_MB",
    "LEGACY_RAMP_PER_MINUTE",
    "LINUX_EPHEMERAL_PORTS",
    "MARIADB_BYTES_PER_CONNECTION",
    "MARIADB_MAX_CONNECTIONS_CAP",
    "MAX_MEMORY_MB",
    "MAX_SECURITY_GROUPS_PER_ENI",
    "MAX_SECURITY_GROUPS_PER_FUNCTION",
    "MAX_SUBNETS_PER_FUNCTION",
    "MIN_MEMORY_MB",
    "MYSQL_8_GIB_MAX_CONNECTIONS",
    "MYSQL_BYTES_PER_CONNECTION",
    "MYSQL_DB_T3_MICRO_MAX_CONNECTIONS",
    "NAT_CONNECTIONS_PER_DESTINATION",
    "NAT_GATEWAY_PORTS",
    "POSTGRES_BYTES_PER_CONNECTION",
    "POSTGRES_MAX_CONNECTIONS_CAP",
    "PROXY_BORROW_TIMEOUT_S",
    "PROXY_MAX_CONNECTIONS_PERCENT",
    "PROXY_MAX_IDLE_CONNECTIONS_PERCENT",
    "RESERVED_IPS_PER_SUBNET",
    "SCALING_PERIOD_S",
    "SCALING_STEP",
    "SOURCES",
    "SUBNET_MAX_PREFIX",
    "SUBNET_MIN_PREFIX",
    "UNRESERVED_CONCURRENCY_MIN",
    "VPC_MAX_PREFIX",
    "VPC_MIN_PREFIX",
    "Fact",
    "Source",
    "fact",
]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Source:
    """An AWS page the model rests on.

    Examples:
        >>> SOURCES["LDG-VPC-CUR"].url
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'
    """

    key: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One AWS number, what it means, where it is written and when we last checked it.

    ``historic`` marks values that were true once and still matter to learners reading older
    material (the 250-ENI quota, the pre-2023 scaling burst).

    Examples:
        >>> f = fact("eni_quota_per_vpc_2023")
        >>> f.value, f.historic, f.source.key
        (250, True, 'LDG-QUOTAS-2023')
    """

    name: str
    value: Any
    statement: str
    source: Source
    checked: str
    historic: bool = False


def _source(key: str, title: str, url: str) -> Source:
    source = Source(key, title, url)
    _sources[key] = source
    return source


_sources: dict[str, Source] = {}
_facts: dict[str, Fact] = {}

LDG_VPC = _source(
    "LDG-VPC-CUR", "Giving Lambda functions access to resources in an Amazon VPC",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html")
LDG_QUOTAS = _source(
    "LDG-QUOTAS-CUR", "Lambda quotas",
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html")
LDG_QUOTAS_2023 = _source(
    "LDG-QUOTAS-2023", "Lambda quotas (developer guide as of 2023-10-30)",
    "https://github.com/awsdocs/aws-lambda-developer-guide/blob/03f7fcb/doc_source/gettingstarted-limits.md")
LDG_SCALING = _source(
    "LDG-SCALING-CUR", "Lambda scaling behavior",
    "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html")
LDG_SCALING_2023 = _source(
    "LDG-SCALING-2023", "Lambda function scaling (developer guide as of 2023-10-30)",
    "https://github.com/awsdocs/aws-lambda-developer-guide/blob/03f7fcb/doc_source/invocation-scaling.md")
LDG_CONC = _source(
    "LDG-CONC", "Configuring reserved concurrency",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html")
LDG_TROUBLE = _source(
    "LDG-TROUBLE", "Troubleshoot networking issues in Lambda",
    "https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-networking.html")
LDG_LEGACY = _source(
    "LDG-LEGACY", "Configuring a Lambda function to access resources in an Amazon VPC (2017-2019)",
    "https://github.com/awsdocs/aws-lambda-developer-guide/blob/9e8eefb/doc_source/vpc.md")
LAPI_VPC = _source(
    "LAPI-VPC", "Lambda API reference: VpcConfig",
    "https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html")
VPC_SUBNET = _source(
    "VPC-SUBNET", "Subnet CIDR blocks",
    "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html")
VPC_NACL = _source(
    "VPC-NACL", "Control subnet traffic with network access control lists",
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html")
VPC_NAT = _source(
    "VPC-NAT", "NAT gateways",
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html")
PL_GW = _source(
    "PL-GW", "Gateway endpoints",
    "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html")
RDS_LIMITS = _source(
    "RDS-LIMITS", "Quotas and constraints for Amazon RDS: maximum number of database connections",
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections")
PROXY = _source(
    "PROXY", "Amazon RDS Proxy: connection settings",
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-managing.html")
VPC_CIDR = _source(
    "VPC-CIDR", "VPC CIDR blocks",
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html")
VPC_QUOTAS = _source(
    "VPC-QUOTAS", "Amazon VPC quotas",
    "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html")

_CHECKED = "2026-11-27"


def _fact(name: str, value: _T, statement: str, source: Source, *, historic: bool = False,
          checked: str = _CHECKED) -> _T:
    if name in _facts:  # pragma: no cover - guards the table below against copy-paste slips
        raise RuntimeError(f"fact {name!r} defined twice")
    _facts[name] = Fact(name, value, statement, source, checked, historic)
    return value


# Subnets (Amazon VPC).
SUBNET_MIN_PREFIX: Final = _fact(
    "subnet_min_prefix", 16, "The largest IPv4 subnet is a /16.", VPC_SUBNET)
SUBNET_MAX_PREFIX: Final = _fact(
    "subnet_max_prefix", 28, "The smallest IPv4 subnet is a /28.", VPC_SUBNET)
RESERVED_IPS_PER_SUBNET: Final = _fact(
    "reserved_ips_per_subnet", 5,
    "AWS reserves the first four and the last IPv4 address of every subnet.", VPC_SUBNET)

# Function configuration (Lambda).
MAX_SUBNETS_PER_FUNCTION: Final = _fact(
    "max_subnets_per_function", 16, "VpcConfig.SubnetIds holds at most 16 subnets.", LAPI_VPC)
MAX_SECURITY_GROUPS_PER_FUNCTION: Final = _fact(
    "max_security_groups_per_function", 5,
    "VpcConfig.SecurityGroupIds holds at most 5 security groups.", LAPI_VPC)
MIN_MEMORY_MB: Final = _fact(
    "min_memory_mb", 128, "A function has at least 128 MB of memory.", LDG_QUOTAS)
MAX_MEMORY_MB: Final = _fact(
    "max_memory_mb", 10_240, "A function has at most 10,240 MB of memory.", LDG_QUOTAS)

# Hyperplane ENIs.
CONNECTIONS_PER_HYPERPLANE_ENI: Final = _fact(
    "connections_per_hyperplane_eni", 65_000,
    "Each Hyperplane ENI supports up to 65,000 connections/ports.", LDG_VPC)
ENI_QUOTA_PER_VPC: Final = _fact(
    "eni_quota_per_vpc", 500,
    "Default quota of Lambda Hyperplane ENIs per VPC (can be raised to thousands).", LDG_QUOTAS)
ENI_QUOTA_PER_VPC_2023: Final = _fact(
    "eni_quota_per_vpc_2023", 250,
    "The same quota as older quota pages (and the troubleshooting page) state it.",
    LDG_QUOTAS_2023, historic=True)
INACTIVE_AFTER_IDLE_DAYS: Final = _fact(
    "inactive_after_idle_days", 14,
    "After 14 idle days Lambda reclaims unused Hyperplane ENIs and marks the function Inactive.",
    LDG_VPC)
ENI_DELETE_MINUTES: Final = _fact(
    "eni_delete_minutes", 20,
    "Lambda needs up to 20 minutes to delete a Hyperplane ENI no function or version uses.",
    LDG_VPC)
LAMBDA_EPHEMERAL_PORTS: Final = _fact(
    "lambda_ephemeral_ports", (1024, 65535),
    "Hyperplane ENIs use ports 1024-65535: NACLs must allow them for TCP and UDP return traffic.",
    LDG_TROUBLE)

LINUX_EPHEMERAL_PORTS: Final = _fact(
    "linux_ephemeral_ports", (32768, 61000),
    "Many Linux kernels pick client ports from 32768-61000: a NACL built for them misses "
    "most of Lambda's range.", VPC_NACL)

# The pre-2019 model.
LEGACY_ENI_MEMORY_MB: Final = _fact(
    "legacy_eni_memory_mb", 3072,
    "Before Hyperplane: ENIs = peak concurrent executions x (memory in GB / 3 GB).",
    LDG_LEGACY, historic=True)
LEGACY_MAX_MEMORY_MB: Final = _fact(
    "legacy_max_memory_mb", 3008, "Before 2020 a function had at most 3,008 MB of memory.",
    LDG_LEGACY, historic=True)

# Concurrency and scaling.
ACCOUNT_CONCURRENCY_DEFAULT: Final = _fact(
    "account_concurrency_default", 1000,
    "Default concurrent executions per account per Region, shared by all functions.", LDG_QUOTAS)
UNRESERVED_CONCURRENCY_MIN: Final = _fact(
    "unreserved_concurrency_min", 100,
    "Reserved concurrency must leave at least 100 unreserved for the account's other functions.",
    LDG_CONC)
SCALING_STEP: Final = _fact(
    "scaling_step", 1000,
    "Each function may add up to 1,000 execution environments every 10 seconds.", LDG_SCALING)
SCALING_PERIOD_S: Final = _fact(
    "scaling_period_s", 10, "The scaling step is granted once per 10 seconds.", LDG_SCALING)
LEGACY_BURSTS: Final = _fact(
    "legacy_bursts", MappingProxyType({
        "us-east-1": 3000, "us-west-2": 3000, "eu-west-1": 3000,
        "ap-northeast-1": 1000, "eu-central-1": 1000, "us-east-2": 1000,
    }),
    "Before 2023-11-27: the account's initial burst by Region (other Regions: 500).",
    LDG_SCALING_2023, historic=True)
LEGACY_BURST_OTHER_REGIONS: Final = _fact(
    "legacy_burst_other_regions", 500,
    "Before 2023-11-27: the initial burst in Regions not listed.", LDG_SCALING_2023, historic=True)
LEGACY_RAMP_PER_MINUTE: Final = _fact(
    "legacy_ramp_per_minute", 500,
    "Before 2023-11-27: after the burst, account concurrency grew by 500 each minute.",
    LDG_SCALING_2023, historic=True)

# Databases.
MYSQL_BYTES_PER_CONNECTION: Final = _fact(
    "mysql_bytes_per_connection", 12_582_880,
    "RDS for MySQL default: max_connections = {DBInstanceClassMemory/12582880}.", RDS_LIMITS)
MARIADB_BYTES_PER_CONNECTION: Final = _fact(
    "mariadb_bytes_per_connection", 25_165_760,
    "RDS for MariaDB 10.5+: max_connections = LEAST({DBInstanceClassMemory/25165760},12000).",
    RDS_LIMITS)
MARIADB_MAX_CONNECTIONS_CAP: Final = _fact(
    "mariadb_max_connections_cap", 12_000, "The MariaDB default never exceeds 12,000.",
    RDS_LIMITS)
POSTGRES_BYTES_PER_CONNECTION: Final = _fact(
    "postgres_bytes_per_connection", 9_531_392,
    "RDS for PostgreSQL: max_connections = LEAST({DBInstanceClassMemory/9531392},5000).",
    RDS_LIMITS)
POSTGRES_MAX_CONNECTIONS_CAP: Final = _fact(
    "postgres_max_connections_cap", 5000, "The PostgreSQL default never exceeds 5,000.",
    RDS_LIMITS)
PROXY_MAX_CONNECTIONS_PERCENT: Final = _fact(
    "proxy_max_connections_percent", 100,
    "RDS Proxy MaxConnectionsPercent defaults to 100 % of max_connections.", PROXY)
PROXY_MAX_IDLE_CONNECTIONS_PERCENT: Final = _fact(
    "proxy_max_idle_connections_percent", 50,
    "RDS Proxy MaxIdleConnectionsPercent defaults to 50.", PROXY)
PROXY_BORROW_TIMEOUT_S: Final = _fact(
    "proxy_borrow_timeout_s", 120,
    "RDS Proxy ConnectionBorrowTimeout: a client waits up to 120 s for a connection.", PROXY)
MYSQL_DB_T3_MICRO_MAX_CONNECTIONS: Final = _fact(
    "mysql_db_t3_micro_max_connections", 60,
    "RDS for MySQL on a db.t3.micro (1 GiB) allows about 60 connections by default.", RDS_LIMITS)
MYSQL_8_GIB_MAX_CONNECTIONS: Final = _fact(
    "mysql_8_gib_max_connections", 630,
    "RDS for MySQL on an 8 GiB instance (db.m7g.large) allows about 630 connections by default, "
    "not the 683 that nominal memory gives: DBInstanceClassMemory excludes the OS and RDS "
    "processes.", RDS_LIMITS)

# Egress.
NAT_CONNECTIONS_PER_DESTINATION: Final = _fact(
    "nat_connections_per_destination", 55_000,
    "A NAT gateway IP supports 55,000 simultaneous connections to each unique destination.",
    VPC_NAT)
GATEWAY_ENDPOINT_SERVICES: Final = _fact(
    "gateway_endpoint_services", ("s3", "dynamodb"),
    "Only Amazon S3 and DynamoDB have gateway endpoints (route-table entries, no charge).", PL_GW)

# VPC description: the limits `network/vpc.py` and the firewall modules validate against.
VPC_MIN_PREFIX: Final = _fact(
    "vpc_min_prefix", 16,
    "A VPC's IPv4 CIDR block is at most a /16 (65,536 addresses).", VPC_CIDR)
VPC_MAX_PREFIX: Final = _fact(
    "vpc_max_prefix", 28,
    "A VPC's IPv4 CIDR block is at least a /28 (16 addresses).", VPC_CIDR)
ACL_RULE_NUMBER_MIN: Final = _fact(
    "acl_rule_number_min", 1,
    "Network ACL rules are numbered from 1 to 32766 and evaluated lowest number first.", VPC_NACL)
ACL_RULE_NUMBER_MAX: Final = _fact(
    "acl_rule_number_max", 32_766,
    "The highest rule number you can use; the final '*' rule, which denies, comes after it.",
    VPC_NACL)
ACL_RULES_PER_DIRECTION_DEFAULT: Final = _fact(
    "acl_rules_per_direction_default", 20,
    "A network ACL holds at most 20 inbound and 20 outbound rules by default.", VPC_QUOTAS,
    checked="2026-12-07")
ACL_RULES_PER_DIRECTION_MAX: Final = _fact(
    "acl_rules_per_direction_max", 40,
    "The rules-per-network-ACL quota can be raised to at most 40 per direction.", VPC_QUOTAS,
    checked="2026-12-07")
NAT_GATEWAY_PORTS: Final = _fact(
    "nat_gateway_ports", (1024, 65535),
    "A NAT gateway uses ports 1024-65535: NACLs on its subnet must allow them for return traffic.",
    VPC_NACL)
MAX_SECURITY_GROUPS_PER_ENI: Final = _fact(
    "max_security_groups_per_eni", 16,
    "A network interface has at most 16 security groups (5 by default, adjustable up to 16).",
    VPC_QUOTAS)

FACTS: Final[Mapping[str, Fact]] = MappingProxyType(_facts)
SOURCES: Final[Mapping[str, Source]] = MappingProxyType(_sources)


def fact(name: str) -> Fact:
    """The :class:`Fact` called ``name``; an unknown name is an error (pages rely on this).

    Examples:
        >>> fact("subnet_max_prefix").value
        28
    """
    try:
        return FACTS[name]
    except (KeyError, TypeError):
        raise LambdaNetError.invalid("fact name", name, "one of the names in FACTS") from None
