"""The one exception family of :mod:`lambdanet_edu`.

Every error the model raises is a :class:`LambdaNetError`, a :class:`ValueError`, so a
learner's ``except ValueError`` still catches it. Its message names the field, the value
that was given and what is allowed, because the learner reading it is usually mid-exercise.
"""

from __future__ import annotations

import reprlib

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
        message = _clip(message, MAX_MESSAGE_CHARS)
        super().__init__(message)
        self.message = message
        self.field = _clip(field, MAX_FIELD_CHARS)
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
        def text(value: object) -> str:  # the model passes str and int; anything else is shown
            return value if isinstance(value, str) else (
                str(value) if type(value) is int and value.bit_length() <= 600 else
                _describe(value))

        message = f"{text(what)} would be {text(needed)}, over the quota of {text(quota)}"
        if advice:
            message += f": {text(advice)}"
        super().__init__(message, field=text(what), value=needed, allowed=f"at most {text(quota)}")
        self.needed = needed
        self.quota = quota


#: Longest value shown in a message: enough to recognise it, never a whole 50 MB string.
MAX_VALUE_CHARS = 200
#: Longest field path kept (a field can hold a key the learner chose, such as a huge name).
MAX_FIELD_CHARS = 300
#: Longest message: the value, the field and the words, each already cut, plus some context.
MAX_MESSAGE_CHARS = 2_000

# reprlib stops at a depth and a length, so a deeply nested or huge value is shown in bounded
# time and space and never hits Python's recursion limit.
_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = MAX_VALUE_CHARS
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 8


def _clip(text: str, limit: int) -> str:
    """``text``, cut in the middle to ``limit`` characters when longer."""
    if not isinstance(text, str) or len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


def _show(value: object) -> str:
    """A short, safe ``repr``: cut, depth-limited, and never raising."""
    if isinstance(value, int) and value.bit_length() > 600:
        # repr() of a huge int is slow and limited (sys.set_int_max_str_digits): say its size.
        return f"an integer of {value.bit_length():,} bits"
    try:
        text = _REPR.repr(value)
    except Exception:  # any repr may fail; the message must still be built
        text = f"<{type(value).__name__} object>"
    return _clip(text, MAX_VALUE_CHARS)


def _describe(value: object) -> str:
    """A short ``repr``, plus the type name for values whose type is not obvious from it.

    A subclass of ``float``, ``int`` or ``str`` may override ``__repr__`` to lie, raise or run
    forever, so it is shown through its base type's own methods.

    Examples:
        >>> class Odd(float):
        ...     def __repr__(self) -> str:
        ...         raise RuntimeError
        >>> _describe(Odd(0.5)), _describe("x" * 10_000)[-12:], _describe(10**5000)
        ('0.5 (Odd)', "xxxxxxxxxxx'", 'an integer of 16,610 bits')
    """
    kind = type(value)
    if kind in (bool, int, float, str, list, tuple, dict, type(None)):
        return _show(value)
    name = _clip(kind.__name__, 60)
    if isinstance(value, float):
        return f"{float.__repr__(float.__float__(value))} ({name})"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{_show(int.__int__(value))} ({name})"
    if isinstance(value, str):
        return f"{_show(str.__str__(value))} ({name})"
    return f"{_show(value)} ({name})"
