"""``drafter check DRAFT.docx --annotate DIR``: a copy with one Word comment per finding,
anchored where the finding is (or where a missing element belongs); the draft is untouched."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import EXAMPLES, ROOT, CliResult

FIXTURE = ROOT / "tests" / "checker_fixtures" / "ncnd-police-defects.txt"


def _docx_from_text(text: str, path: Path) -> Path:
    doc = docx.Document()
    for para in text.split("\n\n"):
        if para.strip():
            doc.add_paragraph(para.strip())
    doc.save(str(path))
    return path


def _anchored(path: Path) -> list[tuple[str, str]]:
    """(text of the paragraph a comment is anchored in, the comment's text), in order."""
    doc: Any = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in doc.comments}
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        for start in p.iter(qn("w:commentRangeStart")):
            para = "".join(t.text or "" for t in p.iter(qn("w:t")))
            out.append((para, texts[int(start.get(qn("w:id")))]))
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_comment_per_finding_at_its_paragraph(tmp_path: Path,
                                                  run_cli: Callable[..., CliResult]) -> None:
    draft = _docx_from_text(FIXTURE.read_text(encoding="utf-8"), tmp_path / "draft.docx")
    before = _sha(draft)
    report = json.loads(run_cli("check", str(draft), "--format", "json").out)
    findings = report["findings"]
    assert len(findings) >= 2
    result = run_cli("check", str(draft), "--annotate", str(tmp_path / "notes"))
    assert result.code == 1  # the draft still fails; annotating does not change that
    copy = tmp_path / "notes" / "draft.docx"
    assert f"wrote {copy}: {len(findings)} comments" in result.err
    assert _sha(draft) == before  # the original is never modified
    anchored = _anchored(copy)
    assert len(docx.Document(str(copy)).comments) == len(findings)
    assert len(anchored) == len(findings)
    paragraphs = [p.strip() for p in FIXTURE.read_text(encoding="utf-8").split("\n\n")
                  if p.strip()]
    for finding, (para, comment) in zip(findings, anchored, strict=True):
        n = int(finding["location"].removeprefix("paragraph "))
        assert para == paragraphs[n - 1]
        assert comment.startswith(f"{finding['level'].upper()} ({finding['id']}): "
                                  f"{finding['message']}")
    assert "ncnd-confirms-held" in anchored[0][1]
    assert anchored[0][0].startswith("We can confirm that information is held")


def test_a_missing_element_is_commented_where_it_belongs(tmp_path: Path,
                                                         run_cli: Callable[..., CliResult]
                                                         ) -> None:
    assert run_cli("render", str(EXAMPLES / "police-ncnd-software.yaml"), "-o",
                   str(tmp_path), "--format", "docx").code == 0
    letter = tmp_path / "WP-FOI-2025-0311.docx"
    doc: Any = docx.Document(str(letter))
    start = next(i for i, p in enumerate(doc.paragraphs)
                 if p.text.startswith("Your right to ask for a review"))
    for p in doc.paragraphs[start:start + 2]:
        p._p.getparent().remove(p._p)
    draft = tmp_path / "no-review.docx"
    doc.save(str(draft))
    result = run_cli("check", str(draft), "--annotate", str(tmp_path / "notes"))
    assert result.code == 1
    anchored = _anchored(tmp_path / "notes" / "no-review.docx")
    assert [(p, c.split(":")[0]) for p, c in anchored] == [
        ("Yours sincerely,", "ERROR (internal_review)")]


def test_a_clean_letter_gets_a_copy_with_no_comments(tmp_path: Path,
                                                     run_cli: Callable[..., CliResult]) -> None:
    assert run_cli("render", str(EXAMPLES / "nhs-cost-limit.yaml"), "-o", str(tmp_path),
                   "--format", "docx,md").code == 0
    result = run_cli("check", str(tmp_path), "--annotate", str(tmp_path / "notes"))
    assert result.code == 0, result.out + result.err
    (copy,) = (tmp_path / "notes").iterdir()
    assert copy.suffix == ".docx"
    assert len(docx.Document(str(copy)).comments) == 0
    assert "not a Word .docx file, so not annotated" in result.err  # the .md beside it


@pytest.mark.parametrize("where", [".", "same"])
def test_never_writes_over_the_draft(where: str, tmp_path: Path,
                                     run_cli: Callable[..., CliResult]) -> None:
    draft = _docx_from_text(FIXTURE.read_text(encoding="utf-8"), tmp_path / "draft.docx")
    before = _sha(draft)
    folder = tmp_path if where == "same" else Path(str(tmp_path) + "/.")
    result = run_cli("check", str(draft), "--annotate", str(folder))
    assert result.code == 2
    assert "would write over the draft itself" in result.err
    assert "internal error" not in result.err
    assert _sha(draft) == before
