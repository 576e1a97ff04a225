"""Reasons that are about this case, not boilerplate.

* The public interest test weighs the actual harm and benefit of disclosing *this*
  information (Department of Health v IC & Lewis [2017] EWCA Civ 374; s17(3) requires
  reasons): a qualified exemption needs at least one factor or conclusion in the case's own
  words.
* Library factors whose weight depends on facts (``prompt:``) state a principle; the case must
  give the facts, or the signatory vouches for something nobody checked.
* s43(2): say whose commercial interests would be prejudiced; a third party's prejudice must
  come from the third party, usually by consulting it, not from speculation (ICO s43
  guidance).
* s21 covers only information itself reasonably accessible to the applicant: a part that
  asks for several things needs ``information:`` saying what the source holds, and the rest
  must be answered (s1(1)(b), s17(1)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.draft.model import Wording
from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem

_ELEMENTS = re.compile(r"^\s*(?:[•\-*]|\(?[a-z0-9]{1,3}[.)])\s+", re.MULTILINE)


def check(ctx: RuleContext) -> list[Problem]:
    """Boilerplate public interest tests, prompts, s43 third parties, s21 cover."""
    return [*_public_interest(ctx), *_s43(ctx), *_s21(ctx)]


def _public_interest(ctx: RuleContext) -> Iterator[Problem]:
    for _rp, u in ctx.uses():
        pi = u.use.public_interest
        if pi is None:
            continue
        refs = [*pi.for_disclosure, *pi.against_disclosure, pi.conclusion]
        if u.provision.qualified and not any(isinstance(r, Wording) for r in refs):
            yield ctx.problem((*u.loc, "public_interest"), f"the public interest test for "
                              f"{u.provision.cite} is built only from library wording: it must "
                              "weigh the actual harm and benefit of disclosing this "
                              "information (DoH v IC & Lewis [2017] EWCA Civ 374; s17(3))",
                              "add at least one factor or the conclusion in your own words, "
                              "as {text: ...}", level="warning")
        for side in ("for_disclosure", "against_disclosure"):
            refs = getattr(pi, side)
            if any(isinstance(r, Wording) for r in refs):
                continue  # the case gives facts of its own on this side
            for k, ref in enumerate(refs):
                factor = ctx.lib.factors.get(ref) if isinstance(ref, str) else None
                if factor is not None and factor.prompt:
                    yield ctx.problem((*u.loc, "public_interest", side, k),
                                      f"factor '{ref}' carries weight only on the facts of the "
                                      f"case, which the library cannot know: {factor.prompt}",
                                      "add a factor of your own ({text: ...}) with those facts, "
                                      "or remove this one", level="warning")


def _s43(ctx: RuleContext) -> Iterator[Problem]:
    for _rp, u in ctx.uses():
        if u.provision.section != "43" or u.provision.kind != "exemption" or \
                u.provision.cite != "s43(2)":
            continue
        party = u.use.commercial_party
        if party is None:
            yield ctx.problem((*u.loc, "commercial_party"), "say whose commercial interests "
                              "disclosure would prejudice: the authority's own, or a named "
                              "third party's (s17(1)(c); ICO guidance on section 43)",
                              "add 'commercial_party:' (\"ours\" or the company's name)",
                              level="warning")
            continue
        ours = party.strip().casefold() in {"ours", "our own", "us", "we",
                                            ctx.loaded.authority.name.casefold()}
        if not ours and u.use.consulted is None:
            yield ctx.problem((*u.loc, "consulted"), f"the prejudice to {party}'s commercial "
                              "interests must rest on evidence, usually the third party's own "
                              "views; the ICO will not accept speculation about it (ICO "
                              "guidance on section 43)", "consult them and add 'consulted:' "
                              "with the date, or say why they could not be consulted",
                              level="warning")


def _s21(ctx: RuleContext) -> Iterator[Problem]:
    for rp in ctx.parts:
        if rp.part.outcome != "accessible":
            continue
        elements = len(_ELEMENTS.findall(rp.part.request))
        for u in rp.uses:
            if u.provision.section != "21" or u.use.information or elements < 2:
                continue
            yield ctx.problem((*u.loc, "information"), f"part {rp.part.number} asks for "
                              f"{elements} things, and s21 covers only information that is "
                              "itself reasonably accessible to the applicant; anything the "
                              "source does not contain must be provided or refused (s1(1)(b), "
                              "s17(1))", "say in 'information:' what the source holds, and "
                              "answer the rest (outcome part_disclosed or refused, with its "
                              "own exemption)", level="warning")
