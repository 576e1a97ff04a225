"""``drafter render`` and ``drafter new``: outputs, overwrite protection, publication copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from docx import Document

from drafter.infra.files import safe_stem
from tests.conftest import EXAMPLES, CliResult, base_case


def test_renders_both_formats_with_the_same_text(case_dir: Callable[..., Path],
                                                 run_cli: Callable[..., CliResult],
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", str(case_dir()), "-o", str(out))
    assert result.code == 0, result.err
    md = (out / "FOI-2025-0142.md").read_text(encoding="utf-8")
    doc = Document(str(out / "FOI-2025-0142.docx"))
    paragraphs = [p.text for p in doc.paragraphs if p.text.strip()]
    assert "A copy of the contract with Example Systems Ltd." in md
    assert "A copy of the contract with Example Systems Ltd." in paragraphs
    for heading in ("Your right to ask for a review",
                    "Your right to complain to the Information Commissioner"):
        assert heading in md
        assert heading in paragraphs


def test_refuses_to_overwrite_without_force(case_dir: Callable[..., Path],
                                            run_cli: Callable[..., CliResult],
                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "FOI-2025-0142.md"
    existing.write_text("the officer's edited letter", encoding="utf-8")
    case = case_dir()
    result = run_cli("render", str(case), "-o", str(out))
    assert result.code == 2
    assert "already exist" in result.err and "--force" in result.err
    assert existing.read_text(encoding="utf-8") == "the officer's edited letter"
    assert not (out / "FOI-2025-0142.docx").exists()  # nothing half-written either
    assert run_cli("render", str(case), "-o", str(out), "--force").code == 0
    assert existing.read_text(encoding="utf-8") != "the officer's edited letter"


def test_failure_half_way_leaves_existing_letter_intact(case_dir: Callable[..., Path],
                                                        run_cli: Callable[..., CliResult],
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "FOI-2025-0142.md").write_text("previous letter", encoding="utf-8")
    import drafter.render.docx

    def boom(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(drafter.render.docx, "render_docx", boom)
    result = run_cli("render", str(case_dir()), "-o", str(out), "--force")
    assert result.code == 2
    assert "internal error" in result.err and "Traceback" not in result.err
    assert (out / "FOI-2025-0142.md").read_text(encoding="utf-8") == "previous letter"
    assert sorted(p.name for p in out.iterdir()) == ["FOI-2025-0142.md"]  # no temp files


@pytest.mark.parametrize(("reference", "stem"), [
    ("../../etc/passwd", "etc-passwd"),
    ("FOI 0019/24 – OPCC 625-24", "FOI-0019-24-OPCC-625-24"),
    ("..", "letter"),
    ("CON", "letter-CON"),
    ("NCC/FOI/25/0142", "NCC-FOI-25-0142"),
])
def test_reference_is_made_safe_for_a_file_name(reference: str, stem: str) -> None:
    assert safe_stem(reference) == stem


def test_traversal_reference_writes_inside_out(case_dir: Callable[..., Path],
                                               run_cli: Callable[..., CliResult],
                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", str(case_dir(base_case(reference="../../escape"))), "-o",
                     str(out))
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["escape.docx", "escape.md"]
    assert not (tmp_path.parent / "escape.md").exists()


def test_for_publication_removes_the_requester(case_dir: Callable[..., Path],
                                               run_cli: Callable[..., CliResult],
                                               tmp_path: Path) -> None:
    case = base_case(requester={"name": "Alex Example", "email": "alex@example.org",
                                "address": ["1 High Street", "Sometown", "ZZ9 9ZZ"]})
    out = tmp_path / "out"
    result = run_cli("render", str(case_dir(case)), "-o", str(out), "--for-publication")
    assert result.code == 0, result.err
    md = (out / "FOI-2025-0142-publication.md").read_text(encoding="utf-8")
    docx_text = "\n".join(p.text for p in Document(
        str(out / "FOI-2025-0142-publication.docx")).paragraphs)
    for text in (md, docx_text):
        for personal in ("Alex Example", "alex@example.org", "1 High Street", "ZZ9 9ZZ"):
            assert personal not in text
        assert "Dear Requester," in text
        assert "removed for publication" in text


def test_many_cases_one_bad(case_dir: Callable[..., Path], run_cli: Callable[..., CliResult],
                            tmp_path: Path) -> None:
    good = case_dir()
    bad = case_dir(base_case(reference="BAD-1", sent="2025-01-01"), name="bad.yaml")
    out = tmp_path / "out"
    result = run_cli("render", str(good), str(bad), "-o", str(out))
    assert result.code == 1
    assert (out / "FOI-2025-0142.docx").exists()
    assert not (out / "BAD-1.docx").exists()
    assert "bad.yaml" in result.err


def test_unknown_format_is_a_usage_error(case_dir: Callable[..., Path],
                                         run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("render", str(case_dir()), "--format", "pdf")
    assert result.code == 2
    assert "unknown format" in result.err


def test_new_writes_a_commented_case_and_never_overwrites(run_cli: Callable[..., CliResult],
                                                          tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    assert run_cli("new", 'FOI "2025" #7', "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert "# Case file for one Freedom of Information request" in text
    data = yaml.safe_load(text)
    assert data["reference"] == 'FOI "2025" #7'  # the reference stays data
    assert data["parts"][0]["exemptions"][0]["cite"] == "s43(2)"
    result = run_cli("new", "OTHER", "-o", str(target))
    assert result.code == 2 and "already exist" in result.err
    assert target.read_text(encoding="utf-8") == text


def test_examples_all_render(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    cases = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    result = run_cli("render", *cases, "-o", str(tmp_path))
    assert result.code == 0, result.err
    assert len(list(tmp_path.glob("*.docx"))) == len(cases)
    assert len(list(tmp_path.glob("*.md"))) == len(cases)
