"""The public library API (drafter/__init__.py, docs/api.md): what a case system calls."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from docx import Document

import drafter
from drafter.errors import LegalValidationError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "council-vexatious.yaml"


def test_every_public_name_is_importable_and_documented() -> None:
    docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in drafter.__all__:
        assert getattr(drafter, name) is not None
        if name != "__version__":
            assert f"`{name}" in docs, f"document drafter.{name} in docs/api.md"


def test_one_checker_serves_many_letters(tmp_path: Path) -> None:
    drafted = drafter.draft_case(EXAMPLE, today=dt.date(2025, 8, 1))
    md = drafter.render_markdown(drafted.notice)
    good, cut = tmp_path / "good.md", tmp_path / "cut.md"
    good.write_text(md, encoding="utf-8")
    start, end = md.index("## Your right to ask for a review"), md.index("Yours sincerely")
    cut.write_text(md[:start] + md[end:], encoding="utf-8")
    checker = drafter.make_checker()
    assert drafter.check_file(good, checker=checker).ok
    assert not drafter.check_file(cut, checker=checker).ok
    assert drafter.check_file(cut, checker=checker).as_dict() == drafter.check_file(cut).as_dict()


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        drafter.no_such_function  # noqa: B018


def test_draft_render_read_and_check_round_trip(tmp_path: Path) -> None:
    lib = drafter.load_library()
    drafted = drafter.draft_case(EXAMPLE, library=lib, today=dt.date(2025, 6, 1))
    assert drafted.stem == "NCC-FOI-25-0388"
    md = drafter.render_markdown(drafted.notice)
    assert "section 14(1)" in md
    docx = drafter.render_docx(drafted.notice)
    assert any("14(1)" in p.text for p in Document(io.BytesIO(docx)).paragraphs)
    path = tmp_path / f"{drafted.stem}.docx"
    path.write_bytes(docx)
    result = drafter.check_file(path)
    assert result.ok, result.as_dict()
    assert drafter.check_notice(drafter.read_document(path)).ok


def test_a_letter_without_its_rights_paragraphs_fails(tmp_path: Path) -> None:
    drafted = drafter.draft_case(EXAMPLE, today=dt.date(2025, 6, 1))
    md = drafter.render_markdown(drafted.notice)
    start, end = md.index("## Your right to ask for a review"), md.index("Yours sincerely")
    cut = md[:start] + md[end:]
    path = tmp_path / "cut.md"
    path.write_text(cut, encoding="utf-8")
    result = drafter.check_file(path)
    assert not result.ok
    elements = result.as_dict()["elements"]
    assert elements["ico_right"]["status"] == "missing"
    assert elements["internal_review"]["status"] == "missing"


def test_a_case_that_fails_the_law_raises(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("sent: 2025-07-24", "sent: 2025-06-24")
    shutil.copytree(ROOT / "examples" / "authorities", tmp_path / "authorities")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    with pytest.raises(LegalValidationError):
        drafter.draft_case(case, strict=True, today=dt.date(2025, 6, 1))


def test_compute_deadline_counts_uk_bank_holidays() -> None:
    due = drafter.compute_deadline(dt.date(2024, 12, 3))
    assert due.due == dt.date(2025, 1, 6)
    # Easter Monday is a bank holiday in England, Wales and Northern Ireland, not in Scotland:
    # FOIA s10(6) skips it, FOISA s73 does not.
    assert drafter.compute_deadline(dt.date(2025, 4, 1)).due == dt.date(2025, 5, 1)
    assert drafter.compute_deadline(dt.date(2025, 4, 1), regime="foisa").due == dt.date(2025, 4, 30)
