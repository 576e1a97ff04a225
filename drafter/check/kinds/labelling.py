"""``extends: labelling``: a label that does not fit the provision it is attached to.

A label ("qualified exemption", a public interest test) attached to a provision whose kind
(absolute or qualified) it does not fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from drafter.check.kinds.base import Pattern, ReportingRule, by_section, finding, label
from drafter.check.mentions import Mention, under
from drafter.check.results import Finding
from drafter.check.triggers import called_absolute

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["LabellingRule", "run_rule"]


class LabellingRule(ReportingRule):
    """A label that does not fit the provision it is attached to (``extends: labelling``).

    Attributes:
        applies_to: Flag labels attached to ``absolute`` or to ``qualified`` provisions.
        patterns: The label wording.
        ignore_when: A label is excused when its sentence matches one of these.
        scope: ``sentence`` (label and citation in one sentence) or ``window`` (the label
            follows the provision within ``window`` blocks, with no other provision
            mentioned in between).
        except_cites: Provisions never flagged (s41: its public-interest defence).
    """

    extends: Literal["labelling"]
    applies_to: Literal["absolute", "qualified"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    scope: Literal["sentence", "window"] = "sentence"
    window: int = Field(default=6, ge=0, le=500)
    except_cites: list[str] = Field(default_factory=list)


def _fits(run: Run, rule: LabellingRule, m: Mention) -> bool:
    facts = run.facts[id(m)]
    if facts.procedural or any(under(run.cite_of(m), c) for c in rule.except_cites):
        return False
    if rule.applies_to == "absolute":
        if facts.absolute is None:  # s40(2) and the like: absolute or not by condition
            return called_absolute(run, m)
        return facts.absolute is True and not facts.public_interest_defence
    return facts.absolute is False


def run_rule(run: Run, rule: LabellingRule) -> list[Finding]:
    """A finding for each provision given a label that does not fit its kind."""
    out: list[Finding] = []
    flagged: set[str] = set()
    for start, _ in run.matches(rule.patterns, rule.ignore_when):
        targets = _label_targets(run, rule, start)
        if not targets or not all(_fits(run, rule, m) for m in targets):
            continue
        for section, mentions in by_section(targets).items():
            if section not in flagged:
                flagged.add(section)
                out.append(finding(rule, run.doc.location(start),
                                    cite=label(run, mentions)))
    return out


def _label_targets(run: Run, rule: LabellingRule, start: int) -> list[Mention]:
    if rule.scope == "sentence":
        s_start, s_end = run.doc.sentence_at(start)
        inside = [m for m in run.mentions if s_start <= m.start < s_end]
        if not inside:
            return []
        before = [m for m in inside if m.start < start]
        anchor = before[-1] if before else inside[0]
        return [m for m in inside if m.group == anchor.group]
    seg = run.doc.seg_of(start)
    earlier = [m for m in run.mentions if m.start < start and seg - m.seg <= rule.window]
    if not earlier:
        return []
    last_seg = earlier[-1].seg
    return [m for m in earlier if m.seg == last_seg]
