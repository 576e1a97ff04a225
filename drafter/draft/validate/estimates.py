"""What an s12 estimate may count, and what s14(2) needs.

Regulation 4(3) of the Freedom of Information and Data Protection (Appropriate Limit and Fees)
Regulations 2004 (SI 2004/3244) lets an authority count only the time it expects to spend
determining whether it holds the information, locating it, retrieving it and extracting it.
Reading, redacting, considering exemptions, consulting third parties and preparing the reply
cannot be counted (ICO guidance on section 12). A refusal resting on such time is unlawful.

s14(2) applies only where the authority "has previously complied with" an identical or
substantially similar request from the same person: by giving the information or saying it
is not held. An earlier refusal is not compliance (ICO guidance on repeat requests).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem
from drafter.infra.lazyre import LazyPattern

EXCLUDED = LazyPattern(
    r"\bredact\w*|\bconsider\w*\b[^.;]{0,40}\bexemptions?\b|\bexemptions?\b[^.;]{0,30}"
    r"\b(?:appl\w*|consider\w*|assess\w*|review\w*)|\bapply\w* (?:the |any )?exemptions?\b"
    r"|\bconsult\w*|\bthird[- ]part(?:y|ies)\b[^.;]{0,30}\b(?:views|consent|consult\w*)"
    r"|\blegal advice\b|\bpublic interest\b|\banonymi[sz]\w*|\bsanitis\w*|\bsanitiz\w*"
    r"|\b(?:draft|prepar)\w* (?:the |a |our )?(?:response|reply|letter|refusal)"
    r"|\bsign[- ]?off\b|\bapprov\w*|\bphotocop\w*|\bscan(?:ning)? (?:for|to) (?:send|disclos)"
    r"|\bcheck\w* (?:for|whether)\b[^.;]{0,30}\b(?:personal data|sensitive|exempt)\w*",
    re.IGNORECASE,
)


def check(ctx: RuleContext) -> list[Problem]:
    """Excluded activities in an s12 estimate; the s14(2) earlier compliance."""
    return list(_cost(ctx)) + list(_repeat(ctx))


def _cost(ctx: RuleContext) -> Iterator[Problem]:
    cl = ctx.loaded.case.cost_limit
    if cl is None:
        return
    counted = 0.0
    for k, a in enumerate(cl.activities):
        m = EXCLUDED.search(a.description)
        if m is None:
            counted += a.hours
            continue
        yield ctx.problem(("cost_limit", "activities", k, "description"),
                          f"'{m.group(0)}' cannot be counted towards the cost limit: an "
                          "estimate may include only determining whether the information is "
                          "held, locating, retrieving and extracting it (Fees Regulations "
                          "2004 reg 4(3); ICO guidance on section 12)",
                          "remove this activity (or the excluded part of it) from the estimate")
    rate = ctx.lib.reference.hourly_rate if ctx.lib.reference else 25
    limit = ctx.loaded.authority.cost_limit
    total = sum(a.hours for a in cl.activities)
    if counted < total and counted * rate <= limit < total * rate:
        yield ctx.problem(("cost_limit", "activities"), f"without the activities reg 4(3) "
                          f"excludes, the estimate is {counted:g} hours (£{counted * rate:,.0f}),"
                          f" within the £{limit} limit: section 12 does not apply",
                          "answer the request, or re-estimate the permitted activities")


def _repeat(ctx: RuleContext) -> Iterator[Problem]:
    vx = ctx.loaded.case.vexatious
    if vx is None or vx.cite != "s14(2)" or vx.complied:
        return
    yield ctx.problem(("vexatious", "complied"), "section 14(2) applies only where we have "
                      "previously complied with the earlier request, by providing the "
                      "information or saying it is not held; an earlier refusal is not "
                      "compliance (ICO guidance on repeat requests)",
                      "add 'complied:' saying how and when the earlier request was answered, "
                      "or rely on s14(1)", level="warning")
