"""The built-in triggers: one table both validates rule files and is evaluated by the engine."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.check import Checker
from drafter.check.engine import Run
from drafter.check.kinds import RequiresRule
from drafter.check.ruleset import BUILTIN_TRIGGERS, load_rules
from drafter.check.triggers import BUILTINS, UnknownTriggerError, evaluate
from drafter.read.text import parse_text

RULES = load_rules()

LETTER = textwrap.dedent("""\
    Dear Ms Example,

    We are refusing your request. The information is exempt under section 31(1)(a) of the
    Freedom of Information Act 2000 because disclosure would be likely to prejudice the
    prevention of crime. Section 21(1) also applies to part of it.

    We have weighed the public interest and it favours maintaining the exemption.
    """)


def run_on(text: str, regime: str | None = None) -> Run:
    return Run(parse_text(text), Checker(RULES), regime)


def test_every_name_rule_files_may_use_is_one_the_engine_can_evaluate() -> None:
    assert set(BUILTIN_TRIGGERS) == set(BUILTINS)
    run = run_on(LETTER)
    for name, trigger in BUILTINS.items():
        assert trigger.doc.strip(), name
        assert isinstance(evaluate(run, name), bool), name
        assert run.trigger(name) is evaluate(run, name), name


def test_the_builtins_read_the_provisions_cited() -> None:
    run = run_on(LETTER)
    holds = {name for name in BUILTINS if run.trigger(name)}
    # s31(1)(a) is qualified and prejudice-based; s21(1) is absolute (FOIA s2(3)(a)).
    assert {"always", "refusal", "exemption", "cited", "qualified", "absolute",
            "prejudice", "foia"} <= holds
    assert not holds & {"ncnd", "ncnd_cited", "s12", "s14", "procedural_only", "eir",
                        "foisa", "truncated"}
    costs = run_on("We refuse your request under section 12(1): it would exceed the cost "
                   "limit.\n")
    assert costs.trigger("s12") and costs.trigger("procedural_only")
    assert not costs.trigger("qualified") and not costs.trigger("exemption")


def test_an_unknown_trigger_name_is_an_error_not_a_silent_false() -> None:
    run = run_on(LETTER)
    with pytest.raises(UnknownTriggerError, match="qualifed"):
        evaluate(run, "qualifed")
    with pytest.raises(UnknownTriggerError, match="qualifed"):
        run.trigger("qualifed")


def test_a_rule_set_that_skipped_validation_cannot_hide_a_misspelt_trigger() -> None:
    rule = RequiresRule(id="house-rule", extends="requires", level="error", message="m",
                        patterns=["x"], trigger=["qualifed"])
    rules = replace(RULES, rules=[*RULES.rules, rule])
    with pytest.raises(UnknownTriggerError):
        Checker(rules).check(parse_text(LETTER))


def test_a_switched_off_wording_trigger_simply_does_not_hold() -> None:
    # The engine asks for some trigger rules by id; a house rule may switch them off.
    letter = "We can neither confirm nor deny whether we hold it.\n"
    assert run_on(letter).trigger("ncnd") is True
    rules = replace(RULES, rules=[r for r in RULES.rules if r.id != "ncnd_wording"])
    checker = Checker(rules)
    run = Run(parse_text(letter), checker, None)
    assert run.wording("ncnd_wording") is False
    assert run.trigger("ncnd") is False


HOUSE_LOOP = textwrap.dedent("""\
    rules:
      - id: house_a
        extends: trigger
        description: wording no letter has, and only with house_b
        trigger: [house_b]
        patterns: ['\\bzebracrossingword\\b']
      - id: house_b
        extends: trigger
        description: only with house_c
        trigger: [house_c]
        patterns: ['\\bdear\\b']
      - id: house_c
        extends: trigger
        description: not with house_b (a loop)
        unless: [house_b]
        patterns: ['\\bdear\\b']
      - id: house-first
        extends: forbids
        level: warning
        message: first "{match}"
        trigger: [house_a]
        patterns: ['\\bdear\\b']
      - id: house-second
        extends: forbids
        level: warning
        message: second "{match}"
        trigger: [house_c]
        patterns: ['\\bdear\\b']
      - id: house-third
        extends: forbids
        level: warning
        message: third "{match}"
        trigger: [house_b]
        patterns: ['\\bdear\\b']
    """)


def test_triggers_in_a_loop_resolve_as_they_always_have(tmp_path: Path) -> None:
    # A house rule file may make its triggers depend on each other in a loop; the engine
    # reads a trigger still being worked out as not holding, so the answer depends on the
    # order in which triggers are worked out. Looking for a trigger's wording before its
    # conditions (a speed-up) changed that order and lost house-third. Conditions come first.
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "house.yaml").write_text(HOUSE_LOOP, encoding="utf-8")
    checker = Checker(load_rules([folder]))
    found = {f.id for f in checker.check(parse_text(LETTER)).findings}
    assert {"house-second", "house-third"} <= found
    assert "house-first" not in found
