"""The one exception family of :mod:`lambdanet_edu`.

Every error the model raises is a :class:`LambdaNetError`, a :class:`ValueError`, so a
learner's ``except ValueError`` still catches it. Its message names the field, the value
that was given and what is allowed, because the learner reading it is usually mid-exercise.
"""

from __future__ import annotations

__all__ = ["LambdaNetError", "QuotaExceeded"]

_UNSET: object = object()


class LambdaNetError(ValueError):
    """A value the model cannot accept, or a deployment AWS would refuse.

    Attributes:
        field: The dotted path of the offending field, e.g. ``"functions[2].memory_mb"``.
        value: The value that was given (``None`` when the error is not about one value).
        allowed: What the field accepts, in words.

    Examples:
        >>> raise LambdaNetError.invalid("memory_mb", 64, "an integer from 128 to 10240")
        Traceback (most recent call last):
        ...
        lambdanet_edu.errors.LambdaNetError: memory_mb must be an integer from 128 to 10240, got 64
        >>> err = LambdaNetError.invalid("memory_mb", 64, "an integer from 128 to 10240")
        >>> str(err.within("functions[2]"))
        'functions[2].memory_mb must be an integer from 128 to 10240, got 64'
        >>> quota = QuotaExceeded("Hyperplane ENIs per VPC", needed=3, quota=2).within("vpc-1")
        >>> type(quota).__name__, quota.needed, str(quota)
        ('QuotaExceeded', 3, 'vpc-1.Hyperplane ENIs per VPC would be 3, over the quota of 2')
    """

    def __init__(
        self,
        message: str,
        *,
        field: str = "",
        value: object = None,
        allowed: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value
        self.allowed = allowed

    @classmethod
    def invalid(
        cls, field: str, value: object, allowed: str, *, got: str | None = None
    ) -> LambdaNetError:
        """Build the standard message ``"<field> must be <allowed>, got <value>"``.

        ``got`` replaces the default ``repr`` of the value where another spelling reads
        better to a learner (``/29`` rather than ``29``).
        """
        shown = _describe(value) if got is None else got
        return cls(
            f"{field} must be {allowed}, got {shown}",
            field=field,
            value=value,
            allowed=allowed,
        )

    def within(self, prefix: str) -> LambdaNetError:
        """Return a copy whose field path starts with ``prefix`` (for nested input)."""
        if not self.field:
            field, message = prefix, f"{prefix}: {self.message}"
        else:
            field = prefix + self.field if self.field.startswith("[") else f"{prefix}.{self.field}"
            message = self.message.replace(self.field, field, 1)
        # A bare copy keeps the subclass and its extra attributes without re-running __init__.
        clone = type(self).__new__(type(self), message)
        clone.__dict__.update(self.__dict__, message=message, field=field)
        return clone


class QuotaExceeded(LambdaNetError):
    """A deployment that needs more of something than an AWS quota allows.

    Attributes:
        needed: How many the deployment needs.
        quota: The quota that applies.

    Examples:
        >>> err = QuotaExceeded("Hyperplane ENIs per VPC", needed=620, quota=500)
        >>> err.needed - err.quota
        120
    """

    def __init__(self, what: str, *, needed: int, quota: int, advice: str = "") -> None:
        message = f"{what} would be {needed}, over the quota of {quota}"
        if advice:
            message += f": {advice}"
        super().__init__(message, field=what, value=needed, allowed=f"at most {quota}")
        self.needed = needed
        self.quota = quota


def _describe(value: object) -> str:
    """``repr``, plus the type name for values whose type is not obvious from it."""
    if isinstance(value, (bool, int, float, str, list, tuple, dict, type(None))):
        return repr(value)
    return f"{value!r} ({type(value).__name__})"
