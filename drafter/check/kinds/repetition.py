"""``extends: repetition``: the same long paragraph pasted more than once."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from drafter.check.kinds.base import ReportingRule, finding
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["RepetitionRule", "run_rule"]

_WORD = re.compile(r"\w+")


class RepetitionRule(ReportingRule):
    """The same paragraph pasted more than once (``extends: repetition``).

    Attributes:
        min_chars: Paragraphs shorter than this (after normalising) are not compared.
        min_repeats: How many copies make a finding.
    """

    extends: Literal["repetition"]
    min_chars: int = Field(default=120, ge=20)
    min_repeats: int = Field(default=2, ge=2)


def run_rule(run: Run, rule: RepetitionRule) -> list[Finding]:
    """The findings of ``rule`` in the letter of ``run``."""
    seen: dict[str, list[int]] = {}
    for i, seg in enumerate(run.doc.segments):
        if seg.text.rstrip().endswith("?"):
            continue  # a part of the request repeated before its answer, not reasoning
        lowered = seg.text.lower()
        if len(lowered) < rule.min_chars:  # its words, joined, are no longer than that
            continue
        key = " ".join(_WORD.findall(lowered))
        if len(key) >= rule.min_chars:
            seen.setdefault(key, []).append(i)
    out = []
    for indices in seen.values():
        if len(indices) >= rule.min_repeats:
            where = [run.doc.segments[i].location or "?" for i in indices]
            out.append(finding(rule, where[1], count=str(len(indices)),
                                locations=", ".join(where)))
    return out
