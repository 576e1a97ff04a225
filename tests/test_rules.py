"""Rule files: the built-in set, validation with located errors, and house rules."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check import Checker
from drafter.check.patterns import further_literals
from drafter.check.ruleset import (
    ELEMENTS,
    KINDS,
    ElementRule,
    TriggerRule,
    compile_patterns,
    expand,
    load_rules,
    required_literals,
)
from drafter.errors import RuleError
from drafter.infra.resources import rules_dir
from drafter.read.text import parse_text

FINDING_IDS = {
    "ncnd-confirms-held", "repealed-law", "absolute-given-pit", "absolute-called-qualified",
    "qualified-called-absolute", "no-likelihood", "s36-no-qualified-person",
    "missing-subsection", "pasted-reasoning", "late-response", "irrelevant-pit-factor",
    "s21-no-location", "truncated-input", "ncnd-not-available", "pitx-not-qualified",
}


def write_rules(folder: Path, text: str, name: str = "house.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_built_in_rules_cover_every_element_and_finding() -> None:
    rules = load_rules()
    elements = {r.element for r in rules.rules if isinstance(r, ElementRule)}
    assert elements == set(ELEMENTS)
    reported = {getattr(r, "finding_id", None) for r in rules.rules} - {None}
    assert reported >= FINDING_IDS
    assert {r.extends for r in rules.rules} == set(KINDS)


def test_every_reporting_rule_cites_the_law_and_a_link() -> None:
    for rule in load_rules().rules:
        if isinstance(rule, TriggerRule):
            continue
        assert rule.statute, rule.id
        if rule.id != "truncated-input":
            assert rule.link and rule.link.startswith("https://"), rule.id


def test_rules_are_packaged_with_drafter() -> None:
    assert (rules_dir() / "elements.yaml").is_file()
    assert rules_dir().parent.name == "_data" and rules_dir().parent.parent.name == "drafter"


@pytest.mark.parametrize(("text", "message", "line"), [
    ("""\
     rules:
       - id: my-rule
         extends: forbids
         level: error
         mesage: typo
         patterns: ['x']
     """, "unknown key 'mesage'", 5),
    ("""\
     rules:
       - id: my-rule
         extends: forbid
         level: error
         message: m
     """, "extends is 'forbid': not a rule kind", 3),
    ("""\
     rules:
       - id: my-rule
         extends: forbids
         level: fatal
         message: m
         patterns: ['x']
     """, "'fatal' is not allowed here", 4),
    ("""\
     rules:
       - id: my-rule
         extends: forbids
         level: error
         message: m
         patterns: ['(unclosed']
     """, "not a valid regular expression", 6),
    ("""\
     rules:
       - id: my-rule
         extends: forbids
         level: error
         message: m
         patterns: ['(a+)+b']
     """, "exponential time", 6),
    ("""\
     rules:
       - id: my-rule
         extends: requires
         level: error
         message: m
         trigger: [qualifed]
         patterns: ['x']
     """, "unknown trigger 'qualifed'", 2),
    ("""\
     rules:
       - id: Bad Id
         extends: trigger
         patterns: ['x']
     """, "not a valid rule id", 2),
    ("""\
     rules:
       - id: my-rule
         extends: element
         element: ico_rights
         level: error
         message: m
         patterns: ['x']
     """, "'ico_rights' is not allowed here", 4),
])
def test_rule_file_errors_are_located(tmp_path: Path, text: str, message: str,
                                      line: int) -> None:
    folder = write_rules(tmp_path / "house", text)
    with pytest.raises(RuleError) as exc:
        load_rules([folder])
    problems = exc.value.problems
    assert any(message in p.message and p.line == line and p.file and
               p.file.endswith("house.yaml") for p in problems), problems


def test_duplicate_ids_in_one_folder(tmp_path: Path) -> None:
    rule = """\
        rules:
          - id: dup
            extends: trigger
            patterns: ['x']
        """
    folder = write_rules(tmp_path / "house", rule, "a.yaml")
    write_rules(folder, rule, "b.yaml")
    with pytest.raises(RuleError, match="duplicate rule id 'dup'"):
        load_rules([folder])


def test_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules([tmp_path / "nope"])


LETTER = """
We are withholding the report under section 43(2) because disclosure would be likely to
prejudice the supplier's commercial interests: its rivals would see its unit prices before the
contract is retendered in May. Factors in favour of disclosure include
transparency; factors in favour of maintaining the exemption include fair competition; on
balance the public interest favours withholding. You may ask for an internal review by writing
to foi@example.gov.uk within 40 working days. You may
complain to the Information Commissioner. Please quote ref ABC.
"""


def test_house_rule_adds_a_check(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "house", """\
        rules:
          - id: house-dpo-contact
            extends: requires
            level: warning
            message: Give the Data Protection Officer's contact details.
            statute: House style
            patterns: ['\\bdpo@example\\.gov\\.uk\\b']
        """)
    result = Checker(load_rules([folder])).check(parse_text(LETTER))
    assert [f.id for f in result.findings] == ["house-dpo-contact"]
    assert result.ok


def test_house_rule_replaces_and_disables_built_ins(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "house", """\
        rules:
          - id: ico_right
            extends: element
            element: ico_right
            level: error
            message: Give the ICO's web address.
            statute: FOIA s17(7)(b)
            patterns: ['ico\\.org\\.uk']
          - id: no-likelihood
            enabled: false
        """)
    rules = load_rules([folder])
    assert "no-likelihood" not in {r.id for r in rules.rules}
    result = Checker(rules).check(parse_text(LETTER))
    assert result.elements["ico_right"].status == "missing"
    assert [f.id for f in result.findings] == ["ico_right"]


def test_exactly_one_citations_rule(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "house", """\
        rules:
          - id: missing-subsection
            enabled: false
        """)
    with pytest.raises(RuleError, match="0 rules of kind 'citations'"):
        load_rules([folder])


def _all_patterns() -> list[str]:
    out: list[str] = []
    for rule in load_rules().rules:
        for key in ("patterns", "when", "then", "received", "letter_date", "extension"):
            out.extend(getattr(rule, key, None) or [])
        for group in getattr(rule, "all_of", None) or []:
            out.extend(group)
    return sorted(set(out))


PATTERNS = _all_patterns()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_built_in_patterns_compile(pattern: str) -> None:
    assert compile_patterns((pattern,)) is not None


def _literal_sets(pattern: str) -> list[frozenset[str]]:
    required = required_literals(pattern)
    return [*([required] if required else []), *further_literals(pattern)]


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if _literal_sets(p)])
@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_literals_are_really_required(pattern: str, data: st.DataObject) -> None:
    """Any text the pattern matches holds one of its required literals and one of each of its
    further sets (the pre-filter is safe)."""
    try:
        regex = re.compile(expand(pattern), re.IGNORECASE | re.MULTILINE)
        text = data.draw(st.from_regex(regex))
    except Exception:
        pytest.skip("hypothesis cannot generate examples for this pattern")
    lowered = text.lower()
    if len(lowered) != len(text) or not regex.search(text):
        return  # the checker turns the pre-filter off for such text
    for literals in _literal_sets(pattern):
        assert any(lit in lowered for lit in literals), (pattern, literals, text)


@pytest.mark.parametrize(("pattern", "literals"), [
    # re's parser writes (?:EIR|Environmental) as E(?:IR|nvironmental): the E is still
    # part of each alternative's literal, which makes it a far better pre-filter than "ir"
    (r"\bunder\s+the\s+(?:Environmental\s+Information\s+Regulations|EIRs?\b)",
     {"environmental", "eir"}),
    (r"\bunder\s+(?:FOIA\b|FOI\s+Act\b|Freedom\s+of\s+Information)",
     {"foia", "foi", "information"}),
    (r"\b(?:regulation|reg\.?)\s*5\b", {"regulation", "reg"}),
])
def test_letters_common_to_alternatives_stay_in_their_literals(
        pattern: str, literals: set[str]) -> None:
    assert literals in [set(req or ()) for req in (required_literals(pattern),
                                                   *further_literals(pattern))]


def test_a_cached_rule_set_keeps_how_each_pattern_is_searched() -> None:
    """The next process only compiles the patterns (infra/caseless plans), so a check of one
    letter starts about as fast as before the fast search was added."""
    from drafter.check.patterns import expand
    from drafter.check.ruleset import _patterns

    ruleset = load_rules(())
    assert ruleset.plans, "the tests run with a user cache, so the plans are worked out"
    missing = [p for p in _patterns(ruleset.rules) if (expand(p), re.MULTILINE) not in
               ruleset.plans]
    assert missing == []
