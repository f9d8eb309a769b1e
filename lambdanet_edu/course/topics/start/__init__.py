"""The topic "Start here": the course's first page, its quiz and its central picture.

It has no lesson and no exercise; its quiz asks what you believe before the course.
"""

from __future__ import annotations

from lambdanet_edu.course.topics import Topic

__all__ = ["TOPIC"]

TOPIC = Topic(slug="start", name="start", title="Start here", page="index.md", lesson=None,
              exercises=())
