"""Exercises for the page "Where your function runs".

One module per exercise, named after its id; ``_shared`` holds the helpers two of them use.
"""

from __future__ import annotations

from lambdanet_edu.exercises.grading import Exercise
from lambdanet_edu.exercises.where_it_runs.eni_count import ENI_COUNT
from lambdanet_edu.exercises.where_it_runs.enis_deleted import ENIS_DELETED
from lambdanet_edu.exercises.where_it_runs.state_after import STATE_AFTER

__all__ = ["EXERCISES"]

EXERCISES: tuple[Exercise, ...] = (ENI_COUNT, STATE_AFTER, ENIS_DELETED)
