"""One fan-out: apply a function to many inputs, in worker processes when there are enough.

``drafter render`` drafts many case files and ``drafter check`` checks many letters the same
way: each input is handled on its own and gives an :class:`Outcome` (a value, or the error
that stopped that input), and the outcomes come back in the order the inputs were given.

Below :data:`PARALLEL_FROM` inputs, or with one worker, the work runs in this process:
starting workers costs more than it saves. Otherwise it runs in a pool of forked workers
(where the platform can fork; elsewhere the default start method, in which case ``work`` must
be picklable: a module-level function or a :func:`functools.partial` of one). Whatever the
parent loaded before the fan-out (the clause library, the rule set, templates) the forked
workers share without loading it again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from drafter.errors import DrafterError

__all__ = ["PARALLEL_FROM", "Outcome", "fan_out", "workers_for"]

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 32
"""Fewer inputs than this are handled in this process (a pool costs more than it saves)."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What became of one input file: its value, or the error that stopped it.

    Attributes:
        path: The input (a case file, a draft letter).
        value: The result, when there was no error.
        error: Why there is no result (its message names the input).
    """

    path: Path
    value: T | None = None
    error: DrafterError | None = None


def workers_for(count: int, jobs: int = 0) -> int:
    """How many worker processes to use for ``count`` inputs (0 or 1: none, work here).

    ``jobs`` is the number asked for; 0 means one per core.
    """
    workers = jobs or (os.cpu_count() or 1)
    if workers <= 1 or count < PARALLEL_FROM:
        return 0
    return min(workers, count)


_WORK: list[Callable[[Any], Any]] = []


def _install(work: Callable[[Any], Any]) -> None:
    _WORK[:] = [work]
    _quiet_worker()


def _quiet_worker() -> None:
    """Set a worker up to leave signals to its parent, and to die with it.

    Ctrl-C reaches every process in the terminal's group: a worker ignores SIGINT, so it
    prints no traceback; the parent stops the pool, which ends each worker with SIGTERM,
    here restored to its default (die at once, silently) rather than the parent's handler it
    inherited. On Linux a worker also gets SIGTERM if the parent dies without stopping it
    (SIGKILL), so no worker is left running.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _call(item: Any) -> Any:
    return _WORK[0](item)


def fan_out(items: Sequence[T], work: Callable[[T], R], *, jobs: int = 0) -> Iterator[R]:
    """``work(item)`` for each of ``items``, in order; in worker processes when there are many.

    ``work`` should not raise for a bad input: it returns an :class:`Outcome` with the error,
    so that one input does not stop the others.
    """
    workers = workers_for(len(items), jobs)
    if not workers:
        for item in items:
            yield work(item)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    chunksize = max(1, min(16, len(items) // (workers * 4)))
    with ctx.Pool(workers, initializer=_install, initargs=(work,)) as pool:
        yield from pool.imap(_call, items, chunksize=chunksize)
