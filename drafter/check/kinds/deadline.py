"""``extends: deadline``: the letter date compared with the 20th working day after receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from drafter.check.dates import long_date, parse_date
from drafter.check.kinds.base import REGIMES, Pattern, ReportingRule, TriggerName, finding
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["DeadlineRule", "letter_date", "run_rule"]


class DeadlineRule(ReportingRule):
    """The letter is dated after the time for compliance (``extends: deadline``).

    Attributes:
        received: Wording giving the date of receipt (must contain ``{date}``).
        clarified: Wording giving the date a clarification arrived (restarts the clock).
        letter_date: Wording giving the letter's own date.
        letter_date_within: Only the first N blocks (and the header) are searched for it.
        extension: Wording that claims an extension (s10(3), EIR reg 7).
        working_days: The time limit per regime.
        extension_days: Further working days allowed when ``extension`` wording appears.
    """

    extends: Literal["deadline"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["always"])
    received: list[Pattern] = Field(min_length=1)
    clarified: list[Pattern] = Field(default_factory=list)
    letter_date: list[Pattern] = Field(min_length=1)
    letter_date_within: int = Field(default=25, ge=1, le=500)
    extension: list[Pattern] = Field(default_factory=list)
    working_days: dict[str, int] = Field(
        default_factory=lambda: {"foia": 20, "eir": 20, "foisa": 20})
    extension_days: dict[str, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_regimes(self) -> DeadlineRule:
        for name in ("working_days", "extension_days"):
            unknown = set(getattr(self, name)) - set(REGIMES)
            if unknown:
                raise ValueError(f"{name}: unknown regime {', '.join(sorted(unknown))}; use "
                                 "foia, eir or foisa")
        return self


def run_rule(run: Run, rule: DeadlineRule) -> list[Finding]:
    """A finding when the letter is dated after its time for compliance."""
    doc = run.doc
    received, _ = _first_date(run, rule.received, None)
    clarified = _first_date(run, rule.clarified, None)[0] if rule.clarified else None
    limit = doc.header_count + rule.letter_date_within
    sent, where = _first_date(run, rule.letter_date, limit)
    if received is None or sent is None:
        return []
    if clarified is not None and clarified > received:
        received = clarified
    if sent <= received or (sent - received).days > 3660:
        return []
    days = rule.working_days.get(run.regime, 20)
    extension = rule.extension_days.get(run.regime, 0)
    if not (rule.extension and run.matches(rule.extension)):
        extension = 0
    from drafter.errors import UserError
    from drafter.law.deadlines import add_working_days, compute_deadline

    key = (received, run.regime, days, extension)
    due = run.checker.due_dates.get(key)
    if due is None:
        try:
            cal = run.checker.calendar(run.regime)
            deadline = compute_deadline(received, regime=run.regime, working_days=days,
                                        cal=cal)
            due = deadline.lenient_due or deadline.due
            if extension:
                due = add_working_days(due, extension, cal)
        except UserError:
            return []
        run.checker.due_dates[key] = due
    if sent <= due:
        return []
    return [finding(rule, where, sent=long_date(sent), received=long_date(received),
                    due=long_date(due), days=str(days + extension))]


def letter_date(run: Run, rule: DeadlineRule) -> dt.date | None:
    """The letter's own date, found by ``rule``'s ``letter_date`` wording, or None."""
    return _first_date(run, rule.letter_date, run.doc.header_count + rule.letter_date_within)[0]


def _first_date(run: Run, patterns: Sequence[str], limit: int | None
                ) -> tuple[dt.date | None, str | None]:
    """The first date found by the first pattern that finds one (patterns are in priority)."""
    region = set(range(limit)) if limit is not None else None
    for pattern in patterns:
        for start, end in run.matches((pattern,), region=region):
            day = parse_date(run.doc.text[start:end])
            if day is not None:
                return day, run.doc.location(start)
    return None, None
