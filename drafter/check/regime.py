"""Which law a letter answers under: what it declares, and what its citations suggest.

A letter's regime decides which elements it needs (FOIA s17, EIR reg 14, FOISA s16) and which
table its citations are read with. It is worked out in two steps:

1. FOISA or not. FOISA's wording (the Freedom of Information (Scotland) Act, FOISA, the
   Scottish Information Commissioner) makes a letter FOISA, unless the letter says in terms
   that it deals with the request under the UK Act ("FOIA", or "the Freedom of Information
   Act" without "(Scotland)": the Scottish Act is always named so); then the Scottish
   wording is reported as a mismatch and the letter is checked under FOIA.
2. EIR or FOIA. What the letter declares wins: that it deals with the request under the EIR
   (or calls the information environmental, or uses the EIR's machinery: reg 5, 11, 14, 18,
   the reg 12(2) presumption), or under FOIA (or gives notice under s17). Without a
   declaration, or where the letter answers part under each (a mixed response, lawful and
   common), the citations decide, as before: regulations and EIR wording against sections
   and FOIA wording. A letter that declares FOIA but relies on EIR exceptions alone is
   checked under the EIR, whose exceptions it relies on (FOIA s39), and the mismatch is
   reported.

The trigger rules ``eir_declared``, ``foia_declared`` and ``regimes_mixed`` (rules file
``regimes.yaml``) hold the wording; a house rule file may replace them.

Sources: FOIA s39(1); EIR reg 5(1), reg 12, reg 14; FOISA s39(2) and the Environmental
Information (Scotland) Regulations 2004; ICO guidance "Which regime?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.check.engine import Run, Span
    from drafter.check.mentions import Mention

__all__ = ["Declaration", "declaration", "declares_only", "eir_or_foia", "foia_only",
           "foisa_or_not", "mixed"]

# the UK Act: FOIA, or "the Freedom of Information Act" without "(Scotland)" (the Scottish
# Act is always named with "(Scotland)", or as FOISA; "Act 2002" is its year)
_UK_ACT = re.compile(r"\b(?:FOIA\b|Freedom\s+of\s+Information\s+Act\b"
                     r"(?!\s*(?:\(\s*Scotland|2002\b)))", re.I)


@dataclass(frozen=True, slots=True)
class Declaration:
    """What a letter says about the law it answers under.

    Whether it answers part of the request under each law is asked apart (:func:`mixed`,
    :func:`declares_only`): its wording is looked for only when the answer depends on it.

    Attributes:
        eir: Where it says it deals with the request under the EIR (or uses their machinery).
        foia: Where it says it deals with the request under FOIA.
        uk_act: The FOIA declaration names the UK Act in terms (FOIA, or the Freedom of
            Information Act without "(Scotland)").
        requested_eir: Where it says the request was made under the EIR (the requester's
            choice, which does not decide the law); looked for only in a letter that declares
            neither law.
    """

    eir: Span | None
    foia: Span | None
    uk_act: bool
    requested_eir: Span | None = None


def declaration(run: Run) -> Declaration:
    """What the letter of ``run`` declares (remembered in ``run.doc.memo``)."""
    found: Declaration | None = run.doc.memo.get("declaration")
    if found is None:
        found = run.doc.memo["declaration"] = _declaration(run)
    return found


_NOTHING = Declaration(None, None, False)
# what any EIR declaration needs (a regulation, "environmental", the EIR's name): a letter
# with none of it and no Scottish wording has nothing for a declaration to settle
_EIR_HINT = re.compile(r"\breg(?:ulation)?s?\b|\benvironmental\b")


def _declaration(run: Run) -> Declaration:
    lowered = run.doc.lowered if run.doc.lowered is not None else run.doc.text.lower()
    # the substrings first: most letters have neither, and the regex scans the whole text
    hint = (("reg" in lowered or "environmental" in lowered)
            and _EIR_HINT.search(lowered) is not None) or bool(_count(run, "eir_wording"))
    if not hint and not _count(run, "foisa_wording"):
        return _NOTHING
    eir = _first(run, "eir_declared") if hint else None
    foia = _first(run, "foia_declared")
    if eir is None and foia is None:
        return Declaration(None, None, False, _first(run, "eir_requested") if hint else None)
    uk = foia is not None and any(_UK_ACT.search(run.doc.text, a, b + 12)
                                  for a, b in _spans(run, "foia_declared"))
    return Declaration(eir, foia, uk)


def mixed(run: Run) -> bool:
    """Whether the letter answers part of the request under each law.

    It declares both, or declares one and says so (the ``regimes_mixed`` wording).
    """
    d = declaration(run)
    if (d.eir is None) == (d.foia is None):
        return d.eir is not None
    return bool(_spans(run, "regimes_mixed"))


def declares_only(run: Run, law: str) -> bool:
    """Whether the letter declares ``law`` (``eir`` or ``foia``) alone, and is not mixed."""
    d = declaration(run)
    ours, other = (d.eir, d.foia) if law == "eir" else (d.foia, d.eir)
    return ours is not None and other is None and not mixed(run)


def _spans(run: Run, trigger_id: str) -> list[Span]:
    rule = run.triggers.get(trigger_id)
    return run.matches(rule.patterns, rule.ignore_when) if rule is not None else []


def _first(run: Run, trigger_id: str) -> Span | None:
    spans = _spans(run, trigger_id)
    return spans[0] if spans else None


def _count(run: Run, trigger_id: str) -> int:
    return len(_spans(run, trigger_id))


def foisa_or_not(run: Run) -> str:
    """``foisa`` when the letter uses FOISA's wording and does not declare the UK Act."""
    if not _count(run, "foisa_wording"):
        return "foia"
    d = declaration(run)
    return "foia" if d.uk_act and declares_only(run, "foia") else "foisa"


def eir_or_foia(run: Run) -> str:
    """The regime of a letter that is not FOISA's: what it declares, else its citations."""
    if declares_only(run, "eir"):
        return "eir"
    regs = sum(1 for m in run.mentions if m.regulation)
    acts = sum(1 for m in run.mentions if not m.regulation)
    eir = _count(run, "eir_wording") + 3 * regs
    foia = _count(run, "foia_wording") + 3 * acts
    by_citations = "eir" if eir > foia else "foia"
    d = declaration(run)
    if d.foia is not None and d.eir is None:  # FOIA declared: it decides, unless mixed
        # relying on EIR exceptions alone, the refusal is made under the EIR (FOIA s39)
        declared = "eir" if regs and not foia_only(run) and not _cites_s39(run) else "foia"
        # where both agree, whether the response is mixed does not matter (not looked for)
        if declared != by_citations and not mixed(run):
            return declared
    return by_citations


def _cites_s39(run: Run) -> bool:
    return any(m.section == "s39" for m in run.mentions)


# A FOIA provision the letter says it does not rely on is not reliance on it. The negation
# must be about the provision itself: the provision is the subject of the negated verb
# ("section 12 of FOIA does not apply to environmental information", "section 12 is not
# relevant") or the object of the negated or contrasted verb ("we have not applied section
# 43", "rather than section 43(2), regulation 12(5)(e) applies", "unlike section 12"). Any
# other negation in its sentence ("the rates are not available to you because they are
# withheld under section 43(2)") leaves the reliance standing.
_ACT_NAME = (r"(?:FOIA|(?:the\s+)?FOI\s+Act|(?:the\s+)?Freedom\s+of\s+Information\s+Act"
             r"(?:\s+2000)?|(?:the\s+)?Act)")
_NOT_APPLIED_AFTER = re.compile(
    r"(?:\s*\([^()\n]{0,40}\))?"  # "section 12 (the cost limit)"
    r"(?:\s*,?\s*(?:and|or|nor)\s+(?:sections?\s+|s\.?\s*)?\d+[A-Z]?(?:\s*\([0-9A-Za-z]+\))*)*"
    r"(?:\s+(?:of|in|under)\s+" + _ACT_NAME + r")?(?:\s*\([^()\n]{0,40}\))?,?\s+"
    r"(?:(?:does|do|did|would|could|can|will|shall|should)\s*(?:not|n[’']t)\s+"
    r"(?:apply|be\s+(?:applied|used|relied\s+(?:on|upon)|engaged|relevant|available))"
    r"|cannot\s+(?:be\s+)?(?:relied|used|applied|apply)"
    r"|(?:is|are)\s+not\s+(?:applicable|relevant|available|engaged|used|applied|relied)"
    r"|ha(?:s|ve)\s+no\s+application|(?:is|are)\s+(?:inapplicable|irrelevant))\b", re.I)
_NOT_APPLIED_BEFORE = re.compile(
    r"(?:\b(?:have|has|had|did|do|does|will|would|could|can|shall|should)\s*(?:not|n[’']t)\s+"
    r"(?:been\s+)?(?:appl(?:y|ied)|rel(?:y|ied)|used?|cited?|invoked?)"
    r"|\bcannot\s+(?:apply|rely|use|cite|invoke)"
    r"|\bnot\s+(?:applied|relied|used|cited|invoked|applying|relying|using|citing)"
    r"|\bnot(?=\s+(?:under|on)\b)|\brather\s+than|\binstead\s+of|\bunlike|\bin\s+place\s+of)"
    r"(?:\s+(?:on|upon|under|the|an?|exemptions?|provisions?|in|at|of|any|relying|applying"
    r"|using|citing|FOIA|cost|appropriate|limit))*\s+$", re.I)
_NO_COST_LIMIT = re.compile(r"\bno\s+(?:cost|appropriate)\s+limit\b", re.I)


def _not_applied(run: Run, m: Mention) -> bool:
    """Whether the sentence of ``m`` says the provision itself is not applied."""
    start, end = run.doc.sentence_at(m.start)
    text = run.doc.text
    if _NOT_APPLIED_AFTER.match(text, m.end, end) or _NOT_APPLIED_BEFORE.search(
            text, max(start, m.start - 120), m.start):
        return True
    # "the EIR have no cost limit like section 12 of FOIA": the cost limit is s12's own
    return m.section == "s12" and _NO_COST_LIMIT.search(text, start, end) is not None


def foia_only(run: Run) -> list[Mention]:
    """Mentions of FOIA provisions, relied on, that never apply to environmental information.

    Every section a FOIA or EIR letter's table reads (Part II exemptions, NCND provisions,
    s12 and s14) except s39, which is the route to the EIR itself; not in a sentence that
    says the provision itself does not apply or is not relied on.
    """
    return [m for m in run.mentions
            if not m.regulation and m.section != "s39" and not _not_applied(run, m)]
