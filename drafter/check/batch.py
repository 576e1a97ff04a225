"""Checking many letters: in order, in worker processes when there are many of them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.check.engine import Checker
from drafter.check.results import CheckResult
from drafter.errors import DocumentReadError

__all__ = ["PARALLEL_FROM", "FileOutcome", "iter_check"]


@dataclass
class FileOutcome:
    """One file's result, or why it could not be read."""

    path: Path
    result: CheckResult | None = None
    error: str | None = None


_STATE: dict[str, Any] = {}
PARALLEL_FROM = 32


def _setup(checker: Checker, regime: str | None) -> None:
    _STATE["checker"] = checker
    _STATE["regime"] = regime


def _one(path: Path) -> FileOutcome:
    from drafter.read import read_document

    checker: Checker = _STATE["checker"]
    try:
        notice = read_document(path)
    except DocumentReadError as exc:
        return FileOutcome(path, error=str(exc))
    return FileOutcome(path, result=checker.check(notice, file=str(path),
                                                  regime=_STATE["regime"]))


def iter_check(paths: Sequence[Path], checker: Checker, *, regime: str | None = None,
               jobs: int = 0) -> Iterator[FileOutcome]:
    """Check each file in order, in worker processes when there are many of them."""
    import os

    workers = jobs or (os.cpu_count() or 1)
    _setup(checker, regime)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield _one(path)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_setup, initargs=(checker, regime)) as pool:
        yield from pool.imap(_one, paths, chunksize=16)
