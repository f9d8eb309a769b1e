"""lambdanet_edu: an exact, tested model of AWS Lambda networking in a VPC.

Where a function attached to your VPC takes addresses (Hyperplane ENIs), how subnets run out
(today's rule and the pre-2019 one), whether its traffic can leave (routes, NAT, endpoints,
security groups, network ACLs), how fast it scales and what that does to a database.

Every AWS number lives in :mod:`lambdanet_edu.facts` with its source; every simplification
the model makes is named in :data:`SIMPLIFICATIONS` and carried by the results that rely on it.

Examples:
    >>> import lambdanet_edu as ln
    >>> ln.usable_ips("10.0.0.0/24")
    251
"""

from lambdanet_edu.addresses import (
    IpModels,
    SubnetUsage,
    compare_ip_models,
    ip_usage,
    legacy_eni_count,
)
from lambdanet_edu.creation import CreateOutcome, create_function_state
from lambdanet_edu.egress import (
    CostLine,
    EgressCost,
    Hop,
    SubnetPath,
    Verdict,
    can_reach,
    egress_cost,
)
from lambdanet_edu.enis import Eni, hyperplane_enis
from lambdanet_edu.errors import LambdaNetError, QuotaExceeded
from lambdanet_edu.facts import FACTS, SOURCES, Fact, Source, fact
from lambdanet_edu.functions import (
    DEFAULT_ACCOUNT_ID,
    LambdaFunction,
    NetworkConfig,
    PublishedVersion,
)
from lambdanet_edu.network import (
    AclRule,
    AwsService,
    EgressOnlyInternetGateway,
    GatewayEndpoint,
    InterfaceEndpoint,
    Internet,
    InternetGateway,
    NatGateway,
    NetworkAcl,
    ReservedAddress,
    Resource,
    Route,
    RouteTable,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Vpc,
    VpcAddress,
    destination,
    starter_vpc,
    usable_ips,
)
from lambdanet_edu.network.nat_limits import NatUsage, nat_connections
from lambdanet_edu.scaling import (
    ConcurrencyRun,
    DbConnections,
    RdsProxy,
    SqsEventSource,
    concurrency_timeline,
    concurrency_timelines,
    db_connections,
    default_max_connections,
    function_run,
)
from lambdanet_edu.scenario import Scenario, load_scenario
from lambdanet_edu.simplifications import SIMPLIFICATIONS, Simplification
from lambdanet_edu.states import FunctionState, lifecycle

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "FACTS",
    "SIMPLIFICATIONS",
    "SOURCES",
    "AclRule",
    "AwsService",
    "ConcurrencyRun",
    "CostLine",
    "CreateOutcome",
    "DbConnections",
    "EgressCost",
    "EgressOnlyInternetGateway",
    "Eni",
    "Fact",
    "FunctionState",
    "GatewayEndpoint",
    "Hop",
    "InterfaceEndpoint",
    "Internet",
    "InternetGateway",
    "IpModels",
    "LambdaFunction",
    "LambdaNetError",
    "NatGateway",
    "NatUsage",
    "NetworkAcl",
    "NetworkConfig",
    "PublishedVersion",
    "QuotaExceeded",
    "RdsProxy",
    "ReservedAddress",
    "Resource",
    "Route",
    "RouteTable",
    "Scenario",
    "SecurityGroup",
    "SecurityGroupRule",
    "Simplification",
    "Source",
    "SqsEventSource",
    "Subnet",
    "SubnetPath",
    "SubnetUsage",
    "Verdict",
    "Vpc",
    "VpcAddress",
    "can_reach",
    "compare_ip_models",
    "concurrency_timeline",
    "concurrency_timelines",
    "create_function_state",
    "db_connections",
    "default_max_connections",
    "destination",
    "egress_cost",
    "fact",
    "function_run",
    "hyperplane_enis",
    "ip_usage",
    "legacy_eni_count",
    "lifecycle",
    "load_scenario",
    "nat_connections",
    "starter_vpc",
    "usable_ips",
]
