"""Checking many letters: each read and checked on its own, in order.

The fan-out, in worker processes when there are many letters, is :mod:`drafter.infra.parallel`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from drafter.check.engine import Checker
from drafter.check.results import CheckResult
from drafter.errors import DocumentReadError, InternalError
from drafter.infra.parallel import Outcome, fan_out

__all__ = ["iter_check"]


def _check_file(checker: Checker, regime: str | None, path: Path) -> Outcome[CheckResult]:
    from drafter.read import read_document

    try:
        notice = read_document(path)
        return Outcome(path, checker.check(notice, file=str(path), regime=regime))
    except DocumentReadError as exc:
        return Outcome(path, error=exc)
    except Exception as exc:  # one file that trips a bug must not stop the others
        return Outcome(path, error=InternalError(str(path), exc, "checking it"))


def iter_check(paths: Sequence[Path], checker: Checker, *, regime: str | None = None,
               jobs: int = 0) -> Iterator[Outcome[CheckResult]]:
    """Check each file in order, in worker processes when there are many of them.

    A file that cannot be read gives an outcome with its error; the others are still checked.
    """
    return fan_out(paths, partial(_check_file, checker, regime), jobs=jobs)
