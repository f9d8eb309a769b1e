"""Real-browser fixtures: the built site served on loopback, driven in Debian's Chromium.

The site is built with ``site_url`` set to the port it is served on (instant navigation needs
that). Every page a test opens is watched: a console error, an uncaught exception or a request to
any other origin fails the test. On failure, a screenshot, the console log and the DOM are saved
under tests/artifacts/. Nothing here skips: a missing Chromium is an error that says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.conftest import Served

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Exercise answers come from Pyodide; its first boot takes a few seconds on a shared machine.
PYTHON_TIMEOUT_MS = 90_000


@pytest.fixture(scope="session")
def browser(site: Served, plain_site: Served) -> Iterator[Browser]:
    """Chromium, started after the servers and closed before them (no connection left open)."""
    assert CHROMIUM.exists(), (
        "Chromium is missing: ./dev test installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-features=Translate,MediaRouter"],
        )
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did: console errors, page errors and requests, by origin."""

    origins: tuple[str, ...]
    errors: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        self.log.append(f"{message.type}: {message.text}")
        if message.type == "error":
            self.errors.append(message.text)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        local = request.url.startswith(self.origins)
        if not local and not request.url.startswith(("data:", "blob:")):
            self.foreign.append(request.url)

    def count(self, pattern: str) -> int:
        return sum(1 for url in self.requests if re.search(pattern, url))


@pytest.fixture
def context_options() -> dict[str, object]:
    """Extra options for the browser context; a test module may override this fixture."""
    return {}


@pytest.fixture
def watched(browser: Browser, site: Served, plain_site: Served, context_options: dict[str, object],
            request: pytest.FixtureRequest) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    watch = Watch(origins=(site.url, plain_site.url))
    page.on("console", watch.on_console)
    page.on("pageerror", lambda err: watch.errors.append(f"uncaught: {err}"))
    page.on("request", watch.on_request)
    # Block anything that would leave the machine, so a stray CDN link fails fast and visibly.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield page, watch
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            (ARTIFACTS / f"{stem}.html").write_text(page.content(), encoding="utf-8")
        except Exception as err:
            watch.log.append(f"(could not save the page: {err})")
        (ARTIFACTS / f"{stem}.console.txt").write_text("\n".join(watch.log), encoding="utf-8")
    context.close()
    assert watch.errors == [], watch.errors
    assert watch.foreign == [], f"requests left the local origin: {watch.foreign}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
