"""A letterhead goes through the reader's budgets, and only what a letter needs is kept (D3)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml

from tests.conftest import AUTHORITY, ROOT, base_case
from tests.hostile.conftest import assert_clean_refusal, drafter

LETTERHEAD = ROOT / "examples" / "authorities" / "northbridge-letterhead.docx"
IMAGE_REL = ('<Relationship Id="rIdBig" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/image" Target="media/big.png"/>')


def _zeros(size: int) -> bytes:
    return bytes(size)


def _letterhead(path: Path, *, rels_member: str, extra: dict[str, bytes],
                replace: dict[str, bytes] | None = None) -> Path:
    """The example letterhead with ``extra`` parts, related from ``rels_member``."""
    with zipfile.ZipFile(LETTERHEAD) as src, zipfile.ZipFile(path, "w",
                                                             zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = (replace or {}).get(info.filename) or src.read(info)
            if info.filename == rels_member:
                data = data.replace(b"</Relationships>", IMAGE_REL.encode() + b"</Relationships>")
            dst.writestr(info.filename, data)
        for name, data in extra.items():
            dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return path


def _case(folder: Path, letterhead: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "authority.yaml").write_text(yaml.safe_dump({**AUTHORITY, "letterhead": letterhead}),
                                           encoding="utf-8")
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(base_case(), sort_keys=False), encoding="utf-8")
    return path


def test_d3_a_large_part_only_the_letterhead_body_uses_is_dropped(tmp_path: Path) -> None:
    _letterhead(tmp_path / "lh.docx", rels_member="word/_rels/document.xml.rels",
                extra={"word/media/big.png": _zeros(200 * 1024 * 1024)})
    assert (tmp_path / "lh.docx").stat().st_size < 2_000_000
    run = drafter("render", _case(tmp_path, "lh.docx"), "-o", tmp_path / "out", timeout=60)
    assert run.code == 0, run.err
    letter = (tmp_path / "out" / "FOI-2025-0142.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(letter)) as z:
        names = z.namelist()
        total = sum(i.file_size for i in z.infolist())
    assert "word/media/big.png" not in names
    assert "docProps/thumbnail.jpeg" not in names  # the letterhead's own preview
    assert "word/media/image1.png" in names  # the logo its header uses is kept
    assert total < 5_000_000


def test_d3_a_bomb_the_header_uses_is_refused(tmp_path: Path) -> None:
    _letterhead(tmp_path / "lh.docx", rels_member="word/_rels/header1.xml.rels",
                extra={"word/media/big.png": _zeros(200 * 1024 * 1024)})
    run = drafter("render", _case(tmp_path, "lh.docx"), "-o", tmp_path / "out", timeout=60)
    assert_clean_refusal(run, "lh.docx", "letterhead", "zip bomb")
    assert not (tmp_path / "out").exists()


def test_d3_padded_styles_are_refused_before_they_are_parsed(tmp_path: Path) -> None:
    with zipfile.ZipFile(LETTERHEAD) as src:
        styles = src.read("word/styles.xml")
    padded = styles.replace(b"<w:docDefaults>", b" " * (300 * 1024 * 1024) + b"<w:docDefaults>")
    _letterhead(tmp_path / "lh.docx", rels_member="none", extra={},
                replace={"word/styles.xml": padded})
    run = drafter("render", _case(tmp_path, "lh.docx"), "-o", tmp_path / "out", timeout=60)
    assert_clean_refusal(run, "lh.docx", "letterhead")
    assert run.seconds < 20


def test_d3_letterhead_that_is_a_fifo_or_a_device(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.docx")
    case = _case(tmp_path, "fifo.docx")
    run = drafter("render", case, "-o", tmp_path / "out", timeout=15)
    assert_clean_refusal(run, "fifo.docx", "not a regular file")
    run = drafter("render", case, "-o", tmp_path / "out", "--letterhead", "/dev/zero",
                  timeout=15)
    assert_clean_refusal(run, "/dev/zero")
