"""Every page of the built site in a real browser: no errors, nothing fetched from elsewhere,
and no Python downloaded until a learner uses an exercise."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

PYODIDE = r"/assets/pyodide/"


def page_urls(site: Served) -> list[str]:
    tree = ET.parse(site.site / "sitemap.xml")
    return [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_every_page_loads_cleanly_and_fetches_no_python(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, watch = watched
    urls = page_urls(site)
    assert len(urls) >= 11, urls  # home, four topics, four lessons, progress, further reading
    for url in urls:
        assert url.startswith(site.url), "site_url must match the served origin"
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        expect(page.locator("h1").first).to_be_visible()
        # Pyodide is megabytes: it must not load until a learner is about to use an exercise.
        assert watch.count(PYODIDE) == 0, url
        if page.locator(".ln-exercise").count():
            expect(page.locator(".ln-widget").first).to_be_visible()
            # the editor loads when its exercise is in view
            page.locator(".ln-exercise").first.scroll_into_view_if_needed()
            expect(page.locator(".ln-exercise .cm-editor").first).to_be_visible()
            page.locator(".ln-exercise .cm-editor").first.hover()  # reading past is not using
            page.wait_for_timeout(200)
            assert watch.count(PYODIDE) == 0, url
    assert watch.count(r"\.whl$") == 0


def test_lesson_pages_offer_the_notebook_and_the_install_command(
        site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "lessons/02_ip_addresses/")
    bar = page.locator(".ln-download")
    # The source wheel, which any Python installs (the browser's own is bytecode for Pyodide).
    wheel = r"downloads/wheels/\w+/lambdanet_edu-[0-9.]+-py3-none-any\.whl"
    expect(bar).to_contain_text(re.compile("pip install " + re.escape(site.url) + wheel))
    link = bar.get_by_role("link", name=re.compile(r"\.ipynb$"))
    href = link.get_attribute("href")
    response = page.request.get(urljoin(page.url, href or ""))
    assert response.ok and response.json()["nbformat"] == 4
