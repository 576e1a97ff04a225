"""Neither confirm nor deny, judged across the whole letter.

An NCND answer protects nothing if the same letter confirms or denies the matter elsewhere:
in another part's outcome (and the template's "We hold information within the scope of parts
..."), a ``where:`` pointing to a published notice, an ``information:`` description, or
wording of the officer's own. The Upper Tribunal held NCND unavailable once the fact is
public, and required the authority to say exactly what its NCND covers (Savic v IC, AGO and
Cabinet Office [2016] UKUT 534 and 535 (AAC)); the ICO's NCND guidance requires consistency.

An NCND prejudice provision covering several interests (s26(3), s27(4), s29(2), s31(3),
s36(3), s38(2)) must say which one confirmation or denial would harm (s17(1)(b), (c); ICO s31
guidance).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.draft.model import ClauseRef, ExemptionUse, Wording
from drafter.draft.validate.results import ResolvedPart
from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem
from drafter.infra.yamlio import Loc
from drafter.law.citations import normalise
from drafter.law.phrases import CONFIRMS_HELD_TABLE


def leaks(text: str) -> list[str]:
    """Every phrase in ``text`` that confirms that information is held.

    Sentences that speak hypothetically ("whether we hold information of this kind is
    sensitive") are excused. The wording is the one table in :mod:`drafter.law.phrases`,
    shared with the library linter and the checker.
    """
    return CONFIRMS_HELD_TABLE.findall(text)


def check(ctx: RuleContext) -> list[Problem]:
    """Cross-part consistency, leaks in every text, and the NCND interest named."""
    out: list[Problem] = []
    ncnd = [rp for rp in ctx.parts if rp.part.outcome == "ncnd"]
    if ncnd and not ctx.whole():
        out.extend(_other_parts(ctx, ncnd))
        said: dict[str, list[str]] = {}  # parts that share a YAML anchor share their texts
        for rp in ncnd:
            out.extend(_own_texts(ctx, rp, said))
    for _rp, u in ctx.uses():
        out.extend(_interest(ctx, u.use, u.provision.cite, u.provision.kind,
                             u.provision.prejudice_based, u.provision.exempts, u.loc))
    return out


def _other_parts(ctx: RuleContext, ncnd: list[ResolvedPart]) -> Iterator[Problem]:
    numbers = ", ".join(str(rp.part.number) for rp in ncnd)
    for rp in ctx.parts:
        outcome = rp.part.outcome
        if outcome in (None, "ncnd") or rp.part.independent_of_ncnd:
            continue
        said = ("denies that information is held" if outcome == "not_held"
                else "confirms that information is held")
        yield ctx.problem(
            (*rp.loc, "outcome"),
            f"part {rp.part.number} {said} ('{outcome}'), while part(s) {numbers} "
            "neither confirm nor deny: if they concern the same matter the letter gives the "
            "answer away, and NCND cannot be maintained once the fact is confirmed (Savic v IC "
            "[2016] UKUT 535 (AAC); ICO NCND guidance)",
            "answer this part neither confirm nor deny as well (or confirm the matter and "
            "withhold the sensitive content under an exemption), or, if it reveals nothing "
            "about the NCND parts, say why in 'independent_of_ncnd:'",
            level="warning")
        yield from _scan(ctx, _part_texts(rp), f"part {rp.part.number}", numbers)


def _own_texts(ctx: RuleContext, rp: ResolvedPart,
               said: dict[str, list[str]]) -> Iterator[Problem]:
    for where, text in _part_texts(rp):
        if text not in said:
            said[text] = leaks(text)
        for phrase in said[text]:
            yield ctx.problem(where, f"'{phrase}' tells the requester the information exists "
                              "(or does not), in a neither-confirm-nor-deny answer",
                              "reword it so it holds whether or not the information exists "
                              "(\"confirming or denying whether we hold ...\")")


def _scan(ctx: RuleContext, texts: list[tuple[Loc, str]], what: str,
          numbers: str) -> Iterator[Problem]:
    for where, text in texts:
        if re.search(r"https?://|published|notice|award", text, re.IGNORECASE) and \
                where[-1] == "where":
            yield ctx.problem(where, f"{what} points to published material while part(s) "
                              f"{numbers} neither confirm nor deny: a public record of the "
                              "matter makes NCND unavailable for it (Savic v IC [2016] UKUT "
                              "534 (AAC))", "check the published material says nothing about "
                              "the NCND parts, or answer those parts", level="warning")


def _part_texts(rp: ResolvedPart) -> list[tuple[Loc, str]]:
    texts: list[tuple[Loc, str]] = []
    for key in ("disclosed", "not_held"):
        value = getattr(rp.part, key)
        if value:
            texts.append(((*rp.loc, key), value))
    for u in rp.uses:
        texts.extend(_use_texts(u.use, u.loc))
    return texts


def _use_texts(use: ExemptionUse, loc: Loc) -> list[tuple[Loc, str]]:
    texts: list[tuple[Loc, str]] = []
    for key in ("reasons", "information", "where", "s17_4"):
        value = getattr(use, key)
        if value:
            texts.append(((*loc, key), value))
    refs: list[tuple[Loc, ClauseRef]] = [((*loc, "harm", k), h) for k, h in enumerate(use.harm)]
    pi = use.public_interest
    if pi is not None:
        for side in ("for_disclosure", "against_disclosure"):
            refs += [((*loc, "public_interest", side, k), r)
                     for k, r in enumerate(getattr(pi, side))]
        refs.append(((*loc, "public_interest", "conclusion"), pi.conclusion))
    texts += [(where, ref.text) for where, ref in refs if isinstance(ref, Wording)]
    return texts


_SEVERAL = {"s26(3)", "s27(4)(a)", "s29(2)", "s31(3)", "s36(3)", "s38(2)"}


def _interest(ctx: RuleContext, use: ExemptionUse, cite: str, kind: str, prejudice: bool,
              exempts: list[str], loc: Loc) -> Iterator[Problem]:
    limbs = {ctx.lib.provisions[e].cite for e in exempts if e in ctx.lib.provisions}
    if use.interest and kind != "ncnd":
        yield ctx.problem((*loc, "interest"), f"'interest:' is for neither-confirm-nor-deny "
                          f"provisions; {cite} names its interest itself", "remove 'interest:'",
                          level="warning")
        return
    for k, given in enumerate(use.interest):
        if (normalise(given) or given) not in limbs:
            yield ctx.problem((*loc, "interest", k), f"'{given}' is not an interest that "
                              f"{cite} protects", f"use one of {', '.join(sorted(limbs))}")
    if kind == "ncnd" and cite in _SEVERAL and prejudice and not use.interest:
        yield ctx.problem((*loc, "interest"), f"{cite} covers several interests: the notice "
                          "must say which one confirming or denying would prejudice "
                          "(s17(1)(b), (c); ICO guidance on section 31)",
                          f"add 'interest:' with one or more of {', '.join(sorted(limbs))}",
                          level="warning")
