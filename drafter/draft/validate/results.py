"""What validation produces: the case's parts with the provisions they resolved to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from drafter.draft.casefile import LoadedCase
from drafter.draft.model import ExemptionUse, Part
from drafter.errors import Problem
from drafter.infra.yamlio import Loc
from drafter.library.model import Provision

Stage = Literal["final", "holding", "final_after_extension"]


@dataclass
class ResolvedUse:
    """An exemption use with the library provision it resolved to."""

    use: ExemptionUse
    provision: Provision
    loc: Loc


@dataclass
class ResolvedPart:
    """A part of the request with its resolved exemptions."""

    part: Part
    uses: list[ResolvedUse]
    loc: Loc


@dataclass
class ValidatedCase:
    """The outcome of validation: resolved parts, the stage, the dates, and all problems."""

    parts: list[ResolvedPart]
    stage: Stage
    sent: dt.date
    due: dt.date
    late: bool
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Error-level problems."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Warning-level problems."""
        return [p for p in self.problems if p.level == "warning"]


def stage_of(loaded: LoadedCase) -> Stage:
    """Which notice the case asks for: final, s17(2) holding, or final after an extension."""
    pit = loaded.case.pit_extension
    if pit is None:
        return "final"
    return "holding" if pit.holding_notice_sent is None else "final_after_extension"


