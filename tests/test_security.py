"""The security hook's output: the policies, the framing rules, the integrity digests, and the
files a host deploys them with; and the serve command sending exactly those files' headers."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import security as hook  # hooks/ is on pytest's pythonpath
from hypothesis import given, settings
from hypothesis import strategies as st

from site_build import host_headers, security
from tests.conftest import Served, serve

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def sha384(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {d[0]: d[1:] for d in parts}


def fetch(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Served, page: Path) -> str:
    rel = page.relative_to(site.site).as_posix()
    return site.url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


# ---------------------------------------------------------------------------------------------
# The policy itself

@pytest.mark.parametrize("keyword", ["'unsafe-eval'", "'unsafe-inline'", "*", "http:", "https:",
                                     "data:", "blob:"])
@pytest.mark.parametrize("directive", ["default-src", "script-src", "connect-src", "worker-src"])
def test_scripts_and_connections_come_from_this_site_alone(site: Served, directive: str,
                                                           keyword: str) -> None:
    for kind in ("index.html", "embed/quiz/egress/index.html"):
        status, headers = fetch(url_of(site, site.site / kind))
        assert status == 200
        assert keyword not in directives(headers["Content-Security-Policy"])[directive], kind


@pytest.mark.parametrize(("page", "ancestors", "frame_options"), [
    ("index.html", ["'self'"], "SAMEORIGIN"),
    ("egress/index.html", ["'self'"], "SAMEORIGIN"),
    ("embed/index.html", ["'self'"], "SAMEORIGIN"),  # the "Embed in your wiki" page is a site page
    ("embed/quiz/egress/index.html", ["'self'", *security.DEFAULT_FRAME_ANCESTORS], None),
    ("embed/exercise/eni-count/index.html", ["'self'", *security.DEFAULT_FRAME_ANCESTORS], None),
])
def test_who_may_frame_each_page(site: Served, page: str, ancestors: list[str],
                                 frame_options: str | None) -> None:
    _, headers = fetch(url_of(site, site.site / page))
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == ancestors
    assert headers.get("X-Frame-Options") == frame_options


def test_every_inline_script_and_style_is_allowed_by_its_hash_and_nothing_else(
        site: Served) -> None:
    for page in pages(site.site):
        text = page.read_text(encoding="utf-8")
        _, headers = fetch(url_of(site, page))
        policy = directives(headers["Content-Security-Policy"])
        meta = directives(html.unescape(META.findall(text)[0]))
        # The meta copy (GitHub Pages) is the same policy without frame-ancestors.
        assert meta == {k: v for k, v in policy.items() if k != "frame-ancestors"}, page
        for attrs, body in SCRIPT.findall(text):
            if "src=" not in attrs and "application/json" not in attrs:
                assert sha256(body) in policy["script-src"], (page, body[:80])
        for body in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.S):
            assert sha256(body) in policy["style-src-elem"], page


def test_the_meta_policy_comes_before_any_script_or_style(site: Served) -> None:
    for page in pages(site.site):
        text = page.read_text(encoding="utf-8")
        first = re.search(r"<script\b|<style\b|<link\b[^>]*stylesheet", text)
        assert first is not None and META.search(text).start() < first.start(), page


# ---------------------------------------------------------------------------------------------
# Integrity

def test_every_local_script_stylesheet_and_preload_carries_the_digest_of_the_final_file(
        site: Served) -> None:
    checked = 0
    for page in pages(site.site):
        text = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>", text) + \
            re.findall(r"<link\b[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"[^>]*>", text)
        # modulepreload too: the module it preloads is then taken from the module map unchecked;
        # and a preload (Material's bundle), which its script tag uses only if the digests match.
        for tag in re.findall(r"<script\b[^>]*\bsrc=\"[^\"]+\"[^>]*>|<link\b[^>]*"
                              r"rel=\"(?:stylesheet|modulepreload|preload)\"[^>]*>", text):
            ref = re.search(r'(?:src|href)="([^"]*)"', tag).group(1)
            target = (site.site / ref.lstrip("/")) if ref.startswith("/") else page.parent / ref
            if not ref:
                continue  # nbconvert's empty <script src="">: nothing is fetched
            assert f'integrity="{sha384(target.read_bytes())}"' in tag, (page, tag)
            checked += 1
        assert tags, page
    assert checked > 100


EXERCISE_MODULES = ["dom.js", "editor.js", "embed-code.js", "exercise.js", "offline.js",
                    "picture.js", "progress.js", "progress-file.js", "progress-table.js",
                    "python.js", "snapshot.mjs", "store.js", "worker.mjs", "your-network.js"]


@pytest.mark.parametrize(("page", "modules"), [
    # exercises.js imports these (progress.js only on the progress page, but by name; the
    # worker's script is named too, though a worker does not read the page's map), and quiz.js
    # the three of the quiz embed
    ("egress/index.html", [*EXERCISE_MODULES, "quiz-answers.js"]),
    ("embed/exercise/eni-count/index.html", EXERCISE_MODULES),
    ("embed/quiz/egress/index.html", ["dom.js", "quiz-answers.js", "store.js"]),
])
def test_import_maps_cover_the_imported_modules_with_their_final_digest(
        site: Served, page: str, modules: list[str]) -> None:
    path = site.site / page
    maps = re.findall(r'<script type="importmap">(.*?)</script>', path.read_text(encoding="utf-8"),
                      re.S)
    integrity = json.loads(maps[0])["integrity"] if maps else {}
    ln = site.site / "assets" / "ln"
    assert {(path.parent / url).resolve(): digest for url, digest in integrity.items()} == {
        (ln / name).resolve(): sha384((ln / name).read_bytes()) for name in modules}


def test_the_exercise_config_names_the_digest_of_every_file_the_worker_fetches(
        site: Served) -> None:
    text = (site.site / "where-it-runs" / "index.html").read_text(encoding="utf-8")
    config = json.loads(html.unescape(re.search(r'data-ln-config="([^"]*)"', text).group(1)))
    names = {Path(path).name for path in config["integrity"]}
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
            "pyodide-lock.json", Path(config["wheel"]).name} <= names
    for path, digest in config["integrity"].items():
        assert sha384((site.site / path).read_bytes()) == digest, path


# ---------------------------------------------------------------------------------------------
# The deployable files, and the serve command reading them

@pytest.mark.parametrize(("path", "corp"), [
    ("assets/ln/embed-host.js", "cross-origin"),
    ("assets/ln/exercises.js", "same-origin"),
    ("embed/quiz/egress/index.html", "cross-origin"),
    ("assets/pyodide/pyodide.asm.wasm", "same-origin"),
])
def test_served_headers_are_the_generated_file(site: Served, path: str, corp: str) -> None:
    rules = serve.read_rules(site.site / "_headers")
    _, headers = fetch(site.url + path)
    expected = serve.headers_for(rules, "/" + path)
    assert {k: headers[k] for k in expected} == expected
    assert headers["Cross-Origin-Resource-Policy"] == corp
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["_headers", "security/nginx.conf", "security/cloudfront.json"])
def test_host_configuration_is_not_served(site: Served, path: str) -> None:
    assert fetch(site.url + path)[0] == 404
    assert (site.site / path).stat().st_size > 1000


def test_without_isolation_only_the_meta_policy_applies(plain_site: Served) -> None:
    status, headers = fetch(plain_site.url + "egress/")
    assert status == 200
    assert {"Content-Security-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options"} \
        .isdisjoint(headers)


def test_nginx_and_cloudfront_carry_the_same_headers_as_netlify(site: Served) -> None:
    rules = serve.read_rules(site.site / "_headers")
    nginx = (site.site / "security" / "nginx.conf").read_text(encoding="utf-8")
    for pattern, headers in rules:
        where = f"^~ {pattern[:-1]}" if pattern.endswith("*") else f"= {pattern}"
        block = re.search(rf"location {re.escape(where)} \{{(.*?)\n\}}", nginx, re.S)
        assert block is not None, pattern
        assert all(f'add_header {k} "{v}" always;' in block.group(1) for k, v in headers.items())
    cloudfront = json.loads(
        (site.site / "security" / "cloudfront.json").read_text(encoding="utf-8"))
    by_name = {c["Name"]: {i["Header"]: i["Value"] for i in c["CustomHeadersConfig"]["Items"]}
               for c in cloudfront["ResponseHeadersPolicyConfigs"]}
    # CloudFront takes the first behaviour that matches: the embed pages before the default.
    first = {}
    for behaviour in cloudfront["CacheBehaviors"]:
        first.setdefault(behaviour["PathPattern"], behaviour["ResponseHeadersPolicy"])
    assert list(first)[-1] == "*"
    for path, profile in [("/embed/quiz/egress/", "embed"), ("/egress/", "site"),
                          ("/assets/ln/embed-host.js", "host-script")]:
        assert by_name[f"lambdanet-edu-{profile}-revalidate"] == serve.headers_for(rules, path)


PROFILES = {"site": {"P": "site"}, "embed": {"P": "embed"}, "host-script": {"P": "host"}}
segment = st.sampled_from(["a", "b", "embed", "quiz", "exercise", "assets", "ln", "index.html",
                           "x.js", "embed-host.js", "wheels", "stylesheets"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(segment, min_size=1, max_size=5).map("/".join), min_size=1, max_size=30))
def test_header_rules_match_each_file_exactly_once_with_its_profile(paths: list[str]) -> None:
    # A path cannot be both a file and a directory.
    files = sorted({p for p in paths if not any(q.startswith(p + "/") for q in paths)})
    rules = security.header_rules(files, PROFILES)
    for path in files:
        urls = ["/" + path] + (["/" + path[: -len("index.html")]] if path.endswith("index.html")
                               and (path == "index.html" or path.endswith("/index.html")) else [])
        for url in urls:
            matches = [h for pattern, h in rules if pattern == url or
                       (pattern.endswith("*") and url.startswith(pattern[:-1]))]
            life = host_headers.CACHE_CONTROL[host_headers.cache_of(path)]
            assert matches == [{**PROFILES[security.profile_of(path)], "Cache-Control": life}], \
                (url, rules)


@pytest.mark.parametrize(("path", "profile"), [
    ("embed/quiz/egress/index.html", "embed"),
    ("embed/exercise/eni-count/oembed.json", "embed"),
    ("embed/index.html", "site"),
    ("assets/ln/embed-host.js", "host-script"),
    ("assets/ln/embed.js", "site"),
    ("index.html", "site"),
])
def test_profile_of(path: str, profile: str) -> None:
    assert security.profile_of(path) == profile


def test_a_configured_frame_list_replaces_the_default(tmp_path: Path) -> None:
    """The hook end to end on a small site, as a wiki admin would configure it."""
    for rel in ("index.html", "embed/quiz/q/index.html"):
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
                          "<script>var a = 1;</script></head><body></body></html>",
                          encoding="utf-8")
    (tmp_path / "assets" / "ln").mkdir(parents=True)
    (tmp_path / "assets" / "ln" / "embed-host.js").write_text("//", encoding="utf-8")
    config = SimpleNamespace(site_dir=str(tmp_path), site_url="https://learn.example.com/",
                             extra={"embed_frame_ancestors": ["https://wiki.example.com"]})
    hook.on_post_build(config)
    rules = serve.read_rules(tmp_path / "_headers")
    embed = directives(serve.headers_for(rules, "/embed/quiz/q/")["Content-Security-Policy"])
    site = directives(serve.headers_for(rules, "/")["Content-Security-Policy"])
    assert embed["frame-ancestors"] == ["'self'", "https://wiki.example.com"]
    assert site["frame-ancestors"] == ["'self'"]
    assert (sha256("var a = 1;") in embed["script-src"]
            and sha256("var a = 1;") in site["script-src"])


def test_pictures_drawn_in_the_browser_keep_their_style(site: Served) -> None:
    from lambdanet_edu.pictures.svg import STYLE

    for page in ("egress/", "embed/exercise/give-internet-access/"):
        _, headers = fetch(site.url + page)
        assert sha256(STYLE) in directives(headers["Content-Security-Policy"])["style-src-elem"]
