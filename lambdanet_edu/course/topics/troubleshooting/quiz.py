"""The quiz for "When it does not work": timeouts, Failed states, endpoints and NAT limits.

Each answer comes from the model (:func:`~lambdanet_edu.can_reach`,
:func:`~lambdanet_edu.create_function_state`, :func:`~lambdanet_edu.nat_connections`), so the
right choices are the model's, not the author's.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['dns-attributes', 'failed-reason', 'nat-idle', 'nat-errors', 'where-to-look']
"""

from __future__ import annotations

import dataclasses

from lambdanet_edu import NatGateway, can_reach, create_function_state, nat_connections
from lambdanet_edu.course.quizzes.format import Choice, Misconception, Parts, Question, Quiz
from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS, endpoint_vpc
from lambdanet_edu.facts import (
    NAT_CONNECTIONS_PER_DESTINATION,
    NAT_IDLE_TIMEOUT_S,
    VPC_EXECUTION_ROLE_ACTIONS,
)
from lambdanet_edu.network import starter_vpc

__all__ = ["QUIZ"]


def _dns_attributes(support: bool, hostnames: bool) -> Parts:
    vpc = dataclasses.replace(endpoint_vpc("sqs"), enable_dns_support=support,
                              enable_dns_hostnames=hostnames)
    reached = can_reach(vpc, ORDERS, "sqs").reachable
    code = ("import dataclasses\n"
            "import lambdanet_edu as ln\n"
            "from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS, "
            "endpoint_vpc\n\n"
            "vpc = endpoint_vpc(\"sqs\")  # no NAT gateway; an SQS endpoint, private DNS on\n"
            f"vpc = dataclasses.replace(vpc, enable_dns_support={support}, "
            f"enable_dns_hostnames={hostnames})\n"
            'ln.can_reach(vpc, ORDERS, "sqs").reachable\n')
    return Parts(
        prompt="The VPC has an SQS interface endpoint with private DNS on and no NAT gateway. "
               "What does the model answer?",
        code=code,
        choices=(
            Choice(text="`True`", value=True,
                   misconception=None if reached else "Thought private DNS works on its own",
                   explanation=("Both DNS attributes are on, so the name resolves to the "
                                "endpoint." if reached else
                                "With a DNS attribute off, private DNS does not take effect.")),
            Choice(text="`False`", value=False,
                   misconception="Thought the endpoint never answers" if reached else None,
                   explanation=("The endpoint's private DNS is in effect." if reached else
                                "The name resolves to SQS's public endpoint, and there is no "
                                "NAT gateway to reach it.")),
        ),
        explanation=("Private DNS takes effect only when enableDnsSupport and "
                     "enableDnsHostnames are both on."))


DNS_ATTRIBUTES = Question(
    id="dns-attributes", kind="predict", answer_input="single", scenario=_dns_attributes,
    variants=({"support": True, "hostnames": False}, {"support": True, "hostnames": True},
              {"support": False, "hostnames": False}))


def _failed_reason(existing: int, role: str) -> Parts:
    actions = VPC_EXECUTION_ROLE_ACTIONS if role == "managed" else ("logs:*",)
    outcome = create_function_state(ORDERS, starter_vpc(), role_actions=actions,
                                    existing_hyperplane_enis=existing)
    shown = ("VPC_EXECUTION_ROLE_ACTIONS  # the six EC2 actions" if role == "managed"
             else '["logs:*"]')
    code = ("import lambdanet_edu as ln\n"
            "from lambdanet_edu.course.topics.troubleshooting.scenarios import ORDERS\n"
            "from lambdanet_edu.facts import VPC_EXECUTION_ROLE_ACTIONS\n\n"
            f"actions = {shown}\n"
            "outcome = ln.create_function_state(ORDERS, ln.starter_vpc(), role_actions=actions,\n"
            f"                                  existing_hyperplane_enis={existing})\n"
            "outcome.reason_code or outcome.state\n")
    got = outcome.reason_code or outcome.state
    codes = ("InsufficientRolePermissions", "EniLimitExceeded", "SubnetOutOfIPAddresses")
    return Parts(
        prompt=(f"`orders` (two private subnets, one security group) is created in a VPC that "
                f"already has {existing} Lambda Hyperplane ENIs, under the default quota. What "
                "does the model answer?"),
        code=code,
        choices=(
            *(Choice(text=f"`{c!r}`", value=c,
                     misconception=None if got == c else "Misread which check fails first",
                     explanation=(outcome.explanation if got == c
                                  else f"The model does not report {c} here."))
              for c in codes),
            Choice(text="`'Active'`", value="Active",
                   misconception=(None if got == "Active"
                                  else "Thought problems show only at invoke time"),
                   explanation=("Network interfaces are made during the create: a problem "
                                "there fails the function at once.")),
        ),
        explanation=outcome.explanation)


FAILED_REASON = Question(id="failed-reason", kind="predict", answer_input="single",
                         scenario=_failed_reason,
                         variants=({"existing": 10, "role": "logs"},
                                   {"existing": 499, "role": "managed"},
                                   {"existing": 10, "role": "managed"}))


def _nat_idle(idle_seconds: int) -> Parts:
    usage = nat_connections(NatGateway("nat-a", "subnet-public-a"), 40,
                            idle_seconds=idle_seconds)
    return Parts(
        prompt=(f"A function keeps a pool of 40 connections to an API through a NAT gateway. "
                f"After {idle_seconds} s without a request, how many of them does the NAT "
                "gateway still carry?"),
        answer=usage.open_connections - usage.dropped_by_idle_timeout,
        explanation=(f"A connection idle for {NAT_IDLE_TIMEOUT_S} s or more is dropped: "
                     f"[[answer]] remain. {usage.explanation}"))


NAT_IDLE = Question(
    id="nat-idle", kind="number", scenario=_nat_idle, unit="connections",
    variants=({"idle_seconds": 400}, {"idle_seconds": NAT_IDLE_TIMEOUT_S}, {"idle_seconds": 900}),
    misconceptions=(
        Misconception(name="Thought a NAT gateway keeps idle connections",
                      explanation=(f"A NAT gateway drops a connection idle for "
                                   f"{NAT_IDLE_TIMEOUT_S} s or more, without telling either "
                                   "end."),
                      predict=lambda idle_seconds: 40),
    ))


def _nat_errors(connections: int, addresses: int) -> Parts:
    usage = nat_connections(NatGateway("nat-a", "subnet-public-a", elastic_ips=addresses),
                            connections)
    return Parts(
        prompt=(f"{connections:,} connections go through a NAT gateway with {addresses} "
                "address(es) to one and the same destination. How many fail with "
                "ErrorPortAllocation?"),
        answer=usage.port_allocation_errors,
        explanation=(f"Each address carries {NAT_CONNECTIONS_PER_DESTINATION:,} connections to "
                     f"one destination: [[answer]] fail."))


NAT_ERRORS = Question(
    id="nat-errors", kind="number", scenario=_nat_errors, unit="connections",
    variants=({"connections": 130_000, "addresses": 2}, {"connections": 120_000, "addresses": 2},
              {"connections": 180_000, "addresses": 3}),
    misconceptions=(
        Misconception(name="Forgot that each address adds ports",
                      explanation="Each address adds 55,000 connections per destination.",
                      predict=lambda connections, addresses: max(
                          0, connections - NAT_CONNECTIONS_PER_DESTINATION)),
    ))


def _where_to_look() -> Parts:
    return Parts(
        prompt=("Connections through a NAT gateway fail now and then under load. Where do you "
                "see it?"),
        choices=(
            Choice(text="The NAT gateway's ErrorPortAllocation metric in CloudWatch",
                   correct=True, explanation="It counts connections that got no source port."),
            Choice(text="The function's StateReasonCode",
                   misconception="Thought StateReasonCode reports runtime errors",
                   explanation=("StateReasonCode says why a create or update failed, not what "
                                "happens to connections later.")),
            Choice(text="The function's security group",
                   misconception="Looked for a firewall in a capacity problem",
                   explanation="Security groups do not count connections."),
        ),
        explanation=("ErrorPortAllocation counts the connections a NAT gateway could not give a "
                     "port; VPC Flow Logs show the rejected packets of a firewall problem."))


QUIZ = Quiz(id="troubleshooting", title="When it does not work", questions=(
    DNS_ATTRIBUTES, FAILED_REASON, NAT_IDLE, NAT_ERRORS,
    Question(id="where-to-look", kind="single", scenario=_where_to_look),
))
