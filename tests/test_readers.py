"""Readers: DOCX, Markdown, text and PDF into the document tree, and every refusal to read."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from drafter.document import Heading, Link, ListBlock, Paragraph, Quote
from drafter.errors import DocumentReadError
from drafter.read import docx as docx_reader
from drafter.read import read_document
from drafter.read.text import MAX_TEXT_BYTES, parse_lines

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


def para(text: str, style: str | None = None, *, numbered: bool = False) -> str:
    ppr = ""
    if style or numbered:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if numbered:
            inner += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def make_docx(path: Path, body: str, parts: dict[str, str] | None = None) -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document)
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return path


# ------------------------------------------------------------------------------ DOCX

def test_docx_headings_lists_tables_breaks_and_links(tmp_path: Path) -> None:
    body = (
        para("Refusal notice", "Title")
        + para("Our decision", "Heading1")
        + para("First paragraph.")
        + para("") # empty paragraphs are not counted
        + para("Item one", "ListBullet") + para("Item two", numbered=True)
        + '<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t><w:tab/>'
          '<w:t>tabbed</w:t></w:r></w:p>'
        + '<w:tbl><w:tr><w:tc>' + para("Cell text") + '</w:tc></w:tr></w:tbl>'
        + '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>our website</w:t></w:r></w:hyperlink></w:p>'
        + '<w:p><w:r><w:delText>deleted words</w:delText><w:instrText>HYPERLINK</w:instrText>'
          '<w:t>kept</w:t></w:r></w:p>'
    )
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId9" Type="hyperlink" '
            'Target="https://example.gov.uk/foi" TargetMode="External"/></Relationships>')
    header = f'<w:hdr {W_NS}>' + para("Example Council letterhead") + "</w:hdr>"
    footer = f'<w:ftr {W_NS}>' + para("Page footer") + "</w:ftr>"
    path = make_docx(tmp_path / "letter.docx", body, {
        "word/_rels/document.xml.rels": rels, "word/header1.xml": header,
        "word/footer1.xml": footer})
    notice = read_document(path)
    kinds = [type(b).__name__ for b in notice.blocks]
    assert kinds == ["Heading", "Heading", "Paragraph", "ListBlock", "Paragraph", "Paragraph",
                     "Paragraph", "Paragraph"]
    title, heading = notice.blocks[0], notice.blocks[1]
    assert isinstance(title, Heading) and title.level == 1 and title.source == "paragraph 1"
    assert isinstance(heading, Heading) and heading.level == 2
    assert notice.title == "Refusal notice"
    lst = notice.blocks[3]
    assert isinstance(lst, ListBlock) and lst.text == "Item one\nItem two"
    assert lst.source == "paragraph 4"
    assert notice.blocks[4].text == "Line one\nLine two\ttabbed"
    assert notice.blocks[4].source == "paragraph 6"
    assert notice.blocks[5].text == "Cell text"
    link_para = notice.blocks[6]
    assert isinstance(link_para, Paragraph)
    assert link_para.content == (Link("our website", "https://example.gov.uk/foi"),)
    assert notice.blocks[7].text == "kept"
    assert [b.text for b in notice.header] == ["Example Council letterhead"]
    assert notice.header[0].source == "header paragraph 1"
    assert [b.text for b in notice.footer] == ["Page footer"]


def test_docx_made_by_python_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Freedom of Information request", level=1)
    d.add_paragraph("We are withholding the report under section 43(2).")
    d.add_paragraph("Factor one", style="List Bullet")
    d.add_paragraph("Factor two", style="List Bullet")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Part 1"
    table.cell(0, 1).text = "Withheld"
    d.sections[0].header.paragraphs[0].text = "Example Council"
    d.save(str(tmp_path / "made.docx"))
    notice = read_document(tmp_path / "made.docx")
    assert isinstance(notice.blocks[0], Heading)
    assert isinstance(notice.blocks[2], ListBlock) and len(notice.blocks[2].items) == 2
    assert [b.text for b in notice.blocks[3:]] == ["Part 1", "Withheld"]
    assert notice.header[0].text == "Example Council"


def test_docx_style_names_are_read_when_ids_are_unknown(tmp_path: Path) -> None:
    styles = (f'<w:styles {W_NS}><w:style w:type="paragraph" w:styleId="X1">'
              '<w:name w:val="heading 2"/></w:style></w:styles>')
    path = make_docx(tmp_path / "l.docx", para("Localised heading", "X1") + para("Body."),
                     {"word/styles.xml": styles})
    blocks = read_document(path).blocks
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Localised heading"


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04 this is not really a zip", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
    (b"{\\rtf1 hello}", "RTF"),
])
def test_unreadable_docx(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(DocumentReadError, match=message) as exc:
        read_document(path)
    assert "Fix:" in str(exc.value) and str(path) in str(exc.value)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(DocumentReadError, match="not a Word document"):
        read_document(path)


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(DocumentReadError, match="not well-formed"):
        read_document(path)


def test_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (8 * 1024 * 1024))  # ~1000:1
    assert path.stat().st_size < 100_000
    with pytest.raises(DocumentReadError, match="zip bomb"):
        read_document(path)


def test_part_over_the_size_cap_is_refused(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 1000)
    path = make_docx(tmp_path / "big.docx", para("x" * 5000))
    with pytest.raises(DocumentReadError, match="limit is 1,000"):
        read_document(path)


# ------------------------------------------------------------------------------ Markdown

MARKDOWN = """\
# Refusal notice

Our ref: FOI-1

Thank you for your request. You asked:

```request
1. A copy of the contract.
```

> Quoted words from someone else.

We are withholding it under **section 43(2)**; see [our guide](https://example.gov.uk/g).

- first factor
- second factor
  - nested point

1. one
2. two
"""


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    notice = read_document(path)
    blocks = notice.blocks
    assert isinstance(blocks[0], Heading) and blocks[0].source == "line 1"
    assert notice.title == "Refusal notice"
    fence = blocks[3]
    assert isinstance(fence, Quote) and fence.label == "request"
    assert fence.text == "1. A copy of the contract."
    assert isinstance(blocks[4], Quote) and blocks[4].text == "Quoted words from someone else."
    para5 = blocks[5]
    assert isinstance(para5, Paragraph) and para5.source == "line 13"
    assert Link("our guide", "https://example.gov.uk/g") in para5.content
    assert para5.text.startswith("We are withholding it under section 43(2)")
    bullets = blocks[6]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.text == "first factor\nsecond factor\nnested point"
    numbered = blocks[7]
    assert isinstance(numbered, ListBlock) and numbered.ordered


# ------------------------------------------------------------------------------ text

TEXT = """\
NORTHBRIDGE CITY COUNCIL

Our ref: NCC/1
Date: 3 March 2025

Dear Requester,

This paragraph was typed in an editor that wraps lines at about seventy
characters, so it runs over several lines that belong together and must be
joined into one paragraph.
Public Interest Test
Factors favouring disclosure
There is a public interest in transparency.
1. first part of the request
2. second part of the request
• a bullet
  that continues
"""


def test_text_paragraphs_headings_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(TEXT, encoding="utf-8")
    blocks = read_document(path).blocks
    texts = [(type(b).__name__, b.source, b.text) for b in blocks]
    assert texts[0] == ("Heading", "line 1", "NORTHBRIDGE CITY COUNCIL")
    assert texts[1][0] == "Paragraph" and texts[1][2] == "Our ref: NCC/1"
    assert texts[2][2] == "Date: 3 March 2025"
    wrapped = next(t for t in texts if t[2].startswith("This paragraph"))
    assert wrapped[1] == "line 8" and wrapped[2].endswith("joined into one paragraph.")
    assert ("Heading", "line 11", "Public Interest Test") in texts
    assert ("Heading", "line 12", "Factors favouring disclosure") in texts
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert lists[0].ordered and lists[0].text.startswith("first part")
    assert lists[1].text == "a bullet that continues"


def test_parse_lines_uses_the_given_locations() -> None:
    blocks = parse_lines(["Heading line", "A sentence that ends here."],
                         lambda i: f"page 2, line {i + 1}")
    assert [b.source for b in blocks] == ["page 2, line 1", "page 2, line 2"]


def test_big_text_file_is_cut_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"We are withholding the information under section 43(2) of the Act.\n"
    with path.open("wb") as fh:
        fh.write(line * ((50 * 1024 * 1024) // len(line)))
    start = time.perf_counter()
    notice = read_document(path)
    assert time.perf_counter() - start < 10
    assert "truncated" in notice.meta and "2 MB" in notice.meta["truncated"]
    assert sum(len(b.text) for b in notice.blocks) <= MAX_TEXT_BYTES


def test_text_encodings(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Dear Requester,\n".encode("utf-16"))
    assert read_document(tmp_path / "u16.txt").blocks[0].text == "Dear Requester,"
    (tmp_path / "cp.txt").write_bytes("Fees of \xa325 an hour.\n".encode("cp1252"))
    assert "£25" in read_document(tmp_path / "cp.txt").blocks[0].text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bin.txt", b"\x00\x01\x02binary", "binary file"),
    ("empty.txt", b"   \n", "empty"),
])
def test_unreadable_text(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(DocumentReadError, match=message):
        read_document(tmp_path / name)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="file not found"):
        read_document(tmp_path / "nope.docx")
    with pytest.raises(DocumentReadError, match="folder"):
        read_document(tmp_path)


# ------------------------------------------------------------------------------ sniffing

def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    docx_path = make_docx(tmp_path / "letter.bin", para("Zip content is a DOCX."))
    assert read_document(docx_path).meta["format"] == "docx"
    (tmp_path / "letter.dat").write_bytes(make_text_pdf(["Hello from a PDF."]))
    assert read_document(tmp_path / "letter.dat").meta["format"] == "pdf"
    (tmp_path / "letter.docx").write_text("Plain text with a .docx name.\n")
    with pytest.raises(DocumentReadError, match=r"not a Word \.docx file"):
        read_document(tmp_path / "letter.docx")


# ------------------------------------------------------------------------------ PDF

def make_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (built by hand, no writer needed)."""
    ops = " ".join(f"({line}) Tj 0 -18 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {ops} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(make_text_pdf(["Public Interest Test",
                                    "We are withholding the report under section 43(2)."]))
    notice = read_document(path)
    assert "section 43(2)" in notice.text
    assert notice.blocks[0].source == "page 1, line 1"


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(make_text_pdf(["Secret letter text."])))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner",
                   algorithm="RC4-128")
    path = tmp_path / f"enc-{user_password or 'none'}.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="password-protected"):
        read_document(_encrypted(tmp_path, "secret"))


def test_owner_locked_pdf_is_read(tmp_path: Path) -> None:
    assert "Secret letter text." in read_document(_encrypted(tmp_path, "")).text


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentReadError, match="no text layer; OCR it first"):
        read_document(path)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a pdf body")
    with pytest.raises(DocumentReadError):
        read_document(path)
