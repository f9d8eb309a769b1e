"""The local server (scripts/serve.py) under hostile requests, sent over raw loopback sockets.

Each table holds requests the server once got wrong: no answer and a traceback for a malformed
request line, a private file or a file outside the site reached through another spelling of its
path, a page served without (or with another page's) CSP and framing headers, a silent
connection held open for ever, one thread per connection without bound.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import serve

TIMEOUT = 0.5  # the server's idle timeout here: every wait below stays under 2 s
SITE_CSP = "default-src 'self'; frame-ancestors 'self'"
EMBED_CSP = "default-src 'self'; frame-ancestors https:"
ISOLATION = {"Cross-Origin-Opener-Policy": "same-origin",
             "Cross-Origin-Embedder-Policy": "require-corp"}
# The headers each kind of page must get, as the build writes them for hosts.
SITE_PAGE = {**ISOLATION, "Cross-Origin-Resource-Policy": "same-origin",
             "Content-Security-Policy": SITE_CSP, "X-Frame-Options": "SAMEORIGIN"}
EMBED_PAGE = {**ISOLATION, "Cross-Origin-Resource-Policy": "cross-origin",
              "Content-Security-Policy": EMBED_CSP}
SECRETS = ("SECRET-HEADERS", "SECRET-NGINX", "SECRET-OUTSIDE")


def _rule(pattern: str, headers: dict[str, str]) -> str:
    return pattern + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small built site: pages, an asset, the host's files, and links that point astray."""
    top = tmp_path_factory.mktemp("served")
    root = top / "site"
    for page in ["index.html", "embed/index.html", "embed/quiz/q/index.html", "sub/page.html"]:
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text(f"<!doctype html><title>{page}</title>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "app.js").write_text("export const app = 1;\n", encoding="utf-8")
    (root / "_headers").write_text(
        "# SECRET-HEADERS\n"
        + "".join(_rule(p, SITE_PAGE) for p in ["/", "/index.html", "/embed/", "/embed/index.html"])
        + _rule("/embed/quiz/*", EMBED_PAGE) + _rule("/sub/*", SITE_PAGE)
        + _rule("/assets/*", {**ISOLATION, "Cross-Origin-Resource-Policy": "same-origin"}),
        encoding="utf-8")
    (root / "security").mkdir()
    (root / "security" / "nginx.conf").write_text("# SECRET-NGINX\n", encoding="utf-8")
    (top / "outside.txt").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    (top / "outside").mkdir()
    (top / "outside" / "index.html").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    (root / "leak-headers").symlink_to(root / "_headers")
    (root / "leak-config").symlink_to(root / "security")
    (root / "leak-outside").symlink_to(top / "outside.txt")
    (root / "leak-dir").symlink_to(top / "outside", target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def port(site: Path) -> Iterator[int]:
    server = serve.start(str(site), timeout=TIMEOUT)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@dataclass(frozen=True)
class Reply:
    status: int | None
    headers: dict[str, str]
    body: bytes


def exchange(port: int, request: bytes, *, wait: float = 5.0) -> Reply:
    """Send raw bytes and read until the server closes (HTTP/1.0), or ``wait`` seconds pass."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        data = b""
        while len(data) < 1_000_000:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines[0].startswith("HTTP/") else None
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return Reply(status, headers, body)


def get(port: int, target: str) -> Reply:
    return exchange(port, f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())


def no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    err = capfd.readouterr().err
    assert "Traceback" not in err, err


# ---------------------------------------------------------------------------------------------
# Malformed requests get an answer, never a traceback

@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\n\r\n", 505),
    (b"GET / HTTP/1.x\r\n\r\n", 400),
    (b"GET / HTTP/1.0 extra\r\n\r\n", 400),
    (b"GET /%00 HTTP/1.0\r\n\r\n", 400),
    (b"GET /index.html%00.js HTTP/1.0\r\n\r\n", 400),
    (b"GET /%ff HTTP/1.0\r\n\r\n", 400),          # not UTF-8
    (b"GET index.html HTTP/1.0\r\n\r\n", 400),    # not a path: was served, without its headers
    # Exactly 65,537 bytes and no line end: the server reads that much and nothing is left
    # unread (unread bytes would make the close a reset that hides the answer).
    (b"GET /" + b"a" * (65_537 - 5), 414),
], ids=["garbage", "http-9.9", "bad-version", "extra-words", "nul", "nul-mid", "not-utf8",
        "no-slash", "line-too-long"])
def test_malformed_requests_get_an_answer(port: int, capfd: pytest.CaptureFixture[str],
                                          request_bytes: bytes, status: int) -> None:
    assert exchange(port, request_bytes).status == status
    no_traceback(capfd)


# ---------------------------------------------------------------------------------------------
# One decoded, normalised path decides both the file and its headers

@pytest.mark.parametrize("target", [
    "/%5Fheaders", "/%5fheaders", "/./_headers", "/assets/../_headers", "/assets/..%2F_headers",
    "/%2E/_headers", "/assets/%2e%2e/_headers", "/security%2Fnginx.conf", "/./security/nginx.conf",
    "/%73ecurity/nginx.conf", "/%73ecurity/", "/security", "/leak-headers",
    "/leak-config/nginx.conf", "/leak-outside", "/leak-dir/", "/leak-dir/index.html",
])
def test_private_and_outside_files_are_refused_in_every_spelling(
        port: int, capfd: pytest.CaptureFixture[str], target: str) -> None:
    reply = get(port, target)
    assert reply.status == 404
    assert not any(secret.encode() in reply.body for secret in SECRETS)
    no_traceback(capfd)


@pytest.mark.parametrize(("target", "expected"), [
    ("/%69ndex.html", SITE_PAGE),
    ("/./", SITE_PAGE),
    ("/./index.html", SITE_PAGE),
    ("/assets/../index.html", SITE_PAGE),
    ("/embed//", SITE_PAGE),
    ("/embed//index.html", SITE_PAGE),
    ("/embed/%69ndex.html", SITE_PAGE),
    ("/%65mbed/quiz/q/", EMBED_PAGE),
    # Was served with the embed pages' headers: a site page any https: site could frame.
    ("/embed/quiz/../../index.html", SITE_PAGE),
    ("/embed/quiz/..%2F..%2Findex.html", SITE_PAGE),
])
def test_every_spelling_of_a_page_gets_its_own_headers(
        port: int, capfd: pytest.CaptureFixture[str], target: str,
        expected: dict[str, str]) -> None:
    reply = get(port, target)
    assert reply.status == 200
    assert reply.body.startswith(b"<!doctype html>")
    assert {name: reply.headers.get(name) for name in expected} == expected
    if expected is EMBED_PAGE:
        assert "X-Frame-Options" not in reply.headers
    no_traceback(capfd)


def test_ordinary_requests_are_unchanged(port: int, capfd: pytest.CaptureFixture[str]) -> None:
    """What worked before still does (these passed before the fix too)."""
    for target in ["/", "/index.html", "/embed/", "/embed/quiz/q/", "/sub/page.html", "//"]:
        reply = get(port, target)
        assert reply.status == 200, target
        assert reply.headers["Content-Security-Policy"], target
    script = get(port, "/assets/app.js?v=1")
    assert (script.status, script.headers["Content-type"]) == (200, "text/javascript")
    moved = get(port, "/embed?x=1")
    assert (moved.status, moved.headers["Location"]) == (301, "/embed/?x=1")
    for target in ["/_headers", "/security/nginx.conf", "/security/", "/missing",
                   "/index.html/", "/../../etc/passwd", "/" + "a" * 300]:
        assert get(port, target).status == 404, target
    head = exchange(port, b"HEAD /index.html HTTP/1.0\r\n\r\n")
    assert (head.status, head.body) == (200, b"")
    no_traceback(capfd)


# ---------------------------------------------------------------------------------------------
# Connections: closed when silent, and a bounded number of threads

@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.0\r\n"], ids=["nothing", "no-blank-line"])
def test_a_silent_connection_is_closed_after_the_timeout(
        port: int, capfd: pytest.CaptureFixture[str], sent: bytes) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=2.0) as sock:
        sock.sendall(sent)
        assert sock.recv(1024) == b""  # a socket.timeout here: the server never closed it
    assert time.monotonic() - started >= TIMEOUT * 0.9
    no_traceback(capfd)


def test_threads_are_bounded(site: Path, capfd: pytest.CaptureFixture[str]) -> None:
    def handlers() -> int:
        return sum("process_request_thread" in t.name for t in threading.enumerate())

    server = serve.start(str(site), timeout=TIMEOUT, max_connections=2)
    port = server.server_address[1]
    before = handlers()
    socks = [socket.create_connection(("127.0.0.1", port), timeout=2.0) for _ in range(5)]
    try:
        time.sleep(0.2)
        assert handlers() - before <= 2
        # Every one is still served in turn: the first two time out, then the next ones.
        for sock in socks:
            assert sock.recv(1024) == b""
        assert get(port, "/").status == 200
    finally:
        for sock in socks:
            sock.close()
        server.shutdown()
        server.server_close()
    no_traceback(capfd)
