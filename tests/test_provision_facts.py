"""The checker's facts about provisions are the clause library's, in each regime.

What a cited provision is (absolute or qualified, prejudice-based, NCND, procedural) comes
from the library's provisions of the letter's regime (``clauses/*.yaml``), and for the few
provisions the library does not draft from ``drafter/law/unlisted.py``: no second table. A
citation broader than the library's entries (a bare "section 31") is judged by what all its
limbs share, so losing the old prefix table never turns a defect into "ok".

Sources: FOIA s2(3) (the absolute exemptions), FOISA s2(2), EIR reg 12(1)(b) (every EIR
exception is qualified), FOIA s17(1)(b) / EIR reg 14(3)(a) / FOISA s16(1)(c) (name the limb).
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import load_rules
from drafter.law.citations import normalise
from drafter.law.provisions import ProvisionFacts, ProvisionIndex
from drafter.library.load import Library, load_library
from drafter.library.model import Provision
from drafter.read.text import parse_text

RULES = load_rules()
LIBRARY = load_library()
CHECKER = Checker(RULES, LIBRARY)
REGIMES = ("foia", "eir", "foisa")


def expected(provisions: list[Provision], library: Library) -> ProvisionFacts:
    """What the library says about ``provisions`` (one citation's entries), read directly."""
    named = {p.ncnd for p in library.provisions.values()
             if p.ncnd and p.regime == provisions[0].regime}
    procedural = all(p.kind == "procedural" for p in provisions)
    counted = provisions if procedural else [p for p in provisions if p.kind != "procedural"]
    absolute = {p.absolute for p in counted}
    return ProvisionFacts(
        absolute=None if procedural or len(absolute) != 1 else absolute.pop(),
        prejudice_based=all(p.prejudice_based for p in counted),
        ncnd=all(p.kind == "ncnd" or p.cite in named for p in counted),
        procedural=procedural,
        public_interest_defence=not procedural and all(p.public_interest_defence
                                                       for p in counted))


@pytest.mark.parametrize("regime", REGIMES)
def test_the_checkers_facts_are_the_librarys_for_every_provision(regime: str) -> None:
    index = CHECKER.provisions(regime)
    by_cite: dict[str, list[Provision]] = {}
    for p in LIBRARY.of_regime(regime):
        by_cite.setdefault(p.cite, []).append(p)
    assert len(by_cite) > 15
    for cite, provisions in by_cite.items():
        assert index.facts(cite) == expected(provisions, LIBRARY), cite
        for p in provisions:  # "s40(2) by virtue of s40(3A)(a)": that entry alone
            via = normalise(p.via) if p.via else None
            if via is not None:
                assert index.facts(cite, [via]) == expected([p], LIBRARY), p.id


def test_an_eir_letter_reads_foia_sections_and_a_foisa_letter_does_not() -> None:
    """An EIR letter cites FOIA s39 and s40 beside the regulations; FOISA has its own law."""
    eir, foia, foisa = (CHECKER.provisions(r) for r in ("eir", "foia", "foisa"))
    for p in LIBRARY.of_regime("foia"):
        assert eir.facts(p.cite) == foia.facts(p.cite), p.id
    for p in LIBRARY.of_regime("eir"):
        assert foia.facts(p.cite) == eir.facts(p.cite), p.id
    # FOIA s33(2) is audit functions (prejudice); FOISA s33(2) the economy (substantial
    # prejudice). FOIA s38(1)(b) is health and safety; FOISA s38(1)(b) personal data.
    assert foisa.facts("s38(1)(b)").absolute is None and foia.facts("s38(1)(b)").absolute is False
    assert foisa.facts("s38(1)(b)", ["s38(2A)"]).absolute is True
    assert not foisa.facts("s36(2)").qualified  # FOISA s36(2): confidence, absolute
    assert foia.facts("s36(2)(c)").qualified


@pytest.mark.parametrize("regime", REGIMES)
def test_an_edited_library_is_what_the_checker_believes(regime: str) -> None:
    """A --library override that (wrongly) makes a qualified provision absolute is obeyed:
    the library is the one source, not a second copy of its facts."""
    p = next(p for p in LIBRARY.of_regime(regime) if p.kind == "exemption" and not p.absolute
             and not p.via)
    changed = dataclasses.replace(LIBRARY, provisions={
        **LIBRARY.provisions, p.id: p.model_copy(update={"absolute": True})})
    assert Checker(RULES, changed).provisions(regime).facts(p.cite).absolute is True
    assert CHECKER.provisions(regime).facts(p.cite).absolute is False


# (regime, citation, absolute, prejudice_based, ncnd, procedural)
BARE: list[tuple[str, str, bool | None, bool, bool, bool]] = [
    # every limb of s31 is qualified and prejudice-based
    ("foia", "s31", False, True, False, False),
    ("foia", "s31(1)", False, True, False, False),
    ("foia", "s31(1)(a)(ii)", False, True, False, False),  # finer than the library: s31(1)(a)
    ("foia", "s31(5)", False, True, False, False),  # a limb it does not list: its section's
    ("foia", "s23", True, False, False, False),  # s23(1) and s23(5) both absolute
    ("foia", "s44", True, False, False, False),
    ("foia", "s40", None, False, False, False),  # s40(1) absolute, s40(2) it depends
    ("foia", "s37", None, False, False, False),  # s37(1)(a) absolute, s37(1)(b) not
    ("foia", "s37(1)", None, False, False, False),
    ("foia", "s27", False, False, False, False),  # s27(1) prejudice, s27(2) class
    ("foia", "s43", False, False, False, False),  # s43(1) trade secrets: class
    ("foia", "s43(2)", False, True, False, False),
    ("foia", "s36", False, True, False, False),  # the qualified person's opinion
    ("foia", "s36(2)(b)", False, True, False, False),
    ("foia", "s24", False, False, False, False),  # "required for": not a prejudice test
    ("foia", "s40(5B)", None, False, True, False),  # every limb NCND
    ("foia", "s27(4)", False, False, True, False),  # (a) prejudice, (b) class
    ("foia", "s40(5)", None, False, True, False),  # before 2018: now s40(5A) and s40(5B)
    ("foia", "s40(4A)", False, False, False, False),  # a condition alone: s40(2) by virtue of it
    ("foia", "s40(3A)", True, False, False, False),  # the first condition: absolute, s2(3)(f)(ii)
    ("foia", "s40(3)", None, False, False, False),  # before 2018: now s40(3A) and s40(3B)
    ("foia", "s40(4)", False, False, False, False),  # before 2018: now s40(4A)
    ("foia", "s12", None, False, False, True),
    ("foia", "s12(2)", None, False, True, True),  # the cost of confirming or denying
    ("eir", "reg12", False, False, False, False),  # every EIR exception is qualified
    ("eir", "reg12(5)", False, False, False, False),  # "adversely affect": no "likely" limb
    ("eir", "reg12(4)", False, False, False, False),  # reg 12(4)(a) aside, all qualified
    ("eir", "reg12(4)(a)", None, False, False, True),
    ("eir", "reg13", None, False, False, False),
    ("eir", "reg13(5)", None, False, True, False),  # before 2018: now reg 13(5A)
    ("eir", "reg13(5A)", None, False, True, False),
    ("eir", "s40", None, False, False, False),
    ("eir", "reg13(2B)", False, False, False, False),
    ("eir", "s39", False, False, False, False),
    ("foisa", "s30", False, True, False, False),  # all of FOISA s30 prejudices substantially
    ("foisa", "s27", False, False, False, False),  # s27(1) class, s27(2) prejudice
    ("foisa", "s27(2)", False, True, False, False),
    ("foisa", "s35", False, True, False, False),
    ("foisa", "s38", None, False, False, False),
    ("foisa", "s36", None, False, False, False),  # s36(1) qualified, s36(2) absolute
    ("foisa", "s25", True, False, False, False),
    ("foisa", "s38(2A)", True, False, False, False),
    ("foisa", "s37", True, False, False, False),
    ("foisa", "s18", False, False, True, False),
    ("foisa", "s12", None, False, False, True),
    ("foisa", "reg10", False, False, False, False),  # the EISR, not in the library
    ("foisa", "reg10(5)", False, True, False, False),
    ("foisa", "reg10(4)(b)", False, False, False, False),
    ("foisa", "reg10(5)(f)", False, True, False, False),
    ("foisa", "reg11", None, False, False, False),
]


@pytest.mark.parametrize(("regime", "cite", "absolute", "prejudice", "ncnd", "procedural"),
                         BARE)
def test_a_bare_or_unlisted_citation_is_judged_by_its_limbs(
        regime: str, cite: str, absolute: bool | None, prejudice: bool, ncnd: bool,
        procedural: bool) -> None:
    facts = CHECKER.provisions(regime).facts(cite)
    assert (facts.absolute, facts.prejudice_based, facts.ncnd, facts.procedural) == (
        absolute, prejudice, ncnd, procedural)


def test_a_section_the_library_does_not_have_is_qualified() -> None:
    """FOIA s2(3), FOISA s2(2), EIR reg 12(1)(b) list every absolute ground (the library has
    them all): anything else is qualified, so its public interest test is asked for."""
    facts = ProvisionIndex({}).facts("s99(1)")
    assert facts.qualified and not facts.procedural


REVIEW = """
If you are unhappy with this response you may ask for an internal review by writing to
foi@example.gov.uk within 40 working days of the date of this letter. If you remain unhappy
you may complain to the {regulator}.
"""

LETTERS: dict[str, tuple[str, str, str]] = {
    # regime: (the ground as a bare citation, as a full one, regulator)
    "foia": ("section 31 of the Freedom of Information Act 2000",
             "section 31(1)(a) of the Freedom of Information Act 2000",
             "Information Commissioner"),
    "eir": ("regulation 12(5) of the Environmental Information Regulations 2004",
            "regulation 12(5)(b) of the Environmental Information Regulations 2004",
            "Information Commissioner"),
    "foisa": ("section 30 of the Freedom of Information (Scotland) Act 2002",
              "section 30(c) of the Freedom of Information (Scotland) Act 2002",
              "Scottish Information Commissioner"),
}

PUBLIC_INTEREST = """
Factors in favour of disclosure: there is a public interest in openness about how the
investigation was run.

Factors in favour of maintaining the exemption: there is a strong public interest in not
harming an investigation that is still going on.

Having weighed these factors, we have concluded that the public interest in maintaining the
exemption outweighs the public interest in disclosure.
"""


def letter(ground: str, regulator: str, public_interest: bool) -> str:
    return textwrap.dedent(f"""
        Dear Requester,

        Thank you for your request for the investigation file. We hold the information, but
        we are withholding it under {ground}.

        Disclosure would be likely to prejudice the investigation, because the people under
        investigation could learn what evidence has been gathered and could destroy the rest.
        """) + (PUBLIC_INTEREST if public_interest else "") + REVIEW.format(regulator=regulator)


def check(text: str, regime: str) -> CheckResult:
    return CHECKER.check(parse_text(text), file="letter.txt", regime=regime)


@pytest.mark.parametrize("regime", REGIMES)
def test_a_bare_citation_still_needs_its_public_interest_test(regime: str) -> None:
    """The limbs of FOIA s31, EIR reg 12(5) and FOISA s30 are all qualified: a letter citing
    the bare section without weighing the public interest is still defective."""
    bare, full, regulator = LETTERS[regime]
    missing = check(letter(bare, regulator, public_interest=False), regime)
    assert missing.elements["public_interest_reasons"].status == "missing"
    assert not missing.ok
    assert "missing-subsection" in {f.id for f in missing.findings}
    for ground in (bare, full):
        weighed = check(letter(ground, regulator, public_interest=True), regime)
        assert weighed.elements["public_interest_reasons"].status == "present", ground
    assert check(letter(full, regulator, public_interest=True), regime).ok


def test_a_bare_prejudice_section_still_needs_its_likelihood() -> None:
    """Every limb of FOIA s31 is a prejudice test: "would" or "would be likely to" is asked
    of a bare "section 31" as of s31(1)(a) (ICO, the prejudice test)."""
    bare, full, regulator = LETTERS["foia"]
    for ground in (bare, full):
        text = letter(ground, regulator, public_interest=True).replace(
            "Disclosure would be likely to prejudice", "Disclosure could affect")
        assert "no-likelihood" in {f.id for f in check(text, "foia").findings}, ground


def test_a_house_citation_table_with_facts_is_refused(tmp_path: Path) -> None:
    """A --rules citation table from before may still list facts: it is told where they live."""
    from drafter.errors import DrafterError

    folder = tmp_path / "rules"
    folder.mkdir()
    built_in = Path(__file__).parent.parent / "drafter" / "_data" / "rules" / "citations.yaml"
    text = built_in.read_text(encoding="utf-8").replace(
        "        notices: {s17(5): [s12, s14]}\n",
        "        notices: {s17(5): [s12, s14]}\n        absolute: [s21]\n", 1)
    assert "absolute: [s21]" in text
    (folder / "citations.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DrafterError) as caught:
        load_rules([folder])
    assert "clause library" in str(caught.value) and "--library" in str(caught.value)


def test_a_library_the_checker_cannot_trust_stops_check(
        run_cli: Callable[..., Any], tmp_path: Path) -> None:
    """A --library folder whose provision breaks the law's shape (an exemption named as an
    NCND provision) stops ``check`` with a located error, as it stops ``render``."""
    folder = tmp_path / "house"
    folder.mkdir()
    s31 = (Path(__file__).parent.parent / "clauses" / "s31.yaml").read_text(encoding="utf-8")
    (folder / "s31.yaml").write_text(s31.replace("ncnd: s31(3)", "ncnd: s31(1)(b)", 1),
                                     encoding="utf-8")
    good = tmp_path / "letter.txt"
    good.write_text(letter(LETTERS["foia"][1], "Information Commissioner", True),
                    encoding="utf-8")
    result = run_cli("check", str(good), "--library", str(folder))
    assert result.code == 2 and result.out == ""
    assert f"{folder / 's31.yaml'}:" in result.err and "s31(1)(b)" in result.err
    assert "Traceback" not in result.err
