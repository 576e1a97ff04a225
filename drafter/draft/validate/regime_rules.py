"""Rules that differ between FOIA, the EIR and FOISA.

Each rule cites its source: the Environmental Information Regulations 2004 (reg 5, 7, 9, 11,
12, 13, 14), the Freedom of Information (Scotland) Act 2002 (ss10, 12, 14-18, 20, 21) and the
guidance of the ICO and the Scottish Information Commissioner. The environmental-information
warning for FOIA and FOISA cases is in :mod:`drafter.draft.environment`.
"""

from __future__ import annotations

import re

from drafter.draft.casefile import LoadedCase
from drafter.draft.validate.results import ResolvedPart
from drafter.errors import Problem
from drafter.infra.lazyre import LazyPattern
from drafter.infra.yamlio import Loc
from drafter.law.counterparts import counterpart
from drafter.law.provisions import under
from drafter.law.regimes import REGIMES
from drafter.library.load import Library

# reg 12(9): information on emissions cannot be withheld under reg 12(5)(d) to (g).
EMISSIONS_BARRED = ("reg12(5)(d)", "reg12(5)(e)", "reg12(5)(f)", "reg12(5)(g)")
_EMISSION_WORDS = LazyPattern(
    r"\bemission|\bemitt|\bdischarg|\bstack (?:test|monitoring)|\bflue gas|\bexhaust gas"
    r"|\b(?:release|releases|released) (?:in)?to (?:the )?(?:air|atmosphere|water|river|sea|land)"
    r"|\bair quality monitoring|\bpollutant",
    re.IGNORECASE,
)
_WHOLE_CITES = {"foia": ("s12(1)", "s12(2)", "s14(1)", "s14(2)"),
                "foisa": ("s12(1)", "s14(1)", "s14(2)"),
                "eir": ("reg12(4)(b)",)}


def check_regime(loaded: LoadedCase, lib: Library, parts: list[ResolvedPart]) -> list[Problem]:
    """Every regime-specific rule for ``loaded``'s case."""
    case = loaded.case
    regime = str(case.regime)
    err = loaded.problem
    out: list[Problem] = []
    if case.pit_extension is not None and regime != "foia":
        out.append(err(("pit_extension",), f"{regime.upper()} has no extension of time to "
                       "consider the public interest (FOIA s10(3) only)" + (
                           "; the EIR allow more time only for complex and voluminous "
                           "information (reg 7(1))" if regime == "eir" else
                           "; FOISA s10(1) allows 20 working days, with no extension"),
                       "decide the public interest within the time, and remove "
                       "'pit_extension:'" + (" (use 'extension:' for reg 7)"
                                             if regime == "eir" else "")))
    if case.extension is not None:
        if regime != "eir":
            out.append(err(("extension",), "'extension:' is the EIR reg 7(1) extension for "
                           f"complex and voluminous information; {regime.upper()} has none",
                           "remove it" + (", or use 'pit_extension:' for s10(3)"
                                          if regime == "foia" else "")))
        else:
            out.extend(_check_reg7(loaded))
    if regime != "foia" and not loaded.authority.internal_review.provided:
        out.append(err(("authority",), f"the authority profile says it has no review "
                       f"procedure, but {regime.upper()} makes one compulsory ("
                       + ("reg 11" if regime == "eir" else "ss20-21") + ")",
                       "set internal_review.provided: true in the authority profile"))
    for which, whole in (("cost_limit", case.cost_limit), ("vexatious", case.vexatious)):
        if whole is not None and whole.cite not in _WHOLE_CITES[regime]:
            out.append(err((which, "cite"), f"{whole.cite} is not available under "
                           f"{regime.upper()}", "cite one of: " + ", ".join(
                               c for c in _WHOLE_CITES[regime]
                               if (which == "cost_limit") == c.startswith(("s12", "reg")))))
    if regime != "foia":
        out.extend(_foreign_wording(loaded, lib, parts, regime))
    if regime == "eir":
        out.extend(_check_eir_whole(loaded))
        for rp in parts:
            out.extend(_check_eir_part(loaded, rp))
    elif regime == "foisa":
        out.extend(_check_foisa_costs(loaded))
        for rp in parts:
            out.extend(_check_foisa_part(loaded, lib, rp))
    return out


# Fees for Required Disclosure (Scotland) Regulations 2004 reg 3: projected costs are those of
# locating, retrieving and providing the information; the cost of determining whether the
# authority holds it, or whether it should be provided, is excluded (unlike FOIA, where
# determining whether information is held counts).
_FOISA_EXCLUDED = LazyPattern(
    r"\bredact|\bexemptions?\b|\bconsider(?:ing)? whether\b|\bdecid(?:e|ing) whether\b"
    r"|\bwhether (?:we|the \w+) (?:hold|holds|held)\b|\bdetermin(?:e|ing) whether\b"
    r"|\bconsult(?:ing|ation)? (?:with )?third parties\b|\blegal advice\b",
    re.IGNORECASE,
)


def _check_foisa_costs(loaded: LoadedCase) -> list[Problem]:
    cl = loaded.case.cost_limit
    out: list[Problem] = []
    for i, activity in enumerate(cl.activities if cl is not None else ()):
        m = _FOISA_EXCLUDED.search(activity.description)
        if m:
            out.append(loaded.problem(
                ("cost_limit", "activities", i, "description"), f"'{m.group(0)}': under "
                "FOISA only locating, retrieving and providing the information may be costed; "
                "the cost of deciding whether it is held or whether it should be given is "
                "excluded (Fees for Required Disclosure (Scotland) Regulations 2004, reg 3)",
                "take this activity out of the estimate"))
    return out


def _foreign_wording(loaded: LoadedCase, lib: Library, parts: list[ResolvedPart],
                     regime: str) -> list[Problem]:
    """A library entry written for FOIA, printed in an EIR or FOISA letter, is an error.

    General entries (tag ``any``) may name FOIA's sections, "the Act" or the ICO: in a FOISA
    letter that is another Act and another regulator.
    """
    from drafter.library.lint import FOREIGN_WORDING

    pattern = FOREIGN_WORDING[regime]
    out: list[Problem] = []
    for rp in parts:
        for u in rp.uses:
            refs: list[tuple[Loc, object, str]] = [
                ((*u.loc, "harm", k), h, "harms") for k, h in enumerate(u.use.harm)]
            pi = u.use.public_interest
            if pi is not None:
                refs += [((*u.loc, "public_interest", side, k), r, "factors")
                         for side in ("for_disclosure", "against_disclosure")
                         for k, r in enumerate(getattr(pi, side))]
                refs.append(((*u.loc, "public_interest", "conclusion"), pi.conclusion,
                             "conclusions"))
            for where, ref, table in refs:
                entry = lib.entries_for(table).get(ref) if isinstance(ref, str) else None
                m = pattern.search(entry.text) if entry is not None else None
                if m:
                    out.append(loaded.problem(where, f"'{ref}' is written for FOIA: it says "
                                              f"'{m.group(0)}', which is wrong in a "
                                              f"{regime.upper()} letter", "use an entry "
                                              f"written for {regime.upper()} (drafter clauses "
                                              "list --kind ...) or your own {text: ...}"))
    return out


def _check_reg7(loaded: LoadedCase) -> list[Problem]:
    from drafter.law.deadlines import compute_deadline

    case = loaded.case
    assert case.extension is not None
    first = compute_deadline(case.clarified or case.received, regime="eir").due
    if case.extension.notified > first:
        return [loaded.problem(("extension", "notified"), "reg 7(3): the applicant must be "
                               f"told of the extension within 20 working days (by "
                               f"{first:%d %B %Y})", "the extension is not available; reply "
                               "now, and apologise for the delay")]
    return []


def _check_eir_whole(loaded: LoadedCase) -> list[Problem]:
    case, err = loaded.case, loaded.problem
    out: list[Problem] = []
    for which, whole in (("cost_limit", case.cost_limit), ("vexatious", case.vexatious)):
        if whole is not None and whole.public_interest is None:
            out.append(err((which,), "reg 12(4)(b) is subject to the public interest test "
                           "(reg 12(1)(b)) and the presumption in favour of disclosure "
                           "(reg 12(2)); the notice must give the matters considered "
                           "(reg 14(3)(b))", f"add public_interest: under {which}"))
    vx = case.vexatious
    if vx is not None and not vx.reasons:
        out.append(err(("vexatious", "reasons"), "say why the request is manifestly "
                       "unreasonable (reg 14(3))", "add 'reasons:'"))
    return out


def _check_eir_part(loaded: LoadedCase, rp: ResolvedPart) -> list[Problem]:
    err = loaded.problem
    out: list[Problem] = []
    for u in rp.uses:
        p, use = u.provision, u.use
        if p.test == "adverse_effect" and use.likelihood == "would_be_likely":
            out.append(err((*u.loc, "likelihood"), f"{p.cite} applies only where disclosure "
                           "'would' adversely affect the interest, meaning more probable than "
                           "not; the EIR have no 'would be likely to' limb (ICO guidance on "
                           "reg 12(5))", "use 'likelihood: would' if the effect is more "
                           "probable than not; otherwise the exception is not engaged"))
        if use.s17_4 is not None:
            out.append(err((*u.loc, "s17_4"), "the EIR have no equivalent of FOIA s17(4): "
                           "reg 14(3)(b) requires the matters considered in the public "
                           "interest test", "give public_interest: instead of s17_4:"))
        if p.cite in ("reg12(4)(c)", "reg12(4)(d)") and not use.reasons:
            need = ("the advice and assistance given under reg 9 to clarify the request"
                    if p.cite == "reg12(4)(c)" else
                    "who is preparing the material and when it is expected to be finished "
                    "(reg 14(4))")
            out.append(err((*u.loc, "reasons"), f"{p.cite}: the notice must say {need}",
                           "add 'reasons:'"))
        if p.cite in EMISSIONS_BARRED:
            out.extend(_emissions(loaded, rp, u.loc, p.cite))
    return out


def _emissions(loaded: LoadedCase, rp: ResolvedPart, loc: Loc, cite: str) -> list[Problem]:
    part = rp.part
    if part.emissions:
        return [loaded.problem((*loc, "cite"), f"reg 12(9): information on emissions cannot "
                               f"be withheld under {cite} (only reg 12(5)(a) to (c), 12(4) and "
                               "13 remain)", "disclose the emissions information, or rely on "
                               "an exception reg 12(9) allows")]
    texts = [part.request] + [u.use.information or "" for u in rp.uses]
    if part.emissions is None and any(_EMISSION_WORDS.search(t) for t in texts):
        return [loaded.problem((*rp.loc, "emissions"), f"the request mentions emissions: if "
                               f"the information is on emissions, reg 12(9) bars {cite}",
                               "add 'emissions: false' to this part if it is not on "
                               "emissions (or 'emissions: true' and drop the exception)",
                               level="warning")]
    return []


def _check_foisa_part(loaded: LoadedCase, lib: Library, rp: ResolvedPart) -> list[Problem]:
    err = loaded.problem
    out: list[Problem] = []
    s18 = lib.provisions.get("foisa-s18-1")
    if rp.part.outcome != "ncnd" or s18 is None:
        return out
    if not any(u.provision.id == s18.id for u in rp.uses):
        out.append(err((*rp.loc, "exemptions"), "FOISA: a neither confirm nor deny answer is "
                       "given under section 18(1)", "cite s18(1) with the exemption that "
                       "would apply"))
    basis = [u for u in rp.uses if u.provision.id != s18.id]
    if not basis and rp.uses:
        out.append(err((*rp.loc, "exemptions"), "section 18(1): name the exemption that "
                       "would apply if the information existed and were held (s16(1)(c))",
                       "add it under 'exemptions:' beside s18(1)"))
    for u in basis:
        if u.provision.id not in s18.exempts:
            out.append(err((*u.loc, "cite"), f"section 18(1) is available only for the "
                           f"exemptions in sections 28 to 35, 38, 39(1) and 41, not "
                           f"{u.provision.cite}", "confirm or deny, and rely on the "
                           "exemption itself"))
    return out


def wrong_regime(lib: Library, canon: str, regime: str) -> tuple[str, str] | None:
    """Message and fix when ``canon`` is not in ``regime`` but is a provision of another."""
    for other in REGIMES:
        found = [] if other == regime else lib.by_cite(canon, other) or [
            p for p in lib.of_regime(other) if under(p.cite, canon)]
        if found:
            nearest = counterpart(canon.split("(")[0], regime)  # the section's usual one
            hint = f"; the nearest {regime.upper()} provision is usually {nearest}" \
                if nearest and other == "foia" else ""
            return (f"'{canon}' is a provision of {other.upper()} ({found[0].title}), not of "
                    f"{regime.upper()}, the regime of this case{hint}",
                    f"cite the {regime.upper()} provision, or set 'regime: {other}' if the "
                    f"request falls under {other.upper()} (run 'drafter clauses list --regime "
                    f"{regime}')")
    return None
