"""A letter's own header and footer: the parts, their relationships and the section's references.

A letterhead brings its own header and footer. A letter on the reference document may carry
its own (``Notice.header``, ``Notice.footer``): each becomes a part of the package
(``/word/header1.xml``, ``/word/footer1.xml``) related to the main document and referenced,
as the default header or footer, from the section properties (``w:sectPr``) that end the body.

The parts, names, relationship ids and references are made as python-docx makes them when
``section.header.is_linked_to_previous`` is set to False, so a letter with a header or footer
has the bytes python-docx would give it (the tests compare the two), without python-docx.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Literal

from lxml import etree

from drafter.infra.ooxml import CT_FOOTER, CT_HEADER, R_ID, RT_FOOTER, RT_HEADER, W_NS, W
from drafter.render.docx.package import OXML_PARSER, Letter

__all__ = ["Kind", "add"]

Kind = Literal["header", "footer"]

# The root element of a new header or footer: the namespaces Word declares on one (in
# python-docx's default-header.xml order), so that anything a later edit in Word adds resolves.
_NAMESPACES = (
    ("m", "http://schemas.openxmlformats.org/officeDocument/2006/math"),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("mo", "http://schemas.microsoft.com/office/mac/office/2008/main"),
    ("mv", "urn:schemas-microsoft-com:mac:vml"),
    ("o", "urn:schemas-microsoft-com:office:office"),
    ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ("v", "urn:schemas-microsoft-com:vml"),
    ("w10", "urn:schemas-microsoft-com:office:word"),
    ("w14", "http://schemas.microsoft.com/office/word/2010/wordml"),
    ("w", W_NS),
    ("wne", "http://schemas.microsoft.com/office/word/2006/wordml"),
    ("wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"),
    ("wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"),
    ("wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
)
_DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES)
_PARTS = {"header": ("hdr", CT_HEADER, RT_HEADER), "footer": ("ftr", CT_FOOTER, RT_FOOTER)}

# What follows the header and footer references in w:sectPr (ECMA-376 CT_SectPr): a new
# reference goes before the first of these present, looked for in this order.
_AFTER_REFERENCES = tuple(f"{W}{tag}" for tag in (
    "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType",
    "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
    "rtlGutter", "docGrid", "printerSettings", "sectPrChange"))


@cache
def _root(tag: str) -> etree._Element:
    """The empty root element of a new header or footer.

    Copied for each letter: parsing its seventeen namespace declarations costs more than the
    rest of the part.
    """
    return etree.fromstring(f'<w:{tag} {_DECLARATIONS} mc:Ignorable="w14 wp14"/>', OXML_PARSER)


def add(letter: Letter, kind: Kind, sect_pr: etree._Element) -> tuple[str, etree._Element]:
    """Add an empty default ``kind`` to ``letter``, referenced from ``sect_pr``.

    Returns:
        The new part's name and its root element (``w:hdr`` or ``w:ftr``), to write the
        paragraphs into; Word requires at least one.
    """
    tag, content_type, reltype = _PARTS[kind]
    name = letter.next_partname(f"/word/{kind}%d.xml")
    root = copy.deepcopy(_root(tag))
    letter.add_part(name, content_type, root)
    rid = letter.relate_to(letter.source.document, name, reltype, False)
    reference = OXML_PARSER.makeelement(f"{W}{kind}Reference", nsmap={"w": W_NS})
    successor = next((found for found in map(sect_pr.find, _AFTER_REFERENCES)
                      if found is not None), None)
    if successor is not None:
        successor.addprevious(reference)
    else:
        sect_pr.append(reference)
    reference.set(f"{W}type", "default")
    reference.set(R_ID, rid)
    return name, root
