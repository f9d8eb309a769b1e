"""Your own network: the model on the JSON that AWS's command line prints.

:func:`load_inventory` reads the output of read-only commands (``aws ec2 describe-vpcs``,
``describe-subnets``, ... and ``aws lambda list-functions``) into the model's
:class:`~lambdanet_edu.network.vpc.Vpc` and
:class:`~lambdanet_edu.functions.LambdaFunction` values, so the same questions (addresses,
shared ENIs, reach) get answers for a real account, offline. What the model cannot use is
listed in :attr:`Inventory.warnings`, each with its id: nothing is dropped silently.
:func:`audit` checks the whole inventory (``lambdanet-edu audit FOLDER``).

Not modelled yet, each read and reported as a warning: IPv6 (CIDRs, routes, egress-only
internet gateways, rules; kept in ``ipv6_cidrs`` and ``egress_only_gateways``), a VPC's
secondary IPv4 CIDRs and their subnets, routes to peering connections, transit gateways,
virtual private gateways, appliances and other targets beyond the VPC (verdicts through them
are "unknown"), prefix lists in routes and security groups, security-group rules naming groups
of another VPC or account, blackhole routes (left out), VPC Lattice and Gateway Load Balancer
endpoints, PrivateLink services of other accounts, protocols other than TCP and UDP,
and route table edge associations. The VPC DNS attributes (``describe-vpc-attribute``) are
read into each :class:`~lambdanet_edu.network.vpc.Vpc` (``enable_dns_support``,
``enable_dns_hostnames``), and a NAT gateway's addresses into its ``elastic_ips`` (the
addresses themselves are kept in ``nat_addresses``).

Examples:
    >>> inventory = load_inventory(sample_account())
    >>> from lambdanet_edu import can_reach
    >>> reports = next(f for f in inventory.functions if f.name == "reports")
    >>> can_reach(inventory.vpcs[SAMPLE_VPC_ID], reports, "s3").status
    'blocked'
"""

from lambdanet_edu.aws._files import MULTI, OPTIONAL, PERMISSIONS, REQUIRED, read_source
from lambdanet_edu.aws._json import Unmodelled
from lambdanet_edu.aws.audit import Audit, EniComparison, ReachRow, VpcAudit, audit
from lambdanet_edu.aws.inventory import Database, Inventory, LambdaEni, load_inventory
from lambdanet_edu.aws.sample import SAMPLE_VPC_ID, sample_account, sample_functions, sample_vpc
from lambdanet_edu.aws.writer import describe_outputs

__all__ = [
    "MULTI",
    "OPTIONAL",
    "PERMISSIONS",
    "REQUIRED",
    "SAMPLE_VPC_ID",
    "Audit",
    "Database",
    "EniComparison",
    "Inventory",
    "LambdaEni",
    "ReachRow",
    "Unmodelled",
    "VpcAudit",
    "audit",
    "describe_outputs",
    "load_inventory",
    "read_source",
    "sample_account",
    "sample_functions",
    "sample_vpc",
]
