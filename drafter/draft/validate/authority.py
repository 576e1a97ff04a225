"""Exemptions the authority cannot claim, and who may give the s36 opinion.

* s35(1) and s35(3): only information held by a government department (s84, which includes
  Northern Ireland departments) or the Welsh Government.
* s33: only bodies with the audit functions in s33(1)(a) or (b).
* s30(1)(a): a duty to investigate offences; s30(1)(b), (c) and s30(2)(a)(ii): power to
  conduct criminal proceedings.
* s36: the opinion must be that of the qualified person s36(5) names (for most authorities a
  Minister of the Crown or a person a Minister has authorised, s36(5)(o)); for information
  held by either House of Parliament s36 is absolute (s2(3)(e)).

The provision's ``applies_to`` (clause files) says which types or functions may rely on it;
the authority profile says which the authority has (``type``, ``functions``).
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem
from drafter.law.authorities import (
    FUNCTION_NAMES,
    OTHER_QUALIFIED_PERSON,
    QUALIFIED_PERSON,
    TYPE_NAMES,
    functions_of,
)

_HOUSES = {"house_of_commons", "house_of_lords"}


def check(ctx: RuleContext) -> list[Problem]:
    """Every use of a provision the authority cannot engage, and s36(5)."""
    out: list[Problem] = []
    authority = ctx.loaded.authority
    asked_for_type = False
    for _rp, u in ctx.uses():
        limit = u.provision.applies_to
        if limit is None or not limit.enforced:
            continue
        allowed = " or ".join([TYPE_NAMES[t] for t in limit.types] +
                              [f"a body with {FUNCTION_NAMES[f]}" for f in limit.functions])
        if authority.type is None and not authority.functions:
            if not asked_for_type:
                out.append(ctx.profile_problem(
                    "type", f"{u.provision.cite} can be claimed only by {allowed} "
                    f"({u.provision.cite.split('(')[0]}; {limit.note.split('.')[0]}), and the "
                    "authority profile does not say what kind of body this is",
                    "add 'type:' (and, for s30 or s33, 'functions:')"))
                asked_for_type = True
            continue
        has = functions_of(authority.type, authority.functions)
        if authority.type in limit.types or has & set(limit.functions):
            continue
        kind = TYPE_NAMES.get(authority.type or "other", "a public authority")
        out.append(ctx.problem(
            (*u.loc, "cite"), f"{authority.name} ({kind}) cannot claim {u.provision.cite}: it "
            f"is available only to {allowed}. {limit.note}",
            ("rely on section 36 instead (its qualified person's opinion), " if
             u.provision.section == "35" else "rely on another exemption, ") +
            "or correct 'type:'/'functions:' in the authority profile"))
    out.extend(_qualified_person(ctx))
    return out


def _qualified_person(ctx: RuleContext) -> Iterator[Problem]:
    authority = ctx.loaded.authority
    who = QUALIFIED_PERSON.get(authority.type or "", OTHER_QUALIFIED_PERSON)
    for _rp, u in ctx.uses():
        qp = u.use.qualified_person
        if "qualified_person" not in u.provision.requires:
            continue
        if authority.type in _HOUSES and u.use.public_interest is not None:
            yield ctx.problem((*u.loc, "public_interest"), "section 36 is an absolute "
                              "exemption for information held by the House of Commons or the "
                              "House of Lords (s2(3)(e)): there is no public interest test",
                              "remove 'public_interest:'")
        if qp is None:
            continue
        listed = authority.qualified_persons
        if listed:
            if qp.name.casefold() not in {p.name.casefold() for p in listed}:
                names = ", ".join(f"{p.name} ({p.title})" for p in listed)
                yield ctx.problem((*u.loc, "qualified_person", "name"), f"{qp.name} is not "
                                  "the qualified person recorded in the authority profile; "
                                  f"only {who} can give the opinion (s36(5))",
                                  f"use the opinion of {names}, or add the person to "
                                  "'qualified_persons:' in the profile with their authorisation")
            continue
        yield ctx.profile_problem(
            "qualified_persons", f"section 36 needs the opinion of the qualified person, who "
            f"for this authority is {who}; an FOI or information governance officer is not "
            "one unless a Minister has authorised them (s36(5); ICO s36 guidance). drafter "
            f"cannot tell whether {qp.name} ({qp.title}) is",
            "record who may give the opinion under 'qualified_persons:' (name, title, "
            "authorised)")
