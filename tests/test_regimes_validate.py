"""EIR and FOISA validation rules, and the environmental-information warning.

One row per rule: a case that breaks it and a lawful twin that differs only in what the rule is
about, each citing its source (EIR 2004, FOISA 2002, ICO and Scottish Information Commissioner
guidance). Request wording is paraphrased from real requests, not copied.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.draft.validate import ValidatedCase
from drafter.library.load import Library, load_library
from tests.conftest import AUTHORITY, CliResult
from tests.helpers.cases import validate_dict

Case = dict[str, Any]
TODAY = dt.date(2025, 7, 1)
EIR_PI = {"for_disclosure": ["eir-presumption-and-environment"],
          "against_disclosure": ["eir-commercial-confidence-protected"],
          "conclusion": "eir-maintain-exception"}
FOISA_PI = {"for_disclosure": ["foisa-accountability-spending"],
            "against_disclosure": ["foisa-fair-competition"],
            "conclusion": "foisa-maintain-exemption"}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def run(case: Case, folder: Path, lib: Library) -> ValidatedCase:
    return validate_dict(case, folder, lib, authority=AUTHORITY, today=TODAY)


def case(regime: str, *uses: dict[str, Any], request: str = "The pricing schedule of the "
         "recycling collection contract.", outcome: str = "refused", **top: Any) -> Case:
    out: Case = {"regime": regime, "reference": "T-1", "authority": "authority.yaml",
                 "received": "2025-06-02", "sent": "2025-06-27",
                 "parts": [{"number": 1, "request": request, "outcome": outcome,
                            "exemptions": list(uses)}]}
    if not uses:
        del out["parts"][0]["exemptions"]
    out.update(top)
    return {k: v for k, v in out.items() if v is not None}


def eir(cite: str = "reg12(5)(e)", **fields: Any) -> dict[str, Any]:
    out = {"cite": cite, "reasons": "The contractor gave its rates in confidence.",
           "public_interest": EIR_PI, **fields}
    return {k: v for k, v in out.items() if v is not None}


def foisa(cite: str = "s33(1)(b)", **fields: Any) -> dict[str, Any]:
    out = {"cite": cite, "reasons": "The supplier is bidding for two similar contracts.",
           "likelihood": "would_be_likely", "public_interest": FOISA_PI, **fields}
    return {k: v for k, v in out.items() if v is not None}


def part(c: Case, **fields: Any) -> Case:
    out = copy.deepcopy(c)
    out["parts"][0].update(fields)
    out["parts"][0] = {k: v for k, v in out["parts"][0].items() if v is not None}
    return out


COST = {"activities": [{"description": "Locating and retrieving 4,000 paper files",
                        "hours": 300}],
        "advice": "A request limited to 2024 could be answered."}


@dataclass
class Row:
    id: str
    source: str
    broken: Case
    lawful: Case
    message: str
    level: str = "error"


ROWS = [
    Row("wrong-regime-foia-cite-in-foisa", "FOISA numbering (s33 is commercial interests)",
        case("foisa", foisa("s43(2)"), request="The price schedule of the IT contract."),
        case("foisa", foisa("s33(1)(b)"), request="The price schedule of the IT contract."),
        "'s43(2)' is a provision of FOIA"),
    Row("wrong-regime-eir-cite-in-foia", "FOIA s39: EIR exceptions belong to EIR letters",
        case("foia", eir(), request="The price schedule of the IT contract."),
        case("eir", eir()), "'reg12(5)(e)' is a provision of EIR"),
    Row("foisa-s38-is-personal-information", "FOISA s38(1)(b): personal information",
        case("foisa", foisa("s38(1)(b)", likelihood=None, public_interest=None),
             request="The names of the panel members."),
        case("foisa", foisa("s38(1)(b)", via="s38(2A)", likelihood=None,
                            public_interest=None), request="The names of the panel members."),
        "is ambiguous"),
    Row("eir-no-would-be-likely", "EIR reg 12(5): 'would adversely affect' (ICO guidance)",
        case("eir", eir(likelihood="would_be_likely")), case("eir", eir(likelihood="would")),
        "no 'would be likely to' limb"),
    Row("eir-pi-required", "EIR reg 12(1)(b), reg 14(3)(b)",
        case("eir", eir(public_interest=None)), case("eir", eir()),
        "reg 14(3)(b)"),
    Row("eir-no-s17-4", "EIR reg 14(3)(b): no equivalent of FOIA s17(4)",
        case("eir", eir(s17_4="Explaining would reveal the rates.")), case("eir", eir()),
        "no equivalent of FOIA s17(4)"),
    Row("eir-12-9-emissions", "EIR reg 12(9): no reg 12(5)(d)-(g) for emissions",
        part(case("eir", eir()), emissions=True), part(case("eir", eir()), emissions=False),
        "information on emissions cannot be withheld"),
    Row("eir-12-9-mentioned", "EIR reg 12(9): say whether the information is on emissions",
        case("eir", eir(), request="Stack emissions monitoring results for the incinerator."),
        part(case("eir", eir(), request="Stack emissions monitoring results for the "
                  "incinerator."), emissions=False),
        "the request mentions emissions", "warning"),
    Row("eir-12-4-d-reg-14-4", "EIR reg 14(4): who is preparing it and when",
        case("eir", eir("reg12(4)(d)", reasons=None)), case("eir", eir("reg12(4)(d)")),
        "reg 14(4)"),
    Row("eir-no-pit-extension", "EIR: no FOIA s10(3) extension (reg 7 is for volume)",
        case("eir", eir(), pit_extension={"decision_by": "2025-07-25"}), case("eir", eir()),
        "no extension of time to consider the public interest"),
    Row("eir-reg7-notified-late", "EIR reg 7(3): tell the applicant within 20 working days",
        case("eir", eir(), sent="2025-07-25",
             extension={"notified": "2025-07-10", "reasons": "Thousands of records."}),
        case("eir", eir(), sent="2025-07-25",
             extension={"notified": "2025-06-20", "reasons": "Thousands of records."}),
        "reg 7(3)"),
    Row("eir-cost-needs-reg12-4-b", "EIR: no cost limit; reg 12(4)(b) (ICO guidance)",
        case("eir", cost_limit={**COST, "cite": "s12(1)", "public_interest": EIR_PI}),
        case("eir", cost_limit={**COST, "cite": "reg12(4)(b)", "public_interest": {
            **EIR_PI, "conclusion": "eir-maintain-manifestly-unreasonable"}}),
        "s12(1) is not available under EIR"),
    Row("eir-12-4-b-pi", "EIR reg 12(4)(b) with reg 12(1)(b)",
        case("eir", cost_limit={**COST, "cite": "reg12(4)(b)"}),
        case("eir", cost_limit={**COST, "cite": "reg12(4)(b)", "public_interest": {
            **EIR_PI, "conclusion": "eir-maintain-manifestly-unreasonable"}}),
        "reg 12(4)(b) is subject to the public interest test"),
    Row("eir-reg9-advice", "EIR reg 9: advice and assistance",
        case("eir", cost_limit={"activities": COST["activities"], "cite": "reg12(4)(b)",
                                "public_interest": EIR_PI}),
        case("eir", cost_limit={**COST, "cite": "reg12(4)(b)", "public_interest": EIR_PI}),
        "reg 9: a cost-limit refusal must advise"),
    Row("eir-vexatious-pi", "EIR reg 12(4)(b) (vexatious) with reg 12(1)(b)",
        case("eir", vexatious={"cite": "reg12(4)(b)", "reasons": "The twelfth request on a "
                               "closed matter."}),
        case("eir", vexatious={"cite": "reg12(4)(b)", "reasons": "The twelfth request on a "
                               "closed matter.", "public_interest": {
                                   **EIR_PI, "against_disclosure": ["eir-burden-on-services"],
                                   "conclusion": "eir-maintain-manifestly-unreasonable"}}),
        "reg 12(4)(b) is subject to the public interest test"),
    Row("eir-no-s14-in-eir", "EIR: vexatious requests are reg 12(4)(b), not FOIA s14",
        case("eir", vexatious={"cite": "s14(1)", "reasons": "The twelfth request."}),
        case("eir", vexatious={"cite": "reg12(4)(b)", "reasons": "The twelfth request.",
                               "public_interest": EIR_PI}),
        "s14(1) is not available under EIR"),
    Row("eir-review-is-statutory", "EIR reg 11: representations cannot be switched off",
        case("eir", eir(), authority={**AUTHORITY, "internal_review": {
            **AUTHORITY["internal_review"], "provided": False}}),
        case("eir", eir(), authority=AUTHORITY), "makes one compulsory"),
    Row("foisa-s18-list", "FOISA s18(1): only ss28-35, 38, 39(1), 41",
        case("foisa", {"cite": "s18(1)", "reasons": "Revealing it would help offenders.",
                       "public_interest": {**FOISA_PI, "conclusion": "foisa-maintain-ncnd"}},
             {"cite": "s25(1)", "where": "our website"}, outcome="ncnd",
             request="Any surveillance operations at the harbour."),
        case("foisa", {"cite": "s18(1)", "reasons": "Revealing it would help offenders.",
                       "public_interest": {**FOISA_PI, "conclusion": "foisa-maintain-ncnd"}},
             foisa("s35(1)(a)"), outcome="ncnd",
             request="Any surveillance operations at the harbour."),
        "section 18(1) is available only for"),
    Row("foisa-s18-needs-basis", "FOISA s16(1)(c) with s18(1): name the exemption",
        case("foisa", {"cite": "s18(1)", "reasons": "Revealing it would help offenders.",
                       "public_interest": {**FOISA_PI, "conclusion": "foisa-maintain-ncnd"}},
             outcome="ncnd", request="Any surveillance operations at the harbour."),
        case("foisa", {"cite": "s18(1)", "reasons": "Revealing it would help offenders.",
                       "public_interest": {**FOISA_PI, "conclusion": "foisa-maintain-ncnd"}},
             foisa("s35(1)(a)"), outcome="ncnd",
             request="Any surveillance operations at the harbour."),
        "name the exemption that would apply"),
    Row("foisa-cost-limit-600-at-15", "FOISA s12(1); Fees (Scotland) Regs 2004 regs 3, 5",
        case("foisa", request="All emails about agency staff.",
             cost_limit={**COST, "activities": [{"description": "Searching mailboxes",
                                                 "hours": 30}]}),
        case("foisa", request="All emails about agency staff.",
             cost_limit={**COST, "activities": [{"description": "Searching mailboxes",
                                                 "hours": 41}]}),
        "within the £600 limit"),
    Row("foisa-cost-excludes-deciding", "Fees (Scotland) Regs 2004 reg 3: no cost of deciding",
        case("foisa", request="All emails about agency staff.",
             cost_limit={**COST, "activities": [
                 {"description": "Locating the files", "hours": 30},
                 {"description": "Redacting personal data and considering exemptions",
                  "hours": 20}]}),
        case("foisa", request="All emails about agency staff.",
             cost_limit={**COST, "activities": [
                 {"description": "Locating the files", "hours": 30},
                 {"description": "Retrieving and copying the 900 documents found",
                  "hours": 20}]}),
        "only locating, retrieving and providing"),
    Row("foisa-no-s12-2", "FOISA has no s12(2)",
        case("foisa", request="All emails about agency staff.",
             cost_limit={**COST, "cite": "s12(2)"}),
        case("foisa", request="All emails about agency staff.", cost_limit=COST),
        "s12(2) is not available under FOISA"),
    Row("foisa-no-extension", "FOISA s10(1): no public interest extension",
        case("foisa", foisa(), request="The price schedule of the IT contract.",
             pit_extension={"decision_by": "2025-07-25"}),
        case("foisa", foisa(), request="The price schedule of the IT contract."),
        "FOISA s10(1) allows 20 working days"),
    Row("foisa-no-foia-wording-from-the-library", "FOISA letters use FOISA's law and regulator",
        case("foisa", foisa(public_interest={**FOISA_PI, "conclusion": "aggregate-exemptions"}),
             request="The price schedule of the IT contract."),
        case("foisa", foisa(), request="The price schedule of the IT contract."),
        "is written for FOIA"),
    Row("foisa-substantial-prejudice-likelihood", "FOISA s33(1)(b): would or would be likely",
        case("foisa", foisa(likelihood=None), request="The price schedule of the IT contract."),
        case("foisa", foisa(), request="The price schedule of the IT contract."),
        "is prejudice-based"),
    # The reasons a notice must give are in each regime's own provision, not FOIA s17(1)(c).
    Row("foisa-reasons-are-s16-1-d", "FOISA s16(1)(d): state why the exemption applies",
        case("foisa", foisa(reasons=None), request="The price schedule of the IT contract."),
        case("foisa", foisa(), request="The price schedule of the IT contract."),
        "say why it applies (s16(1)(d))"),
    Row("eir-reasons-are-reg-14-3-a", "EIR reg 14(3)(a): the reasons, with the exception",
        case("eir", eir(reasons=None)), case("eir", eir()),
        "say why it applies (reg 14(3)(a))"),
    # s18(2) disapplies s16(2) for an NCND notice: the public interest comes from s18(1).
    Row("foisa-s18-public-interest-is-s18-1", "FOISA s18(1) and (2)",
        part(case("foisa", {"cite": "s18(1)", "reasons": "Confirming would reveal whether a "
                            "named person is under investigation."},
                  foisa("s35(1)(a)"), request="Any reports about an investigation of Mr X."),
             outcome="ncnd"),
        part(case("foisa", {"cite": "s18(1)", "reasons": "Confirming would reveal whether a "
                            "named person is under investigation.",
                            "public_interest": {**FOISA_PI, "conclusion": "foisa-maintain-ncnd"}},
                  foisa("s35(1)(a)"), request="Any reports about an investigation of Mr X."),
             outcome="ncnd"),
        "(s18(1): revealing whether the information exists"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_rule_breaks_and_lawful_twin_passes(row: Row, library: Library, tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "l").mkdir()
    broken = run(row.broken, tmp_path / "b", library)
    hits = [p for p in broken.problems if row.message in p.message and p.level == row.level]
    assert hits, f"{row.id} ({row.source}): {[p.message for p in broken.problems]}"
    assert all(h.file and h.line for h in hits), "every problem is located"
    lawful = run(row.lawful, tmp_path / "l", library)
    assert not [p for p in lawful.problems if row.message in p.message], \
        [p.message for p in lawful.problems]


# ---------------------------------------------------------- the environmental warning
# Request wording paraphrased from real requests, both ways. Environmental: waste, planning,
# emissions, air and water quality, flooding, highways, energy, trees, noise.
ENVIRONMENTAL = [
    "Copies of the pricing schedule for the council's waste collection contract.",
    "All correspondence about the planning application for the solar farm at Hill End.",
    "Air quality monitoring results for the high street for the last three years.",
    "The number of fly-tipping reports in each ward in 2024.",
    "Any surveys of flood risk at the new housing estate.",
    "The council's annual energy consumption for its office buildings.",
    "Minutes of meetings about the low traffic neighbourhood trial.",
    "Records of noise complaints about the quarry and any enforcement action taken.",
    "Reports on sewage discharges into the river from the treatment works.",
    "Details of the road resurfacing programme for 2025/26 and its budget.",
]
# Ordinary requests that share words with the environmental ones (planning, energy, water,
# land, environment, transport, air) but are not about the environment.
ORDINARY = [
    "A copy of the contract with Example Systems Ltd, including all schedules.",
    "The council's workforce planning strategy and its staff turnover figures.",
    "How much the trust spent on energy drinks and water coolers for staff in 2024.",
    "The number of officers trained in the use of ANPR cameras.",
    "Details of the IT environment, including the operating systems in use.",
    "Expenses claimed by the chief executive for air travel in 2023.",
    "The business continuity planning documents for the call centre.",
    "The number of patients transported to hospital by the ambulance service each month.",
    "Land Registry searches carried out by the legal team (the number, not the details).",
    "Minutes of the senior leadership team meetings about the restructure.",
    "The cost of the data mining software licences bought by the analytics team.",
    "Incidents of unintended radiation exposure of patients in radiotherapy since 2022.",
]


@pytest.mark.parametrize("request_text", ENVIRONMENTAL)
@pytest.mark.parametrize("regime", ["foia", "foisa"])
def test_environmental_request_under_foia_or_foisa_is_warned(
        request_text: str, regime: str, library: Library, tmp_path: Path) -> None:
    use = foisa() if regime == "foisa" else {
        "cite": "s43(2)", "likelihood": "would_be_likely", "reasons": "Commercial reasons.",
        "public_interest": {"for_disclosure": ["transparency-public-spending"],
                            "against_disclosure": ["fair-competition"],
                            "conclusion": "maintain-exemption"}}
    result = run(case(regime, use, request=request_text), tmp_path, library)
    warnings = [p for p in result.problems if "environmental information" in p.message]
    assert len(warnings) == 1 and warnings[0].level == "warning", request_text
    law = "FOIA s39(1)" if regime == "foia" else "FOISA s39(2)"
    assert law in warnings[0].message
    assert "regime: eir" in (warnings[0].fix or "") if regime == "foia" else \
        "Environmental Information (Scotland) Regulations 2004" in (warnings[0].fix or "")
    assert warnings[0].line is not None  # located on the request


@pytest.mark.parametrize("request_text", ORDINARY)
def test_ordinary_request_is_not_warned(request_text: str, library: Library,
                                        tmp_path: Path) -> None:
    use = {"cite": "s43(2)", "likelihood": "would_be_likely", "reasons": "Commercial reasons.",
           "public_interest": {"for_disclosure": ["transparency-public-spending"],
                               "against_disclosure": ["fair-competition"],
                               "conclusion": "maintain-exemption"}}
    result = run(case("foia", use, request=request_text), tmp_path, library)
    assert not [p for p in result.problems if "environmental" in p.message], request_text


def test_not_environmental_silences_and_eir_never_warns(library: Library,
                                                        tmp_path: Path) -> None:
    text = ENVIRONMENTAL[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    quiet = run(case("foisa", foisa(), request=text, not_environmental="The schedule is "
                     "for the IT system used by the waste team, not the service."),
                tmp_path / "a", library)
    assert not [p for p in quiet.problems if "environmental" in p.message]
    under_eir = run(case("eir", eir(), request=text), tmp_path / "b", library)
    assert not [p for p in under_eir.problems if "environmental" in p.message]


def test_strict_render_makes_the_warning_an_error(tmp_path: Path,
                                                  run_cli: Callable[..., CliResult]) -> None:
    use = {"cite": "s43(2)", "likelihood": "would_be_likely", "reasons": "Commercial reasons.",
           "public_interest": {"for_disclosure": ["transparency-public-spending"],
                               "against_disclosure": ["fair-competition"],
                               "conclusion": "maintain-exemption"}}
    (tmp_path / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case("foia", use, request=ENVIRONMENTAL[0])),
                    encoding="utf-8")
    lenient = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert lenient.code == 0 and "FOIA s39(1)" in lenient.err
    strict = run_cli("render", str(path), "-o", str(tmp_path / "strict"), "--strict")
    assert strict.code == 1 and "FOIA s39(1)" in strict.err
    assert "case.yaml:" in strict.err and "Traceback" not in strict.err


# EIR reg 13: the second and third conditions (reg 13(1)(b)) and the NCND limb reg 13(5A)(b)
# have their own public interest test, not reg 12(1)(b) (reg 14(3)(b) names them apart), and
# the ICO does not apply the reg 12(2) presumption in favour of disclosure to reg 13 (ICO
# guidance "Section 40 and regulation 13", update of 11 July 2024). The lawful twin is reg
# 12(5)(e), where reg 12(1)(b) and the presumption apply.
REG13_PI = {"for_disclosure": ["eir-understanding-personal-data"],
            "against_disclosure": [{"text": "The residents objected to any use of their "
                                            "details beyond the consultation."}],
            "conclusion": "eir-maintain-personal-data"}


@pytest.mark.parametrize(("use", "reg13"), [
    ({"cite": "reg13(1)", "via": "reg13(2B)", "information": "the names of the residents",
      "reasons": "They objected under Article 21.", "public_interest": REG13_PI}, True),
    (eir(), False),
], ids=["reg13-second-condition", "reg12-5-e-twin"])
def test_eir_reg13_public_interest_test_is_its_own(
        use: dict[str, Any], reg13: bool, tmp_path: Path,
        run_cli: Callable[..., CliResult]) -> None:
    (tmp_path / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case("eir", use, request="The names of the residents who "
                                        "responded to the flood defence consultation."),
                                   sort_keys=False), encoding="utf-8")
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    letter = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    if reg13:
        assert "public interest test in paragraph (1)(b) of regulation 13" in letter
        assert "12(1)(b)" not in letter and "presumption" not in letter
    else:
        assert "public interest test in regulation 12(1)(b)" in letter
        assert "presumption in favour of disclosure in regulation 12(2)" in letter


@pytest.mark.parametrize(("use", "outcome", "leaks"), [
    ({"cite": "reg13(5A)(a)", "reasons": "Confirming would reveal a complaint."}, "ncnd", False),
    ({"cite": "reg13(1)", "via": "reg13(2A)(a)", "information": "the names of the residents",
      "reasons": "They would not expect publication."}, "refused", True),
], ids=["ncnd-13-5a-a", "withheld-13-1-first-twin"])
def test_eir_absolute_ncnd_does_not_speak_of_the_personal_data(
        use: dict[str, Any], outcome: str, leaks: bool, tmp_path: Path,
        run_cli: Callable[..., CliResult]) -> None:
    # EIR reg 13(5A)(a): an NCND reply must not presuppose that the data exists (ICO guidance
    # on neither confirm nor deny, "Section 40 and regulation 13"): "the personal data must not
    # be disclosed" does; the withheld twin under reg 13(1) rightly says it.
    (tmp_path / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case("eir", use, outcome=outcome), sort_keys=False),
                    encoding="utf-8")
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    letter = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert ("the personal data must not be disclosed" in letter) is leaks
    assert "no public interest test applies" in letter.lower()
