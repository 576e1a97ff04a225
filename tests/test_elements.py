"""drafter.law.elements: the ten s17 elements, and the checker rules that cite them agree.

Sources: FOIA s17(1)-(7), s16 and s12; EIR reg 14, reg 9 and reg 11; FOISA s16, s15, s19,
s20 and s47.
"""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest
import yaml

from drafter.infra.resources import rules_dir
from drafter.law.elements import (
    ELEMENT_BY_KEY,
    ELEMENT_LAW,
    ELEMENT_TABLE,
    ELEMENTS,
    ElementKey,
)
from drafter.law.regimes import REGIMES, Regime

_PREFIX = {"FOIA": Regime.foia, "EIR": Regime.eir, "FOISA": Regime.foisa}
# A provision of the regime's own instrument: s17(1)(a), s45, reg 14(5)(a). Other instruments
# a rule may also name (the Fees Regulations, "regs 3-4") are context, not checked here.
_PROVISION = re.compile(r"\b(?:s\d+[A-Z]?|reg \d+)(?:\([0-9a-zA-Z]+\))*")


def parse_statute(text: str) -> dict[Regime, list[str]]:
    """``"FOIA s17(2); s10(3); EIR reg 14(1)"`` -> the provisions cited for each regime."""
    out: dict[Regime, list[str]] = {}
    current: Regime | None = None
    for segment in text.split(";"):
        segment = segment.strip()
        word = segment.split(" ", 1)[0]
        if word in _PREFIX:
            current = _PREFIX[word]
            segment = segment[len(word):]
        assert current is not None, f"statute {text!r} does not start with its regime"
        out.setdefault(current, []).extend(_PROVISION.findall(segment))
    return out


def _within(cited: str, listed: str) -> bool:
    """s19(a) is within s19; s16(1) within s16; s17(1)(a) within s17(1)(a)."""
    return cited == listed or cited.startswith(listed + "(")


def element_rules() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for path in sorted(rules_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rules += [r for r in data.get("rules", []) if r.get("extends") == "element"]
    return rules


RULES = element_rules()


def test_the_table_lists_ten_elements_once() -> None:
    assert len(ELEMENT_TABLE) == 10
    assert ELEMENTS == tuple(e.key for e in ELEMENT_TABLE) == get_args(ElementKey)
    assert len(set(ELEMENTS)) == 10
    for e in ELEMENT_TABLE:
        assert set(e.law) == set(Regime), e.key
        assert e.title and e.description


def test_element_law_is_derived_from_the_table() -> None:
    assert set(ELEMENT_LAW) == set(REGIMES)
    assert ELEMENT_LAW[Regime.foia]["states_refusal"] == "s17(1)(a)"
    assert ELEMENT_LAW[Regime.eir]["internal_review"] == "reg 14(5)(a), reg 11"
    assert ELEMENT_LAW[Regime.foisa]["ico_right"] == "s19(b), s47"
    # The EIR have no cost limit and no s17(2) holding notice.
    assert ELEMENT_LAW[Regime.eir]["cost_estimate"] == "-"
    assert ELEMENT_LAW[Regime.eir]["pit_extension_estimate"] == "-"
    assert ELEMENT_LAW[Regime.foisa]["pit_extension_estimate"] == "-"


def test_only_the_cost_estimate_is_good_practice() -> None:
    assert [e.key for e in ELEMENT_TABLE if not e.must] == ["cost_estimate"]


def test_every_element_has_a_rule() -> None:
    assert {r["element"] for r in RULES} == set(ELEMENTS)


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_rule_statute_agrees_with_the_table(rule: dict[str, Any]) -> None:
    element = ELEMENT_BY_KEY[rule["element"]]
    cited = parse_statute(rule["statute"])
    regimes = [Regime(r) for r in rule.get("regimes", list(REGIMES))]
    for regime, provisions in cited.items():
        assert regime in regimes, f"{rule['id']} cites {regime.upper()} but does not run there"
        law = element.provisions(regime)
        assert law.shown, f"{rule['id']}: {element.key} does not arise under {regime}"
        for p in provisions:
            assert any(_within(p, listed) for listed in law.all), \
                f"{rule['id']} cites {p} for {regime}; the table has {law.all}"
    if rule["id"] == element.key:  # the element's own rule names all its law, per regime
        for regime in regimes:
            for listed in element.provisions(regime).shown:
                assert any(_within(p, listed) for p in cited.get(regime, [])), \
                    f"{rule['id']} does not cite {regime.upper()} {listed}"


@pytest.mark.parametrize(("text", "expected"), [
    ("FOIA s17(1)(a), s17(5); EIR reg 14(1); FOISA s16(1)(b)",
     {Regime.foia: ["s17(1)(a)", "s17(5)"], Regime.eir: ["reg 14(1)"],
      Regime.foisa: ["s16(1)(b)"]}),
    ("FOIA s17(2); s10(3)", {Regime.foia: ["s17(2)", "s10(3)"]}),
    ("FOIA s12; Fees Regulations 2004 regs 3-4 (good practice)", {Regime.foia: ["s12"]}),
    ("EIR reg 14(5)(a) with reg 11", {Regime.eir: ["reg 14(5)(a)", "reg 11"]}),
])
def test_parse_statute(text: str, expected: dict[Regime, list[str]]) -> None:
    assert parse_statute(text) == expected
