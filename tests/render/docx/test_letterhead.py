"""letterhead: read and check a letterhead, relabel a template, prepare each source once."""

from __future__ import annotations

import io
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest

from drafter.document import Notice, Paragraph, Text
from drafter.errors import LetterheadError
from drafter.render.docx import letterhead as lh
from drafter.render.docx import render_docx

LETTERHEAD = Path(__file__).resolve().parents[3] / "examples" / "authorities" / (
    "northbridge-letterhead.docx")


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    lh.forget_prepared()


def relabelled(data: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            blob = src.read(item)
            dst.writestr(item, blob.replace(old, new) if item.filename == "[Content_Types].xml"
                         else blob)
    return out.getvalue()


def test_an_unreadable_or_encrypted_letterhead_is_refused_before_opening(tmp_path: Path) -> None:
    with pytest.raises(LetterheadError) as info:
        lh.read_letterhead(tmp_path / "missing.docx")
    [problem] = info.value.problems
    assert "cannot be read" in problem.message and "path" in (problem.fix or "")
    encrypted = tmp_path / "encrypted.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(LetterheadError, match="password-protected"):
        lh.read_letterhead(encrypted)


def test_a_template_is_relabelled_as_a_document_and_nothing_else_changes() -> None:
    data = LETTERHEAD.read_bytes()
    assert lh.template_as_document(data) is data  # already a document
    template = relabelled(data, b"document.main+xml", b"template.main+xml")
    document = lh.template_as_document(template)
    with zipfile.ZipFile(io.BytesIO(document)) as out, zipfile.ZipFile(io.BytesIO(data)) as src:
        assert out.namelist() == src.namelist()
        for name in src.namelist():
            assert out.read(name) == src.read(name), name


def test_a_letterhead_is_prepared_once_per_content(tmp_path: Path) -> None:
    copy = tmp_path / "copy.docx"
    shutil.copyfile(LETTERHEAD, copy)
    first = lh.letterhead_source(LETTERHEAD)
    assert lh.letterhead_source(copy) is first  # same content, another path
    other = tmp_path / "other.docx"
    other.write_bytes(relabelled(LETTERHEAD.read_bytes(), b"</Types>", b" </Types>"))
    assert lh.letterhead_source(other) is not first
    lh.forget_prepared()
    again = lh.letterhead_source(LETTERHEAD)
    assert again is not first and again.parts == first.parts  # from the user's cache


def test_a_prepared_source_is_stored_without_its_per_process_state() -> None:
    source = lh.reference_source()
    render_docx(Notice((Paragraph((Text("x"),)),)))  # fills the parsed and zipped memo
    assert source.memo
    restored = pickle.loads(pickle.dumps(source))
    assert restored.memo == {} and restored.parts == source.parts
    assert restored.styles_ids == source.styles_ids


def test_the_reference_document_is_prepared_once() -> None:
    first = lh.reference_source()
    assert lh.reference_source() is first
    lh.forget_prepared()
    assert lh.reference_source() is not first
    assert lh.reference_source().parts == first.parts
