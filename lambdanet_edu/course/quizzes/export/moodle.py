"""Moodle XML: a ``<question type="category">`` per quiz, then one question per variant.

Choice questions become ``multichoice`` (``single`` true or false), numbers ``numerical`` (with
their tolerance) and addresses ``shortanswer``. Right answers carry fraction 100 (split among
them for a multiple choice, whose wrong answers take the same share back); known wrong answers
carry 0 and the feedback that names the misconception.

HTML goes in CDATA sections, as Moodle's own exporter writes it: Moodle's importer drops
whitespace-only pieces of character data, so the space in ``</strong> <code>`` would be lost if
the HTML were escaped into many pieces. Newlines inside the HTML are written as ``&#10;`` (the
same text to a browser), so a CDATA section is one piece however it is split into lines.

Examples:
    >>> from lambdanet_edu.course import compiled_quizzes
    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(export_moodle(compiled_quizzes()[:1]))
    >>> [q.get("type") for q in root][:3]
    ['category', 'multichoice', 'multichoice']
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from lambdanet_edu.course.quizzes.export._common import (
    feedback_html,
    question_html,
    variants,
    weight,
)

__all__ = ["export_moodle"]

_TYPES = {"single": "multichoice", "multiple": "multichoice", "number": "numerical",
          "address": "shortanswer"}


def export_moodle(quizzes: Sequence[dict[str, Any]]) -> bytes:
    """Compiled quizzes as one Moodle XML file (UTF-8).

    Examples:
        >>> export_moodle([])
        b"<?xml version='1.0' encoding='utf-8'?>\\n<quiz />"
    """
    root = ET.Element("quiz")
    cdata: list[str] = []
    for quiz in quizzes:
        category = ET.SubElement(root, "question", type="category")
        _text(ET.SubElement(category, "category"), f"$course$/top/lambdanet-edu/{quiz['title']}")
        for item, question, variant in variants(quiz):
            root.append(_question(item, question["input"], variant, cdata))
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    text = _MARK.sub(lambda m: _cdata(cdata[int(m.group(1))]), text)
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + text).encode("utf-8")


# Where an HTML text goes: ElementTree escapes text and has no CDATA, so the HTML is put in
# after serialising, in place of a mark no escaped text can contain.
_MARK = re.compile("\ue000(\\d+)\ue000")


def _cdata(html: str) -> str:
    """``html`` as one CDATA section: ``]]>`` split across two, newlines as ``&#10;``."""
    return "<![CDATA[" + html.replace("\n", "&#10;").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(parent: ET.Element, text: str) -> ET.Element:
    ET.SubElement(parent, "text").text = text
    return parent


def _html(parent: ET.Element, tag: str, text: str, cdata: list[str]) -> None:
    cdata.append(text)
    _text(ET.SubElement(parent, tag, format="html"), f"\ue000{len(cdata) - 1}\ue000")


def _question(item: str, kind: str, variant: dict[str, Any], cdata: list[str]) -> ET.Element:
    q = ET.Element("question", type=_TYPES[kind])
    _text(ET.SubElement(q, "name"), item)
    _html(q, "questiontext", question_html(variant), cdata)
    _html(q, "generalfeedback", variant["explanation"], cdata)
    for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"),
                       ("idnumber", item)):
        ET.SubElement(q, tag).text = value
    if kind in ("single", "multiple"):
        _choices(q, kind, variant["choices"], cdata)
    elif kind == "number":
        answer = variant["answer"]
        _answer(q, "100", str(answer["value"]), "", cdata, answer["tolerance"], plain=True)
        for w in variant["wrong"]:
            _answer(q, "0", str(w["value"]), feedback_html(w["misconception"], w["explanation"]),
                    cdata, answer["tolerance"], plain=True)
    else:
        ET.SubElement(q, "usecase").text = "0"
        for form in variant["answer"]["accept"]:
            _answer(q, "100", form, "", cdata, plain=True)
        for w in variant["wrong"]:
            _answer(q, "0", w["value"], feedback_html(w["misconception"], w["explanation"]),
                    cdata, plain=True)
    return q


def _choices(q: ET.Element, kind: str, choices: list[dict[str, Any]], cdata: list[str]) -> None:
    for tag, value in (("single", "true" if kind == "single" else "false"),
                       ("shuffleanswers", "true"), ("answernumbering", "abc")):
        ET.SubElement(q, tag).text = value
    right = sum(c["correct"] for c in choices)
    wrong = len(choices) - right
    for c in choices:
        if kind == "single":
            fraction = "100" if c["correct"] else "0"
        else:
            fraction = weight(right) if c["correct"] else "-" + weight(wrong)
        _answer(q, fraction, c["html"], feedback_html(c["misconception"], c["explanation"]),
                cdata)


def _answer(q: ET.Element, fraction: str, text: str, feedback: str, cdata: list[str],
            tolerance: float | None = None, *, plain: bool = False) -> None:
    answer = ET.SubElement(q, "answer", fraction=fraction,
                           format="moodle_auto_format" if plain else "html")
    if plain:
        ET.SubElement(answer, "text").text = text
    else:
        cdata.append(text)
        ET.SubElement(answer, "text").text = f"\ue000{len(cdata) - 1}\ue000"
    if tolerance is not None:
        ET.SubElement(answer, "tolerance").text = str(tolerance)
    _html(answer, "feedback", feedback, cdata)

