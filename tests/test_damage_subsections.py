"""Damage: take the subsection off one exemption's every citation; the checker must say so.

An officer who writes "section 43" for "section 43(2)", or "regulation 12" for "regulation
12(5)(e)", has not specified the exemption relied on (FOIA s17(1)(b), EIR reg 14(3)(a), FOISA
s16(1)(c); ICO line to take LTT101). For every example letter and every provision that needs
its limb (not s12 or s14, s17(5); not FOIA s21(1) or FOISA s25(1), which have only one), the
limbs are deleted wherever the letter cites it, in Markdown, DOCX and plain text, and the
checker must report names_subsection missing with a missing-subsection finding for it. The
complete real letters that name their limbs get the same treatment.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from drafter.check import CheckResult
from drafter.document import Block, Heading, ListBlock, Notice, Paragraph, Text
from drafter.law.citations import parse_citation, prose
from drafter.read import read_document
from tests.test_damage import CASES, CHECKER, REAL, _check_all, _summary, library, notices

__all__ = ["library", "notices"]

_BARE_ENOUGH = ("s12", "s14", "s21", "s25")


def _strip(notice: Notice, cite: str) -> Notice:
    c = parse_citation(cite)
    assert c is not None
    limbs = re.escape("".join(f"({p})" for p in c.parts))
    words = ("section", "Section", "regulation", "Regulation", "sections", "and", ",", ")")
    before = "|".join(f"(?<={re.escape(w)} )" for w in words)
    pattern = re.compile(rf"(?:{before}){c.section}{limbs}(?!\()")

    def inline(content: tuple[Text, ...]) -> tuple[Text, ...]:
        return tuple(dataclasses.replace(i, text=pattern.sub(c.section, i.text))
                     for i in content)

    def block(b: Block) -> Block:
        if isinstance(b, Heading | Paragraph):
            return dataclasses.replace(b, content=inline(b.content))  # type: ignore[arg-type]
        if isinstance(b, ListBlock):
            return dataclasses.replace(b, items=tuple(inline(i) for i in b.items))  # type: ignore[arg-type]
        return b

    return dataclasses.replace(notice, blocks=tuple(block(b) for b in notice.blocks))


def _targets(result: CheckResult) -> list[str]:
    sections = [p.cite.split("(")[0] for p in result.provisions]
    return [p.cite for p in result.provisions
            if p.kind != "procedural" and p.cite.split("(")[0] not in _BARE_ENOUGH
            and "(" in p.cite and sections.count(p.cite.split("(")[0]) == 1
            and len(p.cites) == 1]  # another limb cited would cover a bare back-reference


@pytest.mark.parametrize("stem", [c.stem for c in CASES])
def test_subsections_deleted_are_reported(stem: str, notices: dict[str, Notice],
                                          tmp_path: Path) -> None:
    notice = notices[stem]
    whole = _check_all(notice, tmp_path / "whole")["md"]
    targets = _targets(whole)
    if not targets:
        pytest.skip(f"{stem} cites no provision that needs its limb on its own")
    for n, cite in enumerate(targets):
        bare = prose(cite.split("(")[0])
        damaged = _strip(notice, cite)
        for fmt, result in _check_all(damaged, tmp_path / f"d{n}").items():
            where = f"{stem}, {cite}, {fmt}: {_summary(result)}"
            assert result.elements["names_subsection"].status == "missing", where
            assert any(f.id == "missing-subsection" and f.message.startswith(bare)
                       for f in result.findings), where
            assert not result.ok, where


def _complete_real_with_subsections() -> list[str]:
    out = []
    for path in sorted(REAL.glob("[0-9][0-9][0-9].yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not labels["truncated"] and labels["elements"]["names_subsection"] is True:
            out.append(path.stem)
    return out


@pytest.mark.parametrize("letter", _complete_real_with_subsections())
def test_real_letter_without_its_subsections(letter: str) -> None:
    """The complete real letters that name their limbs (tests/corpus/real), limbs deleted."""
    path = REAL / f"{letter}.txt"
    regime = str(yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
                 ["regime"]).lower()
    notice = read_document(path)
    whole = CHECKER.check(notice, file=path.name, regime=regime)
    assert whole.elements["names_subsection"].status == "present"
    targets = _targets(whole)
    if not targets:  # EIR reg 12(4)(a): information not held, nothing to weigh or limb
        pytest.skip(f"{letter} cites no provision that needs its limb on its own")
    for cite in targets:
        result = CHECKER.check(_strip(notice, cite), file=path.name, regime=regime)
        where = f"{letter}, {cite}: {_summary(result)}"
        assert result.elements["names_subsection"].status == "missing", where
        assert any(f.id == "missing-subsection" for f in result.findings), where
