"""Override templates and house rules are bounded (probe M13, M16, M4 for rule folders)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_clean_refusal, drafter

RUNAWAY = {
    "nested-loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                    "{% endfor %}",
    "huge-string": "{{ 'x' * 10**10 }}",
    "huge-power": "{{ 10 ** 100000000 }}",
    "lipsum": "{{ lipsum(10**7) }}",
    "big-range": "{% for i in range(10**9) %}{{ i }}{% endfor %}",
    "padding": "{{ 'x'|center(10**9) }}",
    "recursive-macro": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "self-include": "{% include 'partials/rights.j2' %}",
}


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_m13_runaway_template_is_stopped_and_named(name: str, case_in: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "partials"
    folder.mkdir(parents=True)
    (folder / "rights.j2").write_text(RUNAWAY[name], encoding="utf-8")
    run = drafter("render", case_in(), "-o", tmp_path / "out", "--templates",
                  tmp_path / "templates", timeout=60)
    assert_clean_refusal(run, "rights.j2")
    assert run.seconds < 30
    assert not (tmp_path / "out").exists()


def test_m13_runaway_clause_text_in_an_override_library(case_in: Callable[..., Path],
                                                        tmp_path: Path) -> None:
    import yaml

    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "harms.yaml").write_text(yaml.safe_dump({"harms": [{
        "id": "commercial-negotiating-position", "title": "Overridden", "tags": ["s43"],
        "text": RUNAWAY["nested-loops"]}]}), encoding="utf-8")
    run = drafter("render", case_in(), "-o", tmp_path / "out", "--library", folder, timeout=60)
    assert_clean_refusal(run)
    assert run.seconds < 30
    run = drafter("clauses", "lint", "--library", folder, timeout=60)
    assert run.code in (1, 2), run.err
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert run.seconds < 30


def _rules(folder: Path, pattern: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "house.yaml").write_text(f"""\
rules:
  - id: house-test
    extends: forbids
    level: warning
    message: "test"
    patterns:
      - '{pattern}'
""", encoding="utf-8")
    return folder


@pytest.mark.parametrize("pattern", ["(?=(a|aa)*)b", "(a|a)*$", "(?:x|xy)+z", "(a+)+$"])
def test_m16_house_rule_that_can_backtrack_forever_is_refused(pattern: str,
                                                              tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear requester,\n\n" + "a" * 60 + "!\n")
    folder = _rules(tmp_path / "rules", pattern)
    run = drafter("check", letter, "--rules", folder, timeout=30)
    assert_clean_refusal(run, "house.yaml", "exponential time")
    assert run.seconds < 10


def test_m4_fifo_in_a_rules_folder(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear requester,\n\nWe hold the information.\n")
    folder = tmp_path / "rules"
    folder.mkdir()
    os.mkfifo(folder / "house.yaml")
    run = drafter("check", letter, "--rules", folder, timeout=15)
    assert_clean_refusal(run, "house.yaml", "not a regular file")


def test_m4_fifo_in_a_library_or_templates_folder_never_hangs(
        case_in: Callable[..., Path], tmp_path: Path) -> None:
    # A FIFO is not a clause file or a template: it is passed over, never opened.
    lib = tmp_path / "lib"
    lib.mkdir()
    os.mkfifo(lib / "harms.yaml")
    templates = tmp_path / "templates" / "partials"
    templates.mkdir(parents=True)
    os.mkfifo(templates / "rights.j2")
    run = drafter("render", case_in(), "-o", tmp_path / "out", "--library", lib, "--templates",
                  tmp_path / "templates", timeout=15)
    assert run.code == 0, run.err
    assert run.seconds < 10


def test_m2_a_huge_override_template_is_refused_by_size(case_in: Callable[..., Path],
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "partials"
    folder.mkdir(parents=True)
    (folder / "rights.j2").write_text("x" * (20 * 1024 * 1024), encoding="utf-8")
    run = drafter("render", case_in(), "-o", tmp_path / "out", "--templates",
                  tmp_path / "templates", timeout=60)
    assert_clean_refusal(run, "rights.j2", "a template may be at most")
    assert run.seconds < 15
