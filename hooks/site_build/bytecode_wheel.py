"""The model's wheel for the browser: its modules as bytecode for Pyodide's own Python.

Importing ``lambdanet_edu.course`` in Pyodide spent most of its time compiling the package's
source (0.56-0.88 s under Node, against 0.33-0.41 s from bytecode, measured): a learner's first
result waited for it. Pyodide ships its own standard library the same way, bytecode without
source. Bytecode is only read by the Python that wrote it, so this module runs inside the pinned
Pyodide (``bytecode_wheel.mjs`` starts it under Node at build time); the wheel it writes carries
that Python's tag (``cp314-none-any``). The source wheel stays the one ``pip install`` gets.

Each ``.py`` becomes a ``.pyc`` beside where it was (Python imports those when there is no
source), compiled with docstrings and asserts kept, named for the path it is installed at (what
a traceback shows), and stamped with its source's hash (PEP 552, unchecked). The zip is
byte-reproducible: a fixed date, sorted names, the ``.dist-info`` last with a fresh ``RECORD``.

Examples:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> source = folder / "demo-1.0-py3-none-any.whl"
    >>> with zipfile.ZipFile(source, "w") as w:
    ...     w.writestr("demo/__init__.py", "'''Doc.'''\\nANSWER = 42\\n")
    ...     w.writestr("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nTag: py3-none-any\\n")
    ...     w.writestr("demo-1.0.dist-info/RECORD", "stale\\n")
    >>> name = write_bytecode_wheel(source, folder / "out", "/lib/site-packages")
    >>> name == f"demo-1.0-{python_tag()}-none-any.whl"
    True
    >>> built = zipfile.ZipFile(folder / "out" / name)
    >>> built.namelist()
    ['demo/__init__.pyc', 'demo-1.0.dist-info/WHEEL', 'demo-1.0.dist-info/RECORD']
    >>> module = {}
    >>> exec(marshal.loads(built.read("demo/__init__.pyc")[16:]), module)
    >>> module["ANSWER"], module["__doc__"]
    (42, 'Doc.')
    >>> built.read("demo-1.0.dist-info/RECORD").decode().splitlines()[-1]
    'demo-1.0.dist-info/RECORD,,'
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import marshal
import sys
import zipfile
from pathlib import Path

__all__ = ["bytecode", "python_tag", "write_bytecode_wheel"]

#: PEP 552 flags: hash-based, not checked against a source (there is none to check).
_UNCHECKED_HASH = 0b01
_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same bytes on every build


def python_tag() -> str:
    """This Python's wheel tag, e.g. ``cp314``."""
    return f"cp{sys.version_info.major}{sys.version_info.minor}"


def bytecode(source: bytes, filename: str) -> bytes:
    """A ``.pyc`` file's bytes for ``source``, its code named ``filename``.

    >>> data = bytecode(b"X = 1\\n", "/lib/x.py")
    >>> data[:4] == importlib.util.MAGIC_NUMBER, marshal.loads(data[16:]).co_filename
    (True, '/lib/x.py')
    """
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return (importlib.util.MAGIC_NUMBER + _UNCHECKED_HASH.to_bytes(4, "little")
            + importlib.util.source_hash(source) + marshal.dumps(code))


def write_bytecode_wheel(source: Path, out: Path, purelib: str) -> str:
    """Write ``source``'s bytecode twin into ``out`` for a Python whose ``purelib`` it is
    installed under; -> the new wheel's file name."""
    stem, _, tags = source.name.removesuffix(".whl").rpartition("-py3-")
    if tags != "none-any":
        raise ValueError(f"{source.name}: expected a pure-Python py3-none-any wheel")
    tag = python_tag()
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as wheel:
        info = next(n.rpartition("/")[0] for n in wheel.namelist()
                    if n.endswith(".dist-info/WHEEL"))
        for name in wheel.namelist():
            data = wheel.read(name)
            if name.endswith(".py"):
                files[name + "c"] = bytecode(data, f"{purelib}/{name}")
            elif name == f"{info}/WHEEL":
                files[name] = data.replace(b"Tag: py3-none-any", f"Tag: {tag}-none-any".encode())
            elif name != f"{info}/RECORD":
                files[name] = data
    names = sorted(files, key=lambda n: (n.startswith(f"{info}/"), n))
    record = "".join(f"{n},sha256={_b64(hashlib.sha256(files[n]).digest())},{len(files[n])}\n"
                     for n in names) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as built:
        for name in [*names, f"{info}/RECORD"]:
            entry = zipfile.ZipInfo(name, date_time=_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            built.writestr(entry, files[name], compresslevel=9)
    out.mkdir(parents=True, exist_ok=True)
    name = f"{stem}-{tag}-none-any.whl"
    (out / name).write_bytes(buffer.getvalue())
    return name


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
