"""Serve the built site on this machine with the headers its exercises need.

Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which lets a Stop button
interrupt Python running in a worker. The headers come from the ``_headers`` file the build
writes (hooks/security.py: Content-Security-Policy, framing, isolation), so what is served here
is what a host would send. Standard library only.

For local use: it is not a production web server. Deploy the built folder with a real one and
the header files the build writes for it (README, "Deploying to a static host").

Usage: python scripts/serve.py [DIRECTORY] [--port 8000] [--host 127.0.0.1] [--no-isolation]
       [--timeout SECONDS] [--max-connections N] [-v]

``--no-isolation`` serves like a static host that cannot set headers (GitHub Pages): the
exercises still work, and Stop restarts Python instead of interrupting it; only the policy in
each page's ``<meta http-equiv="Content-Security-Policy">`` applies.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import http.server
import os
import sys
import threading
import urllib.parse
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

#: Sent when the directory has no ``_headers`` file (a site built without hooks/security.py).
HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
# Scripts other sites include: the listener that sizes embedded quizzes and exercises.
CROSS_ORIGIN = {"/assets/ln/embed-host.js"}
# Browsers refuse module scripts and streaming WebAssembly served with the wrong type.
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

#: What is sent gzip-compressed to a browser that accepts it (a host compresses these too; the
#: wheel and Python's standard library are zip files already).
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".xml",
                          ".txt", ".map", ".py", ".ipynb"})
#: Files above this size are sent as they are (none in the built site comes close).
COMPRESS_LIMIT = 64 * 1024 * 1024

#: Build outputs for the host's configuration, not for browsers: the top-level names refused
#: (compared case-insensitively, for file systems that ignore case).
PRIVATE = frozenset({"_headers", "security"})
#: Seconds a connection may stay silent (or stalled while receiving) before it is closed.
TIMEOUT = 30.0
#: Connections served at once, one thread each; later ones wait in the listen queue.
MAX_CONNECTIONS = 64

_rules: dict[str, tuple[float, list[tuple[str, dict[str, str]]]]] = {}


def read_rules(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The (pattern, headers) rules of a Netlify-style ``_headers`` file (cached by mtime)."""
    mtime = path.stat().st_mtime
    cached = _rules.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    rules: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    _rules[str(path)] = (mtime, rules)
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """Every matching rule's headers: ``/a/*`` matches below ``/a/``, others match exactly."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found.update(headers)
    return found


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's gzip bytes, kept while the file is unchanged (keyed by its stat)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (not refused with ``q=0``).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1, gzip;q=0"), accepts_gzip(None)
    (True, False, False)
    """
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            params = params.strip()
            q = params.removeprefix("q=").strip() if params.startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


def locate(root: str | Path, target: str) -> tuple[str, Path | None]:
    """Where a request target points: its decoded, normalised URL path and the file to send.

    The one place a request's path is read: the file served and the header rules applied both
    follow from this answer, so no spelling of a path (``%5F``, ``%2F``, ``./``, ``../``, ``//``)
    can reach a file under one name and its headers under another. The file is None when nothing
    may be sent: missing, private (``PRIVATE``), or outside ``root`` (``..`` stops at the top; a
    symbolic link is followed and must stay inside). A folder named with its trailing slash gives
    its ``index.html``; without it, the folder itself (the caller redirects).

    Raises:
        ValueError: the target is not a path (no leading ``/``, a control character such as NUL
            once decoded, or ``%`` escapes that are not UTF-8).

    >>> locate("/srv/none", "/a/%2e%2e/b//c%2Fd?x=1")
    ('/b/c/d', None)
    """
    raw = target.split("?", 1)[0].split("#", 1)[0]
    if not raw.startswith("/"):
        raise ValueError(f"not a path: {target[:80]!r}")
    decoded = urllib.parse.unquote(raw, errors="strict")
    if any(ord(char) < 0x20 or char == "\x7f" for char in decoded):
        raise ValueError(f"control character in path: {target[:80]!r}")
    segments = decoded.split("/")
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    folder = segments[-1] in ("", ".", "..")
    path = "/" + "/".join(kept) + ("/" if kept and folder else "")
    if kept and kept[0].casefold() in PRIVATE:
        return path, None
    base = Path(os.path.realpath(root))
    try:
        found = Path(os.path.realpath(base.joinpath(*kept)))  # follows every symbolic link
        if found.is_dir():
            if not folder:  # the caller redirects to the name with its slash
                return path, found if _inside(base, found) else None
            found = Path(os.path.realpath(found / "index.html"))
        elif folder:  # a file named as a folder ("/index.html/"), as other servers refuse it
            return path, None
        sendable = found.is_file() and _inside(base, found)
    except OSError:  # a name too long, a link loop: nothing to send either way
        sendable = False
    return path, found if sendable else None


def _inside(base: Path, found: Path) -> bool:
    """``found`` is in ``base`` and not one of its private files (after links are followed)."""
    if not found.is_relative_to(base):
        return False
    parts = found.relative_to(base).parts
    return not parts or parts[0].casefold() not in PRIVATE


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files plus the headers the build wrote for them."""

    # typeshed declares it per instance, so ClassVar (RUF012) would fail mypy.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}  # noqa: RUF012
    isolation = True
    verbose = False
    # An error about a request line with no readable version is answered as HTTP/1.0, with a
    # status line, rather than as HTTP/0.9 (a bare body nothing can tell from a page).
    default_request_version = "HTTP/1.0"
    timeout = TIMEOUT  # StreamRequestHandler sets it on the connection's socket
    # What locate() made of this request's path. None until a request line is understood: an
    # error about the line itself is sent before any path exists.
    site_path: str | None = None
    site_file: Path | None = None

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        try:
            self.site_path, self.site_file = locate(self.directory, self.path)
        except ValueError:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request path")
            return False
        return True

    def send_head(self) -> BytesIO | BinaryIO | None:
        if self.site_file is None or self.site_path is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if self.site_file.is_dir():  # a folder named without its slash, like any static host
            query = urllib.parse.urlsplit(self.path).query
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", urllib.parse.quote(self.site_path + "/")
                             + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.site_file.suffix.lower() in COMPRESSIBLE:
            stat = self.site_file.stat()
            if stat.st_size <= COMPRESS_LIMIT and accepts_gzip(self.headers.get("Accept-Encoding")):
                return self._send_gzipped(stat)
        return super().send_head()

    def _send_gzipped(self, stat: os.stat_result) -> BytesIO | None:
        """The file compressed, with the validators the base class sends (304 when unchanged)."""
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                when = email.utils.parsedate_to_datetime(since)
                if when.tzinfo is not None and int(stat.st_mtime) <= when.timestamp():
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
        assert self.site_file is not None
        body = _gzipped(str(self.site_file), stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-type", self.guess_type(str(self.site_file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return BytesIO(body)

    def translate_path(self, path: str) -> str:
        # The base class's own reading of the path is never used: locate() decided.
        return str(self.site_file)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # Unreachable (locate() gives files only); a host lists no folders, so neither do we.
        self.send_error(HTTPStatus.NOT_FOUND)

    def end_headers(self) -> None:
        path = self.site_path
        rules_file = Path(self.directory) / "_headers"
        if not self.isolation:  # like GitHub Pages: no headers of ours; the meta policy applies
            headers = {"X-Content-Type-Options": "nosniff"}
        elif path is not None and rules_file.exists():
            # A file added after the build has no rule: it gets the isolation headers alone.
            headers = headers_for(read_rules(rules_file), path) or dict(HEADERS)
        else:
            headers = dict(HEADERS)
            if path in CROSS_ORIGIN:
                headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if self.verbose:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    """One thread per connection, at most ``max_connections`` at once."""

    request_queue_size = 128  # connections waiting for a thread wait here, not in memory

    def __init__(self, address: tuple[str, int], handler: Any, *, max_connections: int) -> None:
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Blocks the accept loop while every slot is taken; a slot frees within the timeout
        # of a silent connection, so the wait is bounded.
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a download (Stop while Python starts, a closed page) is normal,
        # and so is a connection closed for staying silent.
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError | TimeoutError):
            return
        super().handle_error(request, client_address)


def make_server(directory: str, host: str = "127.0.0.1", port: int = 8000, *,
                isolation: bool = True, timeout: float = TIMEOUT,
                max_connections: int = MAX_CONNECTIONS, verbose: bool = False,
                ) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``; port 0 picks a free one (read it from ``server_address``).

    ``timeout`` closes a connection silent for that many seconds; ``max_connections`` bounds the
    threads serving at once.
    """
    handler_class = type("Handler", (Handler,), {
        "isolation": isolation, "timeout": timeout, "verbose": verbose})
    handler = functools.partial(handler_class, directory=directory)
    return _Server((host, port), handler, max_connections=max_connections)


def start(directory: str, port: int = 0, *, isolation: bool = True, timeout: float = TIMEOUT,
          max_connections: int = MAX_CONNECTIONS) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` on loopback from a background thread (the tests' server)."""
    server = make_server(directory, port=port, isolation=isolation, timeout=timeout,
                         max_connections=max_connections)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-isolation", action="store_true",
                        help="send no COOP/COEP/CORP headers, like a plain static host")
    parser.add_argument("--timeout", type=float, default=TIMEOUT,
                        help=f"close a connection silent this many seconds (default {TIMEOUT:g})")
    parser.add_argument("--max-connections", type=int, default=MAX_CONNECTIONS,
                        help=f"connections served at once (default {MAX_CONNECTIONS})")
    parser.add_argument("-v", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.max_connections < 1:
        parser.error("--timeout must be above 0 and --max-connections at least 1")
    with make_server(args.directory, args.host, args.port, isolation=not args.no_isolation,
                     timeout=args.timeout, max_connections=args.max_connections,
                     verbose=args.v) as server:
        host, port = server.server_address[:2]
        if isinstance(host, bytes):  # only for address families this server never uses
            host = host.decode()
        print(f"Serving {args.directory}/ at http://{host}:{port}/ for local use (Ctrl+C stops)",
              flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
