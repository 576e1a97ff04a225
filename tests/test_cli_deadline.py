"""``drafter deadline`` through the real entry point: output, JSON contract, exit codes."""

from __future__ import annotations

import json

import pytest

from drafter.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["deadline", *args])
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 0 if code is None else 2), out, err


def test_json_matches_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "2024-12-03", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {k: data[k] for k in ("received", "regime", "working_days", "due", "skipped")} == {
        "received": "2024-12-03",
        "regime": "foia",
        "working_days": 20,
        "due": "2025-01-06",
        "skipped": [
            {"date": "2024-12-25", "reason": "Christmas Day"},
            {"date": "2024-12-26", "reason": "Boxing Day (all UK)"},
            {"date": "2025-01-01", "reason": "New Year's Day (all UK)"},
            {"date": "2025-01-02", "reason": "New Year Holiday (Scotland)"},
        ],
    }
    assert list(data)[:5] == ["received", "regime", "working_days", "due", "skipped"]
    assert data["day_one"] == "2024-12-04"
    assert data["weekend_days"] == 10
    assert data["lenient_due"] is None
    assert "extended_due" not in data


def test_json_with_extension(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2024-12-03", "--regime", "eir", "--extension", "20",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["regime"] == "eir"
    assert data["due"] == "2025-01-06"
    assert data["extended_due"] == "2025-02-03"
    assert data["extension_days"] == 20


def test_json_saturday_receipt_has_lenient_due(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2025-03-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["due"], data["lenient_due"]) == ("2025-03-31", "2025-04-01")
    assert data["received_on_non_working_day"] == "Saturday"


def test_foisa_differs_over_easter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2025-04-03", "--regime", "foisa", "--format", "json")
    assert code == 0
    assert json.loads(out)["due"] == "2025-05-02"


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2024-12-03", "--extension", "20")
    assert code == 0
    assert "Received:    Tuesday 3 December 2024" in out
    assert "Day 1:       Wednesday 4 December 2024" in out
    assert "Due:         Monday 6 January 2025  (working day 20, FOIA s10(1))" in out
    assert "10 weekend days and 4 holidays:" in out
    assert "Thursday 2 January 2025     New Year Holiday (Scotland)" in out
    assert "Extended:    Monday 3 February 2025" in out
    assert "s17(2)" in out


def test_added_bank_holiday(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2025-04-03", "--bank-holiday", "2025-04-29=Proclaimed holiday",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["due"] == "2025-05-07"
    assert {"date": "2025-04-29", "reason": "Proclaimed holiday (added bank holiday)"} \
        in data["skipped"]


@pytest.mark.parametrize(("args", "message"), [
    (["2024-13-03"], "not a real date"),
    (["03/12/2024"], "YYYY-MM-DD"),
    (["yesterday"], "YYYY-MM-DD"),
    (["2024-12-03", "--bank-holiday", "2025-01-03"], "YYYY-MM-DD=Name"),
    (["2024-12-03", "--bank-holiday", "2025-02-30=X"], "not a real date"),
    (["2024-12-03", "--regime", "scotland"], "scotland"),
    (["2024-12-03", "--extension", "many"], "--extension"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str],
                             message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
    assert out == ""


@pytest.mark.parametrize(("args", "message"), [
    (["2024-12-03", "--regime", "foisa", "--extension", "20"], "FOISA has no extension"),
    (["2024-12-03", "--regime", "eir", "--extension", "30"], "40 working days at most"),
    (["2100-12-20"], "no UK bank-holiday data for 2101-01-01"),
    (["2024-12-03", "--working-days", "0"], "at least 1 working day"),
])
def test_user_errors_exit_2_with_a_message(capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("drafter: ")
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_help_warns_against_privilege_days(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "privilege days" in out
    assert "--extension" in out
