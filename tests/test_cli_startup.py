"""The CLI's start-up shortcuts change nothing a user can see."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.cli import _startup
from drafter.cli._startup import MODULES, register

ROOT = Path(__file__).resolve().parent.parent


def drafter(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "drafter", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=False)


def test_every_command_is_in_the_table() -> None:
    from drafter.cli._app import app

    register()
    names = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    names |= {g.name for g in app.registered_groups if g.name}
    assert names == set(MODULES)


@pytest.mark.parametrize("args", [["render", "--help"], ["check", "--help"],
                                  ["clauses", "list", "--help"], ["new", "--help"],
                                  ["deadline", "2025-01-06"], ["--help"], ["nosuch"],
                                  ["render", "--nosuch"]])
def test_one_command_runs_as_with_all_registered(run_cli: Callable[..., Any], tmp_path: Path,
                                                 args: list[str]) -> None:
    in_process = run_cli(*args)
    alone = drafter(*args, tmp_path=tmp_path)
    assert (alone.returncode, alone.stdout, alone.stderr) == \
        (in_process.code, in_process.out, in_process.err)


def test_a_caller_s_garbage_collector_is_left_alone(run_cli: Callable[..., Any]) -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    run_cli("deadline", "2025-01-06")
    run_cli("render", "--help")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_collecting_again_only_undoes_a_pause() -> None:
    frozen = gc.get_freeze_count()
    _startup.collect_garbage_from_here()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    try:
        _startup.pause_garbage_collection()
        assert not gc.isenabled()
        _startup.collect_garbage_from_here()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
