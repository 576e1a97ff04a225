from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt

from drafter.document import (
    Block,
    Heading,
    Lines,
    Link,
    ListBlock,
    Notice,
    Paragraph,
    Quote,
    Text,
)
from drafter.errors import InputError
from drafter.infra.resources import templates_dir
from drafter.render.docx import STYLES, LetterheadError, render_docx
from tests.helpers.docx_dump import dump_docx

REFERENCE = templates_dir() / "reference.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in y %}",
    "# not a heading",
    "* not a list",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script> & &amp;",
    "| a | b |",
    "```",
    "مرحبا بالعالم",
    "שלום עולם",
    "emoji 😀👍🏽",
    "  two leading, three   inner and trailing spaces  ",
]
QUOTE = "1. A copy of the contract.\n\n2.\tAll invoices   paid\n   (indented) <b>&</b> {{ x }}\n"


def p(text: str, **kw: Any) -> Paragraph:
    return Paragraph((Text(text),), **kw)


def full_notice(**kw: Any) -> Notice:
    blocks: tuple[Block, ...] = (
        Lines(("Example Council", "Town Hall"), kind="sender"),
        Lines(("Alex Requester", "1 High Street"), kind="recipient"),
        p("Our reference: FOI-1", role="meta"),
        p("Dear Alex Requester,", role="salutation"),
        Heading(1, (Text("Freedom of Information request"),)),
        Heading(2, (Text("Your request"),)),
        Quote(QUOTE, label="You asked:"),
        Heading(3, (Text("Section 43(2)"),)),
        Heading(4, (Text("Deep heading"),)),
        Paragraph(
            (
                Text("We hold "),
                Text("some", strong=True),
                Text(" of it ("),
                Text("see", emphasis=True),
                Text(" "),
                Text("both", strong=True, emphasis=True),
                Text(") at "),
                Link("our website", "https://www.example.gov.uk/foi?a=1&b=2"),
                Text("."),
            )
        ),
        ListBlock(((Text("first"),), (Text("second"),)), ordered=True),
        ListBlock(((Text("bullet"),), (Text("bullet two"),))),
        ListBlock(((Text("restart"),),), ordered=True),
        *(p(h) for h in HOSTILE),
        p("Yours sincerely,", role="closing"),
        Lines(("Sam Officer", "Information Rights Officer"), kind="signature"),
        p("Small print.", role="small"),
        Heading(1, (Text("Annex"),)),
    )
    defaults: dict[str, Any] = {
        "title": "Freedom of Information request: contract",
        "meta": {"author": "Example Council", "reference": "FOI-1"},
    }
    return Notice(blocks, **(defaults | kw))


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def test_reference_defines_every_style_and_is_small() -> None:
    ref = docx.Document(str(REFERENCE))
    for spec in STYLES.values():
        style = ref.styles[spec.name]
        assert style.style_id == spec.style_id
        kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
        assert style.type == kind
    assert REFERENCE.stat().st_size < 10_000
    with zipfile.ZipFile(REFERENCE) as z:
        names = set(z.namelist())
    assert "word/stylesWithEffects.xml" not in names
    assert "word/numbering.xml" in names


def test_reference_matches_its_script() -> None:
    path = Path(__file__).resolve().parent.parent / "tools" / "make_reference_docx.py"
    spec = importlib.util.spec_from_file_location("make_reference_docx", path)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build_reference() == REFERENCE.read_bytes(), (
        "templates/reference.docx is stale: run tools/make_reference_docx.py"
    )


def test_paragraphs_styles_and_text() -> None:
    doc = open_docx(render_docx(full_notice()))
    got = [(para.style.name, para.text) for para in doc.paragraphs]
    assert got == [
        ("Sender Address", "Example Council\nTown Hall"),
        ("Recipient Address", "Alex Requester\n1 High Street"),
        ("Notice Meta", "Our reference: FOI-1"),
        ("Salutation", "Dear Alex Requester,"),
        ("Notice Title", "Freedom of Information request"),
        ("Heading 2", "Your request"),
        ("Request Label", "You asked:"),
        ("Request Quote", QUOTE),
        ("Heading 3", "Section 43(2)"),
        ("Heading 4", "Deep heading"),
        ("Lead In", "We hold some of it (see both) at our website."),
        ("List Number", "first"),
        ("List Number", "second"),
        ("List Bullet", "bullet"),
        ("List Bullet", "bullet two"),
        ("List Number", "restart"),
        *(("Body Text", h) for h in HOSTILE),
        ("Body Text", "Yours sincerely,"),
        ("Signature", "Sam Officer\nInformation Rights Officer"),
        ("Small Print", "Small print."),
        ("Heading 1", "Annex"),
    ]


def test_every_style_used_exists_in_reference() -> None:
    ref_ids = {s.style_id for s in docx.Document(str(REFERENCE)).styles}
    notice = full_notice(header=(p("Head"),), footer=(p("Foot"),))
    with zipfile.ZipFile(io.BytesIO(render_docx(notice))) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("word/"))
    from lxml import etree

    used = set()
    for part in (xml,):
        for chunk in part.split(b"<?xml")[1:]:
            root = etree.fromstring(b"<?xml" + chunk)
            for tag in ("pStyle", "rStyle"):
                used |= {el.get(f"{W}val") for el in root.iter(f"{W}{tag}")}
    assert used
    assert used <= ref_ids
    assert {"NoticeTitle", "Strong", "Emphasis", "StrongEmphasis", "Hyperlink"} <= used


def test_no_direct_formatting() -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(full_notice()))) as z:
        body = z.read("word/document.xml").decode()
    for tag in ("<w:b/>", "<w:i/>", "<w:sz ", "<w:rFonts", "<w:color", "<w:jc ", "<w:spacing"):
        assert tag not in body


def test_character_styles_and_link() -> None:
    doc = open_docx(render_docx(full_notice()))
    para = next(x for x in doc.paragraphs if x.text.startswith("We hold"))
    runs = [(r.text, r.style.name) for r in para.iter_inner_content() if hasattr(r, "style")]
    assert ("some", "Strong") in runs
    assert ("see", "Emphasis") in runs
    assert ("both", "Strong Emphasis") in runs
    (link,) = para.hyperlinks
    assert link.text == "our website"
    assert link.address == "https://www.example.gov.uk/foi?a=1&b=2"
    assert link.runs[0].style.name == "Hyperlink"
    rel = doc.part.rels[link._hyperlink.rId]
    assert rel.is_external and rel.reltype == RT.HYPERLINK


def test_lists_use_word_numbering_and_restart() -> None:
    data = render_docx(full_notice())
    doc = open_docx(data)
    items = [x for x in doc.paragraphs if x.style.name.startswith("List")]
    num_ids = [x._p.pPr.numPr.numId.val for x in items]
    assert num_ids[0] == num_ids[1]  # one ordered list
    assert num_ids[2] == num_ids[3]  # one bulleted list
    assert len({num_ids[0], num_ids[2], num_ids[4]}) == 3  # second ordered list is separate
    numbering = doc.part.numbering_part.element
    fmts = {}
    for num in numbering.iter(f"{W}num"):
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            a
            for a in numbering.iter(f"{W}abstractNum")
            if a.get(f"{W}abstractNumId") == abstract_id
        )
        fmts[num.get(f"{W}numId")] = abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val")
    assert [fmts[str(n)] for n in num_ids] == ["decimal", "decimal", "bullet", "bullet", "decimal"]
    dump = dump_docx(data)
    assert "[List Number] 1. first\n[List Number] 2. second\n" in dump
    assert "[List Bullet] • bullet\n" in dump
    assert "[List Number] 1. restart\n" in dump


def test_header_footer_and_properties() -> None:
    notice = full_notice(
        header=(p("Example Council"), Lines(("Town Hall", "Exampletown"))),
        footer=(p("Registered office", role="small"),),
    )
    doc = open_docx(render_docx(notice))
    section = doc.sections[0]
    assert [(x.style.name, x.text) for x in section.header.paragraphs] == [
        ("Header", "Example Council"),
        ("Header", "Town Hall\nExampletown"),
    ]
    assert [(x.style.name, x.text) for x in section.footer.paragraphs] == [
        ("Small Print", "Registered office"),
        ("Footer", "Our reference: FOI-1    Page  of "),  # python-docx leaves out fields
    ]
    props = doc.core_properties
    assert props.title == "Freedom of Information request: contract"
    assert props.subject == "FOI-1"
    assert props.author == "Example Council"
    assert props.created is None and props.modified is None


def test_requester_name_never_in_properties() -> None:
    data = render_docx(full_notice())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        props = b"".join(z.read(n) for n in z.namelist() if n.startswith("docProps/"))
    assert b"Alex" not in props


def test_same_notice_gives_same_bytes() -> None:
    assert render_docx(full_notice()) == render_docx(full_notice())


def test_xml_invalid_characters_are_dropped() -> None:
    bad = "a\x00b\x01c\x0bd\x1fe\ud800f\ufffeg\uffff"
    notice = Notice(
        (p(bad), Quote(bad), Lines((bad,)), Paragraph((Link(bad, "https://x.example/\x00"),))),
        title=bad,
        meta={"author": bad, "reference": "x" * 400},
    )
    data = render_docx(notice)
    doc = open_docx(data)
    assert [x.text for x in doc.paragraphs] == ["abcdefg"] * 4
    assert doc.core_properties.title == "abcdefg"
    assert len(doc.core_properties.subject) == 255


def test_empty_notice() -> None:
    doc = open_docx(render_docx(Notice((), header=(Paragraph(()),))))
    assert doc.paragraphs == []
    assert [x.text for x in doc.sections[0].header.paragraphs] == [""]
    assert dump_docx(render_docx(Notice((Paragraph(()),)))) == "footer: [Footer] Page 1 of 1\n"


# --- letterhead -------------------------------------------------------------------------------


def make_letterhead(path: Path, *, body_style_id: str | None = None) -> Path:
    lh = docx.Document()
    section = lh.sections[0]
    section.header.paragraphs[0].text = "Example Council letterhead"
    section.footer.paragraphs[0].text = "Registered office: Town Hall"
    body_text = lh.styles["Body Text"]
    body_text.font.name = "Georgia"
    body_text.font.size = Pt(12)
    lh.add_paragraph("Delete me: template body text")
    lh.add_paragraph("And me", style="List Bullet")
    if body_style_id:
        # A letterhead from Word in another language: same name, different id.
        body_text.element.set(f"{W}styleId", body_style_id)
    lh.save(str(path))
    return path


def test_letterhead_keeps_header_footer_and_styles(tmp_path: Path) -> None:
    letterhead = make_letterhead(tmp_path / "letterhead.docx")
    data = render_docx(full_notice(header=(p("ignored"),)), letterhead=letterhead)
    doc = open_docx(data)
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Example Council letterhead"
    assert section.footer.paragraphs[0].text == "Registered office: Town Hall"
    assert section.page_width == docx.Document(str(letterhead)).sections[0].page_width
    texts = [x.text for x in doc.paragraphs]
    assert "Delete me: template body text" not in texts and "And me" not in texts
    assert texts[0] == "Example Council\nTown Hall"
    # Their Body Text is kept; our styles they lack are added with our look.
    assert doc.styles["Body Text"].font.name == "Georgia"
    assert doc.styles["Body Text"].font.size == Pt(12)
    for name in ("Notice Title", "Request Quote", "Sender Address", "Small Print"):
        assert doc.styles[name].style_id
    ref = docx.Document(str(REFERENCE))
    assert doc.styles["Small Print"].font.size == ref.styles["Small Print"].font.size
    dump = dump_docx(data)
    assert "[List Number] 1. first\n[List Number] 2. second\n" in dump
    assert "[List Number] 1. restart\n" in dump
    assert "[List Bullet] " in dump
    assert dump.endswith(
        "header: [Header] Example Council letterhead\n"
        "footer: [Footer] Registered office: Town Hall\n"
        "footer: [Footer] Our reference: FOI-1    Page 1 of 1\n"  # the page line, at its foot
    )


def test_letterhead_style_found_by_name(tmp_path: Path) -> None:
    letterhead = make_letterhead(tmp_path / "lh.docx", body_style_id="Brdtekst")
    doc = open_docx(render_docx(full_notice(), letterhead=letterhead))
    para = next(x for x in doc.paragraphs if x.text == "Yours sincerely,")
    assert para.style.style_id == "Brdtekst"
    assert para.style.name == "Body Text"
    assert para.style.font.name == "Georgia"
    # Our styles copied in are based on the letterhead's own Body Text, so they look like it.
    lead = next(x for x in doc.paragraphs if x.text.startswith("We hold"))
    assert lead.style.name == "Lead In"
    assert lead.style.base_style.style_id == "Brdtekst"


def test_letterhead_without_numbering_or_our_styles(tmp_path: Path) -> None:
    # A minimal document: our reference without its numbering part and list styles.
    src = zipfile.ZipFile(REFERENCE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="numbering.xml"', b'Target="styles.xml"').replace(
                    RT.NUMBERING.encode(), b"urn:dropped"
                )
            if item.filename == "word/styles.xml":
                for sid in (b"ListBullet", b"ListNumber", b"NoticeTitle"):
                    data = data.replace(b'w:styleId="' + sid, b'w:styleId="Old' + sid)
                    data = data.replace(b'w:val="' + sid, b'w:val="Old' + sid)
                data = data.replace(b"List Bullet", b"Old Bullet").replace(b"List Number", b"Old N")
                data = data.replace(b"Notice Title", b"Old Title")
            dst.writestr(item, data)
    letterhead = tmp_path / "plain.docx"
    letterhead.write_bytes(out.getvalue())
    data = render_docx(full_notice(), letterhead=letterhead)
    dump = dump_docx(data)
    assert "[Notice Title] Freedom of Information request\n" in dump
    assert "[List Number] 1. first\n[List Number] 2. second\n" in dump
    assert "[List Bullet] • bullet\n" in dump
    assert "[List Number] 1. restart\n" in dump
    doc = open_docx(data)
    bullet = doc.styles["List Bullet"]
    assert bullet.element.pPr.numPr.numId.val in {
        int(n.get(f"{W}numId")) for n in doc.part.numbering_part.element.iter(f"{W}num")
    }


def test_letterhead_template_dotx_is_accepted(tmp_path: Path) -> None:
    letterhead = make_letterhead(tmp_path / "lh.docx")
    dotx = tmp_path / "lh.dotx"
    with zipfile.ZipFile(letterhead) as src, zipfile.ZipFile(dotx, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item, data)
    doc = open_docx(render_docx(full_notice(), letterhead=dotx))
    assert doc.sections[0].header.paragraphs[0].text == "Example Council letterhead"


def corrupt_files(tmp_path: Path) -> dict[str, Path]:
    good = make_letterhead(tmp_path / "good.docx").read_bytes()
    no_document = io.BytesIO()
    with zipfile.ZipFile(no_document, "w") as z:
        z.writestr("hello.txt", "not a document")
    bad_xml = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    macro = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(macro, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            dst.writestr(item, data)
    files = {
        "text": b"just some text",
        "macro": macro.getvalue(),
        "encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "truncated": good[: len(good) // 2],
        "no-document": no_document.getvalue(),
        "bad-xml": bad_xml.getvalue(),
    }
    out = {}
    for name, data in files.items():
        out[name] = tmp_path / f"{name}.docx"
        out[name].write_bytes(data)
    out["missing"] = tmp_path / "missing.docx"
    out["folder"] = tmp_path
    return out


def test_invalid_letterheads_raise_a_located_problem(tmp_path: Path) -> None:
    for name, path in corrupt_files(tmp_path).items():
        with pytest.raises(LetterheadError) as info:
            render_docx(full_notice(), letterhead=path)
        message = str(info.value)
        assert isinstance(info.value, InputError), name
        assert info.value.exit_code == 2, name
        [problem] = info.value.problems
        assert problem.file == str(path), name
        assert problem.message.startswith("the letterhead "), name
        assert problem.fix, name
        assert f"{path}: the letterhead " in message and "Fix:" in message, name
    with pytest.raises(LetterheadError, match="password-protected"):
        render_docx(full_notice(), letterhead=tmp_path / "encrypted.docx")
    with pytest.raises(LetterheadError, match="macro-enabled"):
        render_docx(full_notice(), letterhead=tmp_path / "macro.docx")
    with pytest.raises(LetterheadError) as info:
        render_docx(full_notice(), letterhead=tmp_path / "no-document.docx")
    assert "BytesIO" not in str(info.value)


# --- dump ---------------------------------------------------------------------------------------


def test_dump_is_normalised() -> None:
    notice = Notice(
        (
            Heading(1, (Text("Title"),)),
            Paragraph((Text("See "), Link("site", "https://x.example/"), Text("."))),
            Quote("a\n\tb\\c"),
            ListBlock(((Text("x"),),), ordered=True),
        ),
        header=(p("Head"),),
        footer=(p("Foot"),),
    )
    assert dump_docx(render_docx(notice)) == (
        "[Notice Title] Title\n"
        "[Body Text] See site. {link: https://x.example/}\n"
        "[Request Quote] a\\n\\tb\\\\c\n"
        "[List Number] 1. x\n"
        "header: [Header] Head\n"
        "footer: [Footer] Foot\n"
        "footer: [Footer] Page 1 of 1\n"
    )


def test_dump_reads_tables_and_other_documents() -> None:
    doc = docx.Document()
    doc.add_heading("Heading", level=1)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "a|b"
    table.cell(1, 1).text = "x\ty"
    doc.add_paragraph("one", style="List Number")
    doc.add_paragraph("two", style="List Number")
    buf = io.BytesIO()
    doc.save(buf)
    assert dump_docx(buf.getvalue()) == (
        "[Heading 1] Heading\n"
        "[table] a\\|b | \n"
        "[table]  | x\\ty\n"
        "[List Number] 1. one\n"
        "[List Number] 2. two\n"
    )
