"""Rules for each exemption a part relies on: likelihood, public interest, requirements."""

from __future__ import annotations

import datetime as dt
import difflib

from drafter.draft.casefile import LoadedCase
from drafter.draft.model import ClauseRef, Part, Wording
from drafter.draft.validate.results import ResolvedUse, Stage
from drafter.errors import Problem
from drafter.infra.yamlio import Loc
from drafter.law.citations import normalise
from drafter.library.load import Library


def check_use(loaded: LoadedCase, lib: Library, u: ResolvedUse, part: Part,
              stage: Stage) -> list[Problem]:
    """Check one exemption use against the provision it resolved to."""
    err = loaded.problem
    p, use, loc = u.provision, u.use, u.loc
    out: list[Problem] = []
    if p.kind == "procedural":
        if p.id in ("eir-12-4-a", "foisa-s17-1"):
            out.append(err((*loc, "cite"), f"{p.cite} is the answer that the information is "
                           "not held", "use 'outcome: not_held' with 'not_held:' saying what "
                           "was searched; the letter cites it"))
        else:
            out.append(err((*loc, "cite"), f"{p.cite} refuses the whole request",
                           "use 'cost_limit:' (s12) or 'vexatious:' (s14) at the top level"))
        return out
    if p.prejudice_based and use.likelihood is None:
        out.append(err((*loc, "likelihood"), f"{p.cite} is prejudice-based: say how likely the "
                       "harm is", "add 'likelihood: would' (more probable than not) or "
                       "'likelihood: would_be_likely' (a real and significant risk)"))
    if not p.prejudice_based and use.likelihood is not None and p.test != "adverse_effect":
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
            basis = {"eir": "reg 14(3)(b)", "foisa": "s16(2)"}.get(p.regime, "s17(3)")
            if p.id == "foisa-s18-1":
                # s18(2) disapplies s16(2); the public interest comes from s18(1) itself.
                basis = ("s18(1): revealing whether the information exists or is held must "
                         "be contrary to the public interest")
            out.append(err((*loc, "public_interest"), f"{p.cite} is a qualified exemption: the "
                           f"notice must give the public interest reasons ({basis})",
                           "add public_interest: with for_disclosure, against_disclosure and "
                           "conclusion (or s17_4: if explaining would reveal exempt "
                           "information)"))
    elif pi is not None and not p.public_interest_defence and not p.contested_public_interest:
        # s40(5A) and s40(5B)(a) are contested (Dunhill v IC, FTT 2025): a public interest
        # test in the alternative is allowed there (drafter.draft.validate.personal).
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
        out.append(err((*loc, "where"), f"{p.cite}: tell the requester where the information "
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
            "where" not in u.provision.requires:
        why = {"eir": "reg 14(3)(a)", "foisa": "s16(1)(d)"}.get(u.provision.regime,
                                                              "s17(1)(c)")
        out.append(err(u.loc, f"{u.provision.cite}: say why it applies ({why})",
                       "add 'harm:' ids or 'reasons:' (or 's17_4:' if saying why would "
                       "reveal exempt information)"))
    return out


