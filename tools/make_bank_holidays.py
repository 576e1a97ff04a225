"""Regenerate drafter/_data/uk_bank_holidays.json from the ``holidays`` package.

drafter computes deadlines from this table so that a one-letter run does not pay the
``holidays`` package's start-up cost (about 0.2 s per process); years outside the table fall
back to the package itself. ``tests/test_deadlines.py`` fails when the installed package and
the table disagree: then run ``python tools/make_bank_holidays.py`` and review the diff.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

FIRST, LAST = 2000, 2045
OUT = Path(__file__).resolve().parent.parent / "drafter" / "_data" / "uk_bank_holidays.json"


def table() -> dict[str, object]:
    """Every UK bank holiday of FIRST..LAST with the nations that keep it."""
    from drafter.law.calendar import NATIONS, compute_year_table

    days = []
    for year in range(FIRST, LAST + 1):
        for day, names in compute_year_table(year).items():
            for name, codes in names.items():
                days.append([day.isoformat(), name, sorted(c for c in NATIONS if c in codes)])
    return {"source": f"holidays {version('holidays')}", "first_year": FIRST,
            "last_year": LAST, "days": days}


def main() -> None:
    """Write the table."""
    OUT.write_text(json.dumps(table(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
