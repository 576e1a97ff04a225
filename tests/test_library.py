"""The built-in clause library against a table of Part II kept here, and lint behaviour."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.library.lint import lint_library
from drafter.library.load import load_library
from tests.conftest import ROOT, CliResult

A, Q = True, False
# cite: (absolute, test, ncnd counterpart). Written from FOIA Part II and s2(3) as amended by
# the Data Protection Act 2018 (s40 as amended by the DPA 2018 Sch 19), independently of the
# YAML, so that a slip in either shows up here.
PART_II: dict[str, tuple[bool, str, str | None]] = {
    "s21(1)": (A, "class", None),
    "s22(1)": (Q, "class", "s22(2)"),
    "s22A(1)": (Q, "prejudice", "s22A(2)"),
    "s23(1)": (A, "class", "s23(5)"),
    "s24(1)": (Q, "required_for", "s24(2)"),
    "s26(1)(a)": (Q, "prejudice", "s26(3)"), "s26(1)(b)": (Q, "prejudice", "s26(3)"),
    # s27(4)(a) removes the duty where confirming would prejudice s27(1) interests; (b) where
    # it would reveal confidential information from another State (s27(2)).
    **{f"s27(1)({x})": (Q, "prejudice", "s27(4)(a)") for x in "abcd"},
    "s27(2)": (Q, "class", "s27(4)(b)"),
    "s28(1)": (Q, "prejudice", "s28(3)"),
    "s29(1)(a)": (Q, "prejudice", "s29(2)"), "s29(1)(b)": (Q, "prejudice", "s29(2)"),
    **{f"s30(1)({x})": (Q, "class", "s30(3)") for x in "abc"},
    **{f"s31(1)({x})": (Q, "prejudice", "s31(3)") for x in "abcdefghi"},
    "s32(1)": (A, "class", "s32(3)"), "s32(2)": (A, "class", "s32(3)"),
    "s33(2)": (Q, "prejudice", "s33(3)"),
    "s34(1)": (A, "required_for", "s34(2)"),
    **{f"s35(1)({x})": (Q, "class", "s35(3)") for x in "abcd"},
    **{f"s36(2)({x})": (Q, "qualified_person", "s36(3)")
       for x in ("a)(i", "a)(ii", "a)(iii", "b)(i", "b)(ii", "c")},
    "s37(1)(a)": (A, "class", "s37(2)"), "s37(1)(aa)": (A, "class", "s37(2)"),
    "s37(1)(ab)": (A, "class", "s37(2)"), "s37(1)(ac)": (Q, "class", "s37(2)"),
    "s37(1)(ad)": (Q, "class", "s37(2)"), "s37(1)(b)": (Q, "class", "s37(2)"),
    "s38(1)(a)": (Q, "endanger", "s38(2)"), "s38(1)(b)": (Q, "endanger", "s38(2)"),
    "s39(1)": (Q, "class", "s39(2)"),
    "s40(1)": (A, "class", "s40(5A)"),
    "s41(1)": (A, "class", "s41(2)"),
    "s42(1)": (Q, "class", "s42(2)"),
    "s43(1)": (Q, "class", None),
    "s43(2)": (Q, "prejudice", "s43(3)"),
    "s44(1)(a)": (A, "class", "s44(2)"), "s44(1)(b)": (A, "class", "s44(2)"),
    "s44(1)(c)": (A, "class", "s44(2)"),
}
# s40(3A)(a) and (b) are absolute (s2(3)(fa)); s40(4A)(a) general processing and s40(4A)(b)
# law enforcement processing (DPA 2018 s45(4)) are qualified and pair with s40(5B)(c) and (d).
S40_2 = {"s40(3A)(a)": A, "s40(3A)(b)": A, "s40(3B)": Q, "s40(4A)(a)": Q, "s40(4A)(b)": Q}
NCND = ["s22(2)", "s22A(2)", "s23(5)", "s24(2)", "s26(3)", "s27(4)(a)", "s27(4)(b)",
        "s28(3)", "s29(2)", "s30(3)", "s31(3)", "s32(3)", "s33(3)", "s34(2)", "s35(3)",
        "s36(3)", "s37(2)", "s38(2)",
        "s39(2)", "s40(5A)", "s40(5B)(a)(i)", "s41(2)", "s42(2)", "s43(3)", "s44(2)"]
PROCEDURAL = ["s12(1)", "s12(2)", "s14(1)", "s14(2)"]


@pytest.fixture(scope="module")
def listed(run_cli_module: Callable[..., CliResult]) -> list[dict[str, object]]:
    result = run_cli_module("clauses", "list", "--format", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


@pytest.fixture(scope="module")
def run_cli_module() -> Callable[..., CliResult]:
    import contextlib
    import io

    from drafter.cli import main

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as exc:
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def test_every_part_ii_exemption_is_listed_with_its_properties(
        listed: list[dict[str, object]]) -> None:
    by_cite: dict[str, list[dict[str, object]]] = {}
    for row in listed:
        by_cite.setdefault(str(row["cite"]), []).append(row)
    for cite, (absolute, test, ncnd) in PART_II.items():
        assert cite in by_cite, f"{cite} missing from the library"
        (row,) = by_cite[cite]
        assert (row["absolute"], row["test"], row["ncnd"]) == (absolute, test, ncnd), cite
    s40 = {row["via"]: row["absolute"] for row in by_cite["s40(2)"]}
    assert s40 == S40_2
    for cite in NCND:
        assert cite in by_cite, f"NCND provision {cite} missing"
        assert all(r["kind"] == "ncnd" for r in by_cite[cite])
    for cite in PROCEDURAL:
        assert by_cite[cite][0]["test"] == "procedural"


def test_list_json_has_the_contract_keys(listed: list[dict[str, object]]) -> None:
    row = next(r for r in listed if r["id"] == "s31-1-a")
    assert row == {**row, "id": "s31-1-a", "cite": "s31(1)(a)", "absolute": False,
                   "test": "prejudice", "ncnd": "s31(3)", "source": "built-in"}
    assert isinstance(row["title"], str) and row["title"]


def test_other_kinds_listed(run_cli_module: Callable[..., CliResult]) -> None:
    lib = load_library()
    for kind, table in (("harm", lib.harms), ("factor", lib.factors),
                        ("conclusion", lib.conclusions)):
        rows = json.loads(run_cli_module("clauses", "list", "--kind", kind, "--format",
                                         "json").out)
        assert {r["id"] for r in rows} == set(table)
        assert all({"id", "tags", "text"} <= set(r) for r in rows)
    assert len(lib.harms) >= 25
    assert sum(f.side == "for_disclosure" for f in lib.factors.values()) >= 20
    assert sum(f.side == "against_disclosure" for f in lib.factors.values()) >= 20
    assert {c.use for c in lib.conclusions.values()} == {"withhold", "ncnd", "disclose_in_part"}


def test_built_in_library_lints_clean(run_cli_module: Callable[..., CliResult]) -> None:
    assert lint_library(load_library()) == []
    result = run_cli_module("clauses", "lint")
    assert result.code == 0, result.err
    assert "clause library OK" in result.out


def test_show_by_id_and_by_citation(run_cli_module: Callable[..., CliResult]) -> None:
    by_id = run_cli_module("clauses", "show", "s43-2")
    assert by_id.code == 0 and "cite: s43(2)" in by_id.out and "ico_guidance" in by_id.out
    by_cite = run_cli_module("clauses", "show", "section 43(2)")
    assert by_cite.out == by_id.out
    missing = run_cli_module("clauses", "show", "s99")
    assert missing.code == 2 and "no entry 's99'" in missing.err


def _copy_library(tmp_path: Path) -> Path:
    copy = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", copy)
    return copy


BREAKAGES = [
    ("duplicate id", "s43.yaml", "id: s43-3", "id: s43-2", "duplicate provision id 's43-2'"),
    ("unknown tag", "harms.yaml", "tags: [s43]", "tags: [s99]", "unknown tag 's99'"),
    ("bad placeholder", "s43.yaml", "{{ likelihood }}", "{{ likelyhood }}", "likelyhood"),
    ("repealed law", "s40.yaml", "UK General Data Protection Regulation",
     "Data Protection Act 1998", "quotes repealed law"),
    ("missing ICO link", "s42.yaml", "    ico_guidance:", "    ico_guidance_gone:",
     "unknown key 'ico_guidance_gone'"),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "message"), BREAKAGES,
                         ids=[b[0] for b in BREAKAGES])
def test_lint_fails_on_a_broken_override(name: str, file: str, old: str, new: str,
                                         message: str, tmp_path: Path,
                                         run_cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "override"
    folder.mkdir()
    source = (ROOT / "clauses" / file).read_text(encoding="utf-8")
    assert old in source
    (folder / file).write_text(source.replace(old, new, 1), encoding="utf-8")
    result = run_cli("clauses", "lint", "--library", str(folder))
    assert result.code == 1, result.out + result.err
    assert message in result.err
    assert f"{folder / file}:" in result.err  # file and line


def test_absolute_factor_is_reported(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "override"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "factors:\n  - id: open-courts\n    side: for_disclosure\n    title: Open courts\n"
        "    tags: [s32]\n    text: Courts should be open.\n", encoding="utf-8")
    result = run_cli("clauses", "lint", "--library", str(folder))
    assert result.code == 1
    assert "attached to an absolute exemption (s32)" in result.err


def test_override_replaces_and_is_reported(tmp_path: Path,
                                           run_cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "override"
    folder.mkdir()
    (folder / "house.yaml").write_text(
        "factors:\n  - id: fair-competition\n    side: against_disclosure\n"
        "    title: Fair competition (house wording)\n    tags: [s43]\n"
        "    text: Our own wording about fair competition.\n", encoding="utf-8")
    rows = json.loads(run_cli("clauses", "list", "--kind", "factor", "--format", "json",
                              "--library", str(folder)).out)
    row = next(r for r in rows if r["id"] == "fair-competition")
    assert row["source"] == str(folder)
    assert row["text"] == "Our own wording about fair competition."


def test_by_cite_follows_the_provisions_it_is_asked_about() -> None:
    lib = load_library()
    (found,) = lib.by_cite("section 43(2)")
    assert found.cite == "s43(2)" and lib.by_cite("s43(2)", "eir") == []
    lib.provisions[found.id] = found.model_copy(update={"cite": "s43(9)"})
    assert lib.by_cite("s43(2)") == []  # the index is made again for the new provisions
    assert [p.id for p in lib.by_cite("s43(9)")] == [found.id]
    del lib.provisions[found.id]
    assert lib.by_cite("s43(9)") == []
