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
- :mod:`.headers`: a letter's own header and footer parts (on the reference document);
- :mod:`.pages`: the reference and "Page X of Y" at the foot of every page;
- :mod:`.letterhead`: the reference document and letterheads, read, checked and prepared once.

There is one writer: python-docx only opens the reference document or a letterhead, once
(then cached); no letter is written through it. The tests use python-docx as the oracle: the
same letter written through its API gives the same bytes.

Speed: styles are set by id, straight on the XML, after resolving every id once per
document; paragraphs are built with lxml; unchanged parts keep their compressed bytes; and the
package is written with fixed timestamps, so the same notice always gives the same bytes.

Pure apart from reading the reference document and the letterhead: returns bytes.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafter.document import Block, Notice
from drafter.errors import LetterheadError
from drafter.infra.ooxml import R_ID, W_BODY, W_P, W_SECT_PR, W
from drafter.render.docx import headers
from drafter.render.docx.letterhead import letterhead_source, reference_source
from drafter.render.docx.package import Letter, set_core_properties
from drafter.render.docx.pages import page_line
from drafter.render.docx.styles import STYLES, Lists, StyleSpec
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
    source = reference_source() if letterhead is None else letterhead_source(letterhead)
    letter = Letter(source)
    styles = source.styles_ids
    lists = Lists(styles, letter.numbering, letter.styles_root)
    body = letter.element(source.document).find(W_BODY)
    assert body is not None  # checked when the source was prepared
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    Writer(letter.part(source.document), styles, lists, title_style=True).blocks(
        body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    if letterhead is None:  # a letterhead brings its own header and footer
        kinds: tuple[tuple[headers.Kind, tuple[Block, ...]], ...] = (
            ("header", notice.header), ("footer", notice.footer))
        for kind, blocks in kinds:
            if blocks or kind == "footer":  # every letter's footer has the page line
                assert sect_pr is not None  # reference.docx ends its body with one
                name, root = headers.add(letter, kind, sect_pr)
                Writer(letter.part(name), styles, lists, place=kind).blocks(root, blocks)
                if kind == "footer":
                    root.append(page_line(styles, notice.meta.get("reference", "")))
                if not len(root):  # a header or footer must hold a paragraph
                    etree.SubElement(root, W_P)
    elif sect_pr is not None:  # the letterhead's own footers get the page line at their foot
        reference = notice.meta.get("reference", "")
        targets = {rel.rid: rel.target for rel in letter.rels_of(source.document)}
        footers = [targets[ref.get(R_ID, "")] for ref in sect_pr.iter(f"{W}footerReference")
                   if ref.get(R_ID) in targets]
        if not footers:
            footers = [headers.add(letter, "footer", sect_pr)[0]]
        for name in dict.fromkeys(footers):
            letter.element(name).append(page_line(styles, reference))
    set_core_properties(letter.element(source.core), notice)
    return letter.write()
