"""render_docx gives exactly the bytes python-docx would, letter after letter.

The oracle (tests/helpers/docx_oracle.py) is how every letter used to be written: the
reference document or the letterhead opened with python-docx for each letter, the header and
footer added through its section API, the properties through its core_properties, and the
package saved by python-docx. The writer prepares each source once and never imports
python-docx for a letter; these tests hold it to the same bytes, from the prepared source in
the process, from the user's cache, and with the cache off.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from drafter.document import Heading, Lines, Link, ListBlock, Notice, Paragraph, Quote, Text
from drafter.draft.pipeline import render_case
from drafter.infra import ooxml
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from drafter.render import docx as rd
from drafter.render.docx import letterhead as lh
from tests.helpers.docx_oracle import python_docx_letter

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
LETTERHEAD = EXAMPLES / "authorities" / "northbridge-letterhead.docx"


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
    lh.forget_prepared()


@pytest.mark.usefixtures("cache_mode")
def test_plain_letters_are_byte_identical(notices: list[tuple[str, Notice]]) -> None:
    expected = [python_docx_letter(notice) for _, notice in notices]
    for _ in range(2):  # the second round comes from the prepared (and cached) source
        for (name, notice), data in zip(notices, expected, strict=True):
            assert rd.render_docx(notice) == data, name


@pytest.mark.usefixtures("cache_mode")
@pytest.mark.parametrize("kind", ["example", "without lists", "template"])
def test_letterhead_letters_are_byte_identical(notices: list[tuple[str, Notice]],
                                               tmp_path: Path, kind: str) -> None:
    letterhead = LETTERHEAD if kind == "example" else letterhead_without_lists(
        tmp_path, template=kind == "template")
    expected = [python_docx_letter(notice, letterhead) for _, notice in notices]
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
    assert second == python_docx_letter(notice, other)


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
        expected = python_docx_letter(notice)
        assert rd.render_docx(notice) == expected, name
        with zipfile.ZipFile(io.BytesIO(expected)) as z:
            names = set(z.namelist())
        assert ("word/header1.xml" in names) == bool(notice.header), name
        assert "word/footer1.xml" in names, name  # every letter has the page line


def test_a_letterhead_keeps_its_own_header_and_footer(tmp_path: Path) -> None:
    notice = Notice((Paragraph(t("Body")),), header=(Paragraph(t("ignored")),),
                    footer=(Paragraph(t("ignored")),))
    data = rd.render_docx(notice, letterhead=LETTERHEAD)
    assert data == python_docx_letter(notice, LETTERHEAD)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"ignored" in z.read(name) for name in z.namelist())


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
