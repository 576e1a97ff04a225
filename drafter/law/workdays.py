"""Working days: the calendar protocol and pure working-day arithmetic.

Nothing here reads the clock, the environment or a file. The statutory calendars (which
bank holidays count for which regime) are built by :mod:`drafter.law.calendar`; tests may
pass any object with ``is_working_day`` and ``reason`` (for example :class:`FixedCalendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

__all__ = [
    "Calendar",
    "FixedCalendar",
    "SkippedDay",
    "add_working_days",
    "long_date",
    "non_working_weekdays",
    "working_days_between",
]

_ONE_DAY = dt.timedelta(days=1)
_MAX_NON_WORKING_RUN = 366
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


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
    try:
        return _add_remembered(start, n, cal)  # type: ignore[arg-type]  # checked: TypeError
    except TypeError:  # a calendar that cannot be a dictionary key: count every time
        return _add(start, n, cal)


@lru_cache(maxsize=4096)
def _add_remembered(start: dt.date, n: int, cal: Calendar) -> dt.date:
    """:func:`_add`, remembered.

    Every letter counts its deadline and review window, and the letters of a batch share
    their dates (a calendar is frozen; errors are not remembered).
    """
    return _add(start, n, cal)


def _add(start: dt.date, n: int, cal: Calendar) -> dt.date:
    day = start
    remaining = n
    run = 0
    while remaining:
        if day == dt.date.max:  # 9999-12-31: the next day cannot even be represented
            cal.is_working_day(day)  # raises the "no bank-holiday data" error for the year
            raise ValueError(f"cannot count working days beyond {day}")
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


def non_working_weekdays(after: dt.date, before: dt.date,
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


