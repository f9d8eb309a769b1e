"""The topic "Scaling and your database": its exercises, its quiz (``quiz.py``) and its
page's values and pictures (``page.py``), declared once as :data:`TOPIC`.

Three rules the learner applies by hand, each checked against the model: how long today's
per-function scaling rate takes to reach a concurrency (``concurrency_timeline``), how many
execution environments a database's ``max_connections`` can serve when each opens its own pool
(``db_connections``), and what RDS Proxy holds open at one moment.

One module per exercise, named after its id.
"""

from __future__ import annotations

from lambdanet_edu.course.grading import Exercise
from lambdanet_edu.course.topics import Topic
from lambdanet_edu.course.topics.scaling.max_safe_concurrency import MAX_SAFE_CONCURRENCY
from lambdanet_edu.course.topics.scaling.protect_database import PROTECT_DATABASE
from lambdanet_edu.course.topics.scaling.proxy_connections import PROXY_CONNECTIONS
from lambdanet_edu.course.topics.scaling.seconds_to_reach import SECONDS_TO_REACH

__all__ = ["EXERCISES", "TOPIC"]

EXERCISES: tuple[Exercise, ...] = (SECONDS_TO_REACH, MAX_SAFE_CONCURRENCY, PROXY_CONNECTIONS,
                                   PROTECT_DATABASE)

TOPIC = Topic(slug="scaling", name="scaling", title="Scaling and your database",
              page="scaling.md", lesson="lessons/04_scaling.py",
              exercises=EXERCISES)
