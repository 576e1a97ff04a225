"""Shared fixtures: run the CLI in-process, and build small case folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``drafter ARGS`` in-process; return exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


AUTHORITY: dict[str, Any] = {
    "name": "Example Borough Council",
    "address": ["Town Hall", "Exampletown", "EX1 1AA"],
    "email": "foi@example.gov.uk",
    "cost_limit": 450,
    "internal_review": {
        "contact": "the Information Governance Manager, Town Hall, Exampletown EX1 1AA",
        "request_within_working_days": 40,
    },
    "signatory": {"name": "Sam Officer", "title": "Information Rights Officer"},
}


def base_case(**overrides: Any) -> dict[str, Any]:
    """A valid s43(2) refusal, as plain data, with top-level keys replaced by ``overrides``."""
    case: dict[str, Any] = {
        "regime": "foia",
        "reference": "FOI-2025-0142",
        "authority": "authority.yaml",
        "requester": {"name": "Alex Example", "email": "alex@example.org"},
        "received": "2025-03-14",
        "sent": "2025-04-09",
        "subject": "Contract with Example Systems Ltd",
        "parts": [{
            "number": 1,
            "request": "A copy of the contract with Example Systems Ltd.",
            "outcome": "refused",
            "exemptions": [{
                "cite": "s43(2)",
                "likelihood": "would_be_likely",
                "harm": ["commercial-negotiating-position"],
                "reasons": "The contract runs until 2027 and is being re-tendered.",
                "public_interest": {
                    "for_disclosure": ["transparency-public-spending"],
                    "against_disclosure": ["fair-competition"],
                    "conclusion": "maintain-exemption",
                },
            }],
        }],
    }
    case.update(overrides)
    return case


@pytest.fixture
def case_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write a case (and the standard authority profile) into tmp_path; return the case path."""

    def write(case: dict[str, Any] | str | None = None, name: str = "case.yaml") -> Path:
        (tmp_path / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
        path = tmp_path / name
        text = case if isinstance(case, str) else yaml.safe_dump(
            case if case is not None else base_case(), allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


_CACHE_HOME: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Give the run its own empty user cache, before collection loads anything.

    The tests then never read entries a developer's own drafter left in ~/.cache/drafter
    (so they test what is on disk now) and never write there.
    """
    folder = tempfile.mkdtemp(prefix="drafter-test-cache-")
    _CACHE_HOME.append(os.environ.get("XDG_CACHE_HOME", ""))
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.get("XDG_CACHE_HOME", "")
    if _CACHE_HOME:
        previous = _CACHE_HOME.pop()
        if previous:
            os.environ["XDG_CACHE_HOME"] = previous
        else:
            os.environ.pop("XDG_CACHE_HOME", None)
    if folder and Path(folder).name.startswith("drafter-test-cache-"):
        shutil.rmtree(folder, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (review the diff)")
