"""Checking many letters: each read and checked on its own, in order.

The fan-out, in worker processes when there are many letters, is :mod:`drafter.infra.parallel`.
:func:`iter_report` also writes each letter's JSON object where it was checked: the parent
then only joins them, instead of receiving every result whole and writing megabytes of JSON
alone after the workers have finished.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from pathlib import Path

from drafter.check.engine import Checker
from drafter.check.results import CheckResult
from drafter.errors import DocumentReadError, InternalError
from drafter.infra.parallel import Outcome, fan_out, workers_for

__all__ = ["Reported", "iter_check", "iter_report"]


def _check_file(checker: Checker, regime: str | None, path: Path) -> Outcome[CheckResult]:
    from drafter.read import read_document

    try:
        notice = read_document(path)
        return Outcome(path, checker.check(notice, file=str(path), regime=regime))
    except DocumentReadError as exc:
        return Outcome(path, error=exc)
    except Exception as exc:  # one file that trips a bug must not stop the others
        return Outcome(path, error=InternalError(str(path), exc, "checking it"))


# What the first check of a letter imports (the judge, the deadline arithmetic, the readers)
_FIRST_USE = {"": ("drafter.check.judge", "drafter.law.deadlines", "drafter.read"),
              ".docx": ("drafter.read.docx",), ".md": ("drafter.read.markdown",),
              ".txt": ("drafter.read.text",)}


def _preload(paths: Sequence[Path], jobs: int) -> None:
    """Import here what each forked worker would otherwise import for itself (~25 ms each).

    Forked workers share the modules the parent has loaded (:mod:`drafter.infra.parallel`).
    """
    if not workers_for(len(paths), jobs):
        return
    suffixes = {p.suffix.lower() for p in paths}
    for suffix, modules in _FIRST_USE.items():
        if not suffix or suffix in suffixes:
            for module in modules:
                import_module(module)


def iter_check(paths: Sequence[Path], checker: Checker, *, regime: str | None = None,
               jobs: int = 0) -> Iterator[Outcome[CheckResult]]:
    """Check each file in order, in worker processes when there are many of them.

    A file that cannot be read gives an outcome with its error; the others are still checked.
    """
    _preload(paths, jobs)
    return fan_out(paths, partial(_check_file, checker, regime), jobs=jobs)


@dataclass(frozen=True, slots=True)
class Reported:
    """What ``drafter check --format json`` needs of one checked letter.

    Attributes:
        ok: :attr:`CheckResult.ok`.
        json: The letter's JSON object (``CheckResult.as_dict``), as
            :func:`drafter.check.report.render_json` writes one on its own.
    """

    ok: bool
    json: str


def _report_file(checker: Checker, regime: str | None, min_level: str,
                 path: Path) -> Outcome[Reported]:
    from drafter.infra.jsontext import dumps

    checked = _check_file(checker, regime, path)
    if checked.value is None:
        return Outcome(path, error=checked.error)
    return Outcome(path, Reported(checked.value.ok, dumps(checked.value.as_dict(min_level))))


def iter_report(paths: Sequence[Path], checker: Checker, *, min_level: str = "suggestion",
                regime: str | None = None, jobs: int = 0) -> Iterator[Outcome[Reported]]:
    """:func:`iter_check`, each result given as its JSON object (findings from ``min_level``).

    For :func:`drafter.check.report.join_json`.
    """
    _preload(paths, jobs)
    return fan_out(paths, partial(_report_file, checker, regime, min_level), jobs=jobs)
