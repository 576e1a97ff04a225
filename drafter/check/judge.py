"""Judge each provision relied on inside its own block (see :mod:`drafter.check.blocks`).

Reasons are judged sentence by sentence inside the block, less its public interest test
(:mod:`drafter.check.reasons` says what a sentence of reasons is: this case's facts, not the
law restated, a bare conclusion or the public interest factors), then with the rule's own
wording of reasons (s21's "is published at", s12's hours). An explicit cross-reference ("for
the reasons given above under section 24(2)") counts as reasons.

Public interest reasons count for a qualified provision when its own block holds the factors
for, the factors against and the balance, with a factor argued on at least one side, or when
the letter runs one shared test and says it covers this provision: by naming it, by speaking
of the exemptions together ("these exemptions", "both exemptions", "sections 24 and 31"), or
because it is the only qualified provision relied on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.balance import argues_maintaining, concludes_balance
from drafter.check.blocks import (
    CROSS_REFERENCE,
    Exemption,
    exemption_blocks,
    is_cross_reference,
)
from drafter.check.patterns import compile_patterns
from drafter.check.reasons import (
    CASE_WORDS,
    QUOTED,
    WORD,
    case_words,
    clause_at,
    is_title,
    not_reasons,
    reason_in,
)
from drafter.law.citations import prose

if TYPE_CHECKING:
    from drafter.check.engine import Run
    from drafter.check.kinds.element import ElementRule
    from drafter.check.mentions import Mention

__all__ = ["judge"]

_FLAGS = re.IGNORECASE
_SHARED_TEST = re.compile(
    r"\b(?:these|the|both|all|each\s+of\s+the|all\s+of\s+the|above|two|three|relevant|cited|"
    r"qualified)\s+(?:\w+\s+)?(?:exemptions|exceptions|provisions)\b|\beach\s+(?:exemption|"
    r"exception)\b|\b(?:sections|regulations)\s+\d|\bexemptions\s+(?:cited|above|relied|"
    r"engaged|applied)\b", _FLAGS)
_PI_WORDS = re.compile(r"\bpublic\s+interest|\bfactors?\b|\bbalanc|\boutweigh", _FLAGS)


def reasons_spans(run: Run, ex: Exemption, patterns: Sequence[str],
                  law_words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Where the block of ``ex`` gives its reasons (see :mod:`drafter.check.reasons`).

    ``law_words`` are the words of the titles of the provisions the letter cites (from the
    clause library): a sentence that only repeats them restates the law. ``patterns`` (the
    rule's wording of reasons) find shorter reasons: s21's "is published at", s12's hours.
    """
    doc = run.doc
    region = {seg for seg in ex.reasons if not is_title(doc.segments[seg].text)}
    for seg in sorted(region):  # a sentence about this case (cheap: tried first)
        lead = seg in ex.lead
        for s_start, s_end in doc.sentences(seg):
            found = reason_in(doc.text[s_start:s_end], law_words, lead=lead,
                              prejudice=ex.prejudice and ex.kind != "procedural")
            if found is not None:
                return s_start + found[0], s_start + found[1]
    # a shorter one with the wording of reasons (the rule's patterns)
    for start, end in run.matches(patterns, region=region):
        s_start, s_end = doc.sentence_at(start)
        clause = clause_at(doc.text[s_start:s_end], start - s_start)
        if QUOTED.match(clause) or not_reasons(clause) or \
                len(case_words(clause, law_words)) < CASE_WORDS:
            continue
        return start, end
    for seg in sorted(region):  # "for the reasons given above": if the letter gives any
        s = doc.segments[seg]
        m = CROSS_REFERENCE.search(s.text)
        if m is not None and not m.group().lower().endswith("below") and \
                _reasons_elsewhere(run, ex, seg, law_words):
            return s.start + m.start(), s.start + m.end()
    return None


def _reasons_elsewhere(run: Run, ex: Exemption, seg: int, law_words: frozenset[str]) -> bool:
    """True when the letter gives reasons outside ``ex``'s block, before ``seg``.

    A reference back ("as explained above") points at reasons given for another provision or
    in a background section; with none anywhere before it, it points at nothing.
    """
    doc = run.doc
    own = set(ex.segments)
    for i in range(doc.header_count, seg):
        if i in own or is_title(doc.segments[i].text):
            continue
        for s_start, s_end in doc.sentences(i):
            if reason_in(doc.text[s_start:s_end], law_words) is not None:
                return True
    return False


def pi_span(run: Run, ex: Exemption, rule: ElementRule, exemptions: list[Exemption],
            qualified: list[Exemption]) -> tuple[int, int] | None:
    """Where the public interest reasons covering ``ex`` are: its own, or a shared test."""
    own = _all_of(run, rule, set(ex.segments))
    if own is not None:
        return own
    shared = _shared(run, rule)  # the whole letter: the same for each provision
    if shared is None:  # no test with its factors anywhere: nothing to share or point at
        return None
    for seg in ex.segments:  # "the same balance applies as under section 24(2) above"
        s = run.doc.segments[seg]
        m = CROSS_REFERENCE.search(s.text)
        if m is not None and "public interest" in s.text.lower():
            return s.start + m.start(), s.start + m.end()
    everywhere = range(len(run.doc.segments))
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


def _shared(run: Run, rule: ElementRule) -> tuple[int, int] | None:
    """``_all_of`` the whole letter, worked out once per letter and rule."""
    cache: dict[int, tuple[int, int] | None] = run.doc.memo.setdefault("pi_shared", {})
    if id(rule) not in cache:
        cache[id(rule)] = _all_of(run, rule, None)
    return cache[id(rule)]


def _all_of(run: Run, rule: ElementRule, region: set[int] | None) -> tuple[int, int] | None:
    """The last span of the rule's groups when each is found in ``region`` (None: anywhere)."""
    if region is not None and not region:
        return None
    groups = rule.all_of or [rule.patterns]
    spans = []
    for i, group in enumerate(groups):  # stop at the first group not found
        if len(groups) > 2 and i in (1, len(groups) - 1):
            # _factor and _balance read every match of these groups: the first exists
            # exactly when any does (and the matches are kept for them)
            if not run.matches(group, region=region):
                return None
            continue
        span = run.first(group, region)
        if span is None:
            return None
        spans.append(span)
    if len(groups) > 2:
        # s17(3)(b): the reasons for claiming that the public interest in maintaining the
        # exemption outweighs that in disclosure. Naming both sides ("the public interest in
        # disclosure is outweighed by the public interest in withholding") gives no reason,
        # nor do the factors for disclosure alone: a reason for maintaining it must be given,
        # with the other side at least acknowledged; and the balance must be struck, not
        # only asked ("we have considered whether ... outweighs ...").
        if _factor(run, groups[1], region) is None:
            return None
        balance = _balance(run, groups[-1], region)
        if balance is None:
            return None
        return balance
    return spans[-1]


def _balance(run: Run, group: Sequence[str], region: set[int] | None) -> tuple[int, int] | None:
    """The last match of ``group`` in ``region`` that strikes the balance (concludes_balance)."""
    doc = run.doc
    found = None
    for start, end in run.matches(group, region=region):
        s_start, s_end = doc.sentence_at(start)
        if concludes_balance(doc.text[s_start:s_end], start - s_start):
            found = start, end
    return found


def _factor(run: Run, group: Sequence[str], region: set[int] | None) -> tuple[int, int] | None:
    """The first match of ``group`` in ``region`` that argues for maintaining the exemption.

    A factor of the group's own wording, or the side named with this case's reasons (see
    argues_maintaining).
    """
    doc = run.doc
    for start, end in run.matches(group, region=region):
        if is_title(doc.segments[doc.seg_of(start)].text):  # "Factors favouring disclosure"
            return start, end  # heads the factors listed under it
        # a match may begin with the stop of the sentence before ("[.:;] Against that, ...")
        lead = len(doc.text[start:end]) - len(doc.text[start:end].lstrip(".:;! \t\n"))
        s_start, s_end = doc.sentence_at(min(start + lead, end - 1))
        if _argues(doc.text[s_start:s_end], tuple(group)):
            return start, end
    return None


@lru_cache(maxsize=4096)  # the same sentence is weighed for each provision; letters share
def _argues(sentence: str, group: tuple[str, ...]) -> bool:
    """``argues_maintaining`` of ``sentence`` with the group's patterns, as the rules mean them."""
    compiled = [c for p in group if (c := compile_patterns((p,))) is not None]  # cached
    return argues_maintaining(sentence, compiled)


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
    substantive = [ex for ex in exemptions if ex.kind != "procedural"]
    qualified = [ex for ex in substantive if ex.absolute is False
                 and not any(c.startswith(_NO_PUBLIC_INTEREST) for c in ex.cites)]
    pi_rule = by_id.get("public_interest_reasons")
    # whether the test applies is asked only of a letter with a qualified provision
    pi_applies = bool(qualified) and pi_rule is not None and run.holds(pi_rule)
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
            if rule.s17_4 and level == "error" and run.trigger("s17_4"):
                level = "warning"
                message += " (The letter relies on s17(4), so this is a warning.)"
            findings.append(Finding(key, level, _fmt(f"{prose(ex.cite)}: {message}"),
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
                    bucket.update(WORD.findall(entry.title.lower()))
        found = _TITLES[id(library)] = (library, {k: frozenset(v) for k, v in by_section.items()})
    words: set[str] = set()
    for ex in exemptions:
        words |= found[1].get(ex.key, frozenset())
    return frozenset(words)


def _invalid(run: Run, m: Mention) -> bool:
    """True for a limb the Act does not have, or no longer has (``citations.wrong``).

    "section 31(a)" is no provision of FOIA (its subsections are (1), (2), ...), so it names
    no subsection at all; FOISA has lettered paragraphs straight under some sections (s30(a)).
    """
    from drafter.check.kinds.citations import wrong

    return wrong(run, m) is not None
