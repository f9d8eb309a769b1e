"""QTI 2.1 content packages: the zip Canvas, Blackboard and other LMSs import.

The zip holds ``imsmanifest.xml`` (IMS Content Packaging 1.1), one ``assessmentItem`` per
question variant under ``items/``, and ``assessment.xml``, an ``assessmentTest`` with a section
per quiz that draws one variant of each question. Every item declares its
``correctResponse``; each known wrong answer has ``modalFeedback`` naming its misconception.

Examples:
    >>> import io, zipfile
    >>> from lambdanet_edu.course import compiled_quizzes
    >>> names = zipfile.ZipFile(io.BytesIO(export_qti(compiled_quizzes()[:1]))).namelist()
    >>> names[:2], names[-1]
    (['imsmanifest.xml', 'assessment.xml'], 'items/start-database-fan-out-v3.xml')
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from typing import Any

from lambdanet_edu.course.quizzes.export._common import feedback_html, question_html, variants

__all__ = ["CP_NS", "QTI_NS", "export_qti"]

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
_CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
#: Every file gets this timestamp, so the same quizzes give the same bytes.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _q(tag: str) -> str:
    # Plain names, and the namespaces written as attributes on each root: ElementTree's
    # default_namespace option refuses the unqualified attribute names QTI uses throughout.
    return tag


def export_qti(quizzes: Sequence[dict[str, Any]]) -> bytes:
    """Compiled quizzes as a QTI 2.1 content package (zip bytes, deterministic).

    Examples:
        >>> export_qti([]) == export_qti([])
        True
    """
    files: list[tuple[str, bytes]] = []
    sections = []
    for quiz in quizzes:
        groups: list[tuple[str, list[str]]] = []
        for item, question, variant in variants(quiz):
            if not groups or groups[-1][0] != question["id"]:
                groups.append((question["id"], []))
            groups[-1][1].append(item)
            xml = _xml(_item(item, question, variant), QTI_NS, _QTI_XSD)
            files.append((f"items/{item}.xml", xml))
        sections.append((quiz, groups))
    test = _xml(_test(sections), QTI_NS, _QTI_XSD)
    manifest = _xml(_manifest([name for name, _ in files]), CP_NS, _CP_XSD)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in [("imsmanifest.xml", manifest), ("assessment.xml", test), *files]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def _xml(root: ET.Element, namespace: str, schema: str) -> bytes:
    root.attrib = {"xmlns": namespace, "xmlns:xsi": _XSI,
                   "xsi:schemaLocation": f"{namespace} {schema}", **root.attrib}
    if namespace == CP_NS or root.tag == "assessmentTest":  # items: indenting would add
        ET.indent(root)                                      # spaces inside their HTML
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _html(parent: ET.Element, html: str, tag: str = "div") -> ET.Element:
    """Append ``html`` (safe inline or block HTML) to ``parent`` as QTI XHTML elements."""
    fragment = ET.fromstring(f"<{tag}>{html}</{tag}>")
    parent.append(fragment)
    return fragment


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag), attributes)


def _value(parent: ET.Element, tag: str, base_type: str, value: object) -> ET.Element:
    element = _sub(parent, tag, baseType=base_type)
    element.text = str(value)
    return element


def _item(item: str, question: dict[str, Any], variant: dict[str, Any]) -> ET.Element:
    kind = question["input"]
    root = ET.Element(_q("assessmentItem"), {
        "identifier": item,
        "title": item, "adaptive": "false", "timeDependent": "false"})
    base = {"single": "identifier", "multiple": "identifier", "number": "float",
            "address": "string"}[kind]
    declaration = _sub(root, "responseDeclaration", identifier="RESPONSE",
                       cardinality="multiple" if kind == "multiple" else "single", baseType=base)
    correct = _sub(declaration, "correctResponse")
    if kind in ("single", "multiple"):
        for choice in variant["choices"]:
            if choice["correct"]:
                _sub(correct, "value").text = choice["id"]
    else:
        _sub(correct, "value").text = str(variant["answer"]["value"])
    if kind == "address":
        mapping = _sub(declaration, "mapping", defaultValue="0")
        for form in variant["answer"]["accept"]:
            _sub(mapping, "mapEntry", mapKey=form, mappedValue="1", caseSensitive="false")
    score = _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single",
                 baseType="float")
    _sub(_sub(score, "defaultValue"), "value").text = "0"
    _sub(root, "outcomeDeclaration", identifier="FEEDBACK",
         cardinality="multiple" if kind == "multiple" else "single", baseType="identifier")
    body = _sub(root, "itemBody")
    _html(body, question_html(variant))
    if kind in ("single", "multiple"):
        interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE",
                           shuffle="true", maxChoices="1" if kind == "single" else "0")
        for choice in variant["choices"]:
            simple = _sub(interaction, "simpleChoice", identifier=choice["id"])
            _html(simple, choice["html"], "span")
    else:
        entry = _sub(body, "p")
        _sub(entry, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="18")
    _processing(root, kind, variant)
    _feedback(root, "CORRECT", "Correct", variant["explanation"])
    if kind in ("single", "multiple"):
        for choice in variant["choices"]:
            if not choice["correct"]:
                _feedback(root, choice["id"], choice["misconception"],
                          feedback_html(choice["misconception"], choice["explanation"]))
    for number, wrong in enumerate(variant["wrong"], start=1):
        _feedback(root, f"W{number}", wrong["misconception"],
                  feedback_html(wrong["misconception"], wrong["explanation"]))
    return root


def _processing(root: ET.Element, kind: str, variant: dict[str, Any]) -> None:
    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    branch = _sub(condition, "responseIf")
    if kind in ("single", "multiple"):
        test = _sub(branch, "match")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    elif kind == "number":
        tolerance = variant["answer"]["tolerance"]
        test = _sub(branch, "equal", toleranceMode="absolute", tolerance=f"{tolerance} {tolerance}")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    else:
        test = _sub(branch, "gte")
        _sub(test, "mapResponse", identifier="RESPONSE")
        _value(test, "baseValue", "float", 1)
    _set(branch, "SCORE", _value(ET.Element("x"), "baseValue", "float", 1))
    solved = _value(ET.Element("x"), "baseValue", "identifier", "CORRECT")
    if kind == "multiple":  # FEEDBACK holds a set of identifiers there
        container = ET.Element(_q("multiple"))
        container.append(solved)
        solved = container
    _set(branch, "FEEDBACK", solved)
    if kind in ("single", "multiple"):
        otherwise = _sub(condition, "responseElse")
        _set(otherwise, "FEEDBACK", ET.Element(_q("variable"), identifier="RESPONSE"))
        return
    for number, wrong in enumerate(variant["wrong"], start=1):
        branch = _sub(condition, "responseElseIf")
        if kind == "number":
            tolerance = variant["answer"]["tolerance"]
            test = _sub(branch, "equal", toleranceMode="absolute",
                        tolerance=f"{tolerance} {tolerance}")
            _sub(test, "variable", identifier="RESPONSE")
            _value(test, "baseValue", "float", wrong["value"])
        else:
            test = _sub(branch, "stringMatch", caseSensitive="false")
            _sub(test, "variable", identifier="RESPONSE")
            _value(test, "baseValue", "string", wrong["value"])
        _set(branch, "FEEDBACK", _value(ET.Element("x"), "baseValue", "identifier", f"W{number}"))


def _set(parent: ET.Element, outcome: str, expression: ET.Element) -> None:
    _sub(parent, "setOutcomeValue", identifier=outcome).append(expression)


def _feedback(root: ET.Element, identifier: str, title: str, html: str) -> None:
    feedback = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show",
                    identifier=identifier, title=title)
    _html(feedback, f"<p>{html}</p>")


def _test(sections: list[tuple[dict[str, Any], list[tuple[str, list[str]]]]]) -> ET.Element:
    root = ET.Element(_q("assessmentTest"), {
        "identifier": "lambdanet-edu-quizzes", "title": "lambdanet-edu quizzes"})
    part = _sub(root, "testPart", identifier="part-1", navigationMode="nonlinear",
                submissionMode="individual")
    for quiz, groups in sections:
        section = _sub(part, "assessmentSection", identifier=f"quiz-{quiz['id']}",
                       title=quiz["title"], visible="true")
        for question_id, items in groups:
            # One variant per learner: a hidden sub-section that selects one of its items.
            group = _sub(section, "assessmentSection", identifier=f"{quiz['id']}-{question_id}",
                         title=question_id, visible="false")
            _sub(group, "selection", select="1")
            for item in items:
                _sub(group, "assessmentItemRef", identifier=item, href=f"items/{item}.xml")
    return root


def _manifest(item_files: list[str]) -> ET.Element:
    def cp(tag: str) -> str:
        return tag

    root = ET.Element(cp("manifest"), identifier="lambdanet-edu-quizzes-package")
    metadata = ET.SubElement(root, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(root, cp("organizations"))
    resources = ET.SubElement(root, cp("resources"))
    test = ET.SubElement(resources, cp("resource"), identifier="res-assessment",
                         type="imsqti_test_xmlv2p1", href="assessment.xml")
    ET.SubElement(test, cp("file"), href="assessment.xml")
    for href in item_files:
        identifier = "res-" + href.removeprefix("items/").removesuffix(".xml")
        ET.SubElement(test, cp("dependency"), identifierref=identifier)
        resource = ET.SubElement(resources, cp("resource"), identifier=identifier,
                                 type="imsqti_item_xmlv2p1", href=href)
        ET.SubElement(resource, cp("file"), href=href)
    return root
