"""Working-day arithmetic: hand-checked dates plus hypothesis properties.

Every expected date in ``HAND_CHECKED`` was counted by hand on a printed calendar, day by day
from the first working day after receipt; the comment on each row names the holidays that
were skipped.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.errors import UserError
from drafter.law.calendar import calendar_for, supported_years
from drafter.law.deadlines import (
    Calendar,
    FixedCalendar,
    SkippedDay,
    add_working_days,
    compute_deadline,
    format_deadline,
    long_date,
    review_request_by,
    working_days_between,
)

D = dt.date
FOIA = calendar_for("foia")
FOISA = calendar_for("foisa")

# --------------------------------------------------------------------------- hand-checked

HAND_CHECKED = [
    # received, regime, due, why
    pytest.param(D(2024, 12, 3), "foia", D(2025, 1, 6),
                 id="christmas-2024: 25, 26 Dec, 1 Jan, 2 Jan (Scotland); 3 Jan without it"),
    pytest.param(D(2024, 12, 3), "foisa", D(2025, 1, 6),
                 id="christmas-2024-foisa: Scotland keeps 2 Jan too"),
    pytest.param(D(2025, 4, 3), "foia", D(2025, 5, 6),
                 id="easter-2025: Good Friday 18 Apr, Easter Monday 21 Apr, May Day 5 May"),
    pytest.param(D(2025, 4, 3), "foisa", D(2025, 5, 2),
                 id="easter-2025-foisa: Easter Monday is no Scottish bank holiday"),
    pytest.param(D(2025, 3, 3), "foia", D(2025, 4, 1),
                 id="st-patricks-2025: 17 Mar (Northern Ireland) skipped"),
    pytest.param(D(2025, 3, 3), "foisa", D(2025, 3, 31),
                 id="st-patricks-2025-foisa: 17 Mar counted"),
    pytest.param(D(2025, 6, 30), "foia", D(2025, 7, 29),
                 id="boyne-2025: 12 Jul is a Saturday, substitute Monday 14 Jul skipped"),
    pytest.param(D(2025, 6, 30), "foisa", D(2025, 7, 28),
                 id="boyne-2025-foisa: 14 Jul counted"),
    pytest.param(D(2022, 6, 28), "foia", D(2022, 7, 27),
                 id="boyne-2022: Tuesday 12 Jul skipped"),
    pytest.param(D(2022, 9, 2), "foia", D(2022, 10, 3),
                 id="state-funeral-2022: 19 Sep skipped; 30 Sep without it"),
    pytest.param(D(2025, 11, 17), "foisa", D(2025, 12, 16),
                 id="st-andrews-2025-foisa: 30 Nov is a Sunday, substitute 1 Dec skipped"),
    pytest.param(D(2025, 11, 17), "foia", D(2025, 12, 16),
                 id="st-andrews-2025-foia: the union skips it too"),
    pytest.param(D(2025, 7, 28), "foia", D(2025, 8, 27),
                 id="august-2025: 4 Aug (Scotland) and 25 Aug (E, W, NI) both skipped"),
    pytest.param(D(2025, 7, 28), "foisa", D(2025, 8, 26),
                 id="august-2025-foisa: only 4 Aug skipped"),
    pytest.param(D(2022, 12, 20), "foia", D(2023, 1, 23),
                 id="christmas-2022: 26, 27 Dec, 2 Jan, 3 Jan (Scottish substitute)"),
    pytest.param(D(2025, 3, 1), "foia", D(2025, 3, 31),
                 id="saturday-receipt: day 1 Mon 3 Mar, 17 Mar skipped"),
    pytest.param(D(2024, 12, 25), "foia", D(2025, 1, 27),
                 id="received-christmas-day: day 1 is Fri 27 Dec"),
    pytest.param(D(2025, 4, 3), "eir", D(2025, 5, 6),
                 id="eir-uses-the-foia-calendar"),
]


@pytest.mark.parametrize(("received", "regime", "due"), HAND_CHECKED)
def test_hand_checked_due_dates(received: dt.date, regime: str, due: dt.date) -> None:
    result = compute_deadline(received, regime=regime)
    assert result.due == due
    assert result.working_days == 20


def test_contract_example_lists_the_skipped_holidays() -> None:
    result = compute_deadline(D(2024, 12, 3))
    assert result.day_one == D(2024, 12, 4)
    assert result.skipped == [
        SkippedDay(D(2024, 12, 25), "Christmas Day"),
        SkippedDay(D(2024, 12, 26), "Boxing Day (all UK)"),
        SkippedDay(D(2025, 1, 1), "New Year's Day (all UK)"),
        SkippedDay(D(2025, 1, 2), "New Year Holiday (Scotland)"),
    ]
    assert result.weekend_days == 10
    assert result.lenient_due is None
    assert result.extended_due is None


def test_without_the_scottish_2_january_the_due_date_would_be_3_january() -> None:
    english_only = FixedCalendar({D(2024, 12, 25): "Christmas Day", D(2024, 12, 26): "Boxing Day",
                                  D(2025, 1, 1): "New Year's Day"})
    assert compute_deadline(D(2024, 12, 3), cal=english_only).due == D(2025, 1, 3)


def test_state_funeral_is_skipped_for_every_regime() -> None:
    for regime in ("foia", "eir", "foisa"):
        result = compute_deadline(D(2022, 9, 2), regime=regime)
        assert SkippedDay(D(2022, 9, 19), "State Funeral of Queen Elizabeth II (all UK)") \
            in result.skipped


def test_saturday_receipt_strict_and_lenient() -> None:
    result = compute_deadline(D(2025, 3, 1))
    assert result.received_on == "Saturday"
    assert result.day_one == D(2025, 3, 3)
    assert result.due == D(2025, 3, 31)
    assert result.lenient_due == D(2025, 4, 1)  # as if received on Monday 3 March
    assert compute_deadline(D(2025, 3, 3)).due == result.lenient_due


def test_receipt_on_christmas_day_has_a_lenient_date() -> None:
    result = compute_deadline(D(2024, 12, 25))
    assert result.received_on == "Christmas Day"
    assert (result.day_one, result.due, result.lenient_due) == (
        D(2024, 12, 27), D(2025, 1, 27), D(2025, 1, 28))


def test_eir_extension_to_40_working_days() -> None:
    # 20th WD Mon 6 Jan 2025; 21st Tue 7 Jan ... 40th Mon 3 Feb 2025 (no January holidays left).
    result = compute_deadline(D(2024, 12, 3), regime="eir", extension=20)
    assert result.due == D(2025, 1, 6)
    assert result.extended_due == D(2025, 2, 3)
    assert result.extension_days == 20
    assert result.extension_skipped == []
    assert any("reg 7(1)" in note for note in result.notes)


def test_foia_pit_extension_skips_spring_bank_holiday() -> None:
    # Due Tue 6 May 2025; 20 more working days, skipping Mon 26 May, end on Wed 4 June 2025.
    result = compute_deadline(D(2025, 4, 3), extension=20)
    assert result.extended_due == D(2025, 6, 4)
    assert [s.date for s in result.extension_skipped] == [D(2025, 5, 26)]
    assert not any("exceptional" in note for note in result.notes)


def test_foia_extension_beyond_20_days_is_allowed_with_a_note() -> None:
    result = compute_deadline(D(2024, 12, 3), extension=25)
    assert result.extended_due == add_working_days(D(2025, 1, 6), 25, FOIA)
    assert any("exceptional" in note for note in result.notes)


@pytest.mark.parametrize(("regime", "extension", "message"), [
    ("foisa", 20, "FOISA has no extension"),
    ("foisa", 1, "FOISA has no extension"),
    ("eir", 21, "40 working days at most"),
    ("foia", 0, "at least 1"),
    ("eir", -3, "at least 1"),
])
def test_extensions_the_law_does_not_allow(regime: str, extension: int, message: str) -> None:
    with pytest.raises(UserError, match=message):
        compute_deadline(D(2024, 12, 3), regime=regime, extension=extension)


def test_bad_regime_and_limit_are_user_errors() -> None:
    with pytest.raises(UserError, match="unknown regime"):
        compute_deadline(D(2024, 12, 3), regime="foi")
    with pytest.raises(UserError, match="unknown regime"):
        calendar_for("gb")
    with pytest.raises(UserError, match="at least 1 working day"):
        compute_deadline(D(2024, 12, 3), working_days=0)


def test_varied_time_limit() -> None:
    assert compute_deadline(D(2024, 12, 3), working_days=1).due == D(2024, 12, 4)
    result = compute_deadline(D(2024, 12, 3), working_days=40)
    assert result.due == D(2025, 2, 3)


def test_review_request_window() -> None:
    # Letter Mon 6 Jan 2025: day 20 is Mon 3 Feb, day 40 is Mon 3 Mar 2025.
    assert review_request_by(D(2025, 1, 6)) == D(2025, 3, 3)
    assert review_request_by(D(2025, 1, 6), 20) == D(2025, 2, 3)
    assert review_request_by(D(2025, 1, 6), cal=FOISA) == D(2025, 3, 3)
    # Over Easter 2025: FOISA counts Easter Monday, FOIA does not.
    assert review_request_by(D(2025, 4, 3), 20, regime="foisa") == D(2025, 5, 2)
    assert review_request_by(D(2025, 4, 3), 20) == D(2025, 5, 6)


# --------------------------------------------------------------------------- calendar

@pytest.mark.parametrize(("cal", "day", "reason"), [
    (FOIA, D(2024, 12, 25), "Christmas Day"),
    (FOIA, D(2025, 4, 18), "Good Friday"),
    (FOIA, D(2025, 3, 15), "Saturday"),
    (FOIA, D(2025, 3, 16), "Sunday"),
    (FOIA, D(2025, 1, 2), "New Year Holiday (Scotland)"),
    (FOIA, D(2024, 12, 2), "Substitute day for Saint Andrew's Day (Scotland)"),
    (FOIA, D(2025, 3, 17), "Saint Patrick's Day (Northern Ireland)"),
    (FOIA, D(2024, 7, 12), "Battle of the Boyne (Northern Ireland)"),
    (FOIA, D(2025, 7, 12), "Saturday; Battle of the Boyne (Northern Ireland)"),
    (FOIA, D(2025, 7, 14), "Substitute day for Battle of the Boyne (Northern Ireland)"),
    (FOIA, D(2025, 4, 21), "Easter Monday (England, Wales and Northern Ireland)"),
    (FOIA, D(2025, 8, 4), "Summer Bank Holiday (Scotland)"),
    (FOIA, D(2022, 6, 3), "Platinum Jubilee of Elizabeth II (all UK)"),
    (FOIA, D(2022, 9, 19), "State Funeral of Queen Elizabeth II (all UK)"),
    (FOIA, D(2023, 5, 8), "Coronation of Charles III (all UK)"),
    (FOIA, D(2022, 12, 27), "Substitute day for Christmas Day (all UK)"),
    (FOIA, D(2023, 1, 2),
     "Substitute day for New Year's Day (all UK); New Year Holiday (Scotland)"),
    (FOIA, D(2025, 3, 18), None),
    (FOISA, D(2025, 1, 2), "New Year Holiday (Scotland)"),
    (FOISA, D(2025, 12, 1), "Substitute day for Saint Andrew's Day (Scotland)"),
    (FOISA, D(2025, 4, 21), None),
    (FOISA, D(2025, 3, 17), None),
    (FOISA, D(2025, 7, 14), None),
    (FOISA, D(2025, 8, 25), None),
])
def test_reasons_name_the_holiday_and_the_nations(cal: Calendar, day: dt.date,
                                                    reason: str | None) -> None:
    assert cal.reason(day) == reason
    assert cal.is_working_day(day) is (reason is None)


def test_calendars_are_cached() -> None:
    assert calendar_for("foia") is calendar_for("foia")
    assert calendar_for("foisa") is not calendar_for("foia")


def test_added_proclaimed_bank_holiday() -> None:
    cal = calendar_for("foia", {D(2025, 4, 29): "Proclaimed holiday"})
    assert cal.reason(D(2025, 4, 29)) == "Proclaimed holiday (added bank holiday)"
    result = compute_deadline(D(2025, 4, 3), cal=cal)
    assert result.due == D(2025, 5, 7)
    assert SkippedDay(D(2025, 4, 29), "Proclaimed holiday (added bank holiday)") in result.skipped
    with pytest.raises(UserError, match="needs a name"):
        calendar_for("foia", {D(2025, 4, 29): "  "})


def test_years_without_data_are_refused_not_guessed() -> None:
    first, last = supported_years()
    assert first <= 2005 and last >= 2050
    with pytest.raises(UserError, match=f"no UK bank-holiday data for {last + 1}-01-01"):
        compute_deadline(D(last, 12, 20))
    with pytest.raises(UserError, match="no UK bank-holiday data"):
        FOIA.is_working_day(D(first - 1, 6, 1))
    with pytest.raises(UserError, match="no UK bank-holiday data"):
        calendar_for("foia", {D(last + 1, 1, 5): "Far future"})


def test_negative_working_days_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 1, 6), -1, FOIA)


def test_calendar_without_working_days_does_not_loop_forever() -> None:
    class Closed:
        def is_working_day(self, day: dt.date) -> bool:
            return False

        def reason(self, day: dt.date) -> str | None:
            return "closed"

    with pytest.raises(ValueError, match="no working day"):
        add_working_days(D(2025, 1, 6), 1, Closed())


def test_working_days_between_is_signed() -> None:
    assert working_days_between(D(2024, 12, 3), D(2025, 1, 6), FOIA) == 20
    assert working_days_between(D(2025, 1, 6), D(2024, 12, 3), FOIA) == -20
    assert working_days_between(D(2025, 1, 6), D(2025, 1, 6), FOIA) == 0


def test_text_report() -> None:
    text = format_deadline(compute_deadline(D(2025, 3, 1), extension=20))
    assert "Due:         Monday 31 March 2025  (working day 20, FOIA s10(1))" in text
    assert "Saint Patrick's Day (Northern Ireland)" in text
    assert "Lenient reading" in text and "Tuesday 1 April 2025" in text
    assert "Extended:" in text and "working day 40" in text
    assert "9 weekend days and 1 holiday:" in text


def test_long_date() -> None:
    assert long_date(D(2025, 1, 6)) == "Monday 6 January 2025"


# --------------------------------------------------------------------------- properties

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2095, 12, 31))
counts = st.integers(min_value=0, max_value=260)
calendars = st.sampled_from([FOIA, FOISA, calendar_for("eir")])


@st.composite
def fixed_calendars(draw: st.DrawFn) -> FixedCalendar:
    days = draw(st.lists(st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31)),
                         max_size=60))
    return FixedCalendar({d: "Holiday" for d in days})


any_calendar = st.one_of(calendars, fixed_calendars())
PROPS = settings(deadline=None, max_examples=150)


@PROPS
@given(start=dates, n=st.integers(min_value=1, max_value=260), cal=calendars)
def test_result_is_never_a_weekend_or_holiday(start: dt.date, n: int, cal: Calendar) -> None:
    due = add_working_days(start, n, cal)
    assert due.weekday() < 5
    assert cal.is_working_day(due)
    assert cal.reason(due) is None


@PROPS
@given(start=st.dates(min_value=D(2024, 1, 1), max_value=D(2025, 12, 31)),
       n=st.integers(min_value=0, max_value=150), cal=any_calendar)
def test_counting_back_gives_n(start: dt.date, n: int, cal: Calendar) -> None:
    assert working_days_between(start, add_working_days(start, n, cal), cal) == n


@PROPS
@given(start=dates, a=counts, b=counts, cal=calendars)
def test_monotonic_in_n(start: dt.date, a: int, b: int, cal: Calendar) -> None:
    if a < b:
        assert add_working_days(start, a, cal) < add_working_days(start, b, cal)


@PROPS
@given(start=st.dates(min_value=D(2024, 1, 1), max_value=D(2025, 12, 31)),
       a=st.integers(0, 120), b=st.integers(0, 120), cal=any_calendar)
def test_additive(start: dt.date, a: int, b: int, cal: Calendar) -> None:
    assert add_working_days(add_working_days(start, a, cal), b, cal) \
        == add_working_days(start, a + b, cal)


@PROPS
@given(received=dates, n=st.integers(min_value=1, max_value=60),
       regime=st.sampled_from(["foia", "eir", "foisa"]))
def test_non_working_receipt_counts_from_the_next_working_day(received: dt.date, n: int,
                                                              regime: str) -> None:
    cal = calendar_for(regime)
    result = compute_deadline(received, regime=regime, working_days=n)
    assert cal.is_working_day(result.day_one)
    assert working_days_between(received, result.day_one, cal) == 1
    if cal.is_working_day(received):
        assert result.received_on is None and result.lenient_due is None
    else:
        # Strict: the same as receipt on the last working day before; lenient: one day later.
        last_working = received
        while not cal.is_working_day(last_working):
            last_working -= dt.timedelta(days=1)
        assert result.due == compute_deadline(last_working, regime=regime, working_days=n).due
        assert result.due == add_working_days(result.day_one, n - 1, cal)
        assert result.received_on
        assert result.lenient_due == add_working_days(result.day_one, n, cal)


@PROPS
@given(received=dates, n=st.integers(min_value=1, max_value=60), regime=st.sampled_from(
    ["foia", "foisa"]))
def test_every_day_until_due_is_accounted_for(received: dt.date, n: int, regime: str) -> None:
    result = compute_deadline(received, regime=regime, working_days=n)
    assert (result.due - received).days == n + result.weekend_days + len(result.skipped)
    for skipped in result.skipped:
        assert received < skipped.date < result.due
        assert skipped.date.weekday() < 5
        assert skipped.reason


@PROPS
@given(received=dates, n=st.integers(min_value=1, max_value=60))
def test_foisa_is_never_later_than_foia(received: dt.date, n: int) -> None:
    # Every Scottish bank holiday is in the union FOIA uses, so FOISA counts at least as fast.
    foia = compute_deadline(received, working_days=n)
    foisa = compute_deadline(received, regime="foisa", working_days=n)
    assert foisa.due <= foia.due
    assert {s.date for s in foisa.skipped} <= {s.date for s in foia.skipped}


def test_shipped_table_matches_the_holidays_package() -> None:
    """The fast table must say exactly what the maintained package says.

    When this fails after the ``holidays`` package is upgraded (a new proclaimed holiday, a
    correction), run ``python tools/make_bank_holidays.py`` and review the diff.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "make_bank_holidays", Path(__file__).parent.parent / "tools" / "make_bank_holidays.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = json.loads((Path(__file__).parent.parent / "drafter" / "_data" /
                          "uk_bank_holidays.json").read_text(encoding="utf-8"))
    fresh = tool.table()
    assert shipped["days"] == fresh["days"], "regenerate: python tools/make_bank_holidays.py"


def test_years_outside_the_table_use_the_package() -> None:
    from drafter.law.calendar import calendar_for as real_calendar

    cal = real_calendar("foia")
    assert not cal.is_working_day(dt.date(2061, 12, 26))  # Boxing Day, a Monday
    assert cal.reason(dt.date(2061, 12, 26)) == "Boxing Day (all UK)"
