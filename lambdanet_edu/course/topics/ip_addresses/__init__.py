"""The topic "IP addresses and subnets": its exercises, its quiz (``quiz.py``) and its
page's values and pictures (``page.py``), declared once as :data:`TOPIC`.

One module per exercise, named after its id. :data:`SUBNET` stays importable from here.
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.ip_addresses.legacy_eni_formula import LEGACY_IPS
from lambdanet_edu.course.topics.ip_addresses.subnet_free_ips import FREE_IPS
from lambdanet_edu.course.topics.ip_addresses.subnet_free_ips import SUBNET as SUBNET

__all__ = ["EXERCISES", "TOPIC"]

EXERCISES: tuple[Exercise, ...] = (LEGACY_IPS, FREE_IPS)

TOPIC = Topic(slug="ip-addresses", name="ip_addresses", title="IP addresses and subnets",
              page="ip-addresses.md", lesson="lessons/02_ip_addresses.py",
              exercises=EXERCISES)
