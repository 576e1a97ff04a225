"""The usual counterpart of a provision in another regime, and numberings one regime lacks.

A letter written under the wrong law cites the right idea with the wrong number: an EIR
letter relying on FOIA s43(2) (commercial interests) instead of EIR reg 12(5)(e), a FOISA
letter relying on "section 43(2)" (FOISA's commercial interests exemption is s33(1)(b); its
s43 is about the Commissioner) or on EIR reg 12(5)(e) (Scottish environmental information
falls under the Environmental Information (Scotland) Regulations 2004, whose exceptions are
reg 10(4) and 10(5)). The case validator names the counterpart when a case cites a
provision of another regime, and the checker when a letter does.

A counterpart is a pointer for the fix, not an equivalence in law: each provision has its own
test (FOISA's "prejudice substantially" is a higher bar than FOIA's "prejudice"; every EIR
exception is qualified and read restrictively, reg 12(1)(b), 12(2)).

Sources: FOIA Part II (ss21-44), the EIR reg 12 and 13, FOISA Part 2 (ss25-41), the EISR 2004
reg 10 and 11, on legislation.gov.uk.
"""

from __future__ import annotations

from drafter.law.provisions import under

__all__ = ["COUNTERPARTS", "EIR_TO_EISR", "FOISA_LETTERED", "FOISA_NOT_EXEMPTIONS",
           "FOISA_ONLY", "counterpart"]

COUNTERPARTS: dict[str, dict[str, str]] = {
    "eir": {"s21": "reg6(1)(b)", "s22": "reg12(4)(d)", "s24": "reg12(5)(a)",
            "s26": "reg12(5)(a)", "s27": "reg12(5)(a)", "s30": "reg12(5)(b)",
            "s31": "reg12(5)(b)", "s35": "reg12(4)(e)", "s36": "reg12(4)(e)",
            "s38": "reg12(5)(a)", "s40": "reg13(1)", "s41": "reg12(5)(f)",
            "s42": "reg12(5)(b)", "s43": "reg12(5)(e)", "s12": "reg12(4)(b)",
            "s14": "reg12(4)(b)"},
    "foisa": {"s21": "s25(1)", "s22": "s27(1)", "s22A": "s27(2)", "s23": "s31(1)",
              "s24": "s31(1)", "s26": "s31(4)", "s27": "s32(1)(a)", "s28": "s28(1)",
              "s29": "s33(2)", "s31": "s35(1)", "s32": "s37(1)", "s33": "s40",
              "s35": "s29(1)", "s36": "s30", "s37": "s41", "s38": "s39(1)",
              "s39": "s39(2)", "s40": "s38(1)", "s41": "s36(2)", "s42": "s36(1)",
              "s43": "s33(1)", "s44": "s26(a)",
              # finer, where the limbs line up
              "s40(1)": "s38(1)(a)", "s40(2)": "s38(1)(b)", "s43(1)": "s33(1)(a)",
              "s43(2)": "s33(1)(b)"},
}
"""FOIA provision (section, or a limb of one) to its usual counterpart in the EIR or FOISA."""

FOISA_NOT_EXEMPTIONS = frozenset({"s21", "s22", "s22A", "s23", "s24", "s42", "s43", "s44"})
"""FOIA Part II sections whose numbers are no exemption in FOISA (whose Part 2 runs from s25
to s41): FOISA s21 is the review, s23 and s24 publication schemes, s42 to s44 the
Commissioner."""

FOISA_LETTERED = frozenset({"s26", "s30", "s40", "s41"})
"""FOISA sections divided straight into lettered paragraphs (s26(a), s30(b)(i), s40(a),
s41(b)): a numbered subsection of one ("section 40(2)") is FOIA's numbering."""

FOISA_ONLY = {"s25": "s21(1)"}
"""FOISA exemptions whose numbers are no exemption in FOIA (FOIA s25 is about certificates
under s23 and s24), with the FOIA counterpart."""

EIR_TO_EISR = {"reg12(4)": "reg10(4)", "reg12(5)": "reg10(5)"}
"""EIR exceptions to the EISR 2004 paragraphs with the same letters (reg 10(4), 10(5))."""

def counterpart(cite: str, regime: str) -> str | None:
    """The usual counterpart in ``regime`` of the provision ``cite`` of another, or None.

    For FOISA and the EIR, ``cite`` is FOIA's (or the EIR's): the finest entry that it falls
    under wins (``s43(2)`` before ``s43``), and an EIR exception's EISR counterpart keeps its
    paragraph letter (``reg12(5)(e)`` gives ``reg10(5)(e)``). For FOIA and the EIR, a FOISA
    number FOIA lacks (``s25(1)``) or an EISR exception (``reg10(5)(e)``) gives FOIA's or the
    EIR's.
    """
    if cite.startswith("reg"):
        pairs = EIR_TO_EISR.items() if regime == "foisa" else [
            (eisr, eir) for eir, eisr in EIR_TO_EISR.items()]
        for old, new in pairs:
            if cite.startswith(old):
                return new + cite[len(old):]
        return None
    section_only = cite.split("(")[0]
    if regime != "foisa" and section_only in FOISA_ONLY:
        return FOISA_ONLY[section_only]
    table = COUNTERPARTS.get(regime, {})
    best: str | None = None
    for key in table:
        if under(cite, key) and (best is None or len(key) > len(best)):
            best = key
    return table[best] if best is not None else None
