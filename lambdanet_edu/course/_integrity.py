"""What learner code must not change, and putting it back: the grader's fingerprints.

The browser keeps one Python for a whole visit, so anything a learner's code changes outside its
own namespace (``builtins.len``, ``json.dumps``, the grader's own helpers, a number in
:mod:`lambdanet_edu.facts`, a ``sys.settrace`` hook) would otherwise stay changed for every later
check of every exercise. :class:`Guard` fingerprints that state once, before any learner code has
run, and after each grading lists what differs and puts it back.

Two kinds of state:

* the course's code and what it is built from: every ``lambdanet_edu`` module, the standard
  modules they and the grader use, and ``builtins``. Compared with the fingerprint taken before
  the first grading: the identity of every module attribute and of every attribute of the
  classes those modules define, each function's code and defaults, and the contents of the
  module-level lists and dicts of the course and of ``copy`` and ``json``. (The built-in
  types' own dicts cannot be changed without reaching into the garbage collector; they are not
  compared.)
* the interpreter's hooks: the trace and profile functions, ``sys.monitoring`` tools, the
  recursion and int-to-str limits, ``sys.stdout`` and friends, ``gc.callbacks``, the import
  hooks, the SIGINT handler. Compared with their values when the grading started (a debugger
  or a coverage tool may have set them; they stay), and reset to those.

A Python-level guard can always be undone by code that sets out to (it can reach the guard
itself through the garbage collector); the aim is that ordinary monkey-patching, by accident or
on purpose, never changes another exercise's result. What cannot be put back in place (an audit
hook) is reported as such: the browser then starts a new Python, and
CPython callers are told to.

Examples:
    >>> import json
    >>> guard = Guard()
    >>> guard.differences()
    []
    >>> original = json.dumps
    >>> json.dumps = len
    >>> guard.differences()
    ['json.dumps']
    >>> guard.restore()
    ['json.dumps']
    >>> json.dumps is original
    True
"""

from __future__ import annotations

import builtins
import contextlib
import gc
import operator
import signal
import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["Guard", "Hooks"]

_PACKAGE = "lambdanet_edu"
#: Standard modules the grader itself relies on (the model's own imports are found by looking).
_STANDARD = ("builtins", "copy", "json", "json.decoder", "json.encoder", "json.scanner", "random",
             "os", "posixpath", "io", "contextlib", "traceback", "threading", "signal", "types",
             "dataclasses", "functools", "typing", "ipaddress", "math", "re", "enum", "hashlib")
#: Modules whose own bookkeeping changes as Python imports (never compared).
_SKIPPED = ("__future__", "_frozen_importlib", "_frozen_importlib_external", "importlib",
            "__main__", "sys", "linecache")
#: Standard modules whose classes, function code and module-level containers are compared too,
#: as the course's own are (of the others, each module attribute's identity only: cheaper).
_DEEP = ("copy", "json", "json.decoder", "json.encoder", "random", "ipaddress")
#: sys functions and tables the grader uses, compared by identity (the rest of sys is the
#: interpreter's business: last_exc, ps1...).
_SYS_NAMES = ("settrace", "setprofile", "gettrace", "getprofile", "setrecursionlimit",
              "getrecursionlimit", "modules", "meta_path", "path_hooks", "path_importer_cache",
              "exc_info", "exception", "audit", "addaudithook", "intern", "getsizeof")
_MISSING = object()
#: Names Python itself rebinds: ``builtins._`` holds the last value shown at a prompt.
_VOLATILE = frozenset({"_"})
_MONITORING_TOOLS = range(6)


def _protected(name: str) -> bool:
    return name == _PACKAGE or name.startswith(_PACKAGE + ".")


def _module_names() -> list[str]:
    """The modules to fingerprint: the package's, those it uses, and the grader's."""
    names = {n for n in list(sys.modules) if _protected(n)}
    for name in sorted(names):
        for value in list(vars(sys.modules[name]).values()):
            if isinstance(value, types.ModuleType):
                names.add(value.__name__)
                continue
            owner = getattr(value, "__module__", None) if callable(value) else None
            if isinstance(owner, str) and owner in sys.modules:
                names.add(owner)
    names.update(n for n in _STANDARD if n in sys.modules)
    return sorted(n for n in names
                  if not any(n == s or n.startswith(s + ".") for s in _SKIPPED)
                  and isinstance(sys.modules.get(n), types.ModuleType))


def _functions_in(namespace: dict[str, Any]) -> list[types.FunctionType]:
    found: list[types.FunctionType] = []
    for value in namespace.values():
        if isinstance(value, staticmethod | classmethod):
            value = value.__func__
        if isinstance(value, property):
            found.extend(f for f in (value.fget, value.fset, value.fdel)
                         if isinstance(f, types.FunctionType))
        elif isinstance(value, types.FunctionType):
            found.append(value)
    return found


class Hooks:
    """The interpreter's hooks and limits at one moment; :meth:`put_back` resets them.

    Examples:
        >>> before = Hooks()
        >>> sys.setrecursionlimit(900)
        >>> before.differences(Hooks())
        ['sys.setrecursionlimit']
        >>> before.put_back()
        >>> before.differences(Hooks())
        []
    """

    def __init__(self) -> None:
        monitoring = getattr(sys, "monitoring", None)
        self.values: dict[str, Any] = {
            "sys.settrace": sys.gettrace(),
            "sys.setprofile": sys.getprofile(),
            "sys.setrecursionlimit": sys.getrecursionlimit(),
            "sys.set_int_max_str_digits": getattr(sys, "get_int_max_str_digits", lambda: None)(),
            "sys.setswitchinterval": sys.getswitchinterval(),
            "sys.stdout": sys.stdout, "sys.stderr": sys.stderr, "sys.stdin": sys.stdin,
            "sys.displayhook": sys.displayhook, "sys.excepthook": sys.excepthook,
            "sys.unraisablehook": sys.unraisablehook, "sys.breakpointhook": sys.breakpointhook,
            "sys.set_asyncgen_hooks": tuple(sys.get_asyncgen_hooks()),
            "sys.meta_path": tuple(sys.meta_path), "sys.path_hooks": tuple(sys.path_hooks),
            "gc.callbacks": tuple(gc.callbacks),
            "signal.SIGINT": signal.getsignal(signal.SIGINT),
            "sys.monitoring": tuple(monitoring.get_tool(i) for i in _MONITORING_TOOLS)
            if monitoring is not None else None,
        }

    def differences(self, now: Hooks) -> list[str]:
        """The names of the hooks that differ in ``now``."""
        return [k for k, v in self.values.items() if not _same_hook(v, now.values[k])]

    def put_back(self) -> None:
        """Resets every hook to its value here (each one alone: one failure stops no other)."""
        v = self.values
        setters: list[tuple[Callable[..., Any], Any]] = [
            (sys.settrace, v["sys.settrace"]), (sys.setprofile, v["sys.setprofile"]),
            (sys.setrecursionlimit, v["sys.setrecursionlimit"]),
            (sys.setswitchinterval, v["sys.setswitchinterval"]),
        ]
        if v["sys.set_int_max_str_digits"] is not None:
            setters.append((sys.set_int_max_str_digits, v["sys.set_int_max_str_digits"]))
        for setter, value in setters:
            try:
                setter(value)
            except Exception:
                continue
        for name in ("stdout", "stderr", "stdin", "displayhook", "excepthook", "unraisablehook",
                     "breakpointhook"):
            setattr(sys, name, v[f"sys.{name}"])
        first, last = v["sys.set_asyncgen_hooks"]
        sys.set_asyncgen_hooks(first, last)
        sys.meta_path[:] = v["sys.meta_path"]
        sys.path_hooks[:] = v["sys.path_hooks"]
        gc.callbacks[:] = v["gc.callbacks"]
        # Not the main thread, or a handler set outside Python: nothing to put back.
        with contextlib.suppress(ValueError, TypeError, OSError):
            signal.signal(signal.SIGINT, v["signal.SIGINT"])
        monitoring = getattr(sys, "monitoring", None)
        if monitoring is not None and v["sys.monitoring"] is not None:
            for tool, owner in zip(_MONITORING_TOOLS, v["sys.monitoring"], strict=True):
                if monitoring.get_tool(tool) != owner:
                    _free_tool(monitoring, tool, owner)


def _free_tool(monitoring: Any, tool: int, owner: str | None) -> None:
    try:
        monitoring.set_events(tool, 0)
        for event in vars(monitoring.events).values():
            if isinstance(event, int) and event and not event & (event - 1):
                monitoring.register_callback(tool, event, None)
        monitoring.free_tool_id(tool)
        if owner is not None:
            monitoring.use_tool_id(tool, owner)
    except Exception:
        pass


def _same_hook(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same_hook(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float | str) and isinstance(b, int | float | str):
        return type(a) is type(b) and a == b
    if isinstance(a, types.MethodType) and isinstance(b, types.MethodType):
        return a.__func__ is b.__func__ and a.__self__ is b.__self__  # a fresh object per read
    return a is b


class Guard:
    """A fingerprint of the course's code and what it relies on, taken when created.

    Create it before any learner code runs; :meth:`differences` lists what changed since, by
    dotted name, and :meth:`restore` puts it back (``False`` when some of it cannot be).
    :meth:`adopt` adds modules imported since (by a reference solution, say).
    """

    def __init__(self) -> None:
        self.modules: dict[str, tuple[types.ModuleType, dict[str, Any]]] = {}
        self.classes: dict[str, tuple[type, dict[str, Any]]] = {}
        self.functions: dict[str, tuple[types.FunctionType, tuple[Any, Any, Any]]] = {}
        self.containers: dict[str, tuple[Any, Any]] = {}
        self.sys_names = {n: vars(sys).get(n, _MISSING) for n in _SYS_NAMES}
        self.objects: dict[int, tuple[Any, dict[str, Any]]] = {}
        self.audit_hook_added = False
        self.code_touched = False
        self.module_count = 0
        self.broken = False
        #: Set by an entry point that has just restored, so grade() need not do it again.
        self.fresh = False
        # Audit events since the last clear_events(), by name (with the first one's arguments):
        # dict.setdefault is the hook, so the many events of ordinary code (copy.deepcopy
        # audits every id() it takes) cost no Python call. Two of them matter: an audit hook
        # added (it cannot be removed, and sees every later run) and a function's code or
        # defaults replaced (which spares reading every function's code after each run).
        self.events: dict[str, Any] = {}
        sys.addaudithook(self.events.setdefault)
        self.adopt()
        own = vars(sys.modules[__name__])
        self.first = (("builtins.", vars(builtins), dict(vars(builtins))),
                      (f"{__name__}.", own, dict(own)))

    def adopt(self) -> None:
        """Fingerprints every module to protect that is not fingerprinted yet (as it is now)."""
        if len(sys.modules) == self.module_count:
            return  # nothing was imported since the last look
        self.module_count = len(sys.modules)
        for name in _module_names():
            if name in self.modules:
                continue
            module = sys.modules[name]
            namespace = vars(module)
            self.modules[name] = (module, dict(namespace))
            if not (_protected(name) or name in _DEEP):
                continue
            for key, value in list(namespace.items()):
                where = f"{name}.{key}"
                if isinstance(value, type) and value.__module__ == name:
                    self.classes[where] = (value, dict(vars(value)))
                    for f in _functions_in(dict(vars(value))):
                        self.functions[f"{where}.{f.__name__}"] = (f, _function_state(f))
                elif type(value) in (list, dict) and key != "__builtins__":
                    self.containers[where] = (value, value.copy())
            for f in _functions_in(dict(namespace)):
                if f.__module__ == name:
                    self.functions.setdefault(f"{name}.{f.__name__}", (f, _function_state(f)))

    def clear_events(self) -> None:
        """Forgets the audit events so far (code that ran outside a check is not the learner's)."""
        self.events.clear()

    def differences(self) -> list[str]:
        """What differs from the fingerprint, by dotted name, in a stable order."""
        found: list[str] = []
        if "sys.addaudithook" in self.events:
            self.audit_hook_added = True
        if "object.__setattr__" in self.events:  # on a function or a class: compare the code
            self.code_touched = True
        for name, (module, saved) in self.modules.items():
            if sys.modules.get(name) is not module:
                found.append(f"sys.modules[{name!r}]")
            if not _same_items(vars(module), saved):
                found.extend(f"{name}.{key}" for key in _changed_keys(vars(module), saved, name))
        for name, (cls, saved) in self.classes.items():
            if not _same_items(vars(cls), saved):
                found.extend(f"{name}.{key}" for key in _changed_keys(dict(vars(cls)), saved, ""))
        if self.code_touched:  # some function's code or defaults may have been replaced
            found.extend(name for name, (func, state) in self.functions.items()
                         if not _same_state(_function_state(func), state))
        for name, (value, saved) in self.containers.items():
            if not _same_contents(value, saved):
                found.append(name)
        for obj, slots in self.objects.values():
            if any(getattr(obj, n, _MISSING) is not v for n, v in slots.items()):
                found.append(f"{type(obj).__name__} {getattr(obj, 'id', '')}".rstrip())
        found.extend(f"sys.{n}" for n, v in self.sys_names.items()
                     if vars(sys).get(n, _MISSING) is not v)
        if self.audit_hook_added:
            found.append("sys.addaudithook")
        return list(dict.fromkeys(found))

    def watch(self, objects: list[Any]) -> None:
        """Also fingerprints the slots of ``objects`` (frozen dataclasses such as exercises)."""
        for obj in objects:
            names = [n for c in type(obj).__mro__ for n in getattr(c, "__slots__", ())]
            self.objects[id(obj)] = (obj, {n: getattr(obj, n, _MISSING) for n in names})

    def restore(self) -> list[str]:
        """Puts every fingerprinted value back. -> what differed, by dotted name.

        ``builtins`` and this module come first, by dict methods alone, since everything after
        calls built-in functions a learner may have replaced. A value taken out may run a
        ``__del__`` of the learner's; what is taken out is kept until the end and the check is
        repeated, so such code cannot undo the restoration behind it. :attr:`broken` says
        whether something could not be put back.
        """
        changed: list[str] = []
        first_kept: list[Any] = []
        for prefix, namespace, saved in self.first:
            if namespace == saved:  # by identity first, in C: no value of the learner's compared
                continue
            for key in namespace.keys() - saved.keys():
                if key not in _VOLATILE:
                    changed.append(prefix + key)
                    first_kept.append(namespace.pop(key))
            for key, value in saved.items():
                if key not in _VOLATILE and namespace.get(key, _MISSING) is not value:
                    changed.append(prefix + key)
                    first_kept.append(namespace.get(key))
                    namespace[key] = value
        for _ in range(3):
            left = self.differences()
            if not left:
                self.broken = False
                self.code_touched = False
                self.events.clear()
                return list(dict.fromkeys(changed))
            changed.extend(left)
            kept: list[Any] = [first_kept]
            for name, (module, saved) in self.modules.items():
                sys.modules[name] = module
                kept.extend(_put_back(vars(module), saved, name))
            for name in [n for n in sys.modules if _protected(n) and n not in self.modules]:
                kept.append(sys.modules.pop(name))  # first imported by learner code: import anew
            for cls, saved in self.classes.values():
                kept.extend(_put_back_class(cls, saved))
            for func, state in self.functions.values() if self.code_touched else ():
                if not _same_state(_function_state(func), state):
                    func.__code__, func.__defaults__, func.__kwdefaults__ = state
            for value, saved in self.containers.values():
                if not _same_contents(value, saved):
                    kept.append(value.copy())
                    value.clear()
                    if isinstance(value, list):
                        value.extend(saved)
                    else:
                        value.update(saved)
            for obj, slots in self.objects.values():
                for slot, value in slots.items():
                    if getattr(obj, slot, _MISSING) is not value and value is not _MISSING:
                        object.__setattr__(obj, slot, value)
            for n, v in self.sys_names.items():
                if vars(sys).get(n, _MISSING) is not v and v is not _MISSING:
                    kept.append(vars(sys).get(n))
                    setattr(sys, n, v)
            del kept
            first_kept = []
        self.broken = bool(self.differences())
        return list(dict.fromkeys(changed))


def _function_state(f: types.FunctionType) -> tuple[Any, Any, Any]:
    return (f.__code__, f.__defaults__, f.__kwdefaults__)


def _code_of(f: types.FunctionType) -> Any:
    return f.__code__


def _changed_keys(now: dict[str, Any], saved: dict[str, Any], module: str) -> list[str]:
    changed = [k for k, v in saved.items()
               if now.get(k, _MISSING) is not v and not (module == "builtins" and k in _VOLATILE)]
    for k, v in now.items():
        if k in saved or (module == "builtins" and k in _VOLATILE):
            continue
        # Importing a submodule binds it in its package: that is Python's bookkeeping.
        if isinstance(v, types.ModuleType) and v.__name__ == f"{module}.{k}":
            continue
        changed.append(k)
    return changed


def _put_back(namespace: dict[str, Any], saved: dict[str, Any], module: str) -> list[Any]:
    kept = []
    for key in _changed_keys(namespace, saved, module):
        kept.append(namespace.get(key))
        if key in saved:
            namespace[key] = saved[key]
        else:
            del namespace[key]
    return kept


def _put_back_class(cls: type, saved: dict[str, Any]) -> list[Any]:
    kept = []
    for key in _changed_keys(dict(vars(cls)), saved, ""):
        kept.append(vars(cls).get(key))
        try:  # type's own setattr: an Enum's metaclass refuses to rebind a member
            if key in saved:
                type.__setattr__(cls, key, saved[key])
            else:
                type.__delattr__(cls, key)
        except (TypeError, AttributeError):
            continue
    return kept


def _same_items(now: Any, saved: dict[str, Any]) -> bool:
    """The fast path, in C: the same keys and values, by identity and in the same order (a key
    deleted and added again counts as a change; the slow path then names what changed)."""
    return (len(now) == len(saved) and all(map(operator.is_, now.keys(), saved.keys()))
            and all(map(operator.is_, now.values(), saved.values())))


def _same_state(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return all(x is y for x, y in zip(a, b, strict=True))


def _same_contents(value: Any, saved: Any) -> bool:
    # By identity, in order: comparing with == would run the __eq__ of whatever was put there.
    if isinstance(value, dict):
        return _same_items(value, saved)
    return len(value) == len(saved) and all(map(operator.is_, value, saved))


