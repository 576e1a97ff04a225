"""``drafter deadline --regime``, ``drafter new --regime`` and the drafted letters agree.

EIR reg 5(2) (20 working days, bank holidays anywhere in the UK) and reg 7(1) (40 with an
extension); FOISA s10(1) with the s73 definition of a working day (Scottish bank holidays
only); the review windows of EIR reg 11(2) and FOISA s20(5) (40 working days).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from drafter.draft.casefile import load_case
from drafter.draft.newcase import new_case_text
from drafter.draft.pipeline import render_case
from drafter.draft.validate import validate_case
from drafter.law.deadlines import compute_deadline
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from tests.conftest import AUTHORITY, EXAMPLES, CliResult

LIB = load_library()
REGIME_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml")
                         if p.stem.startswith(("eir-", "foisa-")))


def _due_from_cli(run_cli: Callable[..., CliResult], received: dt.date, regime: str,
                  *extra: str) -> dict[str, str]:
    result = run_cli("deadline", received.isoformat(), "--regime", regime, "--format", "json",
                     *extra)
    assert result.code == 0, result.err
    data: dict[str, str] = json.loads(result.out)
    return data


@pytest.mark.parametrize("case_path", REGIME_EXAMPLES, ids=[p.stem for p in REGIME_EXAMPLES])
def test_example_letter_agrees_with_drafter_deadline(case_path: Path,
                                                     run_cli: Callable[..., CliResult]) -> None:
    loaded = load_case(case_path)
    validated = validate_case(loaded, LIB, today=dt.date(2026, 1, 1))
    regime = str(loaded.case.regime)
    cli = _due_from_cli(run_cli, loaded.case.received, regime)
    assert validated.due.isoformat() == cli["due"]
    assert not validated.late  # the examples are on time


def test_foisa_counts_scottish_holidays_only(run_cli: Callable[..., CliResult]) -> None:
    # Received Thursday 31 July 2025: the Scottish summer holiday (Mon 4 August) is skipped
    # under FOISA s73 but not under the EIR, whose working days skip only the English one on
    # 25 August (which FOISA counts).
    received = dt.date(2025, 7, 31)
    foisa = _due_from_cli(run_cli, received, "foisa")["due"]
    eir = _due_from_cli(run_cli, received, "eir")["due"]
    assert foisa == "2025-08-29"
    assert eir == "2025-09-01"


def test_eir_reg7_extension_moves_the_letter_to_the_40th_day(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    case = yaml.safe_load((EXAMPLES / "eir-council-waste-contract.yaml").read_text("utf-8"))
    (tmp_path / "authorities").mkdir()
    for name in ("northbridge-council.yaml", "northbridge-letterhead.docx"):
        (tmp_path / "authorities" / name).write_bytes(
            (EXAMPLES / "authorities" / name).read_bytes())
    case["sent"] = "2025-07-25"
    case["extension"] = {"notified": "2025-06-20", "reasons": "The contract file runs to "
                         "thirty boxes of paper records that must be read page by page."}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    validated = validate_case(load_case(path), LIB, today=dt.date(2026, 1, 1))
    cli = _due_from_cli(run_cli, dt.date(2025, 6, 2), "eir", "--extension", "20")
    assert validated.due.isoformat() == cli["extended_due"] == "2025-07-29"  # 14 July: NI holiday
    assert not validated.late and not validated.errors
    rendered = render_case(path, lib=LIB, env=make_environment(), out_dir=tmp_path / "out",
                           today=dt.date(2026, 1, 1))
    md = next(d for p, d in rendered.files.items() if p.suffix == ".md").decode("utf-8")
    assert "regulation 7(1)" in md and "29 July 2025" in md


@pytest.mark.parametrize("regime", ["eir", "foisa"])
def test_new_case_states_the_due_date_the_letter_uses(regime: str, tmp_path: Path,
                                                      run_cli: Callable[..., CliResult]) -> None:
    today = dt.date(2025, 12, 15)  # Christmas and New Year (and 2 January in Scotland) between
    text = new_case_text("REF-1", today, regime)
    due = compute_deadline(today, regime=regime).due
    stated = re.search(r"# Reply due: (\d{1,2} \w+ \d{4})", text)
    assert stated and stated.group(1) == f"{due.day} {due:%B %Y}"
    assert _due_from_cli(run_cli, today, regime)["due"] == due.isoformat()
    (tmp_path / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_case(path)
    assert str(loaded.case.regime) == regime
    validated = validate_case(loaded, LIB, today=today)
    assert validated.due == due
    # The starter's citations, harms, factors and conclusions all exist for its regime; only
    # the example text is left to replace.
    assert not validated.errors, [str(p) for p in validated.errors]
    assert {p.message.split(":")[0] for p in validated.warnings} == {
        "still holds the example text from 'drafter new'"}


def test_new_rejects_an_unknown_regime(tmp_path: Path,
                                       run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("new", "REF-2", "-o", str(tmp_path / "x.yaml"), "--regime", "scots")
    assert result.code == 2 and "unknown regime" in result.err
    assert not (tmp_path / "x.yaml").exists()
    ok = run_cli("new", "REF-3", "-o", str(tmp_path / "y.yaml"), "--regime", "eir")
    assert ok.code == 0 and "regime: eir" in (tmp_path / "y.yaml").read_text("utf-8")


@pytest.mark.parametrize("case_path", REGIME_EXAMPLES, ids=[p.stem for p in REGIME_EXAMPLES])
def test_example_passes_drafter_check_for_its_regime(case_path: Path, tmp_path: Path,
                                                     run_cli: Callable[..., CliResult]) -> None:
    regime = case_path.stem.split("-")[0]
    rendered = render_case(case_path, lib=LIB, env=make_environment(), out_dir=tmp_path,
                           today=dt.date(2026, 1, 1))
    files = []
    for path, data in rendered.files.items():
        path.write_bytes(data)
        files.append(str(path))
    result = run_cli("check", "--regime", regime, *files)
    assert result.code == 0, result.out + result.err
    assert result.out.count("OK: no findings") == len(files)


def test_eir_vexatious_refusal_renders_and_passes_check(tmp_path: Path,
                                                        run_cli: Callable[..., CliResult]) -> None:
    """EIR reg 12(4)(b) for a vexatious request: the public interest test, reg 14, reg 11."""
    (tmp_path / "authorities").mkdir()
    for name in ("northbridge-council.yaml", "northbridge-letterhead.docx"):
        (tmp_path / "authorities" / name).write_bytes(
            (EXAMPLES / "authorities" / name).read_bytes())
    case = {
        "regime": "eir", "reference": "NCC/EIR/25/0999",
        "authority": "authorities/northbridge-council.yaml",
        "received": "2025-06-02", "sent": "2025-06-20",
        "subject": "Hedge at 3 Mill Lane",
        "parts": [{"number": 1, "request": "Every record about the hedge at 3 Mill Lane."}],
        "vexatious": {
            "cite": "reg12(4)(b)",
            "reasons": "This is the fourteenth request about the same hedge since 2023. The "
                       "high hedge complaint was decided and upheld on appeal, and each answer "
                       "has been followed by a further request on the same records.",
            "previous_request": "our references NCC/EIR/24/0101 and NCC/EIR/25/0077",
            "public_interest": {
                "for_disclosure": ["eir-presumption-and-environment"],
                "against_disclosure": ["eir-burden-on-services"],
                "conclusion": "eir-maintain-manifestly-unreasonable"},
        },
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    rendered = render_case(path, lib=LIB, env=make_environment(), out_dir=tmp_path / "out",
                           today=dt.date(2026, 1, 1))
    assert not rendered.warnings, rendered.warnings
    files = []
    (tmp_path / "out").mkdir(exist_ok=True)
    for out, data in rendered.files.items():
        out.write_bytes(data)
        files.append(str(out))
        if out.suffix == ".md":
            text = data.decode("utf-8")
            assert "regulation 12(4)(b)" in text and "regulation 14" in text
            assert "regulation 11" in text and "section 14" not in text
    result = run_cli("check", "--regime", "eir", *files)
    assert result.code == 0, result.out + result.err


@pytest.mark.parametrize(("outcome", "says", "never"), [
    ("accessible", "This letter is a refusal notice under section 16 of FOISA.", "also a notice"),
    ("not_held", "This letter is a notice under section 17(1) of FOISA", "section 16 of FOISA"),
])
def test_foisa_notice_names_the_right_section(outcome: str, says: str, never: str,
                                              tmp_path: Path,
                                              run_cli: Callable[..., CliResult]) -> None:
    """FOISA s25 is an exemption (a s16 refusal notice); a s17(1) notice refuses nothing."""
    (tmp_path / "authorities").mkdir()
    src = EXAMPLES / "authorities" / "glenmorven-council.yaml"
    (tmp_path / "authorities" / src.name).write_bytes(src.read_bytes())
    part: dict[str, object] = {"number": 1, "request": "The council's annual report for 2024.",
                               "outcome": outcome}
    if outcome == "accessible":
        part["exemptions"] = [{"cite": "s25(1)", "where": "https://www.glenmorven.example."
                               "gov.scot/annual-report-2024"}]
    else:
        part["not_held"] = "The 2024 report has not yet been written; we checked with the team."
    case = {"regime": "foisa", "reference": "GC-1", "received": "2025-10-06",
            "sent": "2025-10-20", "authority": "authorities/glenmorven-council.yaml",
            "parts": [part]}
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    rendered = render_case(path, lib=LIB, env=make_environment(), out_dir=tmp_path / "out",
                           today=dt.date(2026, 1, 1))
    (tmp_path / "out").mkdir(exist_ok=True)
    files = []
    for out, data in rendered.files.items():
        out.write_bytes(data)
        files.append(str(out))
        if out.suffix == ".md":
            text = data.decode("utf-8")
            assert says in text and never not in text
    result = run_cli("check", "--regime", "foisa", *files)
    assert result.code == 0, result.out + result.err
