"""Check a case against the law before anything is written.

Each rule cites what it enforces. Errors stop the letter (exit 1); warnings are reported and,
with ``--strict``, stop it too. All problems are collected and reported together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from drafter.draft.casefile import LoadedCase
from drafter.draft.model import ClauseRef, ExemptionUse, Part, Wording
from drafter.errors import Problem
from drafter.infra.yamlio import Loc
from drafter.law.citations import normalise, parse_citation
from drafter.library.load import Library
from drafter.library.model import Provision

Stage = Literal["final", "holding", "final_after_extension"]

# Phrases that tell the requester the information exists: fatal in an NCND answer (D9).
_CONFIRMS_HELD = re.compile(
    r"\b(?:we|the (?:council|force|trust|department|authority)) (?:do |does )?hold"
    r"|\bis held\b|\bare held\b|\bwithheld information\b|\binformation (?:we|you) hold"
    r"|\bthe (?:report|document|contract|information) (?:you asked for|requested) (?:is|was)\b",
    re.IGNORECASE,
)


@dataclass
class ResolvedUse:
    """An exemption use with the library provision it resolved to."""

    use: ExemptionUse
    provision: Provision
    loc: Loc


@dataclass
class ResolvedPart:
    """A part of the request with its resolved exemptions."""

    part: Part
    uses: list[ResolvedUse]
    loc: Loc


@dataclass
class ValidatedCase:
    """The outcome of validation: resolved parts, the stage, the dates, and all problems."""

    parts: list[ResolvedPart]
    stage: Stage
    sent: dt.date
    due: dt.date
    late: bool
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Error-level problems."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Warning-level problems."""
        return [p for p in self.problems if p.level == "warning"]


def stage_of(loaded: LoadedCase) -> Stage:
    """Which notice the case asks for: final, s17(2) holding, or final after an extension."""
    pit = loaded.case.pit_extension
    if pit is None:
        return "final"
    return "holding" if pit.holding_notice_sent is None else "final_after_extension"


def resolve_use(use: ExemptionUse, lib: Library) -> tuple[Provision | None, str | None, str | None]:
    """Find the provision a case's ``cite`` (and ``via``) means.

    Returns ``(provision, message, fix)``; message and fix explain a failure.
    """
    if use.cite in lib.provisions:  # a library id is accepted as well as a citation
        return lib.provisions[use.cite], None, None
    canon = normalise(use.cite)
    if canon is None:
        return None, f"'{use.cite}' is not a citation", "write it like s43(2) or s31(1)(a)"
    found = lib.by_cite(canon)
    if use.via is not None:
        via = normalise(use.via) or use.via
        found = [p for p in found if p.via == via]
        if not found:
            vias = [p.via for p in lib.by_cite(canon) if p.via]
            return None, f"'{use.cite}' by virtue of '{use.via}' is not in the library", (
                f"use one of: {', '.join(vias)}" if vias else "remove 'via:'")
    if not found:  # "s21" for "s21(1)": accept a shorter citation when only one entry fits
        found = [p for p in lib.provisions.values() if p.cite.startswith(canon + "(")
                 and (use.via is None or p.via == (normalise(use.via) or use.via))]
        if len(found) > 1:
            ids = ", ".join(f"{p.cite}{' via ' + p.via if p.via else ''} ({p.id})"
                            for p in found)
            return None, f"'{use.cite}' could mean several provisions", f"cite one of: {ids}"
    if len(found) == 1:
        return found[0], None, None
    if len(found) > 1:
        choices = "; ".join(f"via: {p.via} ({p.title})" for p in found)
        return None, f"'{use.cite}' is ambiguous", f"add one of {choices}"
    cite = parse_citation(canon)
    near: list[str] = [p.cite for p in lib.provisions.values()
                       if cite and p.section == cite.section]
    near = near or difflib.get_close_matches(canon, [p.cite for p in lib.provisions.values()],
                                             n=3)
    fix = f"did you mean {', '.join(sorted(set(near))[:6])}?" if near else \
        "run 'drafter clauses list' to see every citation"
    return None, f"unknown citation '{use.cite}'", fix


def validate_case(loaded: LoadedCase, lib: Library, *, today: dt.date) -> ValidatedCase:
    """Resolve and validate a loaded case. Never raises for legal problems: it collects them."""
    from drafter.law.deadlines import compute_deadline

    case = loaded.case
    problems = list(loaded.warnings)
    err = loaded.problem
    stage = stage_of(loaded)
    sent = case.sent or today
    start = case.clarified or case.received
    deadline = compute_deadline(start, regime=case.regime)
    due = deadline.due
    late = sent > due and stage != "final_after_extension"

    if case.regime != "foia":
        problems.append(err(("regime",), f"drafting {case.regime.upper()} letters is not "
                            "supported yet; only FOIA letters can be drafted",
                            "use 'drafter check --regime " + case.regime + "' to check a "
                            "letter you wrote"))
    if case.sent and case.sent < case.received:
        problems.append(err(("sent",), "the letter is dated before the request was received",
                            "check 'sent' and 'received'"))
    if case.clarified and case.clarified < case.received:
        problems.append(err(("clarified",), "clarification is dated before the request",
                            "check 'clarified' and 'received'"))
    if late:
        problems.append(err(("sent",), f"the letter is dated {sent:%d %B %Y}, after the "
                            f"deadline of {due:%d %B %Y} (20 working days, s10(1)); the letter "
                            "will apologise for the delay", level="warning"))

    parts: list[ResolvedPart] = []
    for i, part in enumerate(case.parts):
        uses: list[ResolvedUse] = []
        for j, use in enumerate(part.exemptions):
            loc: Loc = ("parts", i, "exemptions", j)
            provision, message, fix = resolve_use(use, lib)
            if provision is None:
                problems.append(err((*loc, "cite"), message or "unknown citation", fix))
                continue
            uses.append(ResolvedUse(use, provision, loc))
        parts.append(ResolvedPart(part, uses, ("parts", i)))

    whole = case.cost_limit is not None or case.vexatious is not None
    if case.cost_limit and case.vexatious:
        problems.append(err(("vexatious",), "a request is refused under s12 or s14, not both",
                            "keep the one the decision rests on"))
    seen_numbers: set[str] = set()
    for rp in parts:
        number = str(rp.part.number)
        if number in seen_numbers:
            problems.append(err((*rp.loc, "number"), f"part {number} is given twice",
                                "number each part once"))
        seen_numbers.add(number)
        problems.extend(_check_part(loaded, lib, rp, whole, stage))
    problems.extend(_check_whole(loaded, lib, parts, stage, due))
    return ValidatedCase(parts, stage, sent, due, late, _dedupe(problems))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One report per place and message: parts sharing a YAML anchor share their problems."""
    seen: set[tuple[str | None, int | None, str]] = set()
    out = []
    for p in problems:
        key = (p.file, p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _check_part(loaded: LoadedCase, lib: Library, rp: ResolvedPart, whole: bool,
                stage: Stage) -> list[Problem]:
    err = loaded.problem
    part, loc = rp.part, rp.loc
    out: list[Problem] = []
    if part.outcome is None:
        if not whole:
            out.append(err((*loc, "outcome"), "outcome is missing",
                           "give one of disclosed, part_disclosed, refused, ncnd, not_held, "
                           "accessible"))
        return out
    if whole:
        out.append(err((*loc, "outcome"), "the whole request is refused under s12/s14, so a "
                       "part cannot also have its own outcome", "remove 'outcome:' from the "
                       "parts, or remove cost_limit / vexatious", level="warning"))
    out.extend(_check_outcome(loaded, rp))
    kinds = {u.provision.kind for u in rp.uses}
    if part.outcome == "ncnd":
        if kinds - {"ncnd"}:
            wrong = [u for u in rp.uses if u.provision.kind != "ncnd"]
            for u in wrong:
                hint = f"cite {u.provision.ncnd}" if u.provision.ncnd else \
                    f"{u.provision.cite} has no neither-confirm-nor-deny provision"
                out.append(err((*u.loc, "cite"), f"an NCND answer must cite the NCND provision, "
                               f"not {u.provision.cite}", hint))
        if part.disclosed:
            out.append(err((*loc, "disclosed"), "an NCND answer cannot disclose anything: "
                           "that confirms the information is held", "remove 'disclosed:'"))
        out.extend(_ncnd_leaks(loaded, rp))
    elif "ncnd" in kinds:
        for u in rp.uses:
            if u.provision.kind == "ncnd":
                out.append(err((*u.loc, "cite"), f"{u.provision.cite} neither confirms nor "
                               f"denies, but the outcome '{part.outcome}' confirms the "
                               "information is held", "use outcome 'ncnd', or cite the "
                               "exemption itself"))
    for u in rp.uses:
        out.extend(_check_use(loaded, lib, u, part, stage))
    return out


def _check_outcome(loaded: LoadedCase, rp: ResolvedPart) -> list[Problem]:
    err = loaded.problem
    part, loc = rp.part, rp.loc
    out: list[Problem] = []
    if part.outcome in ("refused", "part_disclosed", "ncnd", "accessible") and not \
            part.exemptions:
        out.append(err((*loc, "exemptions"), f"outcome '{part.outcome}' needs at least one "
                       "exemption", "add the exemption relied on under 'exemptions:'"))
    if part.outcome in ("disclosed", "not_held") and part.exemptions:
        out.append(err((*loc, "exemptions"), f"outcome '{part.outcome}' relies on no "
                       "exemption", "remove 'exemptions:' or change the outcome"))
    if part.outcome in ("disclosed", "part_disclosed") and not part.disclosed:
        out.append(err((*loc, "disclosed"), "say what is disclosed",
                       "add 'disclosed:' describing the information given"))
    if part.outcome == "not_held" and not part.not_held:
        out.append(err((*loc, "not_held"), "explain why the information is not held",
                       "add 'not_held:' (what was searched, why nothing exists)",
                       level="warning"))
    if part.outcome == "accessible" and any(u.provision.section != "21" for u in rp.uses):
        out.append(err((*loc, "exemptions"), "outcome 'accessible' is for section 21 only",
                       "cite s21(1), or use 'refused' for other exemptions"))
    return out


def _ncnd_leaks(loaded: LoadedCase, rp: ResolvedPart) -> list[Problem]:
    out: list[Problem] = []
    for u in rp.uses:
        texts: list[tuple[Loc, str]] = []
        if u.use.reasons:
            texts.append(((*u.loc, "reasons"), u.use.reasons))
        for k, h in enumerate(u.use.harm):
            if isinstance(h, Wording):
                texts.append(((*u.loc, "harm", k), h.text))
        for where, text in texts:
            m = _CONFIRMS_HELD.search(text)
            if m:
                out.append(loaded.problem(where, f"'{m.group(0)}' tells the requester the "
                                          "information exists, in a neither-confirm-nor-deny "
                                          "answer", "reword it so it holds whether or not the "
                                          "information exists"))
    return out


def _check_use(loaded: LoadedCase, lib: Library, u: ResolvedUse, part: Part,
               stage: Stage) -> list[Problem]:
    err = loaded.problem
    p, use, loc = u.provision, u.use, u.loc
    out: list[Problem] = []
    if p.kind == "procedural":
        out.append(err((*loc, "cite"), f"{p.cite} refuses the whole request",
                       "use 'cost_limit:' (s12) or 'vexatious:' (s14) at the top level"))
        return out
    if p.prejudice_based and use.likelihood is None:
        out.append(err((*loc, "likelihood"), f"{p.cite} is prejudice-based: say how likely the "
                       "harm is", "add 'likelihood: would' (more probable than not) or "
                       "'likelihood: would_be_likely' (a real and significant risk)"))
    if not p.prejudice_based and use.likelihood is not None:
        out.append(err((*loc, "likelihood"), f"{p.cite} is not a prejudice-based exemption; "
                       "a likelihood means nothing here", "remove 'likelihood:'",
                       level="warning"))
    pi = use.public_interest
    if p.qualified:
        if stage == "holding":
            if pi is not None:
                out.append(err((*loc, "public_interest"), "a holding notice (s17(2)) says the "
                               "public interest is not yet decided, so it cannot give the "
                               "balance", "remove 'public_interest:', or add "
                               "'holding_notice_sent:' to pit_extension to draft the final "
                               "notice"))
        elif pi is None and use.s17_4 is None:
            out.append(err((*loc, "public_interest"), f"{p.cite} is a qualified exemption: the "
                           "notice must give the public interest reasons (s17(3))",
                           "add public_interest: with for_disclosure, against_disclosure and "
                           "conclusion (or s17_4: if explaining would reveal exempt "
                           "information)"))
    elif pi is not None and not p.public_interest_defence:
        out.append(err((*loc, "public_interest"), f"{p.cite} is an absolute exemption: there "
                       "is no public interest test", "remove 'public_interest:'"))
    out.extend(_check_requirements(loaded, u))
    out.extend(_check_refs(loaded, lib, u, stage))
    return out


def _check_requirements(loaded: LoadedCase, u: ResolvedUse) -> list[Problem]:
    err = loaded.problem
    p, use, loc = u.provision, u.use, u.loc
    out: list[Problem] = []
    if "qualified_person" in p.requires and use.qualified_person is None:
        out.append(err((*loc, "qualified_person"), "section 36 is engaged only by the "
                       "reasonable opinion of the qualified person (s36(2), s36(5))",
                       "add qualified_person: {name:, title:, date:}"))
    if use.qualified_person and use.qualified_person.date > (loaded.case.sent or dt.date.max):
        out.append(err((*loc, "qualified_person", "date"), "the qualified person's opinion "
                       "must be given before the refusal", "check the date"))
    if "where" in p.requires and not use.where:
        out.append(err((*loc, "where"), "section 21: tell the requester where the information "
                       "is reasonably accessible", "add 'where:' with a link or directions"))
    if "enactment" in p.requires and not use.enactment:
        out.append(err((*loc, "enactment"), f"{p.cite}: name the enactment (Act and section) "
                       "that prohibits disclosure", "add 'enactment:'"))
    if "publication" in p.requires:
        if use.publication is None:
            out.append(err((*loc, "publication"), "section 22: say when and how the "
                           "information will be published", "add publication: "
                           "{intended_before_request: true, expected: ..., how: ...}"))
        elif not use.publication.intended_before_request:
            out.append(err((*loc, "publication", "intended_before_request"), "section 22 "
                           "applies only where publication was intended when the request was "
                           "made", "rely on another exemption, or correct the fact"))
    if "research" in p.requires and not use.research:
        out.append(err((*loc, "research"), "section 22A: describe the continuing research "
                       "programme", "add 'research:'"))
    if "purpose" in p.requires:
        purposes = {normalise(k): k for k in p.purposes}
        if not use.purpose:
            out.append(err((*loc, "purpose"), f"{p.cite} must be tied to a purpose in s31(2)",
                           f"add 'purpose:' with one of {', '.join(sorted(p.purposes))}"))
        elif normalise(use.purpose) not in purposes:
            out.append(err((*loc, "purpose"), f"'{use.purpose}' is not a purpose in s31(2)",
                           f"use one of {', '.join(sorted(p.purposes))}"))
    return out


def _check_refs(loaded: LoadedCase, lib: Library, u: ResolvedUse,
                stage: Stage) -> list[Problem]:
    err = loaded.problem
    out: list[Problem] = []
    tags = lib.tags_of(u.provision)

    def check(ref: ClauseRef, where: Loc, table: str) -> None:
        if isinstance(ref, Wording):
            return
        entries = lib.entries_for(table)
        if ref not in entries:
            close = difflib.get_close_matches(ref, list(entries), n=1, cutoff=0.6)
            out.append(err(where, f"unknown {table[:-1]} id '{ref}'",
                           f"did you mean '{close[0]}'?" if close else
                           f"run 'drafter clauses list --kind {table[:-1]}'"))
            return
        entry = entries[ref]
        if not set(entry.tags) & tags:
            out.append(err(where, f"'{ref}' is not written for {u.provision.cite} (tags: "
                           f"{', '.join(entry.tags)})", "check it fits, or give your own "
                           "wording with {text: ...}", level="warning"))

    for k, h in enumerate(u.use.harm):
        check(h, (*u.loc, "harm", k), "harms")
    pi = u.use.public_interest
    if pi is not None:
        for side in ("for_disclosure", "against_disclosure"):
            for k, ref in enumerate(getattr(pi, side)):
                where: Loc = (*u.loc, "public_interest", side, k)
                check(ref, where, "factors")
                if isinstance(ref, str) and ref in lib.factors and lib.factors[ref].side != side:
                    out.append(err(where, f"factor '{ref}' argues "
                                   f"{lib.factors[ref].side.replace('_', ' ')}, not "
                                   f"{side.replace('_', ' ')}", "move it to the other list"))
        where = (*u.loc, "public_interest", "conclusion")
        check(pi.conclusion, where, "conclusions")
        ref = pi.conclusion
        if isinstance(ref, str) and ref in lib.conclusions:
            use = lib.conclusions[ref].use
            if (u.provision.kind == "ncnd") != (use == "ncnd"):
                out.append(err(where, f"conclusion '{ref}' is written for "
                               f"{'an NCND answer' if use == 'ncnd' else 'withholding'}",
                               "pick a conclusion that matches the outcome"))
    if not u.use.harm and not u.use.reasons and u.use.s17_4 is None and \
            u.provision.section != "21":
        out.append(err(u.loc, f"{u.provision.cite}: say why it applies (s17(1)(c))",
                       "add 'harm:' ids or 'reasons:' (or 's17_4:' if saying why would "
                       "reveal exempt information)"))
    return out


def _check_whole(loaded: LoadedCase, lib: Library, parts: list[ResolvedPart], stage: Stage,
                 due: dt.date) -> list[Problem]:
    err = loaded.problem
    case = loaded.case
    out: list[Problem] = []
    cl = case.cost_limit
    if cl is not None:
        limit = loaded.authority.cost_limit
        rate = lib.reference.hourly_rate if lib.reference else 25
        total = sum(a.hours for a in cl.activities)
        if total * rate <= limit:
            out.append(err(("cost_limit", "activities"), f"the estimate is {total:g} hours "
                           f"(£{total * rate:,.0f}), within the £{limit} limit: section 12 does "
                           "not apply", "answer the request, or check the estimate"))
        if not cl.advice and not cl.no_advice_reason:
            out.append(err(("cost_limit",), "section 16: a cost-limit refusal must advise how "
                           "the request could be narrowed, or say why nothing can be provided",
                           "add 'advice:' (or 'no_advice_reason:')"))
    vx = case.vexatious
    if vx is not None and vx.cite == "s14(2)" and not vx.previous_request:
        out.append(err(("vexatious", "previous_request"), "section 14(2): identify the earlier "
                       "identical or substantially similar request", "add 'previous_request:'"))
    pit = case.pit_extension
    if pit is not None:
        qualified = [u for rp in parts for u in rp.uses if u.provision.qualified]
        if not qualified:
            out.append(err(("pit_extension",), "a public interest extension (s10(3)) is only "
                           "for qualified exemptions", "remove 'pit_extension:'"))
        if pit.decision_by <= due and stage == "holding":
            out.append(err(("pit_extension", "decision_by"), "the estimated date must be after "
                           "the normal deadline", "give a later date, or decide now"))
        from drafter.law.deadlines import add_working_days, calendar_for

        ceiling = add_working_days(due, 20, calendar_for(case.regime))
        if pit.decision_by > ceiling:
            out.append(err(("pit_extension", "decision_by"), "the ICO expects an extension of no "
                           f"more than 20 further working days ({ceiling:%d %B %Y})",
                           "justify the longer time in the letter, or bring the date forward",
                           level="warning"))
    return out
