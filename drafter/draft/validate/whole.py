"""Rules for refusing the whole request (s12, s14) and for the s10(3) extension."""

from __future__ import annotations

import datetime as dt

from drafter.draft.casefile import LoadedCase
from drafter.draft.validate.results import ResolvedPart, Stage
from drafter.errors import Problem
from drafter.library.load import Library


def check_whole(loaded: LoadedCase, lib: Library, parts: list[ResolvedPart], stage: Stage,
                due: dt.date) -> list[Problem]:
    """Check the rules for the whole request: s12, s14 and the s10(3) extension."""
    err = loaded.problem
    case = loaded.case
    out: list[Problem] = []
    cl = case.cost_limit
    if cl is not None:
        from drafter.draft.regimes import cost_figures

        limit, rate = cost_figures(str(case.regime), loaded.authority.cost_limit, lib)
        total = sum(a.hours for a in cl.activities)
        if total * rate <= limit and case.regime == "eir":
            # No cost limit in the EIR; the ICO uses the FOIA figures as a starting point only.
            out.append(err(("cost_limit", "activities"), f"the estimate is {total:g} hours "
                           f"(£{total * rate:,.0f}), within the £{limit} the ICO uses as a "
                           "starting point: a burden this size is rarely manifestly "
                           "unreasonable (ICO reg 12(4)(b) guidance)", "explain in 'reasons:' "
                           "why the burden is disproportionate, or answer the request",
                           level="warning"))
        elif total * rate <= limit:
            out.append(err(("cost_limit", "activities"), f"the estimate is {total:g} hours "
                           f"(£{total * rate:,.0f}), within the £{limit} limit: section 12 does "
                           "not apply", "answer the request, or check the estimate"))
        if not cl.advice and not cl.no_advice_reason:
            duty = {"eir": "reg 9", "foisa": "FOISA s15"}.get(str(case.regime), "section 16")
            out.append(err(("cost_limit",), f"{duty}: a cost-limit refusal must advise how "
                           "the request could be narrowed, or say why nothing can be provided",
                           "add 'advice:' (or 'no_advice_reason:')"))
    vx = case.vexatious
    if vx is not None and vx.cite == "s14(2)" and not vx.previous_request:  # FOIA and FOISA
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
        from drafter.law.calendar import calendar_for
        from drafter.law.workdays import add_working_days

        ceiling = add_working_days(due, 20, calendar_for(case.regime))
        if pit.decision_by > ceiling:
            out.append(err(("pit_extension", "decision_by"), "the ICO expects an extension of no "
                           f"more than 20 further working days ({ceiling:%d %B %Y})",
                           "justify the longer time in the letter, or bring the date forward",
                           level="warning"))
    return out
