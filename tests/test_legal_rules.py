"""The rules of law from the legal review (#13): for each, a case that breaks it and a lawful
case that must pass, with the source of law.

Breaking cases are rendered with ``--strict`` and must exit 1 with a located message naming
the problem and the fix; warnings (facts drafter cannot know) exit 0 without ``--strict``.
Lawful cases must render with ``--strict``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.draft.validate.estimates import EXCLUDED
from drafter.draft.validate.ncnd_letter import leaks
from drafter.draft.wording import name_in_text, salutation_name
from tests.conftest import AUTHORITY, CliResult, base_case

OWN = {"text": "The re-tender closes in June 2025; releasing the rates now would distort it."}


def lawful(**top: Any) -> dict[str, Any]:
    """The conftest base case made lawful under the new rules: whose commercial interests
    (ICO s43 guidance) and a public interest factor of its own (Lewis [2017] EWCA Civ 374)."""
    case = base_case()
    ex = case["parts"][0]["exemptions"][0]
    ex["commercial_party"] = "ours"
    ex["public_interest"]["against_disclosure"].append(OWN)
    case.update(copy.deepcopy(top))
    return case


def whole(**top: Any) -> dict[str, Any]:
    """A whole-request refusal (s12 or s14): the parts only quote the request."""
    return lawful(parts=[{"number": 1, "request": "All the files on the bypass since 2010."}],
                  **top)


def with_part(case: dict[str, Any], **part: Any) -> dict[str, Any]:
    case = copy.deepcopy(case)
    case["parts"].append({"number": len(case["parts"]) + 1, **part})
    return case


def with_use(case: dict[str, Any], i: int = 0, **changes: Any) -> dict[str, Any]:
    case = copy.deepcopy(case)
    use = case["parts"][0]["exemptions"][i]
    use.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del use[key]
    return case


PI = {"for_disclosure": ["accountability-transparency"],
      "against_disclosure": ["effective-law-enforcement", OWN],
      "conclusion": "maintain-ncnd"}
NCND_31 = {"cite": "s31(3)", "interest": ["s31(1)(a)"], "likelihood": "would_be_likely",
           "harm": ["covert-tactics-techniques"], "public_interest": PI}
NCND_PART = {"number": 1, "request": "Do you use covert tracking devices?", "outcome": "ncnd",
             "exemptions": [NCND_31]}
S23: dict[str, Any] = {"cite": "s23(1)",
                       "reasons": "The information was supplied by a security body."}
S24: dict[str, Any] = {
    "cite": "s24(1)", "reasons": "Withholding it is required to safeguard national security.",
    "public_interest": {"for_disclosure": ["accountability-transparency"],
                           "against_disclosure": ["national-security-protection", OWN],
                           "conclusion": "maintain-exemption"}}
S35 = {"cite": "s35(1)(a)", "reasons": "The submissions concern a policy not yet decided.",
       "public_interest": {"for_disclosure": ["policy-understanding"],
                           "against_disclosure": ["safe-space-policy-making", OWN],
                           "conclusion": "safe-space-withhold"}}
S36 = {"cite": "s36(2)(b)(i)", "likelihood": "would_be_likely",
       "reasons": "The advice was given in confidence.",
       "qualified_person": {"name": "Jo Bloggs", "title": "FOI Officer", "date": "2025-04-01"},
       "public_interest": {"for_disclosure": ["accountability-transparency"],
                           "against_disclosure": ["chilling-effect-frank-advice", OWN],
                           "conclusion": "maintain-exemption"}}
COST = {"activities": [{"description": "Locate and retrieve 300 archived case files", "hours": 15},
                       {"description": "Read each document and redact third-party personal "
                                       "data", "hours": 15}],
        "advice": "If you limit the request to 2024 we expect to answer it."}


def _ncnd_case(**part: Any) -> dict[str, Any]:
    case = lawful()
    case["parts"] = [copy.deepcopy(NCND_PART)]
    return with_part(case, **part) if part else case


def _s23_s24(alternative: bool) -> dict[str, Any]:
    case = lawful()
    uses = [copy.deepcopy(S23), copy.deepcopy(S24)]
    if alternative:
        for u in uses:
            u["alternative"] = True
    case["parts"][0]["exemptions"] = uses
    return case


def _authority(**changes: Any) -> dict[str, Any]:
    profile = copy.deepcopy(AUTHORITY)
    profile.update(changes)
    return profile


# (id, case, message, source of law)
BROKEN: list[tuple[str, dict[str, Any], str]] = [
    # Savic v IC [2016] UKUT 534/535 (AAC); ICO NCND guidance: NCND given away by another part.
    ("ncnd-other-part-confirms", _ncnd_case(request="Who supplies the devices?",
                                            outcome="accessible",
                                            exemptions=[{"cite": "s21(1)", "where":
                                                         "our contract award notice"}]),
     "confirms that information is held ('accessible'), while part(s) 1 neither confirm"),
    ("ncnd-leak-in-own-factor", with_use(_ncnd_case(), public_interest={
        **PI, "for_disclosure": [{"text": "Our records show the devices were bought in 2021."}]}),
     "'Our records show' tells the requester the information exists"),
    # s17(1)(b), (c); ICO s31 guidance: name the s31(1) limb an NCND answer protects.
    ("ncnd-interest-missing", with_use(_ncnd_case(), interest=None),
     "s31(3) covers several interests: the notice must say which one"),
    ("ncnd-interest-wrong", with_use(_ncnd_case(), interest=["s43(2)"]),
     "'s43(2)' is not an interest that s31(3) protects"),
    # s35(1), s84: only government departments and the Welsh Government.
    ("s35-by-council", {**lawful(authority={**_authority(type="local_authority")}),
                        "parts": [{"number": 1, "request": "Policy papers.",
                                   "outcome": "refused", "exemptions": [S35]}]},
     "cannot claim s35(1)(a): it is available only to a government department"),
    ("s35-type-unknown", {**lawful(), "parts": [{"number": 1, "request": "Policy papers.",
                                                 "outcome": "refused", "exemptions": [S35]}]},
     "the authority profile does not say what kind of body this is"),
    # s30(1)(a): a duty to investigate offences.
    ("s30-without-duty", {**lawful(authority=_authority(type="nhs")), "parts": [
        {"number": 1, "request": "The investigation file.", "outcome": "refused",
         "exemptions": [{"cite": "s30(1)(a)", "reasons": "Held for an investigation.",
                         "public_interest": S24["public_interest"]}]}]},
     "cannot claim s30(1)(a)"),
    # s36(5): the qualified person.
    ("s36-officer-not-listed", {**lawful(authority=_authority(
        type="local_authority", qualified_persons=[{"name": "Ann Monitor",
                                                    "title": "Monitoring Officer"}])),
        "parts": [{"number": 1, "request": "Advice.", "outcome": "refused",
                   "exemptions": [S36]}]},
     "Jo Bloggs is not the qualified person recorded in the authority profile"),
    ("s36-no-profile-record", {**lawful(authority=_authority(type="local_authority")),
                               "parts": [{"number": 1, "request": "Advice.",
                                          "outcome": "refused", "exemptions": [S36]}]},
     "an FOI or information governance officer is not one unless a Minister"),
    # s24(1) applies only to information not within s23(1).
    ("s23-s24-together", _s23_s24(alternative=False),
     "s23(1) and s24(1) cannot both apply to the same information"),
    # DBT v IC [2025] UKSC 27: aggregation needs two exemptions on the same information.
    ("aggregate-one-exemption", with_use(lawful(), public_interest={
        **lawful()["parts"][0]["exemptions"][0]["public_interest"],
        "conclusion": "aggregate-exemptions"}), "can be aggregated only where the same"),
    # Fees Regulations 2004 reg 4(3); ICO s12 guidance.
    ("s12-redaction-counted", whole(cost_limit=COST),
     "'redact' cannot be counted towards the cost limit"),
    # s14(2) "previously complied with".
    ("s14-2-not-complied", whole(vexatious={"cite": "s14(2)", "previous_request": "FOI-1"}),
     "section 14(2) applies only where we have previously complied"),
    # s10(1), s17(1), s17(2), s10(3): late holding notice and overrun estimate.
    ("holding-notice-late", lawful(sent="2025-05-20", pit_extension={
        "decision_by": "2025-05-16", "holding_notice_sent": "2025-04-30"}),
     "the holding notice was sent on 30 April 2025, after the deadline"),
    ("final-after-estimate", lawful(sent="2025-06-20", pit_extension={
        "decision_by": "2025-05-16", "holding_notice_sent": "2025-04-09"}),
     "after the date of 16 May 2025 estimated in the holding notice"),
    # s45 Code of Practice 2018 Part 5.
    ("review-window-short", lawful(authority=_authority(internal_review={
        "contact": "the FOI team", "request_within_working_days": 5})),
     "the s45 Code of Practice (2018, para 5.4) expects at least 40"),
    ("review-reply-slow", lawful(authority=_authority(internal_review={
        "contact": "the FOI team", "respond_within_working_days": 60})),
     "longer than the s45 Code of Practice allows"),
    # Style (review finding 29): "Please write to Head of Legal" needs "the".
    ("review-contact-article", lawful(authority=_authority(internal_review={
        "contact": "Head of Legal, Town Hall"})), "a job title needs 'the' before it"),
    # DUAA 2025 ss117-119: the regulator's details are dated; six months unverified.
    ("regulator-table-stale", lawful(sent="2026-12-01", received="2026-11-02"),
     "last verified on 01 November 2025, more than six months before this letter"),
    # s40(1), s40(5A); UK GDPR Art 15, Art 12(3).
    ("own-data-vexatious", lawful(parts=[{"number": 1, "request": "All emails that mention me."}],
                                  vexatious={"cite": "s14(1)", "reasons": "The 23rd request."}),
     "asks for information about the requester ('mention me')"),
    # DoH v IC & Lewis [2017] EWCA Civ 374; s17(3).
    ("pit-boilerplate-only", base_case(parts=[{**base_case()["parts"][0], "exemptions": [
        {**base_case()["parts"][0]["exemptions"][0], "commercial_party": "ours"}]}]),
     "is built only from library wording"),
    ("prompt-factor-without-facts", with_use(lawful(), public_interest={
        "for_disclosure": ["scale-of-impact"], "against_disclosure": ["fair-competition"],
        "conclusion": {"text": "On balance the exemption is maintained."}}),
     "factor 'scale-of-impact' carries weight only on the facts of the case"),
    # ICO s43 guidance: whose interests; a third party's prejudice from the third party.
    ("s43-whose-missing", with_use(lawful(), commercial_party=None),
     "say whose commercial interests disclosure would prejudice"),
    ("s43-third-party-not-consulted", with_use(lawful(), commercial_party="Example Systems Ltd"),
     "the prejudice to Example Systems Ltd's commercial interests must rest on evidence"),
    # s21(1); s1(1)(b), s17(1): s21 covers only what is itself reasonably accessible.
    ("s21-covers-part-only", lawful(parts=[{"number": 1, "request":
                                            "• the suppliers\n• actual spend to date\n",
                                            "outcome": "accessible", "exemptions": [
                                                {"cite": "s21(1)", "where": "Contracts "
                                                 "Finder notice WP-1"}]}]),
     "asks for 2 things, and s21 covers only information"),
]

LAWFUL: list[tuple[str, dict[str, Any]]] = [
    ("base", lawful()),
    ("ncnd-consistent", _ncnd_case(request="Who supplies them?", outcome="ncnd",
                                   exemptions=[NCND_31])),
    ("ncnd-unrelated-part", _ncnd_case(request="Your FOI policy.", outcome="disclosed",
                                       disclosed="it is enclosed.",
                                       independent_of_ncnd="The published FOI policy says "
                                       "nothing about tracking devices.")),
    ("s35-by-department", {**lawful(authority=_authority(type="government_department")),
                           "parts": [{"number": 1, "request": "Policy papers.",
                                      "outcome": "refused", "exemptions": [S35]}]}),
    ("s30-by-police", {**lawful(authority=_authority(type="police")), "parts": [
        {"number": 1, "request": "The investigation file.", "outcome": "refused",
         "exemptions": [{"cite": "s30(1)(a)", "reasons": "Held for an investigation.",
                         "public_interest": {"for_disclosure": [OWN], "against_disclosure": [
                             {"text": "The trial has not yet taken place."}],
                                             "conclusion": {"text": "Maintained."}}}]}]}),
    ("s36-listed-person", {**lawful(authority=_authority(
        type="local_authority", qualified_persons=[{"name": "Jo Bloggs", "title": "Monitoring "
                                                    "Officer", "authorised": "Minister, 2008"}])),
        "parts": [{"number": 1, "request": "Advice.", "outcome": "refused",
                   "exemptions": [S36]}]}),
    ("s23-s24-in-the-alternative", _s23_s24(alternative=True)),
    ("s12-permitted-activities", whole(cost_limit={**COST, "activities": [
        {"description": "Locate, retrieve and extract 600 archived case files", "hours": 30}]})),
    ("s14-2-complied", whole(vexatious={"cite": "s14(2)", "previous_request": "FOI-1",
                                         "complied": "we sent the information on 3 March 2025"})),
    ("final-on-time", lawful(sent="2025-05-14", pit_extension={
        "decision_by": "2025-05-14", "holding_notice_sent": "2025-04-09"})),
    ("own-data-routed", lawful(parts=[{"number": 1, "request": "All emails that mention me."}],
                               vexatious={"cite": "s14(1)", "reasons": "The 23rd request."},
                               subject_access={"reply_by": "2025-04-14"})),
    ("s43-third-party-consulted", with_use(lawful(), commercial_party="Example Systems Ltd",
                                           consulted="2025-03-20")),
    ("s21-covering-all", lawful(parts=[{"number": 1, "request":
                                        "• the suppliers\n• actual spend to date\n",
                                        "outcome": "accessible", "exemptions": [
                                            {"cite": "s21(1)", "where": "our spend report",
                                             "information": "both the suppliers and the "
                                             "spend to date, in the monthly spend report"}]}])),
    # Dunhill v IC (FTT 2025): s40(5B)(a) may carry a public interest test in the alternative.
    ("s40-5b-a-pit-in-the-alternative", lawful(parts=[{
        "number": 1, "request": "Was Councillor X investigated?", "outcome": "ncnd",
        "exemptions": [{"cite": "s40(5B)(a)(i)", "reasons": "Confirming or denying would "
                        "reveal whether a named person was the subject of a complaint.",
                        "public_interest": {"for_disclosure": [OWN], "against_disclosure": [
                            {"text": "Privacy of the person named."}],
                                            "conclusion": "maintain-ncnd"}}]}])),
    # s40(2) via s40(3A)(b) (manual unstructured data) and s40(4A)(b) are in the library.
    ("s40-3a-b", lawful(parts=[{"number": 1, "request": "Notes of the 1990 meeting.",
                                "outcome": "refused", "exemptions": [
                                    {"cite": "s40(2)", "via": "s40(3A)(b)",
                                     "reasons": "The notes name junior staff."}]}])),
]


@pytest.mark.parametrize(("name", "case", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_case_the_law_forbids_fails_strict(name: str, case: dict[str, Any], message: str,
                                          case_dir: Callable[..., Path],
                                          run_cli: Callable[..., CliResult],
                                          tmp_path: Path) -> None:
    path = case_dir(case)
    result = run_cli("render", "--strict", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 1, result.err
    assert message in result.err, result.err
    assert f"{path}:" in result.err and "Fix:" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("name", "case"), LAWFUL, ids=[c[0] for c in LAWFUL])
def test_lawful_case_passes_strict(name: str, case: dict[str, Any],
                                   case_dir: Callable[..., Path],
                                   run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = run_cli("render", "--strict", str(case_dir(case)), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err


def test_warning_only_without_strict(case_dir: Callable[..., Path],
                                     run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    """A fact drafter cannot know is a warning: the letter is drafted, the warning shown."""
    path = case_dir(with_use(lawful(), commercial_party=None))
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert "warning" in result.err and "commercial_party" in result.err


def test_letter_says_alternative_and_apologises(case_dir: Callable[..., Path],
                                                run_cli: Callable[..., CliResult],
                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("render", str(case_dir(_s23_s24(alternative=True), "alt.yaml")), "-o", str(out))
    text = (out / "FOI-2025-0142.md").read_text(encoding="utf-8")
    assert "We rely on section 24(1) in the alternative to section 23(1)" in text
    late = lawful(sent="2025-06-20", reference="LATE-1", pit_extension={
        "decision_by": "2025-05-16", "holding_notice_sent": "2025-04-30"})
    run_cli("render", str(case_dir(late, "late.yaml")), "-o", str(out))
    text = (out / "LATE-1.md").read_text(encoding="utf-8")
    assert "We did not meet that estimate, and we apologise" in text
    assert "the twentieth working day after we received your request, and we apologise" in text


def test_ncnd_leak_phrases() -> None:
    """ICO NCND guidance: hypothetical wording is lawful, confirming wording is not."""
    assert leaks("Whether we hold information of this kind is itself sensitive.") == []
    assert leaks("Confirming whether information is held would reveal the capability.") == []
    for text in ("The withheld specification describes the tool.",
                 "The documents we located are sensitive.", "Our records show a contract.",
                 "Releasing the contract would reveal the supplier."):
        assert leaks(text), text


def test_reg_4_3_activities() -> None:
    """Fees Regulations 2004 reg 4(3): only held / locate / retrieve / extract."""
    for bad in ("Redact personal data", "Consider whether exemptions apply",
                "Consult third parties", "Prepare the response"):
        assert EXCLUDED.search(bad), bad
    for good in ("Locate and retrieve the files", "Read each file to find the letters",
                 "Extract the figures into a table", "Determine whether the report is held"):
        assert not EXCLUDED.search(good), good


def test_salutation_and_article() -> None:
    assert salutation_name("Dr Ifeoma Chukwu") == "Dr Chukwu"
    assert salutation_name("Jordan Blake") == "Jordan Blake"
    assert salutation_name("Dr Ifeoma Chukwu", "Professor Chukwu") == "Professor Chukwu"
    assert name_in_text("Department for Rural Affairs and Transport").startswith("the ")
    assert name_in_text("Office of the Police and Crime Commissioner").startswith("the ")
    assert name_in_text("Northbridge City Council") == "Northbridge City Council"


def test_examples_pass_strict(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    """Every shipped example is lawful under every rule (the police NCND letter included)."""
    from tests.conftest import EXAMPLES

    for case in sorted(EXAMPLES.glob("*.yaml")):
        result = run_cli("render", "--strict", str(case), "-o", str(tmp_path / case.stem))
        assert result.code == 0, (case.name, result.err)


def test_regulator_switches_by_the_letters_date() -> None:
    """DUAA 2025 ss117-119: a letter names the regulator in office on its date; an entry not
    yet in force (no ``since``) is not used."""
    import datetime as dt

    from drafter.library.load import load_library
    from drafter.library.model import RegulatorName

    ref = load_library().reference
    assert ref is not None
    assert ref.regulator_on(dt.date(2030, 1, 1)).name == "Information Commissioner"
    switched = ref.model_copy(update={"regulators": [
        ref.regulators[0], RegulatorName(name="Information Commission", short="the Commission",
                                         office="the Commission", since=dt.date(2026, 6, 1))]})
    assert switched.regulator_on(dt.date(2026, 5, 29)).name == "Information Commissioner"
    assert switched.regulator_on(dt.date(2026, 6, 1)).name == "Information Commission"
