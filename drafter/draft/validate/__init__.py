"""Check a case against the law before anything is written.

Each rule cites what it enforces. Errors stop the letter (exit 1); warnings are reported and,
with ``--strict``, stop it too. All problems are collected and reported together.

The rules are grouped by what they look at:

* :mod:`.resolve`: which library provision a case's ``cite`` (and ``via``) means;
* :mod:`.case`: :func:`validate_case`, the dates of the case, and the order the checks run in;
* :mod:`.parts`: each part's outcome and the neither-confirm-nor-deny rules;
* :mod:`.exemptions`: each exemption used (likelihood, public interest, what it requires,
  the library wording it names);
* :mod:`.whole`: refusals of the whole request (s12, s14) and the s10(3) extension.
"""

from drafter.draft.validate.case import validate_case
from drafter.draft.validate.resolve import resolve_use
from drafter.draft.validate.results import (
    ResolvedPart,
    ResolvedUse,
    Stage,
    ValidatedCase,
    stage_of,
)

__all__ = [
    "ResolvedPart",
    "ResolvedUse",
    "Stage",
    "ValidatedCase",
    "resolve_use",
    "stage_of",
    "validate_case",
]
