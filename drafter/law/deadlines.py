"""Working-day arithmetic for FOIA s10, EIR reg 5 and reg 7, and FOISA s10.

Pure functions over an injected :class:`~drafter.law.workdays.Calendar` (the arithmetic
itself is in :mod:`drafter.law.workdays`): nothing here reads the clock, the environment or
a file. The statutory calendar of bank holidays is built by :mod:`drafter.law.calendar`
(:func:`~drafter.law.calendar.calendar_for`, the one way to get one); tests may pass any object with
``is_working_day`` and ``reason`` (for example :class:`FixedCalendar`).

How the law counts (``docs/law.md``, "Deadlines"):

* FOIA s10(1): comply "not later than the twentieth working day following the date of
  receipt". The ICO counts the first working day *after* the date of receipt as day 1, so
  the date of receipt itself never counts, even when it is a working day.
* The date of receipt is the day the request arrived or, if later, the day the authority
  received the clarification it asked for under s1(3); callers pass whichever applies.
* A request received on a non-working day: the strict reading (the default here) still
  makes day 1 the next working day. A lenient reading treats that next working day as the
  date of receipt, giving one more working day; :class:`Deadline` reports it as
  ``lenient_due``.
* FOIA s10(3) lets the public interest test run for "such time as is reasonable"; the ICO
  expects normally no more than 20 further working days. EIR reg 7(1) allows 40 working
  days in all where complexity and volume make 20 impracticable. FOISA has no extension.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from drafter.errors import UserError
from drafter.law.calendar import calendar_for
from drafter.law.regimes import REGIME_LAW, REGIMES, Regime, parse_regime
from drafter.law.workdays import (
    Calendar,
    FixedCalendar,
    SkippedDay,
    add_working_days,
    long_date,
    non_working_weekdays,
    working_days_between,
)

__all__ = [
    "REGIMES",
    "Calendar",
    "Deadline",
    "FixedCalendar",
    "Regime",
    "SkippedDay",
    "add_working_days",
    "compute_deadline",
    "format_deadline",
    "long_date",
    "review_request_by",
    "working_days_between",
]

_FOIA_EXTENSION = REGIME_LAW[Regime.foia].extension
_EIR_EXTENSION = REGIME_LAW[Regime.eir].extension
assert _FOIA_EXTENSION is not None and _EIR_EXTENSION is not None

DEFAULT_WORKING_DAYS = REGIME_LAW[Regime.foia].working_days
"""FOIA s10(1), EIR reg 5(2) and FOISA s10(1): the twentieth working day."""

ICO_USUAL_EXTENSION = _FOIA_EXTENSION.usual_max_days
"""ICO: an s10(3) extension should normally be no more than 20 further working days."""

EIR_MAX_WORKING_DAYS = REGIME_LAW[Regime.eir].working_days + _EIR_EXTENSION.usual_max_days
"""EIR reg 7(1): the 20 working days may be extended to 40 at most."""

REVIEW_REQUEST_DAYS = REGIME_LAW[Regime.foia].review.request_within
"""Working days to ask for an internal review (FOIA s45 Code, EIR reg 11(2), FOISA s20(5))."""


@dataclass(frozen=True)
class Deadline:
    """The time for compliance worked out for one date of receipt.

    Attributes:
        received: The date of receipt (or of clarification) the clock runs from.
        regime: ``foia``, ``eir`` or ``foisa``.
        working_days: The time limit in working days (20 unless varied).
        day_one: The first working day after ``received``.
        due: The last day for compliance: the ``working_days``-th working day (strict reading).
        skipped: Holidays that fell on weekdays after ``received`` and before ``due``. Weekends
            are not listed; ``weekend_days`` counts them.
        weekend_days: Saturdays and Sundays after ``received`` and before ``due``.
        received_on: Why ``received`` is not a working day, or None if it is one.
        lenient_due: Only when received on a non-working day: the due date if the next
            working day is treated as the date of receipt (one working day after ``due``).
        extended_due: With an extension: ``extension_days`` working days after ``due``.
        extension_days: The extension asked for, or None.
        extension_skipped: Holidays on weekdays after ``due`` and before ``extended_due``.
        notes: Points the officer should know (legal conditions of the extension and so on).
    """

    received: dt.date
    regime: Regime
    working_days: int
    day_one: dt.date
    due: dt.date
    skipped: list[SkippedDay]
    weekend_days: int = 0
    received_on: str | None = None
    lenient_due: dt.date | None = None
    extended_due: dt.date | None = None
    extension_days: int | None = None
    extension_skipped: list[SkippedDay] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON object of ``drafter deadline --format json`` (``docs/cli.md``).

        The contract keys come first; ``extended_due`` (and the other extension keys) appear
        only when an extension was asked for.
        """
        out: dict[str, Any] = {
            "received": self.received.isoformat(),
            "regime": self.regime,
            "working_days": self.working_days,
            "due": self.due.isoformat(),
            "skipped": [s.as_dict() for s in self.skipped],
            "day_one": self.day_one.isoformat(),
            "weekend_days": self.weekend_days,
            "received_on_non_working_day": self.received_on,
            "lenient_due": _iso(self.lenient_due),
        }
        if self.extension_days is not None:
            out["extended_due"] = _iso(self.extended_due)
            out["extension_days"] = self.extension_days
            out["extension_skipped"] = [s.as_dict() for s in self.extension_skipped]
        out["notes"] = list(self.notes)
        return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _extension_notes(regime: Regime, working_days: int, extension: int) -> list[str]:
    """Validate an extension for the regime; return the notes that go with it."""
    if extension < 1:
        raise UserError(f"the extension must be at least 1 working day (got {extension})")
    if REGIME_LAW[regime].extension is None:
        raise UserError(
            "FOISA has no extension of the time for compliance: the Scottish authority must "
            "respond within 20 working days (FOISA s10(1)); there is nothing like FOIA s10(3) "
            "or EIR reg 7. Leave out --extension.")
    if regime == Regime.eir:
        if working_days + extension > EIR_MAX_WORKING_DAYS:
            raise UserError(
                f"EIR reg 7(1) extends the time to {EIR_MAX_WORKING_DAYS} working days at most; "
                f"{working_days} + {extension} = {working_days + extension}. Use --extension "
                f"{max(EIR_MAX_WORKING_DAYS - working_days, 0)} or less.")
        return [
            "EIR reg 7(1): the extension is allowed only where the complexity and volume of "
            "the information make it impracticable to comply within 20 working days, and the "
            "applicant must be told so in writing within those 20 working days (reg 7(3)).",
        ]
    notes = [
        "FOIA s10(3): the extension covers only the public interest test; send an s17(2) "
        "notice by the due date naming the exemption and an estimate of the decision date.",
    ]
    if extension > ICO_USUAL_EXTENSION:
        notes.append(
            f"The ICO expects an s10(3) extension normally to be no more than "
            f"{ICO_USUAL_EXTENSION} further working days; {extension} needs exceptional "
            "justification.")
    return notes


def compute_deadline(received: dt.date, *, regime: str = "foia",
                     working_days: int = DEFAULT_WORKING_DAYS, extension: int | None = None,
                     cal: Calendar | None = None) -> Deadline:
    """Work out the time for compliance for a request received (or clarified) on ``received``.

    Args:
        received: The date of receipt under FOIA s10(6) / EIR reg 5(2) / FOISA s10(1), or the
            date the clarification asked for under s1(3) arrived (it restarts the clock).
        regime: ``foia``, ``eir`` or ``foisa``.
        working_days: The time limit; 20 unless regulations vary it (s10(4)-(5)).
        extension: Further working days after ``due``: FOIA s10(3) public interest extension
            (normally 20 at most) or EIR reg 7(1) (``20`` gives the 40th working day). FOISA
            has none.
        cal: The calendar; by default the statutory one for ``regime``.

    Returns:
        The strict deadline, the skipped holidays, the lenient alternative when the request
        arrived on a non-working day, and the extended deadline when asked for.

    Raises:
        UserError: An unknown regime, a limit below 1, an extension the regime does not
            allow, or a date the bank-holiday data does not cover.
    """
    known = parse_regime(regime)
    if working_days < 1:
        raise UserError(f"the time limit must be at least 1 working day (got {working_days})")
    notes = [] if extension is None else _extension_notes(known, working_days, extension)
    calendar = cal if cal is not None else calendar_for(known)

    day_one = add_working_days(received, 1, calendar)
    due = add_working_days(day_one, working_days - 1, calendar)
    skipped, weekends = non_working_weekdays(received, due, calendar)

    received_on: str | None = None
    lenient_due: dt.date | None = None
    if not calendar.is_working_day(received):
        received_on = calendar.reason(received) or "not a working day"
        lenient_due = add_working_days(due, 1, calendar)

    extended_due: dt.date | None = None
    extension_skipped: list[SkippedDay] = []
    if extension is not None:
        extended_due = add_working_days(due, extension, calendar)
        extension_skipped, _ = non_working_weekdays(due, extended_due, calendar)

    return Deadline(
        received=received, regime=known, working_days=working_days, day_one=day_one,
        due=due, skipped=skipped, weekend_days=weekends, received_on=received_on,
        lenient_due=lenient_due, extended_due=extended_due, extension_days=extension,
        extension_skipped=extension_skipped, notes=notes,
    )


def review_request_by(sent: dt.date, days: int = REVIEW_REQUEST_DAYS,
                      cal: Calendar | None = None, *, regime: str = "foia") -> dt.date:
    """Return the last day for asking for an internal review of a letter dated ``sent``.

    FOIA: the ICO says an authority may decline a review asked for more than 40 working
    days after the response (s45 Code of Practice). EIR reg 11(2) and FOISA s20(5)
    set 40 working days in law. The letter's date is not counted.

    Args:
        sent: The date of the refusal notice.
        days: The window in working days (the authority profile's
            ``request_within_working_days``).
        cal: The calendar; by default the statutory one for ``regime``.
        regime: Used only to choose the default calendar.
    """
    calendar = cal if cal is not None else calendar_for(parse_regime(regime))
    return add_working_days(sent, days, calendar)


def _skipped_lines(skipped: list[SkippedDay]) -> list[str]:
    width = max((len(long_date(s.date)) for s in skipped), default=0)
    return [f"  {long_date(s.date):<{width}}  {s.reason}" for s in skipped]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_deadline(deadline: Deadline) -> str:
    """Return the readable text report of ``drafter deadline`` (pure)."""
    d = deadline
    facts = REGIME_LAW[d.regime]
    law = f"{facts.short} {facts.time_limit}"
    lines = [
        f"Regime:      {facts.display_name}",
        f"Received:    {long_date(d.received)}"
        + (f" (not a working day: {d.received_on})" if d.received_on else ""),
        f"Day 1:       {long_date(d.day_one)}",
        f"Due:         {long_date(d.due)}  (working day {d.working_days}, {law})",
    ]
    if d.extended_due is not None and d.extension_days is not None:
        total = d.working_days + d.extension_days
        basis = facts.extension.provision if facts.extension else "s10(3)"
        lines.append(f"Extended:    {long_date(d.extended_due)}  (working day {total}: "
                     f"{d.extension_days} more under {basis})")
    lines.append("")
    weekends = _plural(d.weekend_days, "weekend day")
    holidays = _plural(len(d.skipped), "holiday")
    lines.append(f"Not counted between receipt and the due date: {weekends} and {holidays}"
                 + (":" if d.skipped else "."))
    lines += _skipped_lines(d.skipped)
    if d.extended_due is not None:
        lines.append(f"Holidays not counted in the extension: {len(d.extension_skipped)}"
                     + (":" if d.extension_skipped else "."))
        lines += _skipped_lines(d.extension_skipped)
    if d.lenient_due is not None:
        lines += [
            "",
            "The request arrived on a non-working day. The date above is the strict reading "
            "(day 1 is the next working day).",
            f"Lenient reading (the next working day treated as the date of receipt): due "
            f"{long_date(d.lenient_due)}.",
        ]
    lines += ["", facts.working_day_rule]
    lines += d.notes
    return "\n".join(lines) + "\n"
