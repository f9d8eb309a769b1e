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
from decimal import Decimal
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
    "EGRESS_ONLY_GATEWAY_USD",
    "ENI_DELETE_MINUTES",
    "ENI_QUOTA_PER_VPC",
    "ENI_QUOTA_PER_VPC_2023",
    "FACTS",
    "FAILED_REASON_CODES",
    "GATEWAY_ENDPOINT_SERVICES",
    "GATEWAY_ENDPOINT_USD",
    "HOURS_PER_MONTH",
    "INACTIVE_AFTER_IDLE_DAYS",
    "INTERFACE_ENDPOINT_USD_PER_AZ_HOUR",
    "INTERFACE_ENDPOINT_USD_PER_GB",
    "IPV6_ALLOWED_FOR_DUAL_STACK_DEFAULT",
    "IPV6_SUBNET_PREFIX",
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
    "NAT_EIPS_DEFAULT_QUOTA",
    "NAT_GATEWAY_PORTS",
    "NAT_GATEWAY_USD_PER_GB",
    "NAT_GATEWAY_USD_PER_HOUR",
    "NAT_IDLE_TIMEOUT_S",
    "NAT_MAX_ADDRESSES",
    "POSTGRES_BYTES_PER_CONNECTION",
    "POSTGRES_MAX_CONNECTIONS_CAP",
    "PRICING_REGION",
    "PRIVATE_DNS_ONLY_FOR_INBOUND_RESOLVER",
    "PRIVATE_DNS_VPC_ATTRIBUTES",
    "PROVISIONED_UNRESERVED_MIN",
    "PROXY_BORROW_TIMEOUT_S",
    "PROXY_MAX_CONNECTIONS_PERCENT",
    "PROXY_MAX_IDLE_CONNECTIONS_PERCENT",
    "RESERVED_IPS_PER_SUBNET",
    "SCALING_PERIOD_S",
    "SCALING_STEP",
    "SOURCES",
    "SQS_INITIAL_CONCURRENCY",
    "SQS_MAXIMUM_CONCURRENCY_MAX",
    "SQS_MAXIMUM_CONCURRENCY_MIN",
    "SQS_MAX_CONCURRENT_BATCHES",
    "SQS_SCALE_PER_MINUTE",
    "SUBNET_MAX_PREFIX",
    "SUBNET_MIN_PREFIX",
    "UNRESERVED_CONCURRENCY_MIN",
    "VPC_EXECUTION_ROLE_ACTIONS",
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
LDG_INTERNET = _source(
    "LDG-INTERNET", "Enable internet access for VPC-connected Lambda functions",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html")
VPC_EIGW = _source(
    "VPC-EIGW", "Enable outbound IPv6 traffic using an egress-only internet gateway",
    "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html")
VPC_PRICING = _source(
    "VPC-PRICING", "Amazon VPC pricing (NAT gateway)",
    "https://aws.amazon.com/vpc/pricing/")
PL_PRICING = _source(
    "PL-PRICING", "AWS PrivateLink pricing",
    "https://aws.amazon.com/privatelink/pricing/")
LDG_PC = _source(
    "LDG-PC", "Configuring provisioned concurrency for a function",
    "https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html")
LDG_SQS_SCALING = _source(
    "LDG-SQS-SCALING", "Configuring scaling behavior for SQS event source mappings",
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html")
LAPI_SCALING = _source(
    "LAPI-SCALING", "Lambda API reference: ScalingConfig",
    "https://docs.aws.amazon.com/lambda/latest/dg/API_ScalingConfig.html")

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
    "scaling_period_s", 10,
    "The scaling rate is stated per 10 seconds; AWS describes a continuous, best-attempt "
    "refill, not one grant every 10 seconds.", LDG_SCALING)
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

# Troubleshooting: what a failed create or update reports, DNS in the VPC, NAT gateway limits.
_CHECKED_TROUBLESHOOTING = "2026-12-07"
LAPI_FUNCTION_CONFIG = _source(
    "LAPI-FUNCTION-CONFIG", "Lambda API reference: FunctionConfiguration (State, StateReasonCode)",
    "https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html")
LDG_STATES = _source(
    "LDG-STATES", "Lambda function states",
    "https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html")
EC2_CREATE_VPC_ENDPOINT = _source(
    "EC2-CREATE-VPC-ENDPOINT", "Amazon EC2 API reference: CreateVpcEndpoint (PrivateDnsEnabled)",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html")
EC2_DNS_OPTIONS = _source(
    "EC2-DNS-OPTIONS",
    "Amazon EC2 API reference: DnsOptionsSpecification (PrivateDnsOnlyForInboundResolverEndpoint)",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html")

FAILED_REASON_CODES: Final = _fact(
    "failed_reason_codes",
    ("InvalidSubnet", "InvalidSecurityGroup", "InsufficientRolePermissions", "EniLimitExceeded",
     "SubnetOutOfIPAddresses"),
    "A VPC function whose network interfaces cannot be set up goes to State Failed with one of "
    "these StateReasonCode values (LastUpdateStatusReasonCode after an update); the enum has "
    "more, for images, KMS keys and EFS.", LAPI_FUNCTION_CONFIG,
    checked=_CHECKED_TROUBLESHOOTING)
VPC_EXECUTION_ROLE_ACTIONS: Final = _fact(
    "vpc_execution_role_actions",
    ("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
     "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
     "ec2:UnassignPrivateIpAddresses"),
    "The execution role of a VPC function needs these six EC2 actions (the managed policy "
    "AWSLambdaVPCAccessExecutionRole grants them) to create and delete its network interfaces.",
    LDG_VPC, checked=_CHECKED_TROUBLESHOOTING)
PRIVATE_DNS_VPC_ATTRIBUTES: Final = _fact(
    "private_dns_vpc_attributes", ("enableDnsSupport", "enableDnsHostnames"),
    "An interface endpoint's private DNS (a private hosted zone for the service's usual name) "
    "needs both VPC attributes set to true.", EC2_CREATE_VPC_ENDPOINT,
    checked=_CHECKED_TROUBLESHOOTING)
PRIVATE_DNS_ONLY_FOR_INBOUND_RESOLVER: Final = _fact(
    "private_dns_only_for_inbound_resolver", "PrivateDnsOnlyForInboundResolverEndpoint",
    "For services with both gateway and interface endpoints (S3, DynamoDB), this DNS option "
    "routes traffic that starts in the VPC to the gateway endpoint and traffic from on-premises "
    "to the interface endpoint.", EC2_DNS_OPTIONS, checked=_CHECKED_TROUBLESHOOTING)
NAT_MAX_ADDRESSES: Final = _fact(
    "nat_max_addresses", 8,
    "A NAT gateway can have up to 8 IPv4 addresses (1 primary and 7 secondary); each adds "
    "55,000 connections to each unique destination.", VPC_NAT, checked=_CHECKED_TROUBLESHOOTING)
NAT_EIPS_DEFAULT_QUOTA: Final = _fact(
    "nat_eips_default_quota", 2,
    "By default a public NAT gateway can have 2 Elastic IP addresses (an adjustable quota).",
    VPC_QUOTAS, checked=_CHECKED_TROUBLESHOOTING)
NAT_IDLE_TIMEOUT_S: Final = _fact(
    "nat_idle_timeout_s", 350,
    "A connection through a NAT gateway that stays idle for 350 seconds or more times out.",
    VPC_NAT, checked=_CHECKED_TROUBLESHOOTING)

# IPv6, what egress costs, and the controls that protect a database (checked 2026-12-07).
_CHECKED_IPV6 = "2026-12-07"
IPV6_SUBNET_PREFIX: Final = _fact(
    "ipv6_subnet_prefix", 64,
    "A dual-stack subnet's IPv6 CIDR block is a /64.", VPC_SUBNET, checked=_CHECKED_IPV6)
IPV6_ALLOWED_FOR_DUAL_STACK_DEFAULT: Final = _fact(
    "ipv6_allowed_for_dual_stack_default", False,
    "Outbound IPv6 is off for a VPC function until Ipv6AllowedForDualStack is true, and then "
    "every subnet of the function must be dual-stack.", LDG_VPC, checked=_CHECKED_IPV6)
# Prices: one Region, one day. They change and differ between Regions.
PRICING_REGION: Final = _fact(
    "pricing_region", "us-east-1",
    "The Region whose prices the cost model uses: US East (N. Virginia). Prices differ by "
    "Region and change over time.", VPC_PRICING, checked=_CHECKED_IPV6)
HOURS_PER_MONTH: Final = _fact(
    "hours_per_month", 730,
    "AWS's pricing examples count a month as 730 hours.", VPC_PRICING, checked=_CHECKED_IPV6)
NAT_GATEWAY_USD_PER_HOUR: Final = _fact(
    "nat_gateway_usd_per_hour", Decimal("0.045"),
    "A NAT gateway costs USD 0.045 for each hour it exists (us-east-1).", VPC_PRICING,
    checked=_CHECKED_IPV6)
NAT_GATEWAY_USD_PER_GB: Final = _fact(
    "nat_gateway_usd_per_gb", Decimal("0.045"),
    "A NAT gateway charges USD 0.045 for each GB it processes (us-east-1).", VPC_PRICING,
    checked=_CHECKED_IPV6)
INTERFACE_ENDPOINT_USD_PER_AZ_HOUR: Final = _fact(
    "interface_endpoint_usd_per_az_hour", Decimal("0.01"),
    "An interface endpoint costs USD 0.01 per hour in each Availability Zone it is in "
    "(us-east-1).", PL_PRICING, checked=_CHECKED_IPV6)
INTERFACE_ENDPOINT_USD_PER_GB: Final = _fact(
    "interface_endpoint_usd_per_gb", Decimal("0.01"),
    "Interface endpoints charge USD 0.01 per GB processed for the first PB a month in the "
    "Region (us-east-1).", PL_PRICING, checked=_CHECKED_IPV6)
GATEWAY_ENDPOINT_USD: Final = _fact(
    "gateway_endpoint_usd", Decimal("0"),
    "Gateway endpoints (S3, DynamoDB) have no additional charge.", PL_GW, checked=_CHECKED_IPV6)
EGRESS_ONLY_GATEWAY_USD: Final = _fact(
    "egress_only_gateway_usd", Decimal("0"),
    "An egress-only internet gateway has no charge of its own (data transfer charges apply).",
    VPC_EIGW, checked=_CHECKED_IPV6)
PROVISIONED_UNRESERVED_MIN: Final = _fact(
    "provisioned_unreserved_min", 100,
    "Provisioned concurrency counts towards the account's concurrency and a function's "
    "reserved concurrency; it cannot exceed the reservation, and at least 100 stays "
    "unreserved.", LDG_PC, checked=_CHECKED_IPV6)
SQS_INITIAL_CONCURRENCY: Final = _fact(
    "sqs_initial_concurrency", 5,
    "When messages are available, Lambda starts with five concurrent batches (five concurrent "
    "invocations) for a standard queue.", LDG_SQS_SCALING, checked=_CHECKED_IPV6)
SQS_SCALE_PER_MINUTE: Final = _fact(
    "sqs_scale_per_minute", 300,
    "While messages remain, Lambda adds up to 300 more concurrent batch readers a minute.",
    LDG_SQS_SCALING, checked=_CHECKED_IPV6)
SQS_MAX_CONCURRENT_BATCHES: Final = _fact(
    "sqs_max_concurrent_batches", 1000,
    "An SQS event source mapping processes at most 1,000 batches at once.", LDG_SQS_SCALING,
    checked=_CHECKED_IPV6)
SQS_MAXIMUM_CONCURRENCY_MIN: Final = _fact(
    "sqs_maximum_concurrency_min", 2,
    "ScalingConfig.MaximumConcurrency is at least 2.", LAPI_SCALING, checked=_CHECKED_IPV6)
SQS_MAXIMUM_CONCURRENCY_MAX: Final = _fact(
    "sqs_maximum_concurrency_max", 1000,
    "ScalingConfig.MaximumConcurrency is at most 1,000.", LAPI_SCALING, checked=_CHECKED_IPV6)

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
