"""Exemptions that cannot both apply to the same information, and aggregation.

* s24(1) applies only to "information which does not fall within section 23(1)"; the ICO
  accepts the two only when cited in the alternative ("How sections 23 and 24 interact").
* s31(1) applies only to "information which is not exempt information by virtue of section
  30".
* s36(1)(a): for a government department or the Welsh Government, s36 covers only
  information not exempt under s35.

Two such exemptions for the same part must be marked ``alternative: true`` (and the letter
says so), unless their ``information:`` shows they cover different information.

Aggregating the public interest in maintaining several exemptions is permitted only where the
same information engages more than one qualified exemption (DBT v IC [2025] UKSC 27).
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.draft.validate.results import ResolvedPart, ResolvedUse
from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem

# (first section, second section, the statutory reason they cannot both apply)
EXCLUSIVE = (
    ("23", "24", "s24(1) applies only to information that does not fall within s23(1)"),
    ("30", "31", "s31(1) applies only to information that is not exempt under s30"),
    ("35", "36", "s36(1)(a): a department's information is within s36 only if it is not "
                 "exempt under s35"),
)
AGGREGATE = "aggregate-exemptions"
CENTRAL = ("government_department", "ni_department", "welsh_government")


def check(ctx: RuleContext) -> list[Problem]:
    """Mutually exclusive pairs, stray 'alternative:', and aggregation with one exemption."""
    out: list[Problem] = []
    for rp in ctx.parts:
        out.extend(_pairs(ctx, rp))
        out.extend(_aggregation(ctx, rp))
    return out


def _limb(u: ResolvedUse) -> bool:
    """True for the exempting limbs the pairs are about (s23(5)/s24(2) may go together)."""
    return u.provision.kind == "exemption"


def _pairs(ctx: RuleContext, rp: ResolvedPart) -> Iterator[Problem]:
    paired: set[int] = set()
    central = ctx.loaded.authority.type in (None, *CENTRAL)
    for first, second, why in EXCLUSIVE:
        if first == "35" and not central:
            continue  # s36(1)(a) concerns departments; elsewhere s35 is refused on its own
        a = [u for u in rp.uses if u.provision.section == first and _limb(u)]
        b = [u for u in rp.uses if u.provision.section == second and _limb(u)]
        for x in a:
            for y in b:
                if x.use.information and y.use.information and \
                        x.use.information.strip() != y.use.information.strip():
                    continue  # different information: both may apply
                paired.update({id(x), id(y)})
                if x.use.alternative and y.use.alternative:
                    continue
                bad = y if not y.use.alternative else x
                yield ctx.problem((*bad.loc, "alternative"), f"{x.provision.cite} and "
                                  f"{y.provision.cite} cannot both apply to the same "
                                  f"information: {why}",
                                  "cite them in the alternative ('alternative: true' on both; "
                                  "the letter then says so), give each its own "
                                  "'information:', or keep only one")
    for u in rp.uses:
        if u.use.alternative and id(u) not in paired:
            yield ctx.problem((*u.loc, "alternative"), f"{u.provision.cite} is marked "
                              "'alternative' but the part cites no exemption it is an "
                              "alternative to", "remove 'alternative: true'", level="warning")


def _aggregation(ctx: RuleContext, rp: ResolvedPart) -> Iterator[Problem]:
    qualified = [u for u in rp.uses if u.provision.qualified]
    for u in rp.uses:
        pi = u.use.public_interest
        if pi is None or pi.conclusion != AGGREGATE:
            continue
        others = [o for o in qualified if o is not u and
                  (not o.use.information or not u.use.information or
                   o.use.information.strip() == u.use.information.strip())]
        if not others:
            yield ctx.problem((*u.loc, "public_interest", "conclusion"), "the public interest "
                              "in maintaining exemptions can be aggregated only where the same "
                              "information engages more than one qualified exemption (DBT v "
                              f"IC [2025] UKSC 27); here {u.provision.cite} is the only one",
                              "use a conclusion for this exemption alone")
