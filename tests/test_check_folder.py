"""``drafter check FOLDER`` checks every letter in it, and the README's first commands work
right after ``make demo``."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, CliResult


def test_folder_checks_every_letter_in_it(tmp_path: Path,
                                          run_cli: Callable[..., CliResult]) -> None:
    out = tmp_path / "out"
    cases = [str(EXAMPLES / "police-ncnd-software.yaml"),
             str(EXAMPLES / "nhs-cost-limit.yaml")]
    assert run_cli("render", *cases, "-o", str(out)).code == 0
    (out / "~$WP-FOI-2025-0311.docx").write_bytes(b"\x00owner file Word keeps while open")
    (out / ".hidden.md").write_text("not a letter", encoding="utf-8")
    (out / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    (out / "sub").mkdir()
    result = run_cli("check", str(out), "--format", "json")
    assert result.code == 0, result.out + result.err
    checked = sorted(Path(p).name for p in re.findall(r'"file": "([^"]+)"', result.out))
    assert checked == sorted(p.name for p in out.iterdir()
                             if p.suffix in (".docx", ".md") and p.name[0] not in ".~")
    assert len(checked) == 4


def test_empty_folder_is_a_usage_error(tmp_path: Path,
                                       run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.code == 2
    assert "holds no letters (.docx, .md, .txt or .pdf files)" in result.err


def _readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("After set-up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.strip().splitlines():
        words = line.split("#", 1)[0].split()
        assert words[0] == ".venv/bin/drafter", line
        commands.append(words[1:])
    return commands


def test_readme_commands_work_right_after_make_demo(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    run_cli: Callable[..., CliResult]) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert len(demo) == 2
    for line in demo:  # what make demo runs, with the shell's globbing done here
        words = line.strip().removeprefix("$(BIN)/drafter ").split()
        expanded = [a for w in words for a in ([w] if "*" not in w else
                                               [str(p.relative_to(tmp_path))
                                                for p in sorted(tmp_path.glob(w))])]
        assert len(expanded) > len(words)  # the glob matched
        assert run_cli(*expanded).code == 0
    for command in _readme_commands():
        result = run_cli(*command)
        assert result.code == 0, f"drafter {' '.join(command)}: {result.err}"
