"""The page line at the foot of every page: the letter's reference and "Page X of Y".

A letter of four or five pages is normal for a refusal notice; each page after the first
must say which letter it belongs to and where it falls. The line goes in the footer of a
letter on the reference document (a letterhead brings its own footer), styled Footer, with
Word's PAGE and NUMPAGES fields, which Word and LibreOffice fill in as they lay the letter
out.
"""

from __future__ import annotations

from lxml import etree

from drafter.infra.ooxml import W_NS, clean, escape
from drafter.render.docx.styles import Styles

__all__ = ["page_line"]


def page_line(styles: Styles, reference: str) -> etree._Element:
    """The footer paragraph: ``Our reference: REF   Page X of Y`` (just the page without REF)."""
    ref = escape(clean(reference).strip())
    lead = f"Our reference: {ref}    Page " if ref else "Page "
    xml = (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{styles["footer"]}"/></w:pPr>'
           f'<w:r><w:t xml:space="preserve">{lead}</w:t></w:r>{_field("PAGE")}'
           f'<w:r><w:t xml:space="preserve"> of </w:t></w:r>{_field("NUMPAGES")}</w:p>')
    return etree.fromstring(xml.encode())


def _field(name: str) -> str:
    # "1" is what shows until the field is updated; Word and LibreOffice update both on opening.
    return f'<w:fldSimple w:instr=" {name} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
