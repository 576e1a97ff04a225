"""package: relationships, content types, core properties and the letter's package."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.rel import Relationships
from lxml import etree

from drafter.document import Notice
from drafter.infra.ooxml import CT_XML, RT_HYPERLINK
from drafter.render.docx import package as pkg
from drafter.render.docx.letterhead import reference_source
from drafter.render.docx.styles import reference
from tests.helpers.docx_oracle import set_properties


def test_relationships_are_written_as_python_docx_writes_them() -> None:
    rels = Relationships("/word")
    ours = []
    for i, (target, external) in enumerate([("https://a.example/?x=1&y=\"2\"", True),
                                            ("styles.xml", False),
                                            ("https://b.example/<tag>\t", True)], start=1):
        if external:
            rels.add_relationship(RT.HYPERLINK, target, f"rId{i}", is_external=True)
            ours.append(pkg.Rel(f"rId{i}", RT.HYPERLINK, target, True, target))
        else:
            part = Part(PackURI("/word/" + target), CT.WML_STYLES)
            rels.add_relationship(RT.STYLES, part, f"rId{i}")
            ours.append(pkg.Rel(f"rId{i}", RT.STYLES, "/word/" + target, False, target))
    expected: Any = rels.xml  # bytes, whatever python-docx's annotation says
    assert pkg.rels_xml(ours) == expected


@pytest.mark.parametrize(("partname", "base"), [
    ("/word/numbering.xml", "/word"), ("/docProps/core.xml", "/"), ("/word/media/a.png", "/word"),
    ("/customXml/item1.xml", "/word")])
def test_part_names_are_python_docx_part_names(partname: str, base: str) -> None:
    uri = PackURI(partname)
    assert pkg.relative_ref(partname, base) == uri.relative_ref(base)
    assert pkg.rels_member(partname) == uri.rels_uri.membername


def test_a_reparsed_part_is_written_back_unchanged() -> None:
    for part in reference_source().parts.values():
        if part.blob.startswith(b"<?xml"):
            assert pkg.serialize(etree.fromstring(part.blob, pkg.OXML_PARSER)) == part.blob


def test_content_types_default_by_extension_and_override_by_part() -> None:
    xml = pkg.content_types([
        ("/word/document.xml", "xml", CT.WML_DOCUMENT_MAIN, False),
        ("/word/media/image1.png", "png", CT.PNG, True),
        ("/docProps/core.xml", "xml", CT.OPC_CORE_PROPERTIES, False),
    ])
    root = etree.fromstring(xml)
    defaults = [(e.get("Extension"), e.get("ContentType")) for e in root if "Default" in e.tag]
    overrides = [(e.get("PartName"), e.get("ContentType")) for e in root if "Override" in e.tag]
    assert defaults == [("png", CT.PNG), ("rels", CT.OPC_RELATIONSHIPS), ("xml", CT_XML)]
    assert overrides == [("/docProps/core.xml", CT.OPC_CORE_PROPERTIES),
                         ("/word/document.xml", CT.WML_DOCUMENT_MAIN)]
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n")


@pytest.mark.parametrize("notice", [
    Notice((), title="Refusal notice", meta={"author": "A & B <c>", "reference": "FOI/1"}),
    Notice((), meta={"title": "From meta", "subject": "Subject", "reference": "R"}),
    Notice((), title="é\x01" * 300),
    Notice(()),
], ids=["title", "meta", "long and invalid", "empty"])
def test_core_properties_are_what_python_docx_sets(notice: Notice) -> None:
    """Set once, on the XML, exactly as python-docx's core_properties setters set them."""
    doc = docx.Document(io.BytesIO(reference()))
    set_properties(doc, notice)
    expected = pkg.serialize(doc.core_properties._element)
    source = reference_source()
    core = etree.fromstring(source.parts[source.core].blob, pkg.OXML_PARSER)
    pkg.set_core_properties(core, notice)
    assert pkg.serialize(core) == expected
    assert b"created" not in expected and b"modified>" not in expected


def test_a_letter_relates_parts_and_links_as_python_docx_does() -> None:
    source = reference_source()
    letter = pkg.Letter(source)
    document = source.document
    first = letter.relate_to(document, "https://a.example/", RT_HYPERLINK, True)
    assert letter.relate_to(document, "https://a.example/", RT_HYPERLINK, True) == first
    second = letter.part(document).relate_to("https://b.example/", RT_HYPERLINK, True)
    taken = {rel.rid for rel in source.parts[document].rels}
    expected = [f"rId{n}" for n in range(1, 10) if f"rId{n}" not in taken][:2]
    assert [first, second] == expected
    assert source.parts[document].rels == reference_source().parts[document].rels  # untouched


def test_a_letter_adds_parts_under_free_names() -> None:
    letter = pkg.Letter(reference_source())
    assert letter.next_partname("/word/header%d.xml") == "/word/header1.xml"
    root = etree.fromstring(b"<x/>")
    letter.add_part("/word/header1.xml", CT.WML_HEADER, root)
    assert letter.next_partname("/word/header%d.xml") == "/word/header1.xml"  # not related yet
    letter.relate_to(letter.source.document, "/word/header1.xml", RT.HEADER, False)
    assert letter.next_partname("/word/header%d.xml") == "/word/header2.xml"
    assert letter.iter_parts()[-1] == "/word/header1.xml"
    with zipfile.ZipFile(io.BytesIO(letter.write())) as z:
        assert z.read("word/header1.xml").endswith(b"<x/>")
        assert b'PartName="/word/header1.xml"' in z.read("[Content_Types].xml")
        assert b'Target="header1.xml"' in z.read("word/_rels/document.xml.rels")
    assert pkg.free_partname({"/word/numbering.xml"}, "/word/numbering.xml") == (
        "/word/numbering2.xml")
