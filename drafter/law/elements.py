"""The ten elements of a refusal notice that ``drafter check`` looks for, with their law.

One table, :data:`ELEMENT_TABLE`, gives each element its key, what it is and which
provision requires it under each regime. Everything else is derived from it: the order of
:data:`ELEMENTS` (the keys of ``drafter check --format json``), :data:`ELEMENT_LAW` (the
"law" column of the text report) and the statute each checker rule in
``drafter/_data/rules/elements.yaml`` cites (a test holds them together).

FOIA s17 (with s16 and s12), EIR reg 14 (with regs 9 and 11) and FOISA s16 (with s15, s19,
s20 and s47) ask for much the same things, under different numbers:

* the notice says that information is withheld (or neither confirmed nor denied), names the
  exemption or exception *with its subsection*, and says why it applies;
* for a qualified exemption (every EIR exception) it gives the public interest reasons;
* a FOIA s17(2) holding notice estimates when the public interest decision will be made;
* it gives the review procedure and the right to complain to the regulator;
* a cost-limit refusal advises how the request could be narrowed (s16) and, as good
  practice, shows the estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from drafter.law.regimes import Regime

__all__ = ["ELEMENTS", "ELEMENT_LAW", "ELEMENT_TABLE", "Element", "ElementKey", "Provisions"]


@dataclass(frozen=True)
class Provisions:
    """Where one regime requires one element.

    Attributes:
        shown: The provisions that require it, as the report's "law" column prints them.
            Empty when the element does not arise under the regime (EIR has no cost limit
            and no s17(2) holding notice).
        related: Other provisions a checker rule for the element may cite (the s12/s14
            notice in s17(5), the s10(3) extension behind s17(2), the s50 right behind
            s17(7)(b)...).
    """

    shown: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """``shown`` then ``related``."""
        return self.shown + self.related


@dataclass(frozen=True)
class Element:
    """One element of a refusal notice.

    Attributes:
        key: The element's name in JSON output and in the checker's rules.
        title: A few words for people.
        description: What the notice must do to have it.
        must: True when the law requires it; False for good practice (its finding is a
            warning, not an error).
        law: Where each regime requires it.
    """

    key: str
    title: str
    description: str
    must: bool
    law: dict[Regime, Provisions] = field(default_factory=dict)

    def provisions(self, regime: Regime | str) -> Provisions:
        """Where ``regime`` requires this element (empty if it does not arise there)."""
        return self.law.get(Regime(regime), Provisions())


def _law(foia: Provisions, eir: Provisions, foisa: Provisions) -> dict[Regime, Provisions]:
    return {Regime.foia: foia, Regime.eir: eir, Regime.foisa: foisa}


P = Provisions

ELEMENT_TABLE: tuple[Element, ...] = (
    Element("states_refusal", "states the refusal",
            "Says plainly that information is withheld, or that the authority neither "
            "confirms nor denies holding it (for s12 or s14, that it relies on them).",
            True, _law(P(("s17(1)(a)",), ("s17(5)",)), P(("reg 14(1)",)),
                       P(("s16(1)(b)",)))),
    Element("specifies_exemption", "names the exemption",
            "Cites each exemption or exception relied on by its number, not by description.",
            True, _law(P(("s17(1)(b)",)), P(("reg 14(3)(a)",)), P(("s16(1)(c)",)))),
    Element("names_subsection", "cites the subsection",
            "Cites each exemption with the subsection or paragraph relied on, e.g. "
            "section 31(1)(a) (ICO line to take LTT101).",
            True, _law(P(("s17(1)(b)",)), P(("reg 14(3)(a)",)), P(("s16(1)(c)",)))),
    Element("explains_why", "explains why it applies",
            "Says why the exemption applies to this information (unless that is apparent or "
            "would itself reveal exempt information, s17(4)).",
            True, _law(P(("s17(1)(c)",), ("s17(4)", "s17(5)")), P(("reg 14(3)(a)",)),
                       P(("s16(1)(d)",)))),
    Element("public_interest_reasons", "gives the public interest reasons",
            "For a qualified exemption (every EIR exception), gives the factors for "
            "disclosure, the factors for maintaining the exemption and the conclusion.",
            True, _law(P(("s17(3)",), ("s17(4)",)), P(("reg 14(3)(b)",)), P(("s16(2)",)))),
    Element("pit_extension_estimate", "estimates the public interest decision date",
            "A FOIA s17(2) holding notice, sent while the public interest is considered "
            "under s10(3), estimates the date by which the decision will be made.",
            True, _law(P(("s17(2)",), ("s10(3)",)), P(), P())),
    Element("internal_review", "gives the review procedure",
            "Gives the authority's procedure for internal review (FOIA), the right to make "
            "representations (EIR) or to require a review (FOISA), or says there is none.",
            True, _law(P(("s17(7)(a)",)), P(("reg 14(5)(a)", "reg 11")),
                       P(("s19", "s20")))),
    Element("ico_right", "gives the right to complain to the regulator",
            "Tells the requester of the right to apply to the Information Commissioner "
            "(FOIA s50, applied to the EIR by reg 18) or the Scottish Information "
            "Commissioner (FOISA s47).",
            True, _law(P(("s17(7)(b)",), ("s50",)), P(("reg 14(5)(b)", "reg 18")),
                       P(("s19(b)", "s47")))),
    Element("advice_and_assistance", "advises how to narrow the request",
            "With a cost-limit refusal, advises how the request could be brought within the "
            "limit, or says why nothing can be provided (s45 Code of Practice).",
            True, _law(P(("s16",), ("s45",)), P(("reg 9",)), P(("s15",)))),
    Element("cost_estimate", "shows the cost estimate",
            "With a cost-limit refusal, gives the limit, the hourly rate and the estimate "
            "for each activity (good practice: the Fees Regulations set how it is made).",
            False, _law(P(("s12",)), P(), P(("s12",)))),
)
"""The ten elements, in the order reports list them."""

ElementKey = Literal["states_refusal", "specifies_exemption", "names_subsection",
                     "explains_why", "public_interest_reasons", "pit_extension_estimate",
                     "internal_review", "ico_right", "advice_and_assistance", "cost_estimate"]
"""An element key, for type checkers. Type checkers cannot read a table, so this spells the
keys out once more; the assertion below keeps it equal to :data:`ELEMENT_TABLE`."""

ELEMENTS: tuple[ElementKey, ...] = get_args(ElementKey)
"""The ten element keys of ``drafter check --format json``, in order."""

if tuple(e.key for e in ELEMENT_TABLE) != ELEMENTS:  # pragma: no cover - a coding error
    raise AssertionError("ElementKey and ELEMENT_TABLE list different elements")

ELEMENT_BY_KEY: dict[str, Element] = {e.key: e for e in ELEMENT_TABLE}

ELEMENT_LAW: dict[Regime, dict[str, str]] = {
    regime: {e.key: ", ".join(e.provisions(regime).shown) or "-" for e in ELEMENT_TABLE}
    for regime in Regime
}
"""The provision each element comes from, per regime, as the text report prints it."""
