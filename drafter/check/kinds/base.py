"""What every rule kind shares: the base models, the field types and building findings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from drafter.check.mentions import Mention
from drafter.check.patterns import validate_pattern
from drafter.check.results import Finding
from drafter.check.triggers import BUILTINS
from drafter.law.citations import normalise, prose
from drafter.law.regimes import REGIMES, Regime

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["REGIMES", "SELECTORS", "Level", "Pattern", "ReportingRule",
           "RuleBase", "RuleId", "RuleModel", "Selector", "Text", "TriggerName", "Url",
           "by_section", "finding", "fmt", "label", "short", "validate_selector"]

Level = Literal["error", "warning", "suggestion"]

SELECTORS = ("any", "absolute", "qualified", "prejudice", "ncnd")
"""Keywords ``for_each`` accepts besides a citation prefix such as ``s21``."""

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_TRIGGER = re.compile(r"^(?:[a-z][a-z0-9_]*|cites:\S+)$")


def _rule_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a valid rule id: use lower-case letters, digits, "
                         "hyphens and underscores, e.g. 'ncnd-confirms-held'")
    return value


def _trigger(value: str) -> str:
    if not _TRIGGER.match(value):
        raise ValueError(f"'{value}' is not a trigger name; use one of "
                         f"{', '.join(BUILTINS)}, the id of a trigger rule, or "
                         "'cites:s21' (a citation)")
    if value.startswith("cites:") and normalise(value[6:]) is None:
        raise ValueError(f"'{value[6:]}' is not a citation; write it as s21 or reg12(5)(a)")
    return value


def validate_selector(value: str) -> str:
    """``value`` if it selects provisions: a keyword of :data:`SELECTORS` or a citation."""
    if value in SELECTORS or normalise(value) is not None:
        return value
    raise ValueError(f"'{value}' is not a provision selector; use one of "
                     f"{', '.join(SELECTORS)} or a citation such as 's21'")


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError("a link must start with https://")
    return value


RuleId = Annotated[str, AfterValidator(_rule_id)]
Pattern = Annotated[str, AfterValidator(validate_pattern)]
TriggerName = Annotated[str, AfterValidator(_trigger)]
Selector = Annotated[str, AfterValidator(validate_selector)]
Url = Annotated[str, AfterValidator(_https)]
Text = Annotated[str, Field(min_length=1)]


class RuleModel(BaseModel):
    """A frozen model that rejects unknown keys: every rule and the parts of one."""

    # The rule set is usually unpickled from the cache (see load_rules), which needs the
    # classes but not their validators: build those on first validation, not at import.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class RuleBase(RuleModel):
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
    regimes: list[Regime] = Field(default_factory=lambda: list(REGIMES))
    trigger: list[TriggerName] = Field(default_factory=lambda: ["refusal"])
    unless: list[TriggerName] = Field(default_factory=list)
    description: str | None = None


class ReportingRule(RuleBase):
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


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fmt(message: str, **values: str) -> str:
    """``message`` with ``{name}`` filled from ``values`` (unknown names kept), on one line."""
    return " ".join(message.format_map(_Safe(values)).split())


def short(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finding(rule: Any, location: str | None, **values: str) -> Finding:
    """A finding of ``rule`` at ``location``, its message filled from ``values``."""
    return Finding(rule.finding_id, rule.level, fmt(rule.message, **values), location,
                   rule.statute, rule.link)


def by_section(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """``mentions`` grouped by the section (or regulation) they belong to, in order."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.section, []).append(m)
    return groups


def label(run: Run, mentions: list[Mention]) -> str:
    """How a finding names a provision: its fullest citation, as prose ("section 31(1)(a)")."""
    best = max(mentions, key=lambda m: len(m.parts))
    return prose(run.cite_of(best))
