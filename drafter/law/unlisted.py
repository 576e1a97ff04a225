"""The legal facts the checker needs about provisions that are not clause-library provisions.

Every provision the library has (``clauses/*.yaml``) takes its facts from there and nowhere
else (:mod:`drafter.law.provisions`). What is left is held here, once:

* :data:`RENUMBERED`: citations letters still make of provisions the Data Protection Act 2018
  (Sch 19 paras 58 and 307) renumbered, and the current provisions that replaced them. FOIA
  s40(5) became s40(5A) (the requester's own data) and s40(5B) (another person's), and the
  conditions of s40(3) and s40(4) became s40(3A)/(3B) and s40(4A); EIR reg 13(5) became
  reg 13(5A), whose conditions are in reg 13(5B). A former or condition citation has the
  facts of the provisions it stands for.
* :data:`UNLISTED`: the Environmental Information (Scotland) Regulations 2004, which FOISA
  letters cite beside FOISA (FOISA s39(2) sends environmental information there) and which
  the library does not draft. Reg 10(1)(b) applies the public interest test to every
  exception in reg 10(4) and 10(5); reg 10(5) is engaged where disclosure "would, or would be
  likely to, prejudice substantially" an interest; reg 11(2) (another person's personal
  data) is absolute where the first condition (reg 11(3A)) is met and qualified otherwise.

Sections 1, 2, 16 and 17 of FOIA (and their FOISA and EIR counterparts) are the machinery of
a request and a refusal, not grounds for refusing: the checker never reads them as provisions
relied on (the citation rule's ``sections``; FOIA s17(5) and FOISA s16(4)/(5) are read as the
notice of the s12 or s14 they go with, its ``notices``), so no facts are needed for them.
"""

from __future__ import annotations

from drafter.law.provisions import ProvisionRecord

__all__ = ["RENUMBERED", "UNLISTED"]

_FOIA_EIR = {
    # FOIA s40 before the DPA 2018: the conditions in s40(3) (now s40(3A), absolute, and
    # s40(3B), qualified) and s40(4) (now s40(4A)), and the NCND duty in s40(5)
    "s40(3)": ("s40(3A)", "s40(3B)"), "s40(4)": ("s40(4A)",), "s40(5)": ("s40(5A)", "s40(5B)"),
    # EIR reg 13(5) before the DPA 2018, and reg 13(5B), the conditions of reg 13(5A)
    "reg13(5)": ("reg13(5A)",), "reg13(5B)": ("reg13(5A)",),
}

RENUMBERED: dict[str, dict[str, tuple[str, ...]]] = {
    "foia": _FOIA_EIR, "eir": _FOIA_EIR, "foisa": {},
}
"""By regime: a citation and the library provisions it stands for (FOIA and EIR letters cite
each other's provisions, so both read both)."""


def _exception(cite: str, *, prejudice: bool = False, via: str | None = None,
               absolute: bool = False) -> tuple[str, ProvisionRecord]:
    return cite, ProvisionRecord(via=via, absolute=absolute, prejudice_based=prejudice,
                                 ncnd=False, procedural=False)


_EISR: dict[str, tuple[ProvisionRecord, ...]] = {
    **{c: (r,) for c, r in (_exception(f"reg10(4)({x})") for x in "abcde")},
    **{c: (r,) for c, r in (_exception(f"reg10(5)({x})", prejudice=True) for x in "abcdefg")},
    "reg11(2)": (_exception("reg11(2)", via="reg11(3A)", absolute=True)[1],
                 _exception("reg11(2)", via="reg11(3B)")[1],
                 _exception("reg11(2)", via="reg11(4A)")[1]),
}

UNLISTED: dict[str, dict[str, tuple[ProvisionRecord, ...]]] = {
    "foia": {}, "eir": {}, "foisa": _EISR,
}
"""By regime: records of provisions the library does not have, by canonical citation."""
