"""lambdanet_edu: an exact, tested model of AWS Lambda VPC networking (integration pending)."""

from lambdanet_edu.errors import LambdaNetError, QuotaExceeded
from lambdanet_edu.simplifications import SIMPLIFICATIONS, Simplification

__all__ = ["SIMPLIFICATIONS", "LambdaNetError", "QuotaExceeded", "Simplification"]
