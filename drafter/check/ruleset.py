"""Checker rules as data: the closed set of rule kinds, and loading rule files.

A rule file is YAML with one key, ``rules:``, holding a list of rules. Every rule has an
``id`` and an ``extends`` key that picks its kind (after
vale). The kinds, and what each checks, are:

``trigger``
    Defines a named condition by wording (for example ``ncnd_wording``, ``pitx``); other
    rules use it in ``trigger``/``unless``. Reports nothing itself.
``element``
    One of the ten elements of ``drafter check --format json``: ``not_applicable`` unless
    the trigger of some rule for it holds; then ``present`` when one of those rules finds its
    evidence, ``missing`` (and a finding with the element's name) when none does. Several
    rules for one element are alternatives (different wording for different provisions).
``requires``
    Wording that must appear, in the whole letter or near each cited provision of a kind
    (``for_each``).
``forbids``
    Wording that must not appear (in the letter, near a provision, or in the same sentence
    as one); a match is excused when its sentence matches ``ignore_when``.
``conditional``
    If ``when`` wording appears, ``then`` wording must follow within ``window`` blocks;
    with neither, the trigger alone is the finding.
``citations``
    How citations are found and normalised, per regime, and which need a subsection
    (reports ``missing-subsection``). Exactly one such rule is in force.
``labelling``
    A label ("qualified exemption", a public interest test) attached to a provision whose
    kind (absolute or qualified) it does not fit.
``deadline``
    The letter date compared with the 20th working day after the date of receipt.
``repetition``
    The same long paragraph pasted more than once.

Every finding-producing rule carries ``level`` (error, warning, suggestion), ``message``,
``statute`` and ``link``. Patterns are Python regular expressions, matched without regard
to case; ``{date}`` stands for a written date. They are compiled once per process.

Rules from ``--rules DIR`` are loaded after the built-in ones: a rule with the id of a
built-in rule replaces it, and ``{id: ..., enabled: false}`` switches one off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from drafter.errors import Problem, RuleError
from drafter.infra import cache as user_cache
from drafter.infra.modelio import problems_from
from drafter.infra.resources import rules_dir
from drafter.infra.yamlio import Positions, decode_text, load_yaml, read_bytes
from drafter.law.citations import normalise

__all__ = [
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
    "load_rules",
    "required_literals",
]

ELEMENTS = ("states_refusal", "specifies_exemption", "names_subsection", "explains_why",
            "public_interest_reasons", "pit_extension_estimate", "internal_review",
            "ico_right", "advice_and_assistance", "cost_estimate")
"""The ten element keys of ``drafter check --format json`` (``docs/check.md``)."""

ElementKey = Literal["states_refusal", "specifies_exemption", "names_subsection",
                     "explains_why", "public_interest_reasons", "pit_extension_estimate",
                     "internal_review", "ico_right", "advice_and_assistance", "cost_estimate"]
Level = Literal["error", "warning", "suggestion"]
RegimeName = Literal["foia", "eir", "foisa"]
REGIMES: tuple[RegimeName, ...] = ("foia", "eir", "foisa")

BUILTIN_TRIGGERS = {
    "always": "every letter",
    "refusal": "the letter refuses something (is_refusal)",
    "exemption": "a Part II exemption, NCND provision or EIR exception is cited, or NCND "
                 "wording is used",
    "qualified": "a qualified exemption or NCND provision is cited (every EIR exception)",
    "absolute": "an absolute exemption is cited",
    "prejudice": "a prejudice-based exemption is cited",
    "ncnd": "NCND wording is used or an NCND provision cited",
    "ncnd_cited": "an NCND provision is cited",
    "s12": "the cost limit (s12) is cited",
    "s14": "s14 (vexatious or repeated) is cited",
    "procedural_only": "only s12 or s14 is relied on",
    "cited": "a provision (exemption, NCND provision, exception, s12 or s14) is cited",
    "uncertain": "a provision is cited whose absolute/qualified status depends on its limb",
    "foia": "the FOIA regime", "eir": "the EIR regime", "foisa": "the FOISA regime",
    "truncated": "only the start of the file was read",
}
"""Trigger names computed by the engine; ``cites:PROVISION`` and trigger rules add more."""

SELECTORS = ("any", "absolute", "qualified", "prejudice", "ncnd")
"""Keywords ``for_each`` accepts besides a citation prefix such as ``s21``."""

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?(?:\s+\d{{4}})?"
        rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})")
"""What ``{date}`` in a pattern stands for: 3 December 2024, 3rd Dec, 03/12/2024, 2024-12-03."""

KINDS = ("trigger", "element", "requires", "forbids", "conditional", "citations",
         "labelling", "deadline", "repetition")

_FLAGS = re.IGNORECASE | re.MULTILINE
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_TRIGGER = re.compile(r"^(?:[a-z][a-z0-9_]*|cites:\S+)$")
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


def _rule_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a valid rule id: use lower-case letters, digits, "
                         "hyphens and underscores, e.g. 'ncnd-confirms-held'")
    return value


def expand(pattern: str) -> str:
    """Replace the ``{date}`` macro in a pattern."""
    return pattern.replace("{date}", DATE)


def _pattern(value: str) -> str:
    if not value.strip():
        raise ValueError("a pattern must not be blank")
    if _NESTED.search(value):
        raise ValueError(f"pattern '{value}' repeats without limit a group that itself "
                         "repeats, which can take exponential time; bound the outer "
                         "repetition, for example {0,8}")
    try:
        re.compile(expand(value), _FLAGS)  # cached by re: the checker compiles it the same way
    except re.error as exc:
        raise ValueError(f"pattern '{value}' is not a valid regular expression: {exc}"
                         ) from None
    return value


def _trigger(value: str) -> str:
    if not _TRIGGER.match(value):
        raise ValueError(f"'{value}' is not a trigger name; use one of "
                         f"{', '.join(BUILTIN_TRIGGERS)}, the id of a trigger rule, or "
                         "'cites:s21' (a citation)")
    if value.startswith("cites:") and normalise(value[6:]) is None:
        raise ValueError(f"'{value[6:]}' is not a citation; write it as s21 or reg12(5)(a)")
    return value


def _selector(value: str) -> str:
    if value in SELECTORS or normalise(value) is not None:
        return value
    raise ValueError(f"'{value}' is not a provision selector; use one of "
                     f"{', '.join(SELECTORS)} or a citation such as 's21'")


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError("a link must start with https://")
    return value


RuleId = Annotated[str, AfterValidator(_rule_id)]
Pattern = Annotated[str, AfterValidator(_pattern)]
TriggerName = Annotated[str, AfterValidator(_trigger)]
Selector = Annotated[str, AfterValidator(_selector)]
Url = Annotated[str, AfterValidator(_https)]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    # The rule set is usually unpickled from the cache (see load_rules), which needs the
    # classes but not their validators: build those on first validation, not at import.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _Rule(_Model):
    """What every rule has.

    Attributes:
        id: Stable id; a finding reports it (or ``reports``).
        extends: The rule kind.
        enabled: False switches the rule off (a house rule may switch off a built-in one).
        regimes: The regimes it applies to.
        trigger: Trigger names that must all hold for the rule to run.
        unless: Trigger names none of which may hold.
        description: A note for people who maintain the rules.
    """

    id: RuleId
    extends: str
    enabled: bool = True
    regimes: list[RegimeName] = Field(default_factory=lambda: list(REGIMES))
    trigger: list[TriggerName] = Field(default_factory=lambda: ["refusal"])
    unless: list[TriggerName] = Field(default_factory=list)
    description: str | None = None


class _Reporting(_Rule):
    """A rule that reports findings.

    Attributes:
        level: ``error`` (a MUST of the statute), ``warning`` or ``suggestion``.
        message: What is wrong and how to fix it; may use ``{cite}``, ``{match}`` and the
            kind's own fields.
        statute: The provision it enforces, for example "FOIA s17(7)(b)".
        link: Guidance page (ICO).
        reports: The finding id to report, when it is not the rule id.
    """

    level: Level
    message: Text
    statute: str | None = None
    link: Url | None = None
    reports: RuleId | None = None

    @property
    def finding_id(self) -> str:
        """The id findings of this rule carry."""
        return self.reports or self.id


class TriggerRule(_Rule):
    """A named condition defined by wording (``extends: trigger``)."""

    extends: Literal["trigger"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["always"])
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)


class ElementRule(_Reporting):
    """One of the ten elements (``extends: element``).

    Attributes:
        element: Which element.
        source: ``patterns`` (wording), ``citations`` (present when a provision is cited by
            number) or ``subsections`` (present when every citation names its subsection).
        patterns: Any one of these is evidence.
        all_of: Groups of patterns; one of each group must match (the last group's match is
            the evidence).
        near: ``document``, ``exemption`` (within ``window`` blocks of a cited provision;
            the whole letter when none is cited), ``exemption:SELECTOR`` (of a cited
            provision of that kind, e.g. ``exemption:s21``) or ``trigger:NAME`` (within
            ``window`` blocks of that trigger's wording).
        window: Blocks after the anchor searched (the anchor's own block counts as 0).
        before: Blocks before the anchor searched.
        s17_4: A statement under s17(4) (explaining would reveal exempt information)
            turns a miss into a warning.
    """

    extends: Literal["element"]
    element: ElementKey
    source: Literal["patterns", "citations", "subsections"] = "patterns"
    patterns: list[Pattern] = Field(default_factory=list)
    all_of: list[list[Pattern]] = Field(default_factory=list)
    near: str = "document"
    window: int = Field(default=12, ge=0, le=500)
    before: int = Field(default=0, ge=0, le=50)
    s17_4: bool = False

    @model_validator(mode="after")
    def _needs_evidence(self) -> ElementRule:
        if self.source == "patterns" and not (self.patterns or self.all_of):
            raise ValueError("an element rule with source 'patterns' needs 'patterns' or "
                             "'all_of'")
        near = self.near
        if near.startswith("exemption:"):
            _selector(near.removeprefix("exemption:"))
        elif not (near in ("document", "exemption") or near.startswith("trigger:")):
            raise ValueError(f"near: '{near}' is not allowed; use document, exemption, "
                             "exemption:SELECTOR (e.g. exemption:s21) or trigger:NAME")
        return self


class RequiresRule(_Reporting):
    """Wording that must appear (``extends: requires``).

    Attributes:
        patterns: Any one of them satisfies the rule.
        ignore_when: A match does not count when its sentence matches one of these.
        for_each: Check near each cited provision of this kind (``prejudice``, ``s21``...)
            instead of in the whole letter; one finding per provision that fails.
        window: Blocks after each mention searched.
        before: Blocks before each mention searched.
    """

    extends: Literal["requires"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    for_each: Selector | None = None
    window: int = Field(default=8, ge=0, le=500)
    before: int = Field(default=1, ge=0, le=50)


class ForbidsRule(_Reporting):
    """Wording that must not appear (``extends: forbids``).

    Attributes:
        patterns: Each match is a finding (up to ``max_findings``).
        ignore_when: A match is excused when its sentence matches one of these.
        for_each: Only matches near (``scope: window``) or in the same sentence as
            (``scope: sentence``) a cited provision of this kind count.
        scope: ``document``, ``window`` or ``sentence``.
        window: Blocks after each mention (scope ``window``).
        before: Blocks before each mention (scope ``window``).
        max_findings: At most this many findings (one per block).
    """

    extends: Literal["forbids"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    for_each: Selector | None = None
    scope: Literal["document", "window", "sentence"] = "document"
    window: int = Field(default=8, ge=0, le=500)
    before: int = Field(default=0, ge=0, le=50)
    max_findings: int = Field(default=3, ge=1, le=100)

    @model_validator(mode="after")
    def _scope_needs_selector(self) -> ForbidsRule:
        if self.scope != "document" and self.for_each is None:
            raise ValueError(f"scope '{self.scope}' needs 'for_each' (which provisions)")
        return self


class ConditionalRule(_Reporting):
    """If ``when`` wording appears, ``then`` wording must follow (``extends: conditional``).

    With no ``when``, the trigger (and ``unless``) alone decide; with no ``then``, every
    ``when`` match is a finding.
    """

    extends: Literal["conditional"]
    when: list[Pattern] = Field(default_factory=list)
    then: list[Pattern] = Field(default_factory=list)
    locate: str | None = None
    window: int = Field(default=2, ge=0, le=500)


class CitationTable(_Model):
    """What the citation finder knows about one regime.

    Attributes:
        sections: Section (or regulation) numbers that are exemptions, exceptions, NCND
            provisions, s12 or s14; citations of any other section are ignored.
        regulations: Regulation numbers that are EIR exceptions.
        defaults: A bare section that is acceptable on its own, and what it means
            (``s21: s21(1)``).
        deeper: Citations that need more bracketed parts than one (``"s31(1)": 2``: s31(1)
            needs its paragraph, (a) to (i)).
        qualifiers: Provisions cited only to say which limb applies ("s40(2) by virtue of
            s40(3A)(a)"); attached to the citation before them, not listed.
        absolute: Absolute provisions (s2(3)); a citation under one of these is absolute.
        depends: Provisions whose absolute/qualified status depends on the limb.
        via_absolute: Qualifiers that make a ``depends`` provision absolute.
        via_qualified: Qualifiers that make it qualified.
        prejudice: Prejudice-based provisions (the "would"/"would be likely to" test).
        ncnd: Provisions that exclude the duty to confirm or deny.
        all_qualified: Every exception not in ``absolute``/``depends`` is qualified.
    """

    sections: list[str] = Field(min_length=1)
    regulations: list[str] = Field(default_factory=list)
    defaults: dict[str, str] = Field(default_factory=dict)
    deeper: dict[str, int] = Field(default_factory=dict)
    qualifiers: list[str] = Field(default_factory=list)
    absolute: list[str] = Field(default_factory=list)
    depends: list[str] = Field(default_factory=list)
    via_absolute: list[str] = Field(default_factory=list)
    via_qualified: list[str] = Field(default_factory=list)
    prejudice: list[str] = Field(default_factory=list)
    ncnd: list[str] = Field(default_factory=list)
    all_qualified: bool = True

    @model_validator(mode="after")
    def _canonical(self) -> CitationTable:
        for name in ("qualifiers", "absolute", "depends", "via_absolute", "via_qualified",
                     "prejudice", "ncnd"):
            for cite in getattr(self, name):
                if normalise(cite) != cite:
                    raise ValueError(f"{name}: '{cite}' is not a canonical citation; write "
                                     f"'{normalise(cite) or 's31(1)(a)'}'")
        for key, cite in self.defaults.items():
            if normalise(key) != key or normalise(cite) != cite:
                raise ValueError(f"defaults: '{key}: {cite}' needs canonical citations, for "
                                 "example 's21: s21(1)'")
        for key in self.deeper:
            if normalise(key) != key:
                raise ValueError(f"deeper: '{key}' is not a canonical citation")
        return self


class CitationsRule(_Reporting):
    """Citation finding and the subsection check (``extends: citations``).

    Attributes:
        tables: One table per regime.
        other_act_after: Text right after a citation that means it belongs to another Act
            ("of the Copyright, Designs and Patents Act").
        other_act_before: Text right before a citation that means the same ("Data
            Protection Act 2018 section 45"), unless it names FOIA or the EIR.
        ignore_before: Text right before a citation that makes it a reference rather than
            a provision relied on ("the matters mentioned in section 31(1)").
    """

    extends: Literal["citations"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["refusal"])
    tables: dict[RegimeName, CitationTable]
    other_act_after: list[Pattern] = Field(default_factory=list)
    other_act_before: list[Pattern] = Field(default_factory=list)
    ignore_before: list[Pattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_regime(self) -> CitationsRule:
        missing = [r for r in REGIMES if r not in self.tables]
        if missing:
            raise ValueError(f"tables: no table for {', '.join(missing)}")
        return self


class LabellingRule(_Reporting):
    """A label that does not fit the provision it is attached to (``extends: labelling``).

    Attributes:
        applies_to: Flag labels attached to ``absolute`` or to ``qualified`` provisions.
        patterns: The label wording.
        ignore_when: A label is excused when its sentence matches one of these.
        scope: ``sentence`` (label and citation in one sentence) or ``window`` (the label
            follows the provision within ``window`` blocks, with no other provision
            mentioned in between).
        except_cites: Provisions never flagged (s41: its public-interest defence).
    """

    extends: Literal["labelling"]
    applies_to: Literal["absolute", "qualified"]
    patterns: list[Pattern] = Field(min_length=1)
    ignore_when: list[Pattern] = Field(default_factory=list)
    scope: Literal["sentence", "window"] = "sentence"
    window: int = Field(default=6, ge=0, le=500)
    except_cites: list[str] = Field(default_factory=list)


class DeadlineRule(_Reporting):
    """The letter is dated after the time for compliance (``extends: deadline``).

    Attributes:
        received: Wording giving the date of receipt (must contain ``{date}``).
        clarified: Wording giving the date a clarification arrived (restarts the clock).
        letter_date: Wording giving the letter's own date.
        letter_date_within: Only the first N blocks (and the header) are searched for it.
        extension: Wording that claims an extension (s10(3), EIR reg 7).
        working_days: The time limit per regime.
        extension_days: Further working days allowed when ``extension`` wording appears.
    """

    extends: Literal["deadline"]
    trigger: list[TriggerName] = Field(default_factory=lambda: ["always"])
    received: list[Pattern] = Field(min_length=1)
    clarified: list[Pattern] = Field(default_factory=list)
    letter_date: list[Pattern] = Field(min_length=1)
    letter_date_within: int = Field(default=25, ge=1, le=500)
    extension: list[Pattern] = Field(default_factory=list)
    working_days: dict[str, int] = Field(
        default_factory=lambda: {"foia": 20, "eir": 20, "foisa": 20})
    extension_days: dict[str, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_regimes(self) -> DeadlineRule:
        for name in ("working_days", "extension_days"):
            unknown = set(getattr(self, name)) - set(REGIMES)
            if unknown:
                raise ValueError(f"{name}: unknown regime {', '.join(sorted(unknown))}; use "
                                 "foia, eir or foisa")
        return self


class RepetitionRule(_Reporting):
    """The same paragraph pasted more than once (``extends: repetition``).

    Attributes:
        min_chars: Paragraphs shorter than this (after normalising) are not compared.
        min_repeats: How many copies make a finding.
    """

    extends: Literal["repetition"]
    min_chars: int = Field(default=120, ge=20)
    min_repeats: int = Field(default=2, ge=2)


Rule = (TriggerRule | ElementRule | RequiresRule | ForbidsRule | ConditionalRule
        | CitationsRule | LabellingRule | DeadlineRule | RepetitionRule)

_MODELS: dict[str, type[BaseModel]] = {
    "trigger": TriggerRule, "element": ElementRule, "requires": RequiresRule,
    "forbids": ForbidsRule, "conditional": ConditionalRule, "citations": CitationsRule,
    "labelling": LabellingRule, "deadline": DeadlineRule, "repetition": RepetitionRule,
}


class _Disable(_Model):
    id: RuleId
    enabled: Literal[False]


class _RuleFile(_Model):
    rules: list[dict[str, Any]]


_LITERALS: dict[str, frozenset[str] | None] = {}


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which any match of ``pattern`` must contain, if known.

    The checker searches only the blocks that contain one of them, which is what keeps
    ~60 patterns over a long letter to a few milliseconds: most patterns cannot match most
    letters, and a word boundary at the start of a pattern defeats the regex engine's own
    prefix search. None means "no safe literal": search everywhere. Worked out once per
    pattern (and kept with a cached rule set, see :func:`load_rules`).
    """
    try:
        return _LITERALS[pattern]
    except KeyError:
        found = _LITERALS[pattern] = _required_literals(pattern)
        return found


def _required_literals(pattern: str) -> frozenset[str] | None:
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(expand(pattern), re.IGNORECASE | re.MULTILINE)
    except Exception:
        return None
    return _required(list(parsed), c)


def _required(items: list[Any], c: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def score(req: frozenset[str]) -> tuple[int, int]:
        return min(len(x) for x in req), -len(req)

    def consider(req: frozenset[str] | None) -> None:
        nonlocal best
        if req and (best is None or score(req) > score(best)):
            best = req

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        consider(_literal(run))
        run = []
        if op is c.SUBPATTERN:
            consider(_required(list(av[-1]), c))
        elif op is c.BRANCH:
            alternatives = [_required(list(b), c) for b in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in repeats and av[0] >= 1:
            consider(_required(list(av[2]), c))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            consider(_required(list(av), c))
    consider(_literal(run))
    return best


def _literal(run: list[str]) -> frozenset[str] | None:
    text = "".join(run).lower()
    if len(text) >= 2 and any(ch.isalnum() for ch in text):
        return frozenset({text})
    if len(text) == 1 and text in "£§@€%":
        return frozenset({text})
    return None


@cache
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive, multi-line regex matching any of ``patterns`` (cached)."""
    if not patterns:
        return None
    if len(patterns) == 1:
        return re.compile(expand(patterns[0]), _FLAGS)
    return re.compile("|".join(f"(?:{expand(p)})" for p in patterns), _FLAGS)


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
    stem, key = _cache_key(read)
    if key is not None:
        cached = user_cache.load(stem, key)
        if isinstance(cached, RuleSet):
            _LITERALS.update(cached.literals)
            return cached
    ruleset = _validate_rules(read)
    if key is not None:
        ruleset.literals = {p: required_literals(p) for p in _patterns(ruleset.rules)}
        user_cache.store(stem, key, ruleset)
    return ruleset


def _cache_key(read: list[list[tuple[Path, bytes | RuleError]]]) -> tuple[str, str | None]:
    """The cache entry's name and key (None when a file could not be read: no caching)."""
    import pydantic
    import pydantic_core

    lines = [f"rules 1 {user_cache.source_stamp()}",
             f"pydantic {pydantic.VERSION} {pydantic_core.__version__}",
             user_cache.module_stamp("yaml")]
    for files in read:
        lines.append("folder")
        for path, data in files:
            if not isinstance(data, bytes):
                return "", None
            lines.append(f"{path}\t{user_cache.digest(data)}")
    folders = "\0".join(str(files[0][0].parent) for files in read if files)
    return f"rules-{user_cache.digest(folders)[:16]}", "\n".join(lines)


_PATTERN_FIELDS = ("patterns", "ignore_when", "when", "then", "received", "clarified",
                   "letter_date", "extension", "other_act_after", "other_act_before",
                   "ignore_before")


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
    elif not isinstance(kind, str) or kind not in _MODELS:
        shown = "nothing" if kind is None else f"'{kind}'"
        problems.append(Problem(
            f"extends is {shown}: not a rule kind", file=positions.file,
            line=positions.line_of((*base, "extends")), key=f"rules[{i}].extends",
            fix=f"use one of {', '.join(KINDS)}"))
        return None
    else:
        model = _MODELS[kind]
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
