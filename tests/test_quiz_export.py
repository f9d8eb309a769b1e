"""The exports, parsed back: QTI 2.1 zip, Moodle XML and GIFT hold every variant of every
question with the compiled answer key and a feedback per known wrong answer; the CLI writes them
and refuses a bad format or quiz id in one line; the built site offers every download."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html import escape
from pathlib import Path
from typing import Any, ClassVar
from xml.parsers import expat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lambdanet_edu.course import QUIZZES, compiled_quizzes
from lambdanet_edu.course.cli import main
from lambdanet_edu.course.quizzes import Choice, Parts, Question
from lambdanet_edu.course.quizzes.export import EXPORTERS, FILE_SUFFIXES, export, moodle
from lambdanet_edu.course.quizzes.markup import inline_html, plain_text
from site_build.state import state_of

ROOT = Path(__file__).resolve().parent.parent
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
COMPILED = compiled_quizzes()


def items(quizzes: list[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Item id -> (question, variant), as every export names them."""
    return {f"{quiz['id']}-{q['id']}-v{n}": (q, v) for quiz in quizzes for q in quiz["questions"]
            for n, v in enumerate(q["variants"], start=1)}


def key(question: dict[str, Any], variant: dict[str, Any]) -> Any:
    if question["input"] in ("single", "multiple"):
        return sorted(c["id"] for c in variant["choices"] if c["correct"])
    return variant["answer"]["value"]


# QTI 2.1


def check_qti(data: bytes, quizzes: list[dict[str, Any]]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    by_type: dict[str, list[ET.Element]] = {}
    for resource in resources:
        by_type.setdefault(resource.get("type", ""), []).append(resource)
    (test_resource,) = by_type["imsqti_test_xmlv2p1"]
    expected = items(quizzes)
    listed = [r.get("href") for r in by_type["imsqti_item_xmlv2p1"]]
    assert listed == [f"items/{item}.xml" for item in expected]
    assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", "assessment.xml", *listed])
    assert len(test_resource.findall(f"{CP}dependency")) == len(listed)
    test = ET.fromstring(archive.read("assessment.xml"))
    refs = [ref.get("href") for ref in test.iter(f"{QTI}assessmentItemRef")]
    assert refs == listed
    for group in test.iter(f"{QTI}assessmentSection"):
        if group.get("visible") == "false":
            assert group.find(f"{QTI}selection").get("select") == "1"
    for item, (question, variant) in expected.items():
        root = ET.fromstring(archive.read(f"items/{item}.xml"))
        assert root.tag == f"{QTI}assessmentItem" and root.get("identifier") == item
        values = [v.text for v in root.iter(f"{QTI}value")
                  if v in list(root.find(f"{QTI}responseDeclaration/{QTI}correctResponse"))]
        feedback = {f.get("identifier"): "".join(f.itertext())
                    for f in root.findall(f"{QTI}modalFeedback")}
        kind = question["input"]
        if kind in ("single", "multiple"):
            assert sorted(values) == key(question, variant)
            interaction = root.find(f"{QTI}itemBody/{QTI}choiceInteraction")
            assert interaction.get("maxChoices") == ("1" if kind == "single" else "0")
            assert [c.get("identifier") for c in interaction] == [
                c["id"] for c in variant["choices"]]
            for choice in variant["choices"]:
                if not choice["correct"]:
                    assert choice["misconception"] in feedback[choice["id"]]
        else:
            (value,) = values
            assert root.find(f"{QTI}itemBody//{QTI}textEntryInteraction") is not None
            if kind == "number":
                assert float(value) == variant["answer"]["value"]
                equal = root.find(f"{QTI}responseProcessing//{QTI}equal")
                assert equal.get("toleranceMode") == "absolute"
                assert float(equal.get("tolerance").split()[0]) == variant["answer"]["tolerance"]
            else:
                assert value == variant["answer"]["value"]
                entries = root.iter(f"{QTI}mapEntry")
                assert [e.get("mapKey") for e in entries] == variant["answer"]["accept"]
            for n, wrong in enumerate(variant["wrong"], start=1):
                assert wrong["misconception"] in feedback[f"W{n}"]
        assert "CORRECT" in feedback


# Moodle XML


def check_moodle(data: bytes, quizzes: list[dict[str, Any]]) -> None:
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    categories = [q for q in root if q.get("type") == "category"]
    assert [c.findtext("category/text") for c in categories] == [
        f"$course$/top/lambdanet-edu/{quiz['title']}" for quiz in quizzes]
    questions = {q.findtext("name/text"): q for q in root if q.get("type") != "category"}
    expected = items(quizzes)
    assert list(questions) == list(expected)
    for item, (question, variant) in expected.items():
        q = questions[item]
        answers = q.findall("answer")
        right = [a for a in answers if float(a.get("fraction")) > 0]
        kind = question["input"]
        if kind in ("single", "multiple"):
            assert q.get("type") == "multichoice"
            assert q.findtext("single") == ("true" if kind == "single" else "false")
            texts = [a.findtext("text") for a in answers]
            assert texts == [c["html"] for c in variant["choices"]]
            assert [a.findtext("text") for a in right] == [
                c["html"] for c in variant["choices"] if c["correct"]]
            assert sum(float(a.get("fraction")) for a in right) == pytest.approx(100, abs=0.001)
            for answer, choice in zip(answers, variant["choices"], strict=True):
                if not choice["correct"]:
                    assert escape(choice["misconception"]) in answer.findtext("feedback/text")
        else:
            assert q.get("type") == ("numerical" if kind == "number" else "shortanswer")
            full = [a for a in answers if a.get("fraction") == "100"]
            if kind == "number":
                (answer,) = full
                assert float(answer.findtext("text")) == variant["answer"]["value"]
                assert float(answer.findtext("tolerance")) == variant["answer"]["tolerance"]
            else:
                assert [a.findtext("text") for a in full] == variant["answer"]["accept"]
            wrong = [a for a in answers if a.get("fraction") == "0"]
            assert len(wrong) == len(variant["wrong"])
            for answer, w in zip(wrong, variant["wrong"], strict=True):
                assert answer.findtext("text") == str(w["value"])
                assert escape(w["misconception"]) in answer.findtext("feedback/text")


def moodle_import(xml: bytes) -> list[dict[str, str]]:
    """Each question's texts as Moodle's importer reads them: its XML parser drops the pieces of
    character data that are whitespace only (expat hands text over in pieces, split at markup,
    entity references and line ends). One dict per question: element path -> text."""
    questions: list[dict[str, str]] = []
    path: list[str] = []
    texts: dict[str, str] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "question":
            texts.clear()
        path.append(tag)

    def end(tag: str) -> None:
        path.pop()
        if tag == "question":
            questions.append(dict(texts))

    def text(piece: str) -> None:
        if piece.strip() and path[-1] == "text":
            where = "/".join(path[path.index("question") + 1:])
            texts[where] = texts.get(where, "") + piece

    parser = expat.ParserCreate()
    parser.buffer_text = False
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.Parse(xml, True)
    return questions


def test_moodle_import_keeps_whitespace_only_pieces_of_html() -> None:
    """"need no route.</strong> <code>s3</code>": escaped, the space is a piece of its own and
    Moodle drops it ("route.s3"); in CDATA the HTML is one piece and keeps it."""
    quizzes = list(compiled_quizzes())
    imported = [q for q in moodle_import(export(quizzes, "moodle")) if "name/text" in q]
    feedback = [text for q in imported for where, text in q.items()
                if where.endswith("feedback/text")]
    assert any("need no route.</strong> <code>s3</code>" in text for text in feedback)
    variants = items(quizzes)
    assert [q["name/text"] for q in imported] == list(variants)
    for q, (_question, variant) in zip(imported, variants.values(), strict=True):
        assert q["generalfeedback/text"] == variant["explanation"].replace("\n", "&#10;")


def test_moodle_cdata_holds_any_text() -> None:
    section = moodle._cdata("a]]>b\nc <d>")
    assert ET.fromstring(f"<t>{section}</t>").text == "a]]>b&#10;c <d>"


# GIFT


_UNESCAPE = re.compile(r"\\([\\~=#{}:])")
_SPLIT_FEEDBACK = re.compile(r"(?<!\\)#")


def parse_gift(text: str) -> dict[str, dict[str, Any]]:
    """A small GIFT reader: question title -> kind, right answers, weighted and wrong ones."""
    questions: dict[str, dict[str, Any]] = {}
    for block in text.strip().split("\n\n"):
        if block.startswith("$CATEGORY:"):
            continue
        lines = block.split("\n")
        title = re.match(r"::(.+?)::", lines[0])
        assert title and lines[0].endswith(("{", "{#")) and lines[-1] == "}", block
        numeric = lines[0].endswith("{#")
        parsed: dict[str, Any] = {"numeric": numeric, "right": [], "weighted": [], "wrong": [],
                                  "feedback": []}
        for line in lines[1:-1]:
            if line.startswith("####"):
                continue
            mark, rest = line[0], line[1:]
            weight = re.match(r"%(-?[\d.]+)%", rest)
            if weight:
                rest = rest[weight.end():]
            answer, *feedback = _SPLIT_FEEDBACK.split(rest, maxsplit=1)
            value = _UNESCAPE.sub(r"\1", answer)
            if weight:
                parsed["weighted"].append((float(weight.group(1)), value))
            elif mark == "=":
                parsed["right"].append(value)
            else:
                parsed["wrong"].append(value)
            parsed["feedback"].append(_UNESCAPE.sub(r"\1", feedback[0]) if feedback else "")
        questions[title.group(1)] = parsed
    return questions


def check_gift(data: bytes, quizzes: list[dict[str, Any]]) -> None:
    text = data.decode("utf-8")
    assert [line for line in text.splitlines() if line.startswith("$CATEGORY:")] == [
        f"$CATEGORY: $course$/top/lambdanet-edu/{quiz['title']}" for quiz in quizzes]
    parsed = parse_gift(text)
    expected = items(quizzes)
    assert list(parsed) == list(expected)
    for item, (question, variant) in expected.items():
        got = parsed[item]
        kind = question["input"]
        if kind == "single":
            assert got["right"] == [c["html"] for c in variant["choices"] if c["correct"]]
        elif kind == "multiple":
            positive = [v for w, v in got["weighted"] if w > 0]
            assert positive == [c["html"] for c in variant["choices"] if c["correct"]]
            assert sum(w for w, _ in got["weighted"] if w > 0) == pytest.approx(100, abs=0.001)
        elif kind == "number":
            assert got["numeric"]
            value, tolerance = got["right"][0].split(":")
            assert float(value) == variant["answer"]["value"]
            assert float(tolerance) == variant["answer"]["tolerance"]
            assert [float(v.split(":")[0]) for _, v in got["weighted"]] == [
                w["value"] for w in variant["wrong"]]
        else:
            assert got["right"] == variant["answer"]["accept"]
            assert [v for _, v in got["weighted"]] == [w["value"] for w in variant["wrong"]]
        for w in variant["wrong"]:
            assert any(escape(w["misconception"]) in f for f in got["feedback"])
        for c in variant["choices"]:
            if not c["correct"]:
                assert any(escape(c["misconception"]) in f for f in got["feedback"])


CHECKS = {"qti": check_qti, "moodle": check_moodle, "gift": check_gift}
SELECTIONS = {"all": COMPILED, **{quiz["id"]: [quiz] for quiz in COMPILED}}


@pytest.mark.parametrize("fmt", list(EXPORTERS))
@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_export_holds_every_variant_with_its_key_and_feedback(fmt: str, selection: str) -> None:
    quizzes = SELECTIONS[selection]
    CHECKS[fmt](export(quizzes, fmt), quizzes)


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_exports_are_byte_for_byte_reproducible(fmt: str) -> None:
    assert export(COMPILED, fmt) == export(compiled_quizzes(), fmt)


def test_qti_zip_entries_carry_a_fixed_timestamp() -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(COMPILED, "qti")))
    assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(("text", "escaped"), [
    ("a:b", r"a\:b"), ("{x}", r"\{x\}"), ("~=#", r"\~\=\#"), ("back\\slash", r"back\\slash"),
])
def test_gift_escapes_its_special_characters(text: str, escaped: str) -> None:
    from lambdanet_edu.course.quizzes.export.gift import escape

    assert escape(text) == escaped
    assert _UNESCAPE.sub(r"\1", escape(text)) == text


# Command line


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_cli_exports_the_chosen_quizzes(fmt: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"quizzes{FILE_SUFFIXES[fmt]}"
    assert main(["quiz", "export", "--format", fmt, "--quiz", "egress", "--quiz", "scaling",
                 "-o", str(out)]) == 0
    chosen = [quiz for quiz in COMPILED if quiz["id"] in ("egress", "scaling")]
    CHECKS[fmt](out.read_bytes(), chosen)
    assert str(out) in capsys.readouterr().out


def test_cli_exports_everything_by_default(tmp_path: Path) -> None:
    out = tmp_path / "all.gift.txt"
    done = subprocess.run([sys.executable, "-m", "lambdanet_edu.course", "quiz", "export",
                           "--format",
                           "gift", "-o", str(out)], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr
    check_gift(out.read_bytes(), COMPILED)


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "pdf"], "--format must be one of qti, moodle, gift, got 'pdf'"),
    (["--format", "gift", "--quiz", "egress", "nope"],
     "--quiz must be one of start, where-it-runs, ip-addresses, egress, scaling, "
     "troubleshooting, your-network, got 'nope'"),
])
def test_cli_refuses_a_bad_format_or_quiz_in_one_line(
        argv: list[str], message: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x"
    assert main(["quiz", "export", *argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not out.exists()


def test_cli_lists_the_quizzes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == list(QUIZZES)


# The built site


def hook() -> Any:
    import quiz_exports  # hooks/ is on pytest's pythonpath

    return quiz_exports


def test_a_bad_quiz_fails_the_build_naming_file_and_question(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    import lambdanet_edu.course

    def broken() -> list[dict[str, Any]]:
        Question(id="nat-route", kind="single", scenario=lambda: Parts(
            prompt="Which?", explanation="E", choices=(
                Choice(text="A", misconception="M", explanation="E"),
                Choice(text="B", misconception="M", explanation="E"))))
        return []

    monkeypatch.setattr(lambdanet_edu.course, "compiled_quizzes", broken)

    class Config:
        extra: ClassVar[dict[str, Any]] = {}

    with pytest.raises(PluginError, match=r"tests/test_quiz_export\.py: question 'nat-route' "
                                          r"variant 1: no choice is marked correct"):
        hook().on_config(Config)


def test_site_offers_every_download_and_each_parses(site: Any) -> None:
    class Config:
        extra: ClassVar[dict[str, Any]] = {}

    hook().on_config(Config)
    downloads = state_of(Config).quiz_downloads
    assert len(downloads) == (len(QUIZZES) + 1) * len(EXPORTERS)
    for download in downloads:
        data = (site.site / download["path"]).read_bytes()
        chosen = SELECTIONS["all" if download["quiz"] is None else download["quiz"]]
        CHECKS[download["format"]](data, chosen)


# Properties: any text an author writes reaches every format intact

XML_TEXT = st.text(alphabet=st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"))


@settings(max_examples=200, deadline=None)
@given(XML_TEXT)
def test_any_inline_html_is_well_formed_xml_reading_as_the_plain_text(text: str) -> None:
    """QTI embeds the compiled HTML as XHTML elements: it must parse, and read as typed."""
    element = ET.fromstring(f"<p>{inline_html(text)}</p>")
    assert "".join(element.itertext()) == plain_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_gift_escape_round_trips_and_leaves_no_special_character_bare(text: str) -> None:
    from lambdanet_edu.course.quizzes.export.gift import escape

    escaped = escape(text)
    assert "\n" not in escaped
    assert _UNESCAPE.sub(r"\1", escaped) == text.replace("\n", "&#10;")
    assert not re.search(r"(?<!\\)(?:\\\\)*[~=#{}:]", escaped)
