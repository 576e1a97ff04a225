"""``extends: citations``: how citations are found, and which need a subsection.

The rule holds one table per regime (what the citation finder knows) and reports
``missing-subsection``. Exactly one such rule is in force.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from drafter.check.dates import long_date
from drafter.check.kinds.base import (
    REGIMES,
    Pattern,
    ReportingRule,
    RuleModel,
    TriggerName,
    finding,
)
from drafter.check.mentions import Mention, under
from drafter.check.results import Finding
from drafter.law.citations import normalise, prose
from drafter.law.phrases import repealed_law
from drafter.law.regimes import Regime

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["CitationTable", "CitationsRule", "Repeal", "incomplete", "run_rule", "wrong"]


class Repeal(RuleModel):
    """A subsection the Act no longer has.

    Attributes:
        date: The day it stopped being law.
        by: What replaced it (canonical citations).
        source: The amending provision.
    """

    date: dt.date
    by: list[str] = Field(default_factory=list)
    source: str


_FACT_KEYS = frozenset({"absolute", "depends", "via_absolute", "via_qualified", "prejudice",
                        "ncnd", "procedural", "all_qualified"})


class CitationTable(RuleModel):
    """What the citation finder knows about one regime.

    Attributes:
        sections: Section (or regulation) numbers that are exemptions, exceptions, NCND
            provisions, s12 or s14; citations of any other section are ignored.
        regulations: Regulation numbers that are EIR exceptions.
        defaults: A bare section that is acceptable on its own, and what it means
            (``s21: s21(1)``).
        deeper: Citations that need more bracketed parts than one (``"s31(1)": 2``: s31(1)
            needs its paragraph, (a) to (i)).
        qualifiers: Provisions cited only to say which limb applies ("s40(2) by virtue of
            s40(3A)(a)"); attached to the citation before them, not listed.
        notices: Refusal-notice provisions cited beside the provision they give notice of
            (FOISA s16(4) for s12(1), s16(5) for s14; FOIA s17(5) for s12 and s14): read
            as a qualifier of that provision, never as an exemption.
        repealed: Subsections replaced or repealed, and when (a citation of one, or of a limb
            of one, names no subsection in force unless the letter is dated before).

    What a provision is (absolute or qualified, prejudice-based, NCND, procedural) is not
    here: it comes from the clause library (:mod:`drafter.law.provisions`).
    """

    sections: list[str] = Field(min_length=1)
    regulations: list[str] = Field(default_factory=list)
    defaults: dict[str, str] = Field(default_factory=dict)
    deeper: dict[str, int] = Field(default_factory=dict)
    qualifiers: list[str] = Field(default_factory=list)
    notices: dict[str, list[str]] = Field(default_factory=dict)
    repealed: dict[str, Repeal] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _no_facts(cls, data: object) -> object:
        # Before the library was the one source, a table also listed legal facts.
        facts = sorted(set(data) & _FACT_KEYS) if isinstance(data, dict) else []
        if facts:
            raise ValueError(f"{', '.join(facts)}: a citation table no longer says what a "
                             "provision is; the clause library does (its 'absolute', 'test' "
                             "and 'kind'): remove these keys, and give a --library folder to "
                             "change a provision's facts")
        return data

    @model_validator(mode="after")
    def _canonical(self) -> CitationTable:
        for cite in self.qualifiers:
            if normalise(cite) != cite:
                raise ValueError(f"qualifiers: '{cite}' is not a canonical citation; write "
                                 f"'{normalise(cite) or 's31(1)(a)'}'")
        for key, cite in self.defaults.items():
            if normalise(key) != key or normalise(cite) != cite:
                raise ValueError(f"defaults: '{key}: {cite}' needs canonical citations, for "
                                 "example 's21: s21(1)'")
        for key, targets in self.notices.items():
            if normalise(key) != key or any(normalise(t) != t for t in targets):
                raise ValueError(f"notices: '{key}' needs canonical citations, for example "
                                 "'s16(4): [s12]'")
        for key, repeal in self.repealed.items():
            if normalise(key) != key or any(normalise(t) != t for t in repeal.by):
                raise ValueError(f"repealed: '{key}' needs canonical citations, for example "
                                 "'s40(3): {date: 2018-05-25, by: [s40(3A)], source: ...}'")
        for key in self.deeper:
            if normalise(key) != key:
                raise ValueError(f"deeper: '{key}' is not a canonical citation")
        return self


class CitationsRule(ReportingRule):
    """Citation finding and the subsection check (``extends: citations``).

    Attributes:
        tables: One table per regime.
        other_act_after: Text right after a citation that means it belongs to another Act
            ("of the Copyright, Designs and Patents Act").
        other_act_before: Text right before a citation that means the same ("Data
            Protection Act 2018 section 45"), unless it names FOIA or the EIR.
        ignore_before: Text right before a citation that makes it a reference rather than
            a provision relied on ("the matters mentioned in section 31(1)").
        wrong_message: The message for a limb the Act does not have ("section 31(a)").
        repealed_message: The message for a limb that is no longer law.
    """

    extends: Literal["citations"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["refusal"])
    tables: dict[Regime, CitationTable]
    other_act_after: list[Pattern] = Field(default_factory=list)
    other_act_before: list[Pattern] = Field(default_factory=list)
    ignore_before: list[Pattern] = Field(default_factory=list)
    wrong_message: str = (
        "{cite} is not a provision of the Act: its sections are divided first into numbered "
        "subsections ((1), (2) ...); name the subsection and paragraph relied on (for "
        "example section 31(1)(a)).")
    repealed_message: str = (
        "{cite} is no longer law: it was replaced on {on} by {by} ({source}); cite the "
        "provision in force.")
    ncnd_message: str = (
        "{cite} does not remove the duty to confirm or deny: {ncnd} does. A reply that "
        "neither confirms nor denies must cite the provision that excludes that duty.")

    @model_validator(mode="after")
    def _every_regime(self) -> CitationsRule:
        missing = [r for r in REGIMES if r not in self.tables]
        if missing:
            raise ValueError(f"tables: no table for {', '.join(missing)}")
        return self


def run_rule(run: Run, rule: CitationsRule) -> list[Finding]:
    """A ``missing-subsection`` finding for each provision cited without its subsection.

    And one for each limb the Act does not have, or no longer has (:func:`wrong`).
    """
    out: list[Finding] = []
    seen: set[str] = set()
    wrong_cites: set[str] = set()
    for m in run.mentions:
        found = _wrong(run, m)
        if found is None:
            continue
        why, at, kind = found
        key = f"{kind} {m.section}" if kind == "ncnd" else why  # one NCND finding a section
        if key in seen:
            continue
        seen.add(key)
        wrong_cites.add(m.cite)
        start, end = run.doc.sentence_at(at)
        if kind == "repealed" and repealed_law(run.doc.text[start:end]):
            continue  # the repealed-law rule reports this sentence's 1998 wording already
        out.append(Finding(rule.finding_id, rule.level, why, run.doc.location(at),
                           rule.statute, rule.link))
    missing = [finding(rule, run.doc.location(m.start), cite=prose(m.cite))
               for m in incomplete(run) if m.cite not in wrong_cites]
    return missing + out


def wrong(run: Run, m: Mention) -> str | None:
    """Why ``m`` names no subsection in force, or None (see :func:`_wrong`)."""
    found = _wrong(run, m)
    return found[0] if found is not None else None


def _wrong(run: Run, m: Mention) -> tuple[str, int, str] | None:
    """:func:`_wrong_of`, remembered in ``run.doc.memo`` (the citations rule and the judge ask)."""
    cache: dict[int, tuple[Mention, tuple[str, int, str] | None]] = \
        run.doc.memo.setdefault("wrong", {})
    found = cache.get(id(m))
    if found is None or found[0] is not m:  # the mention is kept, so its id is not reused
        found = cache[id(m)] = m, _wrong_of(run, m)
    return found[1]


def _wrong_of(run: Run, m: Mention) -> tuple[str, int, str] | None:
    """Why ``m`` names no subsection in force, where, and which fault; or None.

    FOIA and the EIR divide every section (regulation) first into numbered subsections, so
    "section 31(a)" is no provision at all; FOISA puts lettered paragraphs straight under
    some sections (s30(a)), so this is not said of it. A subsection the table records as
    repealed (FOIA s40(3), (4) and (5), replaced by s40(3A) to (5B) by the Data Protection
    Act 2018 Sch 19 para 58 from 25 May 2018) names none in force unless the letter is dated
    before the repeal.
    """
    from drafter.check.kinds.base import fmt

    rule = run.rules.citations
    if run.regime != "foisa" and m.parts and not m.parts[0][:1].isdigit():
        return fmt(rule.wrong_message, cite=prose(m.cite)), m.start, "wrong"
    for cite in (m.cite, *m.via):  # "s40(2) by virtue of s40(3)(a)(i)": the qualifier too
        for key, repeal in run.table.repealed.items():
            if not under(cite, key):
                continue
            sent = _letter_date(run)
            if sent is not None and sent < repeal.date:
                return None
            why = fmt(rule.repealed_message, cite=prose(cite), on=long_date(repeal.date),
                      by=" and ".join(prose(c) for c in repeal.by) or "nothing",
                      source=repeal.source)
            return why, m.via_start.get(cite, m.start), "repealed"
    ncnd = _ncnd_instead(run, m)
    if ncnd:
        return fmt(rule.ncnd_message, cite=prose(m.cite), ncnd=ncnd), m.start, "ncnd"
    return None


_NOT_NCND = re.compile(r"\bnot\s+(?:rel(?:y|ying)\s+on|giving|issuing)\b|\binstead\s+of\b",
                       re.IGNORECASE)
_LIST_MAX = 6
"""The most citation-led paragraphs of a list read after its lead-in."""


def _ncnd_instead(run: Run, m: Mention) -> str | None:
    """The provision that removes the duty to confirm or deny, when ``m`` is cited for it.

    FOIA gives each exemption's neither-confirm-nor-deny rule its own subsection (s30(3) for
    s30(1) and (2), s31(3) for s31(1); s1(1)(a), s2(1)); a reply that neither confirms nor
    denies "by virtue of section 30(2)" without s30(3) cites the wrong subsection. Read only
    where the citation is in the sentence that neither confirms nor denies, or opens a
    paragraph of the list that such a sentence introduces ("by virtue of the following
    exemptions:"), and only when no provision of the section that does remove the duty is
    cited anywhere. FOISA (one NCND provision, s18) and the EIR (reg 12(6), reg 13(5A) and
    (5B), even beside FOIA s40) are left to their own rules.
    """
    if m.regulation or run.regime != "foia" or not run.wording("ncnd_wording"):
        return None
    facts = run.facts.get(id(m))
    if facts is None or facts.ncnd or facts.procedural:
        return None
    if any(n.section == m.section and run.facts[id(n)].ncnd for n in run.mentions):
        return None
    if not _cited_for_ncnd(run, m):
        return None
    own = sorted({f"{m.section}({c[len(m.section) + 1:].split(')')[0]})"
                  for c, records in run.provisions.library.items()
                  if under(c, m.section) and any(r.ncnd for r in records)})
    return " or ".join(prose(c) for c in own) or None


def _cited_for_ncnd(run: Run, m: Mention) -> bool:
    doc = run.doc
    spans = run.trigger_spans("ncnd_wording")

    def says_ncnd(start: int, end: int) -> bool:
        return any(start <= a < end for a, _ in spans) and \
            not _NOT_NCND.search(doc.text, start, end)

    if says_ncnd(*doc.sentence_at(m.start)):
        return True
    led = {n.seg for n in run.mentions if n.start - doc.segments[n.seg].start <= 3}
    if m.seg not in led:
        return False
    k = m.seg - 1
    while k > doc.header_count and k in led and m.seg - k < _LIST_MAX:
        k -= 1
    if k < 0 or not doc.segments[k].text.rstrip().endswith(":"):
        return False
    return says_ncnd(*doc.sentences(k)[-1])


def _letter_date(run: Run) -> dt.date | None:
    from drafter.check.kinds.deadline import DeadlineRule, letter_date

    rule = next((r for r in run.rules.rules if isinstance(r, DeadlineRule)), None)
    return letter_date(run, rule) if rule is not None else None


# Sections that may be cited bare: s12 and s14 (s17(5) asks only that the section be relied
# on) and those with a single operative subsection and no separate neither-confirm-nor-deny
# one (FOIA s21(1), FOISA s25(1)). A bare "section 41", "section 42" or "regulation 13" does
# not say which limb (s41(2), s42(2) and reg 13(5A)/(5B) exclude the duty to confirm or deny).
_BARE_ENOUGH = frozenset({"s12", "s14", "s21", "s25"})


def _required_depth(run: Run, m: Mention) -> int:
    if not m.parts and m.cite in run.table.defaults and (
            m.cite in _BARE_ENOUGH if run.regime != "foisa" else True):
        return 0
    best = (0, 1)
    for key, depth in run.table.deeper.items():
        if under(m.cite, key) and len(key) > best[0]:
            best = (len(key), depth)
    return best[1]


def incomplete(run: Run) -> list[Mention]:
    """Mentions lacking their subsection that no fuller mention of the same provision covers.

    A mention in the same sentence as an NCND provision of its own section describes that
    provision's scope ("s30(3) ... information exempt under section 30(1) or 30(2)") and is
    not itself relied on, so it needs no limb. Worked out once per letter (the citations
    rule, the names_subsection element and the judge each ask); the list is not to be changed.
    """
    found: list[Mention] | None = run.doc.memo.get("incomplete")
    if found is not None:
        return found
    complete = [m for m in run.mentions if len(m.parts) >= _required_depth(run, m)]
    scopes = {(m.section, run.doc.sentence_at(m.start)) for m in run.mentions
              if run.facts[id(m)].ncnd}
    out: list[Mention] = []
    seen: set[str] = set()
    for m in run.mentions:
        if len(m.parts) >= _required_depth(run, m) or m.cite in seen:
            continue
        if (m.section, run.doc.sentence_at(m.start)) in scopes:
            continue
        if any(c.section == m.section and c.parts[: len(m.parts)] == m.parts
               for c in complete):
            continue
        seen.add(m.cite)
        out.append(m)
    run.doc.memo["incomplete"] = out
    return out
