"""DOCX runs and paragraph properties wherever Word (or a hostile file) puts them.

The reader looks for a run's ``w:rPr`` only once the run holds more than plain text, and
takes a paragraph's ``w:pPr`` while it walks the paragraph. Whatever the order of the
children, the first ``w:rPr`` of a run and the first ``w:pPr`` of a paragraph decide, as the
schema's own order would: hidden words stay hidden even when their ``w:rPr`` comes last.
"""

from __future__ import annotations

from pathlib import Path

from drafter.document import Heading, Link, ListBlock, Paragraph
from drafter.read import read_document
from tests.test_readers import make_docx

HIDDEN = "<w:rPr><w:vanish/></w:rPr>"
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="h" '
        'Target="https://ico.org.uk/" TargetMode="External"/></Relationships>')


def _texts(tmp_path: Path, body: str) -> list[str]:
    notice = read_document(make_docx(tmp_path / "l.docx", body,
                                     {"word/_rels/document.xml.rels": RELS}))
    return [b.text for b in notice.blocks]


def test_a_hiding_rpr_after_the_text_still_hides_the_run(tmp_path: Path) -> None:
    body = (f"<w:p><w:r><w:t>You may complain.</w:t><w:br/><w:tab/>{HIDDEN}</w:r>"
            "<w:r><w:t>Shown.</w:t></w:r></w:p>")
    assert _texts(tmp_path, body) == ["Shown."]


def test_only_the_first_rpr_of_a_run_counts(tmp_path: Path) -> None:
    first_shown = f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Shown.</w:t>{HIDDEN}</w:r></w:p>"
    first_hidden = f"<w:p><w:r>{HIDDEN}<w:t>Hidden.</w:t><w:rPr><w:b/></w:rPr></w:r></w:p>"
    assert _texts(tmp_path, first_shown + first_hidden) == ["Shown."]


def test_a_late_hiding_rpr_hides_a_text_box_and_a_link_in_the_run(tmp_path: Path) -> None:
    box = "<w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent>"
    link = '<w:hyperlink r:id="rId1"><w:r><w:t>the ICO</w:t></w:r></w:hyperlink>'
    body = (f"<w:p><w:r><w:t>Before.</w:t>{box}</w:drawing>{link}{HIDDEN}</w:r>"
            "<w:r><w:t>Kept.</w:t></w:r></w:p>")
    assert _texts(tmp_path, body) == ["Kept."]


def test_a_visible_run_keeps_its_text_box_and_link_in_order(tmp_path: Path) -> None:
    box = "<w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent>"
    link = '<w:hyperlink r:id="rId1"><w:r><w:t>the ICO</w:t></w:r></w:hyperlink>'
    body = (f"<w:p><w:r><w:t>Write to </w:t>{link}<w:t>.</w:t>{box}</w:drawing>"
            "<w:rPr><w:b/></w:rPr></w:r></w:p>")
    notice = read_document(make_docx(tmp_path / "l.docx", body,
                                     {"word/_rels/document.xml.rels": RELS}))
    first, boxed = notice.blocks
    assert isinstance(first, Paragraph) and first.text == "Write to the ICO."
    assert [type(i) for i in first.content][1] is Link
    assert boxed.text == "Boxed."


def test_the_first_ppr_decides_wherever_it_is(tmp_path: Path) -> None:
    late = ('<w:p><w:r><w:t>Our decision</w:t></w:r>'
            '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>')
    two = ('<w:p><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>'
           '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>An item</w:t></w:r></w:p>')
    props = ('<w:p><w:pPr><w:jc w:val="left"/><w:outlineLvl w:val="1"/>'
             '<w:pStyle w:val="BodyText"/><w:outlineLvl w:val="0"/></w:pPr>'
             '<w:r><w:t>Outlined</w:t></w:r></w:p>')
    notice = read_document(make_docx(tmp_path / "l.docx", late + two + props))
    heading, items, outlined = notice.blocks
    assert isinstance(heading, Heading) and heading.level == 2
    assert isinstance(items, ListBlock) and items.text == "An item"
    assert isinstance(outlined, Heading) and outlined.level == 2  # the first outlineLvl
