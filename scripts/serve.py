"""Serve the built site on this machine with the headers its exercises need.

Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which lets a Stop button
interrupt Python running in a worker. The headers come from the ``_headers`` file the build
writes (hooks/security.py: Content-Security-Policy, framing, isolation), so what is served here
is what a host would send. Standard library only; for local use, not production.

Usage: python scripts/serve.py [DIRECTORY] [--port 8000] [--host 127.0.0.1] [--no-isolation]

``--no-isolation`` serves like a static host that cannot set headers (GitHub Pages): the
exercises still work, and Stop restarts Python instead of interrupting it; only the policy in
each page's ``<meta http-equiv="Content-Security-Policy">`` applies.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

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


#: Build outputs for the host's configuration, not for browsers.
PRIVATE = ("/_headers", "/security/")
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


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files plus the headers the build wrote for them."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    isolation = True

    def send_head(self):  # noqa: ANN201 - the base class's signature
        if self.path.split("?")[0].startswith(PRIVATE):
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self) -> None:
        path = self.path.split("?")[0].split("#")[0]
        rules_file = Path(self.directory) / "_headers"
        if not self.isolation:  # like GitHub Pages: no headers of ours; the meta policy applies
            headers = {"X-Content-Type-Options": "nosniff"}
        elif rules_file.exists():
            # A file added after the build has no rule: it gets the isolation headers alone.
            headers = headers_for(read_rules(rules_file), path) or dict(HEADERS)
        else:
            headers = dict(HEADERS)
            if path in CROSS_ORIGIN:
                headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if "-v" in sys.argv:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that drops a download (Stop while Python starts, a closed page) is normal.
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return
        super().handle_error(request, client_address)


def make_server(directory: str, host: str = "127.0.0.1", port: int = 8000, *,
                isolation: bool = True) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``; port 0 picks a free one (read it from ``server_address``)."""
    handler_class = type("Handler", (Handler,), {"isolation": isolation})
    handler = functools.partial(handler_class, directory=directory)
    return _Server((host, port), handler)


def start(directory: str, port: int = 0, *, isolation: bool = True) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` on loopback from a background thread (the tests' server)."""
    server = make_server(directory, port=port, isolation=isolation)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-isolation", action="store_true",
                        help="send no COOP/COEP/CORP headers, like a plain static host")
    parser.add_argument("-v", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    with make_server(args.directory, args.host, args.port, isolation=not args.no_isolation) as server:
        host, port = server.server_address[:2]
        print(f"Serving {args.directory}/ at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
