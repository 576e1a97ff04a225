"""The closed set of checker rule kinds: each module holds one kind's schema and its run.

Every rule has an ``id`` and an ``extends`` key that picks its kind (after vale). The kinds,
and what each checks, are:

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
``regime``
    A provision relied on under the wrong law (FOIA s43(2) in an EIR letter, FOIA
    numbering in a FOISA letter), or a law declared that the citations contradict.

Every finding-producing rule carries ``level`` (error, warning, suggestion), ``message``,
``statute`` and ``link``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.check.kinds import (
    citations,
    conditional,
    deadline,
    forbids,
    labelling,
    regime,
    repetition,
    requires,
)
from drafter.check.kinds.base import RuleBase
from drafter.check.kinds.citations import CitationsRule, CitationTable
from drafter.check.kinds.conditional import ConditionalRule
from drafter.check.kinds.deadline import DeadlineRule
from drafter.check.kinds.element import ElementRule
from drafter.check.kinds.forbids import ForbidsRule
from drafter.check.kinds.labelling import LabellingRule
from drafter.check.kinds.regime import RegimeRule
from drafter.check.kinds.repetition import RepetitionRule
from drafter.check.kinds.requires import RequiresRule
from drafter.check.kinds.trigger import TriggerRule
from drafter.check.results import Finding

if TYPE_CHECKING:
    from drafter.check.engine import Run

__all__ = ["KINDS", "CitationTable", "CitationsRule", "ConditionalRule", "DeadlineRule",
           "ElementRule", "ForbidsRule", "Kind", "LabellingRule", "RegimeRule", "RepetitionRule",
           "RequiresRule", "Rule", "TriggerRule"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One rule kind: its schema, and the function that runs a rule of it on a letter.

    ``run`` is None for ``trigger`` and ``element`` rules, which the engine uses itself (to
    decide which rules run, and to fill in the ten elements).
    """

    model: type[RuleBase]
    run: Callable[[Run, Any], list[Finding]] | None = None


KINDS: dict[str, Kind] = {
    "trigger": Kind(TriggerRule),
    "element": Kind(ElementRule),
    "requires": Kind(RequiresRule, requires.run_rule),
    "forbids": Kind(ForbidsRule, forbids.run_rule),
    "conditional": Kind(ConditionalRule, conditional.run_rule),
    "citations": Kind(CitationsRule, citations.run_rule),
    "labelling": Kind(LabellingRule, labelling.run_rule),
    "deadline": Kind(DeadlineRule, deadline.run_rule),
    "repetition": Kind(RepetitionRule, repetition.run_rule),
    "regime": Kind(RegimeRule, regime.run_rule),
}
"""Every rule kind by its ``extends`` name, in the order the documentation lists them."""

Rule = (TriggerRule | ElementRule | RequiresRule | ForbidsRule | ConditionalRule
        | CitationsRule | LabellingRule | DeadlineRule | RepetitionRule | RegimeRule)
"""A rule of any kind."""
