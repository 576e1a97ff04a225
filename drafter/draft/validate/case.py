"""validate_case: resolve a case's citations, check its dates, then run every rule."""

from __future__ import annotations

import datetime as dt

from drafter.draft.casefile import LoadedCase
from drafter.draft.environment import environment_warnings
from drafter.draft.validate.law_rules import check_law
from drafter.draft.validate.parts import check_part
from drafter.draft.validate.regime_rules import check_regime
from drafter.draft.validate.resolve import resolve_use
from drafter.draft.validate.results import ResolvedPart, ResolvedUse, ValidatedCase, stage_of
from drafter.draft.validate.rule_context import RuleContext
from drafter.draft.validate.whole import check_whole
from drafter.errors import Problem
from drafter.infra.yamlio import Loc
from drafter.library.load import Library


def validate_case(loaded: LoadedCase, lib: Library, *, today: dt.date) -> ValidatedCase:
    """Resolve and validate a loaded case. Never raises for legal problems: it collects them."""
    from drafter.law.deadlines import compute_deadline

    case = loaded.case
    problems = list(loaded.warnings)
    err = loaded.problem
    stage = stage_of(loaded)
    sent = case.sent or today
    start = case.clarified or case.received
    regime = str(case.regime)
    # EIR reg 7(1): a valid extension (checked in regime_rules) moves the date to the 40th
    # working day.
    reg7 = regime == "eir" and case.extension is not None
    deadline = compute_deadline(start, regime=regime, extension=20 if reg7 else None)
    due = (deadline.extended_due or deadline.due) if reg7 else deadline.due
    late = sent > due and stage != "final_after_extension"
    basis = {"eir": "reg 5(2)" + (" and reg 7(1)" if reg7 else ""),
             "foisa": "FOISA s10(1)"}.get(regime, "s10(1)")
    days = 40 if reg7 else 20
    if case.sent and case.sent < case.received:
        problems.append(err(("sent",), "the letter is dated before the request was received",
                            "check 'sent' and 'received'"))
    if case.clarified and case.clarified < case.received:
        problems.append(err(("clarified",), "clarification is dated before the request",
                            "check 'clarified' and 'received'"))
    if late:
        problems.append(err(("sent",), f"the letter is dated {sent:%d %B %Y}, after the "
                            f"deadline of {due:%d %B %Y} ({days} working days, {basis}); the "
                            "letter will apologise for the delay", level="warning"))

    parts: list[ResolvedPart] = []
    for i, part in enumerate(case.parts):
        uses: list[ResolvedUse] = []
        for j, use in enumerate(part.exemptions):
            loc: Loc = ("parts", i, "exemptions", j)
            provision, message, fix = resolve_use(use, lib, regime)
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
        problems.extend(check_part(loaded, lib, rp, whole, stage))
    problems.extend(check_whole(loaded, lib, parts, stage, due))
    problems.extend(check_regime(loaded, lib, parts))
    problems.extend(environment_warnings(loaded))
    problems.extend(check_law(RuleContext(loaded, lib, parts, stage, sent, due)))
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


