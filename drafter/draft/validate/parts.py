"""Rules for each part of the request: its outcome, and neither confirm nor deny."""

from __future__ import annotations

from drafter.draft.casefile import LoadedCase
from drafter.draft.validate.exemptions import check_use
from drafter.draft.validate.results import ResolvedPart, Stage
from drafter.errors import Problem
from drafter.library.load import Library


def check_part(loaded: LoadedCase, lib: Library, rp: ResolvedPart, whole: bool,
               stage: Stage) -> list[Problem]:
    """Check one part: its outcome, NCND, and each exemption it relies on."""
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
    # FOISA s18(1) is one NCND provision for many exemptions: the exemption that would apply
    # is cited beside it (s16(1)(c)); regime_rules checks it is one s18 lists.
    s18 = lib.provisions.get("foisa-s18-1")
    basis = {u.provision.id for u in rp.uses} & set(s18.exempts if s18 and
                                                      str(loaded.case.regime) == "foisa" and
                                                      part.outcome == "ncnd" else ())
    if part.outcome == "ncnd":
        if kinds - {"ncnd"}:
            wrong = [u for u in rp.uses if u.provision.kind != "ncnd"
                     and u.provision.id not in basis]
            for u in wrong:
                hint = f"cite {u.provision.ncnd}" if u.provision.ncnd else \
                    f"{u.provision.cite} has no neither-confirm-nor-deny provision"
                out.append(err((*u.loc, "cite"), f"an NCND answer must cite the NCND provision, "
                               f"not {u.provision.cite}", hint))
        if part.disclosed:
            out.append(err((*loc, "disclosed"), "an NCND answer cannot disclose anything: "
                           "that confirms the information is held", "remove 'disclosed:'"))
    elif "ncnd" in kinds:
        for u in rp.uses:
            if u.provision.kind == "ncnd":
                out.append(err((*u.loc, "cite"), f"{u.provision.cite} neither confirms nor "
                               f"denies, but the outcome '{part.outcome}' confirms the "
                               "information is held", "use outcome 'ncnd', or cite the "
                               "exemption itself"))
    for u in rp.uses:
        out.extend(check_use(loaded, lib, u, part, stage))
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
    if part.outcome == "accessible" and any("where" not in u.provision.requires
                                            for u in rp.uses):
        name, cite = {"eir": ("regulation 6(1)(b)", "reg6(1)(b)"),
                      "foisa": ("section 25(1)", "s25(1)")}.get(str(loaded.case.regime),
                                                                ("section 21", "s21(1)"))
        out.append(err((*loc, "exemptions"), f"outcome 'accessible' is for {name} only",
                       f"cite {cite}, or use 'refused' for other exemptions"))
    return out

