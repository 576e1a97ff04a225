"""Every legal validation rule: a case that breaks it, the message, the line and exit code 1."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult, base_case


def _exemption(**changes: Any) -> dict[str, Any]:
    ex: dict[str, Any] = copy.deepcopy(base_case()["parts"][0]["exemptions"][0])
    for key, value in changes.items():
        if value is None:
            ex.pop(key, None)
        else:
            ex[key] = value
    return ex


def _case_with(ex: dict[str, Any], outcome: str = "refused", **part: Any) -> dict[str, Any]:
    case = base_case()
    case["parts"][0]["exemptions"] = [ex]
    case["parts"][0]["outcome"] = outcome
    case["parts"][0].update(part)
    return case


PI = {"for_disclosure": ["transparency-public-spending"],
      "against_disclosure": ["fair-competition"], "conclusion": "maintain-exemption"}

BROKEN: list[tuple[str, dict[str, Any], str]] = [
    ("qualified-without-pi", _case_with(_exemption(public_interest=None)),
     "qualified exemption: the notice must give the public interest reasons"),
    ("prejudice-without-likelihood", _case_with(_exemption(likelihood=None)),
     "s43(2) is prejudice-based: say how likely the harm is"),
    ("absolute-with-pi", _case_with({"cite": "s44(1)(a)", "enactment":
                                     "section 18(1) of the Commissioners for Revenue and "
                                     "Customs Act 2005", "reasons": "A statutory bar applies.",
                                     "public_interest": PI}),
     "s44(1)(a) is an absolute exemption: there is no public interest test"),
    ("s36-without-qualified-person", _case_with(
        {"cite": "s36(2)(b)(i)", "likelihood": "would_be_likely",
         "reasons": "The advice was given in confidence.", "public_interest": PI}),
     "reasonable opinion of the qualified person"),
    ("s21-without-where", _case_with({"cite": "s21(1)"}, outcome="accessible"),
     "tell the requester where the information is reasonably accessible"),
    ("ncnd-with-exemption-cite", _case_with(_exemption(), outcome="ncnd"),
     "an NCND answer must cite the NCND provision, not s43(2)"),
    ("ncnd-cite-on-refusal", _case_with(_exemption(cite="s43(3)"), outcome="refused"),
     "confirms the information is held"),
    ("ncnd-reasons-confirm-held", _case_with(
        _exemption(cite="s43(3)", reasons="The withheld information is a pricing schedule.",
                   public_interest={**PI, "conclusion": "maintain-ncnd"}), outcome="ncnd"),
     "tells the requester the information exists"),
    ("ncnd-discloses", _case_with(
        _exemption(cite="s43(3)", public_interest={**PI, "conclusion": "maintain-ncnd"}),
        outcome="ncnd", disclosed="the contract is enclosed"),
     "an NCND answer cannot disclose anything"),
    ("unknown-citation", _case_with(_exemption(cite="s43(9)")), "unknown citation 's43(9)'"),
    ("unknown-harm", _case_with(_exemption(harm=["commercial-negotiating-positon"])),
     "did you mean 'commercial-negotiating-position'"),
    ("unknown-factor", _case_with(_exemption(public_interest={
        **PI, "for_disclosure": ["no-such-factor"]})), "unknown factor id 'no-such-factor'"),
    ("factor-on-wrong-side", _case_with(_exemption(public_interest={
        **PI, "for_disclosure": ["fair-competition"]})), "argues against disclosure"),
    ("sent-before-received", base_case(sent="2025-03-01"),
     "the letter is dated before the request was received"),
    ("s44-without-enactment", _case_with({"cite": "s44(1)(a)", "reasons": "A bar applies."}),
     "name the enactment"),
    ("cost-within-limit", base_case(cost_limit={"activities": [
        {"description": "Search the files", "hours": 10}], "advice": "Narrow it."}),
     "within the £450 limit: section 12 does not apply"),
    ("cost-without-advice", base_case(cost_limit={"activities": [
        {"description": "Search the files", "hours": 40}]}),
     "section 16: a cost-limit refusal must advise"),
    ("pit-extension-absolute-only", {
        **_case_with({"cite": "s44(1)(a)", "enactment": "section 1 of an Act",
                      "reasons": "A bar applies."}),
        "pit_extension": {"decision_by": "2025-05-12"}},
     "a public interest extension (s10(3)) is only for qualified exemptions"),
    ("refused-without-exemption", _case_with(_exemption(), outcome="refused") | {
        "parts": [{"number": 1, "request": "x", "outcome": "refused"}]},
     "outcome 'refused' needs at least one exemption"),
]


@pytest.mark.parametrize(("name", "case", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_case_fails_with_message(name: str, case: dict[str, Any], message: str,
                                        case_dir: Callable[..., Path],
                                        run_cli: Callable[..., CliResult],
                                        tmp_path: Path) -> None:
    path = case_dir(case)
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 1, result.err
    assert message in result.err
    assert f"{path}:" in result.err  # names the file and the line
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_valid_base_case_renders(case_dir: Callable[..., Path], run_cli: Callable[..., CliResult],
                                 tmp_path: Path) -> None:
    path = case_dir()
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "FOI-2025-0142.docx", "FOI-2025-0142.md"]


def test_s41_may_carry_public_interest_defence(case_dir: Callable[..., Path],
                                               run_cli: Callable[..., CliResult],
                                               tmp_path: Path) -> None:
    case = _case_with({"cite": "s41(1)", "reasons": "The report was supplied in confidence by "
                       "a contractor and its release would be an actionable breach.",
                       "public_interest": {"for_disclosure": [{"text": "Openness about "
                                                               "the council's contractors."}],
                                           "against_disclosure": [{"text": "Preserving "
                                                                   "confidences."}],
                                           "conclusion": {"text": "There is no public interest "
                                                          "defence to the breach."}}})
    result = run_cli("render", str(case_dir(case)), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err


def test_all_problems_reported_at_once(case_dir: Callable[..., Path],
                                       run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    case = _case_with(_exemption(likelihood=None, public_interest=None, harm=["nope"]))
    result = run_cli("render", str(case_dir(case)), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert "fails 3 legal checks" in result.err
