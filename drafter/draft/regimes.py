"""What a letter says differently under FOIA, the EIR and FOISA.

The template set (``partials/`` for FOIA, ``partials/eir/`` and ``partials/foisa/``), the
regulator and how to reach it, the statutory review and its time limits, the cost figures,
and the letter's title. Legal facts come from :mod:`drafter.law.regimes`; contact details
from the library's ``reference`` block. Each regime's letter uses its own law only: no FOIA
section or ICO wording in a FOISA letter, no FOIA s17 wording in an EIR letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.library.load import Library

if TYPE_CHECKING:
    from drafter.draft.casefile import LoadedCase
    from drafter.draft.validate import ValidatedCase

# The Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004:
# reg 5 prescribes £600; reg 3 costs staff time at no more than £15 an hour (40 hours).
FOISA_COST_LIMIT = 600
FOISA_HOURLY_RATE = 15

TITLES = {"foia": "Freedom of Information request",
          "eir": "Request for environmental information",
          "foisa": "Freedom of Information (Scotland) request"}


def cost_figures(regime: str, authority_limit: int, lib: Library) -> tuple[int, int]:
    """The cost limit and hourly rate for ``regime``.

    FOIA: the authority's appropriate limit (£450 or £600) at £25 an hour. The EIR have no
    limit: the ICO uses the same figures as a starting point for reg 12(4)(b). FOISA: £600 at
    no more than £15 an hour, whatever the authority.
    """
    if regime == "foisa":
        return FOISA_COST_LIMIT, FOISA_HOURLY_RATE
    return authority_limit, lib.reference.hourly_rate if lib.reference else 25


def regime_context(loaded: LoadedCase, lib: Library, validated: ValidatedCase,
                   context: dict[str, Any]) -> dict[str, Any]:
    """The context keys that depend on the regime (``templates/README.md``)."""
    from drafter.law.calendar import calendar_for
    from drafter.law.deadlines import review_request_by
    from drafter.law.regimes import parse_regime

    case = loaded.case
    regime = str(case.regime)
    law = parse_regime(regime).law
    ref = lib.reference
    assert ref is not None
    out: dict[str, Any] = {
        "partials": "partials/" if regime == "foia" else f"partials/{regime}/",
        "law": {"short": law.short, "title": law.title, "regulator": law.regulator.name},
        "title": TITLES[regime] + (f": {case.subject}" if case.subject else ""),
    }
    if regime == "foia":
        return out
    review = loaded.authority.internal_review
    # The review is statutory: the requester's time is the law's (reg 11(2), s20(5)), and the
    # authority's is the law's maximum (reg 11(4), s21(1)) unless it promises less.
    within = law.review.request_within
    respond = min(review.respond_within_working_days, law.review.respond_within)
    out["authority"] = {**context["authority"], "review": {
        **context["authority"]["review"], "within": within, "respond_within": respond,
        "respond_max": law.review.respond_within}}
    out["review_by"] = review_request_by(validated.sent, within, calendar_for(regime),
                                        regime=regime)
    if regime == "foisa":
        out["sic"] = {"name": ref.sic_name or "Scottish Information Commissioner",
                      "address": list(ref.sic_address), "website": ref.sic_website or
                      law.regulator.website}
    not_held = context["numbers"].get("not_held", [])
    if regime == "eir":
        # reg 12(4)(a): "not held" is an exception, so the reply is a reg 14 refusal; reg
        # 6(1)(b) (already accessible) is not an exception and refuses nothing.
        numbers = context["numbers"]
        out["is_refusal"] = bool(not_held or numbers.get("refused") or numbers.get("ncnd")
                                 or numbers.get("part_disclosed") or case.cost_limit
                                 or case.vexatious)
        ext = case.extension
        out["reg7"] = ({"notified": ext.notified, "reasons": ext.reasons,
                        "due": validated.due} if ext else None)
        p = lib.provisions.get("eir-12-4-a")
        out["not_held_cite"] = "regulation 12(4)(a)" if p else None
    else:
        out["is_refusal"] = context["is_refusal"] or bool(not_held)
    return out


def whole_pi(loaded: LoadedCase, lib: Library, env: Any, which: str, slots: Any,
             ctx: dict[str, Any]) -> dict[str, Any] | None:
    """The public interest test of an EIR reg 12(4)(b) refusal of the whole request."""
    from drafter.draft.assemble import _text

    whole = getattr(loaded.case, which)
    pi = getattr(whole, "public_interest", None) if whole is not None else None
    if pi is None:
        return None
    loc = (which, "public_interest")
    return {
        "for": [_text(loaded, lib, env, r, "factors", ctx, slots, (*loc, "for_disclosure", i))
                for i, r in enumerate(pi.for_disclosure)],
        "against": [_text(loaded, lib, env, r, "factors", ctx, slots,
                          (*loc, "against_disclosure", i))
                    for i, r in enumerate(pi.against_disclosure)],
        "conclusion": _text(loaded, lib, env, pi.conclusion, "conclusions", ctx, slots,
                            (*loc, "conclusion")),
    }
