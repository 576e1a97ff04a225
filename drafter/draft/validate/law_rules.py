"""The rules of law added after the legal review, run after the structural checks.

Each module checks one thing the law forbids and cites its source:

* :mod:`.ncnd_letter`: neither confirm nor deny given away anywhere in the letter, and the
  interest an NCND prejudice provision protects (Savic [2016] UKUT 534/535 (AAC); s17(1));
* :mod:`.authority`: exemptions the authority cannot claim (s30(1), s33, s35, s36(5));
* :mod:`.exclusive`: exemptions that cannot both apply (s23(1)/s24(1), s30/s31, s35/s36)
  and aggregation (DBT v IC [2025] UKSC 27);
* :mod:`.estimates`: s12 estimates (Fees Regulations 2004 reg 4(3)), s14(2) compliance;
* :mod:`.timing`: late s17(1) and s17(2)/(3) notices, review windows (s45 Code), the
  regulator's details;
* :mod:`.personal`: the requester's own data (s40(1), s40(5A), UK GDPR Art 15) and the
  contested public interest test for s40(5A)/(5B)(a);
* :mod:`.reasoning`: case-specific public interest reasons (Lewis [2017] EWCA Civ 374),
  fact-asserting factors, s43 third parties, s21 covering only part.

These are FOIA rules: EIR and FOISA cases have their own (:mod:`.regime_rules`), and
environmental subject matter under FOIA is :mod:`drafter.draft.environment`.

Where the law forbids something drafter can see for certain (s35 claimed by a council), the
problem is an error; where it depends on a fact drafter cannot know or on reading the
officer's words, it is a warning that asks for the fact, and ``--strict`` makes it an error.
"""

from __future__ import annotations

from drafter.draft.validate import (
    authority,
    estimates,
    exclusive,
    ncnd_letter,
    personal,
    reasoning,
    timing,
)
from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem

RULES = (ncnd_letter.check, authority.check, exclusive.check, estimates.check, timing.check,
         personal.check, reasoning.check)


def check_law(ctx: RuleContext) -> list[Problem]:
    """Every problem the rules find, in a stable order."""
    out: list[Problem] = []
    if ctx.loaded.case.regime != "foia":
        return out
    for rule in RULES:
        out.extend(rule(ctx))
    return out
