"""drafter.law.regimes: one Regime, one table of what differs between FOIA, the EIR and FOISA.

Sources: FOIA 2000 s10, s12, s14, s16, s17, s50, s57 and the s45 Code of Practice (2018);
EIR 2004 regs 2, 5, 7, 9, 11, 12, 14 and 18; FOISA 2002 s10, s12, s14-s21, s47, s56 and s73;
the Scottish Information Commissioner's list of what a valid FOISA notice must contain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.cli import _choices
from drafter.draft.model import Case
from drafter.errors import UserError
from drafter.law import calendar, deadlines
from drafter.law.regimes import REGIME_LAW, REGIMES, Regime, parse_regime
from tests.conftest import CliResult, base_case


def test_one_regime_type_everywhere() -> None:
    # The case file, the CLI options and the deadline module share the one enum.
    assert _choices.Regime is Regime
    assert deadlines.Regime is Regime
    assert Case.model_fields["regime"].annotation is Regime
    assert (Regime.foia, Regime.eir, Regime.foisa) == REGIMES
    assert set(REGIME_LAW) == set(Regime)
    assert all(REGIME_LAW[r].regime is r for r in Regime)


def test_members_are_plain_strings() -> None:
    assert Regime.foia == "foia"
    assert f"{Regime.foisa}" == "foisa"
    assert {"eir": 1}[Regime.eir] == 1


@pytest.mark.parametrize("value", ["foia", "eir", "foisa"])
def test_parse_regime_accepts_each(value: str) -> None:
    assert parse_regime(value) is Regime(value)


@pytest.mark.parametrize("value", ["FOIA", "fois", "", "eir2004"])
def test_parse_regime_refuses_anything_else(value: str) -> None:
    with pytest.raises(UserError, match="use one of foia, eir, foisa"):
        parse_regime(value)


def test_case_file_with_an_unknown_regime_is_a_located_error(
        case_dir: Callable[..., Path], run_cli: Callable[..., CliResult],
        tmp_path: Path) -> None:
    path = case_dir(base_case(regime="fois"))
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 2, result.err
    assert f"{path}:1" in result.err
    assert "'fois' is not allowed here" in result.err
    assert "'foia', 'eir' or 'foisa'" in result.err
    assert "Traceback" not in result.err


def test_cli_regime_option_lists_the_same_values(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("deadline", "2025-03-14", "--regime", "scotland")
    assert result.code == 2
    for name in REGIMES:
        assert name in result.err


def test_refusal_review_and_complaint_provisions() -> None:
    foia, eir, foisa = (REGIME_LAW[r] for r in REGIMES)
    assert (foia.refusal_notice, eir.refusal_notice, foisa.refusal_notice) == \
        ("s17", "reg 14", "s16")
    assert (foia.complaint.provision, foisa.complaint.provision) == ("s50", "s47")
    assert eir.complaint.provision.startswith("reg 18")
    # FOIA's review comes from the s45 Code, not the Act; the EIR and FOISA require one.
    assert not foia.review.statutory and "s45 Code" in foia.review.provision
    assert eir.review.statutory and eir.review.provision == "reg 11"
    assert foisa.review.statutory and foisa.review.provision == "s20 and s21"
    # 40 working days to ask everywhere; the EIR give the authority 40 to decide (reg 11(4)),
    # FOISA 20 (s21(1)), the Code 20 for FOIA.
    assert [REGIME_LAW[r].review.request_within for r in REGIMES] == [40, 40, 40]
    assert [REGIME_LAW[r].review.respond_within for r in REGIMES] == [20, 40, 20]
    assert (eir.review.request_basis, foisa.review.request_basis) == ("reg 11(2)", "s20(5)")
    assert foisa.complaint.within is not None and "six months" in foisa.complaint.within


def test_regulators() -> None:
    assert REGIME_LAW[Regime.foia].regulator is REGIME_LAW[Regime.eir].regulator
    assert REGIME_LAW[Regime.foia].regulator.short == "ICO"
    assert REGIME_LAW[Regime.foisa].regulator.name == "the Scottish Information Commissioner"


def test_time_limits_and_extensions() -> None:
    foia, eir, foisa = (REGIME_LAW[r] for r in REGIMES)
    assert [r.working_days for r in (foia, eir, foisa)] == [20, 20, 20]
    assert (foia.time_limit, eir.time_limit, foisa.time_limit) == ("s10(1)", "reg 5(2)", "s10(1)")
    assert foia.extension is not None and foia.extension.provision == "s10(3)"
    assert not foia.extension.statutory_max  # the ICO's expectation, not a ceiling in the Act
    assert eir.extension is not None and eir.extension.provision == "reg 7(1)"
    assert eir.extension.statutory_max
    assert deadlines.EIR_MAX_WORKING_DAYS == 40
    assert foisa.extension is None  # FOISA has no extension of time at all


def test_grounds_and_duties_that_differ() -> None:
    foia, eir, foisa = (REGIME_LAW[r] for r in REGIMES)
    assert eir.cost_limit is None and eir.vexatious == "reg 12(4)(b)"
    assert (foia.cost_limit, foisa.cost_limit) == ("s12", "s12")
    assert (foia.advice_and_assistance, eir.advice_and_assistance,
            foisa.advice_and_assistance) == ("s16", "reg 9", "s15")
    assert (foia.ground_word, eir.ground_word) == ("exemption", "exception")
    assert foisa.harm_test == "prejudice substantially"
    assert foisa.ncnd.startswith("s18")


def test_working_days_follow_the_table() -> None:
    for regime in REGIMES:
        law = REGIME_LAW[regime]
        assert law.bank_holiday_nations <= set(calendar.NATIONS)
        assert law.working_day_provision in law.working_day_rule
    assert REGIME_LAW[Regime.foisa].bank_holiday_nations == {"SCT"}
    # Easter Monday is a bank holiday in England, Wales and Northern Ireland, not in Scotland:
    # not a working day for FOIA (s10(6): any part of the UK), a working day for FOISA (s73).
    easter_monday = dt.date(2025, 4, 21)  # England, Wales and NI; not Scotland
    assert not calendar.calendar_for(Regime.foia).is_working_day(easter_monday)
    assert calendar.calendar_for(Regime.foisa).is_working_day(easter_monday)


def test_display_names_in_deadline_report() -> None:
    for regime in REGIMES:
        law = REGIME_LAW[regime]
        assert regime.display_name == f"{law.short} ({law.title})"
    text = deadlines.format_deadline(deadlines.compute_deadline(
        dt.date(2025, 3, 14), regime="foisa"))
    assert "Regime:      FOISA (Freedom of Information (Scotland) Act 2002)" in text
    assert REGIME_LAW[Regime.foisa].working_day_rule in text
