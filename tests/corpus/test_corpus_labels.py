"""Self-checks for the labelled letter corpora (tests/corpus and tests/corpus/heldout).

These tests do not run `drafter check`; they keep each labels.yaml internally consistent and in
step with the files in its letters/, so that a mislabelled or unlabelled letter fails fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent
FOLDERS = (CORPUS, CORPUS / "heldout")

ELEMENT_KEYS = (
    "states_refusal",
    "specifies_exemption",
    "names_subsection",
    "explains_why",
    "public_interest_reasons",
    "pit_extension_estimate",
    "internal_review",
    "ico_right",
    "advice_and_assistance",
    "cost_estimate",
)
STATUSES = {"present", "missing", "not_applicable"}
FINDINGS = {
    "ncnd-confirms-held",
    "repealed-law",
    "absolute-given-pit",
    "absolute-called-qualified",
    "qualified-called-absolute",
    "no-likelihood",
    "s36-no-qualified-person",
    "missing-subsection",
    "pasted-reasoning",
    "late-response",
    "irrelevant-pit-factor",
    "s21-no-location",
    "ncnd-not-available",
    "pitx-not-qualified",
}
REGIMES = {"foia", "eir", "foisa"}
# Normalised citation: s40(2), s31(1)(a), s36(2)(b)(ii), s40(5B)(a)(i), reg12(5)(e), reg13(1).
CITE = re.compile(r"^(s\d{1,2}[A-Z]?|reg\d{1,2})(\(\d+[A-Z]?\))*(\([a-z]{1,2}\))?(\([ivx]+\))?$")
# Provisions under which no public interest test is run (as labelled in this corpus: the s40(2)
# letters all rely on the first condition, and s40(5B)(a)(i) follows the ICO's view).
NO_PIT_PREFIXES = (
    "s12",
    "s14",
    "s21",
    "s23",
    "s32",
    "s34",
    "s40(1)",
    "s40(2)",
    "s40(5B)(a)(i)",
    "s41",
    "s44",
    "reg13",
    "s38(1)(b)@foisa",
)
# Letters sent after day 20 that are nevertheless in time (final notice after a s10(3) extension).
LATE_BUT_EXTENDED = {"letters/drat-s35-final-pit-decision.md",
                     "heldout/letters/pelhamvale-council-s42-final-notice.md"}


def _load(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    letters = data["letters"]
    assert isinstance(letters, list)
    return letters


ENTRIES = [(folder, e) for folder in FOLDERS for e in _load(folder)]


def _key(folder: Path, entry: dict[str, Any]) -> str:
    """The letter's path below tests/corpus."""
    return (folder / str(entry["file"])).relative_to(CORPUS).as_posix()


def _id(item: tuple[Path, dict[str, Any]]) -> str:
    return _key(*item)


def _needs_pit(cite: str, regime: str) -> bool:
    key = f"{cite}@{regime}" if regime == "foisa" else cite
    return not any(key.startswith(p) for p in NO_PIT_PREFIXES)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_letter_is_labelled_once(folder: Path) -> None:
    labelled = [e["file"] for e in _load(folder)]
    assert len(labelled) == len(set(labelled)), "duplicate label entries"
    on_disk = sorted(f"letters/{p.name}" for p in (folder / "letters").iterdir()
                     if p.suffix in {".md", ".txt"})
    assert sorted(labelled) == on_disk


@pytest.mark.parametrize("item", ENTRIES, ids=_id)
def test_entry_shape(item: tuple[Path, dict[str, Any]]) -> None:
    folder, entry = item
    assert entry["regime"] in REGIMES
    assert isinstance(entry["is_refusal"], bool)
    assert isinstance(entry["ncnd"], bool)
    assert entry["description"].strip()
    assert tuple(entry["elements"]) == ELEMENT_KEYS
    assert set(entry["elements"].values()) <= STATUSES
    assert set(entry["findings"]) <= FINDINGS
    for cite in entry["exemptions"]:
        assert CITE.match(cite), cite
    words = len((folder / entry["file"]).read_text(encoding="utf-8").split())
    assert 250 <= words <= 900, words


@pytest.mark.parametrize("item", ENTRIES, ids=_id)
def test_labels_follow_the_rules(item: tuple[Path, dict[str, Any]]) -> None:
    _, entry = item
    el: dict[str, str] = entry["elements"]
    cites: list[str] = entry["exemptions"]
    if not entry["is_refusal"]:
        assert set(el.values()) == {"not_applicable"}
        assert not cites and not entry["ncnd"] and not entry["findings"]
        return
    for key in (
        "states_refusal",
        "specifies_exemption",
        "names_subsection",
        "explains_why",
        "internal_review",
        "ico_right",
    ):
        assert el[key] != "not_applicable", key
    if el["specifies_exemption"] == "missing":
        assert not cites and el["names_subsection"] == "missing"
    if el["names_subsection"] == "missing" and cites:
        assert "missing-subsection" in entry["findings"]
    s12 = any(c.startswith("s12") for c in cites)
    for key in ("advice_and_assistance", "cost_estimate"):
        assert (el[key] != "not_applicable") == s12, key
    holding = el["pit_extension_estimate"] != "not_applicable"
    qualified = any(_needs_pit(c, entry["regime"]) for c in cites) or (
        not cites and el["public_interest_reasons"] != "not_applicable"  # described, not cited
    )
    if holding:
        assert el["public_interest_reasons"] == "not_applicable"  # PIT decided in a later notice
        assert qualified != ("pitx-not-qualified" in entry["findings"])
    else:
        assert (el["public_interest_reasons"] != "not_applicable") == qualified
    if "absolute-given-pit" in entry["findings"]:
        assert not qualified


@pytest.mark.parametrize("item", ENTRIES, ids=_id)
def test_late_response_matches_dates(item: tuple[Path, dict[str, Any]]) -> None:
    entry = item[1]
    days = entry["dates"]["working_days"]
    late = days > 20 and _key(*item) not in LATE_BUT_EXTENDED
    assert late == ("late-response" in entry["findings"]), days


@pytest.mark.parametrize("item", ENTRIES, ids=_id)
def test_cited_provisions_appear_in_text(item: tuple[Path, dict[str, Any]]) -> None:
    folder, entry = item
    text = (folder / entry["file"]).read_text(encoding="utf-8")
    flat = re.sub(r"[\s.]", "", text.lower())
    for cite in entry["exemptions"]:
        number = re.match(r"(?:s|reg)(\d+)", cite)
        assert number is not None
        assert number.group(1) in flat, cite
        first = re.match(r"(?:s|reg)\d+(\(\w+\))?", cite)
        assert first is not None
        assert first.group(0).lower().removeprefix("s").removeprefix("reg") in flat, cite
