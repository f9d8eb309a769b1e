"""The API reference and the "Names you can use" panel (hooks/site_build/reference.py), the
names an exercise declares (``Exercise(names=...)``) and hints rendered as Markdown."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from lambdanet_edu import LambdaNetError
from lambdanet_edu.course import EXERCISES, Case, Exercise
from site_build import course, reference, widgets
from tests.conftest import ROOT, Served


def _exercise(**changes: object) -> Exercise:
    fields: dict[str, object] = {
        "id": "x", "title": "t", "statement": "s", "entry": "f", "starter": "", "success": "",
        "solution": "def f():\n    return 1\n", "cases": (Case(label="no input"),)}
    return Exercise(**(fields | changes))  # type: ignore[arg-type]


# --- Exercise.names -------------------------------------------------------------------------

@pytest.mark.parametrize(("names", "message"), [
    (["RouteTable"], r"x\.names must be a tuple of names"),
    ("RouteTable", r"x\.names must be a tuple of names"),
    (("Route Table",), r"x\.names must be a dotted Python name.*got 'Route Table'"),
    (("Vpc.",), r"must be a dotted Python name.*got 'Vpc\.'"),
    ((".route_table_for",), r"must be a dotted Python name"),
    ((3,), r"must be a dotted Python name.*got 3"),
    ((None,), r"must be a dotted Python name.*got None"),
    (("Vpc", "Vpc"), r"x\.names must be each name once"),
])
def test_exercise_names_must_be_distinct_dotted_names(names: object, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        _exercise(names=names)


def test_exercise_names_default_to_none_and_keep_their_order() -> None:
    assert _exercise().names == ()
    assert _exercise(names=("Vpc.route_table_for", "RouteTable")).names == (
        "Vpc.route_table_for", "RouteTable")


def test_the_exercises_that_build_model_values_name_what_they_need() -> None:
    assert "Vpc.route_table_for" in EXERCISES["give-internet-access"].names
    assert "RouteTable" in EXERCISES["give-internet-access"].names
    assert "GatewayEndpoint" in EXERCISES["s3-without-nat"].names
    assert "AclRule" in EXERCISES["nacl-replies"].names


# --- resolving names to reference entries ---------------------------------------------------

@pytest.mark.parametrize(("name", "url"), [
    ("RouteTable", "../reference/network/#lambdanet_edu.network.RouteTable"),
    ("Vpc.route_table_for", "../reference/network/#lambdanet_edu.network.Vpc.route_table_for"),
    ("can_reach", "../reference/egress/#lambdanet_edu.egress.can_reach"),
    ("LambdaFunction", "../reference/functions/#lambdanet_edu.functions.LambdaFunction"),
    ("concurrency_timeline", "../reference/scaling/#lambdanet_edu.scaling.concurrency_timeline"),
])
def test_a_name_resolves_to_the_page_documenting_its_module(name: str, url: str) -> None:
    found = reference.entry(name)
    assert found.url("../") == url
    assert found.summary and "`" not in found.summary


@pytest.mark.parametrize(("name", "message"), [
    ("NoSuchThing", r"'NoSuchThing' is not exported by lambdanet_edu"),
    ("Vpc.no_such_method", r"Vpc has no attribute 'no_such_method'"),
    ("dataclasses", r"is not exported by lambdanet_edu"),
])
def test_an_unknown_name_fails_naming_it(name: str, message: str) -> None:
    with pytest.raises(PluginError, match=message):
        reference.entry(name)


def test_every_reference_page_exists_and_documents_its_modules() -> None:
    for module, page in reference.REFERENCE_PAGES.items():
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert re.search(rf"^::: {re.escape(module)}$", text, re.MULTILINE), (page, module)


def test_the_panel_links_each_name_and_opens_a_new_tab_only_in_embeds() -> None:
    ex = EXERCISES["give-internet-access"]
    panel = reference.names_panel(ex, "../")
    assert panel.startswith('<div class="ln-names" id="names-give-internet-access">')
    assert "Names you can use" in panel
    assert ('<a href="../reference/network/#lambdanet_edu.network.Vpc.route_table_for">'
            "<code>Vpc.route_table_for</code></a>") in panel
    assert "target=" not in panel and "\n" not in panel
    embed = reference.names_panel(ex, "https://learn.example.com/", new_tab=True)
    assert 'href="https://learn.example.com/reference/network/#' in embed
    assert 'target="_blank" rel="noopener"' in embed
    assert reference.names_panel(EXERCISES["legacy-eni-formula"], "../") == ""


def test_an_exercise_naming_something_unknown_fails_the_panel() -> None:
    ex = dataclasses.replace(EXERCISES["nacl-replies"], names=("AclRule", "AclRules"))
    with pytest.raises(PluginError, match=r"exercise 'nacl-replies': name 'AclRules'"):
        reference.names_panel(ex, "../")


def test_the_built_check_fails_on_a_name_with_no_anchor(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "reference" / "network"
    page.mkdir(parents=True)
    page.joinpath("index.html").write_text(
        '<h2 id="lambdanet_edu.network.AclRule">AclRule</h2>', encoding="utf-8")
    ex = dataclasses.replace(EXERCISES["nacl-replies"], names=("AclRule",))
    monkeypatch.setattr(course, "exercises", lambda: {ex.id: ex})
    reference.check_built(str(tmp_path))  # documented: passes
    ex = dataclasses.replace(ex, names=("AclRule", "NetworkAcl"))
    monkeypatch.setattr(course, "exercises", lambda: {ex.id: ex})
    with pytest.raises(PluginError, match=r"name 'NetworkAcl' has no entry in the API reference "
                                          r"\(no #lambdanet_edu\.network\.NetworkAcl on "):
        reference.check_built(str(tmp_path))
    ex = dataclasses.replace(ex, names=("can_reach",))
    monkeypatch.setattr(course, "exercises", lambda: {ex.id: ex})
    with pytest.raises(PluginError, match=r"reference/egress\.md, which the build did not write"):
        reference.check_built(str(tmp_path))


# --- hints ----------------------------------------------------------------------------------

def test_hints_are_rendered_like_the_statement() -> None:
    assert widgets.hint_html("A set ignores order: `frozenset(ids)`, **always**.") == (
        "<p>A set ignores order: <code>frozenset(ids)</code>, <strong>always</strong>.</p>")
    assert widgets.hint_html("Compare `a < b` & go") == (
        "<p>Compare <code>a &lt; b</code> &amp; go</p>")


@pytest.mark.parametrize("hint", [
    "Click <b>here</b>", "[the docs](https://example.com)", "![x](y.png)",
    "<script>alert(1)</script>", '<p class="x">styled</p>'])
def test_a_hint_with_markup_beyond_text_and_code_fails_the_build(hint: str) -> None:
    with pytest.raises(PluginError, match=r"h must be Markdown text, code and emphasis only"):
        widgets.hint_html(hint, "h")


def test_every_hint_of_the_course_renders() -> None:
    for ex in EXERCISES.values():
        for i, hint in enumerate(ex.hints):
            assert widgets.hint_html(hint, f"{ex.id}.hints[{i}]").startswith("<p>")


# --- the built site -------------------------------------------------------------------------

def test_the_built_reference_has_every_entry_an_exercise_links(site: Served) -> None:
    for ex in EXERCISES.values():
        for name in ex.names:
            found = reference.entry(name)
            built = site.site / found.url("").split("#")[0] / "index.html"
            assert f'id="{found.anchor}"' in built.read_text(encoding="utf-8"), (ex.id, name)
    egress = (site.site / "egress" / "index.html").read_text(encoding="utf-8")
    assert 'href="../reference/network/#lambdanet_edu.network.Vpc.route_table_for"' in egress
    embed = (site.site / "embed" / "exercise" / "give-internet-access" / "index.html").read_text(
        encoding="utf-8")
    assert f'href="{site.url}reference/network/#lambdanet_edu.network.RouteTable"' in embed


@pytest.mark.parametrize(("text", "expected"), [
    ("A :class:`~lambdanet_edu.network.subnets.Subnet`.", "A `Subnet`."),
    ("See :mod:`lambdanet_edu.facts` and :data:`SIMPLIFICATIONS`.",
     "See `lambdanet_edu.facts` and `SIMPLIFICATIONS`."),
    (":func:`~lambdanet_edu.egress.can_reach` and :py:meth:`Vpc.route_table_for`",
     "`can_reach` and `Vpc.route_table_for`"),
    ("Plain ``code`` stays.", "Plain ``code`` stays."),
])
def test_sphinx_roles_in_docstrings_read_as_code_in_the_reference(text: str, expected: str) -> None:
    from site_build.docstrings import plain_roles

    assert plain_roles(text) == expected


def test_the_built_reference_shows_no_sphinx_roles(site: Served) -> None:
    for page in (site.site / "reference").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r":(class|func|mod|data|meth):<code>", text), page
