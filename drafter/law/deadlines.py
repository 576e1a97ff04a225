"""Working-day arithmetic for FOIA s10, EIR reg 5 and reg 7, and FOISA s10.

Pure functions over an injected :class:`Calendar`: nothing here reads the clock, the
environment or a file. The calendar of bank holidays is built by
:mod:`drafter.law.calendar` (:func:`calendar_for`); tests may pass any object with
``is_working_day`` and ``reason`` (for example :class:`FixedCalendar`).

How the law counts (``shared/domain/foi-s17-spec.md`` section 2.2):

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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, get_args

from drafter.errors import UserError

__all__ = [
    "REGIMES",
    "Calendar",
    "Deadline",
    "FixedCalendar",
    "Regime",
    "SkippedDay",
    "add_working_days",
    "calendar_for",
    "compute_deadline",
    "format_deadline",
    "long_date",
    "review_request_by",
    "working_days_between",
]

Regime = Literal["foia", "eir", "foisa"]
"""The three access regimes (the same values as ``drafter.draft.model.Regime``)."""

REGIMES: tuple[Regime, ...] = get_args(Regime)

DEFAULT_WORKING_DAYS = 20
"""FOIA s10(1), EIR reg 5(2) and FOISA s10(1): the twentieth working day."""

ICO_USUAL_EXTENSION = 20
"""ICO: an s10(3) extension should normally be no more than 20 further working days."""

EIR_MAX_WORKING_DAYS = 40
"""EIR reg 7(1): the 20 working days may be extended to 40 at most."""

REVIEW_REQUEST_DAYS = 40
"""Working days a requester has to ask for an internal review (spec sections 2.6, 5A, 5B)."""

_ONE_DAY = dt.timedelta(days=1)
_MAX_NON_WORKING_RUN = 366
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

_REGIME_NAMES: dict[Regime, str] = {
    "foia": "FOIA (Freedom of Information Act 2000)",
    "eir": "EIR (Environmental Information Regulations 2004)",
    "foisa": "FOISA (Freedom of Information (Scotland) Act 2002)",
}
_TIME_LIMIT: dict[Regime, str] = {
    "foia": "s10(1)",
    "eir": "reg 5(2)",
    "foisa": "s10(1)",
}
_WORKING_DAY_RULE: dict[Regime, str] = {
    "foia": ("Working days exclude Saturdays, Sundays, Christmas Day, Good Friday and bank "
             "holidays in any part of the UK (FOIA s10(6))."),
    "eir": ("Working days exclude Saturdays, Sundays, Christmas Day, Good Friday and bank "
            "holidays in any part of the UK (EIR reg 2(1), as FOIA s10(6))."),
    "foisa": ("Working days exclude Saturdays, Sundays, Christmas Day and bank holidays in "
              "Scotland (FOISA s73); holidays elsewhere in the UK are working days."),
}


class Calendar(Protocol):
    """Which days count as working days, and why a day does not."""

    def is_working_day(self, day: dt.date) -> bool:
        """Return True if ``day`` is a working day."""
        ...

    def reason(self, day: dt.date) -> str | None:
        """Return why ``day`` is not a working day ("Saturday", "Christmas Day"), else None."""
        ...


@dataclass(frozen=True)
class FixedCalendar:
    """A calendar of weekends plus a fixed set of holidays; for tests and special cases.

    Attributes:
        holidays: Non-working weekdays (or weekend days) and the name of each.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)

    def is_working_day(self, day: dt.date) -> bool:
        """Return True unless ``day`` is a Saturday, a Sunday or one of ``holidays``."""
        return day.weekday() < 5 and day not in self.holidays

    def reason(self, day: dt.date) -> str | None:
        """Return the weekday name and/or holiday name, or None for a working day."""
        parts = [_WEEKDAYS[day.weekday()]] if day.weekday() >= 5 else []
        if day in self.holidays:
            parts.append(self.holidays[day])
        return "; ".join(parts) or None


@dataclass(frozen=True)
class SkippedDay:
    """A weekday that was not counted, and why.

    Attributes:
        date: The day.
        reason: Which holiday it is and where it applies, e.g. "New Year Holiday (Scotland)".
    """

    date: dt.date
    reason: str

    def as_dict(self) -> dict[str, str]:
        """Return ``{"date": "2024-12-25", "reason": "Christmas Day"}``."""
        return {"date": self.date.isoformat(), "reason": self.reason}


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
        """Return the JSON object of ``drafter deadline --format json`` (contracts section 4).

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


def long_date(day: dt.date) -> str:
    """Return ``Monday 6 January 2025`` (English names whatever the locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def add_working_days(start: dt.date, n: int, cal: Calendar) -> dt.date:
    """Return the ``n``-th working day after ``start``; ``start`` itself never counts.

    ``add_working_days(received, 20, cal)`` is the FOIA s10(1) deadline. ``n == 0`` returns
    ``start`` unchanged, so ``add(add(d, a), b) == add(d, a + b)`` for all ``a, b >= 0``.

    Args:
        start: The day to count from (the date of receipt, or a letter's date).
        n: How many working days to add; not negative.
        cal: The calendar that says which days are working days.

    Raises:
        ValueError: ``n`` is negative, or the calendar has no working day for a year.
        UserError: The calendar has no data for a year the count reaches.
    """
    if n < 0:
        raise ValueError(f"cannot add a negative number of working days ({n})")
    day = start
    remaining = n
    run = 0
    while remaining:
        day += _ONE_DAY
        if cal.is_working_day(day):
            remaining -= 1
            run = 0
        else:
            run += 1
            if run > _MAX_NON_WORKING_RUN:
                raise ValueError(f"the calendar has no working day for a year after {start}")
    return day


def working_days_between(a: dt.date, b: dt.date, cal: Calendar) -> int:
    """Return how many working days fall after ``a`` and on or before ``b``.

    This is the inverse of :func:`add_working_days`:
    ``working_days_between(d, add_working_days(d, n, cal), cal) == n``. If ``b`` is before
    ``a`` the count is negative (``-working_days_between(b, a, cal)``).
    """
    if b < a:
        return -working_days_between(b, a, cal)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if cal.is_working_day(day):
            count += 1
    return count


def _non_working_weekdays(after: dt.date, before: dt.date,
                          cal: Calendar) -> tuple[list[SkippedDay], int]:
    """Return the holidays on weekdays strictly between the two days, and the weekend days."""
    skipped: list[SkippedDay] = []
    weekends = 0
    day = after + _ONE_DAY
    while day < before:
        if day.weekday() >= 5:
            weekends += 1
        elif not cal.is_working_day(day):
            skipped.append(SkippedDay(day, cal.reason(day) or "not a working day"))
        day += _ONE_DAY
    return skipped, weekends


def _check_regime(regime: str) -> Regime:
    for known in REGIMES:
        if regime == known:
            return known
    raise UserError(f"unknown regime {regime!r}: use one of {', '.join(REGIMES)}")


def _extension_notes(regime: Regime, working_days: int, extension: int) -> list[str]:
    """Validate an extension for the regime; return the notes that go with it."""
    if extension < 1:
        raise UserError(f"the extension must be at least 1 working day (got {extension})")
    if regime == "foisa":
        raise UserError(
            "FOISA has no extension of the time for compliance: the Scottish authority must "
            "respond within 20 working days (FOISA s10(1)); there is nothing like FOIA s10(3) "
            "or EIR reg 7. Leave out --extension.")
    if regime == "eir":
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


def calendar_for(regime: str = "foia",
                 extra: Mapping[dt.date, str] | None = None) -> Calendar:
    """Return the statutory calendar for a regime (see :func:`drafter.law.calendar.calendar_for`).

    Args:
        regime: ``foia`` or ``eir`` (bank holidays in any part of the UK) or ``foisa``
            (bank holidays in Scotland).
        extra: Proclaimed bank holidays not yet in the ``holidays`` package, with their names.
    """
    from drafter.law.calendar import calendar_for as _calendar_for

    return _calendar_for(regime, extra)


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
    known = _check_regime(regime)
    if working_days < 1:
        raise UserError(f"the time limit must be at least 1 working day (got {working_days})")
    notes = [] if extension is None else _extension_notes(known, working_days, extension)
    calendar = cal if cal is not None else calendar_for(known)

    day_one = add_working_days(received, 1, calendar)
    due = add_working_days(day_one, working_days - 1, calendar)
    skipped, weekends = _non_working_weekdays(received, due, calendar)

    received_on: str | None = None
    lenient_due: dt.date | None = None
    if not calendar.is_working_day(received):
        received_on = calendar.reason(received) or "not a working day"
        lenient_due = add_working_days(due, 1, calendar)

    extended_due: dt.date | None = None
    extension_skipped: list[SkippedDay] = []
    if extension is not None:
        extended_due = add_working_days(due, extension, calendar)
        extension_skipped, _ = _non_working_weekdays(due, extended_due, calendar)

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
    days after the response (s45 Code, spec section 2.6). EIR reg 11(2) and FOISA s20(5)
    set 40 working days in law. The letter's date is not counted.

    Args:
        sent: The date of the refusal notice.
        days: The window in working days (the authority profile's
            ``request_within_working_days``).
        cal: The calendar; by default the statutory one for ``regime``.
        regime: Used only to choose the default calendar.
    """
    calendar = cal if cal is not None else calendar_for(_check_regime(regime))
    return add_working_days(sent, days, calendar)


def _skipped_lines(skipped: list[SkippedDay]) -> list[str]:
    width = max((len(long_date(s.date)) for s in skipped), default=0)
    return [f"  {long_date(s.date):<{width}}  {s.reason}" for s in skipped]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_deadline(deadline: Deadline) -> str:
    """Return the readable text report of ``drafter deadline`` (pure)."""
    d = deadline
    law = f"{d.regime.upper()} {_TIME_LIMIT[d.regime]}"
    lines = [
        f"Regime:      {_REGIME_NAMES[d.regime]}",
        f"Received:    {long_date(d.received)}"
        + (f" (not a working day: {d.received_on})" if d.received_on else ""),
        f"Day 1:       {long_date(d.day_one)}",
        f"Due:         {long_date(d.due)}  (working day {d.working_days}, {law})",
    ]
    if d.extended_due is not None and d.extension_days is not None:
        total = d.working_days + d.extension_days
        basis = "reg 7(1)" if d.regime == "eir" else "s10(3)"
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
    lines += ["", _WORKING_DAY_RULE[d.regime]]
    lines += d.notes
    return "\n".join(lines) + "\n"
