"""The built-in triggers: one table, used both to validate rules and to evaluate them.

A rule runs when every name in its ``trigger`` holds and none in its ``unless`` does. A name
is ``cites:PROVISION``, the id of a trigger rule (a condition defined by wording, such as
``ncnd_wording``), or one of the built-in triggers below, which the engine works out from the
provisions the letter cites. Rule files are checked against :data:`BUILTINS` when they are
loaded, and the engine evaluates a name through the same table, so a name cannot be known to
one and not the other; asking for a name that is not there is an error, never a silent
"does not hold".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.check.mentions import Mention, under

if TYPE_CHECKING:
    from drafter.check.engine import Run
    from drafter.law.provisions import ProvisionFacts

__all__ = ["BUILTINS", "BUILTIN_TRIGGERS", "Trigger", "UnknownTriggerError",
           "called_absolute", "evaluate"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A built-in trigger: what it means, and the function that decides it for a letter."""

    doc: str
    holds: Callable[[Run], bool]


class UnknownTriggerError(LookupError):
    """A trigger name that is neither built in nor a trigger rule (a bug: rules are checked)."""


def _facts(run: Run) -> list[ProvisionFacts]:
    return [run.facts[id(m)] for m in run.mentions]


def _substantive(run: Run) -> list[ProvisionFacts]:
    return [f for f in _facts(run) if not f.procedural]


_CALLED_ABSOLUTE = re.compile(r"\b(?:is|as|being)\s+an?\s+absolute\s+exemption\b", re.I)


def called_absolute(run: Run, m: Mention) -> bool:
    """True when the letter itself calls the provision of ``m`` absolute.

    For provisions whose status depends on how they are engaged (s40(2)), "Section 40(2) is an
    absolute exemption" followed by a public interest test is still the defect.
    """
    text = run.doc.text
    for other in run.mentions:
        if run.cite_of(other) == run.cite_of(m):
            start, end = run.doc.sentence_at(other.start)
            if _CALLED_ABSOLUTE.search(text, start, end):
                return True
    return False


def _refusal(run: Run) -> bool:
    if run.wording("not_a_letter"):  # a decision notice cites exemptions but refuses no one
        return False
    return bool(_facts(run)) or run.trigger("ncnd") or run.wording("refusal_wording")


def _exemption(run: Run) -> bool:
    return bool(_substantive(run)) or run.wording("ncnd_wording")


def _absolute(run: Run) -> bool:
    # or one the letter itself calls absolute (see called_absolute)
    return any(f.absolute is True for f in _substantive(run)) or any(
        run.facts[id(m)].absolute is None and not run.facts[id(m)].procedural
        and called_absolute(run, m) for m in run.mentions)


def _cites(section: str) -> Callable[[Run], bool]:
    return lambda run: any(under(run.cite_of(m), section) for m in run.mentions)


def _procedural_only(run: Run) -> bool:
    # NCND wording too, when a procedural NCND provision (s12(2)) is cited
    facts = _facts(run)
    return bool(facts) and not _substantive(run) and (
        any(f.ncnd for f in facts) or not run.wording("ncnd_wording"))


def _regime(name: str) -> Callable[[Run], bool]:
    return lambda run: run.regime == name


BUILTINS: dict[str, Trigger] = {
    "always": Trigger("every letter", lambda run: True),
    "refusal": Trigger("the letter refuses something (is_refusal)", _refusal),
    "exemption": Trigger("a Part II exemption, NCND provision or EIR exception is cited, or "
                         "NCND wording is used", _exemption),
    "qualified": Trigger("a qualified exemption or NCND provision is cited (every EIR "
                         "exception)",
                         lambda run: any(f.absolute is False for f in _substantive(run))),
    "absolute": Trigger("an absolute exemption is cited", _absolute),
    "prejudice": Trigger("a prejudice-based exemption is cited",
                         lambda run: any(f.prejudice_based for f in _substantive(run))),
    "ncnd": Trigger("NCND wording is used or an NCND provision cited",
                    lambda run: run.trigger("ncnd_cited") or run.wording("ncnd_wording")),
    "ncnd_cited": Trigger("an NCND provision is cited",
                          lambda run: any(f.ncnd for f in _facts(run))),
    "s12": Trigger("the cost limit (s12) is cited", _cites("s12")),
    "s14": Trigger("s14 (vexatious or repeated) is cited", _cites("s14")),
    "procedural_only": Trigger("only s12 or s14 is relied on", _procedural_only),
    "cited": Trigger("a provision (exemption, NCND provision, exception, s12 or s14) is cited",
                     lambda run: bool(_facts(run))),
    "uncertain": Trigger("a provision is cited whose absolute/qualified status depends on "
                         "its limb",
                         lambda run: any(f.absolute is None for f in _substantive(run))),
    "foia": Trigger("the FOIA regime", _regime("foia")),
    "eir": Trigger("the EIR regime", _regime("eir")),
    "foisa": Trigger("the FOISA regime", _regime("foisa")),
    "truncated": Trigger("only the start of the file was read",
                         lambda run: "truncated" in run.notice.meta),
}
"""Trigger names computed by the engine; ``cites:PROVISION`` and trigger rules add more."""

BUILTIN_TRIGGERS: dict[str, str] = {name: t.doc for name, t in BUILTINS.items()}
"""What each built-in trigger means, by name."""


def evaluate(run: Run, name: str) -> bool:
    """Whether built-in trigger ``name`` holds for the letter of ``run``.

    Raises:
        UnknownTriggerError: ``name`` is not a built-in trigger.
    """
    trigger = BUILTINS.get(name)
    if trigger is None:
        raise UnknownTriggerError(f"'{name}' is not a built-in trigger; use one of "
                                  f"{', '.join(BUILTINS)}")
    return trigger.holds(run)
