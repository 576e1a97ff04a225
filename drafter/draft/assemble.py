"""Turn a validated case into a letter: the document tree both renderers walk.

``build_context`` gathers everything the letter template needs (grouping parts that share one
decision, rendering clause texts from the library); ``assemble_notice`` renders the template
and parses the result. Pure: no files, no clock (today's date is a parameter).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from drafter.document import Notice
from drafter.draft.casefile import LoadedCase
from drafter.draft.markup import MarkupError, parse, template_problem
from drafter.draft.model import ClauseRef, Wording
from drafter.draft.regimes import cost_figures, regime_context, whole_pi
from drafter.draft.validate import ResolvedPart, ResolvedUse, ValidatedCase, validate_case
from drafter.draft.validate.timing import delays
from drafter.draft.wording import (
    commercial,
    count_references,
    join_and,
    limb_prose,
    mark_alternatives,
    name_in_text,
    needs_full_stop,
    paragraphs,
    salutation_name,
    subject_access,
)
from drafter.errors import LegalValidationError, Problem, TemplateError
from drafter.law.citations import prose
from drafter.library.budget import OverBudgetError, budget
from drafter.library.context import LIKELIHOOD, ClauseAuthority, ClauseContext, cite_prose
from drafter.library.load import Library
from drafter.library.model import Provision, RegulatorName
from drafter.library.templating import Slots, render_clause, render_template, ucfirst, uk_date

LETTER_TEMPLATE = "letter.j2"
_INFO_VAR = re.compile(r"{{-?\s*information\b")
HELD_OUTCOMES = ("refused", "part_disclosed", "accessible")
OUTCOME_HEADINGS = {
    "disclosed": "information provided",
    "part_disclosed": "information provided in part",
    "refused": "information withheld",
    "ncnd": "neither confirmed nor denied",
    "not_held": "information not held",
    "accessible": "information already accessible to you",
}


@dataclass
class Drafted:
    """A drafted letter and what was found on the way."""

    notice: Notice
    validated: ValidatedCase
    warnings: list[Problem] = field(default_factory=list)


def draft(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment, *,
          today: dt.date, for_publication: bool = False, strict: bool = False) -> Drafted:
    """Validate ``loaded`` and assemble its letter.

    Raises:
        LegalValidationError: the case fails the law (or, with ``strict``, has warnings).
    """
    validated = validate_case(loaded, lib, today=today)
    blocking = validated.errors + (validated.warnings if strict else [])
    if blocking:
        raise LegalValidationError(blocking, file=str(loaded.path))
    notice = assemble_notice(loaded, lib, env, validated, for_publication=for_publication)
    return Drafted(notice, validated, validated.warnings)


def assemble_notice(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment,
                    validated: ValidatedCase, *, for_publication: bool = False) -> Notice:
    """Render the letter template for a validated case and parse it into a Notice."""
    slots = Slots()
    try:
        # One budget for the whole letter: every clause text and the letter template share it
        # (starting a budget sets a timer; the letter has dozens of clause texts).
        with budget():
            context = build_context(loaded, lib, env, validated, slots,
                                    for_publication=for_publication)
            text = render_template(env, LETTER_TEMPLATE, context, slots)
    except OverBudgetError as exc:  # the clock ran out between two templates
        raise TemplateError([Problem(f"stopped: {exc}", file=LETTER_TEMPLATE,
                                     fix="bound the loops and sizes in the templates and "
                                         "clause texts")]) from None
    try:
        blocks = parse(text, slots)
    except MarkupError as exc:
        folders = [Path(p) for loader in getattr(env.loader, "loaders", [env.loader])
                   for p in getattr(loader, "searchpath", [])]
        raise TemplateError([template_problem(exc, folders)]) from None
    case = loaded.case
    title = context["title"]
    meta = {"reference": case.reference, "date": uk_date(validated.sent), "title": title,
            "author": loaded.authority.name, "regime": case.regime, "stage": validated.stage}
    return Notice(tuple(blocks), title=title, meta=meta)


def build_context(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment,
                  validated: ValidatedCase, slots: Slots, *,
                  for_publication: bool) -> dict[str, Any]:
    """Everything the letter template may use (documented in ``templates/README.md``)."""
    from drafter.law.calendar import calendar_for
    from drafter.law.deadlines import review_request_by

    case, authority = loaded.case, loaded.authority
    ref = lib.reference
    assert ref is not None  # validated when the library loads
    cal = calendar_for(case.regime)
    review = authority.internal_review
    requester = case.requester
    name = None if for_publication else requester.name
    limit, rate = cost_figures(str(case.regime), authority.cost_limit, lib)
    base = ClauseAuthority(name_in_text(authority.name, authority.name_in_text), limit, rate)
    groups = _groups(loaded, lib, env, validated.parts, slots, base)
    order = [str(rp.part.number) for rp in validated.parts]
    by_outcome = {n: g["outcome"] for g in groups for n in g["numbers"]}
    outcomes = {g["outcome"] for g in groups}
    refusal = bool(outcomes & {"refused", "part_disclosed", "ncnd", "accessible"}) or \
        case.cost_limit is not None or case.vexatious is not None
    context = {
        "reference": case.reference,
        "regime": case.regime,
        "sent": validated.sent,
        "received": case.received,
        "clarified": case.clarified,
        "due": validated.due,
        "late": validated.late,
        "late_apology": case.late_apology,
        "stage": validated.stage,
        "for_publication": for_publication,
        "is_refusal": refusal,
        "requester": {
            "name": name,
            "email": None if for_publication else requester.email,
            "address": [] if for_publication else list(requester.address),
            "salutation": f"Dear {salutation_name(name, requester.salutation)},"
                          if name else "Dear Requester,",
        },
        "authority": {
            "name": authority.name,
            "address": list(authority.address),
            "email": authority.email,
            "phone": authority.phone,
            "website": authority.website,
            "signatory": {"name": authority.signatory.name,
                          "title": authority.signatory.title},
            "review": {"provided": review.provided, "contact": review.contact,
                       "within": review.request_within_working_days,
                       "respond_within": review.respond_within_working_days},
            "cost_limit": authority.cost_limit,
        },
        "review_by": review_request_by(validated.sent, review.request_within_working_days, cal),
        "regulator": _regulator(ref.regulator_on(validated.sent)),
        "ico": {"name": ref.ico_name, "address": list(ref.ico_address),
                "helpline": ref.ico_helpline, "url": ref.ico_complaint_url,
                "website": ref.ico_website, "complain_within": ref.complain_within},
        "preamble": case.preamble,
        "parts": [{"number": str(rp.part.number), "request": rp.part.request}
                  for rp in validated.parts],
        "groups": groups,
        "numbers": {o: [n for n in order if by_outcome.get(n) == o] for o in OUTCOME_HEADINGS},
        "held_numbers": [n for n in order if by_outcome.get(n) in HELD_OUTCOMES],
        "exemption_cites": _unique(ex["cite"] for g in groups for ex in g["exemptions"]),
        "qualified_cites": _unique(ex["cite"] for g in groups for ex in g["exemptions"]
                                   if ex["qualified"]),
        "multi_part": len(validated.parts) > 1,
        "cost": _cost(loaded, lib, env, slots, base),
        "vexatious": _vexatious(loaded, lib, env, slots, base),
        "subject_access": subject_access(loaded.case.subject_access),
        "delays": delays(case, validated.due, validated.sent),
        "pit": ({"decision_by": case.pit_extension.decision_by,
                 "holding_sent": case.pit_extension.holding_notice_sent}
                if case.pit_extension else None),
    }
    context.update(regime_context(loaded, lib, validated, context))
    return context


def _groups(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment,
            parts: Sequence[ResolvedPart], slots: Slots, base: ClauseAuthority
            ) -> list[dict[str, Any]]:
    """Group parts whose decision is identical, in the order they first appear."""
    keyed: dict[str, list[ResolvedPart]] = {}
    for rp in parts:
        p = rp.part
        key = p.model_dump_json(include={"outcome", "disclosed", "not_held", "exemptions"})
        keyed.setdefault(key, []).append(rp)
    groups = []
    seen: Seen = {}
    for members in keyed.values():
        first = members[0]
        numbers = [str(m.part.number) for m in members]
        outcome = first.part.outcome
        if outcome is None:
            continue
        label = ("Part " if len(numbers) == 1 else "Parts ") + join_and(numbers)
        exemptions = [_exemption(loaded, lib, env, u, slots, base, seen,
                                 f"{cite_prose(u.provision)} for {label.lower()}"
                                 if len(parts) > 1 else cite_prose(u.provision))
                      for u in first.uses]
        mark_alternatives(exemptions, [u.use.alternative for u in first.uses])
        groups.append({
            "numbers": numbers,
            "label": label,
            "outcome": outcome,
            "heading": f"{label}: {OUTCOME_HEADINGS[outcome]}",
            "disclosed": first.part.disclosed,
            "not_held": first.part.not_held,
            "exemptions": exemptions,
        })
    return groups


def _regulator(r: RegulatorName) -> dict[str, str | None]:
    return {"name": r.name, "short": r.short, "office": r.office, "postal_name": r.postal_name}


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _clause_context(p: Provision, u: ResolvedUse | None, base: ClauseAuthority
                    ) -> dict[str, Any]:
    return ClauseContext.for_provision(p, base, likelihood=u.use.likelihood if u else None,
                                       information=u.use.information if u else None).as_dict()


def _where(loaded: LoadedCase, kind: str, entry_id: str, loc: tuple[Any, ...]) -> Problem:
    o = loaded.problem(loc, "")
    return Problem("", file=o.file, line=o.line, key=f"{o.key} ({kind} '{entry_id}')")


Seen = dict[str, str]
"""Clause texts already printed in this letter, mapped to where they were set out."""


def _text(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment, ref: ClauseRef,
          table: str, ctx: dict[str, Any], slots: Slots, loc: tuple[Any, ...],
          seen: Seen | None = None, place: str = "") -> Markup | str:
    """Return a clause's text, or a reference back to where this letter already set it out.

    The same paragraph pasted twice is a defect the ICO criticises.
    """
    if isinstance(ref, Wording):
        return ref.text  # the officer's own words: data, printed exactly
    entry = lib.entries_for(table)[ref]
    text = render_clause(env, entry.text, ctx, slots,
                         where=lambda: _where(loaded, table[:-1], ref, loc))
    if seen is None:
        return text
    key = slots.expand(str(text))
    earlier = seen.setdefault(key, place)
    if earlier == place:
        return text
    if table == "conclusions":
        return f"for the reasons given above under {earlier}, the same conclusion applies."
    return f"{entry.title}: as explained above under {earlier}."


def _exemption(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment,
               u: ResolvedUse, slots: Slots, base: ClauseAuthority,
               seen: Seen | None = None, place: str = "") -> dict[str, Any]:
    p, use = u.provision, u.use
    ctx = _clause_context(p, u, base)
    statement: Markup | str = render_clause(env, p.statement, ctx, slots,
                                            where=lambda: _where(loaded, "provision", p.id, u.loc))
    if seen is not None:
        earlier = seen.setdefault(slots.expand(str(statement)), place)
        if earlier != place:
            statement = f"{ucfirst(cite_prose(p))} applies here for the reasons explained " \
                        f"above under {earlier}."
    pi = None
    if use.public_interest is not None:
        pi_ = use.public_interest
        pi = {
            "for": [_text(loaded, lib, env, r, "factors", ctx, slots,
                          (*u.loc, "public_interest", "for_disclosure", i), seen, place)
                    for i, r in enumerate(pi_.for_disclosure)],
            "against": [_text(loaded, lib, env, r, "factors", ctx, slots,
                              (*u.loc, "public_interest", "against_disclosure", i), seen, place)
                        for i, r in enumerate(pi_.against_disclosure)],
            "conclusion": _text(loaded, lib, env, pi_.conclusion, "conclusions", ctx, slots,
                                (*u.loc, "public_interest", "conclusion"), seen, place),
        }
    purpose = None
    if use.purpose:
        from drafter.law.citations import normalise

        wanted = normalise(use.purpose)
        purpose = next((f"{prose(k)} ({v})" for k, v in p.purposes.items()
                        if normalise(k) == wanted), use.purpose)
    qp = use.qualified_person
    interest = join_and([limb_prose(lib, p, cite) for cite in use.interest]) \
        if use.interest else None
    return {
        "id": p.id,
        "cite": cite_prose(p),
        "cite_short": prose(p.cite),
        "heading": f"{cite_prose(p)[0].upper()}{cite_prose(p)[1:]}: {p.title}",
        "title": p.title,
        "absolute": p.absolute,
        "qualified": p.qualified,
        "pi_defence": p.public_interest_defence,
        "pi_alternative": p.contested_public_interest,
        "alternative_to": None,
        **commercial(use.commercial_party, use.consulted),
        "ncnd": p.kind == "ncnd",
        "test": p.test,
        "prejudice_based": p.prejudice_based,
        "likelihood": LIKELIHOOD[use.likelihood] if use.likelihood else None,
        "statement": statement,
        "harms": [_text(loaded, lib, env, h, "harms", ctx, slots, (*u.loc, "harm", i), seen,
                        place)
                  for i, h in enumerate(use.harm)],
        "reasons": paragraphs(use.reasons),
        # Said once: a statement that names the information already says what is covered.
        "information": None if _INFO_VAR.search(p.statement) else use.information,
        "s17_4": use.s17_4,
        "where": use.where,
        # A sentence ends with a full stop, even when the officer's text does not.
        "where_needs_stop": needs_full_stop(use.where),
        "enactment": use.enactment,
        "purpose": purpose,
        "research": use.research,
        "publication": use.publication.model_dump() if use.publication else None,
        "qualified_person": ({"name": qp.name, "title": qp.title, "date": qp.date}
                             if qp else None),
        "pi": pi,
        "interest": interest,
        "interest_count": len(use.interest),
    }


def _cost(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment, slots: Slots,
          base: ClauseAuthority) -> dict[str, Any] | None:
    cl = loaded.case.cost_limit
    if cl is None:
        return None
    limit, rate = cost_figures(str(loaded.case.regime), loaded.authority.cost_limit, lib)
    p = lib.by_cite(cl.cite, str(loaded.case.regime))[0]
    total = sum(a.hours for a in cl.activities)
    ctx = _clause_context(p, None, base)
    return {
        "cite": cite_prose(p),
        "statement": render_clause(env, p.statement, ctx, slots, where=lambda: _where(
            loaded, "provision", p.id, ("cost_limit",))),
        "ncnd": cl.cite == "s12(2)",
        "limit": limit,
        "limit_hours": limit // rate,
        "reasons": paragraphs(cl.reasons),
        "pi": whole_pi(loaded, lib, env, "cost_limit", slots, ctx),
        "rate": rate,
        "activities": [{"description": a.description, "hours": a.hours,
                        "cost": a.hours * rate} for a in cl.activities],
        "total_hours": total,
        "total_cost": total * rate,
        "advice": paragraphs(cl.advice),
        "no_advice_reason": cl.no_advice_reason,
        "aggregated": cl.aggregated,
    }


def _vexatious(loaded: LoadedCase, lib: Library, env: ImmutableSandboxedEnvironment,
               slots: Slots, base: ClauseAuthority) -> dict[str, Any] | None:
    vx = loaded.case.vexatious
    if vx is None:
        return None
    p = lib.by_cite(vx.cite, str(loaded.case.regime))[0]
    ctx = _clause_context(p, None, base)
    return {
        "cite": cite_prose(p),
        "repeated": vx.cite == "s14(2)",
        "pi": whole_pi(loaded, lib, env, "vexatious", slots, ctx),
        "statement": render_clause(env, p.statement, ctx, slots,
                                   where=lambda: _where(loaded, "provision", p.id, ("vexatious",))),
        "reasons": paragraphs(vx.reasons),
        "previous_request": vx.previous_request,
        "previous_count": count_references(vx.previous_request),
        "advice": paragraphs(vx.advice),
    }


