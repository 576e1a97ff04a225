"""Helpers for the hostile-input suite: every bad input is generated here, at test time.

Each test runs drafter as a separate process, as a user would, under a wall-clock timeout
and an address-space limit, so a hang or a memory blow-up fails the test instead of the
machine. No bomb, FIFO or broken file is checked into the repository.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import AUTHORITY, base_case

MEMORY_LIMIT = 1024 * 1024 * 1024
"""Address space each drafter process may use (a normal run needs under 700 MB of it)."""


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def drafter(*args: str | Path, cwd: Path | None = None, timeout: float = 30,
            env: dict[str, str] | None = None, memory: int = MEMORY_LIMIT) -> Run:
    """Run ``python -m drafter ARGS`` with a timeout and a memory limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    full_env = {**os.environ, **(env or {})}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(os.fsdecode, args)],
                          capture_output=True, timeout=timeout, cwd=cwd, env=full_env,
                          preexec_fn=limit, check=False)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "backslashreplace"),
               proc.stderr.decode("utf-8", "backslashreplace"), time.monotonic() - start)


def assert_clean_refusal(run: Run, *words: str, code: int = 2) -> None:
    """Exit ``code`` with a message holding ``words``, and no traceback or internal error."""
    assert run.code == code, (run.code, run.err[-2000:])
    assert "Traceback" not in run.err, run.err[-2000:]
    assert "internal error" not in run.err, run.err[-2000:]
    for word in words:
        assert word in run.err, (word, run.err[-2000:])


def write_case(folder: Path, case: dict[str, Any] | None = None, *, name: str = "case.yaml",
               text: str | None = None) -> Path:
    """A case file (and the standard authority profile beside it) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = folder / name
    if text is None:
        text = yaml.safe_dump(case if case is not None else base_case(), allow_unicode=True,
                              sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def case_text(**overrides: Any) -> str:
    """The YAML text of the standard case, top-level keys replaced by ``overrides``."""
    return yaml.safe_dump(base_case(**overrides), allow_unicode=True, sort_keys=False)


@pytest.fixture
def case_in(tmp_path: Path) -> Callable[..., Path]:
    """Write a case into tmp_path (see :func:`write_case`)."""

    def make(case: dict[str, Any] | None = None, *, text: str | None = None,
             name: str = "case.yaml") -> Path:
        return write_case(tmp_path, case, name=name, text=text)

    return make
