"""The EIR and FOISA clause library against tables of the legislation kept here.

Written from the Environmental Information Regulations 2004 (SI 2004/3391) regs 6, 12 and 13 as
amended by the Data Protection Act 2018, and from the Freedom of Information (Scotland) Act
2002 Part 1 (ss12, 14, 17, 18) and Part 2, with s2(2) for the absolute exemptions, independently
of the YAML, so that a slip in either shows up here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.library.lint import lint_library
from drafter.library.load import load_library
from tests.conftest import CliResult

A, Q, P = "absolute", "qualified", "procedural"

# (cite, via) -> (nature, kind). Every EIR exception is subject to reg 12(1)(b) except the reg 13
# first condition (reg 13(1)(a)) and its NCND limb reg 13(5A)(a) (ICO s40/reg 13 guidance);
# reg 12(4)(a) is the not-held exception (no balance can be struck); reg 6(1)(b) is not an
# exception at all (form and format).
EIR: dict[tuple[str, str | None], tuple[str, str]] = {
    ("reg6(1)(b)", None): (A, "exemption"),
    ("reg12(4)(a)", None): (P, "procedural"),
    **{(f"reg12(4)({x})", None): (Q, "exemption") for x in "bcde"},
    **{(f"reg12(5)({x})", None): (Q, "exemption") for x in "abcdefg"},
    ("reg12(6)", None): (Q, "ncnd"),
    ("reg13(1)", "reg13(2A)(a)"): (A, "exemption"),
    ("reg13(1)", "reg13(2A)(b)"): (A, "exemption"),
    ("reg13(1)", "reg13(2B)"): (Q, "exemption"),
    ("reg13(1)", "reg13(3A)"): (Q, "exemption"),
    ("reg13(5A)(a)", "reg13(5B)(a)"): (A, "ncnd"),
    ("reg13(5A)(b)", None): (Q, "ncnd"),
}

# FOISA s2(2): s25, s26, s36(2), s37, s38(1)(a), (c), (d) and (b) under the first condition.
FOISA: dict[tuple[str, str | None], tuple[str, str]] = {
    ("s12(1)", None): (P, "procedural"), ("s14(1)", None): (P, "procedural"),
    ("s14(2)", None): (P, "procedural"), ("s17(1)", None): (P, "procedural"),
    ("s18(1)", None): (Q, "ncnd"),
    ("s25(1)", None): (A, "exemption"),
    ("s26(a)", None): (A, "exemption"), ("s26(c)", None): (A, "exemption"),
    ("s27(1)", None): (Q, "exemption"), ("s27(2)", None): (Q, "exemption"),
    ("s28(1)", None): (Q, "exemption"),
    **{(f"s29(1)({x})", None): (Q, "exemption") for x in "abcd"},
    ("s30(a)", None): (Q, "exemption"), ("s30(b)(i)", None): (Q, "exemption"),
    ("s30(b)(ii)", None): (Q, "exemption"), ("s30(c)", None): (Q, "exemption"),
    ("s31(1)", None): (Q, "exemption"), ("s31(4)", None): (Q, "exemption"),
    ("s32(1)(a)", None): (Q, "exemption"), ("s32(1)(b)", None): (Q, "exemption"),
    ("s33(1)(a)", None): (Q, "exemption"), ("s33(1)(b)", None): (Q, "exemption"),
    ("s33(2)", None): (Q, "exemption"),
    **{(f"s34({x})", None): (Q, "exemption") for x in "123"},
    **{(f"s35(1)({x})", None): (Q, "exemption") for x in "abcdefgh"},
    ("s36(1)", None): (Q, "exemption"), ("s36(2)", None): (A, "exemption"),
    ("s37(1)", None): (A, "exemption"),
    ("s38(1)(a)", None): (A, "exemption"),
    ("s38(1)(b)", "s38(2A)"): (A, "exemption"),
    ("s38(1)(b)", "s38(2B)"): (Q, "exemption"),
    ("s38(1)(b)", "s38(3A)"): (Q, "exemption"),
    ("s38(1)(c)", None): (A, "exemption"), ("s38(1)(d)", None): (A, "exemption"),
    ("s39(1)", None): (Q, "exemption"), ("s39(2)", None): (Q, "exemption"),
    ("s40(a)", None): (Q, "exemption"), ("s40(b)", None): (Q, "exemption"),
    # s41(a) stays qualified for every royal communication: the absolute exemption for the
    # Sovereign, the heir and the second in line proposed in the Freedom of Information
    # (Amendment) (Scotland) Bill 2012 was removed at Stage 2 and is not in the 2013 Act; the
    # Scottish Information Commissioner's s41 guidance: both s41 exemptions are subject to
    # the public interest test. (FOIA s37(1)(a)-(ab) are absolute since 2010: not FOISA.)
    ("s41(a)", None): (Q, "exemption"), ("s41(b)", None): (Q, "exemption"),
}

# FOISA s18(1): NCND only for ss28-35, 38, 39(1) and 41.
S18_SECTIONS = {"28", "29", "30", "31", "32", "33", "34", "35", "38", "41"}

# The harm test each FOISA exemption uses: "prejudice substantially" (or "inhibit
# substantially") for the harm-based ones, s31(1) "required for", s39(1) "endanger".
FOISA_HARM = {"s27(2)", "s28(1)", "s30(a)", "s30(b)(i)", "s30(b)(ii)", "s30(c)", "s31(4)",
              "s32(1)(a)", "s33(1)(b)", "s33(2)", "s40(a)", "s40(b)",
              *(f"s35(1)({x})" for x in "abcdefgh")}


@pytest.fixture(scope="module")
def run_list() -> Callable[..., list[dict[str, object]]]:
    import contextlib
    import io

    from drafter.cli import main

    def run(*args: str) -> list[dict[str, object]]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                main(["clauses", "list", "--format", "json", *args])
            except SystemExit as exc:
                assert not exc.code
        rows: list[dict[str, object]] = json.loads(out.getvalue())
        return rows

    return run


def _table(rows: list[dict[str, object]]) -> dict[tuple[str, str | None], tuple[str, str]]:
    out: dict[tuple[str, str | None], tuple[str, str]] = {}
    for r in rows:
        nature = A if r["absolute"] else P if r["test"] == "procedural" else Q
        via = r.get("via")
        out[(str(r["cite"]), str(via) if via else None)] = (nature, str(r["kind"]))
    return out


@pytest.mark.parametrize(("regime", "table"), [("eir", EIR), ("foisa", FOISA)])
def test_each_regime_lists_exactly_the_legislation(
        run_list: Callable[..., list[dict[str, object]]], regime: str,
        table: dict[tuple[str, str | None], tuple[str, str]]) -> None:
    rows = run_list("--regime", regime)
    assert all(r["regime"] == regime for r in rows)
    assert _table(rows) == table


def test_foia_listing_is_unchanged_by_the_other_regimes(
        run_list: Callable[..., list[dict[str, object]]]) -> None:
    rows = run_list()
    assert rows and all(r["regime"] == "foia" for r in rows)
    assert not any(str(r["cite"]).startswith("reg") for r in rows)
    everything = run_list("--regime", "all")
    assert len(everything) == len(rows) + len(EIR) + len(FOISA)


def test_same_number_means_the_right_law_in_each_regime() -> None:
    lib = load_library()
    (foia,) = lib.by_cite("s38(1)(b)")
    assert "Health and safety" in foia.title
    scots = lib.by_cite("s38(1)(b)", "foisa")
    assert {p.via for p in scots} == {"s38(2A)", "s38(2B)", "s38(3A)"}
    assert all("Personal information" in p.title for p in scots)
    assert lib.by_cite("s43(2)", "foisa") == []
    assert [p.id for p in lib.by_cite("s33(1)(b)", "foisa")] == ["foisa-s33-1-b"]
    assert lib.by_cite("reg12(5)(e)") == []  # not FOIA


def test_foisa_harm_tests_and_s18_scope() -> None:
    lib = load_library()
    foisa = lib.of_regime("foisa")
    for p in foisa:
        if p.cite in FOISA_HARM:
            assert p.test == "substantial_prejudice", p.id
            assert "substantially" in p.statement, p.id
            assert "likelihood" in p.requires, p.id
    assert lib.provisions["foisa-s31-1"].test == "required_for"
    assert lib.provisions["foisa-s39-1"].test == "endanger"
    s18 = lib.provisions["foisa-s18-1"]
    covered = {lib.provisions[i].section for i in s18.exempts}
    assert covered == S18_SECTIONS | {"39"}
    assert all(lib.provisions[i].cite != "s39(2)" for i in s18.exempts)  # only s39(1)
    assert all(p.guidance_url.startswith("https://www.foi.scot/") for p in foisa)


def test_eir_adverse_effect_and_ncnd_scope() -> None:
    lib = load_library()
    for x in "abcdefg":
        p = lib.provisions[f"eir-12-5-{x}"]
        assert p.test == "adverse_effect" and "adversely affect" in p.statement
        assert "likely" not in p.statement  # the EIR have no "would be likely to" limb
    # reg 12(6) NCND only for the reg 12(5)(a) interests.
    assert lib.provisions["eir-12-6"].exempts == ["eir-12-5-a"]
    assert [p.id for p in lib.of_regime("eir") if p.ncnd == "reg12(6)"] == ["eir-12-5-a"]


def test_checker_keeps_each_regimes_facts_apart() -> None:
    from drafter.check import Checker
    from drafter.check.ruleset import load_rules

    entries = Checker(load_rules(), load_library()).library
    assert not any(c.startswith("reg") for c in entries["foia"])
    assert all(c.startswith("reg") for c in entries["eir"])
    # FOIA s33(2) is audit (prejudice), FOISA s33(2) the economy (substantial prejudice).
    assert [e.prejudice_based for e in entries["foia"]["s33(2)"]] == [True]
    assert [e.prejudice_based for e in entries["foisa"]["s33(2)"]] == [True]
    assert len(entries["foia"]["s38(1)(b)"]) == 1
    assert len(entries["foisa"]["s38(1)(b)"]) == 3  # FOISA s38(1)(b): by its condition


@pytest.mark.parametrize(("regime", "bad"), [
    ("foisa", "You may complain to the Information Commissioner under section 50 of the Act."),
    ("eir", "This letter is a refusal notice under section 17 of the Act."),
])
def test_lint_rejects_another_regimes_wording(tmp_path: Path, regime: str, bad: str) -> None:
    lib = load_library()
    pid = "foisa-s33-1-b" if regime == "foisa" else "eir-12-5-e"
    p = lib.provisions[pid]
    lib.provisions[pid] = p.model_copy(update={"statement": p.statement + " " + bad})
    problems = lint_library(lib)
    assert any(pr.key == f"{pid}.statement" and "another regime" in pr.message
               for pr in problems)
    lib.provisions[pid] = p
    assert lint_library(lib) == []


def test_foisa_provision_must_link_the_scottish_commissioner(tmp_path: Path,
                                                             run_cli: Callable[..., CliResult]
                                                             ) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "provisions:\n  - id: foisa-s33-1-b\n    regime: foisa\n    cite: s33(1)(b)\n"
        "    section: '33'\n    title: T\n    absolute: false\n    test: class\n"
        "    explanation: E\n    statement: S\n"
        "    ico_guidance: https://ico.org.uk/x\n", encoding="utf-8")
    result = run_cli("clauses", "lint", "--library", str(folder))
    assert result.code == 1
    assert "Scottish Information Commissioner" in result.err and "x.yaml" in result.err


def test_show_by_citation_names_each_regimes_provision(
        run_cli: Callable[..., CliResult]) -> None:
    both = run_cli("clauses", "show", "s38(1)(b)")
    assert both.code == 0
    assert "# provision s38-1-b" in both.out and "# provision foisa-s38-1-b-first" in both.out
    assert "regime: foia" in both.out and "regime: foisa" in both.out
    foia = run_cli("clauses", "show", "s38(1)(b)", "--regime", "foia")
    assert "foisa-" not in foia.out
    eir = run_cli("clauses", "show", "regulation 12(5)(e)")
    assert eir.code == 0 and "# provision eir-12-5-e" in eir.out


# A notice may promise only what it contains. FOIA s39 and FOISA s39(2) send environmental
# information to the EIR (EIR reg 14) or the Environmental Information (Scotland) Regulations
# 2004, whose answer drafter does not write into the same letter, so these statements must not
# say that the EIR position is "set out below" or has been sent "separately" (legal review
# item 17; FOIA s17(1)(c) and FOISA s16(1)(d) require the notice itself to state the reasons).
_PROMISE = re.compile(r"\b(?:set out|explained|given) below\b|\bseparately\b|\bas follows\b",
                      re.IGNORECASE)


def test_promise_pattern_catches_the_old_s39_wording() -> None:
    old = ("Any question of whether we hold information of the kind you have described falls "
           "to be decided under the Environmental Information Regulations 2004, and our "
           "position under those Regulations is set out below.")
    lawful = ("Any question of whether we hold information of the kind you have described falls "
              "to be decided under the Environmental Information Regulations 2004, not under "
              "the Act.")
    assert _PROMISE.search(old) and not _PROMISE.search(lawful)
    assert _PROMISE.search("We have written to you separately about it.")


@pytest.mark.parametrize("pid", ["s39-1", "s39-2", "foisa-s39-2"])
def test_environmental_routing_promises_nothing_the_letter_lacks(pid: str) -> None:
    p = load_library().provisions[pid]
    assert "Regulations" in p.statement, pid
    assert not _PROMISE.search(p.statement), (pid, p.statement)
