"""Letters given to ``drafter check`` that are hostile or broken (probe D2, D4, D7, M4, M18).

Every input is generated here. Each run must end within seconds, under the memory limit,
with the file reported by name ("cannot be read") or checked (exit 0 or 1).
"""

from __future__ import annotations

import io
import os
import random
import socket
import zipfile
import zlib
from pathlib import Path

import pytest

from drafter.errors import DocumentReadError
from drafter.infra import zipbudget
from drafter.read import read_document
from tests.hostile.conftest import assert_clean_refusal, drafter

DOC = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b"<w:body><w:p><w:r><w:t>Dear requester, we refuse your request.</w:t></w:r></w:p>"
       b"</w:body></w:document>")


def _docx(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", DOC)
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _header(body: bytes) -> bytes:
    return (b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:p><w:r><w:t>" + body + b"</w:t></w:r></w:p></w:hdr>")


def test_d2_many_small_bombs_are_refused(tmp_path: Path) -> None:
    # The probe's CD06 (a thousand headers of 2 MB of spaces, each under the old 2 MB ratio
    # threshold; 2.3 MB on disk, 2 GB once expanded), with 200 headers to keep the test quick.
    path = tmp_path / "headers.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", DOC)
        header = _header(b" " * (2 * 1024 * 1024 - 200))
        for i in range(1, 201):
            z.writestr(f"word/header{i}.xml", header)
    run = drafter("check", path, timeout=30)
    assert_clean_refusal(run, str(path), "zip bomb")
    assert run.seconds < 15


def test_d2_total_across_parts_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipbudget, "MAX_TOTAL_BYTES", 1024 * 1024)
    rng = random.Random(15)
    parts = {f"word/header{i}.xml": _header(
        "".join(rng.choice("abcdefghij ") for _ in range(100_000)).encode()) for i in range(20)}
    path = _docx(tmp_path / "total.docx", parts)
    with pytest.raises(DocumentReadError, match="in all"):
        read_document(path)


def test_d2_ratio_is_checked_on_small_parts_too(tmp_path: Path) -> None:
    path = _docx(tmp_path / "ratio.docx", {"word/header1.xml": _header(b" " * 1_000_000)})
    with pytest.raises(DocumentReadError, match=r"compressed .* to 1"):
        read_document(path)


def _pdf_shared_stream(pages: int, ops: int) -> bytes:
    """A PDF whose pages all draw one content stream of ``() Tj`` (no text, much work)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    stream = StreamObject()
    stream._data = zlib.compress(b"BT /F1 12 Tf " + b"() Tj " * ops + b"ET", 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    ref = writer._add_object(stream)
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): font})})
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = ref
        page[NameObject("/Resources")] = resources
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_d4_shared_content_stream_is_parsed_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.pdf"
    path.write_bytes(_pdf_shared_stream(300, 350_000))  # ~50 KB; 2 MB of operators a page
    assert path.stat().st_size < 100_000
    run = drafter("check", path, timeout=60)
    assert_clean_refusal(run, str(path), "no text layer")
    assert run.seconds < 20


def test_d4_work_across_pages_is_capped(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    shared = PdfReader(io.BytesIO(_pdf_shared_stream(1, 300_000)))
    writer = PdfWriter()
    for _ in range(40):  # forty distinct pages of 1.8 MB of operators each
        writer.add_page(shared.pages[0])
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "heavy.pdf"
    path.write_bytes(buf.getvalue())
    run = drafter("check", path, timeout=60)
    assert run.code == 2, run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert run.seconds < 25


def _aes_pdf() -> bytes:
    """An owner-locked PDF (empty user password) that declares AES-128 encryption.

    Written with RC4 (pypdf needs the cryptography package to write AES), then its
    encryption dictionary is changed to version 4 with the AESV2 filter: the key derivation
    is the same, so the empty password opens it and the content must be AES-decrypted.
    """
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 700 Td (Dear requester, we refuse.) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.encrypt("", "owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    assert b"/V 2\n/R 3\n" in data
    return data.replace(b"/V 2\n/R 3\n", b"/V 4\n/R 4\n/CF << /StdCF << /CFM /AESV2 /Length 16"
                                         b" >> >> /StmF /StdCF /StrF /StdCF\n")


def test_d7_aes_pdf_is_password_protected_and_the_others_are_checked(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("cryptography") is not None:
        pytest.skip("with cryptography installed, AES PDFs can be read")
    aes = tmp_path / "aes.pdf"
    aes.write_bytes(_aes_pdf())
    good = tmp_path / "a.txt"
    good.write_text("Dear requester,\n\nWe hold the information and enclose it.\n")
    run = drafter("check", good, aes, "--format", "json", timeout=30)
    assert_clean_refusal(run, "aes.pdf", "password-protected")
    assert '"file":' in run.out and "a.txt" in run.out


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_m4_check_refuses_special_files_at_once(kind: str, tmp_path: Path) -> None:
    good = tmp_path / "a.md"
    good.write_text("# Letter\n\nDear requester, we refuse your request.\n")
    special = tmp_path / f"special.{'md' if kind != 'device' else 'txt'}"
    sock = None
    if kind == "fifo":
        os.mkfifo(special)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(special))
    else:
        special = Path("/dev/zero")
    try:
        run = drafter("check", good, special, timeout=15)
    finally:
        if sock is not None:
            sock.close()
    assert_clean_refusal(run, str(special), "not a regular file")
    assert run.seconds < 10
    assert "a.md" in run.out


def test_m18_pathological_markdown_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "slow.md"
    path.write_text("# Letter\n\n" + "**_`[<" * 300_000 + "\n\n" + "_a " * 600_000)
    run = drafter("check", path, timeout=60)
    assert run.code in (0, 1), run.err  # read (as text): a verdict, not a failure to read
    assert "slow.md" in run.out
    assert run.seconds < 10
