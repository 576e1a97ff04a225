"""One fan-out for render and check: outcomes in input order, in workers or not, same result."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from drafter.check import Checker, iter_check
from drafter.check.ruleset import load_rules
from drafter.errors import DocumentReadError, UserError
from drafter.infra.parallel import PARALLEL_FROM, Outcome, fan_out, workers_for


def _square_or_fail(offset: int, path: Path) -> Outcome[int]:
    n = int(path.stem)
    if n % 7 == 3:
        return Outcome(path, error=UserError(f"{path}: seven threes"))
    return Outcome(path, (n + offset) ** 2)


def test_few_inputs_or_one_worker_run_here_many_run_in_workers() -> None:
    assert workers_for(PARALLEL_FROM - 1, jobs=8) == 0
    assert workers_for(1000, jobs=1) == 0
    assert workers_for(PARALLEL_FROM, jobs=2) == 2
    assert workers_for(PARALLEL_FROM, jobs=1000) == PARALLEL_FROM


@pytest.mark.parametrize("jobs", [1, 2])
def test_outcomes_come_back_in_input_order_with_their_errors(jobs: int) -> None:
    paths = [Path(f"{n}.yaml") for n in range(PARALLEL_FROM * 3)]
    outcomes = list(fan_out(paths, partial(_square_or_fail, 1), jobs=jobs))
    assert [o.path for o in outcomes] == paths
    for n, o in enumerate(outcomes):
        if n % 7 == 3:
            assert o.value is None and isinstance(o.error, UserError)
            assert str(o.error) == f"{n}.yaml: seven threes"
        else:
            assert o.value == (n + 1) ** 2 and o.error is None


def test_checking_many_letters_in_workers_gives_what_one_process_gives(tmp_path: Path) -> None:
    letters = []
    for n in range(PARALLEL_FROM + 2):
        path = tmp_path / f"letter-{n}.txt"
        path.write_text(f"Dear requester,\n\nWe refuse part {n} of your request under "
                        f"section {21 + n % 20}(1).\n", encoding="utf-8")
        letters.append(path)
    letters.insert(5, tmp_path / "missing.docx")
    checker = Checker(load_rules())
    serial = list(iter_check(letters, checker, jobs=1))
    forked = list(iter_check(letters, checker, jobs=2))
    assert [o.path for o in forked] == letters
    assert [o.value for o in forked] == [o.value for o in serial]
    assert isinstance(forked[5].error, DocumentReadError)
    assert str(forked[5].error) == str(serial[5].error)
    assert serial[0].value is not None and serial[0].value.exemptions == ["s21(1)"]
