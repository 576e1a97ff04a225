"""validate_case(), called directly: one row per rule, a case that breaks it and a lawful twin.

Each row names the rule's source. The broken case must produce the rule's message (at the
right level, on the right key); the lawful twin, differing only in what the rule is about,
must produce no message of that rule. tests/test_validate.py keeps the CLI's exit codes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drafter.draft.validate import ValidatedCase
from drafter.errors import Problem
from drafter.library.load import Library, load_library
from tests.conftest import AUTHORITY, base_case
from tests.helpers.cases import validate_dict

Case = dict[str, Any]
TODAY = dt.date(2025, 4, 9)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def run(case: Case, folder: Path, lib: Library) -> ValidatedCase:
    return validate_dict(case, folder, lib, authority=AUTHORITY, today=TODAY)


# ------------------------------------------------------------------ building cases
PI: dict[str, Any] = {"for_disclosure": [{"text": "Openness about public spending."}],
                      "against_disclosure": [{"text": "Fair competition for contracts."}],
                      "conclusion": "maintain-exemption"}
NCND_PI: dict[str, Any] = {**PI, "conclusion": "maintain-ncnd"}


def use(cite: str = "s43(2)", **fields: Any) -> dict[str, Any]:
    """An exemption use with its own reasons; ``None`` removes a key."""
    out: dict[str, Any] = {"cite": cite, "reasons": "Reasons of this case."}
    out.update(fields)
    return {k: v for k, v in out.items() if v is not None}


def qualified(cite: str = "s43(2)", **fields: Any) -> dict[str, Any]:
    """A prejudice-based qualified use with a likelihood and a public interest test."""
    return use(cite, **{"likelihood": "would_be_likely", "public_interest": PI, **fields})


def case_of(*uses: dict[str, Any], outcome: str = "refused", **top: Any) -> Case:
    """One part relying on ``uses``; ``top`` replaces top-level keys, ``None`` removes one."""
    case = base_case()
    case["parts"] = [{"number": 1, "request": "A copy of the contract.", "outcome": outcome,
                      "exemptions": list(uses)}]
    case.update(top)
    return {k: v for k, v in case.items() if v is not None}


def with_part(case: Case, **part: Any) -> Case:
    out = copy.deepcopy(case)
    out["parts"][0].update(part)
    out["parts"][0] = {k: v for k, v in out["parts"][0].items() if v is not None}
    return out


COST = {"activities": [{"description": "Searching 40 case files", "hours": 30}],
        "advice": "A request for one year's files could be answered within the limit."}


def whole(**top: Any) -> Case:
    """A whole-request refusal: parts without outcomes, and ``top`` (cost_limit...)."""
    case = base_case()
    case["parts"] = [{"number": 1, "request": "Every email about the contract."}]
    case.update(top)
    return case


HOLDING = {"decision_by": "2025-05-09"}  # the due date is 14 April 2025


@dataclass(frozen=True)
class Row:
    name: str
    source: str  # the law, guidance or good practice the rule enforces
    broken: Case
    lawful: Case
    message: str
    level: str = "error"
    key: str | None = None  # where the problem is reported, when it is not the first part


ROWS: list[Row] = [
    # ---------------------------------------------------------------- dates (s10, s1(3))
    Row("sent-before-received", "s10(1): the clock runs from receipt",
        case_of(qualified(), sent="2025-03-10"), case_of(qualified()),
        "dated before the request was received"),
    Row("clarified-before-received", "s1(3), s10(6): clarification restarts the clock",
        case_of(qualified(), clarified="2025-03-01"),
        case_of(qualified(), clarified="2025-03-20"),
        "clarification is dated before the request"),
    Row("late", "s10(1): twenty working days",
        case_of(qualified(), sent="2025-06-30"), case_of(qualified()),
        "after the deadline", level="warning"),
    # ---------------------------------------------------------------- citations (s17(1)(b))
    Row("unknown-citation", "s17(1)(b): specify the exemption",
        case_of(qualified("s99(1)")), case_of(qualified()), "unknown citation 's99(1)'"),
    Row("not-a-citation", "s17(1)(b)",
        case_of(qualified("commercial interests")), case_of(qualified()), "is not a citation"),
    Row("via-not-in-library", "s17(1)(b): the limb relied on",
        case_of(qualified(via="s99")), case_of(qualified()), "by virtue of 's99'"),
    Row("citation-could-mean-several", "s17(1)(b): the subsection (ICO LTT101)",
        case_of(qualified("s31")), case_of(qualified("s31(1)(a)")),
        "could mean several provisions"),
    Row("ambiguous-without-via", "s40(2) is engaged by virtue of s40(3A), (3B) or (4A)",
        case_of(use("s40(2)")), case_of(use("s40(2)", via="s40(3A)(a)")),
        "'s40(2)' is ambiguous"),
    # ---------------------------------------------------------------- the whole request
    Row("s12-with-s14", "s12, s14: the refusal rests on one ground",
        whole(cost_limit=COST, vexatious={"cite": "s14(1)", "reasons": "A campaign."}),
        whole(cost_limit=COST), "refused under s12 or s14, not both"),
    Row("duplicate-part-number", "s17(1): each part answered once",
        {**case_of(qualified()), "parts": [case_of(qualified())["parts"][0]] * 2},
        {**case_of(qualified()), "parts": [case_of(qualified())["parts"][0],
                                           {**case_of(qualified())["parts"][0], "number": 2}]},
        "part 1 is given twice"),
    Row("outcome-missing", "s1(1), s17(1): every part gets an answer",
        with_part(case_of(qualified()), outcome=None), case_of(qualified()),
        "outcome is missing"),
    Row("part-outcome-with-whole-refusal", "s12: a cost refusal answers no part",
        {**whole(cost_limit=COST), "parts": case_of(qualified())["parts"]},
        whole(cost_limit=COST), "cannot also have its own outcome", level="warning"),
    Row("cost-within-limit", "s12(1) and the Fees Regulations 2004 reg 3 (£450, £25 an hour)",
        whole(cost_limit={**COST, "activities": [{"description": "Search", "hours": 10}]}),
        whole(cost_limit=COST), "section 12 does not apply"),
    Row("cost-without-advice", "s16 and the s45 Code of Practice: advice with s12",
        whole(cost_limit={"activities": COST["activities"]}), whole(cost_limit=COST),
        "section 16: a cost-limit refusal must advise"),
    Row("s14-2-without-previous-request", "s14(2): a repeated request",
        whole(vexatious={"cite": "s14(2)", "reasons": "Same request."}),
        whole(vexatious={"cite": "s14(2)", "reasons": "Same request.",
                         "previous_request": "FOI-2024-0099 of 3 June 2024"}),
        "section 14(2): identify the earlier"),
    # ---------------------------------------------------------------- outcomes
    Row("refused-without-exemption", "s17(1)(b)",
        case_of(), case_of(qualified()), "needs at least one exemption"),
    Row("disclosed-with-exemption", "s1(1)(b): disclosure relies on no exemption",
        with_part(case_of(qualified(), outcome="disclosed"), disclosed="It is enclosed."),
        with_part(case_of(outcome="disclosed"), disclosed="It is enclosed."),
        "relies on no exemption"),
    Row("disclosed-without-saying-what", "s1(1)(b)",
        case_of(outcome="disclosed"),
        with_part(case_of(outcome="disclosed"), disclosed="It is enclosed."),
        "say what is disclosed"),
    Row("not-held-without-explanation", "s1(1)(a); ICO guidance on searches",
        case_of(outcome="not_held"),
        with_part(case_of(outcome="not_held"), not_held="We searched the contracts register."),
        "explain why the information is not held", level="warning"),
    Row("accessible-for-another-exemption", "s21(1): reasonably accessible",
        case_of(qualified(), outcome="accessible"),
        case_of(use("s21(1)", where="https://example.gov.uk/contracts"),
                outcome="accessible"),
        "outcome 'accessible' is for"),
    Row("procedural-cited-in-a-part", "s12, s14 refuse the whole request",
        case_of(use("s12(1)")), case_of(qualified()), "refuses the whole request"),
    # ---------------------------------------------------------------- neither confirm nor deny
    Row("ncnd-cites-the-exemption", "s1(1)(a), s2(1): NCND rests on the NCND subsection",
        case_of(qualified(), outcome="ncnd"),
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI),
                outcome="ncnd"),
        "must cite the NCND provision"),
    Row("ncnd-discloses", "s1(1)(a): disclosure confirms the information is held",
        with_part(case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI),
                          outcome="ncnd"), disclosed="The contract value."),
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI),
                outcome="ncnd"),
        "cannot disclose anything"),
    Row("ncnd-reasons-confirm", "ICO: an NCND answer reads the same either way",
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI,
                    reasons="We hold the contract but it is commercially sensitive."),
                outcome="ncnd"),
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI,
                    reasons="If any contract were held, saying so would harm bidders."),
                outcome="ncnd"),
        "tells the requester the information exists"),
    Row("ncnd-own-harm-wording-confirms", "ICO: an NCND answer reads the same either way",
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI,
                    harm=[{"text": "The withheld information would show our prices."}]),
                outcome="ncnd"),
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI,
                    harm=[{"text": "Any answer would show bidders our position."}]),
                outcome="ncnd"),
        "tells the requester the information exists", key="harm"),
    Row("ncnd-provision-with-confirming-outcome", "s1(1)(a)",
        case_of(use("s43(3)", likelihood="would_be_likely", public_interest=NCND_PI)),
        case_of(qualified()), "neither confirms nor denies, but the outcome"),
    # ---------------------------------------------------------------- each exemption
    Row("prejudice-without-likelihood", "s43(2): 'would, or would be likely to' (Hogan)",
        case_of(qualified(likelihood=None)), case_of(qualified()),
        "is prejudice-based: say how likely"),
    Row("likelihood-for-a-class-exemption", "s41(1) is class-based: no prejudice test",
        case_of(use("s41(1)", likelihood="would")), case_of(use("s41(1)")),
        "not a prejudice-based exemption", level="warning"),
    Row("qualified-without-public-interest", "s2(2)(b), s17(3)",
        case_of(qualified(public_interest=None)), case_of(qualified()),
        "must give the public interest reasons"),
    Row("absolute-with-public-interest", "s2(3): absolute exemptions have no PIT",
        case_of(use("s23(1)", public_interest=PI)), case_of(use("s23(1)")),
        "is an absolute exemption: there is no public interest test"),
    Row("public-interest-in-a-holding-notice", "s17(2), s10(3): the balance is not yet struck",
        case_of(qualified(), pit_extension=HOLDING),
        case_of(qualified(public_interest=None), pit_extension=HOLDING),
        "a holding notice (s17(2))"),
    Row("s36-without-qualified-person", "s36(2), s36(5): the qualified person's opinion",
        case_of(qualified("s36(2)(b)(i)")),
        case_of(qualified("s36(2)(b)(i)", qualified_person={
            "name": "Pat Chief", "title": "Chief Executive", "date": "2025-04-01"})),
        "qualified person (s36(2), s36(5))"),
    Row("s36-opinion-after-the-letter", "s36(2): the opinion precedes the refusal",
        case_of(qualified("s36(2)(b)(i)", qualified_person={
            "name": "Pat Chief", "title": "Chief Executive", "date": "2025-04-20"})),
        case_of(qualified("s36(2)(b)(i)", qualified_person={
            "name": "Pat Chief", "title": "Chief Executive", "date": "2025-04-01"})),
        "opinion must be given before the refusal"),
    Row("s21-without-where", "s21(1); ICO: say where it is accessible",
        case_of(use("s21(1)"), outcome="accessible"),
        case_of(use("s21(1)", where="https://example.gov.uk/contracts"),
                outcome="accessible"),
        "where the information is reasonably accessible"),
    Row("s44-without-enactment", "s44(1)(a): the prohibiting enactment",
        case_of(use("s44(1)(a)")),
        case_of(use("s44(1)(a)", enactment="Commissioners for Revenue and Customs Act "
                    "2005, s18(1)")),
        "name the enactment"),
    Row("s22-without-publication", "s22(1)(a)-(c): intended for future publication",
        case_of(use("s22(1)", public_interest=PI)),
        case_of(use("s22(1)", public_interest=PI, publication={
            "intended_before_request": True, "expected": "June 2025"})),
        "section 22: say when and how"),
    Row("s22-intention-formed-after-request", "s22(1)(a): intended when the request was made",
        case_of(use("s22(1)", public_interest=PI, publication={
            "intended_before_request": False, "expected": "June 2025"})),
        case_of(use("s22(1)", public_interest=PI, publication={
            "intended_before_request": True, "expected": "June 2025"})),
        "publication was intended when the request was made"),
    Row("s22a-without-research", "s22A(1)(a): a continuing programme of research",
        case_of(qualified("s22A(1)")),
        case_of(qualified("s22A(1)", research="A five-year cohort study of air quality.")),
        "describe the continuing research programme"),
    Row("s31-1-g-without-purpose", "s31(1)(g) with s31(2)",
        case_of(qualified("s31(1)(g)")), case_of(qualified("s31(1)(g)", purpose="s31(2)(a)")),
        "must be tied to a purpose in s31(2)"),
    Row("s31-1-g-unknown-purpose", "s31(2): the purposes are listed",
        case_of(qualified("s31(1)(g)", purpose="s31(2)(z)")),
        case_of(qualified("s31(1)(g)", purpose="s31(2)(a)")),
        "is not a purpose in s31(2)"),
    Row("no-reasons", "s17(1)(c): why the exemption applies",
        case_of(qualified(reasons=None)), case_of(qualified()), "say why it applies"),
    # ---------------------------------------------------------------- library wording
    Row("unknown-harm", "s17(1)(c): the library's wording exists",
        case_of(qualified(harm=["no-such-harm"])),
        case_of(qualified(harm=["commercial-negotiating-position"])), "unknown harm id"),
    Row("harm-for-another-exemption", "s17(1)(c): reasons fit the exemption",
        case_of(qualified(harm=["covert-tactics-techniques"])),
        case_of(qualified(harm=["commercial-negotiating-position"])),
        "is not written for s43(2)", level="warning"),
    Row("factor-on-the-wrong-side", "s17(3): factors for and against",
        case_of(qualified(public_interest={**PI, "for_disclosure": ["fair-competition"]})),
        case_of(qualified(public_interest={**PI, "for_disclosure": [
            "transparency-public-spending"]})),
        "argues against disclosure, not for disclosure"),
    Row("ncnd-conclusion-for-withholding", "s17(3): the conclusion fits the answer",
        case_of(qualified(public_interest=NCND_PI)), case_of(qualified()),
        "is written for an NCND answer"),
    # ---------------------------------------------------------------- s10(3) extension
    Row("extension-without-qualified-exemption", "s10(3): only for the public interest test",
        case_of(use("s23(1)"), pit_extension=HOLDING),
        case_of(qualified(public_interest=None), pit_extension=HOLDING),
        "only for qualified exemptions"),
    Row("decision-by-not-after-due", "s10(3), s17(2): an estimate beyond the 20 days",
        case_of(qualified(public_interest=None), pit_extension={"decision_by": "2025-04-11"}),
        case_of(qualified(public_interest=None), pit_extension=HOLDING),
        "must be after the normal deadline"),
    Row("decision-by-beyond-ceiling", "ICO: normally no more than 20 further working days",
        case_of(qualified(public_interest=None), pit_extension={"decision_by": "2025-07-01"}),
        case_of(qualified(public_interest=None), pit_extension=HOLDING),
        "no more than 20 further working days", level="warning"),
]


def _matching(problems: list[Problem], row: Row) -> list[Problem]:
    return [p for p in problems if row.message in p.message]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_rule_breaks_and_lawful_twin_passes(row: Row, tmp_path: Path,
                                           library: Library) -> None:
    broken = run(row.broken, tmp_path, library)
    found = _matching(broken.problems, row)
    assert found, f"{row.name} ({row.source}): no '{row.message}' in " \
                  f"{[p.message for p in broken.problems]}"
    assert {p.level for p in found} == {row.level}
    assert all(p.file and p.line for p in found), "every problem is located"
    if row.key is not None:
        assert all(p.key and row.key in p.key for p in found), [p.key for p in found]
    lawful = run(row.lawful, tmp_path, library)
    assert not _matching(lawful.problems, row), f"{row.name}: the lawful twin is refused"
    assert not lawful.errors, [p.message for p in lawful.errors]


def test_rows_cover_every_rule_once() -> None:
    names = [r.name for r in ROWS]
    assert len(names) == len(set(names))
    assert len(ROWS) >= 40
    assert all(r.source for r in ROWS)


@pytest.fixture
def validated(tmp_path: Path, library: Library) -> Callable[[Case], ValidatedCase]:
    return lambda case: run(case, tmp_path, library)


def test_stage_and_dates(validated: Callable[[Case], ValidatedCase]) -> None:
    final = validated(case_of(qualified()))
    # Received Friday 14 March 2025; St Patrick's Day (Monday 17 March, Northern Ireland) is
    # not a working day anywhere under FOIA s10(6), so the 20th working day is 14 April.
    assert (final.stage, final.due, final.late) == ("final", dt.date(2025, 4, 14), False)
    holding = validated(case_of(qualified(public_interest=None), pit_extension=HOLDING))
    assert holding.stage == "holding"
    after = validated(case_of(qualified(), pit_extension={**HOLDING,
                                                          "holding_notice_sent": "2025-04-09"},
                              sent="2025-05-09"))
    assert after.stage == "final_after_extension" and not after.late


def test_a_library_id_is_accepted_as_a_citation(
        validated: Callable[[Case], ValidatedCase]) -> None:
    result = validated(case_of(qualified("s43-2")))
    assert not result.errors
    assert result.parts[0].uses[0].provision.cite == "s43(2)"
