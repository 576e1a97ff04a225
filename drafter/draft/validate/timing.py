"""When the notices were sent, the internal review windows, and the regulator's details.

* s17(1) requires the notice naming the exemptions within the time for compliance (s10(1),
  20 working days), including a s17(2) holding notice; s10(3) allows only "such time as is
  reasonable" for the public interest decision, and a final notice that overruns its own
  estimate should say so and apologise (ICO guidance on time limits: normally no more than 20
  further working days).
* The s45 Code of Practice (2018, Part 5): requesters should have at least 40 working days
  to ask for an internal review, and reviews should normally be done within 20 working days
  and never take more than 40.
* The regulator's name and details are kept in one dated table (``clauses/reference.yaml``);
  the Data (Use and Access) Act 2025 ss117-119 replace the Information Commissioner with the
  Information Commission, so a table not checked for six months before the letter's date may
  name the wrong regulator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.draft.model import Case
from drafter.draft.validate.rule_context import RuleContext
from drafter.errors import Problem

STALE_AFTER = dt.timedelta(days=183)


@dataclass(frozen=True)
class Delays:
    """Which notices in an extended case were late, for the letter's apology."""

    holding_late: bool
    final_late: bool


def delays(case: Case, due: dt.date, sent: dt.date) -> Delays:
    """Was the holding notice after day 20, and the final notice after its own estimate?"""
    pit = case.pit_extension
    if pit is None or pit.holding_notice_sent is None:
        return Delays(False, False)
    return Delays(pit.holding_notice_sent > due, sent > pit.decision_by)


def check(ctx: RuleContext) -> list[Problem]:
    """Late notices, review windows and the age of the regulator's details."""
    return [*_notices(ctx), *_review(ctx), *_reference(ctx)]


def _notices(ctx: RuleContext) -> Iterator[Problem]:
    case = ctx.loaded.case
    pit = case.pit_extension
    if pit is None or pit.holding_notice_sent is None:
        return
    late = delays(case, ctx.due, ctx.sent)
    if late.holding_late:
        yield ctx.problem(("pit_extension", "holding_notice_sent"), f"the holding notice was "
                          f"sent on {pit.holding_notice_sent:%d %B %Y}, after the deadline of "
                          f"{ctx.due:%d %B %Y}: the s17(1) notice naming the exemptions must be "
                          "given within 20 working days (s10(1), s17(1)); the letter will "
                          "apologise for the delay", "check the date", level="warning")
    if late.final_late:
        yield ctx.problem(("sent",), f"this final notice is dated {ctx.sent:%d %B %Y}, after "
                          f"the date of {pit.decision_by:%d %B %Y} estimated in the holding "
                          "notice (s17(2)); s10(3) allows only such time as is reasonable; the "
                          "letter will say so and apologise", "check the date",
                          level="warning")
    if pit.holding_notice_sent < case.received:
        yield ctx.problem(("pit_extension", "holding_notice_sent"), "the holding notice is "
                          "dated before the request was received", "check the date")


_ROLE = re.compile(r"^(?:Head|Director|Associate|Assistant|Deputy|Chief|Senior|Information|"
                   r"Data|FOI|Freedom|Monitoring|Corporate|Legal|Records|Compliance|"
                   r"Governance)\b")


def _review(ctx: RuleContext) -> Iterator[Problem]:
    review = ctx.loaded.authority.internal_review
    if not review.provided:
        return
    if _ROLE.match(review.contact):
        yield ctx.profile_problem(
            "internal_review.contact", f"the letter will read 'Please write to "
            f"{review.contact.split(',')[0]}': a job title needs 'the' before it",
            f"write the contact as 'the {review.contact.split(',')[0]}, ...'")
    if review.request_within_working_days < 40:
        yield ctx.profile_problem(
            "internal_review.request_within_working_days",
            f"requesters are given {review.request_within_working_days} working days to ask "
            "for an internal review; the s45 Code of Practice (2018, para 5.4) expects at "
            "least 40", "set 'request_within_working_days: 40' or more")
    if review.respond_within_working_days > 40:
        yield ctx.profile_problem(
            "internal_review.respond_within_working_days",
            f"an internal review taking {review.respond_within_working_days} working days is "
            "longer than the s45 Code of Practice allows (2018, para 5.5: normally 20 working "
            "days, never more than 40)", "set 'respond_within_working_days: 20'")
    elif review.respond_within_working_days > 20:
        yield ctx.profile_problem(
            "internal_review.respond_within_working_days",
            f"the letter promises a review within {review.respond_within_working_days} "
            "working days; the s45 Code of Practice (2018, para 5.5) expects 20, and 40 only "
            "for complex reviews", "set 'respond_within_working_days: 20'")


def _reference(ctx: RuleContext) -> Iterator[Problem]:
    ref = ctx.lib.reference
    if ref is None or ctx.sent - ref.last_verified <= STALE_AFTER:
        return
    yield ctx.problem(("sent",), f"the regulator's name and contact details in the clause "
                      f"library were last verified on {ref.last_verified:%d %B %Y}, more than "
                      f"six months before this letter ({ctx.sent:%d %B %Y}); the Data (Use and "
                      "Access) Act 2025 ss117-119 replace the Information Commissioner with "
                      "the Information Commission, and the letter must name the regulator in "
                      "office on its date (s17(7)(b))", "check clauses/reference.yaml "
                      "(regulators: and the ico_ details), then update last_verified",
                      level="warning")
