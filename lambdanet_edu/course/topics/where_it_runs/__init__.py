"""The topic "Where your function runs": its exercises, its quiz (``quiz.py``) and its
page's values and pictures (``page.py``), declared once as :data:`TOPIC`.

One module per exercise, named after its id; ``_shared`` holds the helpers two of them use.
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.where_it_runs.eni_count import ENI_COUNT
from lambdanet_edu.course.topics.where_it_runs.enis_deleted import ENIS_DELETED
from lambdanet_edu.course.topics.where_it_runs.state_after import STATE_AFTER

__all__ = ["EXERCISES", "TOPIC"]

EXERCISES: tuple[Exercise, ...] = (ENI_COUNT, STATE_AFTER, ENIS_DELETED)

TOPIC = Topic(slug="where-it-runs", name="where_it_runs", title="Where your function runs",
              page="where-it-runs.md", lesson="lessons/01_where_it_runs.py",
              exercises=EXERCISES)
