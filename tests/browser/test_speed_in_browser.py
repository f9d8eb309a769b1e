"""Speed as behaviour in Chromium: the editor bundle waits until an exercise is about to be used,
Python until it is used; Lighthouse's accessibility, best-practices and SEO scores stay at 100.
Performance scores are timings: ``./dev bench`` measures them, not the tests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

import bench  # scripts/ is on pytest's pythonpath
from lambdanet_edu.course import EXERCISES
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

#: The categories that must be 100 on every page scored (issue 12); performance is bench's.
KEPT_AT_100 = ("accessibility", "best-practices", "seo")
#: The pages issue 12 names: home, a topic page, a lesson, the API reference if there is one,
#: a quiz embed and an exercise embed.
WANTED = ("home", "topic egress", "lesson 03_egress", "API reference", "quiz embed",
          "exercise embed")


def _scores(url: str, preset: str) -> dict[str, float]:
    # Lighthouse sometimes loses its trace (NO_NAVSTART) on a loaded machine: a runtime error,
    # not a score; it is run again, twice at most.
    for attempt in range(3):
        try:
            return bench.lighthouse(url, preset=preset, categories=KEPT_AT_100)
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@pytest.mark.parametrize("preset", ["mobile", "desktop"])
def test_lighthouse_accessibility_best_practices_and_seo_are_100(site: Served,
                                                                 preset: str) -> None:
    pages = bench.lighthouse_pages(site.site)
    scored = {name: pages[name] for name in WANTED if name in pages}
    assert set(WANTED) - {"API reference"} <= set(scored)
    below = {}
    for name, path in scored.items():
        scores = _scores(site.url + path, preset)
        if any(score < 100 for score in scores.values()):
            below[name] = scores
    assert below == {}


def test_editor_waits_for_the_exercise_and_python_for_its_use(browser: Browser,
                                                              site: Served) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 500})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(site.url + "egress/", wait_until="networkidle")
    root = page.locator(".ln-exercise").first
    below = root.evaluate("r => r.getBoundingClientRect().top > 2 * innerHeight")
    assert below, "the test needs an exercise well below the first screen"
    # The widget is there (its buttons work on the code shown as text), the editor is not.
    expect(root.get_by_role("button", name="Run", exact=True)).to_have_count(1)
    page.wait_for_timeout(500)
    assert not [u for u in urls if u.endswith("/editor.js")]
    assert root.locator(".cm-editor").count() == 0
    # Once the page is loaded and idle, Python's worker loads its own small script ahead of
    # use (once for the page), and nothing of Python.
    assert len([u for u in urls if u.endswith("/worker.mjs")]) == 1
    root.scroll_into_view_if_needed()
    expect(root.locator(".cm-editor")).to_be_visible()
    assert len([u for u in urls if u.endswith("/editor.js")]) == 1
    page.wait_for_timeout(500)
    assert len([u for u in urls if u.endswith("/worker.mjs")]) == 1
    assert page.evaluate("() => window.lambdanetEdu.python.boots") == 0
    assert not [u for u in urls if "/assets/pyodide/" in u or u.endswith(".whl")], \
        "Python before any use"
    # The pointer passing over the editor is reading; pressing on it is the first sign of use.
    root.locator(".cm-content").hover()
    page.wait_for_timeout(500)
    assert not [u for u in urls if "/assets/pyodide/" in u], "Python on a hover"
    root.locator(".ln-editor").dispatch_event("pointerdown")
    page.wait_for_function("() => window.lambdanetEdu.python.boots === 1")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_run_stays_where_it_is_when_the_editor_arrives(browser: Browser, site: Served,
                                                      width: int) -> None:
    """The code shown as text until the editor comes is laid out as the editor lays it out:
    a learner going for Run must not see it jump (it moved by a line on every exercise)."""
    pages = sorted(path.parent.relative_to(site.site).as_posix() + "/"
                   for path in site.site.glob("*/index.html")
                   if 'class="ln-exercise' in path.read_text(encoding="utf-8"))
    assert len(pages) >= 5, pages
    offset = ("e => e.querySelector('.ln-buttons').getBoundingClientRect().top"
              " - e.getBoundingClientRect().top")
    context = browser.new_context(viewport={"width": width, "height": 844})
    moved, seen = [], 0
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site.url + path, wait_until="networkidle")
            exercises = page.locator(".ln-exercise")
            assert page.locator(".ln-exercise .cm-editor").count() == 0
            before = exercises.evaluate_all(f"all => all.map({offset})")
            for i, was in enumerate(before):
                exercise = exercises.nth(i)
                exercise.scroll_into_view_if_needed()
                expect(exercise.locator(".cm-editor")).to_be_visible()
                now = exercise.evaluate(offset)
                seen += 1
                if abs(now - was) > 0.5:
                    moved.append((path, i, round(was), round(now)))
    finally:
        context.close()
    assert seen == len(EXERCISES)
    assert moved == []


# When the editor and Python's first boot would overlap: the exercise comes into view and Run is
# clicked at once. In-page marks: when the editor appeared, and when Python was ready.
EDITOR_MARK = """root => {
  window.__marks = {};
  new MutationObserver(() => {
    if (root.querySelector('.cm-editor')) window.__marks.editor ??= performance.now();
  }).observe(root, { subtree: true, childList: true });
}"""
READY_MARK = """() => {  // not awaited: Python is still starting
  window.lambdanetEdu.python.ready.then(() => { window.__marks.ready = performance.now(); });
}"""


def _run_as_it_arrives(page: Page, site: Served) -> None:
    page.goto(site.url + "egress/", wait_until="networkidle")
    root = page.locator(".ln-exercise").first
    # Well below the first screen, so nothing has fetched the editor yet.
    assert root.evaluate("r => r.getBoundingClientRect().top > 2 * innerHeight")
    assert root.locator(".cm-editor").count() == 0
    root.evaluate(EDITOR_MARK)
    root.scroll_into_view_if_needed()
    root.get_by_role("button", name="Run", exact=True).click()
    page.evaluate(READY_MARK)


def test_a_run_clicked_as_the_exercise_arrives_gets_python_before_the_editor(
        watched: tuple[Page, Watch], site: Served) -> None:
    page, _ = watched
    _run_as_it_arrives(page, site)
    root = page.locator(".ln-exercise").first
    expect(root.locator(".ln-feedback")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(root.locator(".cm-editor")).to_be_visible()  # it comes once Python is ready
    marks = page.evaluate("window.__marks")
    assert marks["editor"] >= marks["ready"], marks


@pytest.mark.parametrize("reach", ["pointer", "keyboard"])
def test_reaching_for_the_code_brings_the_editor_while_python_starts(
        watched: tuple[Page, Watch], site: Served, reach: str) -> None:
    page, _ = watched
    _run_as_it_arrives(page, site)
    root = page.locator(".ln-exercise").first
    if reach == "pointer":
        root.locator(".ln-editor").hover()
    else:
        page.keyboard.press("Tab")  # from Run, which the click focused, to the next button
    expect(root.locator(".cm-editor")).to_be_visible(timeout=10_000)
    expect(root.locator(".ln-feedback")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    marks = page.evaluate("window.__marks")
    assert marks["editor"] < marks["ready"], marks


SNAPSHOT_CACHE = "ln-python-snapshot"


def test_the_service_worker_waits_until_python_is_quiet(browser: Browser, site: Served) -> None:
    """Installing downloads the whole course: never while Python starts or keeps its snapshot."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url + "where-it-runs/")
        root = page.locator(".ln-exercise").first
        root.locator(".ln-editor").dispatch_event("pointerdown")  # Python starts at once
        page.wait_for_function("() => window.lambdanetEdu.python.bootMs !== null",
                               timeout=PYTHON_TIMEOUT_MS)
        registered = "async () => Boolean(await navigator.serviceWorker.getRegistration())"
        # No Run yet: the snapshot is kept after the first answer or a few idle seconds.
        assert not page.evaluate("() => window.lambdanetEdu.python.snapshotKept")
        assert not page.evaluate(registered), "installing while Python was starting"
        page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                               timeout=PYTHON_TIMEOUT_MS)
        assert page.evaluate("() => window.lambdanetEdu.python.snapshotKept")
    finally:
        context.close()


def _run_first_exercise(page: Page, site: Served) -> None:
    page.goto(site.url + "where-it-runs/")
    root = page.locator(".ln-exercise").first
    root.get_by_role("button", name="Run", exact=True).click()
    expect(root.locator(".ln-feedback__title")).not_to_be_empty(timeout=PYTHON_TIMEOUT_MS)


def test_a_later_visit_starts_python_from_the_snapshot_and_a_bad_one_is_replaced(
        browser: Browser, site: Served) -> None:
    context = browser.new_context()
    errors: list[str] = []
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        first = context.new_page()
        _run_first_exercise(first, site)
        assert first.evaluate("() => window.lambdanetEdu.python.bootFrom") == "boot"
        first.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                                timeout=PYTHON_TIMEOUT_MS)
        first.close()
        # A later visit (a new tab): Python starts from the kept snapshot.
        later = context.new_page()
        _run_first_exercise(later, site)
        assert later.evaluate("() => window.lambdanetEdu.python.bootFrom") == "snapshot"
        # Damage the kept snapshot (same headers, other bytes): the next visit boots normally,
        # answers as usual, and keeps a good snapshot again.
        later.evaluate("""async (name) => {
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            const kept = await cache.match(request);
            const bytes = new Uint8Array(await kept.arrayBuffer());
            bytes[bytes.length >> 1] ^= 0xff;
            await cache.put(request, new Response(bytes, { headers: kept.headers }));
        }""", SNAPSHOT_CACHE)
        later.close()
        again = context.new_page()
        _run_first_exercise(again, site)
        assert again.evaluate("() => window.lambdanetEdu.python.bootFrom") == "boot"
        again.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                                timeout=PYTHON_TIMEOUT_MS)
        again.close()
        last = context.new_page()
        _run_first_exercise(last, site)
        assert last.evaluate("() => window.lambdanetEdu.python.bootFrom") == "snapshot"
        # A snapshot whose record names another build (another key) is thrown away, not used.
        last.evaluate("""() => {
            const name = "lambdanet-edu-python-snapshot";
            const record = JSON.parse(localStorage.getItem(name));
            localStorage.setItem(name, JSON.stringify({ ...record, key: "b".repeat(64) }));
        }""")
        last.close()
        other = context.new_page()
        _run_first_exercise(other, site)
        assert other.evaluate("() => window.lambdanetEdu.python.bootFrom") == "boot"
        other.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                                timeout=PYTHON_TIMEOUT_MS)
        # Learner code can write Cache Storage (it runs on this origin), not the page's record:
        # a well-formed snapshot it puts there in place of the kept one is never started.
        other.evaluate("""async ([name, module]) => {
            const { pack, unpack } = await import(module);
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            const raw = unpack(new Uint8Array(await (await cache.match(request)).arrayBuffer()));
            raw[raw.length >> 1] ^= 0xff;
            await cache.put(request, new Response(pack(raw)));
        }""", [SNAPSHOT_CACHE, site.url + "assets/ln/snapshot.mjs"])
        other.close()
        after = context.new_page()
        _run_first_exercise(after, site)
        assert after.evaluate("() => window.lambdanetEdu.python.bootFrom") == "boot"
        assert errors == []
    finally:
        context.close()


def test_a_returning_learner_gets_pyodides_script_ahead_and_nothing_more(
        browser: Browser, site: Served) -> None:
    """Once Python was kept here, a page with an exercise loads the worker and Pyodide's
    JavaScript (from this browser's caches) before any use, never the wasm, the standard
    library or the wheel; a first-time reader's page loads none of it (the test above)."""
    context = browser.new_context(viewport={"width": 400, "height": 500})
    try:
        first = context.new_page()
        _run_first_exercise(first, site)
        first.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                                timeout=PYTHON_TIMEOUT_MS)
        first.close()
        later = context.new_page()
        urls: list[str] = []
        later.on("request", lambda request: urls.append(request.url))
        later.goto(site.url + "egress/", wait_until="networkidle")
        later.wait_for_function("() => window.lambdanetEdu.python.spare !== null")
        later.wait_for_timeout(500)
        fetched = {u.rsplit("/", 1)[-1] for u in urls if "/assets/pyodide/" in u}
        assert fetched == {"pyodide.mjs", "pyodide.asm.mjs"}
        assert not [u for u in urls if u.endswith(".whl")]
        assert later.evaluate("() => window.lambdanetEdu.python.boots") == 0
        root = later.locator(".ln-exercise").first
        root.get_by_role("button", name="Run", exact=True).click()
        expect(root.locator(".ln-feedback__title")).not_to_be_empty(timeout=PYTHON_TIMEOUT_MS)
        assert later.evaluate("() => window.lambdanetEdu.python.bootFrom") == "snapshot"
    finally:
        context.close()


def test_after_one_visit_a_page_an_exercise_and_a_quiz_work_offline(
        browser: Browser, site: Served) -> None:
    ex = EXERCISES["eni-count"]
    context = browser.new_context()
    errors: list[str] = []
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page = context.new_page()
        page.goto(site.url + "where-it-runs/")
        # The service worker installs this build after the page has loaded, then takes over.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                               timeout=PYTHON_TIMEOUT_MS)
        root = page.locator(f'.ln-exercise[data-ln-exercise="{ex.id}"]')
        root.get_by_role("button", name="Run", exact=True).click()
        expect(root.locator(".ln-feedback__title")).not_to_be_empty(timeout=PYTHON_TIMEOUT_MS)
        # Python's files are kept once used (and checked); the snapshot too.
        page.wait_for_function("""async () => {
            for (const name of await caches.keys()) {
              if (!name.startsWith("ln-site-")) continue;
              const keys = (await (await caches.open(name)).keys()).map((r) => r.url);
              return keys.some((u) => u.endsWith("pyodide.asm.wasm")) &&
                     keys.some((u) => u.endsWith(".whl"));
            }
            return false;
        }""", timeout=PYTHON_TIMEOUT_MS, polling=250)
        page.wait_for_function("() => window.lambdanetEdu.python.snapshotKept",
                               timeout=PYTHON_TIMEOUT_MS)
        page.close()

        # A page swapped in the cache (learner code runs on this origin and can write it) is
        # not served: the service worker checks what it serves against the build's digests.
        page = context.new_page()
        page.goto(site.url + "where-it-runs/")
        page.evaluate("""async (url) => {
            for (const name of await caches.keys()) {
              if (!name.startsWith("ln-site-")) continue;
              const cache = await caches.open(name);
              const kept = await cache.match(url);
              await cache.put(url, new Response("<h1>PLANTED</h1>", { headers: kept.headers }));
            }
        }""", site.url + "egress/")
        page.goto(site.url + "egress/")
        expect(page.locator("h1")).not_to_have_text("PLANTED")
        page.close()

        context.set_offline(True)
        offline = context.new_page()
        # A page, with the headers it was served with (isolation and policy kept).
        response = offline.goto(site.url + "egress/")
        assert response is not None and response.ok
        assert response.headers["cross-origin-embedder-policy"] == "require-corp"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        expect(offline.locator("h1")).to_be_visible()
        # An exercise runs and grades.
        offline.goto(site.url + "where-it-runs/")
        assert offline.evaluate("() => self.crossOriginIsolated")
        root = offline.locator(f'.ln-exercise[data-ln-exercise="{ex.id}"]')
        root.scroll_into_view_if_needed()
        root.locator(".cm-content").click()
        offline.keyboard.press("Control+A")
        offline.keyboard.press("Delete")
        offline.keyboard.insert_text(ex.solution)
        root.get_by_role("button", name="Check", exact=True).click()
        expect(root.locator(".ln-feedback__title")).to_have_text("Correct",
                                                                 timeout=PYTHON_TIMEOUT_MS)
        # A quiz answers.
        offline.goto(site.url + "embed/quiz/where-it-runs/")
        box = offline.locator("fieldset[data-question]").first
        field = box.get_by_role("textbox")
        if field.count():
            field.fill("1")
        else:
            box.get_by_role("radio").first.check()
        box.get_by_role("button", name="Check").click()
        expect(box.locator(".ln-quiz__verdict")).not_to_be_empty()
        assert errors == []
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Search's index (the text of every page) is fetched when a reader reaches for search

INDEX = r"/search/search_index\.json$"


def _reach_with_key(page: Page) -> None:
    page.keyboard.press("/")  # Material's shortcut; "s" and "f" do the same


def _reach_with_pointer(page: Page) -> None:
    page.hover(".md-search__form")  # the pointer on the search box is enough


def _reach_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.locator('label.md-header__button[for="__search"]').click()  # the search icon


@pytest.mark.parametrize("reach", [_reach_with_key, _reach_with_pointer, _reach_on_a_phone],
                         ids=["key", "pointer", "phone"])
def test_search_fetches_its_index_when_a_reader_reaches_for_it(watched: tuple[Page, Watch],
                                                               site: Served, reach) -> None:
    page, watch = watched
    page.goto(site.url + "where-it-runs/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert watch.count(INDEX) == 0, "the index was fetched before anyone searched"
    with page.expect_request(re.compile(INDEX), timeout=5000):
        reach(page)
    search = page.locator("input.md-search__input")
    search.fill("hyperplane")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert "hyperplane" in results.first.inner_text().lower()
    # Kept for the rest of the visit: the next page (instant navigation) searches at once.
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("nav.md-nav--primary").get_by_role("link", name=bench.SECOND_LINK).first.click()
    page.wait_for_url(f"**/{bench.SECOND_PAGE}")
    page.locator(".md-search__form").click()
    search.fill("nat gateway")
    expect(results.first).to_be_visible(timeout=10_000)
    assert watch.count(INDEX) == 1


def test_a_shared_search_link_opens_with_its_results(watched: tuple[Page, Watch],
                                                     site: Served) -> None:
    page, watch = watched
    page.goto(site.url + "egress/?q=security+group")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert watch.count(INDEX) == 1
