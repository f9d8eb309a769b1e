"""The topic "When it does not work": its exercises, its quiz (``quiz.py``) and its page's
values and pictures (``page.py``), declared once as :data:`TOPIC`.

The broken VPCs the page diagnoses live in ``scenarios``, shared by the page, the lesson, the
quiz and the exercises; the exercises are judged by the model (:func:`~lambdanet_edu.can_reach`,
:func:`~lambdanet_edu.create_function_state`, :func:`~lambdanet_edu.nat_connections`).

Examples:
    >>> from lambdanet_edu.course.grading import grade
    >>> [grade(ex, ex.solution).status for ex in EXERCISES]
    ['passed', 'passed', 'passed']
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.troubleshooting.failed_reason import FAILED_REASON
from lambdanet_edu.course.topics.troubleshooting.fix_the_timeout import FIX_THE_TIMEOUT
from lambdanet_edu.course.topics.troubleshooting.nat_addresses import NAT_ADDRESSES

__all__ = ["EXERCISES", "TOPIC"]

EXERCISES: tuple[Exercise, ...] = (FIX_THE_TIMEOUT, FAILED_REASON, NAT_ADDRESSES)

TOPIC = Topic(slug="troubleshooting", name="troubleshooting", title="When it does not work",
              page="troubleshooting.md", lesson="lessons/05_troubleshooting.py",
              exercises=EXERCISES)
