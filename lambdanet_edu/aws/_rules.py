"""Private: security groups and network ACLs, read from their outputs into each VPC's parts.

Rules the model cannot use (ICMP and other protocols, IPv6 ranges, managed prefix lists,
groups of another VPC or account) become warnings naming the group or ACL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from lambdanet_edu.aws._json import At, ipv4
from lambdanet_edu.aws._parts import Ec2
from lambdanet_edu.network.network_acls import AclRule, NetworkAcl
from lambdanet_edu.network.security_groups import SecurityGroup, SecurityGroupRule

__all__ = ["read_acls", "read_security_groups"]

_PROTOCOLS: Final = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp", "udp": "udp",
                     "17": "udp"}


def _sg_rules(out: Ec2, at: At, group_id: str, permissions: list[tuple[At, dict[str, Any]]],
              known: Callable[[str], bool]) -> list[SecurityGroupRule]:
    rules: list[SecurityGroupRule] = []
    for p_at, perm in permissions:
        protocol = _PROTOCOLS.get(str(perm.get("IpProtocol")))
        if protocol is None:
            out.warnings.append(p_at.warn(group_id, f"protocol {perm.get('IpProtocol')}: the "
                                          "model covers TCP and UDP only"))
            continue
        ports: Any = "all"
        if protocol != "all" and perm.get("FromPort", -1) != -1:
            ports = (p_at.integer(perm, "FromPort"), p_at.integer(perm, "ToPort"))
        for r_at, rng in p_at.items(perm, "IpRanges"):
            rules.append(SecurityGroupRule(protocol, ports,
                                           cidr=ipv4(r_at.key("CidrIp"), rng.get("CidrIp"))))
        for r_at, pair in p_at.items(perm, "UserIdGroupPairs"):
            other = r_at.text(pair, "GroupId")
            if known(other) and not pair.get("VpcPeeringConnectionId"):
                rules.append(SecurityGroupRule(protocol, ports, security_group_id=other))
            else:
                out.warnings.append(r_at.warn(other, f"a rule of {group_id} naming a group in "
                                              "another VPC or account: left out"))
        for r_at, rng in p_at.items(perm, "Ipv6Ranges"):
            out.warnings.append(r_at.warn(group_id, f"IPv6 rule {rng.get('CidrIpv6')}: the model "
                                          "covers IPv4 only"))
        for r_at, plist in p_at.items(perm, "PrefixListIds"):
            out.warnings.append(r_at.warn(plist.get("PrefixListId", group_id), f"a rule of "
                                          f"{group_id} naming a managed prefix list: left out"))
    return rules


def read_security_groups(out: Ec2, doc: dict[str, Any]) -> None:
    found = list(At("describe-security-groups.json").items(doc, "SecurityGroups", required=True))
    vpc_of = {g.get("GroupId"): g.get("VpcId") for _, g in found}
    for at, data in found:
        group_id = at.text(data, "GroupId")
        parts = out.vpc(at, data)
        if parts is None:
            continue
        def known(other: str, vpc_id: str = parts.vpc_id) -> bool:
            return vpc_of.get(other) == vpc_id
        inbound = _sg_rules(out, at, group_id, list(at.items(data, "IpPermissions")), known)
        outbound = _sg_rules(out, at, group_id, list(at.items(data, "IpPermissionsEgress")),
                             known)
        parts.security_groups.append(SecurityGroup(group_id, inbound, outbound))


def read_acls(out: Ec2, doc: dict[str, Any]) -> None:
    for at, data in At("describe-network-acls.json").items(doc, "NetworkAcls", required=True):
        acl_id = at.text(data, "NetworkAclId")
        parts = out.vpc(at, data)
        if parts is None:
            continue
        rules: dict[bool, list[AclRule]] = {True: [], False: []}
        for e_at, entry in at.items(data, "Entries"):
            number = e_at.integer(entry, "RuleNumber")
            protocol = _PROTOCOLS.get(str(entry.get("Protocol")))
            if number == 32767:
                continue  # the final '*' rule, which the model always applies
            if entry.get("Ipv6CidrBlock") or protocol is None:
                what = (f"IPv6 rule {entry.get('Ipv6CidrBlock')}" if entry.get("Ipv6CidrBlock")
                        else f"protocol {entry.get('Protocol')} (TCP and UDP only)")
                out.warnings.append(e_at.warn(acl_id, f"rule {number}: {what}: left out"))
                continue
            ports: Any = "all"
            if protocol != "all" and isinstance(entry.get("PortRange"), dict):
                span = entry["PortRange"]
                ports = (e_at.key("PortRange").integer(span, "From"),
                         e_at.key("PortRange").integer(span, "To"))
            rules[e_at.flag(entry, "Egress")].append(AclRule(
                number, e_at.text(entry, "RuleAction"), protocol, ports,
                ipv4(e_at.key("CidrBlock"), entry.get("CidrBlock"))))
        known = {s.subnet_id for s in parts.subnets}
        subnets = [s for _, a in at.items(data, "Associations")
                   if (s := a.get("SubnetId")) in known]
        parts.network_acls.append(NetworkAcl(acl_id, subnets, inbound=rules[False],
                                             outbound=rules[True]))
