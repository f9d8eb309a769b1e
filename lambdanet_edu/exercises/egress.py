"""Exercises for the page on egress (filled in with the page)."""

from lambdanet_edu.exercises.grading import Exercise

__all__ = ["EXERCISES"]

EXERCISES: tuple[Exercise, ...] = ()
