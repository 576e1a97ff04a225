"""The statutory working-day calendars, built offline from the ``holidays`` package.

* FOIA s10(6), and the EIR through reg 2(1): a working day is any day other than a
  Saturday, a Sunday, Christmas Day, Good Friday or a day that is a bank holiday under the
  Banking and Financial Dealings Act 1971 "in any part of the United Kingdom". So the
  calendar is the *union* of the bank holidays of England, Wales, Scotland and Northern
  Ireland: Scotland's 2 January and St Andrew's Day, and Northern Ireland's St Patrick's Day
  and 12 July, are non-working days for every FOIA request, even in England. One-off
  proclaimed holidays (3 June 2022, 19 September 2022, 8 May 2023) are included.
* FOISA s73: any day other than a Saturday, a Sunday, Christmas Day or "a bank holiday in
  Scotland". Holidays only in other parts of the UK (Easter Monday, the August bank holiday
  at the end of the month, 17 March, 12 July) are working days.

Substitute days ("observed" in the ``holidays`` package: 27 December when Christmas Day is a
Sunday, 14 July 2025 for 12 July on a Saturday) are bank holidays in their own right and
are not counted.

Office closures and "privilege" days are **not** non-working days under s10(6) and cannot be
added: an authority closed between Christmas and New Year still has those days counted.
Only a bank holiday proclaimed under s1(3) of the 1971 Act that the package does not yet
know can be added (``extra``). Whether a holiday proclaimed after a request arrived counts
for that request is unsettled (commentary on 19 September 2022); the default counts it.

Years the package does not cover raise :class:`~drafter.errors.UserError`: silently treating
a year without data as having no holidays would give deadlines that are too early.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from drafter.errors import UserError
from drafter.infra.resources import data_file
from drafter.law.regimes import REGIME_LAW, Regime, parse_regime

__all__ = ["NATIONS", "HolidayCalendar", "calendar_for", "supported_years"]

NATIONS: dict[str, str] = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}
"""The ``holidays`` package's subdivisions of GB, in the order nations are named."""

_NAMED_IN_STATUTE = frozenset({"Christmas Day", "Good Friday"})
_OBSERVED = " (observed)"
_WEEKEND = {5: "Saturday", 6: "Sunday"}

# date -> holiday name -> the nations (codes) where it is a bank holiday
_YearTable = dict[dt.date, dict[str, frozenset[str]]]


@cache
def supported_years() -> tuple[int, int]:
    """Return the first and last year the ``holidays`` package has UK data for."""
    import holidays

    uk = holidays.country_holidays("GB")
    return uk.start_year, uk.end_year


@cache
def _table() -> tuple[int, int, dict[int, _YearTable]]:
    """The shipped table (``tools/make_bank_holidays.py``): fast to load, no package import."""
    data = json.loads(data_file("uk_bank_holidays.json").read_text(encoding="utf-8"))
    years: dict[int, _YearTable] = {y: {} for y in range(data["first_year"],
                                                            data["last_year"] + 1)}
    for iso, name, codes in data["days"]:
        day = dt.date.fromisoformat(iso)
        years[day.year].setdefault(day, {})[name] = frozenset(codes)
    return data["first_year"], data["last_year"], years


def _check_year(day: dt.date) -> None:
    first, last, _ = _table()
    if first <= day.year <= last:
        return
    first, last = supported_years()
    if not first <= day.year <= last:
        raise UserError(
            f"no UK bank-holiday data for {day.isoformat()}: the holidays package covers "
            f"{first} to {last}. drafter will not guess, because a missing holiday would make "
            "the deadline too early.")


def _year_table(year: int) -> _YearTable:
    """Return every UK bank holiday of ``year`` with the nations that keep it."""
    first, last, years = _table()
    if first <= year <= last:
        return years[year]
    return compute_year_table(year)


@cache
def compute_year_table(year: int) -> _YearTable:
    """Every UK bank holiday of ``year``, computed by the ``holidays`` package."""
    import holidays

    by_name: dict[dt.date, dict[str, set[str]]] = {}
    for code in NATIONS:
        nation = holidays.country_holidays("GB", subdiv=code, years=year, language="en_GB")
        for day in sorted(nation):
            for name in nation.get_list(day):
                by_name.setdefault(day, {}).setdefault(name, set()).add(code)
    return {day: {name: frozenset(codes) for name, codes in names.items()}
            for day, names in sorted(by_name.items())}


def _nations_label(codes: frozenset[str]) -> str:
    if codes == frozenset(NATIONS):
        return "all UK"
    names = [full for code, full in NATIONS.items() if code in codes]
    if codes == frozenset({"ENG", "WLS"}):
        return "England and Wales"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _label(name: str, codes: frozenset[str]) -> str:
    """Return ``Christmas Day``, ``Battle of the Boyne (Northern Ireland)`` and so on."""
    if name in _NAMED_IN_STATUTE:
        return name
    if name.endswith(_OBSERVED):
        name = "Substitute day for " + name.removesuffix(_OBSERVED)
    return f"{name} ({_nations_label(codes)})"


@cache
def _regime_year(regime: Regime, year: int) -> dict[dt.date, str]:
    """Return the non-working days of ``year`` for ``regime`` (weekends aside), with reasons."""
    nations = REGIME_LAW[regime].bank_holiday_nations
    out: dict[dt.date, str] = {}
    for day, names in _year_table(year).items():
        labels = [_label(name, codes) for name, codes in names.items() if codes & nations]
        if labels:
            out[day] = "; ".join(labels)
    return out


@dataclass(frozen=True)
class HolidayCalendar:
    """The statutory calendar of one regime, plus any proclaimed holidays added by the user.

    Implements :class:`drafter.law.workdays.Calendar`. Instances are cheap; the holiday tables
    are cached per year and per regime.

    Attributes:
        regime: ``foia`` and ``eir`` use the union of the UK nations' bank holidays;
            ``foisa`` uses Scotland's.
        extra: Bank holidays proclaimed under s1(3) of the Banking and Financial Dealings Act
            1971 that the ``holidays`` package does not list yet, as ``(date, name)`` pairs.
            Never office closures or privilege days: s10(6) counts those as working days.
    """

    regime: Regime = Regime.foia
    extra: tuple[tuple[dt.date, str], ...] = ()

    def is_working_day(self, day: dt.date) -> bool:
        """Return True if ``day`` counts towards the time for compliance.

        Raises:
            UserError: The ``holidays`` package has no data for ``day``'s year.
        """
        _check_year(day)
        if day.weekday() >= 5:
            return False
        if day in _regime_year(self.regime, day.year):
            return False
        return not (self.extra and any(when == day for when, _ in self.extra))

    def reason(self, day: dt.date) -> str | None:
        """Return why ``day`` is not a working day, or None if it is one.

        Examples: ``Saturday``, ``Christmas Day``, ``New Year Holiday (Scotland)``,
        ``Battle of the Boyne (Northern Ireland)``, ``Substitute day for Boxing Day (all UK)``,
        ``Sunday; Christmas Day``.
        """
        _check_year(day)
        parts: list[str] = []
        if day.weekday() in _WEEKEND:
            parts.append(_WEEKEND[day.weekday()])
        holiday = _regime_year(self.regime, day.year).get(day)
        if holiday:
            parts.append(holiday)
        parts += [f"{name} (added bank holiday)" for when, name in self.extra if when == day]
        return "; ".join(parts) or None


@cache
def _calendar(regime: Regime, extra: tuple[tuple[dt.date, str], ...]) -> HolidayCalendar:
    return HolidayCalendar(regime, extra)


def calendar_for(regime: str = "foia",
                 extra: Mapping[dt.date, str] | None = None) -> HolidayCalendar:
    """Return the working-day calendar for ``regime``.

    Args:
        regime: ``foia`` or ``eir`` (bank holidays in any part of the UK, FOIA s10(6)) or
            ``foisa`` (bank holidays in Scotland, FOISA s73).
        extra: Bank holidays proclaimed under s1(3) of the Banking and Financial Dealings Act
            1971 that the ``holidays`` package does not list yet, mapped to their names. For
            ``foisa`` only a holiday proclaimed for Scotland belongs here. Office closures and
            privilege days are not non-working days under s10(6) (or FOISA s73) and must not
            be added.

    Raises:
        UserError: An unknown regime, a blank name, or an added date in a year the
            ``holidays`` package does not cover.
    """
    known = parse_regime(regime)
    items: list[tuple[dt.date, str]] = []
    for day, name in sorted((extra or {}).items()):
        if not name.strip():
            raise UserError(f"the added bank holiday on {day.isoformat()} needs a name")
        _check_year(day)
        items.append((day, name.strip()))
    return _calendar(known, tuple(items))
