"""Bad case files: a clear message naming file, line and fix; exit 2; never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, base_case

GOOD = """\
reference: FOI-1
authority: authority.yaml
received: 2025-03-14
sent: 2025-04-09
parts:
  - number: 1
    request: "A copy of the contract."
    outcome: not_held
    not_held: "We searched the contracts register and found no such contract."
"""

BAD: list[tuple[str, str, str, int | None]] = [
    ("syntax", GOOD.replace('request: "A copy', 'request: "A copy: of'.replace('"', "")),
     "YAML syntax error", None),
    ("bad-indent", GOOD.replace("    outcome:", "   outcome:"), "YAML syntax error", 8),
    ("duplicate-key", GOOD.replace("sent: 2025-04-09\n", "sent: 2025-04-09\nsent: 2025-04-10\n"),
     "duplicate key 'sent' (first given on line 4)", 5),
    ("wrong-type", GOOD.replace("received: 2025-03-14", "received: next tuesday"),
     "'next tuesday' is not a date", 3),
    ("unknown-key-near-miss", GOOD.replace("received:", "recieved:"),
     "unknown key 'recieved'", 3),
    ("bad-outcome", GOOD.replace("outcome: not_held", "outcome: refuse"),
     "'refuse' is not allowed here", 8),
    ("empty", "", "case file is empty", None),
    ("comments-only", "# nothing here\n", "holds no YAML document", None),
    ("list-not-mapping", "- a\n- b\n", "must be a mapping of keys", 1),
    ("blank-request", GOOD.replace('"A copy of the contract."', '"   "'),
     "the requester's words must be quoted", 7),
]


@pytest.mark.parametrize(("name", "text", "message", "line"), BAD, ids=[b[0] for b in BAD])
def test_bad_case_file(name: str, text: str, message: str, line: int | None,
                       case_dir: Callable[..., Path], run_cli: Callable[..., CliResult],
                       tmp_path: Path) -> None:
    path = case_dir(text)
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 2, result.err
    assert message in result.err
    assert str(path) in result.err
    if line is not None:
        assert f"{path}:{line}" in result.err
    assert "Traceback" not in result.err


def test_near_miss_suggests_the_right_key(case_dir: Callable[..., Path],
                                          run_cli: Callable[..., CliResult],
                                          tmp_path: Path) -> None:
    result = run_cli("render", str(case_dir(GOOD.replace("received:", "recieved:"))))
    assert "did you mean 'received'?" in result.err


def test_binary_file(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = run_cli("render", str(path))
    assert result.code == 2
    assert "binary file" in result.err


def test_missing_file(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("render", str(tmp_path / "nope.yaml"))
    assert result.code == 2
    assert "case file not found" in result.err


def test_alias_bomb(case_dir: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    result = run_cli("render", str(case_dir("\n".join(lines) + "\n")))
    assert result.code == 2
    assert "alias bomb" in result.err


@pytest.mark.parametrize("where", ["../authority.yaml", "/etc/passwd", "missing.yaml"])
def test_authority_path_must_stay_in_folder(where: str, case_dir: Callable[..., Path],
                                            run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("render", str(case_dir(base_case(authority=where))))
    assert result.code == 2
    expected = "not found" if where == "missing.yaml" else "points outside the folder"
    assert expected in result.err
    assert "--authority" in result.err or "not found" in result.err


def test_control_characters_removed_and_reported(case_dir: Callable[..., Path],
                                                 run_cli: Callable[..., CliResult],
                                                 tmp_path: Path) -> None:
    case = base_case()
    case["parts"][0]["request"] = "Bell\x07 and form\x0cfeed"
    out = tmp_path / "out"
    result = run_cli("render", str(case_dir(case)), "-o", str(out))
    assert result.code == 0, result.err
    assert "removed 2 control characters" in result.err
    assert "parts[0].request" in result.err
    assert "Bell and formfeed" in (out / "FOI-2025-0142.md").read_text(encoding="utf-8")
