"""``extends: forbids``: wording that must not appear.

In the letter, near a cited provision, or in the same sentence as one; a match is excused
when its sentence matches ``ignore_when``, or when its clause (up to the end of the match)
matches ``ignore_in_clause``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from drafter.check.kinds.base import (
    Pattern,
    ReportingRule,
    Selector,
    finding,
    label,
    short,
)
from drafter.check.patterns import compile_caseless
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["ForbidsRule", "run_rule"]


class ForbidsRule(ReportingRule):
    """Wording that must not appear (``extends: forbids``).

    Attributes:
        patterns: Each match is a finding (up to ``max_findings``).
        ignore_when: A match is excused when its sentence matches one of these.
        ignore_in_clause: A match is excused when its clause, from the clause's start to the
            end of the match, matches one of these. A clause starts at its sentence's start,
            or after the last ';', ':', dash or ", and" / ", but" / ", or" before the match:
            "ask for a review within 20 working days, and then complain to the Commissioner"
            is judged without the Commissioner.
        for_each: Only matches near (``scope: window``) or in the same sentence as
            (``scope: sentence``) a cited provision of this kind count.
        scope: ``document``, ``window`` or ``sentence``.
        window: Blocks after each mention (scope ``window``).
        before: Blocks before each mention (scope ``window``).
        max_findings: At most this many findings (one per block).
    """

    extends: Literal["forbids"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    ignore_in_clause: list[Pattern] = Field(default_factory=list)
    for_each: Selector | None = None
    scope: Literal["document", "window", "sentence"] = "document"
    window: int = Field(default=8, ge=0, le=500)
    before: int = Field(default=0, ge=0, le=50)
    max_findings: int = Field(default=3, ge=1, le=100)

    @model_validator(mode="after")
    def _scope_needs_selector(self) -> ForbidsRule:
        if self.scope != "document" and self.for_each is None:
            raise ValueError(f"scope '{self.scope}' needs 'for_each' (which provisions)")
        return self


_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|or)\b|\s[-–—]{1,2}\s")


def _clause_start(run: Run, start: int) -> int:
    """Where the clause holding offset ``start`` begins (see ``ignore_in_clause``)."""
    s_start, _ = run.doc.sentence_at(start)
    last = s_start
    for m in _CLAUSE_BREAK.finditer(run.doc.text, s_start, start):
        last = m.end()
    return last


def run_rule(run: Run, rule: ForbidsRule) -> list[Finding]:
    """The findings of ``rule`` in the letter of ``run``."""
    spans = run.matches(rule.patterns, rule.ignore_when)
    in_clause = compile_caseless(tuple(rule.ignore_in_clause)) if spans else None
    if in_clause is not None:
        spans = [(a, b) for a, b in spans if in_clause.find(
            run.doc.text, _clause_start(run, a), b, folded=run.doc.folded) is None]
    selected = run.select(rule.for_each) if rule.for_each else []
    segs = run.window(selected, rule.window, rule.before) if rule.scope == "window" else set()
    out: list[Finding] = []
    used: set[int] = set()
    for start, end in spans:
        seg = run.doc.seg_of(start)
        if seg in used:
            continue
        cite = ""
        if rule.scope == "window" and seg not in segs:
            continue
        if rule.scope == "sentence":
            s_start, s_end = run.doc.sentence_at(start)
            near = [m for m in selected if s_start <= m.start < s_end]
            if not near:
                continue
            cite = label(run, near)
        elif selected:
            cite = label(run, selected)
        used.add(seg)
        out.append(finding(rule, run.doc.location(start), match=short(
            run.doc.text[start:end]), cite=cite))
        if len(out) >= rule.max_findings:
            break
    return out
