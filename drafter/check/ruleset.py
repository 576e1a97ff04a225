"""Checker rules as data: loading rule files, merging house rules, and cross-checking them.

A rule file is YAML with one key, ``rules:``, holding a list of rules. Every rule has an
``id`` and an ``extends`` key that picks its kind (after vale); the kinds, each with its
schema, are in :mod:`drafter.check.kinds`. Patterns are Python regular expressions, matched
without regard to case; ``{date}`` stands for a written date (:mod:`drafter.check.patterns`).

Rules from ``--rules DIR`` are loaded after the built-in ones: a rule with the id of a
built-in rule replaces it, and ``{id: ..., enabled: false}`` switches one off. Every trigger
name a rule uses must be built in (:mod:`drafter.check.triggers`), the id of a trigger rule,
or ``cites:PROVISION``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from drafter.check.dates import DATE
from drafter.check.kinds import (
    KINDS,
    CitationsRule,
    CitationTable,
    ConditionalRule,
    DeadlineRule,
    ElementRule,
    ForbidsRule,
    LabellingRule,
    RepetitionRule,
    RequiresRule,
    Rule,
    TriggerRule,
)
from drafter.check.kinds.base import RuleId, RuleModel
from drafter.check.patterns import (
    caseless_plans,
    compile_patterns,
    expand,
    further_literals,
    remember_literals,
    required_literals,
)
from drafter.check.results import ELEMENTS
from drafter.check.triggers import BUILTIN_TRIGGERS
from drafter.errors import Problem, RuleError
from drafter.infra import cache as user_cache
from drafter.infra.caseless import Plan, remember_plans
from drafter.infra.modelio import problems_from
from drafter.infra.resources import rules_dir
from drafter.infra.yamlio import Positions, decode_text, load_yaml, read_bytes
from drafter.library.sources import cache_inputs

__all__ = [  # with the rule kinds and patterns, importable from here as before the split
    "BUILTIN_TRIGGERS",
    "DATE",
    "ELEMENTS",
    "KINDS",
    "CitationTable",
    "CitationsRule",
    "ConditionalRule",
    "DeadlineRule",
    "ElementRule",
    "ForbidsRule",
    "LabellingRule",
    "RepetitionRule",
    "RequiresRule",
    "Rule",
    "RuleSet",
    "TriggerRule",
    "compile_patterns",
    "expand",
    "load_rules",
    "required_literals",
]


class _Disable(RuleModel):
    id: RuleId
    enabled: Literal[False]


class _RuleFile(RuleModel):
    rules: list[dict[str, Any]]


@dataclass
class RuleSet:
    """The rules in force, by kind, after built-in and house rules are merged.

    Attributes:
        rules: Every enabled rule, in load order.
        origins: Where each rule id was read from (``file:line``).
    """

    rules: list[Rule] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    literals: dict[str, frozenset[str] | None] = field(default_factory=dict, compare=False,
                                                       repr=False)
    """:func:`required_literals` of every pattern, worked out when the set is cached."""
    further: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict, compare=False,
                                                           repr=False)
    """:func:`further_literals` of every pattern, worked out when the set is cached."""
    plans: dict[tuple[str, int], Plan] = field(default_factory=dict, compare=False, repr=False)
    """How each pattern is searched (:mod:`drafter.infra.caseless`), worked out when the set
    is cached, so that a process that loads the set only compiles its patterns."""

    def of(self, kind: type[Rule]) -> list[Rule]:
        """Enabled rules of one kind."""
        return [r for r in self.rules if isinstance(r, kind)]

    @property
    def citations(self) -> CitationsRule:
        """The citation rule in force."""
        return next(r for r in self.rules if isinstance(r, CitationsRule))

    @property
    def triggers(self) -> dict[str, TriggerRule]:
        """Trigger rules by id."""
        return {r.id: r for r in self.rules if isinstance(r, TriggerRule)}


def load_rules(extra: Sequence[Path] = ()) -> RuleSet:
    """Load the built-in rules, then each house-rule folder over them.

    A rule set that loads without a problem is kept in the user's cache (:mod:`drafter.infra.cache`)
    under a key made from the content of every rule file, with the literals of its patterns
    (:func:`required_literals`), so the next process skips parsing and validation.

    Raises:
        RuleError: listing every problem in every file, with file and line.
    """
    return _load(tuple(p.resolve() for p in extra))


@cache
def _load(extra: tuple[Path, ...]) -> RuleSet:
    read: list[list[tuple[Path, bytes | RuleError]]] = []
    for folder in (rules_dir(), *extra):
        if not folder.is_dir():
            raise RuleError([Problem("rules folder not found", file=str(folder),
                                     fix="give a folder of .yaml rule files")])
        files: list[tuple[Path, bytes | RuleError]] = []
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
            try:
                files.append((path, read_bytes(path, RuleError, what="rule file")))
            except RuleError as exc:
                files.append((path, exc))
        read.append(files)
    inputs = cache_inputs([(str(n), files) for n, files in enumerate(read)])
    if inputs is None:  # a file that could not be read: report it, never cache
        return _validate_rules(read)
    import pydantic
    import pydantic_core

    folders = "\0".join(str(files[0][0].parent) for files in read if files)
    ruleset = user_cache.memoize(
        "rules", name=folders, inputs=inputs, expect=RuleSet, build=lambda: _build(read),
        versions=[f"pydantic {pydantic.VERSION} {pydantic_core.__version__}",
                  user_cache.module_stamp("yaml")])
    remember_literals(ruleset.literals, ruleset.further)
    remember_plans(ruleset.plans)
    return ruleset


def _build(read: list[list[tuple[Path, bytes | RuleError]]]) -> RuleSet:
    """The validated rule set, with the literals and plans of its patterns worked out to keep.

    The plans are worked out only for a set that is kept: without the cache, each pattern's
    is worked out when a letter first needs it.
    """
    ruleset = _validate_rules(read)
    patterns = _patterns(ruleset.rules)
    ruleset.literals = {p: required_literals(p) for p in patterns}
    ruleset.further = {p: further_literals(p) for p in patterns}
    if user_cache.cache_dir() is not None:
        groups = {(p,) for p in patterns}
        for rule in ruleset.rules:  # the excuses are searched as one pattern each
            groups.update(tuple(getattr(rule, name, ())) for name in ("ignore_when", "keep_when",
                                                                  "ignore_in_clause"))
        ruleset.plans = caseless_plans(g for g in groups if g)
    return ruleset


_PATTERN_FIELDS = ("patterns", "ignore_when", "when", "then", "received", "clarified",
                   "letter_date", "extension", "other_act_after", "other_act_before",
                   "ignore_before", "ignore_in_clause")


def _patterns(rules: Iterable[Rule]) -> set[str]:
    """Every pattern the rules hold (the checker works out any it meets that are not here)."""
    found: set[str] = set()
    for rule in rules:
        for name in _PATTERN_FIELDS:
            found.update(getattr(rule, name, ()))
        for group in getattr(rule, "all_of", ()):
            found.update(group)
    return found


def _validate_rules(read: list[list[tuple[Path, bytes | RuleError]]]) -> RuleSet:
    problems: list[Problem] = []
    merged: dict[str, Rule] = {}
    origins: dict[str, str] = {}
    disabled: set[str] = set()
    for files in read:
        seen: dict[str, str] = {}
        for path, raw in files:
            for rule, where in _read_file(path, raw, problems):
                if isinstance(rule, _Disable):
                    disabled.add(rule.id)
                    merged.pop(rule.id, None)
                    continue
                if rule.id in seen:
                    problems.append(Problem(
                        f"duplicate rule id '{rule.id}' (also at {seen[rule.id]})",
                        file=str(path), line=_line(where), key="id",
                        fix="give each rule its own id; use the same id only to replace a "
                            "built-in rule from a --rules folder"))
                    continue
                seen[rule.id] = where
                disabled.discard(rule.id)
                merged[rule.id] = rule
                origins[rule.id] = where
    rules = [r for r in merged.values() if r.enabled]
    problems.extend(_cross_check(rules, origins))
    if problems:
        raise RuleError(problems)
    return RuleSet(rules=rules, origins=origins)


def _line(where: str) -> int | None:
    tail = where.rpartition(":")[2]
    return int(tail) if tail.isdigit() else None


def _read_file(path: Path, raw: bytes | RuleError, problems: list[Problem]
               ) -> Iterable[tuple[Rule | _Disable, str]]:
    name = str(path)
    try:
        if isinstance(raw, RuleError):
            raise raw
        data, positions = load_yaml(decode_text(raw, name, RuleError, what="rule file"), name,
                                    RuleError)
    except RuleError as exc:
        problems.extend(exc.problems)
        return []
    try:
        parsed = _RuleFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, _RuleFile, positions))
        return []
    out: list[tuple[Rule | _Disable, str]] = []
    for i, item in enumerate(parsed.rules):
        rule = _validate_rule(item, i, positions, problems)
        if rule is not None:
            out.append((rule, f"{name}:{positions.line_of(('rules', i)) or 0}"))
    return out


def _validate_rule(item: dict[str, Any], i: int, positions: Positions,
                   problems: list[Problem]) -> Rule | _Disable | None:
    base = ("rules", i)
    kind = item.get("extends")
    model: type[BaseModel]
    if kind is None and item.get("enabled") is False:
        model = _Disable
    elif not isinstance(kind, str) or kind not in KINDS:
        shown = "nothing" if kind is None else f"'{kind}'"
        problems.append(Problem(
            f"extends is {shown}: not a rule kind", file=positions.file,
            line=positions.line_of((*base, "extends")), key=f"rules[{i}].extends",
            fix=f"use one of {', '.join(KINDS)}"))
        return None
    else:
        model = KINDS[kind].model
    try:
        return model.model_validate(item)  # type: ignore[return-value]
    except ValidationError as exc:
        problems.extend(problems_from(exc, model, positions, base=base))
        return None


def _cross_check(rules: list[Rule], origins: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    names = set(BUILTIN_TRIGGERS) | {r.id for r in rules if isinstance(r, TriggerRule)}

    def at(rule_id: str, key: str, message: str, fix: str) -> None:
        where = origins.get(rule_id, "")
        file, _, _ = where.rpartition(":")
        problems.append(Problem(message, file=file or None, line=_line(where),
                                key=f"{rule_id}.{key}", fix=fix))

    for rule in rules:
        for key in ("trigger", "unless"):
            for name in getattr(rule, key):
                if not name.startswith("cites:") and name not in names:
                    at(rule.id, key, f"unknown trigger '{name}'",
                       f"use one of {', '.join(sorted(names))} or cites:PROVISION")
        near = getattr(rule, "near", "")
        if isinstance(near, str) and near.startswith("trigger:") and near[8:] not in names:
            at(rule.id, "near", f"unknown trigger '{near[8:]}'", "name a trigger rule")
        if isinstance(rule, ConditionalRule) and rule.locate and rule.locate not in names:
            at(rule.id, "locate", f"unknown trigger '{rule.locate}'", "name a trigger rule")
    count = sum(isinstance(r, CitationsRule) for r in rules)
    if count != 1:
        problems.append(Problem(f"{count} rules of kind 'citations' are enabled; exactly one "
                                "must be", fix="replace the built-in one by giving yours its "
                                "id ('missing-subsection')"))
    return problems
