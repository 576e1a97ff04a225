"""The checker's text search: the literal index finds what ``str.find`` would, in one pass.

A pattern is searched only in the segments holding one of its literals, so a literal the index
missed would hide a match, and the checker would report a required statement missing (or, for
a forbidden one, pass a defective letter). The index must agree with a plain search exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Checker
from drafter.check.ruleset import load_rules
from drafter.check.search import LiteralIndex, TextSearch
from drafter.check.text import Doc
from drafter.document import Notice, Paragraph, Text
from drafter.read import read_document

ROOT = Path(__file__).resolve().parent
LETTERS = sorted([*(ROOT / "corpus" / "letters").iterdir(), *(ROOT / "corpus" / "real").iterdir()])


def _by_find(lowered: str, starts: list[int], lit: str) -> list[int]:
    """The segments in which an occurrence of ``lit`` starts, one str.find at a time."""
    found: list[int] = []
    pos = lowered.find(lit)
    while pos != -1:
        seg = max(sum(1 for s in starts if s <= pos) - 1, 0)
        if not found or found[-1] != seg:
            found.append(seg)
        pos = lowered.find(lit, pos + 1)
    return found


def _doc(*paragraphs: str) -> Doc:
    return Doc(Notice(blocks=tuple(Paragraph(content=(Text(p),), source=f"paragraph {i}")
                                   for i, p in enumerate(paragraphs, 1)), title=""))


@pytest.fixture(scope="module")
def index() -> LiteralIndex:
    return Checker(load_rules(())).literal_index


def test_the_index_holds_every_required_literal_of_the_rule_set(index: LiteralIndex) -> None:
    rules = load_rules(())
    wanted = {lit for lits in rules.literals.values() if lits for lit in lits}
    assert wanted and wanted <= index.known


@pytest.mark.parametrize("path", LETTERS[1::6], ids=lambda p: p.name)
def test_every_pattern_finds_the_same_with_and_without_the_index(path: Path,
                                                                 index: LiteralIndex) -> None:
    # the index only saves time: each pattern of the rule set matches the same spans
    doc = Doc(read_document(path))
    fast, plain = TextSearch(doc, index), TextSearch(doc)
    for pattern in load_rules(()).literals:
        assert fast.matches([pattern]) == plain.matches([pattern]), pattern


@pytest.mark.parametrize("path", LETTERS[::3], ids=lambda p: p.name)
def test_the_index_agrees_with_find_on_real_letters(path: Path, index: LiteralIndex) -> None:
    doc = Doc(read_document(path))
    if doc.lowered is None:
        pytest.skip("text that does not fold simply is searched without literals")
    found = index.segments(doc.lowered, doc.starts)
    for lit in sorted(index.known):
        assert found.get(lit, []) == _by_find(doc.lowered, doc.starts, lit), lit


def test_overlapping_literals_are_each_found() -> None:
    # "the" and "here" overlap in "there": a scan that skipped past a match would lose one
    index = LiteralIndex(["the", "here", "there", "her"])
    doc = _doc("Is there anything", "nothing", "her reply", "here")
    assert doc.lowered is not None
    found = index.segments(doc.lowered, doc.starts)
    assert found == {"the": [0], "here": [0, 3], "there": [0], "her": [0, 2, 3]}
    for lit in ("the", "here", "there", "her"):
        assert found[lit] == _by_find(doc.lowered, doc.starts, lit)


def test_a_literal_outside_the_index_is_still_found() -> None:
    # a house rule file may bring patterns (and literals) the index was not built with
    search = TextSearch(_doc("We rely on section 43(2).", "Kinburn Castle, St Andrews"),
                        LiteralIndex(["section"]))
    assert search.matches([r"\bkinburn\s+castle\b"]) == [(27, 41)]
    assert search.matches([r"\bsection\s+43\b"]) == [(11, 21)]
    assert search.matches([r"\bwycliffe\b"]) == []


def test_first_skips_an_empty_match_as_matches_does() -> None:
    # a pattern that can match nothing: first() used to give up on the paragraph at the empty
    # match at its start, and so could miss what matches() finds (the judge relied on that)
    search = TextSearch(_doc("You may ask for a review within 40 working days."))
    pattern = r"(?:\breview\b)?"
    assert search.matches([pattern]) == [(18, 24)]
    assert search.first([pattern]) == (18, 24)
    assert TextSearch(_doc("Nothing here.")).first([pattern]) is None
