"""Exercises for the page "IP addresses and subnets".

One module per exercise, named after its id. :data:`SUBNET` stays importable from here.
"""

from __future__ import annotations

from lambdanet_edu.exercises.grading import Exercise
from lambdanet_edu.exercises.ip_addresses.legacy_eni_formula import LEGACY_IPS
from lambdanet_edu.exercises.ip_addresses.subnet_free_ips import FREE_IPS
from lambdanet_edu.exercises.ip_addresses.subnet_free_ips import SUBNET as SUBNET

__all__ = ["EXERCISES"]

EXERCISES: tuple[Exercise, ...] = (LEGACY_IPS, FREE_IPS)
