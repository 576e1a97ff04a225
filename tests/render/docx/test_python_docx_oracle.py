"""The fast DOCX writer gives exactly the bytes python-docx would, letter after letter.

The oracle below is how every letter used to be written: the reference document or the
letterhead opened with python-docx for each letter, and the package zipped by zipfile.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from drafter.document import Heading, Lines, Link, ListBlock, Notice, Paragraph, Quote, Text
from drafter.draft.pipeline import render_case
from drafter.infra import ooxml
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from drafter.render import docx as rd
from drafter.render.docx import letterhead as lh
from drafter.render.docx import package as pkg
from drafter.render.docx import zipwriter
from tests.helpers.docx_oracle import python_docx_letter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LETTERHEAD = EXAMPLES / "authorities" / "northbridge-letterhead.docx"


def oracle(notice: Notice, letterhead: Path | None = None) -> bytes:
    return python_docx_letter(notice, letterhead)


def example_notices() -> list[tuple[str, Notice]]:
    lib, env = load_library(), make_environment()
    out = []
    for case in sorted(EXAMPLES.glob("*.yaml")):
        rendered = render_case(case, lib=lib, env=env, out_dir=Path("unused"), formats=(),
                               today=dt.date(2025, 6, 2))
        out.append((case.stem, rendered.notice))
    return out


def t(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def made_up_notices() -> list[tuple[str, Notice]]:
    link = Link("the ICO", "https://ico.org.uk/?a=1&b=<2>")
    other = Link("our site", "https://example.gov.uk/foi")
    numbered = ListBlock((t("one"), t("two")), ordered=True)
    bullets = ListBlock((t("a"), (Text("b "), link)))
    return [
        ("numbered first", Notice((Heading(1, t("Title")), numbered, bullets, numbered),
                                  title="T", meta={"author": "A", "reference": "R"})),
        ("bullets first", Notice((bullets, Paragraph((link, Text(" and "), other, link))),
                                 meta={"title": "from meta", "author": "A & B <c>"})),
        ("no lists", Notice((Quote("asked\n\tfor  this", label="You asked:"),
                             Lines(("1 Street", "Town"), kind="recipient"),
                             Paragraph(t("bad \x01 chars \ufffe kept out")),
                             Paragraph((Text("x" * 300, strong=True),))),
                            title="é" * 300, meta={"reference": "FOI/1"})),
        ("empty", Notice(())),
        ("empty lists", Notice((ListBlock((), ordered=True), ListBlock(())))),
    ]


def letterhead_without_lists(tmp_path: Path, *, template: bool = False) -> Path:
    """A letterhead with neither list styles nor a numbering part: both get copied in."""
    doc = docx.Document()
    styles = doc.part.styles.element
    for style in list(styles.iter(ooxml.W_STYLE)):
        if style.get(ooxml.W_STYLE_ID, "").startswith(("ListBullet", "ListNumber", "List")):
            styles.remove(style)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            doc.part.drop_rel(rid)
    doc.add_paragraph("This body is replaced by the letter.")
    path = tmp_path / ("plain-letterhead.dotx" if template else "plain-letterhead.docx")
    doc.save(str(path))
    if template:  # relabel as a Word template (.dotx), which render_docx accepts
        data = path.read_bytes()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                blob = src.read(info)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(b"document.main+xml", b"template.main+xml")
                dst.writestr(info, blob)
        path.write_bytes(out.getvalue())
    return path


@pytest.fixture(scope="module")
def notices() -> list[tuple[str, Notice]]:
    return example_notices() + made_up_notices()


@pytest.fixture(params=["cache on", "cache off"])
def cache_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
               tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if request.param == "cache off":
        monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    else:
        monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    lh.reference_source.cache_clear()
    lh._LETTERHEADS.clear()


@pytest.mark.usefixtures("cache_mode")
def test_plain_letters_are_byte_identical(notices: list[tuple[str, Notice]]) -> None:
    expected = [oracle(notice) for _, notice in notices]
    for _ in range(2):  # the second round comes from the prepared (and cached) source
        for (name, notice), data in zip(notices, expected, strict=True):
            assert rd.render_docx(notice) == data, name


@pytest.mark.usefixtures("cache_mode")
@pytest.mark.parametrize("kind", ["example", "without lists", "template"])
def test_letterhead_letters_are_byte_identical(notices: list[tuple[str, Notice]],
                                               tmp_path: Path, kind: str) -> None:
    letterhead = LETTERHEAD if kind == "example" else letterhead_without_lists(
        tmp_path, template=kind == "template")
    expected = [oracle(notice, letterhead) for _, notice in notices]
    for _ in range(2):
        for (name, notice), data in zip(notices, expected, strict=True):
            assert rd.render_docx(notice, letterhead=letterhead) == data, name


def test_a_letterhead_changed_on_disk_is_used_at_once(notices: list[tuple[str, Notice]],
                                                      tmp_path: Path) -> None:
    path = tmp_path / "letterhead.docx"
    path.write_bytes(LETTERHEAD.read_bytes())
    notice = notices[0][1]
    first = rd.render_docx(notice, letterhead=path)
    other = letterhead_without_lists(tmp_path)
    before = path.stat()
    path.write_bytes(other.read_bytes())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = rd.render_docx(notice, letterhead=path)
    assert second != first
    assert second == oracle(notice, other)


def header_footer_notices() -> list[tuple[str, Notice]]:
    link = Link("the ICO", "https://ico.org.uk/?a=1&b=<2>")
    other = Link("our site", "https://example.gov.uk/foi")
    body = (Heading(1, t("Title")), Paragraph((Text("See "), link)),
            ListBlock((t("one"), t("two")), ordered=True), ListBlock((t("a"), (Text("b "), other))))
    return [
        ("header only", Notice((Paragraph(t("Body")),), header=(Paragraph(t("Head")),))),
        ("footer only", Notice((Paragraph(t("Body")),), footer=(Paragraph(t("Foot")),))),
        ("links in both", Notice(body, header=(Paragraph((Text("Council "), link)),),
                                 footer=(Paragraph((Link("x", "https://example.org"),)),),
                                 title="T", meta={"author": "A & B", "reference": "FOI/1"})),
        ("lists in the header", Notice(body, header=(
            ListBlock((t("h1"), t("h2")), ordered=True), ListBlock((t("hb"),)),
            Lines(("1 Street", "Town"), kind="sender")),
            footer=(Paragraph(t("Page footer"), role="small"), Quote("q")))),
        ("empty header", Notice((Paragraph(t("Body")),), header=(Paragraph(()),),
                                footer=(Paragraph(t("F")),))),
        ("empty body", Notice((), header=(Paragraph(t("H")),))),
        ("one link everywhere", Notice((Paragraph((link,)),), header=(Paragraph((link,)),),
                                       footer=(Paragraph((link, other)),))),
    ]


@pytest.mark.usefixtures("cache_mode")
def test_header_and_footer_letters_are_what_python_docx_writes() -> None:
    """The one writer adds header and footer parts exactly as python-docx's section API did."""
    for name, notice in header_footer_notices():
        expected = oracle(notice)
        assert rd.render_docx(notice) == expected, name
        with zipfile.ZipFile(io.BytesIO(expected)) as z:
            names = set(z.namelist())
        assert ("word/header1.xml" in names) == bool(notice.header), name
        assert ("word/footer1.xml" in names) == bool(notice.footer), name


def test_a_letterhead_keeps_its_own_header_and_footer(tmp_path: Path) -> None:
    notice = Notice((Paragraph(t("Body")),), header=(Paragraph(t("ignored")),),
                    footer=(Paragraph(t("ignored")),))
    data = rd.render_docx(notice, letterhead=LETTERHEAD)
    assert data == oracle(notice, LETTERHEAD)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"ignored" in z.read(name) for name in z.namelist())


def test_zip_is_what_zipfile_writes() -> None:
    rng = random.Random(7)
    for _ in range(20):
        members = []
        for i in range(rng.randint(0, 6)):
            name = rng.choice(["word/document.xml", "a/b.rels", "ünïcode/naïve.xml", "x"])
            data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 3000)))
            if rng.random() < 0.5:
                data = data[:20] * 50
            members.append((f"{i}-{name}", data))
        expected = io.BytesIO()
        with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                info = zipfile.ZipInfo(name, zipwriter.ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                z.writestr(info, data)
        memo: dict[Any, Any] = {}
        got = zipwriter.write([zipwriter.deflate(name, data, memo) for name, data in members])
        assert got == expected.getvalue()
        again = [zipwriter.deflate(name, data, memo) for name, data in members]
        assert zipwriter.write(again) == got


def test_relationships_are_written_as_python_docx_writes_them() -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.opc.rel import Relationships

    rels = Relationships("/word")
    ours = []
    for i, (target, external) in enumerate([("https://a.example/?x=1&y=\"2\"", True),
                                            ("styles.xml", False),
                                            ("https://b.example/<tag>\t", True)], start=1):
        if external:
            rels.add_relationship(RT.HYPERLINK, target, f"rId{i}", is_external=True)
            ours.append(pkg.Rel(f"rId{i}", RT.HYPERLINK, target, True, target))
        else:
            part = Part(PackURI("/word/" + target), CT.WML_STYLES)
            rels.add_relationship(RT.STYLES, part, f"rId{i}")
            ours.append(pkg.Rel(f"rId{i}", RT.STYLES, "/word/" + target, False, target))
    expected: Any = rels.xml  # bytes, whatever python-docx's annotation says
    assert pkg.rels_xml(ours) == expected


def test_names_match_python_docx() -> None:
    assert (ooxml.RT_HYPERLINK, ooxml.RT_NUMBERING) == (RT.HYPERLINK, RT.NUMBERING)
    assert (ooxml.CT_NUMBERING, ooxml.CT_RELATIONSHIPS, ooxml.CT_XML) == (
        CT.WML_NUMBERING, CT.OPC_RELATIONSHIPS, CT.XML)
    assert pkg.relative_ref("/word/numbering.xml", "/word") == "numbering.xml"
    assert pkg.relative_ref("/docProps/core.xml", "/") == "docProps/core.xml"
    assert pkg.rels_member("/word/document.xml") == "word/_rels/document.xml.rels"
    assert pkg.rels_member("/a.xml") == "_rels/a.xml.rels"


def test_forbidden_xml_characters_are_those_of_the_spec() -> None:
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in [*range(0, 0x10000), *range(0x10000, 0x110000, 4099), 0x10FFFF]:
        char = chr(code)
        assert bool(ooxml.XML_INVALID.match(char)) != bool(allowed.match(char)), hex(code)


def test_escaping_matches_saxutils() -> None:
    from xml.sax.saxutils import escape, quoteattr

    for text in ["", "plain", "a & b < c > d", "'single'", '"double"', "both ' and \"",
                 "lines\nand\rtabs\t", "&amp; already"]:
        assert ooxml.escape(text) == escape(text)
        assert ooxml.quoteattr(text) == quoteattr(text)


def test_a_reparsed_part_is_written_back_unchanged() -> None:
    source = lh.reference_source()
    for part in source.parts.values():
        if part.blob.startswith(b"<?xml"):
            assert pkg.serialize(etree.fromstring(part.blob, pkg.OXML_PARSER)) == part.blob


def test_a_letter_does_not_import_python_docx(tmp_path: Path) -> None:
    """Once the reference document is prepared (and cached), python-docx is not imported,
    not even for a letter with its own header and footer."""
    code = (
        "import sys\n"
        "from drafter.document import Notice, Paragraph, Text\n"
        "from drafter.render.docx import render_docx\n"
        "p = Paragraph((Text('x'),))\n"
        "data = render_docx(Notice((p,), header=(p,), footer=(p,)))\n"
        "print('docx' in sys.modules, len(data) > 1000)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("DRAFTER_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    assert runs == [["True", "True"], ["False", "True"]]
