"""The quiz for "Egress and your network": public subnets, NAT, endpoints, network ACLs.

Which paths work is decided by :func:`~lambdanet_edu.egress.can_reach` on the starter VPC, so
the right choices are the model's verdicts, not the author's.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['public-subnet', 'nat-route', 'reach-without-nat', 'service-paths', 'nacl-replies',
     'ipv6-reach', 'ipv6-flag', 'cheaper-for-sqs']
"""

from __future__ import annotations

import dataclasses

from lambdanet_edu import GatewayEndpoint, Vpc, can_reach, egress_cost, starter_vpc
from lambdanet_edu.course.quizzes.format import Choice, Parts, Question, Quiz
from lambdanet_edu.course.topics.egress.ipv6_internet import ipv6_deployment
from lambdanet_edu.facts import LAMBDA_EPHEMERAL_PORTS, LINUX_EPHEMERAL_PORTS
from lambdanet_edu.functions import LambdaFunction

__all__ = ["QUIZ"]

_PRIVATE = ("subnet-private-a", "subnet-private-b")
_PUBLIC_SUBNET = "Thought a public subnet gives the function internet access"


def _orders(subnets: tuple[str, ...]) -> LambdaFunction:
    return LambdaFunction("orders", subnets, ("sg-lambda",))


def _public_subnet(nat: bool) -> Parts:
    code = ("import lambdanet_edu as ln\n\n"
            f"vpc = ln.starter_vpc(nat={nat})\n"
            'fn = ln.LambdaFunction("orders", ["subnet-public-a"], ["sg-lambda"])\n'
            'ln.can_reach(vpc, fn, "internet").reachable\n')
    return Parts(
        prompt=("The function is in the starter VPC's **public** subnet, whose route table sends "
                "`0.0.0.0/0` to the internet gateway. What does the model answer?"),
        code=code,
        choices=(
            Choice(text="`True`: it reaches the internet", value=True,
                   misconception=_PUBLIC_SUBNET,
                   explanation=("The internet gateway only lets out traffic from public IPs, and "
                                "a Lambda ENI never gets one.")),
            Choice(text="`False`: it cannot reach the internet", value=False,
                   explanation="Its ENI has no public IP, so the internet gateway is no way out."),
        ),
        explanation=("A public subnet gives a function no internet access: its ENI has a private "
                     "address only. The way out is a NAT gateway, reached from private subnets."))


PUBLIC_SUBNET = Question(id="public-subnet", kind="predict", answer_input="single",
                         scenario=_public_subnet, variants=({"nat": True}, {"nat": False}))


def _nat_route() -> Parts:
    return Parts(
        prompt=("A function in private subnets must call an API on the internet over IPv4. What "
                "must the private subnets' route table send `0.0.0.0/0` to?"),
        choices=(
            Choice(text="A NAT gateway that sits in a public subnet", correct=True,
                   explanation=("The NAT gateway has a public address and its own subnet's "
                                "route to the internet gateway.")),
            Choice(text="The internet gateway", misconception=_PUBLIC_SUBNET,
                   explanation=("That makes the subnets public, and the function's ENI still has "
                                "no public IP to use the internet gateway with.")),
            Choice(text="A NAT gateway in one of the private subnets",
                   misconception="Put the NAT gateway in a private subnet",
                   explanation=("A NAT gateway reaches the internet through its own subnet's "
                                "route table, so that subnet must be public.")),
            Choice(text="Nothing: Lambda keeps its own way to the internet",
                   misconception="Thought VPC functions keep internet access",
                   explanation=("Once attached to your VPC, the function reaches only what your "
                                "VPC routes to.")),
        ),
        explanation=("Private subnets send `0.0.0.0/0` to a NAT gateway; the NAT gateway, in a "
                     "public subnet, goes out through the internet gateway."))


def _reach_without_nat(destination: str) -> Parts:
    vpc, fn = starter_vpc(nat=False), _orders(_PRIVATE)
    inside = can_reach(vpc, fn, destination).reachable
    code = ("import lambdanet_edu as ln\n\n"
            "vpc = ln.starter_vpc(nat=False)  # no NAT gateway, no endpoints\n"
            'fn = ln.LambdaFunction("orders", ["subnet-private-a", "subnet-private-b"], '
            '["sg-lambda"])\n'
            f"ln.can_reach(vpc, fn, {destination!r}).reachable\n")
    return Parts(
        prompt=f"Without a NAT gateway, can the function reach `{destination}`?",
        code=code,
        choices=(
            Choice(text="`True`", value=True,
                   misconception="Thought AWS services need no route",
                   explanation="" if inside else (
                       f"`{destination}` is outside the VPC: without a NAT gateway or an "
                       "endpoint no route leads there.")),
            Choice(text="`False`", value=False,
                   misconception="Thought no NAT gateway means no network at all",
                   explanation="" if not inside else (
                       "The database is inside the VPC: the local route reaches it, NAT or "
                       "not.")),
        ),
        explanation=("The local route reaches anything inside the VPC, like the database; "
                     "everything outside it needs a NAT gateway or an endpoint."
                     if inside else
                     "Without a NAT gateway or an endpoint, nothing outside the VPC can be "
                     "reached; only the local route remains."))


REACH_WITHOUT_NAT = Question(
    id="reach-without-nat", kind="predict", answer_input="single", scenario=_reach_without_nat,
    variants=({"destination": "10.0.2.15:5432"}, {"destination": "s3"},
              {"destination": "dynamodb"}))


def _with_endpoint(service: str, route_table: str) -> Vpc:
    return dataclasses.replace(starter_vpc(nat=False), gateway_endpoints=(
        GatewayEndpoint(f"vpce-{service}", service, (route_table,)),))


def _service_paths(service: str) -> Parts:
    fn = _orders(_PRIVATE)
    options = (
        ("A gateway endpoint for {s} on the private subnets' route table",
         _with_endpoint(service, "rtb-private"), fn, None,
         "A gateway endpoint is a route-table entry, free, for the subnets of that table."),
        ("A NAT gateway in the public subnet, with the private route to it",
         starter_vpc(nat=True), fn, None,
         "The NAT gateway reaches the service's public endpoint."),
        ("A gateway endpoint for {s} on the public subnet's route table",
         _with_endpoint(service, "rtb-public"), fn,
         "Put the endpoint on the wrong route table",
         "A gateway endpoint only serves the subnets whose route table holds it."),
        ("Moving the function to the public subnet", starter_vpc(nat=False),
         _orders(("subnet-public-a",)), _PUBLIC_SUBNET,
         "The ENI would still have no public IP, so the internet gateway is no way out."),
    )
    choices = tuple(
        Choice(text=text.format(s=f"`{service}`"),
               correct=can_reach(vpc, function, service).reachable,
               misconception=None if can_reach(vpc, function, service).reachable else wrong,
               explanation=why)
        for text, vpc, function, wrong, why in options)
    return Parts(
        prompt=(f"In `starter_vpc(nat=False)` the function in the private subnets cannot reach "
                f"`{service}`. Which changes give it a way there? Select all that work."),
        choices=choices,
        explanation=("Private subnets reach AWS services through a NAT gateway or an endpoint on "
                     "their own route table; a public subnet does not help a Lambda ENI."))


SERVICE_PATHS = Question(id="service-paths", kind="multiple", scenario=_service_paths,
                         variants=({"service": "s3"}, {"service": "dynamodb"}))


def _ports(ports: tuple[int, int]) -> str:
    return f"{ports[0]}-{ports[1]}"


def _nacl_replies() -> Parts:
    linux, lam = _ports(LINUX_EPHEMERAL_PORTS), _ports(LAMBDA_EPHEMERAL_PORTS)
    return Parts(
        prompt=(f"The network ACL of the function's subnets allows outbound HTTPS, and inbound "
                f"TCP only on ports {linux}, a range copied from a Linux guide. What happens to "
                "the function's HTTPS calls?"),
        choices=(
            Choice(text="Many fail: replies to ports outside that range are dropped", correct=True,
                   explanation=(f"Lambda's ENIs use ports {lam}; replies to the others never "
                                "get in.")),
            Choice(text="They all work: the ACL lets the replies back in by itself",
                   misconception="Thought network ACLs are stateful",
                   explanation=("Security groups remember connections; network ACLs do not, so "
                                "replies need their own inbound rule.")),
            Choice(text=f"They all work: Lambda uses ports {linux} like Linux",
                   misconception="Assumed Lambda uses Linux's ephemeral ports",
                   explanation=f"Lambda's Hyperplane ENIs use ports {lam}."),
        ),
        explanation=(f"Network ACLs are stateless: the inbound rule must let replies in on every "
                     f"port the ENI may use, {lam}, for TCP and UDP."))


def _ipv6_reach(destination: str) -> Parts:
    vpc, fn = ipv6_deployment()
    reached = can_reach(vpc, fn, destination).reachable
    code = ("import lambdanet_edu as ln\n"
            "from lambdanet_edu.course.topics.egress.ipv6_internet import ipv6_deployment\n\n"
            "# Dual-stack subnets, ::/0 -> egress-only gateway eigw-1, no NAT gateway, and\n"
            "# orders has ipv6_allowed_for_dual_stack=True.\n"
            "vpc, orders = ipv6_deployment()\n"
            f"ln.can_reach(vpc, orders, {destination!r}).reachable\n")
    return Parts(
        prompt=(f"The function has outbound IPv6 through an egress-only internet gateway and "
                f"no NAT gateway. Can it reach `{destination}`?"),
        code=code,
        choices=(
            Choice(text="`True`", value=True,
                   misconception="Thought IPv6 egress opens every destination",
                   explanation="" if reached else (
                       f"`{destination}` is reached over IPv4 here, and IPv4 still has no route "
                       "out: the egress-only gateway carries IPv6 only.")),
            Choice(text="`False`", value=False,
                   misconception="Thought a VPC function needs NAT for any internet access",
                   explanation="" if not reached else (
                       "IPv6 addresses are public: the egress-only gateway carries the "
                       "function's IPv6 traffic out with no NAT.")),
        ),
        explanation=("Over IPv6 the egress-only gateway is the way out; anything reached over "
                     "IPv4 (an IPv4-only API, or a service without an endpoint) still needs a "
                     "NAT gateway or an endpoint."))


IPV6_REACH = Question(
    id="ipv6-reach", kind="predict", answer_input="single", scenario=_ipv6_reach,
    variants=({"destination": "internet6"}, {"destination": "internet"}, {"destination": "sqs"}))


def _ipv6_flag() -> Parts:
    return Parts(
        prompt=("A function's subnets are all dual-stack and their route table sends `::/0` to "
                "an egress-only internet gateway, but the function keeps the default "
                "`Ipv6AllowedForDualStack`. What happens to its IPv6 connections?"),
        choices=(
            Choice(text="They fail: Lambda gives it outbound IPv6 only with the flag on",
                   correct=True,
                   explanation="Outbound IPv6 is off for a VPC function until you turn it on."),
            Choice(text="They work: the subnets and the route are enough",
                   misconception="Thought dual-stack subnets turn IPv6 on for the function",
                   explanation="The subnets make IPv6 possible; the function must still ask."),
            Choice(text="They go out through a NAT gateway instead",
                   misconception="Thought NAT gateways carry IPv6 for Lambda",
                   explanation="A NAT gateway is for IPv4; this VPC has none anyway."),
        ),
        explanation=("Outbound IPv6 needs the flag, dual-stack subnets (all of them, or AWS "
                     "refuses the flag), rules that allow it and a `::/0` route."))


def _cheaper_for_sqs(gb: int) -> Parts:
    options = {"nat": egress_cost(services_gb=gb, nat=True),
               "endpoint": egress_cost(services_gb=gb, nat=True, interface_endpoints=True)}
    # The NAT gateways stay for the internet either way: compare what SQS traffic adds.
    nat_only = options["nat"].total_usd
    with_endpoint = options["endpoint"].total_usd
    cheaper = "endpoint" if with_endpoint < nat_only else "nat"
    return Parts(
        prompt=(f"A function already needs its NAT gateways (2 Availability Zones) for an "
                f"internet API. It also sends {gb:,} GB a month to SQS. At the model's "
                f"{options['nat'].region} prices, which costs less: SQS traffic through the "
                "NAT gateways, or an interface endpoint for SQS?"),
        choices=(
            Choice(text="Through the NAT gateways", value="nat", correct=cheaper == "nat",
                   misconception=None if cheaper == "nat" else "Ignored the per-GB charge",
                   explanation=f"USD {nat_only} a month in all."),
            Choice(text="An interface endpoint for SQS", value="endpoint",
                   correct=cheaper == "endpoint",
                   misconception=(None if cheaper == "endpoint"
                                  else "Ignored the endpoint's hourly charge"),
                   explanation=f"USD {with_endpoint} a month in all."),
        ),
        explanation=("An interface endpoint charges by the hour in each Availability Zone and "
                     "less per GB than a NAT gateway: it pays off only above some traffic. "
                     "Prices change and differ between Regions."))


CHEAPER_FOR_SQS = Question(id="cheaper-for-sqs", kind="single", scenario=_cheaper_for_sqs,
                           variants=({"gb": 50}, {"gb": 2000}))


#: The page's quiz.
QUIZ = Quiz(id="egress", title="Egress and your network", questions=(
    PUBLIC_SUBNET,
    Question(id="nat-route", kind="single", scenario=_nat_route),
    REACH_WITHOUT_NAT,
    SERVICE_PATHS,
    Question(id="nacl-replies", kind="single", scenario=_nacl_replies),
    IPV6_REACH,
    Question(id="ipv6-flag", kind="single", scenario=_ipv6_flag),
    CHEAPER_FOR_SQS,
))
