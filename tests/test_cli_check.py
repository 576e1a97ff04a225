"""``drafter check``: output formats, --min-level, --rules, and the exit codes."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.test_check import GOOD, REVIEW

FIXTURES = Path(__file__).parent / "checker_fixtures"

Run = Callable[..., Any]


@pytest.fixture
def letters(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(textwrap.dedent(GOOD.replace(REVIEW, "")) +
                   "\nDisclosure could embarrass officers.\n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    return {"good": good, "bad": bad, "broken": broken}


def test_clean_letter_exits_0_with_one_json_object(run_cli: Run,
                                                   letters: dict[str, Path]) -> None:
    result = run_cli("check", "--format", "json", str(letters["good"]))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict) and data["ok"] is True
    assert data["file"] == str(letters["good"]) and data["exemptions"] == ["s43(2)"]


def test_errors_exit_1_and_no_fail_exits_0(run_cli: Run, letters: dict[str, Path]) -> None:
    result = run_cli("check", "--format", "json", str(letters["bad"]))
    assert result.code == 1
    data = json.loads(result.out)
    assert data["ok"] is False
    assert {"internal_review", "ico_right", "irrelevant-pit-factor"} <= {
        f["id"] for f in data["findings"]}
    assert run_cli("check", "--no-fail", str(letters["bad"])).code == 0


def test_several_files_give_an_array_and_unreadable_exits_2(run_cli: Run,
                                                            letters: dict[str, Path]) -> None:
    result = run_cli("check", "--format", "json", "--no-fail", str(letters["good"]),
                     str(letters["broken"]), str(letters["bad"]))
    assert result.code == 2
    data = json.loads(result.out)
    assert [d["file"] for d in data] == [str(letters[k]) for k in ("good", "broken", "bad")]
    assert data[1]["ok"] is False and "damaged" in data[1]["error"]
    assert "elements" in data[2]
    assert "damaged" in result.err and "Traceback" not in result.err


def test_min_level_filters_the_display_only(run_cli: Run, letters: dict[str, Path]) -> None:
    result = run_cli("check", "--format", "json", "--min-level", "error", str(letters["bad"]))
    data = json.loads(result.out)
    assert result.code == 1
    assert data["findings"] and {f["level"] for f in data["findings"]} == {"error"}
    text = run_cli("check", "--min-level", "error", str(letters["bad"])).out
    assert "irrelevant-pit-factor" not in text and "ico_right" in text


def test_text_output_is_a_table(run_cli: Run, letters: dict[str, Path]) -> None:
    result = run_cli("check", str(letters["good"]), str(letters["bad"]))
    assert result.code == 1
    out = result.out
    assert "states_refusal" in out and "s17(1)(a)" in out and "present" in out
    assert "OK: no findings" in out and "FAIL" in out
    assert "2 files: 1 ok, 1 with errors" in out


def test_fixture_not_a_refusal(run_cli: Run) -> None:
    result = run_cli("check", str(FIXTURES / "disclosure-letter.txt"))
    assert result.code == 0
    assert "not a refusal" in result.out


def test_regime_option(run_cli: Run, letters: dict[str, Path]) -> None:
    result = run_cli("check", "--format", "json", "--regime", "eir", str(letters["good"]))
    assert json.loads(result.out)["regime"] == "eir"
    assert run_cli("check", "--regime", "gdpr", str(letters["good"])).code == 2


def test_bad_rules_folder_exits_2(run_cli: Run, letters: dict[str, Path],
                                  tmp_path: Path) -> None:
    assert run_cli("check", "--rules", str(tmp_path / "nope"), str(letters["good"])).code == 2
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "r.yaml").write_text("rules:\n  - id: x\n    extends: nonsense\n")
    result = run_cli("check", "--rules", str(folder), str(letters["good"]))
    assert result.code == 2
    assert "r.yaml:3" in result.err and "not a rule kind" in result.err


def test_house_rules_apply(run_cli: Run, letters: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "r.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: house-reference
            extends: requires
            level: error
            message: Quote the case reference in the form FOI-YYYY-NNNN.
            statute: House style
            patterns: ['FOI-\\d{4}-\\d{4}']
        """))
    good = run_cli("check", "--rules", str(folder), str(letters["good"]))
    assert good.code == 0, good.out
    plain = tmp_path / "plain.txt"
    plain.write_text(letters["good"].read_text().replace("FOI-2025-0100", "our file"))
    result = run_cli("check", "--format", "json", "--rules", str(folder), str(plain))
    assert result.code == 1
    assert "house-reference" in {f["id"] for f in json.loads(result.out)["findings"]}


def test_many_files_in_worker_processes(run_cli: Run, letters: dict[str, Path]) -> None:
    paths = [str(letters["good"])] * 40
    result = run_cli("check", "--format", "json", "--jobs", "2", *paths)
    assert result.code == 0
    assert len(json.loads(result.out)) == 40


def test_help_lists_the_contract_options(run_cli: Run) -> None:
    out = run_cli("check", "--help").out
    for option in ("--format", "--regime", "--min-level", "--no-fail", "--rules"):
        assert option in out


def test_a_broken_library_stops_check_as_it_stops_render(run_cli: Run, tmp_path: Path,
                                                         letters: dict[str, Path]) -> None:
    """One reader of the clause library: check cannot judge with a library render rejects.

    (Before, check read the clause files a second way, skipped what it could not parse and
    reported the letter ok on the built-in library alone.)
    """
    broken = tmp_path / "broken-library"
    broken.mkdir()
    (broken / "house.yaml").write_text("provisions:\n  - [broken\n", encoding="utf-8")
    example = Path(__file__).parent.parent / "examples" / "council-vexatious.yaml"
    rendered = run_cli("render", str(example), "-o", str(tmp_path / "out"),
                       "--library", str(broken))
    checked = run_cli("check", str(letters["good"]), "--library", str(broken))
    assert rendered.code == checked.code == 2
    assert checked.out == ""
    assert f"{broken / 'house.yaml'}:3: YAML syntax error" in checked.err
    assert checked.err == rendered.err
    assert "Traceback" not in checked.err


def test_an_override_library_changes_what_check_knows(run_cli: Run, tmp_path: Path,
                                                      letters: dict[str, Path]) -> None:
    """An override that replaces s43(2) is validated and used, as render uses it."""
    from drafter.infra.resources import clauses_dir

    folder = tmp_path / "house"
    folder.mkdir()
    text = (clauses_dir() / "s43.yaml").read_text(encoding="utf-8")
    assert "    cite: s43(2)\n    section: \"43\"\n" in text
    assert run_cli("check", str(letters["good"]), "--library", str(folder)).code == 0
    # The house file (wrongly) calls s43(2) absolute: the letter's public interest test is
    # then the defect the checker reports (FOIA s2(3) lists the absolute exemptions).
    absolute = text.replace("    absolute: false\n    test: prejudice\n    ncnd: s43(3)\n",
                            "    absolute: true\n    test: prejudice\n    ncnd: s43(3)\n", 1)
    assert absolute != text
    (folder / "s43.yaml").write_text(absolute, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(letters["good"]),
                              "--library", str(folder)).out)
    assert "absolute-given-pit" in {f["id"] for f in data["findings"]}
    # A key the library does not know is a located error, not silently skipped.
    (folder / "s43.yaml").write_text(text.replace("    section: \"43\"\n",
                                                  "    section: \"43\"\n    sectoin: 43\n", 1),
                                     encoding="utf-8")
    bad_key = run_cli("check", str(letters["good"]), "--library", str(folder))
    assert bad_key.code == 2 and "s43.yaml" in bad_key.err and "sectoin" in bad_key.err
