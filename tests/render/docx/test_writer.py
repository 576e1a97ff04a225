"""writer: document-tree blocks to w:p paragraphs, styled by id, with no direct formatting."""

from __future__ import annotations

import copy

from lxml import etree

from drafter.document import (
    Block,
    Heading,
    Lines,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Text,
)
from drafter.infra.ooxml import R_ID, R_NS, W_NS, W_P, W_PSTYLE, W, val
from drafter.render.docx import styles as st
from drafter.render.docx.writer import Writer


class RecordingPart:
    """A part that hands out rIds for hyperlinks, as a package part would."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str, bool]] = []

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        self.links.append((target, reltype, is_external))
        return f"rId{len(self.links)}"


def write(blocks: tuple[Block, ...], *, place: str = "body", title_style: bool = True
          ) -> tuple[list[etree._Element], RecordingPart]:
    styles_root, numbering = st.reference_parts()
    numbering = copy.deepcopy(numbering)
    styles = st.resolve(styles_root, copy_missing=False)
    lists = st.Lists(styles, lambda: numbering, lambda mutable: styles_root)
    part = RecordingPart()
    parent = etree.fromstring(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}"/>')
    Writer(part, styles, lists, place=place, title_style=title_style).blocks(parent, blocks)
    assert all(child.tag == W_P for child in parent)
    return list(parent), part


def style_of(p: etree._Element) -> str | None:
    return val(p.find(f"{W}pPr"), W_PSTYLE)


def text_of(p: etree._Element) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append({f"{W}tab": "\t", f"{W}br": "\n"}.get(el.tag, el.text or ""))
    return "".join(out)


def t(text: str, **kw: bool) -> tuple[Text, ...]:
    return (Text(text, **kw),)


def test_each_block_takes_its_paragraph_style() -> None:
    paragraphs, _ = write((
        Heading(1, t("Title")), Heading(1, t("Again")), Heading(2, t("Sub")), Heading(5, t("Deep")),
        Paragraph(t("Body")), Paragraph(t("Dear"), role="salutation"),
        Paragraph(t("Note"), role="small"), Paragraph(t("Ref"), role="meta"),
        Lines(("1 Street", "Town"), kind="recipient"), Lines(("Me",), kind="signature"),
        Quote("asked", label="You asked:"),
    ))
    assert [(style_of(p), text_of(p)) for p in paragraphs] == [
        ("NoticeTitle", "Title"), ("Heading1", "Again"), ("Heading2", "Sub"),
        ("Heading4", "Deep"), ("BodyText", "Body"), ("Salutation", "Dear"),
        ("SmallPrint", "Note"), ("NoticeMeta", "Ref"), ("RecipientAddress", "1 Street\nTown"),
        ("Signature", "Me"), ("RequestLabel", "You asked:"), ("RequestQuote", "asked"),
    ]
    assert not any(p.find(f"{W}pPr/{W}rPr") is not None or p.find(f"{W}r/{W}rPr/{W}b")
                   is not None for p in paragraphs)  # styles only, no direct formatting


def test_without_the_title_style_the_first_heading_is_a_heading() -> None:
    paragraphs, _ = write((Heading(1, t("Title")),), title_style=False)
    assert style_of(paragraphs[0]) == "Heading1"


def test_in_a_header_or_footer_body_text_takes_their_style() -> None:
    for place, expected in (("header", "Header"), ("footer", "Footer")):
        paragraphs, _ = write((Paragraph(t("x")), Lines(("a",)), Quote("q", label="L"),
                               Paragraph(t("s"), role="small")), place=place)
        assert [style_of(p) for p in paragraphs] == [expected, expected, expected,
                                                    "RequestQuote", "SmallPrint"]


def test_runs_take_character_styles_and_keep_spaces_tabs_and_breaks() -> None:
    [p], _ = write((Paragraph((Text("bold", strong=True), Text(" it ", emphasis=True),
                               Text("both", strong=True, emphasis=True), Text("a\tb\r\nc\nd"),
                               Text("x  y"), Text(""))),))
    runs = p.findall(f"{W}r")
    assert [val(r.find(f"{W}rPr"), f"{W}rStyle") for r in runs] == [
        "Strong", "Emphasis", "StrongEmphasis", None, None]
    assert text_of(p) == "bold it botha\tb\nc\ndx  y"
    preserved = [t.text for t in p.iter(f"{W}t")
                 if t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"]
    assert preserved == [" it ", "x  y"]


def test_text_is_data_never_markup() -> None:
    hostile = "<w:p/> & &amp; ]]> {{ x }} \x00\x0b\ufffe"
    [p], _ = write((Paragraph(t(hostile)),))
    assert text_of(p) == "<w:p/> & &amp; ]]> {{ x }} "
    assert len(p.findall(f"{W}r")) == 1


def test_links_are_related_once_per_use_and_styled() -> None:
    [p], part = write((Paragraph((Link("the ICO", "https://ico.org.uk/?a=1&b=<2>"),
                                  Link("", "https://x.example/"), Link("no url", "  \x01"))),))
    links = p.findall(f"{W}hyperlink")
    assert [h.get(R_ID) for h in links] == ["rId1", "rId2"]
    assert [target for target, _, external in part.links if external] == [
        "https://ico.org.uk/?a=1&b=<2>", "https://x.example/"]
    assert text_of(p) == "the ICOhttps://x.example/no url"
    assert all(val(h.find(f"{W}r/{W}rPr"), f"{W}rStyle") == "Hyperlink" for h in links)


def test_lists_are_numbered_paragraphs() -> None:
    paragraphs, _ = write((ListBlock((t("one"), t("two")), ordered=True), ListBlock((t("a"),)),
                           ListBlock((t("again"),), ordered=True), ListBlock((), ordered=True),
                           Paragraph(())))
    assert [style_of(p) for p in paragraphs] == ["ListNumber"] * 2 + ["ListBullet", "ListNumber"]
    num_ids = [val(p.find(f"{W}pPr/{W}numPr"), f"{W}numId") for p in paragraphs]
    assert num_ids[0] == num_ids[1] != num_ids[3]  # the second numbered list restarts
    assert all(val(p.find(f"{W}pPr/{W}numPr"), f"{W}ilvl") == "0" for p in paragraphs)
