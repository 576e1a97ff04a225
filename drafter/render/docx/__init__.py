"""Render the document tree to a Word document (DOCX): ``render_docx(notice, letterhead=None)``.

The look of a letter lives in named styles, never in direct formatting: every paragraph gets a
paragraph style ("Body Text", "Request Quote", ...) and strong, emphasised and linked text a
character style. The styles come from ``templates/reference.docx`` (built by
``tools/make_reference_docx.py``) or, with a letterhead, from the authority's own document:
its header, footer, logo, page setup and styles are kept, and any of our styles it lacks are
copied in from the reference document.

The package is layered as python-docx layers itself:

- :mod:`.ooxml`: namespaces, tag names, XML-invalid characters, small element helpers;
- :mod:`.zipwriter`: the deterministic zip (the only place that writes zip bytes);
- :mod:`.package`: prepared sources, the letter's package, relationships, content types and
  core properties;
- :mod:`.styles`: the style of each role, found or copied in, and list numbering;
- :mod:`.writer`: document-tree blocks to ``w:p`` paragraphs;
- :mod:`.letterhead`: the reference document and letterheads, read, checked and prepared once.

Speed: styles are set by id, straight on the XML, after resolving every id once per
document; paragraphs are built with lxml; unchanged parts keep their compressed bytes; and the
package is written with fixed timestamps, so the same notice always gives the same bytes.

Pure apart from reading the reference document and the letterhead: returns bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml import etree

from drafter.document import Notice
from drafter.errors import LetterheadError
from drafter.infra.ooxml import W_BODY, W_NS, W_P, W_SECT_PR
from drafter.render.docx import zipwriter
from drafter.render.docx.letterhead import letterhead_source, reference_source
from drafter.render.docx.package import (
    Letter,
    content_types,
    free_partname,
    prop,
    set_core_properties,
)
from drafter.render.docx.styles import STYLES, Lists, StyleSpec, reference
from drafter.render.docx.styles import resolve as resolve_styles
from drafter.render.docx.writer import Writer

__all__ = ["STYLES", "LetterheadError", "StyleSpec", "render_docx"]


def render_docx(notice: Notice, *, letterhead: Path | None = None) -> bytes:
    """Render ``notice`` as a DOCX file.

    Args:
        notice: The letter.
        letterhead: An authority's own ``.docx`` (or ``.dotx``). Its header, footer, page
            setup and styles are kept and its body is replaced by the letter; our styles that
            it lacks are copied in. ``notice.header`` and ``notice.footer`` are then not used.

    Returns:
        The bytes of the ``.docx`` file.

    Raises:
        LetterheadError: ``letterhead`` is missing, unreadable, encrypted or not a Word document.
    """
    if letterhead is None and (notice.header or notice.footer):
        return _render_with_python_docx(notice)
    source = reference_source() if letterhead is None else letterhead_source(letterhead)
    letter = Letter(source)
    lists = Lists(source.styles_ids, letter.numbering, letter.styles_root)
    body = letter.element(source.document).find(W_BODY)
    assert body is not None  # checked when the source was prepared
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    Writer(letter.part(source.document), source.styles_ids, lists, title_style=True).blocks(
        body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    set_core_properties(letter.element(source.core), notice)
    return letter.write()


def _render_with_python_docx(notice: Notice) -> bytes:
    """The reference document through python-docx: for a letter with a header or footer."""
    from docx import Document

    doc = Document(io.BytesIO(reference()))
    styles = resolve_styles(doc.part.styles.element, copy_missing=False)
    lists = Lists(styles, lambda: _python_docx_numbering(doc.part),
                   lambda mutable: doc.part.styles.element)
    body = doc.element.body
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    Writer(doc.part, styles, lists, title_style=True).blocks(body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    section = doc.sections[-1]
    for blocks, part, place in (
        (notice.header, section.header, "header"),
        (notice.footer, section.footer, "footer"),
    ):
        if blocks:
            part.is_linked_to_previous = False
            root = part._element
            for child in list(root):
                root.remove(child)
            Writer(part.part, styles, lists, place=place).blocks(root, blocks)
            if not len(root):  # a header or footer must hold a paragraph
                etree.SubElement(root, W_P)
    _set_properties(doc, notice)
    return _write_package(doc.part.package)


def _python_docx_numbering(part: Any) -> etree._Element:
    """The numbering of a python-docx document part, added if it has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        numbering = part.part_related_by(RT.NUMBERING)
    except KeyError:  # python-docx cannot create a numbering part itself
        package = part.package
        taken = {str(p.partname) for p in package.iter_parts()}
        numbering = NumberingPart(
            PackURI(free_partname(taken, "/word/numbering.xml")),
            CT.WML_NUMBERING,
            parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'),
            package,
        )
        part.relate_to(numbering, RT.NUMBERING)
    element: etree._Element = numbering.element
    return element


def _set_properties(doc: Any, notice: Notice) -> None:
    """Title, subject and author; no dates (the renderer reads no clock), no requester data."""
    props = doc.core_properties
    meta = notice.meta
    author = prop(meta.get("author", ""))
    props.title = prop(notice.title or meta.get("title", ""))
    props.subject = prop(meta.get("subject", meta.get("reference", "")))
    props.author = author
    props.last_modified_by = author
    props.identifier = prop(meta.get("reference", ""))
    props.keywords = props.comments = props.category = ""
    props.revision = 1
    element = props._element
    for name in ("created", "modified", "lastPrinted"):
        for el in element.findall(f"{{*}}{name}"):
            element.remove(el)


def _write_package(package: Any) -> bytes:
    """Zip a python-docx package as python-docx does, but with fixed timestamps."""
    from docx.opc.spec import default_content_types

    parts = list(package.iter_parts())
    kinds = [(str(p.partname), p.partname.ext.lower(), p.content_type,
              (p.partname.ext.lower(), p.content_type) in default_content_types) for p in parts]
    members = [("[Content_Types].xml", content_types(kinds)), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return zipwriter.write([zipwriter.deflate(name, data, None) for name, data in members])
