"""``drafter check DRAFT.docx --annotate DIR``: the findings as Word comments in a copy.

An officer lives in Word: instead of a list of paragraph numbers to look up, each finding
becomes a comment (python-docx's comments API) anchored where it is about:

* a finding with a location (``paragraph 7``) on that paragraph, found by counting the
  paragraphs that hold text in reading order as the DOCX reader does, and checked against
  the text the reader saw there;
* a missing element where it belongs: the review and Commissioner paragraphs before the
  sign-off ("Yours sincerely"), anything else at the top of the letter;
* anything else (a header or footer, a location not found) at the top of the letter.

The copy is written to ``DIR`` under the draft's own name; the draft itself is only read, and
a ``DIR`` that would put the copy over the draft is refused.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from drafter.check.results import CheckResult, Finding
from drafter.document import Notice
from drafter.errors import UserError

__all__ = ["AUTHOR", "annotate", "comment_text"]

AUTHOR = "drafter check"
_PARAGRAPH = re.compile(r"^paragraph (\d+)$")
_SIGN_OFF = re.compile(r"^\s*yours\s+(sincerely|faithfully|truly)\b", re.IGNORECASE)
_AT_THE_END = frozenset({"internal_review", "ico_right"})


def comment_text(finding: Finding) -> str:
    """What the comment says: the level, what is wrong and the fix, and the law."""
    text = f"{finding.level.upper()} ({finding.id}): {finding.message}"
    if finding.statute:
        text += f" [{finding.statute}]"
    return text


def annotate(draft: Path, data: bytes, notice: Notice, result: CheckResult,
             findings: Sequence[Finding], out_dir: Path) -> Path:
    """Write ``draft`` (whose bytes are ``data``) with a comment per finding into ``out_dir``.

    Raises:
        UserError: ``out_dir`` is the draft's own folder, or the copy cannot be written.
    """
    import docx

    from drafter.infra.files import write_atomic

    target = out_dir / draft.name
    if target.resolve() == draft.resolve():
        raise UserError(f"{draft}: --annotate {out_dir} would write over the draft itself. "
                        "Fix: give another folder")
    doc: Any = docx.Document(io.BytesIO(data))
    paragraphs = list(_with_text(doc))
    if not paragraphs:
        raise UserError(f"{draft}: the letter has no paragraph to anchor a comment to")
    sources = {b.source: _first_line(b) for b in notice.blocks if b.source}
    for finding in findings:
        paragraph = _anchor(finding, paragraphs, sources)
        runs = _runs(paragraph)
        if not runs:
            runs = [paragraph.add_run("")]
        doc.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials="DC")
    buffer = io.BytesIO()
    doc.save(buffer)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(target, buffer.getvalue(), force=True)
    return target


def _with_text(doc: Any) -> Iterator[Any]:
    """The body's paragraphs that hold text, in reading order (tables and text boxes too)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for p in doc.element.body.iter(qn("w:p")):
        paragraph = Paragraph(p, doc.part)
        if paragraph.text.strip():
            yield paragraph


def _first_line(block: Any) -> str:
    text = getattr(block, "text", "")
    return str(text).split("\n", 1)[0].strip()


def _anchor(finding: Finding, paragraphs: list[Any], sources: dict[str, str]) -> Any:
    m = _PARAGRAPH.match(finding.location or "")
    if m:
        n = int(m.group(1))
        expected = sources.get(finding.location or "", "")
        if 1 <= n <= len(paragraphs) and _same(paragraphs[n - 1].text, expected):
            return paragraphs[n - 1]
        found = next((p for p in paragraphs if expected and _same(p.text, expected)), None)
        if found is not None:
            return found
    if finding.location is None and finding.id in _AT_THE_END:
        sign_off = next((p for p in paragraphs if _SIGN_OFF.match(p.text)), None)
        return sign_off if sign_off is not None else paragraphs[-1]
    return paragraphs[0]


def _same(text: str, expected: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    return bool(expected) and (first == expected or first.startswith(expected[:60]))


def _runs(paragraph: Any) -> list[Any]:
    """The paragraph's own runs (or, if it is all link, the link's first run)."""
    runs: list[Any] = list(paragraph.runs)
    if not runs:  # a paragraph that is all link
        runs = [run for link in paragraph.hyperlinks for run in link.runs][:1]
    return runs
