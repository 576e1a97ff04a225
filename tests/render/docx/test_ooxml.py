"""infra/ooxml: the OOXML names and helpers the writer, the reader and the test dump share."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.spec import default_content_types
from lxml import etree

from drafter.infra import ooxml


def test_names_are_python_docx_names() -> None:
    assert (ooxml.RT_HYPERLINK, ooxml.RT_NUMBERING, ooxml.RT_HEADER, ooxml.RT_FOOTER) == (
        RT.HYPERLINK, RT.NUMBERING, RT.HEADER, RT.FOOTER)
    assert (ooxml.CT_NUMBERING, ooxml.CT_HEADER, ooxml.CT_FOOTER) == (
        CT.WML_NUMBERING, CT.WML_HEADER, CT.WML_FOOTER)
    assert (ooxml.CT_RELATIONSHIPS, ooxml.CT_XML) == (CT.OPC_RELATIONSHIPS, CT.XML)
    # Parts the writer adds are named by an Override, never by a Default content type.
    for content_type in (ooxml.CT_HEADER, ooxml.CT_FOOTER):
        assert ("xml", content_type) not in default_content_types
    assert ooxml.W == "{" + ooxml.W_NS + "}"
    assert ooxml.W_SECT_PR == "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr"


def test_forbidden_xml_characters_are_those_of_the_spec() -> None:
    # XML 1.0, section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | ...
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in [*range(0, 0x10000), *range(0x10000, 0x110000, 4099), 0x10FFFF]:
        char = chr(code)
        assert bool(ooxml.XML_INVALID.match(char)) != bool(allowed.match(char)), hex(code)
    assert ooxml.clean("a\x00b\x0bc\ufffed\t\n") == "abcd\t\n"


def test_escaping_matches_saxutils() -> None:
    for text in ["", "plain", "a & b < c > d", "'single'", '"double"', "both ' and \"",
                 "lines\nand\rtabs\t", "&amp; already"]:
        assert ooxml.escape(text) == escape(text)
        assert ooxml.quoteattr(text) == quoteattr(text)


def test_child_and_val_read_the_first_direct_child() -> None:
    root = etree.fromstring(
        f'<w:pPr xmlns:w="{ooxml.W_NS}"><w:pStyle w:val="Body"/><w:pStyle w:val="Second"/>'
        f'<w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>')
    assert ooxml.val(root, ooxml.W_PSTYLE) == "Body"
    assert ooxml.val(root, ooxml.W_NUM_ID) is None  # only direct children
    assert ooxml.val(ooxml.child(root, f"{ooxml.W}numPr"), ooxml.W_NUM_ID) == "3"
    assert ooxml.child(None, ooxml.W_P) is None and ooxml.val(None, ooxml.W_P) is None
    assert ooxml.val(root, f"{ooxml.W}numPr") is None  # present, but without w:val
