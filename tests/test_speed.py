"""What makes the site fast on a phone and on a later visit, as behaviour (timings are measured
by ``./dev bench``, not here): the notebook CSS a lesson keeps, the editor bundle not preloaded,
cache lifetimes and compression in every host's files and in the local server."""

from __future__ import annotations

import gzip
import json
import re
import socket
import urllib.error
import urllib.request

import pytest
from mkdocs import theme as mkdocs_theme

from site_build import host_headers, notebook_css, preload
from tests.conftest import Served, serve

LESSON_LIMIT = 200_000  # bytes of HTML per lesson page (issue 14's target)


# ---------------------------------------------------------------------------------------------
# Notebook CSS: a rule stays when one of its selectors can match the page

@pytest.mark.parametrize(("css", "classes", "kept"), [
    (".a{x:1}.b{x:2}", {"a"}, ".a{x:1}"),
    (".a .b{x:1}", {"a"}, ""),                                # every class must be present
    (".a .b,.a{x:1}", {"a"}, ".a{x:1}"),                      # the selectors that can match
    ("div{x:1}", set(), "div{x:1}"),                         # no class: kept
    (".a:not(.b){x:1}", {"a"}, ".a:not(.b){x:1}"),            # :not(.b) matches without .b
    (".a:is(.c,.d){x:1}", {"a"}, ".a:is(.c,.d){x:1}"),        # cannot judge: kept
    ('.a[href$=".b"]{x:1}', {"a"}, '.a[href$=".b"]{x:1}'),     # a dot in an attribute value
    ('.a::after{content:".b{"}', {"a"}, '.a::after{content:".b{"}'),  # braces in a string
    ("@media print{.a{x:1}.b{x:2}}", {"a"}, "@media print{.a{x:1}}"),
    ("@media print{.b{x:2}}", {"a"}, ""),                    # an emptied group goes
    ("@keyframes k{from{x:1}to{x:2}}", set(), "@keyframes k{from{x:1}to{x:2}}"),
    ('@charset "UTF-8";.b{x:1}', set(), '@charset "UTF-8";'),
    ("/* .a{} */.a{x:1}", {"a"}, ".a{x:1}"),
    # Custom properties nobody reads go, the ones read (even through another) stay.
    (".a{--jp-x:1;--jp-y:var(--jp-x);--jp-z:2;color:var(--jp-y)}", {"a"},
     ".a{--jp-x:1;--jp-y:var(--jp-x);color:var(--jp-y)}"),
    (".a{--jp-i:url('data:image/svg+xml;base64,AA');color:red}", {"a"}, ".a{color:red}"),
    (".a{--md-red-50:#f00;--md-typeset-color:#000}", {"a"}, ".a{--md-typeset-color:#000}"),
], ids=["class", "all-classes", "selector-list", "type", "not", "is", "attr-dot", "string",
        "media", "media-empty", "keyframes", "charset", "comment", "var-chain", "data-url",
        "palette"])
def test_prune_css_keeps_what_can_match(css: str, classes: set[str], kept: str) -> None:
    assert notebook_css.prune_css(css, classes) == kept


def test_prune_page_styles_leaves_small_styles_alone() -> None:
    big = ".a{x:1}" + ".zz{y:2}" * 2000
    page = f'<style>.q{{x:1}}</style><style>{big}</style><p class="a">'
    assert notebook_css.prune_page_styles(page) == \
        '<style>.q{x:1}</style><style>.a{x:1}</style><p class="a">'


def test_lesson_pages_are_light_and_keep_the_notebook_styles_they_use(site: Served) -> None:
    lessons = sorted((site.site / "lessons").glob("*/index.html"))
    assert lessons
    for page in lessons:
        text = page.read_text(encoding="utf-8")
        assert len(text.encode()) <= LESSON_LIMIT, page
        assert ".jupyter-wrapper .jp-InputArea" in text  # the cells are still styled


# ---------------------------------------------------------------------------------------------
# The editor bundle is not preloaded: exercise.js fetches it when an exercise is about to be used

def test_exercise_pages_preload_the_entry_script_but_not_the_editor(site: Served) -> None:
    assert "assets/ln/editor.js" not in preload.static_imports()
    pages = [p for p in site.site.rglob("index.html") if 'class="ln-exercise"' in
             p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<link\b[^>]*rel="(?:module)?preload"[^>]*>', text)
        if "embed" not in page.relative_to(site.site).parts:  # embed pages load it themselves
            assert any("exercises.js" in link for link in links), page
        assert not any("editor.js" in link for link in links), page


def _preloaded(text: str) -> dict[str, str]:
    """Each preloaded file's name -> its link's rel."""
    return {href.rsplit("/", 1)[-1]: rel for rel, href in
            re.findall(r'<link\b[^>]*rel="((?:module)?preload)"[^>]*href="([^"]+)"', text)}


def test_the_scripts_a_first_run_waits_for_are_asked_for_from_the_head(site: Served) -> None:
    # Material's bundle and quiz.js sit at the end of the body: Chromium asked for them late, and
    # for quiz-answers.js later still, and the page (its Run) waited for that chain.
    bundle = preload.theme_bundle(tuple(mkdocs_theme.Theme("material").dirs)).rsplit("/", 1)[-1]
    exercise = _preloaded((site.site / "where-it-runs" / "index.html").read_text("utf-8"))
    assert exercise[bundle] == "preload"
    assert {"exercises.js", "quiz.js", "quiz-answers.js"} <= {k for k, v in exercise.items()
                                                              if v == "modulepreload"}
    home = (site.site / "index.html").read_text("utf-8")  # a quiz, no exercise
    assert 'class="ln-quiz"' in home and 'class="ln-exercise"' not in home
    assert set(_preloaded(home)) == {"quiz.js", "quiz-answers.js", "dom.js", "store.js"}
    # A page with neither preloads nothing; a lesson is read, and its HTML is heavy enough.
    lesson = (site.site / "lessons" / "01_where_it_runs" / "index.html").read_text("utf-8")
    assert _preloaded(lesson) == {}


# ---------------------------------------------------------------------------------------------
# Cache lifetimes and compression in the hosts' files

@pytest.mark.parametrize(("path", "life"), [
    ("assets/stylesheets/main.57a0d79d.min.css", "immutable"),
    ("assets/javascripts/bundle.a5f9d56c.min.js", "immutable"),
    ("assets/javascripts/workers/search.a7633da7.min.js", "immutable"),
    ("assets/wheels/e3fff1b476f0/lambdanet_edu-0.1.0-cp314-none-any.whl", "immutable"),
    ("downloads/wheels/3e90871c40ae/lambdanet_edu-0.1.0-py3-none-any.whl", "immutable"),
    ("downloads/quizzes/egress.gift.txt", "revalidate"),
    ("index.html", "revalidate"),
    ("egress/index.html", "revalidate"),
    ("assets/ln/exercise.js", "revalidate"),       # not digest-named: pages name it by digest
    ("assets/pyodide/pyodide.asm.wasm", "revalidate"),
    ("assets/javascripts/lunr/min/lunr.fr.min.js", "revalidate"),
])
def test_only_digest_named_files_are_immutable(path: str, life: str) -> None:
    assert host_headers.cache_of(path) == life


def test_every_host_file_sets_cache_lifetimes_and_compression(site: Served) -> None:
    rules = serve.read_rules(site.site / "_headers")
    immutable = host_headers.CACHE_CONTROL["immutable"]
    css = next((site.site / "assets" / "stylesheets").glob("main.*.min.css")).relative_to(site.site)
    assert serve.headers_for(rules, f"/{css.as_posix()}")["Cache-Control"] == immutable
    for path in ["/", "/egress/", "/assets/ln/exercise.js", "/assets/pyodide/pyodide.asm.wasm"]:
        assert serve.headers_for(rules, path)["Cache-Control"] == "no-cache", path
    nginx = (site.site / "security" / "nginx.conf").read_text(encoding="utf-8")
    assert "gzip on;" in nginx and "application/wasm" in nginx.split("gzip_types", 1)[1]
    assert f'add_header Cache-Control "{immutable}" always;' in nginx
    cloudfront = json.loads((site.site / "security" / "cloudfront.json").read_text("utf-8"))
    assert all(b["Compress"] for b in cloudfront["CacheBehaviors"])
    first = cloudfront["CacheBehaviors"][0]
    assert first["PathPattern"] == "/assets/wheels/*"
    assert first["ResponseHeadersPolicy"] == "lambdanet-edu-site-immutable"


# ---------------------------------------------------------------------------------------------
# The local server compresses (the hardening is tests/test_serve.py's)

def _get(url: str, encoding: str | None, method: str = "GET",
         extra: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": encoding} if encoding is not None else {}
    request = urllib.request.Request(url, method=method, headers={**headers, **(extra or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), b""


@pytest.mark.parametrize("path", ["egress/index.html", "assets/ln/exercise.js",
                                  "assets/pyodide/pyodide.asm.wasm"])
def test_server_gzips_text_and_wasm_for_browsers_that_accept_it(site: Served, path: str) -> None:
    status, headers, body = _get(site.url + path, "gzip, deflate, br")
    assert status == 200
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == (site.site / path).read_bytes()
    # Compression keeps the build's headers (isolation, policy, cache lifetime).
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(("path", "encoding"), [
    ("egress/index.html", None), ("egress/index.html", "gzip;q=0, br"), ("egress/index.html", "br"),
    ("assets/pyodide/python_stdlib.zip", "gzip"),   # a zip file is sent as it is
])
def test_server_sends_files_as_they_are_otherwise(site: Served, path: str,
                                                  encoding: str | None) -> None:
    status, headers, body = _get(site.url + path, encoding)
    assert status == 200 and "Content-Encoding" not in headers
    assert body == (site.site / path).read_bytes()


def test_compressed_answers_keep_head_and_not_modified(site: Served) -> None:
    url = site.url + "egress/index.html"
    status, headers, body = _get(url, "gzip", method="HEAD")
    assert status == 200 and body == b"" and headers["Content-Encoding"] == "gzip"
    status, _, body = _get(url, "gzip", extra={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304 and body == b""


def test_gzip_negotiation_reads_q_values() -> None:
    assert [serve.accepts_gzip(h) for h in ["gzip", "GZIP;q=0.5", "*", "gzip;q=0", "br",
                                            "gzip;q=x", ""]] == \
        [True, True, True, False, False, False, False]


def test_compression_of_a_raw_request_still_closes_cleanly(site: Served) -> None:
    port = int(site.url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /egress/ HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"Content-Encoding: gzip" in head
    assert gzip.decompress(body) == (site.site / "egress" / "index.html").read_bytes()
