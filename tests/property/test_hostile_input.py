"""Every public entry point of the model, fed hostile input: it returns or raises
``LambdaNetError``, in bounded time, and nothing else.

The entry points are found, not listed: every class and function in ``lambdanet_edu.__all__``
and in the ``__all__`` of each model subpackage (``network``, ``scaling``, ``egress``,
``pictures``; the course is not the model). Each is called with its own parameter names,
each argument drawn from wrong types, huge and tiny numbers, odd strings (other scripts'
digits, NUL, lone surrogates, right-to-left marks), odd containers (sets, dicts, generators,
an ``IPv4Network``, ``range(10**20)``, deep nesting) and plausible values that reach deeper.

Time is bounded without signals: each call runs in a daemon thread that must finish within
``LIMIT_S`` (a hang fails the example instead of stalling the run), and the inputs themselves
are small, so a slow call means the model's work grew with a number it was given.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import math
import pkgutil
import threading
import types
from collections.abc import Callable, Iterator
from fractions import Fraction
from ipaddress import IPv4Address, IPv4Network
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lambdanet_edu
from lambdanet_edu import LambdaFunction, LambdaNetError, Subnet, starter_vpc

#: Longest any one call may take. The inputs are small; this only has to catch a call whose
#: work grows with a number or never ends, on a loaded 2-core machine.
LIMIT_S = 20.0
#: Packages under lambdanet_edu whose ``__all__`` is not the model's API.
NOT_MODEL = {"course"}
#: Public callables not fuzzed, each with the reason. Keep it empty unless a callable cannot be
#: given hostile input by construction.
EXEMPT: dict[str, str] = {}


def _modules() -> Iterator[types.ModuleType]:
    yield lambdanet_edu
    for info in pkgutil.iter_modules(lambdanet_edu.__path__):
        if info.ispkg and info.name not in NOT_MODEL:
            yield importlib.import_module(f"lambdanet_edu.{info.name}")


def entry_points() -> dict[str, Callable[..., Any]]:
    """``module.name`` -> every class and function a public ``__all__`` exports."""
    found: dict[str, Callable[..., Any]] = {}
    seen: set[int] = set()
    for module in _modules():
        for name in module.__all__:
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)) or id(obj) in seen:
                continue  # constants and type aliases; each callable once
            seen.add(id(obj))
            found[f"{module.__name__}.{name}"] = obj
    return found


ENTRY_POINTS = entry_points()
FUZZED = sorted(name for name in ENTRY_POINTS if name not in EXEMPT)


def test_every_public_callable_is_fuzzed() -> None:
    """A new public class or function is fuzzed below as soon as it is exported, or named in
    ``EXEMPT`` with a reason; an exemption for a name that is gone fails too."""
    assert FUZZED, "no entry points found"
    for name in ENTRY_POINTS:
        assert name in FUZZED or name in EXEMPT, name
        inspect.signature(ENTRY_POINTS[name])  # each can be called by parameter name
    assert not set(EXEMPT) - set(ENTRY_POINTS), "EXEMPT names a callable that is gone"
    # The subpackages are walked too, not only the top level.
    assert any(n.startswith("lambdanet_edu.pictures.") for n in FUZZED)
    assert any(n.startswith("lambdanet_edu.scaling.") for n in FUZZED)


class _OddFloat(float):
    # Lies rather than raises: Hypothesis itself prints the values it reports. A repr that
    # raises is in tests/test_hostile_reproducers.py.
    def __repr__(self) -> str:
        return "not a float"


class _LyingInt(int):
    def __repr__(self) -> str:
        return "7"


def _deep(depth: int) -> list[object]:
    nested: list[object] = []
    for _ in range(depth):
        nested = [nested]
    return nested


ODD_STRINGS = [
    "", " ", "\u00b2", "\u0665\u0664\u0663\u0662", "10.0.0.9:\u0665\u0664\u0663\u0662",
    "s3:\u00b2", "idle \u00b2", "\x00", "a\x00b", "\ud800", "\u200f", "\u202eabc", "\u200b",
    "\x1b[31m", "x" * 5_000, "10.0.0.0/8", "0.0.0.0/0", "10.0.2.15", "10.0.2.15:5432",
    "internet", "s3", "create", "idle 14", "all", "tcp", "inbound", "outbound", "2023",
    "pre-2023", "mysql", "hyperplane", "legacy", "subnet-private-a", "sg-lambda", "api",
    "eu-west-1", "123456789012",
]
NUMBERS = [
    # 10**4000, not 10**5000: Hypothesis prints the values it reports, and str() stops at 4300
    # digits (the reproducers' table has the larger one).
    0, 1, -1, 2, 443, 65_535, 65_536, 10**6, 10**18, -(10**18), 2**63, 10**100, 10**4000,
    0.0, -0.0, 0.5, 1e308, -1e308, 5e-324, math.inf, -math.inf, math.nan, Fraction(1, 3),
    Fraction(10**40, 3), True, False, 1j, _OddFloat(0.25), _LyingInt(12),
]
WRONG_TYPES = [None, object(), b"bytes", bytearray(b"x"), Ellipsis, type, print,
               IPv4Address("10.0.0.1")]


def _plausible() -> list[Callable[[], object]]:
    """Valid values, built fresh per draw, so calls get past the first check."""
    vpc = starter_vpc()
    api = LambdaFunction("api", ["subnet-private-a"], ["sg-lambda"])
    subnet = Subnet("subnet-private-a", "10.0.2.0/24")
    return [
        lambda: vpc, lambda: api, lambda: subnet, lambda: [api], lambda: [subnet],
        lambda: [subnet, subnet], lambda: {"api": 5}, lambda: {"api": 10**18},
        lambda: {"subnet-private-a": 3}, lambda: [5, 7, 9], lambda: [0] * 100,
        lambda: ["create", "eni_ready", "invoke"], lambda: (1024, 65535), lambda: [443, 443],
        lambda: IPv4Network("10.0.2.0/24"), lambda: {"api": [1, 2], "b": 3},
    ]


def _odd_containers(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.lists(inner, max_size=4).map(lambda xs: iter(xs)),  # a generator, used once
        st.lists(st.sampled_from([*ODD_STRINGS, 1, 2]), max_size=4).map(set),
        st.dictionaries(st.sampled_from(ODD_STRINGS), inner, max_size=3),
        st.sampled_from([IPv4Network("10.0.0.0/8"), IPv4Network("0.0.0.0/0")]),
        st.just(range(10**20)),
        st.integers(min_value=1, max_value=3_000).map(_deep),
        st.just(frozenset()),
        st.just({}),
    )


PLAUSIBLE = _plausible()
SCALARS = st.one_of(st.sampled_from(ODD_STRINGS), st.sampled_from(NUMBERS),
                    st.sampled_from(WRONG_TYPES), st.text(max_size=12), st.integers())
VALUES = st.recursive(
    st.one_of(SCALARS, st.sampled_from(PLAUSIBLE).map(lambda make: make())),
    _odd_containers, max_leaves=8)


def _call_bounded(fn: Callable[..., Any], args: list[object], kwargs: dict[str, object]) -> None:
    """Call ``fn`` in a daemon thread; fail if it raises anything but LambdaNetError or if it
    is still running after LIMIT_S (the thread is then abandoned, not killed)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            fn(*args, **kwargs)
        except BaseException as err:  # the outcome is judged below
            outcome.append(err)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(LIMIT_S)
    assert not worker.is_alive(), f"{fn.__qualname__} still running after {LIMIT_S} s"
    err = outcome[0]
    if err is not None and not isinstance(err, LambdaNetError):
        raise AssertionError(f"{fn.__qualname__} raised {type(err).__name__}: {err!r:.300}") \
            from err


@pytest.mark.parametrize("name", FUZZED)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_input_raises_only_lambdaneterror(name: str, data: st.DataObject) -> None:
    fn = ENTRY_POINTS[name]
    args: list[object] = []
    kwargs: dict[str, object] = {}
    params = list(inspect.signature(fn).parameters.values())
    if inspect.isclass(fn) and issubclass(fn, enum.Enum):
        params = params[:1]  # Enum's other parameters create a new enum (the functional API)
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        required = param.default is param.empty
        if not required and not data.draw(st.booleans(), label=f"give {param.name}"):
            continue
        value = data.draw(VALUES, label=param.name)
        if param.kind is param.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[param.name] = value
    _call_bounded(fn, args, kwargs)
