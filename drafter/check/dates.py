"""Written dates: the ``{date}`` pattern macro and parsing what it matches."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DATE", "long_date", "parse_date"]

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# \b after the month: "4 Marsh Street" and "12 Junction Road" are addresses, not dates
DATE = (rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?,?(?:\s+\d{{4}})?"
        rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})")
"""What ``{date}`` in a pattern stands for: 3 December 2024, 3rd Dec, 03/12/2024, 2024-12-03."""

_MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_DATE = re.compile(DATE, re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})", re.I)
_MDY = re.compile(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """Parse the first written date in ``text`` (UK order); None without a year or a date."""
    m = _DATE.search(text)
    if m is None:
        return None
    found = m.group()
    try:
        if (iso := _ISO.fullmatch(found)) is not None:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if (num := _NUMERIC.fullmatch(found)) is not None:
            year = int(num[3]) + (2000 if len(num[3]) == 2 else 0)
            return dt.date(year, int(num[2]), int(num[1]))
        if (dmy := _DMY.match(found)) is not None and dmy[2].lower() in _MONTHS:
            return dt.date(int(dmy[3]), _MONTHS[dmy[2].lower()], int(dmy[1]))
        if (mdy := _MDY.match(found)) is not None and mdy[1].lower() in _MONTHS:
            return dt.date(int(mdy[3]), _MONTHS[mdy[1].lower()], int(mdy[2]))
    except ValueError:
        return None
    return None


def long_date(day: dt.date) -> str:
    """``3 December 2024``."""
    return f"{day.day} {day:%B %Y}"
