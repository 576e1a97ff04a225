"""``extends: regime``: a provision relied on under the wrong law, or a law declared wrongly.

``check`` picks what the rule looks for (see :mod:`drafter.check.regime` for how the law a
letter answers under is worked out):

``foia_under_eir``
    The letter declares the EIR alone and refuses under FOIA provisions other than s39 (a
    Part II exemption, s12 or s14), with no EIR exception at all.
``foia_beside_eir``
    The same, but an EIR exception is cited too.
``foia_for_eir_request``
    The request was made under the EIR, the letter declares neither law and refuses under
    FOIA provisions alone (not s39) without saying the information is not environmental.
``declared_other``
    The letter declares one law and its citations or wording are another's: it was checked
    under the one the refusal rests on, or the one declared in terms.
``scottish_wording``
    The letter declares the UK Act of 2000 in terms, so it is checked under FOIA, but it also
    uses FOISA's wording (the Scottish Information Commissioner, foi.scot) outside sentences
    matching ``ignore_when`` (those that contrast the Acts).
``foia_numbering``
    A FOISA letter relies on a FOIA section number FOISA's Part 2 does not have (s21 to s24,
    s42 to s44), or on a numbered subsection of a FOISA section that has only lettered
    paragraphs (FOIA's s40(2) for FOISA's s38(1)(b)).
``eir_numbering``
    A FOISA letter relies on an EIR exception (reg 12(4), 12(5)) instead of the EISR's.
``foisa_numbering``
    A FOIA or EIR letter relies on a FOISA number FOIA lacks (s25) or an EISR exception
    (reg 10(4), 10(5)).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from drafter.check.kinds.base import Pattern, ReportingRule, TriggerName, finding, short
from drafter.check.mentions import Mention, find_citations
from drafter.check.regime import declaration, declares_only, foia_only, mixed
from drafter.check.results import Finding
from drafter.law.citations import prose
from drafter.law.counterparts import (
    FOISA_LETTERED,
    FOISA_NOT_EXEMPTIONS,
    FOISA_ONLY,
    counterpart,
)

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["RegimeRule", "run_rule"]

Check = Literal["foia_under_eir", "foia_beside_eir", "foia_for_eir_request", "declared_other",
                "scottish_wording", "foia_numbering", "eir_numbering", "foisa_numbering"]


class RegimeRule(ReportingRule):
    """A provision relied on under the wrong law (``extends: regime``).

    Attributes:
        check: What the rule looks for (see the module's documentation).
        ignore_when: For ``scottish_wording``: sentences that do not count.

    Its message may use ``{cite}`` (the provisions, as prose), ``{counterpart}`` (", usually
    regulation 12(5)(e)" or empty), ``{declared}`` (the letter's own words), and for
    ``declared_other`` ``{declared_act}``, ``{other}`` and ``{checked_act}``.
    """

    extends: Literal["regime"]
    check: Check
    ignore_when: list[Pattern] = Field(default_factory=list)
    trigger: list[TriggerName] = Field(default_factory=lambda: ["refusal"])


_ACTS = {"foia": "FOIA", "eir": "the EIR", "foisa": "FOISA"}
# a section relied on as an exemption, not in FOISA's review, publication scheme or
# Commissioner sense (FOISA s21, s23, s42)
_EXEMPT_CONTEXT = re.compile(r"\bexempt|\bexcept(?:ed|ion)|\bwithh[eo]ld|"
                             r"\brel(?:y|ies|ying|ied)\s+on\b|\bengaged?\b|\brefus", re.I)
_OTHER_SENSE = re.compile(r"\breview|\bpublication\s+scheme|\bCommissioner\b", re.I)


def run_rule(run: Run, rule: RegimeRule) -> list[Finding]:
    """The finding of ``rule`` in the letter of ``run`` (at most one)."""
    if rule.check in ("foia_under_eir", "foia_beside_eir"):
        return _foia_under_eir(run, rule)
    if rule.check == "foia_for_eir_request":
        return _foia_for_eir_request(run, rule)
    if rule.check == "declared_other":
        return _declared_other(run, rule)
    if rule.check == "scottish_wording":
        return _scottish_wording(run, rule)
    return _foisa_numbering(run, rule)


def _words(run: Run, span: tuple[int, int] | None) -> str:
    return short(run.doc.text[span[0]:span[1]], 70) if span is not None else ""


def _cites(run: Run, mentions: list[Mention], regime: str | None = None) -> tuple[str, str]:
    """The provisions of ``mentions`` as prose, and their usual counterparts in ``regime``.

    ``regime`` is the letter's unless given.
    """
    cites = list(dict.fromkeys(run.cite_of(m) for m in mentions))
    return " and ".join(prose(c) for c in cites), _hint(cites, regime or run.regime)


def _hint(cites: list[str], regime: str) -> str:
    """`` (for section 43(2), usually regulation 12(5)(e))``, or "" when none is known."""
    hints = [f"for {prose(c)}, usually {prose(cp)}" for c in cites
             if (cp := counterpart(c, regime)) is not None]
    return f" ({'; '.join(hints)})" if hints else ""


def _foia_under_eir(run: Run, rule: RegimeRule) -> list[Finding]:
    d = declaration(run)
    if not declares_only(run, "eir"):
        return []
    wrong = foia_only(run)
    exceptions = any(m.regulation for m in run.mentions)
    if not wrong or exceptions != (rule.check == "foia_beside_eir"):
        return []
    cite, hint = _cites(run, wrong)
    return [finding(rule, run.doc.location(wrong[0].start), cite=cite, counterpart=hint,
                    declared=_words(run, d.eir))]


def _foia_for_eir_request(run: Run, rule: RegimeRule) -> list[Finding]:
    d = declaration(run)
    if (d.requested_eir is None or d.eir is not None or d.foia is not None
            or any(m.regulation or m.section == "s39" for m in run.mentions) or mixed(run)):
        return []
    wrong = foia_only(run)  # each mention's sentence read: only when it can matter
    if not wrong:
        return []
    cite, hint = _cites(run, wrong, "eir")
    return [finding(rule, run.doc.location(wrong[0].start), cite=cite, counterpart=hint,
                    declared=_words(run, d.requested_eir))]


def _declared_other(run: Run, rule: RegimeRule) -> list[Finding]:
    d = declaration(run)
    if run.regime != "eir" or d.foia is None or not declares_only(run, "foia"):
        return []
    regs = [m for m in run.mentions if m.regulation]
    other = f"relies only on EIR exceptions ({_cites(run, regs)[0]})"
    return [finding(rule, run.doc.location(d.foia[0]), declared=_words(run, d.foia),
                    declared_act=_ACTS["foia"], other=other, checked_act=_ACTS[run.regime])]


def _scottish_wording(run: Run, rule: RegimeRule) -> list[Finding]:
    d = declaration(run)
    if d.foia is None or not d.uk_act:
        return []
    wording = run.triggers.get("foisa_wording")
    spans = run.matches(wording.patterns, (*wording.ignore_when, *rule.ignore_when)
                        ) if wording is not None else []
    if not spans or not declares_only(run, "foia"):
        return []
    return [finding(rule, run.doc.location(spans[0][0]), declared=_words(run, d.foia),
                    match=_words(run, spans[0]))]


def _foisa_numbering(run: Run, rule: RegimeRule) -> list[Finding]:
    if rule.check in ("eir_numbering", "foisa_numbering"):
        wrong = [m for m in _foreign(run) if not m.regulation or (
            len(m.parts) >= 2 and m.parts[0] in ("4", "5"))]
        if rule.check == "eir_numbering":
            wrong = [m for m in wrong if m.regulation]
    else:
        wrong = [m for m in _foreign(run) if not m.regulation]
        wrong += [m for m in run.mentions if m.section in FOISA_LETTERED and m.parts
                  and m.parts[0][:1].isdigit()]
    if not wrong:
        return []
    wrong.sort(key=lambda m: m.start)
    cites = list(dict.fromkeys(m.cite for m in wrong))
    return [finding(rule, run.doc.location(wrong[0].start),
                    cite=" and ".join(prose(c) for c in cites),
                    counterpart=_hint(cites, run.regime))]


def _foreign(run: Run) -> list[Mention]:
    """Citations of the other law's numbering, relied on.

    In a FOISA letter FOIA-only sections and EIR regulations; in a FOIA or EIR letter
    FOISA-only sections and EISR regulations. Worked out once per letter (two numbering
    rules may ask); the list is not to be changed.
    """
    found: list[Mention] | None = run.doc.memo.get("foreign")
    if found is not None:
        return found
    cit = run.rules.citations
    foisa = run.regime == "foisa"
    sections = FOISA_NOT_EXEMPTIONS if foisa else set(FOISA_ONLY)
    table = cit.tables["foia"].model_copy(update={  # type: ignore[index]
        "sections": sorted(s[1:] for s in sections), "regulations": ["12" if foisa else "10"],
        "defaults": {}, "deeper": {}, "qualifiers": [], "notices": {}, "repealed": {}})
    out = []
    for m in find_citations(run.doc, cit, table):
        start, end = run.doc.sentence_at(m.start)
        sentence = run.doc.text[start:end]
        if _EXEMPT_CONTEXT.search(sentence) and not _OTHER_SENSE.search(sentence):
            out.append(m)
    run.doc.memo["foreign"] = out
    return out
