"""The topic "Your network": the model on the learner's own account, read in their browser.

The page reads the JSON that AWS's read-only commands print (:mod:`lambdanet_edu.aws`) and
shows, for each VPC, its topology picture, the addresses per subnet, the Hyperplane ENIs
expected against those the account has, and each function's reach. :func:`browser_json`
is what the page's Python worker calls; the exercise works on the generated sample account.

Examples:
    >>> from lambdanet_edu.course.grading import grade
    >>> [grade(ex, ex.solution).status for ex in EXERCISES]
    ['passed']
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.your_network.browser import browser_json
from lambdanet_edu.course.topics.your_network.s3_blocked_in_sample import S3_BLOCKED_IN_SAMPLE

__all__ = ["EXERCISES", "TOPIC", "browser_json"]

EXERCISES: tuple[Exercise, ...] = (S3_BLOCKED_IN_SAMPLE,)

TOPIC = Topic(slug="your-network", name="your_network", title="Your network",
              page="your-network.md", lesson=None, exercises=EXERCISES)
