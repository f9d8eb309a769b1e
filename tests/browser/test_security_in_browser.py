"""The site under its own Content-Security-Policy, framing rules and integrity checks, in Chromium.

Every other browser test already runs under the policy (a violation is a console error, which
fails them); these tests also listen for ``securitypolicyviolation`` events, check that framing
is refused where it should be, and serve copies of the site with one file changed to see the
browser (or the Python worker) refuse it.
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lambdanet_edu.course import TOPICS
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.conftest import Served, serve

pytestmark = pytest.mark.browser

# Recorded from the first moment of every document, before any of the site's scripts run.
LISTEN = ("window.__violations = [];"
          "document.addEventListener('securitypolicyviolation', (e) => window.__violations.push("
          "`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));")
EXERCISE_PAGE = "where-it-runs/"


def site_pages(site: Served) -> list[str]:
    tree = ET.parse(site.site / "sitemap.xml")
    pages = [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    embeds = sorted(p.parent.relative_to(site.site).as_posix()
                    for p in (site.site / "embed").glob("*/*/index.html"))
    return pages + [f"{site.url}{e}/" for e in embeds]


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("isolated", [True, False], ids=["headers", "meta-only"])
def test_no_page_violates_the_policy(site: Served, plain_site: Served,
                                     watched: tuple[Page, Watch], isolated: bool) -> None:
    page, _ = watched
    page.add_init_script(LISTEN)
    served = site if isolated else plain_site
    for url in site_pages(site):
        url = url.replace(site.url, served.url)
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        has_policy = "content-security-policy" in response.headers
        assert has_policy == isolated, url  # without headers, the <meta> policy alone applies
        assert violations(page) == [], url


@pytest.mark.parametrize("isolated", [True, False], ids=["headers", "meta-only"])
def test_an_exercise_boots_python_and_runs_under_the_policy(
        site: Served, plain_site: Served, watched: tuple[Page, Watch], isolated: bool) -> None:
    page, _ = watched
    page.add_init_script(LISTEN)
    page.goto((site if isolated else plain_site).url + EXERCISE_PAGE)
    widget = page.locator(".ln-exercise").first
    widget.scroll_into_view_if_needed()  # the editor loads when its exercise is in view
    editor = widget.locator(".cm-editor")
    expect(editor).to_be_visible()
    # CodeMirror's own styles arrived (through an adopted style sheet, which CSP allows).
    assert editor.evaluate("e => getComputedStyle(e).display") == "flex"
    widget.get_by_role("button", name="Run").click()
    expect(widget.locator(".ln-feedback")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(widget.locator(".ln-status-line")).to_contain_text("Ran in")
    assert page.evaluate("window.lambdanetEdu.python.boots") == 1
    assert violations(page) == []


def test_instant_navigation_runs_the_next_pages_scripts_under_the_first_ones_policy(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.add_init_script(LISTEN)
    # The last topic page: its "next" link leads into the first lesson (nbconvert's scripts).
    page.goto(site.url + TOPICS[-1].page.removesuffix(".md") + "/")
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(r"/lessons/01_where_it_runs/"))
    expect(page.locator(".ln-download")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


# ---------------------------------------------------------------------------------------------
# Framing

@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another loopback origin (a wiki, say) serving whatever the test writes into its folder."""
    server = serve.start(str(tmp_path), isolation=False)
    yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path
    server.shutdown()
    server.server_close()


@contextmanager
def unwatched_page(browser: Browser) -> Iterator[Page]:
    """A page in its own context, without the ``watched`` checks: refusals are console errors
    here, on purpose."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def frame_loads(browser: Browser, host: str, folder: Path, target: str) -> bool:
    """Whether ``target`` shows inside an iframe on a page of ``host``."""
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki</title>'
        '<link rel="icon" href="data:,"></head><body>'
        f'<iframe src="{target}" title="Framed" width="800" height="400"></iframe></body></html>',
        encoding="utf-8")
    with unwatched_page(browser) as page:
        page.goto(host, wait_until="networkidle")
        frame = page.frames[1]
        # A refused frame holds Chromium's error page, not the target.
        return frame.url.startswith(target) and frame.evaluate(
            "() => document.querySelector('h1, h2') !== null")


def test_site_pages_refuse_other_sites_but_embed_pages_accept_them(
        browser: Browser, site: Served, other_origin: tuple[str, Path]) -> None:
    host, folder = other_origin
    assert not frame_loads(browser, host, folder, site.url + "egress/")
    assert frame_loads(browser, host, folder, site.url + "embed/quiz/egress/")


def clone(site: Path, to: Path) -> Path:
    """A copy of the built site made of hard links (fast); ``replace`` before changing a file."""
    shutil.copytree(site, to, copy_function=os.link)
    return to


def replace(path: Path, data: bytes) -> None:
    path.unlink()  # never write through a hard link into the real site
    path.write_bytes(data)


@pytest.fixture
def copy_of_site(site: Served, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = clone(site.site, tmp_path / "copy")
    server = serve.start(str(root))
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


def test_an_embed_page_refuses_a_site_missing_from_its_list(
        browser: Browser, copy_of_site: tuple[str, Path], other_origin: tuple[str, Path]) -> None:
    url, root = copy_of_site
    host, folder = other_origin
    rules = (root / "_headers").read_text(encoding="utf-8")
    listed = rules.replace("frame-ancestors 'self' https: http://localhost:* http://127.0.0.1:*",
                           "frame-ancestors 'self' https://wiki.example.com")
    assert listed.count("https://wiki.example.com") == rules.count("http://localhost:*") > 0
    replace(root / "_headers", listed.encode())
    assert not frame_loads(browser, host, folder, url + "embed/quiz/egress/")


# ---------------------------------------------------------------------------------------------
# Integrity: a changed file is refused

def tampered(data: bytes) -> bytes:
    return data + b"\n// changed after the build\n"


def test_a_changed_site_script_is_refused_by_the_browser(
        browser: Browser, copy_of_site: tuple[str, Path]) -> None:
    url, root = copy_of_site
    script = root / "assets" / "ln" / "exercises.js"
    replace(script, tampered(script.read_bytes()))
    with unwatched_page(browser) as page:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url + EXERCISE_PAGE, wait_until="networkidle")
        assert any("integrity" in e and "exercises.js" in e for e in errors), errors
        expect(page.locator(".ln-widget")).to_have_count(0)  # the widget never started


def test_a_changed_editor_module_is_refused_through_the_import_map(
        browser: Browser, copy_of_site: tuple[str, Path]) -> None:
    url, root = copy_of_site
    module = root / "assets" / "ln" / "editor.js"
    replace(module, tampered(module.read_bytes()))
    with unwatched_page(browser) as page:
        page.goto(url + EXERCISE_PAGE, wait_until="networkidle")
        # The editor loads when its exercise is in view.
        page.locator(".ln-exercise").first.scroll_into_view_if_needed()
        alert = page.locator(".ln-exercise [role=alert]").first
        expect(alert).to_contain_text("could not start")


def test_a_changed_wasm_stops_a_start_from_the_kept_snapshot_too(
        browser: Browser, copy_of_site: tuple[str, Path]) -> None:
    """A later visit starts another way (Pyodide's JavaScript loaded with the page, the wasm
    fetched while the kept snapshot is read): a changed wasm is refused all the same."""
    url, root = copy_of_site
    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(url + EXERCISE_PAGE)
        first.locator(".ln-exercise").first.get_by_role("button", name="Run").click()
        first.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                                timeout=PYTHON_TIMEOUT_MS)
        first.close()
        target = root / "assets" / "pyodide" / "pyodide.asm.wasm"
        data = target.read_bytes()
        replace(target, data[:-1] + bytes([data[-1] ^ 1]))
        later = context.new_page()
        later.goto(url + EXERCISE_PAGE)
        widget = later.locator(".ln-exercise").first
        widget.get_by_role("button", name="Run").click()
        feedback = widget.locator(".ln-feedback")
        expect(feedback).to_contain_text("pyodide.asm.wasm failed its integrity check",
                                         timeout=PYTHON_TIMEOUT_MS)
        assert later.evaluate("() => window.lambdanetEdu.python.bootMs") is None
    finally:
        context.close()


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.mjs", "wheel"])
def test_a_changed_python_file_stops_python_and_says_why(
        browser: Browser, copy_of_site: tuple[str, Path], name: str) -> None:
    url, root = copy_of_site
    if name == "wheel":
        (target,) = (root / "assets" / "wheels").glob("*/*.whl")
    else:
        target = root / "assets" / "pyodide" / name
    data = target.read_bytes()
    # Same length, one byte different: only the digest can tell.
    replace(target, data[:-1] + bytes([data[-1] ^ 1]))
    with unwatched_page(browser) as page:
        page.goto(url + EXERCISE_PAGE)
        widget = page.locator(".ln-exercise").first
        widget.get_by_role("button", name="Run").click()
        feedback = widget.locator(".ln-feedback")
        expect(feedback).to_contain_text(f"{target.name} failed its integrity check",
                                         timeout=PYTHON_TIMEOUT_MS)
        expect(feedback).to_contain_text("Python could not run")
