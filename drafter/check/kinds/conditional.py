"""``extends: conditional``: if ``when`` wording appears, ``then`` wording must follow.

``then`` must follow within ``window`` blocks; with neither, the trigger alone is the
finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from drafter.check.kinds.base import Pattern, ReportingRule, finding, short
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["ConditionalRule", "run_rule"]


class ConditionalRule(ReportingRule):
    """If ``when`` wording appears, ``then`` wording must follow (``extends: conditional``).

    With no ``when``, the trigger (and ``unless``) alone decide; with no ``then``, every
    ``when`` match is a finding.
    """

    extends: Literal["conditional"]
    when: list[Pattern] = Field(default_factory=list)
    then: list[Pattern] = Field(default_factory=list)
    locate: str | None = None
    window: int = Field(default=2, ge=0, le=500)


def run_rule(run: Run, rule: ConditionalRule) -> list[Finding]:
    """The findings of ``rule`` in the letter of ``run``."""
    if not rule.when:
        location = None
        if rule.locate:
            spans = run.trigger_spans(rule.locate)
            location = run.doc.location(spans[0][0]) if spans else None
        return [finding(rule, location)]
    then = {run.doc.seg_of(s) for s, _ in run.matches(rule.then)} if rule.then else set()
    out = []
    for start, end in run.matches(rule.when):
        seg = run.doc.seg_of(start)
        if rule.then and then & set(range(seg, seg + rule.window + 1)):
            continue
        out.append(finding(rule, run.doc.location(start),
                            match=short(run.doc.text[start:end])))
    return out[:3]
