"""The topic "Egress and your network": its exercises, its quiz (``quiz.py``) and its
page's values and pictures (``page.py``), declared once as :data:`TOPIC`.

Every exercise here is a value the learner builds (a VPC, a function, network ACL rules) and
:func:`~lambdanet_edu.egress.can_reach` judges it, so any network that gets the function there
passes. A failing answer gets the misconception it shows, followed by the model's own account
of where the connection stops.

One module per exercise, named after its id; ``_shared`` holds what their judges share.

Examples:
    >>> from lambdanet_edu.course.grading import grade
    >>> [grade(ex, ex.solution).status for ex in EXERCISES]
    ['passed', 'passed', 'passed', 'passed', 'passed']
    >>> code = "from lambdanet_edu import starter_vpc\\nvpc = starter_vpc()\\n"
    >>> grade(S3_WITHOUT_NAT, code).title
    'Used a NAT gateway'
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.egress.cheapest_egress import CHEAPEST_EGRESS
from lambdanet_edu.course.topics.egress.give_internet_access import GIVE_INTERNET_ACCESS
from lambdanet_edu.course.topics.egress.ipv6_internet import IPV6_INTERNET
from lambdanet_edu.course.topics.egress.nacl_replies import NACL_OUTBOUND, NACL_REPLIES, nacl_vpc
from lambdanet_edu.course.topics.egress.s3_without_nat import S3_WITHOUT_NAT
from lambdanet_edu.facts import LINUX_EPHEMERAL_PORTS

__all__ = ["EXERCISES", "LINUX_EPHEMERAL_PORTS", "NACL_OUTBOUND", "TOPIC", "nacl_vpc"]

# In the page's order: IPv6 follows internet access, the costs follow the endpoints.
EXERCISES: tuple[Exercise, ...] = (GIVE_INTERNET_ACCESS, IPV6_INTERNET, S3_WITHOUT_NAT,
                                   CHEAPEST_EGRESS, NACL_REPLIES)

TOPIC = Topic(slug="egress", name="egress", title="Egress and your network",
              page="egress.md", lesson="lessons/03_egress.py",
              exercises=EXERCISES)
