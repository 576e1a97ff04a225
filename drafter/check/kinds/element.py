"""``extends: element``: one of the ten elements of ``drafter check --format json``.

An element is ``not_applicable`` unless the trigger of some rule for it holds; then
``present`` when one of those rules finds its evidence, ``missing`` (and a finding with the
element's name) when none does. Several rules for one element are alternatives (different
wording for different provisions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from drafter.check.kinds.base import Pattern, ReportingRule, fmt, validate_selector
from drafter.check.kinds.citations import incomplete
from drafter.check.results import ELEMENTS, ElementKey, ElementResult, Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run, Span

__all__ = ["ElementRule", "evaluate"]


class ElementRule(ReportingRule):
    """One of the ten elements (``extends: element``).

    Attributes:
        element: Which element.
        source: ``patterns`` (wording), ``citations`` (present when a provision is cited by
            number) or ``subsections`` (present when every citation names its subsection).
        patterns: Any one of these is evidence.
        all_of: Groups of patterns; one of each group must match (the last group's match is
            the evidence).
        near: ``document``, ``exemption`` (within ``window`` blocks of a cited provision;
            the whole letter when none is cited), ``exemption:SELECTOR`` (of a cited
            provision of that kind, e.g. ``exemption:s21``) or ``trigger:NAME`` (within
            ``window`` blocks of that trigger's wording).
        window: Blocks after the anchor searched (the anchor's own block counts as 0).
        before: Blocks before the anchor searched.
        s17_4: A statement under s17(4) (explaining would reveal exempt information)
            turns a miss into a warning.
        ignore_when: A match is not evidence when its sentence matches one of these (a
            sentence that mentions the Commissioner's guidance is not the right to complain).
        keep_when: ...unless the sentence also matches one of these (a sentence about the
            Commissioner that also gives the authority's own review address).
    """

    extends: Literal["element"]
    element: ElementKey
    source: Literal["patterns", "citations", "subsections"] = "patterns"
    patterns: list[Pattern] = Field(default_factory=list)
    all_of: list[list[Pattern]] = Field(default_factory=list)
    near: str = "document"
    window: int = Field(default=12, ge=0, le=500)
    before: int = Field(default=0, ge=0, le=50)
    s17_4: bool = False
    ignore_when: list[Pattern] = Field(default_factory=list)
    keep_when: list[Pattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_evidence(self) -> ElementRule:
        if self.source == "patterns" and not (self.patterns or self.all_of):
            raise ValueError("an element rule with source 'patterns' needs 'patterns' or "
                             "'all_of'")
        near = self.near
        if near.startswith("exemption:"):
            validate_selector(near.removeprefix("exemption:"))
        elif not (near in ("document", "exemption") or near.startswith("trigger:")):
            raise ValueError(f"near: '{near}' is not allowed; use document, exemption, "
                             "exemption:SELECTOR (e.g. exemption:s21) or trigger:NAME")
        return self


def evaluate(run: Run, rules: list[ElementRule], elements: dict[str, ElementResult],
             findings: list[Finding]) -> None:
    """Set ``elements`` present or missing by ``rules``; add a finding for each one missing.

    The elements that belong to each provision (its subsection, why it applies, its public
    interest reasons) are judged per provision first (:mod:`drafter.check.judge`); the
    letter's element is derived from theirs.
    """
    from drafter.check.judge import judge

    run.provisions_judged, judged, per_provision = judge(run, rules)
    elements.update(judged)
    findings.extend(per_provision)
    for key in ELEMENTS:
        if key in judged:
            continue
        applicable = [r for r in rules if r.element == key and run.holds(r)]
        if not applicable:
            continue
        found = next((f for f in (_element(run, r) for r in applicable) if f is not None),
                     None)
        if found is not None:
            elements[key] = found
            continue
        elements[key] = ElementResult("missing")
        rule = applicable[0]
        level = rule.level
        message = rule.message
        if rule.s17_4 and level == "error" and run.wording("s17_4"):
            level = "warning"
            message += " (The letter relies on s17(4), so this is a warning.)"
        findings.append(Finding(key, level, fmt(message), None, rule.statute, rule.link))


def _element(run: Run, rule: ElementRule) -> ElementResult | None:
    if rule.source == "citations":
        if not run.mentions:
            return None
        m = run.mentions[0]
        return ElementResult("present", *run.doc.evidence(m.start, m.end))
    if rule.source == "subsections":
        if not run.mentions or incomplete(run):
            return None
        m = next((m for m in run.mentions if m.parts), run.mentions[0])
        return ElementResult("present", *run.doc.evidence(m.start, m.end))
    region = _region(run, rule)
    groups = list(rule.all_of) or [rule.patterns]
    if rule.all_of and rule.patterns:
        groups.append(rule.patterns)
    span: Span | None = None
    firsts: list[Span] = []
    for group in groups:
        span = _first(run, rule, group, region)
        if span is None:
            return None
        firsts.append(span)
    if rule.all_of:  # the evidence is the conclusion: the first one after the other groups
        ends = run.matches(groups[-1], rule.ignore_when, region, rule.keep_when)
        anchor = max(f[0] for f in firsts[:-1]) if len(firsts) > 1 else 0
        span = next((e for e in ends if e[0] >= anchor), ends[-1])
    assert span is not None
    return ElementResult("present", *run.doc.evidence(*span))


def _first(run: Run, rule: ElementRule, group: list[str],
           region: set[int] | None) -> Span | None:
    """The earliest match of ``group`` in ``region`` that the rule's ``ignore_when`` spares."""
    if not rule.ignore_when:
        return run.first(group, region)
    return run.first_kept(group, rule.ignore_when, region, rule.keep_when)


def _region(run: Run, rule: ElementRule) -> set[int] | None:
    if rule.near == "document":
        return None
    if rule.near == "exemption":
        if not run.mentions:
            return None  # a refusal that names no provision: look everywhere
        return run.window(run.mentions, rule.window, rule.before)
    if rule.near.startswith("exemption:"):
        return run.window(run.select(rule.near.removeprefix("exemption:")), rule.window,
                          rule.before)
    segs: set[int] = set()
    for start, _ in run.trigger_spans(rule.near.removeprefix("trigger:")):
        seg = run.doc.seg_of(start)
        segs.update(range(max(0, seg - rule.before), seg + rule.window + 1))
    return segs
