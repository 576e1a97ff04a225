"""What the checker reports: findings, the ten elements and the result for one letter.

:class:`CheckResult` is the JSON object of ``drafter check --format json``; its ``elements``
are keyed by ELEMENTS (from :mod:`drafter.law.elements`), each an :class:`ElementResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.law.elements import ELEMENTS, ElementKey

__all__ = ["ELEMENTS", "LEVELS", "NOT_APPLICABLE", "CheckResult", "ElementKey",
           "ElementResult", "Finding"]

LEVELS = ("suggestion", "warning", "error")
"""Finding levels, least serious first."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker reports.

    Attributes:
        id: The rule's finding id (an element name for a missing element).
        level: ``error``, ``warning`` or ``suggestion``.
        message: What is wrong and how to fix it.
        location: Where, for example ``paragraph 7`` or ``line 12``; None for the letter.
        statute: The provision the rule enforces.
        link: Guidance page.
    """

    id: str
    level: str
    message: str
    location: str | None = None
    statute: str | None = None
    link: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's finding object: id, level, message, location."""
        return {"id": self.id, "level": self.level, "message": self.message,
                "location": self.location}


@dataclass(frozen=True, slots=True)
class ElementResult:
    """One of the ten elements: ``present``, ``missing`` or ``not_applicable``."""

    status: str
    evidence: str | None = None
    location: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """``{"status": ..., "evidence": ..., "location": ...}``."""
        return {"status": self.status, "evidence": self.evidence, "location": self.location}


NOT_APPLICABLE = ElementResult("not_applicable")


@dataclass
class CheckResult:
    """What ``drafter check`` reports for one file (``docs/check.md``)."""

    file: str
    regime: str
    is_refusal: bool
    exemptions: list[str]
    ncnd: bool
    elements: dict[str, ElementResult]
    findings: list[Finding]
    provisions: list[Any] = field(default_factory=list)
    kind: str = "refusal"
    """refusal, holding, final_after_extension, cost_or_burden, not_held, disclosure or
    not_a_letter."""
    """Each provision relied on, with its own elements (:class:`drafter.check.blocks.Exemption`)."""

    @property
    def ok(self) -> bool:
        """True when no finding is at error level."""
        return not any(f.level == "error" for f in self.findings)

    def shown(self, min_level: str = "suggestion") -> list[Finding]:
        """The findings at or above ``min_level``."""
        floor = LEVELS.index(min_level)
        return [f for f in self.findings if LEVELS.index(f.level) >= floor]

    def as_dict(self, min_level: str = "suggestion") -> dict[str, Any]:
        """The JSON object of ``drafter check --format json``; ``min_level`` filters findings."""
        return {
            "file": self.file,
            "regime": self.regime,
            "is_refusal": self.is_refusal,
            "exemptions": list(self.exemptions),
            "ncnd": self.ncnd,
            "elements": {k: self.elements[k].as_dict() for k in ELEMENTS},
            "findings": [f.as_dict() for f in self.shown(min_level)],
            "ok": self.ok,
            "kind": self.kind,
            "provisions": [p.as_dict() for p in self.provisions],
        }
