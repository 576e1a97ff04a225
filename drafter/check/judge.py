"""Judge each provision relied on inside its own block (see :mod:`drafter.check.blocks`).

Reasons are judged with the letter's ``explains_why`` rule patterns, inside the block, less
sentences that only restate the law: the statutory test ("information is exempt if its
disclosure would...", a quoted subsection), the Act's general scheme ("the Act carries a
presumption in favour of disclosure", "this is a qualified exemption"). An explicit
cross-reference ("for the reasons given above under section 24(2)") counts as reasons.

Public interest reasons count for a qualified provision when its own block holds the factors
for, the factors against and the balance, or when the letter runs one shared test and says it
covers this provision: by naming it, by speaking of the exemptions together ("these
exemptions", "both exemptions", "sections 24 and 31"), or because it is the only qualified
provision relied on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafter.check.blocks import (
    CROSS_REFERENCE,
    Exemption,
    exemption_blocks,
    is_cross_reference,
)

if TYPE_CHECKING:
    from drafter.check.engine import Run
    from drafter.check.kinds.element import ElementRule
    from drafter.check.mentions import Mention

__all__ = ["judge"]

_FLAGS = re.IGNORECASE
# Sentences that restate the law rather than give this case's reasons.
_LAW_ONLY = re.compile(
    r"\b(?:is|are)\s+exempt(?:\s+information)?\s+if\b|\bexempts?\s+information\s+(?:which|"
    r"that|if|where)\b|\bpresumption\s+in\s+favour\s+of\s+disclosure\b|\bthe\s+(?:FOI\s+)?Act\s+"
    r"(?:provides|contains|allows|sets\s+out|obliges|permits)\b|\b(?:is|are)\s+(?:a\s+)?"
    r"(?:qualified|absolute|class[- ]based|prejudice[- ]based)\s+(?:exemptions?|exceptions?|"
    r"provisions?)\b|\bsubject\s+to\s+(?:the|a)\s+public\s+interest\s+test\b|\brelates?\s+to\s+"
    r"(?:the\s+)?(?:formation|commercial|law\s+enforcement|information\s+provided|"
    r"prejudice)\b[^.]{0,60}$|\bsection\s+\d+\w*(?:\(\w+\))*\s+of\s+the\s+[^.]{0,60}"
    r"\b(?:requires|provides|states|says)\b|\bsubsections?\s*\(\d|^\W*s\.?\s?\d+[A-Z]?\s?\(\d+\)\s+[A-Z]|\bthis\s+(?:Act|section)\b[^.]{0,80}(?:[,;]|"
    r"\b(?:and|or))\s*$|,\s+(?:and|or)\s*$|\bin\s+all\s+the\s+circumstances\b|\breferred\s+to\s+in\s+"
    r"(?:paragraph|subsection)\b|\b(?:must|will|need\s+to)\s+consider\s+whether\s+the\s+public\s+"
    r"interest\b", _FLAGS)
_SHARED_TEST = re.compile(
    r"\b(?:these|the|both|all|each\s+of\s+the|all\s+of\s+the|above|two|three|relevant|cited|"
    r"qualified)\s+(?:\w+\s+)?(?:exemptions|exceptions|provisions)\b|\beach\s+(?:exemption|"
    r"exception)\b|\b(?:sections|regulations)\s+\d|\bexemptions\s+(?:cited|above|relied|"
    r"engaged|applied)\b", _FLAGS)
# The words of the tests themselves (FOIA Part II, EIR reg 12-13, FOISA Part 2) and of the
# Acts' machinery: a "reason" made only of these restates the law and says nothing about
# this request ("it relates to commercial information that may prejudice the company").
_LAW_TEXT = """
about above absolute accessible accordance act acts administration advice affairs also
amount another apply applies applied applying apprehension audit authority authorities
balance based because being believe both cannot case certain circumstances class
commercial commissioner communications completion concerning conduct confidence
confidential confidentiality confirm considered consider considers constitute constitutes
contained contains course crime data defence deliberation deny described description
detection development disclose disclosed disclosing disclosure documents duty economic
economy effective either engaged environment environmental exception exceptions exchange
exempt exemption exemptions favour fall falls following formulation frank free freedom
from further future government have health held hold however industrial information
inhibit intellectual interest interests international into justice kind legal likely made
maintaining manifestly material matters may might must national offenders other otherwise
outweighs particular parties party person personal persons policy prejudice prevention
privilege privileged professional property prosecution provided provides provision public
publication purpose purposes qualified reasonably reasons regulation regulations relate
related relates relating relation release released relevant request requested requests
response safeguarding safety section sections security some specified subject substantial
substantially such test that their there therefore these third this those under
unfinished unreasonable upon views which whose will with withheld withhold withholding
within would your
able accepted aim apologise apologies asked attached below business clear complete
concluded conclusion date dated days dealing dealt decided decision department email
enclosed ensure full fully handled hope january february march april june july august
september october november december monday tuesday wednesday thursday friday included
including letter note please receipt received reference regarding respond responding
form part parts scope sensitive sincerely thank thanks time unable unfortunately wish working write
writing yours"""
_LAW_WORDS = frozenset(_LAW_TEXT.split())
# A sentence that gives reasons says what the information is or what disclosure would do.
_REASONING = re.compile(
    r"\b(?:because|since|as|so|therefore|thus|would|could|might|will|means?|risk|likely|"
    r"were|was|contains?|contained|includes?|included|shows?|reveals?|concerns?|consists?|"
    r"comprises?|provided|obtained|supplied|prohibited|given|prepared|created|identify|"
    r"identifies|allow|enable|help)\b", _FLAGS)
_WORD = re.compile(r"[a-z]{4,}")
_CASE_WORDS = 3
_CASE_WORDS_LOOSE = 5
_TITLE_MAX = 160
"""Words beyond the law's own that make a sentence say something about this case."""
# Sentences about the handling of the request, not about the information.
_LETTER = re.compile(
    r"\b(?:you\s+(?:asked|requested|wrote)|your\s+(?:request|e-?mail|letter|correspondence)\s+"
    r"(?:of|dated|for|about|regarding|asking)|I\s+(?:wish|would\s+like)|thank\s+you|(?:we|I)\s+"
    r"(?:am|are)\s+(?:sorry|writing)|apologi[sz]e|our\s+aim\s+is|our\s+(?:last|previous|"
    r"earlier)\s+(?:letter|e-?mail|response)|considerations?\s+(?:of|into)\s+your\s+request)\b",
    _FLAGS)
# A summary that points forward to the reasons is not itself a reason.
_POINTER = re.compile(
    r"\b(?:explained|set\s+out|described|given)\s+below\b|\bbecause\s+(?:it|this|they|the\s+"
    r"information)\s+(?:is|are)\s+exempt\b", _FLAGS)
_ANY_STATEMENT = re.compile(r"\w")
_LEAD_REASONING = re.compile(
    r"\b(?:because|therefore|would|could|contains?|contained|includes?|included|provided|"
    r"supplied|obtained|prohibited)\b", _FLAGS)
_PI_WORDS = re.compile(r"\bpublic\s+interest|\bfactors?\b|\bbalanc|\boutweigh", _FLAGS)

def reasons_spans(run: Run, ex: Exemption, patterns: Sequence[str],
                  law_words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The first match of ``patterns`` in the block of ``ex`` that gives reasons, not law.

    ``law_words`` are the words of the titles of the provisions the letter cites (from the
    clause library): a sentence that only repeats them restates the law.
    """
    doc = run.doc
    region = ex.reasons
    region = {seg for seg in region if not _is_title(doc.segments[seg].text)}
    for seg in sorted(region):  # a sentence about this case (cheap: tried first)
        # before the citation (where the request may be quoted) only plainly causal wording
        reasoning = _LEAD_REASONING if seg in ex.lead else _ANY_STATEMENT
        for s_start, s_end in doc.sentences(seg):
            sentence = doc.text[s_start:s_end]
            m = reasoning.search(sentence)
            if m is not None and not sentence.rstrip().endswith("?") and \
                    _case_specific(sentence, _CASE_WORDS_LOOSE, law_words) and \
                    not any(p.search(sentence) for p in (_LAW_ONLY, _LETTER, _POINTER)):
                return s_start + m.start(), s_start + m.end()
    # a shorter one with the wording of reasons (the rule's patterns)
    for start, end in run.matches(patterns, region=region):
        s_start, s_end = doc.sentence_at(start)
        sentence = doc.text[s_start:s_end]
        if _LAW_ONLY.search(sentence) or _LETTER.search(sentence) or _POINTER.search(sentence) or \
                not _case_specific(sentence, law_words=law_words):
            continue
        return start, end
    for seg in sorted(region):
        s = doc.segments[seg]
        m = CROSS_REFERENCE.search(s.text)
        if m is not None and not m.group().lower().endswith("below"):
            return s.start + m.start(), s.start + m.end()
    return None


def _is_title(text: str) -> bool:
    """A heading ("Section 38(1)(b): Personal information of others"): a title, not reasons."""
    t = text.strip()
    return len(t) <= _TITLE_MAX and not t.endswith((".", "!", "?", ";", ":", ","))


def _case_specific(sentence: str, needed: int = 0,
                   law_words: frozenset[str] = frozenset()) -> bool:
    """True when ``sentence`` says something beyond the words of the law and of letters."""
    words = {w for w in _WORD.findall(sentence.lower())
             if w not in _LAW_WORDS and w not in law_words and _stem(w) not in _LAW_WORDS
             and _stem(w) not in law_words}
    return len(words) >= (needed or _CASE_WORDS)


def _stem(word: str) -> str:
    """A rough stem, enough to match "commercially" to "commercial", "falling" to "fall"."""
    for suffix in ("ally", "ly", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            return stem + ("al" if suffix == "ally" else "")
    return word


def pi_span(run: Run, ex: Exemption, rule: ElementRule, exemptions: list[Exemption],
            qualified: list[Exemption]) -> tuple[int, int] | None:
    """Where the public interest reasons covering ``ex`` are: its own, or a shared test."""
    own = _all_of(run, rule, set(ex.segments))
    if own is not None:
        return own
    for seg in ex.segments:  # "the same balance applies as under section 24(2) above"
        s = run.doc.segments[seg]
        m = CROSS_REFERENCE.search(s.text)
        if m is not None and "public interest" in s.text.lower():
            return s.start + m.start(), s.start + m.end()
    everywhere = range(len(run.doc.segments))
    shared = _all_of(run, rule, None)  # the whole letter: run.first caches its ranges
    if shared is None:
        return None
    if len(qualified) == 1:
        return shared
    for i in everywhere:
        text = run.doc.segments[i].text
        if not _PI_WORDS.search(text):
            continue
        named = any(m.seg == i and not is_cross_reference(run, m) for m in ex.mentions)
        if named or _SHARED_TEST.search(text):
            return shared
    return None


def _all_of(run: Run, rule: ElementRule, region: set[int] | None) -> tuple[int, int] | None:
    """The last span of the rule's groups when each is found in ``region`` (None: anywhere)."""
    if region is not None and not region:
        return None
    spans = []
    for group in rule.all_of or [rule.patterns]:
        span = run.first(group, region)
        if span is None:
            return None
        spans.append(span)
    return spans[-1]


# Provisions for which no public interest test is run although the law formally attaches one:
# EIR reg 12(4)(a) (information not held): there is nothing to weigh (ICO guidance,
# "Information not held (regulation 12(4)(a))").
_NO_PUBLIC_INTEREST = ("reg12(4)(a)",)
# Refusals whose reasons are the burden of the request, not harm from disclosure: FOIA s12 and
# s14 (s17(5)) and the EIR's manifestly unreasonable request, reg 12(4)(b).
_BURDEN = ("reg12(4)(b)",)
_ELEMENT_RULES = {"explains_why": "explains_why", "s21": "explains_why_s21",
                  "procedural": "explains_why_burden"}


def judge(run: Run, rules: Sequence[ElementRule]) -> tuple[list[Exemption],
                                                            dict[str, Any], list[Any]]:
    """Judge each provision relied on; give the letter-level elements it decides and findings.

    Returns the provisions, the element results for ``names_subsection``, ``explains_why``
    and ``public_interest_reasons`` (only those that apply), and one finding per provision
    that lacks one of them.
    """
    from drafter.check.kinds.base import fmt as _fmt
    from drafter.check.kinds.citations import incomplete as _incomplete
    from drafter.check.kinds.requires import RequiresRule
    from drafter.check.results import ElementResult, Finding

    by_id = {r.id: r for r in rules}
    exemptions = exemption_blocks(run)
    letter: dict[str, Any] = {}
    findings: list[Any] = []
    if not exemptions:
        return exemptions, letter, findings
    incomplete = {id(m) for m in _incomplete(run)}
    s17_4 = run.trigger("s17_4")
    substantive = [ex for ex in exemptions if ex.kind != "procedural"]
    qualified = [ex for ex in substantive if ex.absolute is False
                 and not any(c.startswith(_NO_PUBLIC_INTEREST) for c in ex.cites)]
    pi_rule = by_id.get("public_interest_reasons")
    pi_applies = pi_rule is not None and run.holds(pi_rule)
    likelihood = next((r for r in run.rules.rules
                       if r.id == "no-likelihood" and isinstance(r, RequiresRule)), None)
    na = ElementResult("not_applicable")
    law_words = _title_words(run, exemptions)
    for ex in exemptions:
        first = ex.mentions[0]
        ex.elements["_location"] = run.doc.location(first.start)
        if ex.kind == "procedural":  # s17(5) asks only that s12 or s14 be stated
            best = max(ex.mentions, key=lambda m: len(m.parts))
            ex.elements["names_subsection"] = ElementResult(
                "present", *run.doc.evidence(best.start, best.end)) if best.parts else na
        elif any(id(m) in incomplete or _invalid(run, m) for m in ex.mentions):
            ex.elements["names_subsection"] = ElementResult(
                "missing", *run.doc.evidence(first.start, first.end))
        else:
            best = max(ex.mentions, key=lambda m: len(m.parts))
            ex.elements["names_subsection"] = ElementResult(
                "present", *run.doc.evidence(best.start, best.end))
        # explains_why
        names = [_ELEMENT_RULES["explains_why"]]
        if ex.kind == "procedural" or ex.key.startswith(_BURDEN):
            names.insert(0, _ELEMENT_RULES["procedural"])
        if ex.key == "s21":
            names.insert(0, _ELEMENT_RULES["s21"])
        usable = [by_id[n] for n in names if n in by_id and run.regime in by_id[n].regimes]
        span = None
        for rule in usable:
            span = reasons_spans(run, ex, rule.patterns, law_words)
            if span is not None:
                break
        ex.elements["explains_why"] = ElementResult("present", *run.doc.evidence(*span)) \
            if span is not None else ElementResult("missing")
        # likelihood: a prejudice-based provision states "would" or "would be likely to"
        if ex.prejudice and ex.kind != "procedural" and likelihood is not None and \
                run.regime in likelihood.regimes:
            spans = run.matches(likelihood.patterns, likelihood.ignore_when,
                                region=ex.reasons)
            ex.elements["likelihood"] = ElementResult("present", *run.doc.evidence(*spans[0])) \
                if spans else ElementResult("missing")
        else:
            ex.elements["likelihood"] = na
        # public interest reasons: each qualified provision, its own or a shared test
        if pi_applies and ex in qualified:
            assert pi_rule is not None
            found = pi_span(run, ex, pi_rule, exemptions, qualified)
            ex.elements["public_interest_reasons"] = ElementResult(
                "present", *run.doc.evidence(*found)) if found is not None \
                else ElementResult("missing")
        else:
            ex.elements["public_interest_reasons"] = na
    # letter-level elements, derived
    for key in ("names_subsection", "explains_why", "public_interest_reasons"):
        results = [(ex, ex.elements[key]) for ex in exemptions
                   if ex.elements[key].status != "not_applicable"]
        if key == "explains_why" and substantive:
            results = [(ex, r) for ex, r in results if ex.kind != "procedural"] or results
        if not results:
            if key != "explains_why":
                letter[key] = na
            continue
        missing = [ex for ex, r in results if r.status == "missing"]
        if not missing:
            letter[key] = results[0][1]
            continue
        letter[key] = ElementResult("missing")
        found_rule = by_id.get(key)
        if key == "names_subsection" or found_rule is None:
            continue  # the missing-subsection findings name each citation already
        rule = found_rule
        for ex in missing:
            level, message = rule.level, rule.message
            if rule.s17_4 and level == "error" and s17_4:
                level = "warning"
                message += " (The letter relies on s17(4), so this is a warning.)"
            findings.append(Finding(key, level, _fmt(f"{_prose(ex.cite)}: {message}"),
                                    ex.location, rule.statute, rule.link))
    return exemptions, letter, findings


_TITLES: dict[int, tuple[Any, dict[str, frozenset[str]]]] = {}


def _title_words(run: Run, exemptions: list[Exemption]) -> frozenset[str]:
    """The words of the library titles of every provision cited (and its section's limbs)."""
    library = run.provisions.library
    found = _TITLES.get(id(library))
    if found is None or found[0] is not library:  # built once per library, by section
        by_section: dict[str, set[str]] = {}
        for cite, entries in library.items():
            m = re.match(r"(?:reg|s)\d+[A-Z]?", cite)
            for key in {cite, m.group() if m else cite}:
                bucket = by_section.setdefault(key, set())
                for entry in entries:
                    bucket.update(_WORD.findall(entry.title.lower()))
        found = _TITLES[id(library)] = (library, {k: frozenset(v) for k, v in by_section.items()})
    words: set[str] = set()
    for ex in exemptions:
        words |= found[1].get(ex.key, frozenset())
    return frozenset(words)


def _prose(cite: str) -> str:
    from drafter.law.citations import prose

    return prose(cite)


def _invalid(run: Run, m: Mention) -> bool:
    """True for a limb the Act cannot have: FOIA and EIR number their subsections first.

    "section 31(a)" is no provision of FOIA (its subsections are (1), (2), ...), so it names
    no subsection at all; FOISA has lettered paragraphs straight under some sections (s30(a)).
    """
    return run.regime != "foisa" and bool(m.parts) and not m.parts[0][:1].isdigit()
