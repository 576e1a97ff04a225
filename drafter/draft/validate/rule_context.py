"""What every rule of law added for the legal review sees: the case, the library, the parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from drafter.draft.casefile import LoadedCase
from drafter.draft.validate.results import ResolvedPart, ResolvedUse, Stage
from drafter.errors import Level, Problem
from drafter.infra.yamlio import Loc
from drafter.library.load import Library


@dataclass(frozen=True)
class RuleContext:
    """One case being validated."""

    loaded: LoadedCase
    lib: Library
    parts: list[ResolvedPart]
    stage: Stage
    sent: dt.date
    due: dt.date

    def problem(self, loc: Loc, message: str, fix: str | None = None,
                level: Level = "error") -> Problem:
        """A problem at ``loc`` in the case file."""
        return self.loaded.problem(loc, message, fix, level=level)

    def profile_problem(self, key: str, message: str, fix: str,
                        level: Level = "warning") -> Problem:
        """A problem with the authority profile, located at the case's ``authority:`` key."""
        where = self.loaded.authority_path
        named = f"the authority profile ({where})" if where else "the authority profile"
        p = self.loaded.problem(("authority",), message, f"{fix} in {named}", level=level)
        return Problem(p.message, file=p.file, line=p.line, key=f"authority.{key}",
                       fix=p.fix, level=p.level)

    def uses(self) -> list[tuple[ResolvedPart, ResolvedUse]]:
        """Every exemption use, with its part."""
        return [(rp, u) for rp in self.parts for u in rp.uses]

    def whole(self) -> bool:
        """True when the whole request is refused under s12 or s14."""
        case = self.loaded.case
        return case.cost_limit is not None or case.vexatious is not None
