"""How often `drafter check` agrees with the hand-written labels of the letter corpus.

The corpus (labels.yaml, letters/) was written and labelled separately from the checker. This
test runs the checker over every letter, counts agreement with the labels per element, for the
refusal decision, for NCND, for the exemptions cited and for the defect findings, prints the
table (run pytest with ``-s`` to see it) and fails if any measure falls below 95%.

A sample of the Markdown letters is also turned into DOCX at test time, both by our own DOCX
writer and as a plain Word document of unstyled paragraphs (the way many hand-written letters
look), so that the DOCX reader is measured on the same truth.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import ELEMENTS, load_rules
from drafter.library.load import load_library
from drafter.read import read_document

CORPUS = Path(__file__).parent
THRESHOLD = 0.95
# Findings that restate a missing element, and the note about a cut-off file, are not labelled.
NOT_LABELLED = set(ELEMENTS) | {"truncated-input"}

CHECKER = Checker(load_rules(), load_library())
# heldout/ was written and labelled blind, without reading the checker; its first-run scores
# are recorded in heldout/README.md.
CORPORA = {"main": CORPUS, "heldout": CORPUS / "heldout"}


def _entries(folder: Path) -> list[dict[str, Any]]:
    letters: list[dict[str, Any]] = yaml.safe_load(
        (folder / "labels.yaml").read_text(encoding="utf-8"))["letters"]
    return letters


ENTRIES = _entries(CORPUS)


def _check(path: Path, entry: dict[str, Any]) -> CheckResult:
    return CHECKER.check(read_document(path), file=entry["file"])


def _score(results: list[tuple[dict[str, Any], CheckResult]]) -> tuple[dict[str, float],
                                                                       list[str]]:
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []

    def tally(measure: str, expected: Any, got: Any, file: str) -> None:
        total[measure] += 1
        if expected == got:
            hits[measure] += 1
        else:
            misses.append(f"{file}: {measure}: labelled {expected!r}, checker said {got!r}")

    for entry, result in results:
        file = entry["file"]
        tally("is_refusal", entry["is_refusal"], result.is_refusal, file)
        tally("ncnd", entry["ncnd"], result.ncnd, file)
        tally("exemptions", sorted(entry["exemptions"]), sorted(result.exemptions), file)
        for element in ELEMENTS:
            tally(element, entry["elements"][element], result.elements[element].status, file)
        found = {f.id for f in result.findings} - NOT_LABELLED
        tally("findings", sorted(entry["findings"]), sorted(found), file)
    return {m: hits[m] / total[m] for m in total}, misses


def _report(title: str, scores: dict[str, float], misses: list[str], n: int) -> str:
    lines = [f"{title} ({n} letters)"]
    lines += [f"  {measure:<24} {score:7.1%}" for measure, score in scores.items()]
    lines += [f"  miss: {m}" for m in misses]
    return "\n".join(lines)


def test_corpus_is_big_enough() -> None:
    assert len(ENTRIES) >= 30
    assert sum(1 for e in ENTRIES if e["is_refusal"]) >= 30


@pytest.mark.parametrize("name", list(CORPORA))
def test_agreement_with_labels_per_element(name: str) -> None:
    folder = CORPORA[name]
    results = [(e, _check(folder / e["file"], e)) for e in _entries(folder)]
    scores, misses = _score(results)
    report = _report(f"drafter check against {name} labels", scores, misses, len(results))
    print("\n" + report)
    below = {m: s for m, s in scores.items() if s < THRESHOLD}
    assert not below, report


def _as_styled_docx(md: Path, out: Path) -> Path:
    from drafter.read.markdown import parse_markdown
    from drafter.render.docx import render_docx

    out.write_bytes(render_docx(parse_markdown(md.read_text(encoding="utf-8"))))
    return out


def _as_plain_docx(md: Path, out: Path) -> Path:
    """Unstyled paragraphs, Markdown markers stripped: a letter typed straight into Word."""
    import docx

    d = docx.Document()
    for chunk in md.read_text(encoding="utf-8").split("\n\n"):
        text = " ".join(line.strip().lstrip("#>*- ").strip() for line in chunk.splitlines())
        text = text.replace("**", "").replace("__", "")
        if text.strip():
            d.add_paragraph(text.strip())
    d.save(str(out))
    return out


MARKDOWN = [e for e in ENTRIES if e["file"].endswith(".md")]


@pytest.mark.parametrize("how", ["styled", "plain"])
def test_agreement_holds_when_the_letters_are_docx(tmp_path: Path, how: str) -> None:
    convert = _as_styled_docx if how == "styled" else _as_plain_docx
    results = []
    for i, entry in enumerate(MARKDOWN):
        path = convert(CORPUS / entry["file"], tmp_path / f"{i}.docx")
        results.append((entry, _check(path, entry)))
    scores, misses = _score(results)
    report = _report(f"the Markdown letters as {how} DOCX", scores, misses, len(results))
    print("\n" + report)
    below = {m: s for m, s in scores.items() if s < THRESHOLD}
    assert not below, report
