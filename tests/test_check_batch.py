"""check/batch: letters checked in workers, each written as JSON where it was checked.

``drafter check --format json`` joins the objects the workers wrote
(:func:`drafter.check.report.join_json`); the text must be exactly what
:func:`drafter.check.report.render_json` writes from the whole results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Checker, iter_check
from drafter.check.batch import iter_report
from drafter.check.report import join_json, render_json
from drafter.check.ruleset import load_rules
from drafter.library.facts import provision_records

FIXTURES = Path(__file__).parent / "checker_fixtures"


def _letters(tmp_path: Path) -> list[Path]:
    letters = sorted(FIXTURES.glob("*.txt"))
    bad = tmp_path / "damaged.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    return [letters[0], bad, *letters[1:]]


@pytest.mark.parametrize("count", [1, 2, 4])
@pytest.mark.parametrize("min_level", ["suggestion", "error"])
def test_joined_objects_are_the_report_of_the_whole_results(tmp_path: Path, count: int,
                                                            min_level: str) -> None:
    checker = Checker(load_rules(()), provision_records(()))
    paths = _letters(tmp_path)[:count]
    whole = list(iter_check(paths, checker, jobs=1))
    reported = list(iter_report(paths, checker, min_level=min_level, jobs=1))
    assert join_json(reported) == render_json(whole, min_level=min_level)
    assert [o.value is None for o in reported] == [o.value is None for o in whole]
    assert [o.value.ok for o in reported if o.value] == [o.value.ok for o in whole if o.value]


def test_workers_write_the_same_report(tmp_path: Path) -> None:
    checker = Checker(load_rules(()), provision_records(()))
    paths = [p for _ in range(12) for p in _letters(tmp_path)]  # enough for worker processes
    whole = render_json(list(iter_check(paths, checker, jobs=1)))
    assert join_json(list(iter_report(paths, checker, jobs=2))) == whole
