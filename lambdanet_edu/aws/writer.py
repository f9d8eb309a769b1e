"""The reverse of :func:`~lambdanet_edu.aws.load_inventory`: a model VPC as AWS would print it.

:func:`describe_outputs` writes the JSON each read-only command would print for a
:class:`~lambdanet_edu.network.vpc.Vpc` and its functions. The course's sample account is made
this way (no one's real account), and the tests read what it writes back.

Examples:
    >>> from lambdanet_edu import LambdaFunction, starter_vpc
    >>> fn = LambdaFunction("orders", ["subnet-private-a"], ["sg-lambda"])
    >>> files = describe_outputs(starter_vpc(), [fn])
    >>> files["describe-route-tables.json"]["RouteTables"][0]["Routes"][0]
    {'DestinationCidrBlock': '0.0.0.0/0', 'GatewayId': 'igw-1', 'State': 'active',
    'Origin': 'CreateRoute'}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from ipaddress import IPv4Address
from typing import Any, Final

from lambdanet_edu._checks import check_id, check_int, check_items, check_list
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.errors import LambdaNetError
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.network.network_acls import AclRule, default_network_acl
from lambdanet_edu.network.security_groups import SecurityGroupRule
from lambdanet_edu.network.vpc import Vpc

__all__ = ["describe_outputs"]

_PROTOCOL_NUMBERS: Final = {"all": "-1", "tcp": "6", "udp": "17"}
_REGION: Final = "eu-west-1"
_OUTSIDE_KEYS: Final = {"pcx-": "VpcPeeringConnectionId", "tgw-": "TransitGatewayId",
                        "eni-": "NetworkInterfaceId", "i-": "InstanceId"}


class _Addresses:
    """Hands out free addresses of each subnet, after AWS's four first and the taken ones."""

    def __init__(self, vpc: Vpc) -> None:
        self.vpc = vpc
        self.taken = {r.ip for r in vpc.resources}
        self.next: dict[str, int] = {}

    def take(self, subnet_id: str) -> str:
        cidr = self.vpc.subnet(subnet_id).cidr
        offset = self.next.get(subnet_id, 4)
        while (ip := cidr.network_address + offset) in self.taken:
            offset += 1
        self.next[subnet_id] = offset + 1
        self.taken.add(ip)
        return str(ip)


def _eni(eni_id: str, vpc: Vpc, subnet_id: str, ip: str, groups: Iterable[str], *,
         kind: str, description: str, requester: str | None = None) -> dict[str, Any]:
    eni: dict[str, Any] = {
        "NetworkInterfaceId": eni_id, "SubnetId": subnet_id, "VpcId": vpc.vpc_id,
        "AvailabilityZone": vpc.subnet(subnet_id).availability_zone or f"{_REGION}a",
        "Description": description, "InterfaceType": kind, "Status": "in-use",
        "PrivateIpAddress": ip, "PrivateIpAddresses": [{"PrivateIpAddress": ip, "Primary": True}],
        "Groups": [{"GroupId": g, "GroupName": g} for g in sorted(groups)],
        "RequesterManaged": requester is not None, "Ipv6Addresses": [], "TagSet": []}
    if requester is not None:
        eni["RequesterId"] = requester
    return eni


def _permissions(rules: Iterable[SecurityGroupRule]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rule in rules:
        perm: dict[str, Any] = {"IpProtocol": "-1" if rule.protocol == "all" else rule.protocol,
                                "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                                "UserIdGroupPairs": []}
        if rule.protocol != "all":
            perm["FromPort"], perm["ToPort"] = rule.ports
        if rule.cidr is not None:
            perm["IpRanges"].append({"CidrIp": str(rule.cidr)})
        else:
            perm["UserIdGroupPairs"].append({"GroupId": rule.security_group_id,
                                             "UserId": "123456789012"})
        out.append(perm)
    return out


def _acl_entries(rules: Iterable[AclRule], egress: bool) -> Iterator[dict[str, Any]]:
    for rule in rules:
        entry: dict[str, Any] = {"RuleNumber": rule.rule_number,
                                 "Protocol": _PROTOCOL_NUMBERS[rule.protocol],
                                 "RuleAction": rule.action, "Egress": egress,
                                 "CidrBlock": str(rule.cidr)}
        if rule.protocol != "all":
            entry["PortRange"] = {"From": rule.ports[0], "To": rule.ports[1]}
        yield entry
    # The final '*' rule, which AWS lists as rule 32767.
    yield {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": egress,
           "CidrBlock": "0.0.0.0/0"}


def _route(destination: str, target: str, vpc: Vpc) -> dict[str, Any]:
    route: dict[str, Any] = {"DestinationCidrBlock": destination}
    if vpc.nat_gateway(target) is not None:
        route["NatGatewayId"] = target
    else:
        key = next((k for p, k in _OUTSIDE_KEYS.items() if target.startswith(p)), "GatewayId")
        route[key] = target
    route["State"] = "active"
    route["Origin"] = "CreateRouteTable" if target == "local" else "CreateRoute"
    return route


def _ports(value: object) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LambdaNetError.invalid("database_ports", value, "a mapping of resource name -> port")
    ports: dict[str, int] = {}
    for name in check_list("database_ports", value, "a mapping of resource name -> port"):
        key = check_id("database_ports key", name)
        ports[key] = check_int(f"database_ports[{key!r}]", value[key], lo=1, hi=65_535)
    return ports


def describe_outputs(vpc: Vpc, functions: Iterable[LambdaFunction] = (), *,
                     database_ports: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The JSON each read-only command would print for ``vpc`` and ``functions``.

    Args:
        vpc: The VPC.
        functions: Functions attached to it; each (subnet, security groups) combination gets a
            Lambda network interface, as Lambda creates.
        database_ports: Resource name -> port: those resources are written as RDS instances
            (``describe-db-instances.json``).

    Returns:
        File name -> the parsed JSON, the shape :func:`~lambdanet_edu.aws.load_inventory` reads.

    Examples:
        >>> from lambdanet_edu import starter_vpc
        >>> files = describe_outputs(starter_vpc(), database_ports={"orders-db": 5432})
        >>> files["describe-db-instances.json"]["DBInstances"][0]["Endpoint"]["Port"]
        5432
        >>> describe_outputs("vpc-1")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: vpc must be a Vpc, got 'vpc-1'
    """
    if not isinstance(vpc, Vpc):
        raise LambdaNetError.invalid("vpc", vpc, "a Vpc")
    # check_items, not tuple(): a network or range(10**20) would be read address by address.
    fns = check_items("functions", functions, LambdaFunction)
    database_ports = _ports(database_ports)
    ips = _Addresses(vpc)
    enis: list[dict[str, Any]] = []
    nat_gateways: list[dict[str, Any]] = []
    for nat in vpc.nat_gateways:
        ip = ips.take(nat.subnet_id)
        enis.append(_eni(f"eni-{nat.nat_gateway_id}", vpc, nat.subnet_id, ip, [],
                         kind="nat_gateway", requester="amazon-vpc",
                         description=f"Interface for NAT Gateway {nat.nat_gateway_id}"))
        address: dict[str, Any] = {"NetworkInterfaceId": f"eni-{nat.nat_gateway_id}",
                                   "PrivateIp": ip, "IsPrimary": True, "Status": "succeeded"}
        addresses = [address, *({"NetworkInterfaceId": f"eni-{nat.nat_gateway_id}",
                                  "PrivateIp": ips.take(nat.subnet_id), "IsPrimary": False,
                                  "Status": "succeeded"} for _ in range(1, nat.elastic_ips))]
        enis[-1]["PrivateIpAddresses"] = [{"PrivateIpAddress": a["PrivateIp"],
                                           "Primary": a["IsPrimary"]} for a in addresses]
        for k, a in enumerate(addresses if nat.public else ()):
            # documentation ranges: the primary in 203.0.113.0/24, secondaries in
            # 198.51.100.0/24, eight apart per gateway (at most eight addresses each)
            public = (IPv4Address("203.0.113.10") + len(nat_gateways) if k == 0
                      else IPv4Address("198.51.100.0") + 8 * len(nat_gateways) + k)
            a |= {"AllocationId": f"eipalloc-{nat.nat_gateway_id}" + (f"-{k}" if k else ""),
                  "PublicIp": str(public)}
        nat_gateways.append({
            "NatGatewayId": nat.nat_gateway_id, "SubnetId": nat.subnet_id, "VpcId": vpc.vpc_id,
            "State": "available", "ConnectivityType": "public" if nat.public else "private",
            "NatGatewayAddresses": addresses, "CreateTime": "2026-01-05T09:00:00+00:00"})
    endpoints: list[dict[str, Any]] = [{
        "VpcEndpointId": e.endpoint_id, "VpcEndpointType": "Gateway", "VpcId": vpc.vpc_id,
        "ServiceName": f"com.amazonaws.{_REGION}.{e.service}", "State": "available",
        "RouteTableIds": list(e.route_table_ids), "SubnetIds": [], "Groups": [],
        "PrivateDnsEnabled": False, "NetworkInterfaceIds": []} for e in vpc.gateway_endpoints]
    for e in vpc.interface_endpoints:
        ids = []
        for subnet_id in e.subnet_ids:
            ids.append(f"eni-{e.endpoint_id}-{subnet_id}")
            enis.append(_eni(ids[-1], vpc, subnet_id, ips.take(subnet_id), e.security_group_ids,
                             kind="vpc_endpoint", requester="amazon-vpce",
                             description=f"VPC Endpoint Interface {e.endpoint_id}"))
        endpoints.append({
            "VpcEndpointId": e.endpoint_id, "VpcEndpointType": "Interface", "VpcId": vpc.vpc_id,
            "ServiceName": f"com.amazonaws.{_REGION}.{e.service}", "State": "available",
            "RouteTableIds": [], "SubnetIds": list(e.subnet_ids),
            "Groups": [{"GroupId": g, "GroupName": g} for g in e.security_group_ids],
            "PrivateDnsEnabled": e.private_dns, "NetworkInterfaceIds": ids})
    for r in vpc.resources:
        holder = vpc.subnet_containing(r.ip)
        if holder is not None:
            enis.append(_eni(f"eni-{r.name}", vpc, holder.subnet_id, str(r.ip),
                             r.security_group_ids, kind="interface", requester="amazon-rds",
                             description="RDSNetworkInterface"))
    for n, eni in enumerate(hyperplane_enis(fns, eni_quota=None)):
        enis.append(_eni(f"eni-lambda-{n}", vpc, eni.subnet_id, ips.take(eni.subnet_id),
                         eni.security_group_ids, kind="lambda", requester="amazon-lambda",
                         description=f"AWS Lambda VPC ENI-{eni.used_by[0].split(':')[0]}"))
    covered = {s for a in vpc.network_acls for s in a.subnet_ids}
    acls = [{"NetworkAclId": a.acl_id, "VpcId": vpc.vpc_id, "IsDefault": False,
             "Associations": [{"SubnetId": s, "NetworkAclId": a.acl_id} for s in a.subnet_ids],
             "Entries": [*_acl_entries(a.inbound, False), *_acl_entries(a.outbound, True)]}
            for a in vpc.network_acls]
    # The default network ACL gets the id the model gives it, so explanations read the same.
    acls.append({"NetworkAclId": default_network_acl().acl_id, "VpcId": vpc.vpc_id,
                 "IsDefault": True,
                 "Associations": [{"SubnetId": s.subnet_id} for s in vpc.subnets
                                  if s.subnet_id not in covered],
                 "Entries": [*_acl_entries([AclRule(100, "allow")], False),
                             *_acl_entries([AclRule(100, "allow")], True)]})
    files: dict[str, Any] = {
        "describe-vpcs.json": {"Vpcs": [{
            "VpcId": vpc.vpc_id, "CidrBlock": str(vpc.cidr), "State": "available",
            "IsDefault": False, "DhcpOptionsId": "dopt-1", "InstanceTenancy": "default",
            "CidrBlockAssociationSet": [{"CidrBlock": str(vpc.cidr),
                                         "CidrBlockState": {"State": "associated"}}]}]},
        "describe-subnets.json": {"Subnets": [{
            "SubnetId": s.subnet_id, "VpcId": vpc.vpc_id, "CidrBlock": str(s.cidr),
            "AvailabilityZone": s.availability_zone or f"{_REGION}a", "State": "available",
            "AvailableIpAddressCount": s.usable_ips - sum(
                len(e["PrivateIpAddresses"]) for e in enis if e["SubnetId"] == s.subnet_id),
            "MapPublicIpOnLaunch": False, "Ipv6CidrBlockAssociationSet": []}
            for s in vpc.subnets]},
        "describe-route-tables.json": {"RouteTables": [{
            "RouteTableId": t.route_table_id, "VpcId": vpc.vpc_id,
            "Routes": [*(_route(str(r.destination), r.target, vpc) for r in t.routes),
                       *({"DestinationPrefixListId": f"pl-{e.service}", "GatewayId": e.endpoint_id,
                          "State": "active", "Origin": "CreateRoute"}
                         for e in vpc.gateway_endpoints if t.route_table_id in e.route_table_ids)],
            "Associations": [*([{"Main": True, "RouteTableId": t.route_table_id}] if t.main
                               else []),
                             *({"Main": False, "SubnetId": s, "RouteTableId": t.route_table_id,
                                "AssociationState": {"State": "associated"}}
                               for s in t.subnet_ids)]} for t in vpc.route_tables]},
        "describe-internet-gateways.json": {"InternetGateways": [] if vpc.internet_gateway is None
                                            else [{"InternetGatewayId":
                                                   vpc.internet_gateway.gateway_id,
                                                   "Attachments": [{"VpcId": vpc.vpc_id,
                                                                    "State": "available"}]}]},
        "describe-egress-only-internet-gateways.json": {"EgressOnlyInternetGateways": []},
        "describe-nat-gateways.json": {"NatGateways": nat_gateways},
        "describe-vpc-endpoints.json": {"VpcEndpoints": endpoints},
        "describe-security-groups.json": {"SecurityGroups": [{
            "GroupId": g.group_id, "GroupName": g.group_id, "VpcId": vpc.vpc_id,
            "Description": f"{g.group_id}", "OwnerId": "123456789012",
            "IpPermissions": _permissions(g.inbound),
            "IpPermissionsEgress": _permissions(g.outbound)} for g in vpc.security_groups]},
        "describe-network-acls.json": {"NetworkAcls": acls},
        "describe-network-interfaces.json": {"NetworkInterfaces": enis},
        "list-functions.json": {"Functions": [{
            "FunctionName": f.name, "Runtime": "python3.13", "Handler": "app.handler",
            "FunctionArn": f"arn:aws:lambda:{_REGION}:{f.account_id}:function:{f.name}",
            "MemorySize": f.memory_mb, "Timeout": 30, "PackageType": "Zip",
            "VpcConfig": {"SubnetIds": list(f.subnet_ids),
                          "SecurityGroupIds": list(f.security_group_ids), "VpcId": vpc.vpc_id,
                          "Ipv6AllowedForDualStack": False}} for f in fns]},
    }
    for f in fns:
        if f.published_versions:
            files[f"list-versions-by-function-{f.name}.json"] = {"Versions": [
                {"FunctionName": f.name, "Version": str(v.version), "MemorySize": f.memory_mb,
                 "VpcConfig": {"SubnetIds": list(v.subnet_ids),
                               "SecurityGroupIds": list(v.security_group_ids),
                               "VpcId": vpc.vpc_id}} for v in f.published_versions]}
    if not (vpc.enable_dns_support and vpc.enable_dns_hostnames):
        # Only when one is off: a VPC with both on (the model's default) writes what it did.
        files[f"describe-vpc-attribute-{vpc.vpc_id}.json"] = [
            {"VpcId": vpc.vpc_id, "EnableDnsSupport": {"Value": vpc.enable_dns_support}},
            {"VpcId": vpc.vpc_id, "EnableDnsHostnames": {"Value": vpc.enable_dns_hostnames}}]
    if database_ports:
        files["describe-db-instances.json"] = {"DBInstances": [{
            "DBInstanceIdentifier": r.name, "Engine": "postgres", "DBInstanceStatus": "available",
            "Endpoint": {"Address": f"{r.name}.abcdefghijkl.{_REGION}.rds.amazonaws.com",
                         "Port": database_ports[r.name]},
            "VpcSecurityGroups": [{"VpcSecurityGroupId": g, "Status": "active"}
                                  for g in r.security_group_ids],
            "DBSubnetGroup": {"VpcId": vpc.vpc_id, "Subnets": []}}
            for r in vpc.resources if r.name in database_ports]}
    return files
