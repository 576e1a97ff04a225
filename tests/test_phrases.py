"""One table of NCND and repealed-law wording, judged the same by all three readers.

Each sentence goes through law.phrases itself, the case validator (an NCND part's own
reasons), the library linter (an NCND conclusion's text) and ``drafter check`` (a full NCND
letter with the sentence added), and all four must agree.

Law: FOIA s1(1)(a) and the NCND subsections (s24(2), s31(3)...), EIR reg 12(6), FOISA s18:
an answer that neither confirms nor denies must read the same whether or not information
is held (ICO, "When to refuse to confirm or deny holding information"). DPA 2018 Sch 19
paras 56-58 replaced the DPA 1998 wording of s40 from 25 May 2018.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from drafter import api
from drafter.check import Checker
from drafter.check.patterns import validate_pattern
from drafter.check.ruleset import load_rules
from drafter.draft.casefile import load_case
from drafter.draft.validate import validate_case
from drafter.errors import RuleError
from drafter.law.phrases import (
    CONFIRMS_HELD,
    MACROS,
    REPEALED_LAW,
    confirms_held,
    expand_macros,
    repealed_law,
)
from drafter.library.lint import lint_library
from drafter.library.load import Library, load_library
from drafter.read.text import parse_text
from tests.conftest import AUTHORITY

ROOT = Path(__file__).resolve().parent.parent

# (sentence, confirms that the information is held)
NCND_SENTENCES: list[tuple[str, bool]] = [
    # The design review's three (Appendix A.1)
    ("We can neither confirm nor deny whether the information is held.", False),
    ("We hold the information but it is exempt.", True),
    ("The force does hold records of this kind.", True),
    # Hypothetical or NCND wording: confirms nothing
    ("If any information were held, it would be exempt under section 24(1).", False),
    ("Whether or not the force holds information of this kind, it would not be in the public "
     "interest to say so.", False),
    ("The Council neither confirms nor denies that it holds the information you have "
     "requested.", False),
    ("Confirming or denying whether information is held would itself reveal exempt "
     "information.", False),
    ("We hold the view that any answer would prejudice the prevention of crime.", False),
    ("This response should not be taken as an indication that the information you requested "
     "is or is not held.", False),
    ("Any information, if held, would be exempt under section 40(5B).", False),
    ("We are not obliged to say whether we hold information of the kind requested.", False),
    ("The public interest in maintaining the exclusion of the duty to confirm or deny "
     "outweighs the public interest in confirming whether information is held.", False),
    ("Our answer is the same in every case, whether or not records exist.", False),
    ("The duty to confirm or deny does not arise where confirmation would itself be "
     "harmful.", False),
    ("Disclosure of the fact of holding would tell offenders where they could act unseen.",
     False),
    ("No inference should be drawn from this response about whether the force uses such "
     "software.", False),
    # Confirmations
    ("We confirm that the requested information is held.", True),
    ("The withheld information relates to an ongoing investigation.", True),
    ("The report you asked for is exempt under section 31(1)(a).", True),
    ("We have located three files that fall within your request.", True),
    ("The Council holds a copy of the contract.", True),
    ("The information is held on our case management system.", True),
    ("Records of this kind are held by the Professional Standards Department.", True),
    ("We keep records of every camera location.", True),
    ("Having reviewed the documents, we consider that section 31 applies.", True),
    ("A redaction schedule is enclosed with this letter.", True),
    ("The trust currently holds two reports on this incident.", True),
    ("We have the information you asked for, but disclosing it would prejudice the "
     "investigation.", True),
    ("The information that we hold about the operation is exempt under section 30(1).", True),
    ("I can confirm that the force has records about this matter.", True),
]

REPEALED_SENTENCES: list[tuple[str, bool]] = [
    ("Disclosure would breach the first data protection principle in Schedule 1.", True),
    ("The information is sensitive personal data.", True),
    ("No Schedule 2 condition can be met.", True),
    ("Disclosure would be an unwarranted intrusion into their privacy.", True),
    ("Section 40(2) applies by virtue of section 40(3)(a)(i).", True),
    ("This is exempt under the Data Protection Act 1998.", True),
    ("The Data Protection Act 1998 was repealed and replaced by the Data Protection Act "
     "2018.", False),
    ("Disclosure would contravene the principle in Article 5(1)(a) of the UK GDPR.", False),
    ("The legitimate interest is overridden by the rights and freedoms of the officers.",
     False),
    ("The information is special category data under Article 9 of the UK GDPR.", False),
]


def test_enough_sentences_both_ways() -> None:
    mine = NCND_SENTENCES[3:]
    assert sum(v for _, v in mine) >= 10 and sum(not v for _, v in mine) >= 10


def test_the_tables_compile_and_are_macros() -> None:
    for table in MACROS.values():
        for pattern in table:
            assert validate_pattern(pattern) == pattern  # the checker's own rules for patterns
    assert MACROS["confirms_held"] is CONFIRMS_HELD
    assert MACROS["repealed_law"] is REPEALED_LAW
    assert expand_macros("x{confirms_held}y").startswith("x(?:(?:")
    assert expand_macros("{date} stays") == "{date} stays"


@pytest.mark.parametrize(("sentence", "confirms"), NCND_SENTENCES)
def test_phrase_table(sentence: str, confirms: bool) -> None:
    assert bool(confirms_held(sentence)) is confirms


@pytest.mark.parametrize(("sentence", "repealed"), REPEALED_SENTENCES)
def test_repealed_law_table(sentence: str, repealed: bool) -> None:
    assert bool(repealed_law(sentence)) is repealed


# ------------------------------------------------------------------ the case validator
@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _validator_flags(tmp: Path, lib: Library, sentence: str) -> bool:
    case = yaml.safe_load((ROOT / "examples" / "police-ncnd-software.yaml").read_text())
    case["authority"] = "authority.yaml"
    ncnd = [dict(u) for u in case["parts"][0]["exemptions"]]
    ncnd[1]["reasons"] = sentence
    case["parts"] = [{**case["parts"][0], "exemptions": ncnd}]
    (tmp / "authority.yaml").write_text(yaml.safe_dump(AUTHORITY), encoding="utf-8")
    path = tmp / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    validated = validate_case(load_case(path), lib, today=dt.date(2025, 3, 28))
    leaks = [p for p in validated.errors if "tells the requester the information exists"
             in p.message]
    others = [p for p in validated.errors if p not in leaks]
    assert not others, others
    return bool(leaks)


@pytest.mark.parametrize(("sentence", "confirms"), NCND_SENTENCES)
def test_case_validator_agrees(sentence: str, confirms: bool, tmp_path: Path,
                               library: Library) -> None:
    assert _validator_flags(tmp_path, library, sentence) is confirms


# ------------------------------------------------------------------ the library linter
def _override(folder: Path, sentences: list[tuple[str, bool]]) -> Path:
    entries = [{"id": f"phrase-{n:02d}", "use": "ncnd", "title": "Test conclusion",
                "tags": ["any"], "text": s} for n, (s, _) in enumerate(sentences)]
    (folder / "conclusions.yaml").write_text(yaml.safe_dump({"conclusions": entries}),
                                             encoding="utf-8")
    return folder


def test_library_linter_agrees(tmp_path: Path) -> None:
    lib = load_library((_override(tmp_path, NCND_SENTENCES),))
    flagged = {p.key.split(".")[0] for p in lint_library(lib) if p.key and
               "says the information exists" in p.message}
    got = [f"phrase-{n:02d}" in flagged for n in range(len(NCND_SENTENCES))]
    assert got == [v for _, v in NCND_SENTENCES]


def test_library_linter_repealed_law(tmp_path: Path) -> None:
    lib = load_library((_override(tmp_path, REPEALED_SENTENCES),))
    flagged = {p.key.split(".")[0] for p in lint_library(lib) if p.key and
               "quotes repealed law" in p.message}
    got = [f"phrase-{n:02d}" in flagged for n in range(len(REPEALED_SENTENCES))]
    assert got == [v for _, v in REPEALED_SENTENCES]


# ------------------------------------------------------------------ drafter check
@pytest.fixture(scope="module")
def ncnd_letter() -> str:
    drafted = api.draft_case(ROOT / "examples" / "police-ncnd-software.yaml")
    return api.render_markdown(drafted.notice)


def _checker_flags(tmp: Path, letter: str, sentence: str, rule: str) -> bool:
    head, sep, tail = letter.partition("Yours sincerely")
    assert sep, "the letter has no sign-off"
    path = tmp / "letter.md"
    path.write_text(f"{head}{sentence}\n\n{sep}{tail}", encoding="utf-8")
    result = api.check_file(path)
    return any(f.id == rule for f in result.findings)


def test_the_letter_is_clean(ncnd_letter: str, tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(ncnd_letter, encoding="utf-8")
    assert api.check_file(path).ok


@pytest.mark.parametrize(("sentence", "confirms"), NCND_SENTENCES)
def test_checker_agrees(sentence: str, confirms: bool, ncnd_letter: str,
                        tmp_path: Path) -> None:
    assert _checker_flags(tmp_path, ncnd_letter, sentence, "ncnd-confirms-held") is confirms


@pytest.mark.parametrize(("sentence", "repealed"), REPEALED_SENTENCES)
def test_checker_repealed_law(sentence: str, repealed: bool, ncnd_letter: str,
                              tmp_path: Path) -> None:
    assert _checker_flags(tmp_path, ncnd_letter, sentence, "repealed-law") is repealed


# ------------------------------------------------------------------ house rules
def _house(folder: Path, pattern: str) -> Path:
    folder.mkdir()
    (folder / "house.yaml").write_text(
        "rules:\n  - id: house-no-holding\n    extends: forbids\n    level: warning\n"
        "    message: Say nothing about holding it.\n    statute: House style\n"
        f"    patterns: ['{pattern}']\n    ignore_when: ['{{confirms_held_excuses}}']\n",
        encoding="utf-8")
    return folder


def test_a_house_rule_can_use_the_table(tmp_path: Path) -> None:
    folder = _house(tmp_path / "house", "{confirms_held}")
    rules = load_rules([folder])
    hit = Checker(rules).check(parse_text("We hold the information but it is exempt."))
    assert "house-no-holding" in [f.id for f in hit.findings]
    miss = Checker(rules).check(parse_text(
        "We can neither confirm nor deny whether the information is held."))
    assert "house-no-holding" not in [f.id for f in miss.findings]


def test_a_misspelt_macro_stops_the_rules_loading(tmp_path: Path) -> None:
    # '{confirms_hold}' would be read as literal letters and never match: refuse it.
    folder = _house(tmp_path / "house", "{confirms_hold}")
    with pytest.raises(RuleError, match=r"unknown macro '\{confirms_hold\}'"):
        load_rules([folder])
