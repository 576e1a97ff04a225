"""``extends: requires``: wording that must appear, in the letter or near each cited provision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from drafter.check.kinds.base import (
    Pattern,
    ReportingRule,
    Selector,
    by_section,
    finding,
    label,
)
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["RequiresRule", "run_rule"]


class RequiresRule(ReportingRule):
    """Wording that must appear (``extends: requires``).

    Attributes:
        patterns: Any one of them satisfies the rule.
        ignore_when: A match does not count when its sentence matches one of these.
        for_each: Check near each cited provision of this kind (``prejudice``, ``s21``...)
            instead of in the whole letter; one finding per provision that fails.
        window: Blocks after each mention searched.
        before: Blocks before each mention searched.
    """

    extends: Literal["requires"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    for_each: Selector | None = None
    window: int = Field(default=8, ge=0, le=500)
    before: int = Field(default=1, ge=0, le=50)


def run_rule(run: Run, rule: RequiresRule) -> list[Finding]:
    """The findings of ``rule`` in the letter of ``run``."""
    spans = run.matches(rule.patterns, rule.ignore_when)
    if rule.for_each is None:
        return [] if spans else [finding(rule, None)]
    found_segs = {run.doc.seg_of(s) for s, _ in spans}
    out = []
    # each provision's own block when the letter has been read into blocks, else the window
    blocks = {id(m): p.reasons for p in run.provisions_judged for m in p.mentions}
    for mentions in by_section(run.select(rule.for_each)).values():
        region: set[int] = set().union(*(blocks.get(id(m), set()) for m in mentions)) \
            or run.window(mentions, rule.window, rule.before)
        if not region & found_segs:
            out.append(finding(rule, run.doc.location(mentions[0].start),
                                cite=label(run, mentions)))
    return out
