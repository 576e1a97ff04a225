"""The test oracle for the DOCX writer: the same letter written through python-docx.

This is how every letter used to be written: the reference document (or the letterhead)
opened with python-docx, the letter's paragraphs appended, the header and footer added through
python-docx's section API, the document properties set through its ``core_properties``, and
the package saved by python-docx's own ``save``. The zip is then rewritten with the writer's
fixed dates, so that the two can be compared byte for byte.

The paragraphs come from the writer's public :class:`~drafter.render.docx.writer.Writer`
(python-docx has no notion of our styles); everything around them is python-docx's.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from lxml import etree

from drafter.document import Notice
from drafter.infra.ooxml import W_NS, W_P, W_SECT_PR, clean
from drafter.render.docx import letterhead as lh
from drafter.render.docx import styles as st
from drafter.render.docx.pages import page_line
from drafter.render.docx.writer import Writer
from drafter.render.docx.zipwriter import ZIP_TIME

__all__ = ["python_docx_letter", "rezip", "set_properties"]


def python_docx_letter(notice: Notice, letterhead: Path | None = None) -> bytes:
    """``notice`` as python-docx writes it (on ``letterhead``, or the reference document)."""
    if letterhead is None:
        doc = docx.Document(io.BytesIO(st.reference()))
        styles = st.resolve(doc.part.styles.element, copy_missing=False)
    else:
        doc, styles = lh.open_letterhead(letterhead, letterhead.read_bytes())
    lists = st.Lists(styles, lambda: _numbering(doc.part), lambda mutable: doc.part.styles.element)
    body = doc.element.body
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    Writer(doc.part, styles, lists, title_style=True).blocks(body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    if letterhead is None:
        section = doc.sections[-1]
        for blocks, part, place in ((notice.header, section.header, "header"),
                                    (notice.footer, section.footer, "footer")):
            if blocks or place == "footer":
                part.is_linked_to_previous = False
                root = part._element  # python-docx's header element (no public accessor)
                for child in list(root):
                    root.remove(child)
                Writer(part.part, styles, lists, place=place).blocks(root, blocks)
                if place == "footer":
                    root.append(page_line(styles, notice.meta.get("reference", "")))
                if not len(root):
                    etree.SubElement(root, W_P)
    else:  # the letterhead's own footers get the page line
        section = doc.sections[-1]
        footers = [f for f in (section.footer, section.first_page_footer,
                               section.even_page_footer) if not f.is_linked_to_previous]
        if not footers:
            section.footer.is_linked_to_previous = False
            for child in list(section.footer._element):  # python-docx's empty paragraph
                section.footer._element.remove(child)
            footers = [section.footer]
        for footer in footers:
            footer._element.append(page_line(styles, notice.meta.get("reference", "")))
    set_properties(doc, notice)
    saved = io.BytesIO()
    doc.save(saved)
    return rezip(saved.getvalue())


def rezip(data: bytes) -> bytes:
    """The zip ``data`` with every member dated as the writer dates them, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item))
    return out.getvalue()


def set_properties(doc: Any, notice: Notice) -> None:
    """Title, subject and author through python-docx's API; no dates, no requester data."""
    props = doc.core_properties
    meta = notice.meta
    author = clean(meta.get("author", ""))[:255]
    props.title = clean(notice.title or meta.get("title", ""))[:255]
    props.subject = clean(meta.get("subject", meta.get("reference", "")))[:255]
    props.author = author
    props.last_modified_by = author
    props.identifier = clean(meta.get("reference", ""))[:255]
    props.keywords = props.comments = props.category = ""
    props.revision = 1
    element = props._element  # python-docx offers no way to remove a date
    for name in ("created", "modified", "lastPrinted"):
        for el in element.findall(f"{{*}}{name}"):
            element.remove(el)


def _numbering(part: Any) -> etree._Element:
    """The numbering of a python-docx document part, added if it has none."""
    try:
        numbering = part.part_related_by(RT.NUMBERING)
    except KeyError:  # python-docx cannot create a numbering part itself
        package = part.package
        taken = {str(p.partname) for p in package.iter_parts()}
        name, n = "/word/numbering.xml", 1
        while name in taken:
            n += 1
            name = f"/word/numbering{n}.xml"
        numbering = NumberingPart(PackURI(name), CT.WML_NUMBERING,
                                  parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'), package)
        part.relate_to(numbering, RT.NUMBERING)
    element: etree._Element = numbering.element
    return element
